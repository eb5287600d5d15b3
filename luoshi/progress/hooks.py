"""The hooks of reporting, for the apps above progress. progress never imports them, and the two
siblings above it (supervision, dispatch) never import each other: what one needs of the other,
or progress of either, passes through here. Listeners register in their AppConfig.ready().

- `report_submitted`: a report was just written, inside its transaction. progress reads in one
  query the open notices the report may answer, among them the reporter's own whose target is of
  a kind a listener declared (`ReportListener.asks`), and calls each listener whose kind is among
  them, or every time when it declared none: `heard(report=report)`. So the usual report, which
  answers nothing, costs one query whoever listens. dispatch listens: a roll call's notice closes
  once its person has reported on all they were called for.
- `report_missed`: someone was called to report on a task and did not (a roll call's
  non-reporter). The app that announces it (dispatch) calls each listener as
  `urge(actor=, task=, message=, due=, source=, missed_roll_calls=)` inside a savepoint of its own;
  a listener urges the person on that task, or raises ServiceError when it cannot. supervision
  listens with `urge_issue` (a 督办单 whose colour counts the roll calls missed in a row). Without
  a listener, or when every one refused, dispatch sends its own urge notice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from luoshi.core.hooks import Hook
from luoshi.core.panels import Slot


@dataclass(frozen=True)
class ReportListener:
    """`heard(report=)` is called after a report is written; when `asks` names a kind of notice
    target ("round"), only if the reporter has an open notice about an object of that kind."""

    heard: Callable[..., object]
    asks: str | None = None


report_submitted: Hook[ReportListener] = Hook("report submitted")
report_missed: Hook[Callable[..., object]] = Hook("report missed")

# Each report on a timeline (progress/_timeline.html), for the apps above: "difficulty" under the
# report's 困难和问题 (supervision: the problem it became, or 转为问题), with `report` in the context.
report_card: Slot = Slot("report_card", regions=("difficulty",))
