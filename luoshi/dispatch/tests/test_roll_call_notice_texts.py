"""What a roll call's notices say. Each person called reads the tasks they themself were called
for (the first five, then how many in all) and is led to 我的任务; the group robot, which every
called person reads, gets one summary of the round, whoever and however many were called."""

import pytest

from luoshi.dispatch import services
from luoshi.dispatch.models import DispatchRound
from luoshi.dispatch.tests.factories import make_roll_call_with_two_tasks_for_one
from luoshi.notify.models import Delivery, Notification
from luoshi.progress.tests.factories import make_task


@pytest.fixture
def rc(world):
    """路村's secretary is called for two tasks of his village; 庙口村's secretary and the aid cadre
    for one each."""
    return make_roll_call_with_two_tasks_for_one(world)


def _open(world, dispatch) -> DispatchRound:
    return services.round_open(actor=world.user("office"), dispatch=dispatch)


def _notice(user) -> Notification:
    return Notification.objects.unscoped("test").get(recipient=user, kind="roll_call")


def test_each_person_reads_the_tasks_they_were_called_for_and_no_one_elses(world, rc):
    round_ = _open(world, rc.dispatch)
    village, village2, cadre = (_notice(u).body for u in (rc.village, rc.village2, rc.cadre))
    assert village.endswith("请上报以下任务的落实情况：路村扶贫问题排查整改、路村饮水安全排查")
    assert village2.endswith("：庙口村扶贫问题排查整改") and cadre.endswith("：帮扶户两不愁三保障回头看")
    assert "庙口村" not in village and "路村" not in village2
    for user in (rc.village, rc.village2, rc.cadre):  # still 我的任务, and closed by what settles the round
        notice = _notice(user)
        assert (notice.link, notice.target, notice.title) == ("/tasks/mine/", f"round:{round_.pk}", _notice(rc.village).title)


def test_a_notice_names_five_tasks_then_how_many_in_all(world, rc):
    titles = [f"路村第{n}项重点工作" for n in range(1, 8)]
    tasks = [make_task(world, rc.tasks[0].plan, unit="village", title=t, recurrence="mon_wed_fri") for t in titles]
    dispatch = services.dispatch_create(actor=world.user("office"), name="路村专项调度", unit=world.unit("township"),
                                        people=[rc.village.person], tasks=tasks)
    _open(world, dispatch)
    assert _notice(rc.village).body.endswith("：" + "、".join(titles[:5]) + " 等 7 项")


@pytest.fixture
def channels(settings):
    """A group robot and WeCom app messages switched on (the sends are only queued here)."""
    settings.LUOSHI_NOTIFY_CHANNELS = ["robot", "wecom"]


def test_the_group_robot_gets_one_summary_of_the_round_naming_who_is_called(world, rc, channels):
    _open(world, rc.dispatch)
    posts = Delivery.objects.unscoped("test").filter(kind="roll_call", channel="robot")
    assert posts.count() == 1
    post = posts.get().body
    assert post.startswith(f"{rc.dispatch.name}现在开始点名，应上报 3 人：")
    assert all(user.person.name in post for user in (rc.village, rc.village2, rc.cadre))
    assert "扶贫问题排查整改" not in post  # nobody's own list of tasks, as if it were everyone's


def test_the_office_sees_the_rounds_group_post_in_its_delivery_log(world, rc, channels):
    _open(world, rc.dispatch)
    post = Delivery.objects.visible_to(world.user("office")).filter(kind="roll_call", channel="robot")
    assert post.count() == 1  # filed under the township every called person belongs to, not under nobody


def test_each_person_gets_their_own_tasks_by_wecom_too(world, rc, channels):
    _open(world, rc.dispatch)
    sent = {d.recipient_id: d.body for d in Delivery.objects.unscoped("test").filter(kind="roll_call", channel="wecom")}
    assert sent == {user.pk: _notice(user).body for user in (rc.village, rc.village2, rc.cadre)}
