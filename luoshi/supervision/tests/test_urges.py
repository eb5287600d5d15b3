"""Urges: the proposed colour, who may issue and answer, the slip's states, the escalation
owner → unit head → leader on a frozen clock (exactly once each), and the printed slip."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry, JobRun
from luoshi.plans.models import Task
from luoshi.supervision import jobs, services, urging
from luoshi.supervision.models import Urge, UrgeLevel, UrgeStatus
from luoshi.supervision.tests.factories import behind_task, make_task, person


def _issue(world, task, who="office", **kwargs):
    return services.urge_issue(actor=world.user(who), task=task, **kwargs)


@pytest.mark.django_db
def test_the_colour_is_proposed_from_the_tasks_state(world):
    today = timezone.localdate()
    overdue = make_task(world, start=today - dt.timedelta(days=50), deadline=today - dt.timedelta(days=2))
    assert urging.urge_propose(overdue) == ("red", "已超过完成时限 2 天")
    behind = behind_task(world)  # 60% of its time gone, 45% reported today
    assert urging.urge_propose(behind)[0] == "yellow"
    near = make_task(world, start=today, deadline=today + dt.timedelta(days=3))
    assert urging.urge_propose(near)[0] == "blue"
    silent = make_task(world)  # nothing reported for 60 days: lit red from its deployment on
    assert urging.urge_propose(Task.objects.unscoped("t").get(pk=silent.pk))[0] == "red"


@pytest.mark.django_db
def test_the_office_issues_a_slip_to_the_owner_with_the_proposed_colour_or_its_own(world):
    task = behind_task(world)
    urge = _issue(world, task, message="请三日内补报进展")
    assert (urge.colour, urge.proposed_colour, urge.owner) == ("yellow", "yellow", person(world, "village"))
    assert urge.number.startswith("督〔") and urge.status == UrgeStatus.OPEN and urge.due
    red = _issue(world, task, who="leader", colour="red")
    assert red.colour == "red" and red.proposed_colour == "yellow"
    assert AuditEntry.objects.unscoped("test").filter(object_type="supervision.urge", parent_id=str(task.pk)).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["department", "village", "cadre", "discipline"])
def test_only_the_office_and_leaders_issue_slips(world, who):
    with pytest.raises(NotAllowed):
        _issue(world, make_task(world), who=who)


@pytest.mark.django_db
def test_a_task_outside_the_scope_cannot_be_urged(world):
    with pytest.raises(OutOfScope):
        _issue(world, make_task(world), who="outsider")


@pytest.mark.django_db
def test_a_draft_task_is_not_urged_and_a_task_without_anyone_to_answer_neither(world):
    with pytest.raises(ServiceError, match="已部署"):
        _issue(world, make_task(world, deploy=False))
    orphan = make_task(world, unit="other_village_same_township", owner=None)
    with pytest.raises(ServiceError, match="没有责任人"):
        _issue(world, orphan)


@pytest.mark.django_db
def test_a_task_without_owner_goes_to_its_units_head(world):
    urge = _issue(world, make_task(world, owner=None))
    assert urge.owner == person(world, "village")


@pytest.mark.django_db
def test_a_roll_call_reuses_the_open_slip_of_the_task(world):
    task = make_task(world)
    first = _issue(world, task, source="dispatch")
    assert _issue(world, task, source="dispatch").pk == first.pk
    assert _issue(world, task).pk != first.pk


# -- the slip's states -------------------------------------------------------------------------------
URGE_TABLE = {("answer", "open"): "answered", ("withdraw", "open"): "withdrawn"}


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["open", "answered", "withdrawn"])
@pytest.mark.parametrize("action", ["answer", "withdraw"])
def test_every_urge_action_from_every_state(world, action, state):
    urge = _issue(world, make_task(world))
    if state == "answered":
        services.urge_answer(actor=world.user("village"), urge=urge, answer="已上报")
    elif state == "withdrawn":
        services.urge_withdraw(actor=world.user("office"), urge=urge)
    run = {"answer": lambda: services.urge_answer(actor=world.user("village"), urge=urge, answer="补报"),
           "withdraw": lambda: services.urge_withdraw(actor=world.user("office"), urge=urge)}[action]
    if (action, state) in URGE_TABLE:
        assert run().status == URGE_TABLE[(action, state)]
    else:
        with pytest.raises(ServiceError, match="不能再操作"):
            run()


@pytest.mark.django_db
def test_only_the_owner_answers_and_an_answer_needs_text(world):
    urge = _issue(world, make_task(world))
    with pytest.raises(NotAllowed):
        services.urge_answer(actor=world.user("office"), urge=urge, answer="代答")
    with pytest.raises(ServiceError, match="办理情况"):
        services.urge_answer(actor=world.user("village"), urge=urge, answer=" ")
    done = services.urge_answer(actor=world.user("village"), urge=urge, answer="已完成清理")
    assert (done.status, done.answer, done.answered_by) == ("answered", "已完成清理", world.user("village"))


# -- escalation -------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_unanswered_slip_climbs_to_the_unit_head_then_the_leader_exactly_once_each(world, clock):
    task = make_task(world, unit="department", owner="cadre", leader="leader")
    urge = _issue(world, task, colour="red")  # red: 24 hours a step
    clock.advance(hours=23)
    jobs.urges_escalate()
    assert Urge.objects.unscoped("t").get(pk=urge.pk).level == UrgeLevel.OWNER
    clock.advance(hours=2)
    jobs.urges_escalate()
    jobs.urges_escalate()
    urge = Urge.objects.unscoped("t").get(pk=urge.pk)
    assert (urge.level, urge.head, urge.head_at) == (UrgeLevel.HEAD, person(world, "department"), clock.now)
    assert urge in urging_visible(world, "department")
    clock.advance(hours=24)
    assert jobs.escalate_due() == {"checked": 1, "moved": 1}
    assert jobs.escalate_due() == {"checked": 0, "moved": 0}
    urge = Urge.objects.unscoped("t").get(pk=urge.pk)
    assert (urge.level, urge.leader) == (UrgeLevel.LEADER, person(world, "leader"))
    steps = AuditEntry.objects.unscoped("t").filter(object_type="supervision.urge", message__contains="升级至")
    assert steps.count() == 2
    assert JobRun.objects.unscoped("test").filter(name="urges.escalate").count() == 2
    # the leader it reached may answer it
    assert services.urge_answer(actor=world.user("leader"), urge=urge, answer="已调度").status == "answered"


def urging_visible(world, who):
    return list(Urge.objects.visible_to(world.user(who)))


@pytest.mark.django_db
def test_a_late_job_catches_up_both_steps_in_order(world, clock):
    urge = _issue(world, make_task(world, unit="department", owner="cadre"), colour="blue")
    clock.advance(hours=72 * 2 + 1)
    assert jobs.escalate_due()["moved"] == 2
    assert Urge.objects.unscoped("t").get(pk=urge.pk).level == UrgeLevel.LEADER


@pytest.mark.django_db
def test_an_answered_slip_does_not_escalate(world, clock):
    urge = _issue(world, make_task(world), colour="red")
    services.urge_answer(actor=world.user("village"), urge=urge, answer="已处理")
    clock.advance(hours=100)
    assert jobs.escalate_due() == {"checked": 0, "moved": 0}


@pytest.mark.django_db
def test_a_step_with_nobody_new_is_recorded_and_skipped(world, clock):
    urge = _issue(world, make_task(world, leader=None), colour="red")  # the owner is the village's head
    clock.advance(hours=49)
    jobs.escalate_due()
    urge = Urge.objects.unscoped("t").get(pk=urge.pk)
    assert urge.level == UrgeLevel.LEADER and urge.head is None and urge.leader is None and urge.head_at


@pytest.mark.django_db
def test_the_hours_per_colour_are_a_setting(world, clock, settings):
    settings.LUOSHI_URGE_ESCALATE_HOURS = {"yellow": 2}
    urge = _issue(world, make_task(world, unit="department", owner="cadre"), colour="yellow")
    clock.advance(hours=3)
    jobs.escalate_due()
    assert Urge.objects.unscoped("t").get(pk=urge.pk).level == UrgeLevel.HEAD


@pytest.mark.django_db
def test_the_owners_home_page_shows_the_open_slip_on_top_until_answered(world, client_as):
    urge = _issue(world, make_task(world, title="路村人居环境整治"), colour="red")
    page = client_as("village").get("/").content.decode()
    assert f'data-urge="{urge.pk}"' in page
    assert page.index("督办单待答复") < page.index("我的任务</h2>")  # on top, above the tasks to report
    services.urge_answer(actor=world.user("village"), urge=urge, answer="已整改")
    assert f'data-urge="{urge.pk}"' not in client_as("village").get("/").content.decode()


@pytest.mark.django_db
def test_the_printed_slip_has_the_fields_of_the_paper_form(world, client_as):
    task = make_task(world, title="路村人居环境整治")
    urge = _issue(world, task, colour="red", message="请立即整改", due=dt.date(2030, 1, 5))
    services.urge_answer(actor=world.user("village"), urge=urge, answer="已组织清理")
    text = client_as("office").get(f"/urges/{urge.pk}/print/").content.decode()
    for part in (urge.number, 'data-band="red"', "红色督办单", "路村人居环境整治", "按时保质完成", urge.reason, "请立即整改",
                 "2030年1月5日", "office之人", "办理情况", "已组织清理", "督办日期"):
        assert part in text, part


@pytest.mark.django_db
def test_issuing_and_each_escalation_notify_the_recipient_once(world, clock, django_capture_on_commit_callbacks):
    from luoshi.notify.models import Notification

    def notices(who):
        return list(Notification.objects.unscoped("t").filter(recipient=world.user(who), kind="urge"))

    with django_capture_on_commit_callbacks(execute=True):
        urge = _issue(world, make_task(world, unit="department", owner="cadre"), colour="red")
    assert len(notices("cadre")) == 1 and notices("cadre")[0].link == f"/urges/{urge.pk}/"
    clock.advance(hours=25)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            jobs.escalate_due()
    assert len(notices("department")) == 1 and "已升级至牵头单位负责人" in notices("department")[0].title


def test_the_task_page_lists_its_urge_slips(world, client_as):
    from luoshi.plans.tests.factories import make_plan, make_task
    from luoshi.supervision.services import urge_issue

    plan, line = make_plan(world)
    task = make_task(world, plan, line, deploy=True)
    task.owner = world.user("village").person
    Task = type(task)
    Task.objects.unscoped("test").filter(pk=task.pk).update(owner=task.owner)
    urge_issue(actor=world.user("office"), task=task, colour="red", message="请说明原因")
    text = client_as("village").get(f"/tasks/{task.pk}/").content.decode()
    assert "督办单" in text and "红" in text
