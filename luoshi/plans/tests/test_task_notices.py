"""plans.notify.notify_owners: a deployed task tells its owner, a returned one tells the office."""

from luoshi.notify.models import Notification
from luoshi.plans import services as plans
from luoshi.progress.tests.factories import make_plan, make_task


def _notices(user):
    return list(Notification.objects.visible_to(user).filter(recipient=user).values_list("kind", "title"))


def test_a_deployed_task_reaches_its_owner_in_app_and_a_returned_one_the_office(world, committed):
    village, office = world.user("village"), world.user("office")
    with committed():
        task = make_task(world, make_plan(world), title="路村危房改造", owner=village.person)
    assert _notices(village) == [("task_deployed", "新任务待签收")]
    with committed():
        plans.task_return(actor=village, task=task, reason="不属于本村职责")
    (kind, title), = _notices(office)
    assert kind == "task_returned" and Notification.objects.visible_to(office).get().body.endswith("不属于本村职责")
    assert _notices(world.user("leader")) == []
