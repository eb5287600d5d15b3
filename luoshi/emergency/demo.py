"""The demo township's 应急值守, written through the engine's writes and the check-in services so the rules
and the audit run: the Spring Festival's epidemic control (疫情防控) on the plan's 村级卡口值班值守 task, with
returnees in two villages (the county's list, `county_list`, has one person nobody registered and misses
one who was), two home isolations with their daily check-ins (one day missed), checkpoints and key places,
a duty roster of the last three days and today with check-ins, one missed shift lit red and urged, the
village secretary's own shift about to begin (to check in on a phone), and disinfection logs. Built once.

Dates count back from the day the demo is loaded, so the demo reads right whenever it is loaded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from luoshi.emergency import duty, services
from luoshi.emergency.models import Emergency
from luoshi.ledgers.registry import get_ledger
from luoshi.org.models import Person, Unit, UnitKind, User
from luoshi.plans.models import Task, TaskStatus

TITLE = "春节返乡人员疫情防控"
# (name, ID number, phone, village, where from, days ago arrived, reported to the village)
RETURNEES = [
    ("王海燕", "370830199001011221", "13812340001", "路村", "上海市浦东新区", 8, True),
    ("李志强", "370830198805052213", "13812340002", "路村", "浙江省宁波市", 6, True),
    ("张晓东", "370830199507073315", "13812340003", "路村", "北京市朝阳区", 4, True),
    ("刘秀英", "37083019920303442X", "13812340004", "路村", "江苏省苏州市", 3, False),
    ("陈立新", "370830198612125517", "13812340005", "庙口村", "广东省深圳市", 5, True),
    ("杨春梅", "370830199311116628", "13812340006", "庙口村", "天津市滨海新区", 2, False),
]
# the county's list: everyone above but 刘秀英 (registered, not on the list), and 赵德胜 (listed, not registered)
UNREGISTERED = ("赵德胜", "370830199108087719", "路村", "湖北省武汉市")


def load_emergency() -> None:
    """Once: skipped when the township already has an emergency."""
    users = {u.username: u for u in User.objects.unscoped("the demo's logins").filter(
        username__in=("office", "village", "cadre")).select_related("person")}
    office = users["office"]
    if Emergency.objects.visible_to(office).exists():
        return
    now = timezone.now()
    today = timezone.localdate(now)
    units = {u.name: u for u in Unit.objects.visible_to(office).filter(kind__in=(UnitKind.TOWNSHIP, UnitKind.VILLAGE))}
    township = next(u for u in units.values() if u.kind == UnitKind.TOWNSHIP)
    task = Task.objects.visible_to(office).filter(title="村级卡口值班值守", status__in=(
        TaskStatus.DEPLOYED, TaskStatus.SIGNED)).first()
    emergency = get_ledger("emergencies").create(
        actor=office, name=f"{today.year}年{TITLE}", kind="epidemic", unit=township,
        starts_on=today - dt.timedelta(days=10), task=task,
        note="返乡人员主动到村报到、不漏一人；重点人员居家隔离，每日测温打卡；村级卡口24小时值守；重点场所每日消杀。")
    get_ledger("emergencies").create(actor=office, name=f"{today.year}年森林防火期值守", kind="forest_fire",
                                     unit=township, starts_on=today - dt.timedelta(days=20))
    returnees = _returnees(users, emergency, units, today)
    _isolations(users, emergency, units, returnees, now)
    places = _places(users, units)
    _shifts(users, emergency, units, places, now)
    _disinfections(users, places, now)


def _returnees(users, emergency, units, today) -> dict:
    made = {}
    for name, id_card, phone, village, came_from, ago, reported in RETURNEES:
        who = users["village"] if village == "路村" else users["office"]
        arrived = today - dt.timedelta(days=ago)
        made[name] = get_ledger("returnees").create(
            actor=who, emergency=emergency, name=name, id_card=id_card, phone=phone, village=units[village],
            came_from=came_from, arrived_on=arrived, reported_on=arrived + dt.timedelta(days=1) if reported else None)
    return made


def county_list(path: Path) -> Path:
    """The county's list of returnees (县下发名单) as the township receives it, to reconcile on the page."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "返乡人员名单"
    sheet.append(["县疫情防控指挥部下发返乡人员名单"])
    sheet.append(["序号", "姓名", "公民身份号码", "所属村", "来源地"])
    listed = [(n, i, v, f) for n, i, _p, v, f, _a, _r in RETURNEES if n != "刘秀英"] + [UNREGISTERED]
    for number, (name, id_card, village, came_from) in enumerate(listed, start=1):
        sheet.append([number, name, id_card, village, came_from])
    workbook.save(path)
    return path


