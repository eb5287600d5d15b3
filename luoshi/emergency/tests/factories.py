"""Emergency data built through the real writes (the ledger engine's), on the personas' world."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luoshi.ledgers.registry import get_ledger

DAY = dt.date(2026, 2, 10)
ID = "370830198005061234"
ID2 = "37083019900101002X"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def make_task(world):
    from luoshi.plans import services as plans

    office = world.user("office")
    plan = plans.plan_create(actor=office, unit=world.unit("township"), year=2026, title="河口镇2026年重点工作")
    task = plans.task_create(actor=office, plan=plan, title="做好疫情防控和应急值守", lead_unit=world.unit("office_dept"),
                             requirement="村级卡口24小时值守，不漏一人", recurrence="ongoing")
    return plans.task_deploy(actor=office, task=task)


def make_emergency(world, *, task=None, **fields):
    values = {"name": "2026年春节疫情防控", "kind": "epidemic", "unit": world.unit("township"),
              "starts_on": DAY - dt.timedelta(days=10), "task": task} | fields
    return get_ledger("emergencies").create(actor=world.user("office"), **values)


def make_returnee(world, emergency, who="village", **fields):
    values = {"name": "张三", "id_card": ID, "phone": "13912345678", "village": world.unit("village"),
              "came_from": "上海市浦东新区", "arrived_on": DAY - dt.timedelta(days=3)} | fields
    return get_ledger("returnees").create(actor=world.user(who), emergency=emergency, **values)


def make_place(world, who="village", **fields):
    values = {"name": "路村东卡口", "kind": "checkpoint", "unit": world.unit("village"), "address": "村东路口"} | fields
    return get_ledger("duty-places").create(actor=world.user(who), **values)


def make_shift(world, emergency, place, person, *, day=DAY, starts=dt.time(8), ends=dt.time(12), who="office"):
    return get_ledger("shifts").create(actor=world.user(who), emergency=emergency, place=place, day=day,
                                       starts_at=starts, ends_at=ends, person=person)


def make_isolation(world, emergency, watcher, who="village", **fields):
    values = {"name": "李四", "id_card": ID2, "phone": "13700001111", "village": world.unit("village"),
              "address": "路村三组12号", "starts_on": DAY - dt.timedelta(days=3), "ends_on": DAY + dt.timedelta(days=10),
              "watcher": watcher} | fields
    return get_ledger("isolations").create(actor=world.user(who), emergency=emergency, **values)
