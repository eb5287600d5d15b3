"""Changing a draft's items: one row from the review form, many rows at once, or every
suggestion of a kind — through the same checks (`clean_value`), so no way round them.

The draft is a JSON file (drafts_store.py), not a model; a change of many rows at once is
audited against the draft's key (`plans.draft`), with the plan's township as its unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import ServiceError
from luoshi.core.models import AuditAction
from luoshi.plans import drafts
from luoshi.plans.completeness import missing_of
from luoshi.plans.models import Recurrence

BULK_FIELDS = ("lead_unit", "leader", "owner", "deadline", "line")  # what the bulk bar sets
SUGGESTED = ("lead_unit", "deadline")  # the kinds of suggestion a draft's items carry


def field_label(field: str) -> str:
    return {"lead_unit": _("牵头单位"), "owner": _("责任人"), "leader": _("责任领导"), "deadline": _("完成时限"),
            "line": _("专线"), "recurrence": _("周期")}[field]


@dataclass(frozen=True)
class Choices:
    """What a draft's pickers may hold: the township's units and people, the draft's lines."""

    units: frozenset[int]
    people: frozenset[int]
    lines: frozenset[str]

    @classmethod
    def of(cls, actor, draft: dict) -> Choices:
        return cls(units=frozenset(drafts.township_units(actor, draft["unit"]).values_list("pk", flat=True)),
                   people=frozenset(drafts.township_people(actor, draft["unit"]).values_list("pk", flat=True)),
                   lines=frozenset(line["key"] for line in draft["lines"]))


def clean_value(field: str, raw, choices: Choices):
    """The value a posted field stands for (None or "" when empty), or a ServiceError naming the
    field: a unit or person outside the township, a line not in the draft, a bad date."""
    raw = "" if raw is None else str(raw).strip()
    if field in ("lead_unit", "owner", "leader"):
        if raw == "":
            return None
        allowed = choices.units if field == "lead_unit" else choices.people
        if not raw.isdigit() or int(raw) not in allowed:
            raise ServiceError(_("所选%(f)s不在本镇范围内") % {"f": field_label(field)}, field=field)
        return int(raw)
    if field == "deadline":
        return drafts.parse_day(raw).isoformat() if raw else ""
    if field == "line":
        if raw not in choices.lines:
            raise ServiceError(_("所选专线不在这份草稿中"), field=field)
        return raw
    if field == "recurrence":
        return raw if raw in Recurrence.values else ""
    raise ServiceError(_("不能修改这一项"), field=field)


def draft_items_change(*, actor, draft: dict, key: str, keys: list[str], changes: dict) -> int:
    """Set the same values (field → posted value; empty ones are left alone) on the chosen
    items; every value is checked before any item changes. Returns how many items changed."""
    chosen = [item for item in draft["items"] if item["key"] in set(keys)]
    if not chosen:
        raise ServiceError(_("请先勾选要批量修改的事项"))
    given = {field: raw for field, raw in changes.items() if field in BULK_FIELDS and str(raw or "").strip()}
    if not given:
        raise ServiceError(_("请选择要批量设置的牵头单位、责任领导、责任人、完成时限或专线"))
    choices = Choices.of(actor, draft)
    values = {field: clean_value(field, raw, choices) for field, raw in given.items()}
    for item in chosen:
        item.update(values)
    _audit(actor, draft, key, _("批量设置%(f)s：%(n)d 项") % {
        "f": "、".join(field_label(f) for f in values), "n": len(chosen)}, [i["key"] for i in chosen], values)
    return len(chosen)


def draft_accept_suggestions(*, actor, draft: dict, key: str, kind: str) -> int:
    """Take every suggestion of one kind (牵头单位, 完成时限) for the items still without one."""
    if kind not in SUGGESTED:
        raise ServiceError(_("没有这类建议"))
    choices = Choices.of(actor, draft)
    taken = []
    for item in draft["items"]:
        proposal = (item.get("suggest") or {}).get(kind)
        if proposal in (None, "") or item.get(kind) or item["drop"]:
            continue
        try:
            item[kind] = clean_value(kind, proposal, choices)
        except ServiceError:
            continue  # a unit closed since the draft was made: no longer a suggestion to take
        if kind == "deadline":
            item["deadline_guessed"] = True
        taken.append(item["key"])
    if not taken:
        raise ServiceError(_("没有可采纳的%(f)s建议") % {"f": field_label(kind)})
    _audit(actor, draft, key, _("采纳建议的%(f)s：%(n)d 项") % {"f": field_label(kind), "n": len(taken)}, taken,
           {kind: "suggested"})
    return len(taken)


def suggestion_counts(draft: dict) -> dict[str, int]:
    """Per kind, how many kept items have a suggestion not yet taken."""
    counts = dict.fromkeys(SUGGESTED, 0)
    for item in draft["items"]:
        for kind, proposal in (item.get("suggest") or {}).items():
            if kind in counts and proposal not in (None, "") and not item.get(kind) and not item["drop"]:
                counts[kind] += 1
    return counts


def draft_blockers(draft: dict) -> list[dict]:
    """What still keeps the draft's tasks from being deployed, by kind of missing element (the
    rule deploying applies, completeness.missing_of), with the rows in page order."""
    dropped = {line["key"] for line in draft["lines"] if line["drop"]}
    order = {line["key"]: n for n, line in enumerate(draft["lines"])}
    items = sorted((i for i in draft["items"] if not i["drop"] and i["line"] not in dropped),
                   key=lambda i: order.get(i["line"], len(order)))
    kinds: dict[str, dict] = {}
    for item in items:
        missing = missing_of(title=item["title"], has_doer=bool(item["lead_unit"] or item["owner"] or item.get("splits")),
                             has_time=bool(item["deadline"] or item["recurrence"]), requirement=item["requirement"])
        for field, label in missing.items():
            kinds.setdefault(field, {"field": field, "label": label, "keys": []})["keys"].append(item["key"])
    return list(kinds.values())


def _audit(actor, draft: dict, key: str, message: str, keys: list[str], values: dict) -> None:
    audit.record(actor=actor, action=AuditAction.UPDATE,
                 target=audit.Target(type="plans.draft", id=str(key), repr=draft["title"][:255]),
                 after={"items": keys, "values": values}, message=message)
