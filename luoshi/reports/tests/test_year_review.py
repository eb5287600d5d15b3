"""The year's review draft (一年来): every number in the Word document is counted again here from the
database by a query of its own; the seed speech's review quantities each come from the demo's data;
what the data lacks is said, never invented; only the office generates, leaders read, others don't."""

import io
import re
from decimal import Decimal

import pytest
from django.db.models import Sum
from docx import Document

from luoshi.assessment.models import Commitment, Ranking, RunStatus, ScoringRun
from luoshi.core.models import AuditEntry
from luoshi.economy.models import InvestmentProject, ProjectStage
from luoshi.economy.models_income import CollectiveIncome, IncomeThreshold
from luoshi.economy.models_talent import Talent, TalentEngagement
from luoshi.party.models import DisciplineCase
from luoshi.people.models import Benefit
from luoshi.plans.models import Indicator, Plan, Task, TaskStatus
from luoshi.progress.models import IndicatorValue
from luoshi.reports import review, review_services
from luoshi.reports.models_review import AnnualReview

TOTAL = re.compile(r"共 (\d+) 条")
MARKED = re.compile(r"(\d+(?:\.\d+)?)\[(\d+)\]")
SEED_QUANTITIES = ("communities", "roads", "land", "income.total", "benefit.dividend", "benefit.yulu",
                   "benefit.housing", "revenue", "projects.yi", "talent.doctors", "talent.donations",
                   "commitments.done", "discipline.party", "discipline.cadres")


def _q(model):
    return model.objects.unscoped("the test recounts the review's numbers")


def _body_and_table(content: bytes) -> tuple[str, list[list[str]]]:
    document = Document(io.BytesIO(content))
    body = "\n".join(p.text for p in document.paragraphs)
    table = [[c.text for c in row.cells] for row in document.tables[0].rows[1:]]
    return body, table


def _reported(indicator: Indicator) -> Decimal | None:
    """An unsplit reported indicator: the latest value each unit reported, summed."""
    latest = {}
    for unit_id, value in (_q(IndicatorValue).filter(indicator=indicator).order_by("id")
                           .values_list("report__unit_id", "value")):
        latest[unit_id] = value
    return sum(latest.values(), Decimal(0)) if latest else None


def _indicator_value(pk: int, part: str) -> Decimal | None:
    indicator = _q(Indicator).get(pk=pk)
    if part == "target":
        return indicator.target
    return indicator.actual if indicator.register_measure else _reported(indicator)


def recount(key: str, *, plan: Plan, township) -> Decimal:
    """The number a reference's key names, counted from the tables directly (not through reports.review)."""
    year, under = plan.year, township.path
    tasks = _q(Task).filter(plan=plan, parent__isnull=True).exclude(status=TaskStatus.DRAFT)
    head, _dot, rest = key.partition(".")
    if head in ("plan", "line"):
        if head == "line":
            line_pk, _dot, rest = rest.partition(".")
            tasks = tasks.filter(line_id=int(line_pk))
        return tasks.filter(status=TaskStatus.COMPLETED).count() if rest == "done" else tasks.count()
    if head == "indicator":
        pk, _dot, part = rest.partition(".")
        return _indicator_value(int(pk), part)
    if key in review.INDICATOR_WORDS:
        indicator = next(i for i in _q(Indicator).filter(plan=plan, parent__isnull=True).order_by("line__sort_order",
                                                                                                   "id")
                         if any(w in i.name for w in review.INDICATOR_WORDS[key][:1]))
        return _indicator_value(indicator.pk, "actual")
    income = _q(CollectiveIncome).filter(village__path__startswith=under, year=year)
    sums = dict(income.values_list("village").annotate(s=Sum("amount")).order_by())
    if key == "income.total":
        return income.aggregate(s=Sum("amount"))["s"]
    if key == "income.villages":
        return len(sums)
    if head == "income":
        line = _q(IncomeThreshold).get(pk=int(rest.split(".")[1]))
        return sum(1 for s in sums.values() if s >= line.amount)
    if head == "benefit":
        kind = rest.removesuffix("_amount")
        rows = _q(Benefit).filter(household__village__path__startswith=under, kind=kind, received_on__year=year)
        if rest.endswith("_amount"):
            return rows.aggregate(s=Sum("amount"))["s"] / 10000
        return rows.count() if kind in ("yulu", "filial") else rows.values("household").distinct().count()
    if key == "projects.yi":
        return _q(InvestmentProject).filter(
            yi_project=True, signed_date__year=year, scope_path__startswith=under,
            stage__in=(ProjectStage.SIGNED, ProjectStage.STARTED, ProjectStage.PRODUCING)).count()
    if key == "talent.doctors":
        return _q(TalentEngagement).filter(unit__path__startswith=under, degree="doctor", starts_on__year=year).count()
    if key == "talent.donations":
        return _q(Talent).filter(village__path__startswith=under, kind="sage").aggregate(s=Sum("donation"))["s"]
    commitments = _q(Commitment).filter(village__path__startswith=under, year=year)
    if key == "commitments.total":
        return commitments.count()
    if key == "commitments.done":
        return commitments.filter(task__status=TaskStatus.COMPLETED).count()
    cases = _q(DisciplineCase).filter(unit__path__startswith=under, decided_on__year=year).exclude(sanction="")
    if key == "discipline.party":
        return cases.filter(sanction__in=("warning", "serious_warning", "removal", "probation", "expulsion")).count()
    if key == "discipline.cadres":
        return cases.filter(is_cadre=True).count()
    if head == "ranking":
        kind, _dot, unit = rest.partition(".")
        run = (_q(ScoringRun).filter(status=RunStatus.FROZEN, scheme__year=year, scheme__assessed_kind=kind)
               .order_by("-as_of", "-frozen_at", "-id").first())
        return _q(Ranking).get(run=run, unit_id=int(unit)).total
    raise AssertionError(f"no recount for {key}")


