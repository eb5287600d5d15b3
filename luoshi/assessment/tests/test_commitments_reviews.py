"""实事承诺 and 观摩评比: commitments carried out as tasks and counted done when their task is 办结;
the on-site review's arithmetic (the highest and lowest dropped from five sheets up, not below), its
freezing, the sheets' stored totals, and both feeding a scheme's items, traced to their rows; the
rankings per work line and the notices to the last on a line."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from luoshi.assessment import reviews, services, statistics
from luoshi.assessment.commitments import State, board
from luoshi.assessment.models import Commitment, LineRanking, Score, ScoreSheet, SiteResult
from luoshi.assessment.tests.factories import PANEL, commitments_of_village, site_review
from luoshi.core.errors import OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.core.roles import RoleCode
from luoshi.ledgers.registry import get_ledger
from luoshi.notify.models import Notification
from luoshi.org.testing import make_user
from luoshi.plans import services as plans
from luoshi.plans.models import Task, TaskStatus
from luoshi.plans.tests.factories import complete_task
from luoshi.progress.tests.factories import make_plan
from luoshi.progress.tests.factories import make_task as deployed_task

D = Decimal


@pytest.fixture
def plan(world):
    plan = make_plan(world, timezone.localdate().year)
    plans.plan_deploy(actor=world.user("office"), plan=plan)
    return plan


# ---- the 观摩 arithmetic ---------------------------------------------------------------------------

def test_five_sheets_or_more_drop_the_highest_and_the_lowest():
    result, kept, dropped = reviews.site_result([(1, D(86)), (2, D(80)), (3, D(100)), (4, D(50)), (5, D(84))])
    assert (result, kept, dropped) == (D("83.33"), [1, 2, 5], [4, 3])
    # ties: one of the equal lowest (the first sheet) and one of the equal highest (the last) go
    result, kept, dropped = reviews.site_result([(1, D(70)), (2, D(70)), (3, D(90)), (4, D(90)), (5, D(80)),
                                                 (6, D(75))])
    assert dropped == [1, 4] and kept == [2, 3, 5, 6] and result == D("78.75")


def test_fewer_than_five_sheets_are_all_averaged():
    assert reviews.site_result([(1, D(100)), (2, D(50)), (3, D(60)), (4, D(70))]) == (D("70.00"), [1, 2, 3, 4], [])
    assert reviews.site_result([(7, D("88.5"))]) == (D("88.50"), [7], [])


def test_a_sheet_total_weighs_each_mark_by_its_range():
    class C:
        def __init__(self, pk, weight, high):
            self.pk, self.weight, self.high = pk, D(weight), D(high)
    assert reviews.sheet_total({1: D(9), 2: D(8)}, [C(1, 60, 10), C(2, 40, 10)]) == D("86.00")
    assert reviews.sheet_total({1: D(15), 2: D(3)}, [C(1, 70, 20), C(2, 30, 5)]) == D("70.50")


# ---- a review's life -------------------------------------------------------------------------------

def test_a_frozen_review_keeps_each_site_result_and_the_sheets_behind_it(world):
    review, sites, _criteria = site_review(world)
    village = SiteResult.objects.unscoped("the test").get(site=sites["village"])
    other = SiteResult.objects.unscoped("the test").get(site=sites["other"])
    assert (village.sheets, village.dropped, village.result) == (5, True, D("83.33"))
    assert other.result == D("70.00")
    sheets = dict(ScoreSheet.objects.unscoped("the test").filter(site=sites["village"]).values_list("total", "pk"))
    assert sorted(village.left_out) == sorted([sheets[D(100)], sheets[D(50)]])
    # the result is what the sheets say, recomputed
    totals = list(ScoreSheet.objects.unscoped("the test").filter(site=sites["village"]).values_list("pk", "total"))
    assert reviews.site_result(totals)[0] == village.result
    assert AuditEntry.objects.unscoped("t").filter(message__contains="发布观摩结果").exists()


def test_a_review_below_five_members_drops_nothing(world):
    marks = {m: {"village": (8, 8), "other": (6, 6)} for m in PANEL[:3]} | {"discipline": {"village": (4, 4),
                                                                                            "other": (9, 9)}}
    _review, sites, _criteria = site_review(world, marks_by_member=marks)
    result = SiteResult.objects.unscoped("the test").get(site=sites["village"])
    assert (result.sheets, result.dropped, result.result, result.left_out) == (4, False, D("70.00"), [])


def test_frozen_means_frozen(world):
    review, sites, (work, look) = site_review(world)
    with pytest.raises(ServiceError):
        reviews.sheet_save(actor=world.user("leader"), site=sites["village"], marks={work.pk: 1, look.pk: 1})
    with pytest.raises(ServiceError):
        reviews.review_freeze(actor=world.user("leader"), review=review)
    with pytest.raises(ServiceError):
        reviews.criterion_add(actor=world.user("office"), review=review, name="新增", weight=1)


def test_a_review_opens_only_when_complete_and_refuses_marks_out_of_range(world):
    office = world.user("office")
    review = reviews.review_create(actor=office, unit=world.unit("township"), title="观摩", date=timezone.localdate())
    work = reviews.criterion_add(actor=office, review=review, name="项目", weight=60, high=10)
    site = reviews.site_add(actor=office, review=review, unit=world.unit("village"))
    reviews.member_add(actor=office, review=review, person=world.user("leader").person)
    with pytest.raises(ServiceError, match="100"):
        reviews.review_open(actor=office, review=review)
    with pytest.raises(ServiceError, match="100"):
        reviews.criterion_add(actor=office, review=review, name="多了", weight=41)
    look = reviews.criterion_add(actor=office, review=review, name="面貌", weight=40, high=5)
    with pytest.raises(ServiceError):  # not yet scoring
        reviews.sheet_save(actor=world.user("leader"), site=site, marks={work.pk: 8, look.pk: 4})
    reviews.review_open(actor=office, review=review)
    assert Notification.objects.unscoped("the test").filter(kind="site_review_open",
                                                            recipient=world.user("leader")).exists()
    with pytest.raises(ServiceError, match="0.00 至 5.00"):
        reviews.sheet_save(actor=world.user("leader"), site=site, marks={work.pk: 8, look.pk: 6})
    with pytest.raises(OutOfScope):  # not on the panel
        reviews.sheet_save(actor=world.user("office"), site=site, marks={work.pk: 8, look.pk: 4})
    with pytest.raises(ServiceError, match="还没有评分"):
        reviews.review_freeze(actor=office, review=review)
    sheet = reviews.sheet_save(actor=world.user("leader"), site=site, marks={work.pk: 8, look.pk: 4})
    assert sheet.total == D("80.00")


def test_stored_sheet_totals_agree_with_their_marks(world):
    review, _sites, criteria = site_review(world, freeze=False)
    for sheet in ScoreSheet.objects.unscoped("the test").filter(site__review=review):
        assert sheet.total == reviews.sheet_total(reviews.marks_of(sheet), criteria)


def _sheet_state(sheet):
    return (sheet.version, sheet.total, sheet.comment, reviews.marks_of(sheet), AuditEntry.objects.unscoped("t").count())


def test_the_scoring_form_round_trips(world, client):
    review, sites, _criteria = site_review(world, freeze=False)
    sheet = ScoreSheet.objects.unscoped("the test").get(site=sites["village"], member__person=world.user(
        "village").person)
    client.force_login(world.user("village"))
    before = _sheet_state(sheet)
    url = reverse("assessment:site_score", args=[sites["village"].pk])
    page = client.get(url)
    assert page.status_code == 200
    from luoshi.core.tests.test_forms_round_trip import browser_post_data
    response = client.post(url, browser_post_data(page.content.decode(), url))
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert _sheet_state(sheet) == before
    # a change is saved, audited and totalled again
    data = browser_post_data(client.get(url).content.decode(), url)
    data[next(k for k in data if k[0] == "c" and k[1:].isdigit())] = ["10"]
    assert client.post(url, data).status_code == 302
    sheet.refresh_from_db()
    assert sheet.version == before[0] + 1 and sheet.total != before[1]


def test_only_the_panel_opens_a_site_form(world, client):
    review, sites, _criteria = site_review(world, freeze=False)
    url = reverse("assessment:site_score", args=[sites["village"].pk])
    for role, status in (("village", 200), ("cadre", 404), ("outsider", 404), ("leader", 200)):
        client.force_login(world.user(role))
        assert client.get(url).status_code == status, role
    client.force_login(world.user("village"))  # a village secretary on the panel sees the review through the seat
    assert client.get(reverse("assessment:review_detail", args=[review.pk])).status_code == 200
    client.force_login(world.user("cadre"))
    assert client.get(reverse("assessment:review_detail", args=[review.pk])).status_code == 404


def test_review_pages(world, client):
    review, sites, _criteria = site_review(world)
    client.force_login(world.user("office"))
    for url in (reverse("assessment:review_list"), reverse("assessment:review_create"),
                reverse("assessment:review_detail", args=[review.pk]),
                reverse("assessment:site_result",
                        args=[SiteResult.objects.unscoped("t").get(site=sites["village"]).pk])):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("assessment:review_detail", args=[review.pk])).content.decode()
    assert "83.33" in page and "village的评语" in page


# ---- 实事承诺 ------------------------------------------------------------------------------------

def test_a_commitment_becomes_a_deployed_task_of_its_village(world, plan):
    made = commitments_of_village(world, plan, count=2, done=0)
    commitment = Commitment.objects.unscoped("the test").select_related("task").get(pk=made[0].pk)
    task = commitment.task
    assert (task.title, task.requirement, task.lead_unit, task.deadline, task.status) == (
        "为民实事1", "第1件办成的标准", world.unit("village"), dt.date(plan.year, 10, 31), TaskStatus.DEPLOYED)
    get_ledger("commitments").update(actor=world.user("office"), commitment=commitment, version=commitment.version,
                                     title="硬化村内道路", deadline=dt.date(plan.year, 11, 30))
    task = Task.objects.unscoped("the test").get(pk=task.pk)
    assert (task.title, task.deadline) == ("硬化村内道路", dt.date(plan.year, 11, 30))


def test_a_commitment_needs_a_plan_and_a_village(world):
    ledger = get_ledger("commitments")
    data = {"year": timezone.localdate().year, "title": "修路", "deadline": dt.date(timezone.localdate().year, 9, 1),
            "standard": "通车", "promised_by": "书记"}
    with pytest.raises(ServiceError, match="工作计划"):
        ledger.create(actor=world.user("office"), village=world.unit("village"), **data)
    make_plan(world, timezone.localdate().year)
    with pytest.raises(ServiceError, match="不是村"):
        ledger.create(actor=world.user("office"), village=world.unit("department"), **data)


def test_the_board_shows_each_commitment_state_and_evidence(world, plan, client):
    commitments_of_village(world, plan, count=3, done=1)
    found = board(actor=world.user("village"), village=world.unit("village"), year=plan.year)
    assert (found["total"], found["done"]) == (3, 1)
    assert [i["state"] for i in found["items"]].count(State.DONE) == 1
    client.force_login(world.user("village"))
    page = client.get(reverse("assessment:commitment_board", args=[world.unit("village").pk]))
    assert page.status_code == 200 and page.content.decode().count("data-commitment=") == 3
    assert client.get(reverse("assessment:commitment_index")).status_code == 200
    client.force_login(world.user("outsider"))
    assert client.get(reverse("assessment:commitment_board", args=[world.unit("village").pk])).status_code == 404


def test_the_commitments_form_round_trips(world, plan, client):
    from luoshi.core.tests.test_forms_round_trip import browser_post_data, state

    made = commitments_of_village(world, plan, count=1, done=0)[0]
    client.force_login(world.user("office"))
    before, audits = state(made), AuditEntry.objects.unscoped("t").count()
    url = reverse("ledgers:edit", args=["commitments", made.pk])
    response = client.post(url, browser_post_data(client.get(url).content.decode(), url))
    assert response.status_code == 302
    assert state(made) == before and AuditEntry.objects.unscoped("t").count() == audits


# ---- feeding the scheme ------------------------------------------------------------------------------

def _scheme(world, items):
    office = world.user("office")
    scheme = services.scheme_create(actor=office, unit=world.unit("township"), year=timezone.localdate().year,
                                    assessed_kind="village", title="村级考核")
    made = {name: services.item_add(actor=office, scheme=scheme, name=name, **kw) for name, kw in items.items()}
    return services.scheme_activate(actor=office, scheme=scheme), made


def test_commitments_done_is_scored_and_traced_to_its_rows(world, plan, client):
    made = commitments_of_village(world, plan, count=4, done=1)
    scheme, items = _scheme(world, {"实事承诺兑现": {"kind": "computed", "formula": "commitments_done", "weight": 20}})
    run = services.run_compute(actor=world.user("office"), scheme=scheme)
    score = Score.objects.unscoped("t").filter(run=run).get(unit=world.unit("village"), item=items["实事承诺兑现"])
    assert score.points == D("5.00")  # 20 × 1 ÷ 4
    assert score.counts == {"commitments": 4, "commitments_done": 1}
    assert sorted(score.evidence["commitments"]) == sorted(c.pk for c in made)
    assert score.evidence["commitments_done"] == [made[0].pk]
    other = Score.objects.unscoped("t").filter(run=run).get(unit=world.unit("other_village_same_township"),
                                                            item=items["实事承诺兑现"])
    assert other.points == D("0.00")  # no commitment made
    client.force_login(world.user("leader"))
    page = client.get(reverse("assessment:score_rows", args=[score.pk, "commitments_done"])).content.decode()
    assert "为民实事1" in page and "为民实事2" not in page and "共 1 条" in page
    # the unit page counts the same rows
    office = world.user("office")
    counts = statistics.counts(actor=office, unit=world.unit("village"), period=statistics.period_of(actor=office))
    assert (counts["commitments"], counts["commitments_done"]) == (4, 1)


def test_the_review_result_is_scored_and_traced(world, plan):
    _review, sites, _criteria = site_review(world)
    scheme, items = _scheme(world, {"观摩评比": {"kind": "computed", "formula": "site_review", "weight": 30}})
    run = services.run_compute(actor=world.user("office"), scheme=scheme)
    score = Score.objects.unscoped("t").filter(run=run).get(unit=world.unit("village"), item=items["观摩评比"])
    assert score.points == D("25.00")  # 30 × 83.33 ÷ 100 = 24.999
    result = SiteResult.objects.unscoped("the test").get(site=sites["village"])
    assert score.evidence == {"review_sites": [result.pk], "review_points": [result.pk]}
    assert score.counts == {"review_sites": 1, "review_points": "83.33"}


def test_the_review_feeds_a_frozen_run_that_does_not_move(world, plan):
    _review, _sites, _criteria = site_review(world)
    scheme, items = _scheme(world, {"观摩评比": {"kind": "computed", "formula": "site_review", "weight": 30},
                                    "实事承诺兑现": {"kind": "computed", "formula": "commitments_done", "weight": 20}})
    made = commitments_of_village(world, plan, count=2, done=0)
    office, leader = world.user("office"), world.user("leader")
    run = services.run_compute(actor=office, scheme=scheme)
    run = services.run_act(actor=leader, run=services.run_act(actor=office, run=run, action="review"), action="freeze")
    frozen = dict(Score.objects.unscoped("t").filter(run=run).values_list("pk", "points"))
    complete_task(world, Commitment.objects.unscoped("t").get(pk=made[0].pk).task)
    assert dict(Score.objects.unscoped("t").filter(run=run).values_list("pk", "points")) == frozen
    again = services.run_compute(actor=office, scheme=scheme)
    rescored = Score.objects.unscoped("t").filter(run=again).get(unit=world.unit("village"), item=items["实事承诺兑现"])
    assert rescored.points == D("10.00")


# ---- rankings per work line ---------------------------------------------------------------------------

def test_rankings_per_work_line_with_movement_and_notices(world, plan):
    office, leader = world.user("office"), world.user("leader")
    miaokou = world.unit("other_village_same_township")
    secretary = make_user(world.admin, "miaokou", miaokou, RoleCode.VILLAGE, miaokou)
    economy = plans.line_create(actor=office, plan=plan, name="经济发展")
    people = plans.line_create(actor=office, plan=plan, name="民生实事")
    late = deployed_task(world, plan, unit="other_village_same_township", title="逾期", line=economy,
                         start=timezone.localdate() - dt.timedelta(days=30),
                         deadline=timezone.localdate() - dt.timedelta(days=2))
    deployed_task(world, plan, unit="village", title="按期", line=economy)
    scheme, items = _scheme(world, {
        "经济逾期": {"kind": "computed", "formula": "overdue", "weight": 10, "step": 5, "line": economy},
        "民生按期": {"kind": "computed", "formula": "on_time_rate", "weight": 10, "line": people},
        "总逾期": {"kind": "computed", "formula": "overdue", "weight": 10, "step": 1}})
    run = services.run_compute(actor=office, scheme=scheme)
    lines = {(r.line_name, r.unit.name): (r.total, r.rank)
             for r in LineRanking.objects.unscoped("t").filter(run=run).select_related("unit")}
    assert lines[("经济发展", "路村")] == (D("10.00"), 1)
    assert lines[("经济发展", "庙口村")] == (D("5.00"), 2)
    assert lines[("民生实事", "路村")][1] == lines[("民生实事", "庙口村")][1] == 1  # level
    run = services.run_act(actor=leader, run=services.run_act(actor=office, run=run, action="review"), action="freeze")
    told = list(Notification.objects.unscoped("t").filter(kind="assessment_line_bottom"))
    assert [(n.recipient, "经济发展" in n.body) for n in told] == [(secretary, True)]  # 民生实事: all level
    late = plans.task_sign(actor=secretary, task=late)
    late = plans.task_request_close(actor=secretary, task=late, note="已完成")
    plans.task_accept(actor=office, task=late)
    second = services.run_compute(actor=office, scheme=scheme)
    row = LineRanking.objects.unscoped("t").get(run=second, line_name="经济发展", unit__name="庙口村")
    assert (row.rank, row.previous_rank, row.movement) == (1, 2, 1)


def test_the_review_through_the_api(world, client_as):
    review, sites, (work, look) = site_review(world, freeze=False)
    village = client_as("village")  # on the panel
    url = f"/api/v1/assessment/reviews/sites/{sites['other'].pk}/sheet"
    saved = village.put(url, {"marks": {str(work.pk): 9, str(look.pk): 9}, "comment": "好"},
                        content_type="application/json")
    assert saved.status_code == 200 and saved.json()["total"] == "90.00"
    bad = village.put(url, {"marks": {str(work.pk): 11, str(look.pk): 9}}, content_type="application/json")
    assert bad.status_code == 400 and "0.00 至 10.00" in bad.json()["detail"]
    assert client_as("cadre").put(url, {"marks": {}}, content_type="application/json").status_code == 404
    village = client_as("village")  # one client: client_as logs it in again
    seen = village.get(f"/api/v1/assessment/reviews/{review.pk}")
    assert seen.status_code == 200, seen.content
    seen = seen.json()
    assert [s["sheets"] for s in seen["sites"]] == [5, 5] and seen["sites"][0]["result"] is None
    reviews.review_freeze(actor=world.user("leader"), review=review)
    seen = client_as("office").get(f"/api/v1/assessment/reviews/{review.pk}").json()
    assert seen["sites"][0]["result"] == "83.33" and seen["sites"][0]["dropped"] is True
    assert client_as("outsider").get(f"/api/v1/assessment/reviews/{review.pk}").status_code == 404


def test_the_office_sets_a_review_up_opens_it_and_the_leader_freezes_it_through_the_api(world, client_as):
    office = client_as("office")

    def post(client, url, body=None):
        return client.post(f"/api/v1/assessment/{url}", body or {}, content_type="application/json")

    made = post(office, "reviews", {"unit_id": world.unit("township").pk, "title": "下半年观摩", "date": "2026-07-10"})
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert post(office, f"reviews/{pk}/criteria", {"name": "项目建设", "weight": 70}).status_code == 201
    over = post(office, f"reviews/{pk}/criteria", {"name": "村容村貌", "weight": 40})
    assert over.status_code == 400 and "不能超过 100" in over.json()["detail"]
    assert post(office, f"reviews/{pk}/criteria", {"name": "村容村貌", "weight": 30, "high": 5}).status_code == 201
    assert post(office, f"reviews/{pk}/sites", {"unit_id": world.unit("village").pk, "name": "路村大棚"}
                ).status_code == 201
    outside = post(office, f"reviews/{pk}/sites", {"unit_id": world.unit("other_township").pk})
    assert outside.status_code == 404  # a unit the office does not see is not there
    early = post(office, f"reviews/{pk}/open")
    assert early.status_code == 400 and "评委" in early.json()["detail"]
    for member in ("leader", "department"):
        assert post(office, f"reviews/{pk}/panel", {"person_id": world.user(member).person.pk}).status_code == 201
    opened = post(office, f"reviews/{pk}/open")
    assert opened.status_code == 200 and opened.json()["status"] == "scoring"
    review = opened.json()
    assert [c["weight"] for c in review["criteria"]] == ["70.00", "30.00"]
    assert {m["person"] for m in review["panel"]} == {world.user("leader").person.name,
                                                      world.user("department").person.name}
    late = post(office, f"reviews/{pk}/sites", {"unit_id": world.unit("other_village_same_township").pk})
    assert late.status_code == 400 and "不能再修改" in late.json()["detail"]
    site = review["sites"][0]["id"]
    criteria = [c["id"] for c in review["criteria"]]
    for member, marks in (("leader", (9, 4)), ("department", (7, 5))):
        sheet = client_as(member).put(f"/api/v1/assessment/reviews/sites/{site}/sheet",
                                      {"marks": dict(zip(map(str, criteria), marks, strict=True))},
                                      content_type="application/json")
        assert sheet.status_code == 200, sheet.content
    assert post(client_as("village"), f"reviews/{pk}/freeze").status_code in (403, 404)
    frozen = post(client_as("leader"), f"reviews/{pk}/freeze")
    assert frozen.status_code == 200 and frozen.json()["status"] == "frozen"
    # (70×9/10 + 30×4/5 = 87; 70×7/10 + 30×5/5 = 79) → 83
    assert frozen.json()["sites"][0]["result"] == "83.00"
    assert post(office, f"reviews/{pk}/unknown").status_code == 404
    listed = client_as("office").get("/api/v1/assessment/reviews").json()
    assert [r["id"] for r in listed] == [pk]
    assert client_as("outsider").get("/api/v1/assessment/reviews").json() == []
    assert post(client_as("village"), "reviews", {"unit_id": world.unit("township").pk, "title": "x",
                                                  "date": "2026-07-10"}).status_code in (403, 404)
