"""Paths built through the register's own create and the flow's steps, so the rules and the audit run."""

import datetime as dt

from luoshi.ledgers.registry import get_ledger
from luoshi.party import flow

ID = "370830199001021234"


def new_path(world, branch, who="office", **fields):
    values = {"name": "张晓明", "gender": "male", "birth_date": dt.date(1995, 3, 1), "id_card": ID,
              "phone": "13912345678", "applied_on": dt.date(2023, 3, 1), "introducers": "王建华、李秀兰"} | fields
    return get_ledger("party-paths").create(actor=world.user(who), branch=branch, **values)


def walk(world, path, steps, who="office"):
    """[(action, date)] taken in order, each with a note."""
    for action, day in steps:
        path = flow.path_step(actor=world.user(who), path=path, action=action, date=day, note=f"支部大会决议（{action}）")
    return path
