"""A target the speech states and its task table repeats is one target: the table's.

Deployment speeches often say "确保6月底前完成项目用地组卷报批" and attach a 分解表 whose
row says the same with its lead unit and 完成时限. Two targets would become two tasks in
the draft for one piece of work, so the table's row (the structured statement: who, by
when) is kept and takes from the speech what only the speech says: a modal (确保, 力争
beat a bare 完成 or nothing), a qualifier, a deadline, period or recurrence, bodies, leaders, owners.

Repeats are judged strictly, since dropping a real target is worse than a duplicate the
reviewer can merge: quantities must agree in value and unit and have alike indicators;
other targets must not contradict in deadline or recurrence and must word the same work
(alike indicators, or alike clause wording once time and strength words are gone).
"""

from collections import Counter

from .indicator import wording
from .strength import MODALS
from .tables import compact_key
from .target import Target

MIN_CONTAINED = 4
MIN_SHARED = 0.8


def merge_repeats(text: str, spoken: list[Target], tabled: list[Target]) -> list[Target]:
    """The speech's targets not repeated by a table row, plus the (enriched) table targets."""
    kept = []
    for target in spoken:
        twin = next((row for row in tabled if _repeats(text, target, row)), None)
        if twin is None:
            kept.append(target)
        else:
            _enrich(twin, target)
    return kept + tabled


def _repeats(text: str, said: Target, row: Target) -> bool:
    if (said.kind == "quantity") != (row.kind == "quantity"):
        return False
    if said.kind == "quantity":
        same_value = said.value == row.value or (
            said.value is not None and row.value is not None and abs(said.value - row.value) < 1e-9
        )
        return same_value and said.unit == row.unit and alike(said.indicator, row.indicator)
    if said.deadline and row.deadline and compact_key(said.deadline) != compact_key(row.deadline):
        return False
    if said.recurrence and row.recurrence and said.recurrence != row.recurrence:
        return False
    return alike(said.indicator, row.indicator) or alike(_words(text, said), _words(text, row))


def _words(text: str, target: Target) -> str:
    return wording(text[target.start : target.end])


def alike(a: str | None, b: str | None) -> bool:
    """Two wordings of the same thing: equal, one inside the other, or nearly all shared."""
    a, b = compact_key(a or ""), compact_key(b or "")
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if shorter == longer or (len(shorter) >= MIN_CONTAINED and shorter in longer):
        return True
    return sum((Counter(a) & Counter(b)).values()) >= MIN_SHARED * len(longer)


def _enrich(row: Target, said: Target) -> None:
    if said.strength and (row.strength is None or (said.strength in MODALS and row.strength not in MODALS)):
        row.strength = said.strength
    row.qualifier = row.qualifier or said.qualifier
    row.deadline = row.deadline or said.deadline
    row.period = row.period or said.period
    row.recurrence = row.recurrence or said.recurrence
    row.responsible = list(dict.fromkeys(row.responsible + said.responsible))
    row.leaders = list(dict.fromkeys(row.leaders + said.leaders))
    row.owners = list(dict.fromkeys(row.owners + said.owners))
