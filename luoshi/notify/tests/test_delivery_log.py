"""The office's delivery log (外发记录): who may read it, what each office sees, the filters, and
retrying a delivery that failed for good."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditAction, AuditEntry
from luoshi.notify import services
from luoshi.notify.models import Delivery, DeliveryStatus
from luoshi.org.testing import ROLES, client_for
from luoshi.progress.tests.factories import second_village_user

LOG = "/deliveries/"


def _row(world, *, recipient="village", channel="email", status=DeliveryStatus.SUCCEEDED, days_ago=0, **fields):
    user = world.user(recipient) if recipient else None
    values = {"channel": channel, "key": f"test:{Delivery.objects.unscoped('test').count()}:{channel}",
              "kind": "overdue", "recipient": user, "address": f"{recipient}@example.cn" if user else "",
              "unit_path": user.person.unit.path if user else world.unit("township").path,
              "title": "任务已逾期", "status": status, "attempts": 1} | fields
    row = Delivery.objects.create(**values)
    created = timezone.now() - dt.timedelta(days=days_ago)
    Delivery.objects.unscoped("test").filter(pk=row.pk).update(created_at=created)
    return row


def _read(pk) -> Delivery:
    return Delivery.objects.unscoped("reading back in a test").get(pk=pk)


# -- who may read it ------------------------------------------------------------------------------
def test_only_the_office_opens_the_delivery_log(world):
    assert [client_for(world, role).get(LOG).status_code for role in ROLES] == [302, 403, 200, 403, 403, 403, 403, 200]


def test_only_the_office_in_scope_retries_and_anyone_else_is_refused(world, failed):
    url = f"/deliveries/{failed.pk}/retry/"
    got = [client_for(world, role).post(url).status_code for role in ROLES]
    assert got == [302, 403, 302, 403, 403, 403, 403, 404]  # another township's office: as if it did not exist


def test_the_menu_offers_the_log_to_the_office_and_not_to_a_village_secretary(world):
    office = client_for(world, "office").get("/").context
    village = client_for(world, "village").get("/").context
    assert "/deliveries/" in [item["url"] for item in office["nav_admin"]]
    assert "/deliveries/" not in [item["url"] for item in village["nav_items"] + village["nav_admin"]]


def test_each_office_sees_the_deliveries_of_its_own_township_only(world):
    mine, group = _row(world, recipient="village"), _row(world, recipient=None, channel="robot")
    theirs = _row(world, recipient="outsider")
    assert set(Delivery.objects.visible_to(world.user("office"))) == {mine, group}
    assert set(Delivery.objects.visible_to(world.user("outsider"))) == {theirs}
    assert not Delivery.objects.visible_to(world.user("village")).exists()
    page = client_for(world, "outsider").get(LOG).content.decode()
    assert "village@example.cn" not in page and "outsider@example.cn" in page


def test_a_group_post_belongs_to_the_smallest_unit_covering_its_recipients(world, robot, committed, settings):
    settings.LUOSHI_NOTIFY_CHANNELS = ["robot", "wecom"]
    village2 = second_village_user(world)
    with committed():
        services.notify(recipients=[world.user("village"), village2], kind="roll_call", obj="round:1",
                        title="调度点名", day=dt.date(2024, 6, 29))
    rows = Delivery.objects.unscoped("test")
    assert rows.get(channel="robot").unit_path == world.unit("township").path
    assert rows.get(channel="wecom", recipient=village2).unit_path == village2.person.unit.path


def test_common_path_is_the_deepest_shared_unit():
    assert services.common_path(["/1/4/17/", "/1/4/18/"]) == "/1/4/"
    assert services.common_path(["/1/4/17/", "/1/4/17/"]) == "/1/4/17/"
    assert services.common_path(["/1/", "/2/"]) == "" and services.common_path(["", ""]) == ""


# -- what it shows and the filters --------------------------------------------------------------
def test_the_log_shows_recipient_channel_status_attempts_key_and_error(world):
    _row(world, status=DeliveryStatus.FAILED, attempts=5, error="smtp: Connection refused", key="overdue:task:9:x")
    page = client_for(world, "office").get(LOG).content.decode()
    for text in ("village之人", "village@example.cn", "电子邮件", "失败", "overdue:task:9:x", "smtp: Connection refused",
                 "共 1 条", "重发"):
        assert text in page, text


def _listed(world, query: str) -> list[int]:
    response = client_for(world, "office").get(LOG + query)
    return sorted(d.pk for d in response.context["listing"].items)


def test_the_filters_narrow_by_channel_status_date_and_recipient(world):
    old = _row(world, channel="email", status=DeliveryStatus.SUCCEEDED, days_ago=10)
    failed = _row(world, channel="wecom", status=DeliveryStatus.FAILED, recipient="department")
    group = _row(world, recipient=None, channel="robot", status=DeliveryStatus.PENDING)
    today = timezone.localdate()
    assert _listed(world, "?channel=wecom") == [failed.pk]
    assert _listed(world, "?status=failed") == [failed.pk]
    assert _listed(world, f"?since={today - dt.timedelta(days=1)}") == sorted([failed.pk, group.pk])
    assert _listed(world, f"?until={today - dt.timedelta(days=5)}") == [old.pk]
    assert _listed(world, "?q=department") == [failed.pk]  # the recipient's login or name
    assert _listed(world, "?q=village%40example") == [old.pk]  # or the address
    assert _listed(world, "?channel=fax&status=lost&since=2024-13-45") == sorted([old.pk, failed.pk, group.pk])


def test_the_log_pages_like_every_other_list(world):
    for _ in range(12):
        _row(world)
    response = client_for(world, "office").get(LOG + "?page_size=10&page=2")
    assert len(response.context["listing"].items) == 2 and "共 12 条" in response.content.decode()
    fragment = client_for(world, "office").get(LOG + "?status=succeeded", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'id="results"' in fragment


# -- retry ----------------------------------------------------------------------------------------
def test_a_retry_sends_the_same_key_again_and_is_audited(world, failed, robot, committed):
    robot.script["/hook"] = []  # the webhook is fixed
    with committed():
        services.delivery_retry(actor=world.user("office"), delivery=failed)
    delivery = _read(failed.pk)
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2 and delivery.error == ""
    assert [post["key"] for post in robot.posts("/hook")] == [failed.key, failed.key]
    entry = AuditEntry.objects.visible_to(world.user("office")).get(object_type="notify.delivery",
                                                                   object_id=str(failed.pk))
    assert entry.action == AuditAction.UPDATE and entry.actor == world.user("office")
    assert (entry.before["status"], entry.after["status"]) == ("failed", "pending")


def test_the_retry_button_puts_the_row_back_to_pending_and_returns_to_the_filtered_list(world, failed):
    client = client_for(world, "office")
    response = client.post(f"/deliveries/{failed.pk}/retry/", {"next": "/deliveries/?status=failed"})
    assert response.status_code == 302 and response.url == "/deliveries/?status=failed"
    assert _read(failed.pk).status == DeliveryStatus.PENDING  # the send leaves after commit
    assert "已重新排队发送" in client.get(response.url).content.decode()
    elsewhere = client.post(f"/deliveries/{failed.pk}/retry/", {"next": "https://evil.example/"})
    assert elsewhere.url == "/deliveries/"


def test_only_a_failed_delivery_can_be_retried(world, robot):
    sent = _row(world, channel="robot", status=DeliveryStatus.SUCCEEDED)
    with pytest.raises(ServiceError, match="只有发送失败的记录可以重发"):
        services.delivery_retry(actor=world.user("office"), delivery=sent)
    assert _read(sent.pk).status == DeliveryStatus.SUCCEEDED
    assert not AuditEntry.objects.unscoped("test").filter(object_type="notify.delivery").exists()
    page = client_for(world, "office").post(f"/deliveries/{sent.pk}/retry/", follow=True).content.decode()
    assert "只有发送失败的记录可以重发" in page


def test_a_delivery_on_a_channel_switched_off_is_not_retried(world, failed, settings):
    settings.LUOSHI_NOTIFY_CHANNELS = []
    with pytest.raises(ServiceError, match="已停用"):
        services.delivery_retry(actor=world.user("office"), delivery=failed)
    assert _read(failed.pk).status == DeliveryStatus.FAILED


def test_a_retry_outside_the_role_or_the_scope_is_refused(world, failed):
    with pytest.raises(NotAllowed):
        services.delivery_retry(actor=world.user("village"), delivery=failed)
    with pytest.raises(OutOfScope):
        services.delivery_retry(actor=world.user("outsider"), delivery=failed)
    assert _read(failed.pk).status == DeliveryStatus.FAILED
