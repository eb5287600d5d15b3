"""The demo's assessment: the village secretaries' 实事承诺 (two each for four villages, made at the
deployment meeting, carried out through their tasks in the demo's field year), the half-year 观摩评比 scored by a panel of five (the highest and lowest
dropped) and frozen, the township's schemes for its villages and its departments (the seed's
"结果将纳入年终考核", "村级集体经济增幅将作为村级年终考核的重要指标", "半年一观摩、评比，结果将纳入
年终考核"), a 加分 entered by the office and approved by the leader, and two published runs (the
half-year and today) whose rankings, overall and per work line, show movement. Loaded through the
services, once."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luoshi.assessment import reviews, services
from luoshi.assessment.models import AssessmentScheme, Commitment
from luoshi.ledgers.registry import get_ledger
from luoshi.org.models import Unit, User
from luoshi.plans.models import WorkLine

# 为民实事 a secretary may promise at the deployment meeting: (what, the standard of done, month due)
COMMITMENTS = (
    ("硬化村内主干道 1.2 公里", "路面宽 4 米、厚 18 厘米，通车并经镇村建办验收", 9),
    ("新装路灯 40 盏", "太阳能路灯全部亮灯，覆盖主要街巷", 6),
    ("整治村内坑塘 2 处", "清淤、护坡完成，坑塘发包增加集体收入", 10),
    ("建设村级文化广场", "广场硬化、健身器材安装到位并开放", 11),
    ("改造村内供水管网", "全村自来水入户，水压稳定", 12),
    ("开办老年人日间照料中心", "有场所、有人员、有制度，每日开放", 8),
)
PANEL = ("leader", "office", "dept", "discipline", "cadre")
CRITERIA = (("项目建设", 40), ("产业发展", 30), ("村容村貌", 20), ("资料台账", 10))


def load_commitments(*, plan, actor, clock, day: dt.date) -> None:
    """At the deployment meeting (`day`), each of four villages' secretaries commits two 实事; each
    becomes a task of the plan, whose year in the field (reports, 申请办结, 验收) the progress demo then
    writes like any other task's. Once."""
    if Commitment.objects.unscoped("are the demo's commitments there").filter(year=plan.year).exists():
        return
    if timezone.localtime(clock.now).date() < day:
        clock.set(day, 11, 0)  # after the plan's deployment that morning
    township = plan.unit
    villages = list(Unit.objects.visible_to(actor).filter(kind="village", path__under=township.path)
                    .order_by("path")[:4])
    line = WorkLine.objects.visible_to(actor).filter(plan=plan, name=PARTY_LINE).first()
    ledger = get_ledger("commitments")
    for v, village in enumerate(villages):
        for n in range(2):
            title, standard, month = COMMITMENTS[(2 * v + n) % len(COMMITMENTS)]
            ledger.create(actor=actor, village=village, year=plan.year, title=title, standard=standard,
                          deadline=dt.date(plan.year, month, 28), promised_by=f"{village.name}党支部书记",
                          promised_on=day, line=line)


def _site_review(office, leader, township, villages, today) -> None:
    """The half-year 观摩评比 of the six villages: four criteria, a panel of five, every sheet scored,
    frozen by the leader (the highest and lowest of each site dropped)."""
    day = min(dt.date(today.year, 6, 25), today)
    review = reviews.review_create(actor=office, unit=township, title=f"{today.year}年上半年重点工作观摩评比", date=day,
                                   note="半年一观摩、评比，结果纳入年终考核。")
    criteria = [reviews.criterion_add(actor=office, review=review, name=name, weight=weight, low=0, high=10)
                for name, weight in CRITERIA]
    sites = [reviews.site_add(actor=office, review=review, unit=village, name=f"{village.name}重点项目现场")
             for village in villages]
    members = [User.objects.unscoped("the demo's panel").get(username=name) for name in PANEL]
    for member in members:
        reviews.member_add(actor=office, review=review, person=member.person)
    reviews.review_open(actor=office, review=review)
    for m, member in enumerate(members):
        for s, site in enumerate(sites):
            marks = {c.pk: 6 + (s * 3 + m * 2 + i) % 5 for i, c in enumerate(criteria)}  # 6–10, deterministic
            reviews.sheet_save(actor=member, site=site, marks=marks,
                               comment="亮点突出，群众满意度高" if (s + m) % 3 == 0 else "进度较好，资料需进一步规范")
    reviews.review_freeze(actor=leader, review=review)

