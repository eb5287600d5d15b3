"""The demo's assessment: the township's schemes for its villages and its departments (the seed's
"结果将纳入年终考核", "村级集体经济增幅将作为村级年终考核的重要指标"), a 加分 entered by the office and
approved by the leader, and two published runs (the half-year and today) whose ranking shows movement.
Loaded through the services, once."""

from __future__ import annotations

import datetime as dt

from luoshi.assessment import services
from luoshi.assessment.models import AssessmentScheme
from luoshi.org.models import Unit, User

VILLAGE_ITEMS = (
    # name, kind, formula, weight, step
    ("重点任务按期办结", "computed", "on_time_rate", 25, 0),
    ("红灯任务", "computed", "red_tasks", 10, 2),
    ("被督办情况", "computed", "urges", 10, 1),
    ("问题整改按期销号", "computed", "problems_on_time", 15, 0),
    ("一三五调度点名到会", "computed", "attendance", 10, 0),
    ("目标指标完成（确保、力争）", "computed", "indicators", 10, 2),
    ("村级集体经济增幅（目标增幅 20%）", "computed", "income_growth", 10, 20),
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
    schemes = []
    for kind, title, items in (("village", "村级年度综合考核方案", VILLAGE_ITEMS),
                               ("department", "镇直部门年度考核方案", DEPARTMENT_ITEMS)):
        scheme = services.scheme_create(actor=office, unit=township, year=today.year, assessed_kind=kind,
                                        title=f"{today.year}年度{title}",
                                        note="按《重点工作部署》逐项考核，结果纳入年终考核。")
        for name, item_kind, formula, weight, step in items:
            services.item_add(actor=office, scheme=scheme, name=name, kind=item_kind, formula=formula, weight=weight,
                              step=step)
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