def _isolations(users, emergency, units, returnees, now) -> None:
    today = timezone.localdate(now)
    village, cadre = users["village"], users["cadre"]
    first = get_ledger("isolations").create(
        actor=village, emergency=emergency, returnee=returnees["张晓东"], name="张晓东", id_card="370830199507073315",
        phone="13812340003", village=units["路村"], address="路村第一村民小组18号", starts_on=today - dt.timedelta(days=4),
        ends_on=today + dt.timedelta(days=9), watcher=village.person)
    second = get_ledger("isolations").create(
        actor=users["office"], emergency=emergency, returnee=returnees["李志强"], name="李志强",
        id_card="370830198805052213", phone="13812340002", village=units["路村"], address="路村第二村民小组6号",
        starts_on=today - dt.timedelta(days=5), ends_on=today + dt.timedelta(days=8), watcher=cadre.person)
    for ago in (4, 3, 1):  # the day before yesterday was missed: the page shows it
        services.isolation_check_in(actor=village, isolation=first, temperature=_t("36.5"),
                                    now=_at(today - dt.timedelta(days=ago), 8, 30))
    for ago in (5, 4, 3, 2, 1):
        services.isolation_check_in(actor=cadre, isolation=second, temperature=_t("36.4"),
                                    now=_at(today - dt.timedelta(days=ago), 9, 10))


def _places(users, units) -> dict:
    office, village = users["office"], users["village"]
    made = {}
    for who, name, kind, unit, address in (
            (village, "路村东卡口", "checkpoint", "路村", "村东入村路口"),
            (village, "路村西卡口", "checkpoint", "路村", "村西省道交叉口"),
            (office, "庙口村卡口", "checkpoint", "庙口村", "村南桥头"),
            (office, "河口镇农贸市场", "key_place", None, "镇驻地中心街"),
            (village, "路村卫生室", "key_place", "路村", "村委会东侧")):
        place_unit = units[unit] if unit else next(u for u in units.values() if u.kind == UnitKind.TOWNSHIP)
        made[name] = get_ledger("duty-places").create(actor=who, name=name, kind=kind, unit=place_unit,
                                                      address=address)
    return made


def _shifts(users, emergency, units, places, now) -> None:
    """Day shifts (the village secretary) and night shifts (a 包村 cadre) at 路村东卡口 for three days, checked in
    five minutes before they begin; yesterday's day shift was a 村委会委员's, who never came: red, and urged.
    The village secretary's own shift at 路村西卡口 begins ten minutes after the demo is loaded."""
    office, village, cadre = users["office"], users["village"], users["cadre"]
    today = timezone.localdate(now)
    other = Person.objects.visible_to(office).filter(unit=units["路村"]).exclude(pk=village.person_id).order_by(
        "id").first() or village.person
    east, missed = places["路村东卡口"], None
    for ago in (3, 2, 1):
        day = today - dt.timedelta(days=ago)
        for starts, ends, user in ((dt.time(8), dt.time(20), village), (dt.time(20), dt.time(8), cadre)):
            person = other if (ago, user) == (1, village) else user.person
            shift = get_ledger("shifts").create(actor=office, emergency=emergency, place=east, day=day,
                                                starts_at=starts, ends_at=ends, person=person)
            if person == other:
                missed = shift
            else:
                duty.shift_check_in(actor=user, shift=shift, now=_at(day, starts.hour) - dt.timedelta(minutes=5))
    begins = timezone.localtime((now + dt.timedelta(minutes=10)).replace(second=0, microsecond=0))
    get_ledger("shifts").create(actor=office, emergency=emergency, place=places["路村西卡口"], day=begins.date(),
                                starts_at=begins.time(), ends_at=(begins + dt.timedelta(hours=8)).time(),
                                person=village.person)
    duty.shifts_refresh(now=now)
    if missed is not None and emergency.task_id:
        duty.shift_urge(actor=office, shift=missed)


def _disinfections(users, places, now) -> None:
    village, office = users["village"], users["office"]
    today = timezone.localdate(now)
    for ago in (2, 1, 0):
        day = today - dt.timedelta(days=ago)
        if ago == 0 and timezone.localtime(now).hour < 8:
            continue
        get_ledger("disinfections").create(actor=village, place=places["路村卫生室"], done_at=_at(day, 7, 30),
                                           done_by="村医 孙丽娟", area="候诊区、门把手、卫生间", agent="84消毒液 1:100 擦拭喷洒")
        get_ledger("disinfections").create(actor=office, place=places["河口镇农贸市场"], done_at=_at(day, 6, 0),
                                           done_by="市场管理员 吴建国", area="摊位、通道、公共卫生间",
                                           agent="二氧化氯消毒液 喷洒")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _t(value: str):
    from decimal import Decimal

    return Decimal(value)