PARTY_LINE, INCOME_LINE = "基层党建专线", "村级集体经济专线"
VILLAGE_ITEMS = (
    # name, kind, formula, weight, step[, the work line it counts for]
    ("重点任务按期办结", "computed", "on_time_rate", 20, 0),
    ("红灯任务", "computed", "red_tasks", 10, 2),
    ("被督办情况", "computed", "urges", 10, 1),
    ("问题整改按期销号", "computed", "problems_on_time", 10, 0),
    ("一三五调度点名到会", "computed", "attendance", 5, 0),
    ("目标指标完成（确保、力争）", "computed", "indicators", 10, 2),
    ("村级集体经济增幅（目标增幅 20%）", "computed", "income_growth", 10, 20, INCOME_LINE),
    ("村党支部书记实事承诺兑现", "computed", "commitments_done", 10, 0, PARTY_LINE),
    ("半年观摩评比", "computed", "site_review", 10, 0, PARTY_LINE),
    ("基层党建任务按期办结", "computed", "on_time_rate", 5, 0, PARTY_LINE),
    ("创新工作、上级表彰加分", "bonus", "", 5, 0),
    ("通报批评、工作失误减分", "deduction", "", 5, 0),
)
DEPARTMENT_ITEMS = (
    ("牵头任务按期办结", "computed", "on_time_rate", 35, 0),
    ("逾期未办结任务", "computed", "overdue", 15, 3),
    ("被督办情况", "computed", "urges", 15, 1),
    ("问题整改按期销号", "computed", "problems_on_time", 20, 0),
    ("目标指标完成（确保、力争）", "computed", "indicators", 15, 2),
    ("创新工作、上级表彰加分", "bonus", "", 5, 0),
)
VETO = ("重大安全生产事故、信访稳定事件", "veto", "zero")


def load_assessment(*, today: dt.date) -> None:
    office = User.objects.unscoped("the demo's office login").get(username="office")
    leader = User.objects.unscoped("the demo's leader login").get(username="leader")
    if AssessmentScheme.objects.visible_to(office).filter(year=today.year).exists():
        return
    township = Unit.objects.visible_to(office).filter(kind="township").order_by("path").first()
    if township is None:
        return
    lines = {line.name: line for line in WorkLine.objects.visible_to(office).filter(plan__year=today.year)}
    villages = list(Unit.objects.visible_to(office).filter(kind="village", path__under=township.path)
                    .order_by("path")[:6])
    _site_review(office, leader, township, villages, today)
    schemes = []
    for kind, title, items in (("village", "村级年度综合考核方案", VILLAGE_ITEMS),
                               ("department", "镇直部门年度考核方案", DEPARTMENT_ITEMS)):
        scheme = services.scheme_create(actor=office, unit=township, year=today.year, assessed_kind=kind,
                                        title=f"{today.year}年度{title}",
                                        note="按《重点工作部署》逐项考核，结果纳入年终考核。")
        for name, item_kind, formula, weight, step, *line in items:
            services.item_add(actor=office, scheme=scheme, name=name, kind=item_kind, formula=formula, weight=weight,
                              step=step, line=lines.get(line[0]) if line else None)
        services.item_add(actor=office, scheme=scheme, name=VETO[0], kind=VETO[1], veto_effect=VETO[2])
        schemes.append(services.scheme_activate(actor=office, scheme=scheme))
    village_scheme = schemes[0]
    villages = list(services.assessed_units_of(village_scheme, office))
    bonus = next(i for i in services.scheme_items_of(village_scheme) if i.kind == "bonus")
    if villages:
        entered = services.adjustment_propose(
            actor=office, item=bonus, unit=villages[0], date=today, points=2,
            reason="人居环境整治经验被县里推广", evidence="县委办公室通报（示例）")
        services.adjustment_decide(actor=leader, adjustment=entered, approve=True)
    half_year = dt.date(today.year, 6, 30)
    for scheme in schemes:
        for as_of in ([half_year] if today > half_year else []) + [today]:
            run = services.run_compute(actor=office, scheme=scheme, as_of=as_of)
            run = services.run_act(actor=office, run=run, action="review")
            services.run_act(actor=leader, run=run, action="freeze")
