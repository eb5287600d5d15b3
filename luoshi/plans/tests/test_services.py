"""Plans and tasks: completeness, deploy and receive, splits, extensions, locking, scope."""

import datetime as dt
from decimal import Decimal

import pytest

from luoshi.core.errors import Conflict, NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.plans import services
from luoshi.plans.models import ExtensionStatus, Indicator, Task, TaskStatus
from luoshi.plans.tests.factories import make_plan, make_task


@pytest.fixture
def plan(world):
    return make_plan(world)


def _reload(task):
    return Task.objects.unscoped("test").get(pk=task.pk)


@pytest.mark.parametrize("blank, element", [
    ({"title": ""}, "办什么事"),
    ({"lead_unit": None}, "由谁来办"),
    ({"deadline": None}, "什么时间"),
    ({"requirement": ""}, "干到什么程度"),
])
def test_a_task_missing_an_element_stays_a_draft_and_says_which(world, plan, blank, element):
    task = make_task(world, plan[0], plan[1], **blank)
    with pytest.raises(ServiceError, match=element):
        services.task_deploy(actor=world.user("office"), task=task)
    assert _reload(task).status == TaskStatus.DRAFT


def test_a_recurring_task_needs_no_deadline(world, plan):
    task = make_task(world, plan[0], plan[1], deadline=None, recurrence="mon_wed_fri")
    assert services.task_deploy(actor=world.user("office"), task=task).status == TaskStatus.DEPLOYED


def test_deploy_then_the_village_signs(world, plan):
    task = make_task(world, *plan, deploy=True)
    signed = services.task_sign(actor=world.user("village"), task=task)
    assert signed.status == TaskStatus.SIGNED and signed.signed_by == world.user("village")


def test_the_village_returns_a_task_with_a_reason_and_the_office_redeploys(world, plan):
    task = make_task(world, *plan, deploy=True)
    with pytest.raises(ServiceError, match="退回理由"):
        services.task_return(actor=world.user("village"), task=task, reason=" ")
    services.task_return(actor=world.user("village"), task=task, reason="本村无建设用地")
    assert _reload(task).status == TaskStatus.RETURNED
    assert services.task_deploy(actor=world.user("office"), task=task).status == TaskStatus.DEPLOYED


def test_another_village_cannot_see_or_sign_the_task(world, plan):
    task = make_task(world, *plan, deploy=True)
    with pytest.raises(OutOfScope):
        services.task_sign(actor=world.user("outsider"), task=task)
    assert not Task.objects.visible_to(world.user("outsider")).filter(pk=task.pk).exists()


def test_a_leader_cannot_sign_for_a_village(world, plan):
    task = make_task(world, *plan, deploy=True)
    with pytest.raises(OutOfScope):
        services.task_sign(actor=world.user("leader"), task=task)


def test_co_units_see_the_task_they_cooperate_on(world, plan):
    task = make_task(world, *plan, co_units=[world.unit("department")])
    assert Task.objects.visible_to(world.user("department")).filter(pk=task.pk).exists()
    assert Task.objects.visible_to(world.user("department")).count() == 1


def test_the_office_cannot_give_a_task_to_another_townships_unit(world, plan):
    with pytest.raises(OutOfScope):
        make_task(world, *plan, lead_unit=world.unit("other_village"))


def test_only_the_office_creates_tasks(world, plan):
    with pytest.raises(NotAllowed):  # the role lacks the right: refused before anything is read
        services.task_create(actor=world.user("leader"), plan=plan[0], title="x")


def test_a_second_save_on_a_stale_version_is_refused_and_changes_nothing(world, plan):
    task = make_task(world, *plan)
    office = world.user("office")
    services.task_update(actor=office, task=task, version=task.version, title="第一人的修改")
    with pytest.raises(Conflict, match="已被他人修改"):
        services.task_update(actor=office, task=task, version=task.version, title="第二人的修改")
    assert _reload(task).title == "第一人的修改"


def test_split_creates_one_child_per_village(world, plan):
    task = make_task(world, *plan, lead_unit=world.unit("township"))
    children = services.task_split(actor=world.user("office"), task=task,
                                   units=[world.unit("village"), world.unit("other_village_same_township")])
    assert [c.lead_unit for c in children] == [world.unit("village"), world.unit("other_village_same_township")]
    assert all(c.parent_id == task.pk and c.status == TaskStatus.DRAFT for c in children)


def test_an_indicator_split_must_add_up_to_the_target(world, plan):
    office = world.user("office")
    indicator = services.indicator_create(actor=office, plan=plan[0], name="新培育家庭农场", unit=world.unit("township"),
                                          measure="家", target=Decimal(5))
    with pytest.raises(ServiceError, match="不一致"):
        services.indicator_split(actor=office, indicator=indicator, shares={world.unit("village"): Decimal(2)})
    children = services.indicator_split(actor=office, indicator=indicator, shares={
        world.unit("village"): Decimal(2), world.unit("other_village_same_township"): Decimal(3)})
    assert sorted(c.target for c in children) == [2, 3]


def test_village_actuals_roll_up_to_the_township(world, plan):
    office = world.user("office")
    indicator = services.indicator_create(actor=office, plan=plan[0], name="合作社实质运营", unit=world.unit("township"),
                                          target=Decimal(2))
    a, b = services.indicator_split(actor=office, indicator=indicator, shares={
        world.unit("village"): Decimal(1), world.unit("other_village_same_township"): Decimal(1)})
    Indicator.objects.unscoped("test").filter(pk=a.pk).update(actual=1)
    Indicator.objects.unscoped("test").filter(pk=b.pk).update(actual=Decimal("0.5"))
    assert services.indicator_roll_up(indicator=indicator) == Decimal("1.5")


