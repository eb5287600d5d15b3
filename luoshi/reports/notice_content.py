"""What a 公示 shows, read live, field by field from a fixed public list, and nothing else.

Commitments: the village, what was promised, the standard of done, who promised it and the task's
责任人 (names of cadres are public), by when, the progress in per cent and the state. Targets: the
work line, the target's name, the responsible unit, 确保/力争, the target and the actual. Never a
person's phone or ID number or any other column of a person, never a task's internal notes (亮灯原因,
退回理由, 办结说明, problems, reports' texts). Free text written by people (a title, a standard, a
name, the foreword) is passed through `scrub`, which takes out anything shaped like a mobile or ID
number, masked or not: a secretary who wrote "联系电话138…" into a standard does not publish it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.assessment.commitments import State, state_of
from luoshi.assessment.models import Commitment
from luoshi.plans.models import Indicator
from luoshi.reports.models_notices import NoticeKind, PublicNotice

# Shapes of personal numbers in free text: a mobile (with or without separators), an 18- or 15-digit ID
# number, and any masked form of either (138****5678, 370830********1234).
_PERSONAL = re.compile(
    r"(?<![\dA-Za-z])(?:"
    r"\d{17}[\dXx]|\d{15}"                        # ID numbers
    r"|(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}"  # mobiles
    r"|[\dXx]*\*{3,}[\dXx]*"                      # masked numbers
    r")(?![\dA-Za-z])")


def scrub(text: str | None) -> tuple[str, int]:
    """`text` without personal numbers, and how many were taken out."""
    found = 0

    def _hide(_match):
        nonlocal found
        found += 1
        return _("〔已隐去〕")

    return _PERSONAL.sub(_hide, text or ""), found


class _Scrubber:
    """Scrubs many texts and counts what it took out, for the office's preview."""

    def __init__(self):
        self.hidden = 0

    def __call__(self, text) -> str:
        clean, n = scrub(str(text or ""))
        self.hidden += n
        return clean


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}"


def _commitment_rows(notice: PublicNotice, clean: _Scrubber, today: dt.date) -> list[dict]:
    where = notice.village or notice.township
    rows = (Commitment.objects.unscoped("a published public notice shows its own township's or village's commitments")
            .filter(year=notice.year, scope_path__under=where.path)
            .select_related("village", "task__owner").order_by("scope_path", "deadline", "id"))
    out = []
    for c in rows:
        task = c.task
        state = state_of(task, today)
        progress = 100 if state == State.DONE else (task.progress if task else 0)
        owner = task.owner.name if task and task.owner_id else ""
        out.append({"village": clean(c.village.name), "title": clean(c.title), "standard": clean(c.standard),
                    "promised_by": clean(c.promised_by), "owner": clean(owner), "deadline": c.deadline,
                    "progress": progress, "done": state == State.DONE, "state": State.LABELS[state], "tone": State.TONES[state],
                    "done_on": timezone.localtime(task.completed_at).date()
                    if state == State.DONE and task.completed_at else None})
    return out


def _target_rows(notice: PublicNotice, clean: _Scrubber) -> list[dict]:
    rows = (Indicator.objects.unscoped("a published public notice shows its plan's top-level targets")
            .filter(plan=notice.plan, parent__isnull=True).select_related("line", "unit")
            .order_by("line__sort_order", "line_id", "id"))
    if notice.line_id:
        rows = rows.filter(line=notice.line_id)
    out = []
    for i in rows:
        rate = None
        if i.target and i.actual is not None:
            rate = min(int(i.actual * 100 / i.target), 999)
        out.append({"line": clean(i.line.name if i.line_id else ""), "name": clean(i.name),
                    "unit": clean(i.unit.name),
                    "strength": i.get_strength_display(), "qualifier": clean(i.qualifier),
                    "target": _number(i.target), "actual": _number(i.actual), "measure": clean(i.measure),
                    "rate": rate})
    return out


def content(notice: PublicNotice, today: dt.date | None = None) -> dict:
    """The page's data: the notice's public words, its rows, and (for the office's preview only) how
    many personal numbers were taken out of the free text."""
    today = today or timezone.localdate()
    clean = _Scrubber()
    data = {"title": clean(notice.title), "foreword": clean(notice.foreword), "issuer": clean(notice.issuer),
            "scope": clean((notice.village or notice.township).name), "as_of": today, "kind": notice.kind}
    if notice.kind == NoticeKind.COMMITMENTS:
        rows = _commitment_rows(notice, clean, today)
        data.update(rows=rows, total=len(rows), done=sum(1 for r in rows if r["done"]))
    else:
        rows = _target_rows(notice, clean)
        data.update(rows=rows, total=len(rows), plan=clean(notice.plan.title),
                    line=clean(notice.line.name) if notice.line_id else "")
    data["hidden"] = clean.hidden
    return data
