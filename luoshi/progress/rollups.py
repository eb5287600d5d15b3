"""Indicator values from reports → indicator actuals → the township's total.

Values are cumulative: each report states how much a unit has achieved so far this year
("3 家合作社在运营"), not what it added since the last report. So an indicator's number is made
of rows (`indicator_sources`), and its stored actual is their sum:

- a target nobody split: for each reporting unit, the latest value that unit reported;
- a unit's share of a split target: one unit, one number: the latest value reported on the
  share, or reported by its unit on the whole target before it was split. When the share is
  counted by completion (`plans.counting`: "村" on a village's share, or a share of exactly 1
  个/项/处 …) and a one-off task linked to it is 已办结, it counts at least 1, the part itself
  being the row;
- a split target: the sum of its shares (`plans.services.indicator_roll_up`), up to the top;
- a target (or share) bound to a register measure (`Indicator.register_measure`): no report, the count
  of its register rows (`plans.measures`, whose `indicator_count` stores it); reports carry no value
  for it (`resolve_values` refuses one).

The stored actual follows its rows in the transaction of the step that moves them: a report's
values (`report_submit` calls `indicator_refresh`), and two hooks on plans' rows (plans may not
import this app, so it connects them, `connect_hooks`): a task saved into or out of 已办结
refreshes the counted shares it is linked to, and a share made (a split task makes them) or
given a target refreshes itself and its target.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from luoshi.core.errors import ServiceError
from luoshi.plans import measures
from luoshi.plans.counting import ONE, counted_by_completion
from luoshi.plans.hooks import task_targets_edited
from luoshi.plans.models import Indicator, Task, TaskStatus
from luoshi.plans.services import indicator_roll_up

_LIMIT = Decimal("1e14")


@dataclass(frozen=True)
class Source:
    """One row behind an indicator's number: a reported value (`report_id`), or a part done that
    counts 1 (`report_id` None). `indicator_id` is the target or share whose number it makes."""

    indicator_id: int
    unit_id: int | None
    value: Decimal
    task_id: int
    report_id: int | None = None
    value_id: int | None = None


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
        if target.register_measure:
            raise ServiceError(_("指标“%(n)s”由台账自动统计，不能填报") % {"n": target.name}, field=f"value_{pk}")
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


# -- the rows behind a number ---------------------------------------------------------------------


def counted(indicator: Indicator) -> bool:
    """Whether a share's part done counts 1 for it (`plans.counting`); reads `indicator.unit`. A
    share bound to a register counts its register's rows, never a part done."""
    if indicator.register_measure:
        return False
    return counted_by_completion(measure=indicator.measure, target=indicator.target, unit_kind=indicator.unit.kind,
                                 is_share=indicator.parent_id is not None)


def sources_of_leaves(leaves: Iterable[Indicator]) -> dict[int, list[Source]]:
    """The rows of each indicator nobody split further (each with its `unit` read), in two queries
    whatever their number: the reported values, then the parts done of the counted shares."""
    from luoshi.progress.models import IndicatorValue

    leaves = list(leaves)
    if not leaves:
        return {}
    own = Q(indicator_id__in=[leaf.pk for leaf in leaves])
    shares = [leaf for leaf in leaves if leaf.parent_id]
    if shares:  # what a unit reported on the whole target before it was split is its share's
        own |= Q(indicator_id__in={s.parent_id for s in shares}, report__unit_id__in={s.unit_id for s in shares})
    rows = list(IndicatorValue.objects.unscoped("the values behind indicators' numbers").filter(own).order_by("id")
                .values_list("pk", "indicator_id", "report__unit_id", "value", "report_id", "report__task_id"))
    done = _parts_done([leaf for leaf in shares if counted(leaf)])
    return {leaf.pk: _leaf_sources(leaf, rows, done.get(leaf.pk)) for leaf in leaves}


def _leaf_sources(leaf: Indicator, rows: list[tuple], done_task: int | None) -> list[Source]:
    latest: dict[int | None, Source] = {}  # by reporting unit, or one for a share; rows come oldest first
    for pk, indicator_id, unit_id, value, report_id, task_id in rows:
        if indicator_id == leaf.pk or (leaf.parent_id and indicator_id == leaf.parent_id and unit_id == leaf.unit_id):
            key = None if leaf.parent_id else unit_id
            latest[key] = Source(leaf.pk, unit_id, value, task_id, report_id=report_id, value_id=pk)
    found = list(latest.values())
    if done_task is not None and (not found or found[0].value < ONE):
        return [Source(leaf.pk, leaf.unit_id, ONE, done_task)]  # the part done says at least 1
    return found


