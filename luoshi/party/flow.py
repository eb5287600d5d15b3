"""A path's life (党员发展全程纪实): 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员, as a
transition table, and the statutory rules each step is checked against.

| action   | from                                      | to           | sets             | rule (cited)                       |
|----------|-------------------------------------------|--------------|------------------|------------------------------------|
| (create) |                                           | applicant    | applied_on       | 18 or older on applying (A)        |
| activist | applicant                                 | activist     | activist_on      | not before the application         |
| candidate| activist                                  | candidate    | candidate_on     | a full year as 积极分子 (B)         |
| admit    | candidate                                 | probationary | probationary_on  | 18 or older (A); two introducers (C) |
| confirm  | probationary                              | member       | member_on        | a full year's 预备期 (D)             |
| stop     | applicant, activist, candidate, probationary | stopped   | stopped_on       |                                    |

(A) 《中国共产党章程》第一条 and 《中国共产党发展党员工作细则》第五条: 年满十八岁 may apply.
(B) 《细则》第十三条: 对经过一年以上培养教育和考察、基本具备党员条件的入党积极分子 … 可列为发展对象.
(C) 《中国共产党章程》第五条: 申请入党的人 … 要有两名正式党员作介绍人.
(D) 《中国共产党章程》第七条: 预备党员的预备期为一年, counted from the day the branch meeting
    admitted them (《细则》: 预备期从支部大会通过其为预备党员之日算起).

Every step is dated (not after today, not before the path's latest step) and says what shows it (支部
大会决议, 谈话记录 …); its files (思想汇报, 政审材料 …) are attached to the step. A step is one
transaction: the row locked, its stage checked against the table, scope checked before and after,
audited, a `PathStep` kept. A step that comes too early is refused with the date it may be taken on,
and the refusal is written to the path's history (audit, result "refused"), so the 纪实 shows it.
`due_on` gives the day the next timed step falls due, which the reminders (party.reminders) read.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.flow import Transition, table
from luoshi.core.models import AuditAction
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.core.versioning import save_stepped
from luoshi.party.models import PartyPath, PathStage, PathStep

S = PathStage
ORDER = (S.APPLICANT, S.ACTIVIST, S.CANDIDATE, S.PROBATIONARY, S.MEMBER)
OPEN = frozenset({S.APPLICANT, S.ACTIVIST, S.CANDIDATE, S.PROBATIONARY})
ADULT_AGE = 18
REFUSED = "refused"

TRANSITIONS: dict[str, Transition] = table(
    Transition("activist", frozenset({S.APPLICANT}), S.ACTIVIST, gettext_lazy("确定为入党积极分子")),
    Transition("candidate", frozenset({S.ACTIVIST}), S.CANDIDATE, gettext_lazy("列为发展对象")),
    Transition("admit", frozenset({S.CANDIDATE}), S.PROBATIONARY, gettext_lazy("接收为预备党员")),
    Transition("confirm", frozenset({S.PROBATIONARY}), S.MEMBER, gettext_lazy("转为正式党员")),
    Transition("stop", OPEN, S.STOPPED, gettext_lazy("终止发展")),
)
REGISTER = "register"
ACTION_LABELS = {REGISTER: gettext_lazy("递交入党申请书"), **{t.action: t.label for t in TRANSITIONS.values()}}
STAGE_DATE = {S.APPLICANT: "applied_on", S.ACTIVIST: "activist_on", S.CANDIDATE: "candidate_on",
              S.PROBATIONARY: "probationary_on", S.MEMBER: "member_on", S.STOPPED: "stopped_on"}


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (a 29 February falls on the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def earliest(path: PartyPath, action: str) -> dt.date | None:
    """The first day `action` may be taken on `path` by the intervals of the rules (None: no interval)."""
    if action == "candidate" and path.activist_on:
        return years_after(path.activist_on, 1)  # (B) 《细则》第十三条
    if action == "confirm" and path.probationary_on:
        return years_after(path.probationary_on, 1)  # (D) 党章第七条
    return None


def due_on(path: PartyPath) -> tuple[str, dt.date] | None:
    """The next timed step and the day it falls due, for a path at 积极分子 or 预备党员."""
    action = {S.ACTIVIST: "candidate", S.PROBATIONARY: "confirm"}.get(path.stage)
    day = earliest(path, action) if action else None
    return (action, day) if day else None


def latest_date(path: PartyPath) -> dt.date | None:
    days = [getattr(path, name) for name in STAGE_DATE.values() if getattr(path, name)]
    return max(days) if days else None


def check_application(path: PartyPath, *, today: dt.date | None = None) -> None:
    """The rules on a new path (its form, import and API alike)."""
    today = today or timezone.localdate()
    if path.applied_on and path.applied_on > today:
        raise ServiceError(_("递交申请书日期不能晚于今天"), field="applied_on")
    if path.birth_date and path.applied_on and age_on(path.birth_date, path.applied_on) < ADULT_AGE:
        raise ServiceError(_("申请入党须年满十八周岁（《中国共产党章程》第一条），%(name)s递交申请书时未满十八周岁")
                           % {"name": path.name}, field="birth_date")


def rule_refusal(path: PartyPath, action: str, date: dt.date) -> str | None:
    """Why the statutory rules refuse `action` on `date`, in Chinese; None when they allow it."""
    first = earliest(path, action)
    if action == "candidate" and first and date < first:
        return _("入党积极分子须经过一年以上培养教育和考察方可列为发展对象（《中国共产党发展党员工作细则》第十三条）："
                 "%(name)s于%(since)s确定为入党积极分子，最早%(first)s可列为发展对象") % {
            "name": path.name, "since": path.activist_on.isoformat(), "first": first.isoformat()}
    if action == "confirm" and first and date < first:
        return _("预备党员的预备期为一年（《中国共产党章程》第七条）：%(name)s于%(since)s接收为预备党员，"
                 "预备期至%(first)s期满，期满后方可讨论转为正式党员") % {
            "name": path.name, "since": path.probationary_on.isoformat(), "first": first.isoformat()}
    if action == "admit" and age_on(path.birth_date, date) < ADULT_AGE:
        return _("接收预备党员须年满十八周岁（《中国共产党章程》第一条）")
    if action == "admit" and len([p for p in path.introducers.replace("，", "、").replace(",", "、").split("、")
                                  if p.strip()]) < 2:
        return _("发展党员须有两名正式党员作入党介绍人（《中国共产党章程》第五条），请先在登记信息中填写入党介绍人")
    return None


def allowed_actions(actor, path: PartyPath) -> list[Transition]:
    """What `actor` may do to `path` now: its stage, the actor's role and scope."""
    if not PartyPath.policy.allows(actor, "step"):
        return []
    if not PartyPath.objects.restrict(actor, "step").filter(pk=path.pk).exists():
        return []
    return [t for t in TRANSITIONS.values() if path.stage in t.sources]