def test_an_extension_is_asked_before_the_deadline_and_approved_by_the_office(world, plan):
    task = make_task(world, *plan, deploy=True, deadline=dt.date(2024, 6, 30))
    village, office = world.user("village"), world.user("office")
    with pytest.raises(ServiceError, match="已超过完成时限"):
        services.extension_request(actor=village, task=task, new_deadline=dt.date(2024, 9, 30), reason="雨季",
                                   today=dt.date(2024, 7, 1))
    extension = services.extension_request(actor=village, task=task, new_deadline=dt.date(2024, 9, 30),
                                           reason="雨季施工受阻", today=dt.date(2024, 6, 20))
    with pytest.raises(OutOfScope):
        services.extension_decide(actor=village, extension=extension, approve=True)
    services.extension_decide(actor=office, extension=extension, approve=True, note="同意")
    assert _reload(task).deadline == dt.date(2024, 9, 30)
    extension.refresh_from_db()
    assert (extension.old_deadline, extension.status) == (dt.date(2024, 6, 30), ExtensionStatus.APPROVED)


def test_a_refused_extension_keeps_the_deadline(world, plan):
    task = make_task(world, *plan, deploy=True, deadline=dt.date(2024, 6, 30))
    extension = services.extension_request(actor=world.user("village"), task=task, new_deadline=dt.date(2024, 8, 1),
                                           reason="缺资金", today=dt.date(2024, 6, 1))
    services.extension_decide(actor=world.user("leader"), extension=extension, approve=False, note="按期完成")
    assert _reload(task).deadline == dt.date(2024, 6, 30)


def test_plan_deploy_sends_complete_drafts_and_keeps_the_rest(world, plan):
    make_task(world, *plan)
    make_task(world, *plan, requirement="")
    result = services.plan_deploy(actor=world.user("office"), plan=plan[0])
    assert result == {"deployed": 1, "drafts": 1}


def test_every_task_change_is_audited_with_its_plan(world, plan):
    task = make_task(world, *plan, deploy=True)
    entries = AuditEntry.objects.unscoped("test").filter(object_type="plans.task", object_id=str(task.pk))
    assert {e.message for e in entries} >= {"", "部署任务"}
    assert all(e.parent_id == str(plan[0].pk) for e in entries)


def test_non_office_roles_cannot_create_plans(world):
    from luoshi.plans.services import plan_create

    with pytest.raises(NotAllowed):
        plan_create(actor=world.user("leader"), unit=world.unit("township"), year=2024, title="x")


def test_the_demo_plan_has_the_eleven_lines_and_is_built_once(db, tmp_path, monkeypatch):
    from django.utils import timezone

    from luoshi import demo
    from luoshi.org import demo as org_demo
    from luoshi.org.models import User
    from luoshi.plans.light_store import stale_lights
    from luoshi.plans.models import Plan, WorkLine

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)
    demo.load_demo()
    demo.load_demo()
    office = User.objects.unscoped("test").get(username="office")
    plan = Plan.objects.visible_to(office).get()
    assert plan.year == timezone.localdate().year  # loaded today: this year's (its lights: plans/tests/test_demo.py)
    assert WorkLine.objects.visible_to(office).filter(plan=plan).count() == 11
    assert Task.objects.visible_to(office).filter(plan=plan).exclude(status=TaskStatus.DRAFT).count() >= 15
    assert stale_lights() == []


def test_an_import_creates_many_drafts_each_audited_with_its_links(world, plan):
    rows = [{"plan": plan[0].pk, "title": f"导入任务{i}", "requirement": "按期完成", "lead_unit": world.unit("village"),
             "co_units": [world.unit("department")], "deadline": dt.date(2024, 9, 30)} for i in range(3)]
    tasks = services.task_create_many(actor=world.user("office"), rows=rows)
    assert [t.status for t in tasks] == [TaskStatus.DRAFT] * 3
    entries = AuditEntry.objects.unscoped("test").filter(object_type="plans.task", message="导入")
    assert entries.count() == 3 and entries.first().after["co_units"] == [world.unit("department").pk]
    from luoshi.core.audit import verify_chain

    assert verify_chain().ok


def test_an_import_with_one_row_out_of_scope_creates_nothing(world, plan):
    rows = [{"plan": plan[0].pk, "title": "本镇任务", "lead_unit": world.unit("village")},
            {"plan": plan[0].pk, "title": "外镇任务", "lead_unit": world.unit("other_village")}]
    with pytest.raises(OutOfScope):
        services.task_create_many(actor=world.user("office"), rows=rows)
    assert not Task.objects.visible_to(world.user("office")).filter(title="本镇任务").exists()


def test_the_demo_fills_supervision_and_the_roll_call(db, tmp_path, monkeypatch):
    from luoshi import demo
    from luoshi.dispatch.models import Dispatch
    from luoshi.economy import demo_data as economy_data
    from luoshi.org import demo as org_demo
    from luoshi.org.models import User
    from luoshi.supervision.models import Problem, Urge

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)
    demo.load_demo()
    demo.load_demo()
    office = User.objects.unscoped("test").get(username="office")
    # the supervision demo's four problems, the economy demo's 企业诉求 (problems too) and the people demo's
    # failed visit item, each once
    assert Problem.objects.visible_to(office).count() == 4 + len(economy_data.DEMANDS) + 1
    # supervision's urge, and the 应急值守 demo's missed duty shift urged on its task, each once
    assert Urge.objects.visible_to(office).count() == 2
    assert Dispatch.objects.visible_to(office).count() == 1
