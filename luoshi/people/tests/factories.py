"""Households built through the engine's writes (scope, rules and audit run)."""

from __future__ import annotations

from luoshi.ledgers.registry import get_ledger
from luoshi.people.models import CheckItem

HEAD_ID = "370830195503071235"
MEMBER_ID = "37083019820911004X"
PHONE = "13955556666"


def household(world, who="office", **fields):
    values = {"head_name": "王德胜", "head_id_card": HEAD_ID, "phone": PHONE, "village": world.unit("village"),
              "category": "lifted", "size": 3, "cadre": world.user("cadre").person, "office": world.unit("department"),
              "status": "helped", "note": ""} | fields
    return get_ledger("households").create(actor=world.user(who), **values)


def member(world, of, who="office", **fields):
    values = {"household": of, "name": "王小明", "relation": "子女", "id_card": MEMBER_ID, "phone": "", "note": ""} | fields
    return get_ledger("household-members").create(actor=world.user(who), **values)


def all_passed(**failed) -> dict:
    return {item: (item not in failed, failed.get(item, "")) for item in CheckItem.values}
