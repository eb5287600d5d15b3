"""Scoring runs: computed from the unit statistics with the declared formulas, reviewed, frozen; a
frozen run never changes and recomputing makes a new one; entered points are maker-checker; a veto
zeroes; rankings carry movement; the bottom units' leaders are told."""

from decimal import Decimal

import pytest
from django.utils import timezone

from luoshi.assessment import services, statistics
from luoshi.assessment.models import Ranking, Score, ScoringRun
from luoshi.assessment.tests.factories import village_scheme, village_year
from luoshi.core.errors import Conflict, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.notify.models import Notification
from luoshi.plans.tests.factories import complete_task
from luoshi.supervision import urging


@pytest.fixture
def scored(world):
    year = village_year(world)
    scheme, items = village_scheme(world)
    return year, scheme, items


def _scores(run) -> dict:
    return {(s.unit.name, s.item.name): s.points
            for s in Score.objects.unscoped("the test").filter(run=run).select_related("unit", "item")}


def _freeze(world, run):
    run = services.run_act(actor=world.user("office"), run=run, action="review")
    return services.run_act(actor=world.user("leader"), run=run, action="freeze")


def test_a_run_scores_each_item_by_its_formula(world, scored):
    _year, scheme, _items = scored
    run = services.run_compute(actor=world.user("office"), scheme=scheme)
    scores = _scores(run)
    # 路村: due or done 2 (逾期, 办结), on time 1 → 15; red tasks: 红 and 逾期 (2 × 2) → 6; urges 1 + 2 + 3 → 4;
    # the problem closed on time → 15; the roll call answered → 15; 确保 met, 力争 not → 20
    assert scores[("路村", "重点任务按期办结")] == Decimal("15.00")
    assert scores[("路村", "被督办情况")] == Decimal("4.00")
    assert scores[("路村", "问题按期销号")] == Decimal("15.00")
    assert scores[("路村", "调度点名到会")] == Decimal("15.00")
    assert scores[("路村", "目标指标完成")] == Decimal("20.00")
    assert scores[("路村", "集体经济增幅")] == Decimal("5.00")  # +25% of a 50% target: half of 10
    office = world.user("office")
    counts = statistics.counts(actor=office, unit=world.unit("village"),
                               period=statistics.period_of(actor=office))
    assert scores[("路村", "红灯任务")] == Decimal(10 - 2 * counts["light_red"])
    rankings = list(Ranking.objects.unscoped("the test").filter(run=run).order_by("rank"))
    assert {r.unit.name for r in rankings} == {"路村", "庙口村"}
    total = sum(v for (unit, _item), v in scores.items() if unit == "路村")
    assert next(r for r in rankings if r.unit.name == "路村").total == total


def test_every_score_keeps_the_rows_that_produced_it(world, scored):
    _year, scheme, _items = scored
    office = world.user("office")
    run = services.run_compute(actor=office, scheme=scheme)
    period = statistics.period_of(actor=office)
    for score in Score.objects.unscoped("the test").filter(run=run, item__kind="computed").select_related("unit"):
        for key, ids in score.evidence.items():
            if not statistics.BY_KEY[key].total:
                assert len(ids) == score.counts[key]
            rows = statistics.rows_of(actor=office, unit=score.unit, period=period, key=key)
            assert sorted(ids) == sorted(rows.values_list("pk", flat=True))


def test_a_frozen_run_never_changes_and_a_recomputed_one_differs(world, scored):
    year, scheme, _items = scored
    office = world.user("office")
    frozen = _freeze(world, services.run_compute(actor=office, scheme=scheme))
    before = _scores(frozen)
    # the data move on: the red task gets a red slip more, then is finished
    urging.urge_issue(actor=office, task=year["red"], colour="red")
    complete_task(world, year["red"])
    assert _scores(frozen) == before
    again = services.run_compute(actor=office, scheme=scheme)
    assert again.number == frozen.number + 1 and again.previous_id == frozen.pk
    after = _scores(again)
    assert after != before
    assert after[("路村", "被督办情况")] == before[("路村", "被督办情况")] - 3
    with pytest.raises(Conflict):
        services.run_act(actor=world.user("leader"), run=frozen, action="freeze")
    assert _scores(ScoringRun.objects.unscoped("the test").get(pk=frozen.pk)) == before
    moved = Ranking.objects.unscoped("the test").filter(run=again)
    assert all(r.previous_rank is not None for r in moved)
    actions = AuditEntry.objects.unscoped("the test").filter(object_type="assessment.scoringrun")
    assert actions.count() >= 4  # two computed, one reviewed, one frozen


