"""A village's year in miniature, built through the services: tasks of every state and light, urges of
each colour (one answered), problems found and closed, a roll call and reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from luoshi.dispatch import services as dispatch
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.ledgers.registry import get_ledger
from luoshi.plans import services as plans
from luoshi.plans import task_flow
from luoshi.plans.tests.factories import complete_task
from luoshi.progress import services as progress
from luoshi.progress.tests.factories import make_task
from luoshi.supervision import urging
from luoshi.supervision.tests.factories import make_problem, problem_in


def village_year(world):
    """Returns the plan; 路村 (world.unit("village")) holds most of it, 庙口村 a little."""
    office, village = world.user("office"), world.user("village")
    today = timezone.localdate()
    rc = make_roll_call(world)  # the plan of this year, three recurring tasks (路村, 庙口村, the department)
    plan = rc.tasks[0].plan
    green = make_task(world, plan, title="绿")
    progress.report_submit(actor=village, task=green, text="按期推进", percent=70)
    red = make_task(world, plan, title="红")  # 60 days without a report
    make_task(world, plan, title="逾期", start=today - dt.timedelta(days=30), deadline=today - dt.timedelta(days=3))
    done = complete_task(world, make_task(world, plan, title="办结", start=today - dt.timedelta(days=20),
                                          deadline=today + dt.timedelta(days=5)))
    closing = plans.task_sign(actor=village, task=make_task(world, plan, title="待验收"))
    task_flow.task_request_close(actor=village, task=closing, note="已完成")
    plans.plan_deploy(actor=office, plan=plan)
    make_task(world, plan, title="草稿", deploy=False)  # after the plan's deployment, which deploys its drafts
    urging.urge_issue(actor=office, task=red, colour="red")
    urging.urge_issue(actor=office, task=green, colour="blue")
    answered = urging.urge_issue(actor=office, task=green, colour="yellow")
    urging.urge_answer(actor=village, urge=answered, answer="已加快进度")
    problem_in(world, "closed")
    problem_in(world, "rectifying")
    make_problem(world, unit="other_village_same_township")
    must = plans.indicator_create(actor=office, plan=plan, name="改厕", unit=world.unit("village"), measure="户",
                                  target=Decimal(10))
    strive = plans.indicator_create(actor=office, plan=plan, name="新增集体收入", unit=world.unit("village"),
                                    measure="万元", target=Decimal(5), strength="strive")
    counted = make_task(world, plan, title="改厕和增收", indicators=[must, strive])
    progress.report_submit(actor=village, task=counted, text="改厕10户", percent=60,
                           values={must: Decimal(10), strive: Decimal(2)})
    income = get_ledger("collective-income")
    for year, amount in ((today.year - 1, "8"), (today.year, "6"), (today.year, "4")):  # 8 → 10 万元: +25%
        income.create(actor=office, village=world.unit("village"), year=year, source="contract", item="土地发包",
                      amount=Decimal(amount))
    round_ = dispatch.round_open(actor=office, dispatch=rc.dispatch)
    progress.report_submit(actor=village, task=rc.tasks[0], text="已排查", percent=50)
    dispatch.round_close(actor=office, round_=round_)
    return {"plan": plan, "done": done, "red": red, "round": round_}


def village_scheme(world, *, year: int | None = None):
    """The township's scheme for villages: every computed formula, a 加分, a 减分 and a 一票否决 item."""
    from luoshi.assessment import services

    office = world.user("office")
    year = year or timezone.localdate().year
    scheme = services.scheme_create(actor=office, unit=world.unit("township"), year=year, assessed_kind="village",
                                    title=f"{year}年度村级综合考核方案")
    items = {
        "on_time": services.item_add(actor=office, scheme=scheme, name="重点任务按期办结", kind="computed",
                                     formula="on_time_rate", weight=30),
        "red": services.item_add(actor=office, scheme=scheme, name="红灯任务", kind="computed", formula="red_tasks",
                                 weight=10, step=2),
        "urges": services.item_add(actor=office, scheme=scheme, name="被督办情况", kind="computed", formula="urges",
                                   weight=10, step=1),
        "problems": services.item_add(actor=office, scheme=scheme, name="问题按期销号", kind="computed",
                                      formula="problems_on_time", weight=15),
        "attendance": services.item_add(actor=office, scheme=scheme, name="调度点名到会", kind="computed",
                                        formula="attendance", weight=15),
        "indicators": services.item_add(actor=office, scheme=scheme, name="目标指标完成", kind="computed",
                                        formula="indicators", weight=20, step=2),
        "income": services.item_add(actor=office, scheme=scheme, name="集体经济增幅", kind="computed",
                                    formula="income_growth", weight=10, step=50),
        "bonus": services.item_add(actor=office, scheme=scheme, name="创新工作加分", kind="bonus", weight=5),
        "deduction": services.item_add(actor=office, scheme=scheme, name="通报批评减分", kind="deduction", weight=5),
        "veto": services.item_add(actor=office, scheme=scheme, name="重大安全事故", kind="veto", veto_effect="zero"),
    }
    scheme = services.scheme_activate(actor=office, scheme=scheme)
    return scheme, items