def _current_plan(office):
    return Plan.objects.visible_to(office).exclude(status="draft").order_by("-year", "-id").first()


def test_every_number_in_the_word_draft_is_the_databases(demo, client):
    office = demo["office"]
    plan = _current_plan(office)
    client.force_login(office)
    response = client.post("/bulletins/reviews/new/", {"plan": plan.pk})
    assert response.status_code == 302
    obj = AnnualReview.objects.visible_to(office).get()
    download = client.get(f"/bulletins/reviews/{obj.pk}/download/")
    assert download.status_code == 200
    body, table = _body_and_table(download.content)
    sources = {s["n"]: s for s in obj.figures["sources"]}
    township = obj.township

    marked = MARKED.findall(body)
    assert len(marked) == len(sources) >= 40  # each reference is written once in the body
    for value, n in marked:
        source = sources[int(n)]
        assert value == source["value"] == review.number(recount(source["key"], plan=plan, township=township)), source
    # no other number: what is left is the year, the date of the data and the numbering
    rest = MARKED.sub("", body)
    rest = re.sub(r"\d{4}年(\d{1,2}月\d{1,2}日)?", "", rest)
    assert not re.search(r"\d", rest), re.search(r".{20}\d.{20}", rest)
    # the appendix: one row per reference, its value and its rows
    assert [row[0] for row in table] == [str(n) for n in sources]
    assert [int(n) for _value, n in marked] == sorted(sources)  # numbered as the draft reads
    for row in table:
        source = sources[int(row[0])]
        assert row[2] == f"{source['value']} {source['unit']}".strip()
        if source["ids"] is not None:
            assert row[4].startswith(f"共 {len(source['ids'])} 条")
        assert row[5].endswith(source["link"])
    # a reference's rows are the number's own where the number is a count of rows
    for source in sources.values():
        if source["key"].endswith((".tasks", ".done")) or source["key"] in ("projects.yi", "talent.doctors",
                                                                             "commitments.total", "benefit.yulu"):
            assert str(len(source["ids"])) == source["value"], source
        if source["key"].startswith(("plan.", "line.")):  # the task list a number links to shows that many
            listed = client.get(source["link"]).content.decode()
            assert int(TOTAL.search(listed).group(1)) == int(source["value"]), source
    # the page says the same numbers, each linked to its source
    page = client.get(f"/bulletins/reviews/{obj.pk}/").content.decode()
    for source in sources.values():
        assert f'href="#ls-source-{source["n"]}"' in page and f'id="ls-source-{source["n"]}"' in page
    assert AuditEntry.objects.unscoped("test").filter(object_type="reports.annualreview").exists()


