"""The problem workflow: every action from every state (the table), maker-checker, evidence,
roles and scope, the audit trail and the computed light."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.progress.models import Attachment
from luoshi.progress.tests.factories import photo
from luoshi.supervision import problem_flow, services
from luoshi.supervision.models import Problem, ProblemStatus
from luoshi.supervision.tests.factories import make_problem, person, problem_in

STATES = [s.value for s in ProblemStatus]
# action → (who acts, the keyword arguments it needs)
ACTS = {
    "assign": ("office", lambda w: {"owner": person(w, "village")}),
    "start": ("village", lambda w: {}),
    "request_close": ("village", lambda w: {"evidence": "已整改完毕"}),
    "close": ("office", lambda w: {}),
    "send_back": ("office", lambda w: {"reason": "未见整改照片"}),
    "reopen": ("office", lambda w: {"reason": "问题复发"}),
}
EXPECTED = {  # (action, from) → to; every pair not listed is refused
    ("assign", "found"): "assigned", ("assign", "assigned"): "assigned",
    ("start", "assigned"): "rectifying", ("start", "returned"): "rectifying",
    ("request_close", "rectifying"): "closing", ("request_close", "returned"): "closing",
    ("close", "closing"): "closed", ("send_back", "closing"): "returned",
    ("reopen", "closed"): "rectifying",
}


def test_the_table_in_the_code_is_the_table_the_tests_expect():
    table = {(t.action, s): t.target for t in problem_flow.TRANSITIONS.values() for s in t.sources}
    assert table == EXPECTED


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(ACTS))
def test_every_action_from_every_state_is_allowed_or_refused_by_the_table(world, action, state):
    problem = problem_in(world, state)
    who, kwargs = ACTS[action]
    run = problem_flow.SERVICES[action]
    if (action, state) in EXPECTED:
        done = run(actor=world.user(who), problem=problem, **kwargs(world))
        assert done.status == EXPECTED[(action, state)]
    else:
        with pytest.raises(ServiceError, match="不能"):
            run(actor=world.user(who), problem=problem, **kwargs(world))
        assert Problem.objects.unscoped("test").get(pk=problem.pk).status == state


@pytest.mark.django_db
def test_the_requester_cannot_verify_their_own_close_and_someone_else_can(world):
    problem = problem_in(world, "closing", requester="office")
    with pytest.raises(ServiceError, match="申请人以外"):
        services.problem_close(actor=world.user("office"), problem=problem)
    assert "close" not in [t.action for t in problem_flow.allowed_actions(world.user("office"), problem)]
    closed = services.problem_close(actor=world.user("leader"), problem=problem)
    assert closed.status == "closed" and closed.closed_by == world.user("leader")


@pytest.mark.django_db
def test_asking_to_close_needs_evidence_and_keeps_the_files(world):
    problem = problem_in(world, "rectifying")
    with pytest.raises(ServiceError, match="佐证"):
        services.problem_request_close(actor=world.user("village"), problem=problem, evidence="  ")
    done = services.problem_request_close(actor=world.user("village"), problem=problem, evidence="已清运",
                                          files=[photo()])
    assert done.closing_requested_by == world.user("village")
    assert Attachment.objects.unscoped("test").filter(owner_id=problem.pk).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["send_back", "reopen"])
def test_sending_back_and_reopening_need_a_reason(world, action):
    problem = problem_in(world, "closing" if action == "send_back" else "closed")
    with pytest.raises(ServiceError, match="理由"):
        problem_flow.SERVICES[action](actor=world.user("office"), problem=problem, reason="")


@pytest.mark.django_db
def test_roles_outside_the_action_are_refused(world):
    problem = problem_in(world, "closing")
    with pytest.raises(NotAllowed):
        services.problem_close(actor=world.user("village"), problem=problem)
    with pytest.raises(NotAllowed):
        services.problem_reopen(actor=world.user("department"), problem=problem_in(world, "closed"), reason="x")


@pytest.mark.django_db
def test_a_problem_outside_the_scope_is_missing(world):
    problem = problem_in(world, "found")
    with pytest.raises(OutOfScope):
        services.problem_assign(actor=world.user("outsider"), problem=problem, owner=person(world, "outsider"))
    with pytest.raises(OutOfScope):
        services.problem_start(actor=world.user("department"), problem=problem_in(world, "assigned"))


@pytest.mark.django_db
def test_each_step_is_audited_with_its_label(world):
    problem = problem_in(world, "closed")
    messages = list(AuditEntry.objects.unscoped("test").filter(object_type="supervision.problem",
                                                               object_id=str(problem.pk)).order_by("id").values_list("message",
                                                                                                       flat=True))
    assert [m.split("：")[0] for m in messages[1:]] == ["交办", "开始整改", "申请销号", "核验销号"]


@pytest.mark.django_db
def test_the_status_cannot_be_changed_by_an_edit(world):
    problem = make_problem(world)
    with pytest.raises(ServiceError, match="不能直接修改"):
        services.problem_update(actor=world.user("office"), problem=problem, version=1, status="closed")


@pytest.mark.django_db
def test_an_overdue_problem_is_red_with_its_reason_and_a_closed_one_green(world):
    today = timezone.localdate()
    late = make_problem(world, deadline=today - dt.timedelta(days=3), deadline_kind="date")
    assert problem_flow.problem_light(late, today) == ("red", "已超过整改时限 3 天")
    soon = make_problem(world, deadline=today + dt.timedelta(days=2), deadline_kind="date")
    assert problem_flow.problem_light(soon, today)[0] == "yellow"
    assert problem_flow.problem_light(problem_in(world, "closed"), today) == ("green", "已销号")


@pytest.mark.django_db
def test_an_enterprise_problem_carries_the_enterprise_and_its_liaison_who_sees_it(world):
    problem = make_problem(world, unit="department", source="enterprise", enterprise_name="鲁源食品有限公司",
                           liaison=person(world, "cadre"))
    assert problem.enterprise_name == "鲁源食品有限公司"
    assert Problem.objects.visible_to(world.user("cadre")).filter(pk=problem.pk).exists()