def _parts_done(shares: list[Indicator]) -> dict[int, int]:
    """For each counted share, the first one-off task linked to it that is 已办结."""
    if not shares:
        return {}
    through = Task.indicators.through
    links = (through.objects.filter(indicator_id__in=[s.pk for s in shares], task__status=TaskStatus.COMPLETED,
                                    task__recurrence="")
             .order_by("task__completed_at", "task_id").values_list("indicator_id", "task_id"))
    found: dict[int, int] = {}
    for indicator_id, task_id in links:
        found.setdefault(indicator_id, task_id)
    return found


def indicator_tree(indicator: Indicator) -> list[Indicator]:
    """The indicator and every share below it (each with its unit), one query per level."""
    nodes, level = [indicator], [indicator.pk]
    while level:
        below = list(Indicator.objects.unscoped("the shares of an indicator whose rows are read")
                     .filter(parent_id__in=level).select_related("unit").order_by("unit__path", "id"))
        nodes.extend(below)
        level = [i.pk for i in below]
    return nodes


def indicator_sources(indicator: Indicator) -> list[Source]:
    """Every row behind an indicator's number, recounted from the reports and parts themselves: its
    own when nobody split it, else its shares' (tests compare their sum with the stored actual)."""
    tree = indicator_tree(indicator)
    parents = {i.parent_id for i in tree}
    by_leaf = sources_of_leaves(i for i in tree if i.pk not in parents)
    return [source for leaf in tree for source in by_leaf.get(leaf.pk, ())]


def indicator_recounted(indicator: Indicator) -> Decimal | None:
    """The actual `indicator` should have: its rows' sum, or nothing when it has no row."""
    sources = indicator_sources(indicator)
    return sum((s.value for s in sources), Decimal(0)) if sources else None


# -- keeping the stored actual equal to its rows ---------------------------------------------------


def indicator_refresh(*, indicator: Indicator) -> Decimal | None:
    """Recompute and store an indicator's actual from its rows, then roll up its parents."""
    indicator = Indicator.objects.unscoped("an indicator whose rows moved").select_related("unit").get(pk=indicator.pk)
    if indicator.register_measure:  # counted from its register, whoever asks
        return measures.indicator_count(indicator=indicator)
    if _is_split(indicator):
        return indicator_roll_up(indicator=indicator)
    sources = sources_of_leaves([indicator])[indicator.pk]
    actual = sum((s.value for s in sources), Decimal(0)) if sources else None
    Indicator.objects.unscoped("an indicator's actual follows its rows").filter(pk=indicator.pk).update(actual=actual)
    if indicator.parent_id:
        parent = Indicator.objects.unscoped("rolling up to the parent target").get(pk=indicator.parent_id)
        indicator_roll_up(indicator=parent)
    return actual


def _task_saved(sender, instance: Task, created: bool, update_fields=None, raw: bool = False, **kwargs) -> None:
    """A task reaching or leaving 已办结 moves the counted shares it is linked to."""
    if created or raw or (update_fields is not None and "status" not in update_fields):
        return
    shares = (Indicator.objects.unscoped("the shares a task whose state moved counts for")
              .filter(tasks=instance, parent__isnull=False).select_related("unit"))
    for share in shares:
        if counted(share):
            indicator_refresh(indicator=share)


_SHAPE = {"target", "measure", "parent", "unit", "register_measure"}


def _indicator_saved(sender, instance: Indicator, created: bool, update_fields=None, raw: bool = False,
                     **kwargs) -> None:
    """A new share takes its unit's earlier values and makes its target a sum; a share's target
    or measure decides whether its part done counts."""
    if raw or (created and instance.parent_id is None):  # a new target has no rows yet
        return
    if update_fields is not None and not _SHAPE & set(update_fields):
        return
    indicator_refresh(indicator=instance)


def targets_edited(*, indicator_ids) -> None:
    """A task's targets were edited: the counted shares among them are recounted."""
    shares = (Indicator.objects.unscoped("the targets an edited task was or is linked to")
              .filter(pk__in=list(indicator_ids), parent__isnull=False).select_related("unit"))
    for share in shares:
        if counted(share):
            indicator_refresh(indicator=share)


def connect_hooks() -> None:
    """Called once by the app's `ready`."""

    task_targets_edited.register(targets_edited)
    post_save.connect(_task_saved, sender=Task, dispatch_uid="progress.rollups.task_saved")
    post_save.connect(_indicator_saved, sender=Indicator, dispatch_uid="progress.rollups.indicator_saved")