def path_step(*, actor, path: PartyPath, action: str, date, note: str, files=()) -> PartyPath:
    """One move of the table, dated, with what shows it and its files. A move the rules refuse is
    written to the path's history as refused, then raised."""
    try:
        return _step(actor=actor, path=path, action=action, date=date, note=note, files=files)
    except _TooEarly as refusal:
        _record_refusal(actor, path, action, refusal.message)
        raise ServiceError(refusal.message, field="date") from None


class _TooEarly(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def _step(*, actor, path: PartyPath, action: str, date, note: str, files=()) -> PartyPath:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ServiceError(_("没有这个操作"))
    if not PartyPath.policy.allows(actor, "step"):
        raise NotAllowed()
    get_scoped(actor, PartyPath, path.pk, action="step")
    current = PartyPath.objects.unscoped("locking a path the actor may step").select_for_update().get(pk=path.pk)
    if current.stage not in transition.sources:
        raise ServiceError(_("%(name)s当前为“%(s)s”，不能%(a)s") % {
            "name": current.name, "s": current.get_stage_display(), "a": transition.label})
    note = (note or "").strip()
    if not note:
        raise ServiceError(_("请写明依据（如支部大会决议、谈话记录、上级党委审批意见）"), field="note")
    _check_date(current, date)
    refusal = rule_refusal(current, action, date)
    if refusal:
        raise _TooEarly(refusal)
    prepared = _prepare_files(files)
    before = audit.snapshot(current)
    current.stage = transition.target
    setattr(current, STAGE_DATE[current.stage], date)
    save_stepped(current)
    ensure_in_scope(actor, current, action="view")
    audit.record_change(actor=actor, obj=current, before=before, message=f"{transition.label}：{note[:400]}")
    step = PathStep.objects.create(path=current, action=action, stage=current.stage, date=date, note=note[:2000],
                                   by=actor)
    _attach(actor, step, prepared, current.scope_path)
    return current


def _check_date(path: PartyPath, date) -> None:
    if not isinstance(date, dt.date):
        raise ServiceError(_("请填写日期"), field="date")
    if date > timezone.localdate():
        raise ServiceError(_("日期不能晚于今天"), field="date")
    latest = latest_date(path)
    if latest and date < latest:
        raise ServiceError(_("日期不能早于上一步的日期 %(d)s") % {"d": latest.isoformat()}, field="date")


def _prepare_files(files):
    # party sits above progress: its attachments (checked by their bytes, photos stripped) hold the files
    from luoshi.progress.uploads import prepare_upload

    return [prepare_upload(f) for f in files]


def _attach(actor, step: PathStep, prepared, scope_path: str) -> None:
    from luoshi.progress.services import attachment_add  # the one way files are stored (see above)

    for upload in prepared:
        attachment_add(actor=actor, owner=step, upload=upload, scope_path=scope_path)


@transaction.atomic
def _record_refusal(actor, path: PartyPath, action: str, message: str) -> None:
    audit.record(actor=actor, action=AuditAction.ACTION, target=audit.Target.of(path), result=REFUSED,
                 message=_("%(a)s被拒绝：%(m)s") % {"a": ACTION_LABELS.get(action, action), "m": message},
                 unit_path=path.scope_path)


def registered_step(*, actor, path: PartyPath) -> PathStep:
    return PathStep(path=path, action=REGISTER, stage=PathStage.APPLICANT, date=path.applied_on,
                    note=path.note[:2000], by=actor)
