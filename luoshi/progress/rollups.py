"""Indicator values from reports → indicator actuals → the township's total.

Values are cumulative: each report states how much a unit has achieved so far this year
("3 家合作社在运营"), not what it added since the last report. So an indicator's actual is,
for each reporting unit, the latest value that unit reported, summed over the units (a
village's own sub-target has one unit, so its actual is simply its latest value). A
township target split into village sub-targets is then the sum of its children, through
`plans.services.indicator_roll_up`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db.models import Max
from django.utils.translation import gettext as _

from luoshi.core.errors import ServiceError
from luoshi.plans.models import Indicator, Task
from luoshi.plans.services import indicator_roll_up

_LIMIT = Decimal("1e14")


def resolve_values(*, task: Task, unit, values: dict) -> dict[Indicator, Decimal]:
    """Map each reported value to the indicator it counts for: one of the task's indicators, or,
    when that indicator is split among units, the reporting unit's own share of it."""
    if not values:
        return {}
    linked = {i.pk: i for i in Indicator.objects.unscoped("the indicators a task in scope is linked to")
              .filter(tasks=task)}
    shares = {}
    if unit is not None and linked:
        children = Indicator.objects.unscoped("the reporting unit's shares of the task's indicators")
        shares = {c.parent_id: c for c in children.filter(parent_id__in=list(linked), unit=unit)}
    resolved: dict[Indicator, Decimal] = {}
    for indicator, raw in values.items():
        pk = getattr(indicator, "pk", indicator)
        if pk not in linked:
            raise ServiceError(_("指标不属于这项任务"), field=f"value_{pk}")
        target = shares.get(pk) or linked[pk]
        if target is linked[pk] and _is_split(target):
            raise ServiceError(_("指标“%(n)s”已分解到各单位，本单位没有分解任务，不能直接填报") % {"n": target.name},
                               field=f"value_{pk}")
        resolved[target] = _number(raw, target)
    return resolved


def _is_split(indicator: Indicator) -> bool:
    return Indicator.objects.unscoped("whether an indicator has shares").filter(parent=indicator).exists()


def _number(raw, indicator: Indicator) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ServiceError(_("“%(n)s”的数值不是数字") % {"n": indicator.name}, field=f"value_{indicator.pk}") from exc
    if not value.is_finite() or abs(value) >= _LIMIT:
        raise ServiceError(_("“%(n)s”的数值超出范围") % {"n": indicator.name}, field=f"value_{indicator.pk}")
    return value.quantize(Decimal("0.01"))


def indicator_refresh(*, indicator: Indicator) -> Decimal | None:
    """Recompute an indicator's actual from the latest value of each unit, then roll up its parents."""
    from luoshi.progress.models import IndicatorValue

    rows = IndicatorValue.objects.unscoped("every unit's values of one indicator").filter(indicator=indicator)
    latest_ids = list(rows.values("report__unit_id").annotate(last=Max("id")).values_list("last", flat=True))
    values = IndicatorValue.objects.unscoped("the latest value of each unit").filter(
        pk__in=latest_ids).values_list("value", flat=True)
    actual = sum(values, Decimal(0)) if latest_ids else None
    Indicator.objects.unscoped("an indicator's actual follows its reports").filter(pk=indicator.pk).update(
        actual=actual)
    if indicator.parent_id:
        parent = Indicator.objects.unscoped("rolling up to the parent target").get(pk=indicator.parent_id)
        indicator_roll_up(indicator=parent)
    return actual