PANEL = ("leader", "office", "department", "village", "discipline")


def commitments_of_village(world, plan, *, count: int = 3, done: int = 1):
    """`count` commitments of 路村 recorded through the ledger engine, the first `done` of them carried
    to 已办结 through their tasks."""
    office = world.user("office")
    ledger = get_ledger("commitments")
    made = []
    for n in range(count):
        made.append(ledger.create(actor=office, village=world.unit("village"), year=plan.year,
                                  title=f"为民实事{n + 1}", deadline=dt.date(plan.year, 10, 31),
                                  standard=f"第{n + 1}件办成的标准", promised_by="路村书记",
                                  promised_on=dt.date(plan.year, 2, 20)))
    for commitment in made[:done]:
        commitment.refresh_from_db()
        complete_task(world, commitment.task)
    return made


def site_review(world, *, marks_by_member: dict[str, dict[str, tuple]] | None = None, freeze: bool = True):
    """A review of two sites (路村, 庙口村) with two criteria (60 and 40, each scored 0–10) and the
    PANEL of five; each member scores each site with `marks_by_member[member][site]`."""
    from luoshi.assessment import reviews

    office = world.user("office")
    review = reviews.review_create(actor=office, unit=world.unit("township"), title="上半年重点工作观摩",
                                   date=timezone.localdate())
    work = reviews.criterion_add(actor=office, review=review, name="项目建设", weight=60, low=0, high=10)
    look = reviews.criterion_add(actor=office, review=review, name="村容村貌", weight=40, low=0, high=10)
    sites = {"village": reviews.site_add(actor=office, review=review, unit=world.unit("village"), name="路村大棚"),
             "other": reviews.site_add(actor=office, review=review, unit=world.unit("other_village_same_township"))}
    marks_by_member = marks_by_member or {
        "leader": {"village": (9, 8), "other": (7, 7)}, "office": {"village": (8, 8), "other": (6, 7)},
        "department": {"village": (10, 10), "other": (7, 6)}, "village": {"village": (5, 5), "other": (8, 8)},
        "discipline": {"village": (8, 9), "other": (7, 8)}}
    for member in marks_by_member:
        reviews.member_add(actor=office, review=review, person=world.user(member).person)
    reviews.review_open(actor=office, review=review)
    for member, by_site in marks_by_member.items():
        for site, (a, b) in by_site.items():
            reviews.sheet_save(actor=world.user(member), site=sites[site], marks={work.pk: a, look.pk: b},
                               comment=f"{member}的评语")
    if freeze:
        review = reviews.review_freeze(actor=world.user("leader"), review=review)
    return review, sites, (work, look)
