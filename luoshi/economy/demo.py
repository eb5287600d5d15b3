"""The demo township's registers, written through their services (the ledger engine's writes, the
flows of enterprises and co-operatives, demands onto the problems list) so the rules and the audit
run: collective income for last year and this year so far, farms and every village's co-operative,
enterprises with their liaisons, status steps and demands, and the talents. Built once.

Dates fall between the new year and the day the demo is loaded (`_day`), so the demo reads right
whenever in the year it is loaded."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from luoshi.economy import demands, enterprise_flow, operation_flow
from luoshi.economy import demo_data as data
from luoshi.economy.models import Enterprise
from luoshi.ledgers.registry import get_ledger
from luoshi.org.models import Person, Unit, UnitKind, User
from luoshi.plans import services as plans
from luoshi.plans.models import Indicator
from luoshi.supervision.models import Problem, ProblemSource


def load_economy() -> None:
    """Once: skipped when the township already has enterprises on its register."""
    users = {u.username: u for u in User.objects.unscoped("the demo's logins").filter(
        username__in=("office", "leader", "village", "cadre")).select_related("person")}
    office = users["office"]
    if Enterprise.objects.visible_to(office).exists():
        return
    units = {u.name: u for u in Unit.objects.visible_to(office)}
    villages = [u for u in units.values() if u.kind == UnitKind.VILLAGE]
    township = next(u for u in units.values() if u.kind == UnitKind.TOWNSHIP)
    today, rng = timezone.localdate(), random.Random(14)
    _income(office, township, villages, today, rng)
    coops = _farms(office, units, villages, today, rng)
    _operations(users, villages, coops, today)
    _enterprises(users, units, today, rng)
    _talent(office, township, units, today, rng)
    _bind(office, township)


def _bind(office, township) -> None:
    """The demo plan's targets for co-operatives, family farms and collective income count the registers."""
    targets = Indicator.objects.visible_to(office).filter(plan__unit=township, parent__isnull=True,
                                                          name__in=list(data.REGISTER_BINDINGS))
    for indicator in targets:
        plans.indicator_bind(actor=office, indicator=indicator, register_measure=data.REGISTER_BINDINGS[indicator.name])


def _day(today: dt.date, share: float) -> dt.date:
    """The day `share` of the way from this year's first day to today."""
    first = dt.date(today.year, 1, 1)
    return first + dt.timedelta(days=int((today - first).days * share))


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"


def _income(office, township, villages, today, rng) -> None:
    for label, kind, amount in data.THRESHOLDS:
        get_ledger("income-thresholds").create(actor=office, township=township, label=label, kind=kind,
                                               amount=Decimal(amount))
    elapsed = (today - dt.date(today.year, 1, 1)).days / 365
    rows = []
    for index, village in enumerate(villages):
        last = data.STRONG.get(village.name) or rng.uniform(5.5, 9.5)
        growth = 0.75 if index == len(villages) - 1 else rng.uniform(0.95, 1.45)  # the last village slips back
        rows += _entries(village, today.year - 1, last, lambda share: dt.date(today.year - 1, 1, 1)
                         + dt.timedelta(days=int(364 * share)), rng)
        rows += _entries(village, today.year, last * growth * max(elapsed, 0.02), lambda s: _day(today, s), rng)
    get_ledger("collective-income").create_many(actor=office, rows=rows)


def _entries(village, year, total, day_of, rng) -> list[dict]:
    """A village's year as 2–4 entries adding up to `total` 万元: 荒片坑塘 发包 in every other village."""
    items = [data.INCOME_ITEMS[1]] if village.pk % 2 else []
    items += rng.sample([i for i in data.INCOME_ITEMS if i[0] != "pond"], rng.randint(2, 3))
    weights = [rng.uniform(1, 3) for _ in items]
    amounts = [Decimal(total * w / sum(weights)).quantize(Decimal("0.01")) for w in weights]
    return [{"village": village, "year": year, "source": source, "item": item, "amount": amount,
             "received_on": day_of((n + 1) / (len(items) + 1)), "evidence": f"凭证〔{year}〕{village.pk:02d}{n + 1}号"}
            for n, ((source, item), amount) in enumerate(zip(items, amounts, strict=True)) if amount > 0]


def _farms(office, units, villages, today, rng) -> dict[int, object]:
    """Every village's own co-operative (党支部+合作社), then the township's other farms."""
    rows = [{"name": f"{v.name}富民股份经济合作社", "kind": "cooperative", "level": "none", "village": v,
             "industry": rng.choice(["土地托管", "农资统购", "劳务服务", "特色种植"]), "members": rng.randint(60, 300),
             "leader": f"{v.name}党支部书记", "registered_on": dt.date(today.year - 3, 5, 1)} for v in villages]
    for name, kind, level, village, industry, members, new in data.FARMS:
        certified = _day(today, 0.5) if new else (dt.date(today.year - 2, 11, 20) if level != "none" else None)
        rows.append({"name": name, "kind": kind, "level": level, "certified_on": certified, "village": units[village],
                     "industry": industry, "members": members, "phone": _phone(rng),
                     "registered_on": dt.date(today.year - 4, 3, 15)})
    made = get_ledger("farms").create_many(actor=office, rows=rows)
    return {farm.village_id: farm for farm in made[:len(villages)]}


