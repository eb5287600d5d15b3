"""When a unit's share of an indicator is counted by its task being done (按办结计数).

An indicator's actual comes from the numbers the field reports (`progress.rollups`). One case
needs no number: a share that, by its own definition, is one thing for its unit, so that its
part being 已办结 (申请办结, then 验收 by someone else) is exactly the fact the indicator counts.
That holds in two cases and only these:

1. the 计量单位 names the kind of the share's unit: "村" (个村, 行政村, 社区, 村（社区）…) on a
   village's share, "部门" on a department's. A village is one village: "3 个村建成卫生厕所"
   is how many villages are done, and a village's share of it is 1 (`unit_share_target`);
2. the share's target is exactly 1 in a counting word (个, 项, 处, 家, 户 …): the office said
   this unit's part of it is one thing, and accepting the part says that thing is done.

"个" alone does not say what is counted ("新上亿元项目 3 个": a department's part may bring
0, 1 or 5 projects), and an amount (万元, 公里, %) is never a count, so everything else stays
on reported numbers. Only a one-off task counts: a recurring one ends with its time
(`tasks_end_periods`), which says nothing about what was reached.
"""

from __future__ import annotations

from decimal import Decimal

from luoshi.org.models import UnitKind

# The 计量单位 that names a kind of unit, so a share for a unit of that kind is that one unit.
UNIT_MEASURES: dict[str, str] = {  # i18n: input (measures as an indicator is written)
    "村": UnitKind.VILLAGE, "行政村": UnitKind.VILLAGE, "社区": UnitKind.VILLAGE, "村居": UnitKind.VILLAGE,
    "村（社区）": UnitKind.VILLAGE, "村(社区)": UnitKind.VILLAGE, "部门": UnitKind.DEPARTMENT,
}
# Words that count whole things; a share of exactly 1 of them is one thing done or not.
COUNT_MEASURES = frozenset({"个", "项", "件", "处", "座", "家", "所", "条", "户", "名", "人", "套", "台", "间", "栋",  # i18n: input
                            *UNIT_MEASURES})
ONE = Decimal(1)


def normal_measure(measure: str) -> str:
    """The 计量单位 as compared: without blanks or a leading 个 ("个村" is "村"; "个" stays "个")."""
    text = "".join((measure or "").split())
    return text[1:] if len(text) > 1 and text.startswith("个") else text


def unit_share_target(*, measure: str, unit_kind: str) -> Decimal | None:
    """A share's target that needs nobody to set it: 1 when the measure counts units of its kind."""
    return ONE if UNIT_MEASURES.get(normal_measure(measure)) == unit_kind else None


def counted_by_completion(*, measure: str, target: Decimal | None, unit_kind: str, is_share: bool) -> bool:
    """Whether a share's part being 已办结 counts 1 for it (see the module's two cases)."""
    if not is_share:
        return False
    word = normal_measure(measure)
    if UNIT_MEASURES.get(word) == unit_kind:
        return True
    return target is not None and Decimal(target) == ONE and word in COUNT_MEASURES
