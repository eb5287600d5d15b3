"""notify(): one notice and one delivery per key; deliver(): claimed, sent with the key, recorded once."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.notify import services
from luoshi.notify.models import Delivery, DeliveryStatus, Notification


@pytest.fixture
def send(world, committed):
    def send(**kw):
        values = {"recipients": [world.user("village")], "kind": "overdue", "obj": "task:7", "title": "任务已逾期",
                  "body": "请尽快办结", "link": "/tasks/7/progress/", "day": dt.date(2024, 6, 29)} | kw
        with committed():
            return services.notify(**values)
    return send


def test_a_notice_and_its_delivery_are_made_once_per_key(world, send, robot):
    assert len(send()) == 1
    assert send() == []
    assert Notification.objects.unscoped("test").count() == 1
    delivery = Delivery.objects.unscoped("test").get()
    assert delivery.key == "overdue:task:7:2024-06-29:robot" and delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempts == 1 and len(robot.posts("/hook")) == 1


def test_a_succeeded_delivery_is_never_sent_again(world, send, robot):
    send()
    assert services.deliver(Delivery.objects.unscoped("test").get().pk) is None
    assert services.deliveries_recover() == [] and len(robot.posts("/hook")) == 1


def test_a_retryable_failure_waits_and_is_picked_up_when_due(world, send, robot, settings):
    settings.LUOSHI_NOTIFY_INLINE_RETRIES = 0
    robot.script["/hook"] = [(503, {"errmsg": "busy"})]
    send()
    delivery = Delivery.objects.unscoped("test").get()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1 and "503" in delivery.error
    assert services.deliveries_due() == []  # not before its time
    later = timezone.now() + dt.timedelta(seconds=settings.LUOSHI_NOTIFY_RETRY_SECONDS + 1)
    assert services.deliveries_due(now=later) == [delivery.pk]
    Delivery.objects.unscoped("test").filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    services.deliveries_recover()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2


def test_a_send_whose_worker_died_is_retried_with_the_same_key_after_its_lease(world, send, robot):
    send()
    delivery = Delivery.objects.unscoped("test").get()
    stuck = {"status": DeliveryStatus.SENDING, "lease_until": timezone.now() + dt.timedelta(minutes=1)}
    Delivery.objects.unscoped("test").filter(pk=delivery.pk).update(**stuck)
    assert services.deliver(delivery.pk) is None  # the lease still holds: someone else is sending
    Delivery.objects.unscoped("test").filter(pk=delivery.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert services.deliveries_recover() == [delivery.pk]
    keys = [r["key"] for r in robot.posts("/hook")]
    assert keys == [delivery.key, delivery.key] and len(robot.delivered) == 1  # the receiver drops the repeat
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2


def test_a_failure_for_good_is_recorded_without_retry(world, send, robot):
    robot.script["/hook"] = [(400, {"errcode": 93000, "errmsg": "invalid webhook url"})]
    send()
    delivery = Delivery.objects.unscoped("test").get()
    assert delivery.status == DeliveryStatus.FAILED and "93000" in delivery.error


def test_per_person_channels_need_an_address_and_key_by_recipient(world, send, settings):
    from luoshi.notify.testing import SmtpServer

    village = world.user("village")
    type(village).objects.unscoped("test").filter(pk=village.pk).update(email="cun@example.cn")
    village.refresh_from_db()
    with SmtpServer() as smtp:
        settings.LUOSHI_NOTIFY_CHANNELS = ["email"]
        settings.LUOSHI_SMTP_HOST, settings.LUOSHI_SMTP_PORT = "127.0.0.1", smtp.port
        send(recipients=[village, world.user("office")])
    (delivery,) = Delivery.objects.unscoped("test").all()
    assert delivery.key == f"overdue:task:7:2024-06-29:email:{village.pk}" and delivery.status == "succeeded"
    assert [m["to"] for m in smtp.messages] == [["cun@example.cn"]]


def test_scrub_masks_phone_and_id_numbers_but_keeps_names():
    text = services.scrub("张三 13812345678 370830199001011234 2024-06-30 编号123456789012")
    assert text == "张三 138****5678 370830********1234 2024-06-30 编号123456789012"
