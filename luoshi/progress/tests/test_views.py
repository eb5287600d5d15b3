"""Pages: role matrices, the two-tap report from a phone, the permission-checked file view."""

import pytest
from django.test import Client

from luoshi.plans import services as plans
from luoshi.plans.light_store import light_refresh
from luoshi.progress import selectors, services
from luoshi.progress.models import Attachment, ProgressReport
from luoshi.progress.tests.factories import make_task, photo

ROLES = ["anonymous", "leader", "office", "department", "village", "cadre", "discipline", "outsider"]


def _status(world, url, method="get"):
    codes = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.user(role))
        codes.append(getattr(client, method)(url).status_code)
    return codes


@pytest.fixture
def task(world):
    return make_task(world)


def _attachment(world, task):
    report = services.report_submit(actor=world.user("village"), task=task, text="照片", files=[photo("路面.jpg")])
    return Attachment.objects.visible_to(world.user("village")).get(owner_id=report.pk)


def test_report_form_role_matrix(world, task):
    assert _status(world, f"/tasks/{task.pk}/report/") == [302, 403, 200, 404, 200, 404, 403, 404]


def test_task_progress_role_matrix(world, task):
    assert _status(world, f"/tasks/{task.pk}/progress/") == [302, 200, 200, 404, 200, 404, 200, 404]


def test_the_old_report_list_address_leads_to_my_tasks_for_good(world, task):
    # notices already sent and bookmarks carry /tasks/report/: a permanent redirect, whoever asks
    assert _status(world, "/tasks/report/") == [301] * len(ROLES)
    response = Client().get("/tasks/report/?page=2")
    assert response["Location"] == "/tasks/mine/?page=2"


def test_attachment_role_matrix(world, task):
    attachment = _attachment(world, task)
    assert _status(world, f"/attachments/{attachment.pk}/") == [302, 200, 200, 404, 200, 404, 200, 404]
    assert _status(world, f"/attachments/{attachment.pk}/thumb/") == [302, 200, 200, 404, 200, 404, 200, 404]


def test_the_file_view_names_the_file_and_forbids_sniffing(client_as, world, task):
    attachment = _attachment(world, task)
    response = client_as("leader").get(f"/attachments/{attachment.pk}/?download=1")
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;") and "%E8%B7%AF%E9%9D%A2.jpg" in response[
        "Content-Disposition"]
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_a_bookmark_of_the_old_list_opens_my_tasks_with_the_report_button(client_as, world, task):
    plans.task_sign(actor=world.user("village"), task=task)
    make_task(world, title="其他村的任务", unit="other_village_same_township")
    response = client_as("village").get("/tasks/report/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [("/tasks/mine/", 301)]
    assert f'href="/tasks/{task.pk}/report/"' in page and "上报" in page and "其他村的任务" not in page


def test_the_form_is_made_for_a_phone_camera(client_as, task):
    page = client_as("village").get(f"/tasks/{task.pk}/report/").content.decode()
    assert 'accept="image/*" capture="environment" multiple' in page
    assert 'name="idempotency_key"' in page and 'type="hidden"' in page


def test_posting_the_form_twice_makes_one_report(client_as, task):
    client = client_as("village")
    data = {"text": "完成道路硬化 2 公里", "percent": "70", "difficulties": "资金缺口", "idempotency_key": "form-1"}
    for _ in range(2):
        response = client.post(f"/tasks/{task.pk}/report/", data | {"photos": photo()})
        assert response.status_code == 302 and response["Location"] == f"/tasks/{task.pk}/progress/"
    assert ProgressReport.objects.unscoped("counting").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "完成道路硬化 2 公里" in page and "资金缺口" in page and "/thumb/" in page and "绿灯" in page


def test_a_hostile_file_is_shown_on_the_form_in_chinese(client_as, task):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.jpg", b"<html></html>", content_type="image/jpeg")
    response = client_as("village").post(f"/tasks/{task.pk}/report/",
                                         {"text": "x", "idempotency_key": "k", "photos": fake})
    assert response.status_code == 400 and "不是照片" in response.content.decode()


def test_the_progress_page_explains_a_red_light(client_as, world, task):
    light_refresh(task=task)
    page = client_as("leader").get(f"/tasks/{task.pk}/progress/").content.decode()
    assert "为什么是红灯" in page and "低于序时进度 60%" in page and f"/tasks/{task.pk}/report/" not in page


def test_the_timeline_does_not_grow_with_the_number_of_reports(world, task, django_assert_max_num_queries):
    village, leader = world.user("village"), world.user("leader")
    services.report_submit(actor=village, task=task, text="第一次", files=[photo()])
    with django_assert_max_num_queries(4):
        assert len(selectors.reports_for_task(actor=leader, task=task)) == 1
    for n in range(8):
        services.report_submit(actor=village, task=task, text=f"第{n}次", difficulties="困难", files=[photo(), photo()])
    with django_assert_max_num_queries(4):
        reports = selectors.reports_for_task(actor=leader, task=task)
        assert len(reports) == 9 and sum(len(r.attachment_list) for r in reports) == 17


def test_the_task_owner_sees_the_photos_of_reports_on_their_task(client_as, world):
    cadre = world.user("cadre")
    task = make_task(world, owner=cadre.person)
    attachment = _attachment(world, task)
    assert client_as("cadre").get(f"/attachments/{attachment.pk}/").status_code == 200
    assert [r.pk for r in selectors.reports_for_task(actor=cadre, task=task)] == [attachment.owner_id]


def test_the_form_asks_for_the_tasks_indicator_values(client_as, world):
    from decimal import Decimal

    from luoshi.plans import services as plans
    from luoshi.plans.models import Indicator
    from luoshi.progress.tests.factories import make_plan

    plan = make_plan(world)
    indicator = plans.indicator_create(actor=world.user("office"), plan=plan, name="改厕", measure="户",
                                       unit=world.unit("village"), target=Decimal(50))
    task = make_task(world, plan, indicators=[indicator])
    client = client_as("village")
    assert "改厕（户）" in client.get(f"/tasks/{task.pk}/report/").content.decode()
    client.post(f"/tasks/{task.pk}/report/", {"text": "改厕 20 户", "idempotency_key": "v", f"value_{indicator.pk}": "20"})
    assert Indicator.objects.unscoped("reading back").get(pk=indicator.pk).actual == Decimal(20)
