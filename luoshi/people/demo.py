"""The demo's 帮扶户: households in four villages with their members (ID numbers and phones, masked
wherever shown), the 乡村振兴办公室 as their 扶贫办, the demo cadre helping six of them, measures and
benefits, and visits — one finding the housing unsafe, turned into a problem."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from luoshi.org.models import Person, Unit, UnitKind, User
from luoshi.people import visits
from luoshi.people.ledgers import BENEFITS, HOUSEHOLDS, MEMBERS
from luoshi.people.models import BenefitKind, Category, CheckItem, Household

VILLAGES = ["路村", "庙口村", "大屯村", "前郭村"]
HEADS = ["王德胜", "李桂兰", "张长青", "刘玉兰", "陈国庆", "杨淑珍", "赵永刚", "黄金凤", "周建国", "吴秀英", "孙学军",
         "胡春梅"]
RELATIONS = ["配偶", "子女", "子女", "父母"]
WEIGHTS = (7, 9, 10, 5, 8, 4, 3, 2, 10, 9, 8, 4, 2, 1, 6, 3, 7)
CHECKS = "10X98765432"


def id_number(rng: random.Random, born: dt.date) -> str:
    """A well-formed (invented) ID number: region, birth date, sequence, check character."""
    body = f"370830{born:%Y%m%d}{rng.randint(100, 999)}"
    return body + CHECKS[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def load_people() -> None:
    """Once: skipped when the township already has households."""
    users = {u.username: u for u in User.objects.unscoped("the demo's logins").filter(
        username__in=("office", "cadre")).select_related("person")}
    office, cadre = users["office"], users["cadre"]
    if Household.objects.visible_to(office).exists():
        return
    rng, today = random.Random(15), timezone.localdate()
    units = Unit.objects.visible_to(office)
    villages = [units.get(name=name, kind=UnitKind.VILLAGE) for name in VILLAGES]
    aid_office = units.get(name="乡村振兴办公室")
    others = list(Person.objects.visible_to(office).filter(unit=aid_office).exclude(pk=cadre.person_id)[:2])
    households = []
    for k, head in enumerate(HEADS):
        helper = cadre.person if k % 2 == 0 else (others[k % len(others)] if others else cadre.person)
        born = dt.date(1950 + rng.randint(0, 30), rng.randint(1, 12), rng.randint(1, 28))
        closed = k == len(HEADS) - 1
        household = HOUSEHOLDS.create(
            actor=office, head_name=head, head_id_card=id_number(rng, born), phone=f"13{rng.randint(100000000, 999999999)}",
            village=villages[k % len(villages)], category=list(Category.values)[k % 4], size=rng.randint(1, 5),
            cadre=helper, office=aid_office, status="closed" if closed else "helped",
            closed_on=today - dt.timedelta(days=400) if closed else None, note="")
        households.append(household)
        for j in range(min(household.size - 1, 3)):
            MEMBERS.create(actor=office, household=household, name=head[0] + "小" + "明华丽军"[j],
                           relation=RELATIONS[j], id_card=id_number(rng, dt.date(1990 + j * 5, 3 + j, 9 + j)),
                           phone="", note="")
        BENEFITS.create(actor=office, household=household, kind=list(BenefitKind.values)[k % 5],
                        amount=[3000, 20000, 1500, 600, 800][k % 5], received_on=today - dt.timedelta(days=30 + k * 7),
                        note="")
    # the cadre's visits: every item checked; one finds the housing unsafe and raises a problem
    mine = [h for h in households if h.cadre_id == cadre.person_id and h.status == "helped"]
    for k, household in enumerate(mine[:4]):
        checks = {item: (True, "") for item in CheckItem.values}
        to_problem = ()
        if k == 0:
            checks[CheckItem.HOUSING] = (False, "东屋墙体开裂，雨季有倒塌风险")
            to_problem = (CheckItem.HOUSING,)
        if k == 2:
            checks[CheckItem.WATER] = (False, "自来水压力不足，高峰时段断水")
        visits.visit_record(actor=cadre, household=household, visited_on=today - dt.timedelta(days=3 + k * 5),
                            note="入户走访，了解家庭收入和帮扶措施落实情况。", checks=checks, to_problem=to_problem)