def test_the_seed_speechs_quantities_come_from_the_demos_data(demo):
    office = demo["office"]
    obj = review_services.review_generate(actor=office, plan=_current_plan(office))
    keys = {s["key"]: s for s in obj.figures["sources"]}
    for key in SEED_QUANTITIES:
        assert key in keys, key
        assert Decimal(keys[key]["value"]) > 0, keys[key]
    text = "\n".join(p for s in obj.figures["sections"] for p in s["paragraphs"])
    achievements = "\n".join(obj.figures["sections"][2]["paragraphs"])
    assert "暂无数据" not in achievements
    # discipline: counts only — no name, post or id of a case, no case ids in the references
    for case in _q(DisciplineCase).all():
        assert case.name not in text and case.name not in str(obj.figures)
    assert keys["discipline.party"]["ids"] is None and keys["discipline.cadres"]["ids"] is None


def test_missing_data_is_said_not_invented(world):
    from luoshi.plans import services as plan_services
    from luoshi.progress.tests.factories import make_plan, make_task

    office = world.user("office")
    plan = make_plan(world, 2026)
    make_task(world, plan, title="修路")
    plan_services.plan_deploy(actor=office, plan=plan)
    obj = review_services.review_generate(actor=office, plan=plan)
    achievements = "\n".join(obj.figures["sections"][2]["paragraphs"])
    for what in ("新建社区", "农村公路", "闲散土地", "地方财政收入", "村级集体经济台账", "雨露计划", "危房改造",
                 "人才引进台账", "新乡贤", "实事承诺"):
        assert re.search(f"暂无数据：[^）]*{what}", achievements), what
    assert "暂无数据" in obj.figures["sections"][3]["paragraphs"][0]  # no published ranking
    body, _table = _body_and_table(review_services.document_of(obj))
    rest = re.sub(r"\d{4}年(\d{1,2}月\d{1,2}日)?", "", MARKED.sub("", body))
    assert not re.search(r"\d", rest)
    keys = {s["key"] for s in obj.figures["sources"]}
    assert {"plan.tasks", "plan.done", "discipline.party"} <= keys and "income.total" not in keys


def test_regenerate_reads_the_data_again_and_is_audited(world, client_as):
    from luoshi.plans import services as plan_services
    from luoshi.progress.tests.factories import make_plan, make_task

    office = world.user("office")
    plan = make_plan(world, 2026)
    make_task(world, plan, title="修路")
    plan_services.plan_deploy(actor=office, plan=plan)
    obj = review_services.review_generate(actor=office, plan=plan)
    before = {s["key"]: s["value"] for s in obj.figures["sources"]}
    assert before["plan.tasks"] == "1"
    make_task(world, plan, title="建桥")
    plan_services.plan_deploy(actor=office, plan=plan)
    assert client_as("office").post(f"/bulletins/reviews/{obj.pk}/refresh/").status_code == 302
    obj.refresh_from_db()
    assert {s["key"]: s["value"] for s in obj.figures["sources"]}["plan.tasks"] == "2"
    assert obj.version == 2
    assert AuditEntry.objects.unscoped("test").filter(object_type="reports.annualreview").count() >= 2


# (list, a draft's page, its download, generate, regenerate): another township's office sees none of ours
ROLES = {"office": (200, 200, 200, 302, 302), "leader": (200, 200, 200, 403, 403),
         "department": (403, 403, 403, 403, 403), "village": (403, 403, 403, 403, 403),
         "cadre": (403, 403, 403, 403, 403), "discipline": (403, 403, 403, 403, 403),
         "outsider": (200, 404, 404, 400, 404)}


@pytest.mark.parametrize("who", list(ROLES))
def test_who_reads_and_generates_the_reviews(world, client_as, who):
    from luoshi.plans import services as plan_services
    from luoshi.progress.tests.factories import make_plan, make_task

    office = world.user("office")
    plan = make_plan(world, 2026)
    make_task(world, plan, title="修路")
    plan_services.plan_deploy(actor=office, plan=plan)
    obj = review_services.review_generate(actor=office, plan=plan)
    client = client_as(who)
    got = (client.get("/bulletins/reviews/").status_code, client.get(f"/bulletins/reviews/{obj.pk}/").status_code,
           client.get(f"/bulletins/reviews/{obj.pk}/download/").status_code,
           client.post("/bulletins/reviews/new/", {"plan": plan.pk}).status_code,
           client.post(f"/bulletins/reviews/{obj.pk}/refresh/").status_code)
    assert got == ROLES[who]