def test_points_entered_count_only_once_approved_by_someone_else(world, scored):
    _year, scheme, items = scored
    office, leader = world.user("office"), world.user("leader")
    village = world.unit("village")
    bonus = services.adjustment_propose(actor=office, item=items["bonus"], unit=village, date=timezone.localdate(),
                                        points=3, reason="创新人居环境整治模式", evidence="县委办通报 2026-12 号")
    with pytest.raises(ServiceError):
        services.adjustment_decide(actor=office, adjustment=bonus, approve=True)
    first = _scores(services.run_compute(actor=office, scheme=scheme))
    assert first[("路村", "创新工作加分")] == 0
    services.adjustment_decide(actor=leader, adjustment=bonus, approve=True)
    second = _scores(services.run_compute(actor=office, scheme=scheme))
    assert second[("路村", "创新工作加分")] == Decimal("3.00")
    with pytest.raises(ServiceError):
        services.adjustment_propose(actor=office, item=items["bonus"], unit=village, date=timezone.localdate(),
                                    points=9, reason="超出分值", evidence="无")


def test_a_veto_zeroes_the_unit(world, scored):
    _year, scheme, items = scored
    office, leader = world.user("office"), world.user("leader")
    veto = services.adjustment_propose(actor=office, item=items["veto"], unit=world.unit("village"),
                                       date=timezone.localdate(), points=0, reason="发生较大安全生产事故",
                                       evidence="县应急局事故通报")
    services.adjustment_decide(actor=leader, adjustment=veto, approve=True)
    run = services.run_compute(actor=office, scheme=scheme)
    row = Ranking.objects.unscoped("the test").get(run=run, unit=world.unit("village"))
    assert row.vetoed and row.total == 0 and row.rank == 2


def test_freezing_tells_the_bottom_units_leaders(world, scored):
    _year, scheme, _items = scored
    run = _freeze(world, services.run_compute(actor=world.user("office"), scheme=scheme))
    told = Notification.objects.unscoped("the test").filter(kind="assessment_bottom")
    assert told.filter(recipient=world.user("village")).exists()
    assert str(run.pk) in told.first().link


def test_the_reviewer_cannot_publish_alone(world, scored):
    _year, scheme, _items = scored
    leader = world.user("leader")
    run = services.run_compute(actor=world.user("office"), scheme=scheme)
    run = services.run_act(actor=leader, run=run, action="review")
    with pytest.raises(ServiceError):
        services.run_act(actor=leader, run=run, action="freeze")


def test_runs_through_the_api(world, scored, client_as):
    _year, scheme, _items = scored
    office = client_as("office")
    made = office.post(f"/api/v1/assessment/schemes/{scheme.pk}/runs", {}, content_type="application/json")
    assert made.status_code == 201, made.content
    run = made.json()
    assert {r["unit"] for r in run["rankings"]} == {"路村", "庙口村"}
    assert office.post(f"/api/v1/assessment/runs/{run['id']}/freeze").status_code == 403  # a leader publishes
    assert office.post(f"/api/v1/assessment/runs/{run['id']}/review").json()["status"] == "reviewed"
    village = world.unit("village")
    office = client_as("leader")
    assert office.post(f"/api/v1/assessment/runs/{run['id']}/freeze").json()["status"] == "frozen"
    assert office.post(f"/api/v1/assessment/runs/{run['id']}/freeze").status_code == 409
    scores = office.get(f"/api/v1/assessment/runs/{run['id']}/units/{village.pk}").json()
    total = next(r["total"] for r in run["rankings"] if r["unit_id"] == village.pk)
    assert sum(Decimal(s["points"]) for s in scores) == Decimal(total)
    assert client_as("outsider").get(f"/api/v1/assessment/runs/{run['id']}").status_code == 404
