"""The meeting room's screen: a link the office makes opens the dashboard without a login, shows no
links behind it, is audited once a day, and stops at once when revoked, expired, or when its maker
loses the office role."""

import re

from django.utils import timezone

from luoshi.core.models import AuditEntry
from luoshi.org.models import RoleAssignment
from luoshi.org.services import role_revoke
from luoshi.plans import services as plan_services
from luoshi.progress.tests.factories import make_plan, make_task
from luoshi.reports import services
from luoshi.reports.models import ScreenLink


def _plan(world):
    plan = make_plan(world, timezone.localdate().year)
    make_task(world, plan, title="修路")
    plan_services.plan_deploy(actor=world.user("office"), plan=plan)
    return plan


def test_the_office_makes_a_link_that_opens_without_login_until_revoked(world, client_as, client):
    _plan(world)
    office = client_as("office")
    response = office.post("/screen/", {"name": "三楼会议室"})
    page = response.content.decode()
    assert response.status_code == 200, page[-2000:]
    found = re.search(r'id="ls-screen-url">([^<]+)<', page)
    assert found, re.sub(r"\s+", " ", page)[-3000:]
    url = found.group(1)
    path = url.split("testserver", 1)[-1]
    link = ScreenLink.objects.visible_to(world.user("office")).get()
    assert link.token_hash not in url and len(path) > 40
    client.logout()
    screen = client.get(path)
    assert screen.status_code == 200 and screen["Referrer-Policy"] == "no-referrer"
    body = screen.content.decode()
    assert "ls-dashboard-data" in body and 'data-drill="off"' in body and "修路" in body
    assert "/tasks/" not in re.sub(r'<script id="ls-dashboard-data".*?</script>', "", body, flags=re.S)
    client.get(path)
    opened = AuditEntry.objects.unscoped("test").filter(object_type="reports.screenlink", message="打开大屏")
    assert opened.count() == 1  # once a day, not every refresh
    assert client.get(path[:-5] + "xxxx/").status_code == 404
    client_as("office").post(f"/screen/{link.pk}/revoke/")
    client.logout()
    assert client.get(path).status_code == 404


def test_a_link_dies_with_its_makers_role_and_its_expiry(world, client):
    _plan(world)
    office = world.user("office")
    link, token = services.screen_link_create(actor=office, name="大屏")
    assert client.get(f"/screen/s/{token}/").status_code == 200
    ScreenLink.objects.unscoped("test").filter(pk=link.pk).update(expires_at=timezone.now())
    assert client.get(f"/screen/s/{token}/").status_code == 404
    link, token = services.screen_link_create(actor=office, name="大屏")
    for assignment in RoleAssignment.objects.unscoped("test").filter(user=office):
        role_revoke(actor=world.admin, assignment=assignment)
    assert client.get(f"/screen/s/{token}/").status_code == 404


def test_only_the_office_makes_or_revokes_links(world, client_as):
    link, _token = services.screen_link_create(actor=world.user("office"), name="大屏")
    assert client_as("leader").post("/screen/", {"name": "x"}).status_code == 403
    assert client_as("outsider").post(f"/screen/{link.pk}/revoke/").status_code == 404
    assert ScreenLink.objects.unscoped("test").get(pk=link.pk).revoked_at is None
