"""/api/v1/deliveries/: the office's delivery log through the API — the page's filters and scope —
and retrying a delivery that failed for good, audited like the page's button."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from luoshi.core.models import AuditAction, AuditEntry
from luoshi.notify.models import Delivery, DeliveryStatus
from luoshi.org import services as org_services
from luoshi.org.testing import ROLES, client_for

API = "/api/v1/deliveries/"


def _api(world, role) -> Client:
    """A client with the persona's personal token (anonymous: none)."""
    if role == "anonymous":
        return Client()
    _token, raw = org_services.token_create(actor=world.user(role), name="测试")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _row(world, *, recipient="village", channel="email", status=DeliveryStatus.SUCCEEDED, days_ago=0):
    user = world.user(recipient) if recipient else None
    row = Delivery.objects.create(
        channel=channel, key=f"test:{Delivery.objects.unscoped('test').count()}:{channel}", kind="overdue",
        recipient=user, address=f"{recipient}@example.cn" if user else "", title="任务已逾期", status=status,
        unit_path=user.person.unit.path if user else world.unit("township").path, attempts=1)
    Delivery.objects.unscoped("test").filter(pk=row.pk).update(created_at=timezone.now() - dt.timedelta(days=days_ago))
    return row


def _status(pk) -> str:
    return Delivery.objects.unscoped("reading back in a test").get(pk=pk).status


# -- who may ----------------------------------------------------------------------------------------
def test_only_the_office_reads_the_log_through_the_api(world):
    assert [_api(world, role).get(API).status_code for role in ROLES] == [401, 403, 200, 403, 403, 403, 403, 200]


def test_only_the_office_in_scope_retries_and_a_village_secretary_is_refused(world, failed):
    url = f"{API}{failed.pk}/retry/"
    refused = _api(world, "village").post(url)
    assert refused.status_code == 403 and refused.json()["detail"] == "您没有执行此操作的权限"
    others = [_api(world, role).post(url).status_code for role in ("anonymous", "leader", "discipline", "outsider")]
    assert others == [401, 403, 403, 404]  # another township's office: as if it did not exist
    assert _status(failed.pk) == DeliveryStatus.FAILED
    assert not AuditEntry.objects.unscoped("test").filter(object_type="notify.delivery").exists()


# -- the list -----------------------------------------------------------------------------------------
def test_each_office_reads_the_deliveries_of_its_own_township_only(world):
    mine, group, theirs = _row(world), _row(world, recipient=None, channel="robot"), _row(world, recipient="outsider")
    office = _api(world, "office").get(API).json()
    assert office["count"] == 2 and {i["id"] for i in office["items"]} == {mine.pk, group.pk}
    assert [i["id"] for i in _api(world, "outsider").get(API).json()["items"]] == [theirs.pk]
    item = next(i for i in office["items"] if i["id"] == group.pk)
    assert (item["recipient"], item["channel_label"], item["status_label"]) == ("群发", "群机器人", "已送达")


QUERIES = ["", "?channel=wecom", "?status=failed", "?since={yesterday}", "?until={five_days_ago}", "?q=department",
           "?q=village%40example", "?channel=fax&status=lost&since=2024-13-45", "?status=failed&q=department"]


def test_the_filters_answer_what_the_page_lists(world):
    _row(world, channel="email", days_ago=10)
    _row(world, channel="wecom", status=DeliveryStatus.FAILED, recipient="department")
    _row(world, recipient=None, channel="robot", status=DeliveryStatus.PENDING)
    today = timezone.localdate()
    dates = {"yesterday": today - dt.timedelta(days=1), "five_days_ago": today - dt.timedelta(days=5)}
    page, api = client_for(world, "office"), _api(world, "office")
    for query in (q.format(**dates) for q in QUERIES):
        listed = [d.pk for d in page.get("/deliveries/" + query).context["listing"].items]
        answered = api.get(API + query).json()
        assert [i["id"] for i in answered["items"]] == listed and answered["count"] == len(listed), query
    assert api.get(API + "?channel=wecom").json()["count"] == 1


def test_the_list_pages_with_at_most_a_hundred_a_page(world):
    for _ in range(12):
        _row(world)
    office = _api(world, "office")
    second = office.get(API, {"page": 2, "page_size": 10}).json()
    assert second["count"] == 12 and len(second["items"]) == 2
    assert len(office.get(API, {"page_size": 1000}).json()["items"]) == 12
    assert office.get(API, {"page": "abc"}).status_code == 400


# -- retry --------------------------------------------------------------------------------------------
def test_a_retry_through_the_api_sends_the_same_key_again_and_is_audited(world, failed, robot, committed):
    robot.script["/hook"] = []  # the webhook is fixed
    with committed():
        response = _api(world, "office").post(f"{API}{failed.pk}/retry/")
    assert response.status_code == 200 and response.json()["status"] == DeliveryStatus.PENDING
    assert _status(failed.pk) == DeliveryStatus.SUCCEEDED
    assert [post["key"] for post in robot.posts("/hook")] == [failed.key, failed.key]
    entry = AuditEntry.objects.visible_to(world.user("office")).get(object_type="notify.delivery",
                                                                   object_id=str(failed.pk))
    assert entry.action == AuditAction.UPDATE and entry.actor == world.user("office")
    assert (entry.before["status"], entry.after["status"]) == ("failed", "pending")


def test_only_a_failed_delivery_is_retried_and_the_refusal_is_chinese(world, robot):
    sent = _row(world, channel="robot")
    response = _api(world, "office").post(f"{API}{sent.pk}/retry/")
    assert response.status_code == 400 and "只有发送失败的记录可以重发" in response.json()["detail"]
    assert _status(sent.pk) == DeliveryStatus.SUCCEEDED
    assert _api(world, "office").post(f"{API}999999/retry/").status_code == 404
