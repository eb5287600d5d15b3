"""The formula of every computed scheme item, declared here and nowhere else, with the words users
read (shown on the scheme page and beside every score). A formula reads a unit's statistics
(`statistics.counts`, the same numbers as the unit's page) and an item's weight (分值) and step (每次扣/加分);
`uses` names the statistics whose rows produced the score, kept with it as evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
URGE_WEIGHTS = {"urges_blue": 1, "urges_yellow": 2, "urges_red": 3}  # a red slip weighs three blue ones


def points(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Formula:
    key: str
    label: object
    text: object  # the formula in Chinese, for users
    uses: tuple[str, ...]
    score: Callable[[dict, Decimal, Decimal], Decimal]  # (counts, weight, step) → points


def _share(numerator: str, denominator: str):
    """weight × numerator ÷ denominator; full weight when there is nothing to count."""
    def score(c: dict, weight: Decimal, step: Decimal) -> Decimal:
        if not c[denominator]:
            return points(weight)
        return points(weight * c[numerator] / c[denominator])
    return score


def _less(counted: dict[str, int]):
    """weight − step × Σ (count × its multiple), not below zero."""
    def score(c: dict, weight: Decimal, step: Decimal) -> Decimal:
        return points(max(Decimal(0), weight - step * sum(c[key] * n for key, n in counted.items())))
    return score


def _indicators(c: dict, weight: Decimal, step: Decimal) -> Decimal:
    must = weight if not c["must"] else weight * c["must_met"] / c["must"]
    return points(must + step * c["strive_met"])


def _income_growth(c: dict, weight: Decimal, step: Decimal) -> Decimal:
    this, last = Decimal(c["income_this"]), Decimal(c["income_last"])
    if not last:
        return points(weight if this > 0 else 0)
    growth = 100 * (this - last) / last
    if growth <= 0:
        return points(0)
    return points(weight if not step else weight * min(Decimal(1), growth / step))


def _commitments(c: dict, weight: Decimal, step: Decimal) -> Decimal:
    if not c["commitments"]:
        return points(0)
    return points(weight * c["commitments_done"] / c["commitments"])


def _site_review(c: dict, weight: Decimal, step: Decimal) -> Decimal:
    if not c["review_sites"]:
        return points(0)
    return points(weight * Decimal(c["review_points"]) / c["review_sites"] / 100)


FORMULAS: dict[str, Formula] = {f.key: f for f in (
    Formula("on_time_rate", _("按期办结率"),
            _("得分 = 分值 × 按期办结率（期内到期或期内办结的任务中，在完成时限内办结的比例）；没有这类任务的得满分"),
            ("due", "on_time"), _share("on_time", "due")),
    Formula("red_tasks", _("红灯任务"),
            _("得分 = 分值 − 每次扣分 × 当前红灯任务数，最低 0 分"),
            ("light_red",), _less({"light_red": 1})),
    Formula("overdue", _("逾期未办结任务"),
            _("得分 = 分值 − 每次扣分 × 逾期未办结任务数，最低 0 分"),
            ("overdue",), _less({"overdue": 1})),
    Formula("urges", _("被督办"),
            _("得分 = 分值 − 每次扣分 ×（蓝色督办数 + 2 × 黄色督办数 + 3 × 红色督办数），最低 0 分"),
            tuple(URGE_WEIGHTS), _less(URGE_WEIGHTS)),
    Formula("problems_on_time", _("问题按期销号"),
            _("得分 = 分值 × 期内销号问题中在整改时限内销号的比例；期内没有销号问题的得满分"),
            ("problems_closed", "problems_closed_on_time"), _share("problems_closed_on_time", "problems_closed")),
    Formula("attendance", _("调度点名到会"),
            _("得分 = 分值 × 被点名后上报的人次 ÷ 被点名人次；未被点名的得满分"),
            ("roll_calls", "roll_calls_reported"), _share("roll_calls_reported", "roll_calls")),
    Formula("indicators", _("指标完成"),
            _("得分 = 分值 × 已完成的确保指标 ÷ 确保指标（没有确保指标的得满分）+ 每项加分 × 已完成的力争指标"),
            ("must", "must_met", "strive", "strive_met"), _indicators),
    Formula("income_growth", _("村级集体经济增幅"),
            _("得分 = 分值 × 集体收入增幅 ÷ 目标增幅（“每次扣（加）分”一栏填目标增幅，单位 %），最高得满分；"
              "未增长的得 0 分；上年收入为 0 的，本年有收入得满分"),
            ("income_this", "income_last"), _income_growth),
    Formula("commitments_done", _("实事承诺兑现"),
            _("得分 = 分值 × 已兑现的承诺实事 ÷ 本年度承诺实事（承诺实事以其落实任务验收办结为兑现）；没有作出承诺的得 0 分"),
            ("commitments", "commitments_done"), _commitments),
    Formula("site_review", _("观摩评比结果"),
            _("得分 = 分值 × 期内观摩平均得分 ÷ 100（观摩平均得分 = 各观摩点最终得分之和 ÷ 观摩点数；"
              "每个观摩点的最终得分满分 100，评委 5 人及以上时去掉一个最高分和一个最低分后平均）；期内没有观摩结果的得 0 分"),
            ("review_sites", "review_points"), _site_review),
)}


def choices() -> list[tuple[str, object]]:
    return [(f.key, f.label) for f in FORMULAS.values()]
