import datetime as dt

import pytest

from luoshi.notify import services
from luoshi.notify.models import Delivery, DeliveryStatus
from luoshi.notify.testing import HttpServer


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block queued with transaction.on_commit, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def robot(settings):
    """A local group-robot webhook, the only outbound channel switched on."""
    settings.LUOSHI_NOTIFY_BACKOFF_SECONDS = 0.01
    with HttpServer() as http:
        settings.LUOSHI_NOTIFY_CHANNELS, settings.LUOSHI_ROBOT_URL = ["robot"], f"{http.url}/hook"
        yield http


@pytest.fixture
def failed(world, robot, committed):
    """A group-robot post about 路村 that the robot refused for good."""
    robot.script["/hook"] = [(400, {"errcode": 93000, "errmsg": "invalid webhook url"})]
    with committed():
        services.notify(recipients=[world.user("village")], kind="overdue", obj="task:7", title="任务已逾期",
                        day=dt.date(2024, 6, 29))
    delivery = Delivery.objects.unscoped("test").get()
    assert delivery.status == DeliveryStatus.FAILED
    return delivery