def _operations(users, villages, coops, today) -> None:
    """Each village's co-operative this year: most approved, some awaiting the township, two sent back."""
    office, leader, secretary = users["office"], users["leader"], users["village"]
    for index, village in enumerate(villages):
        declarer = secretary if village.name == "路村" else office
        record = get_ledger("coop-operations").create(
            actor=declarer, village=village, year=today.year, cooperative=coops[village.pk],
            business="土地托管、农资统购统销", income=Decimal(8 + index % 5))
        if index >= data.OPERATING + data.DECLARED + data.RETURNED:
            continue
        evidence = "经营合同、收支台账、年度分红公示" if index < data.OPERATING + data.DECLARED else "经营合同"
        operation_flow.operation_step(actor=declarer, operation=record, action="declare", evidence=evidence)
        judge = office if declarer is secretary else leader
        if index < data.OPERATING:
            operation_flow.operation_step(actor=judge, operation=record, action="approve")
        elif index >= data.OPERATING + data.DECLARED:
            operation_flow.operation_step(actor=judge, operation=record, action="send_back",
                                          reason="佐证材料不全：缺少收支台账和分红记录")


def _enterprises(users, units, today, rng) -> None:
    office, cadre = users["office"], users["cadre"]
    liaisons = list(Person.objects.visible_to(office).filter(title="驻企联络员").order_by("id"))
    ledger = get_ledger("enterprises")
    for n, (name, industry, above, village, status, steps, employees) in enumerate(data.ENTERPRISES):
        # the aid cadre (the demo's cadre login) also serves as liaison to the two farms' businesses
        liaison = cadre.person if village in ("后郭村", "西张村") else liaisons[n % len(liaisons)]
        firm = ledger.create(actor=office, name=name, industry=industry, above_scale=above, unit=units[village],
                             contact=f"{rng.choice('王李张刘陈杨赵孙')}经理", phone=_phone(rng), liaison=liaison, status=status,
                             status_date=dt.date(today.year - 1, 12, 28), employees=employees)
        actor = cadre if liaison == cadre.person else office
        for share, action in zip((0.12, 0.35), steps, strict=False):
            firm = enterprise_flow.enterprise_step(actor=actor, enterprise=firm, action=action,
                                                   on=_day(today, share if action != "stop" else 0.6))
    _demands(office, units, today)


def _demands(office, units, today) -> None:
    firms = {f.name: f for f in Enterprise.objects.visible_to(office)}
    raised = Problem.objects.visible_to(office).filter(source=ProblemSource.ENTERPRISE)
    for problem in raised:  # the supervision demo's demand, on the problems list already
        if problem.enterprise_name in firms:
            demands.demand_link(actor=office, enterprise=firms[problem.enterprise_name], problem=problem)
    for name, category, text, measures, days in data.DEMANDS:
        demands.demand_raise(actor=office, enterprise=firms[name], description=text, category=category,
                             measures=measures, lead_unit=units["招商服务中心"],
                             deadline=today + dt.timedelta(days=days))


def _talent(office, township, units, today, rng) -> None:
    rows = []
    for kind, mode, name, degree, title, field, employer, months in data.ENGAGEMENTS:
        starts = _day(today, 0.2) if kind == "flexible" else dt.date(today.year - 1, 7, 1)
        ends = starts + dt.timedelta(days=30 * months) if months else None
        rows.append({"kind": kind, "mode": mode, "name": name, "degree": degree, "title": title, "field": field,
                     "employer": employer, "unit": township, "starts_on": starts, "ends_on": ends,
                     "agreement": f"河口镇引才协议〔{starts.year}〕{len(rows) + 1}号", "phone": _phone(rng)})
    get_ledger("talent-engagements").create_many(actor=office, rows=rows)
    get_ledger("talents").create_many(actor=office, rows=[
        {"kind": kind, "name": name, "village": units[village], "degree": degree, "specialty": specialty,
         "workplace": workplace, "donation": Decimal(given) if given else None, "phone": _phone(rng)}
        for kind, name, village, degree, specialty, workplace, given in data.TALENTS])
    get_ledger("training-classes").create_many(actor=office, rows=[
        {"name": name, "school": school, "enterprise": firm, "major": major, "students": students,
         "employed": employed or None, "unit": township, "starts_on": dt.date(today.year - (1 if employed == 0 else 3), 9, 1),
         "ends_on": dt.date(today.year + (2 if employed == 0 else 0), 6, 30), "agreement": "校企合作订单培养协议"}
        for name, school, firm, major, students, employed in data.CLASSES])
