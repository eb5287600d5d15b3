"""A project's life (招商引资: 线索 → 在谈 → 签约 → 开工 → 投产): the transition table, its step and
follow-up services, the rules on its dates, and its light (stale leads light up like tasks).

| action    | from                  | to        | sets            | roles (InvestmentProject.policy) |
|-----------|-----------------------|-----------|-----------------|----------------------------------|
| negotiate | lead                  | talking   | talks_date      | office, department, leader       |
| sign      | lead, talking         | signed    | signed_date     | office, department, leader       |
| start     | signed                | started   | started_date    | office, department, leader       |
| produce   | started               | producing | producing_date  | office, department, leader       |
| drop      | lead, talking, signed | dropped   |                 | office, department, leader       |
| resume    | dropped               | talking   |                 | office, department, leader       |
| follow_up | any open stage        | (same)    |                 | office, department, leader       |

Every step needs its date (not after today, not before the project's latest date) and a note of
what happened and the evidence (合同编号, 开工许可 …). A step is one transaction: the row locked,
its stage checked against the table, scope checked before and after, audited, a `ProjectStep`
kept, and the indicators counting the register recounted (`plans.measures.rows_changed`). No stage
needs a checker, so a register row may be entered (or imported) at the stage it has reached, with
that stage's dates (`check_dates`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.flow import Transition, table
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.core.versioning import save_stepped
from luoshi.economy.models import InvestmentProject, ProjectStage, ProjectStep
from luoshi.plans import measures
from luoshi.plans.models import Light

S = ProjectStage
LEDGER = "projects"
OPEN = frozenset({S.LEAD, S.TALKING, S.SIGNED, S.STARTED})
ORDER = (S.LEAD, S.TALKING, S.SIGNED, S.STARTED, S.PRODUCING)
# Each stage's date, in the order they happen.
DATES = (("lead_date", S.LEAD), ("talks_date", S.TALKING), ("signed_date", S.SIGNED),
         ("started_date", S.STARTED), ("producing_date", S.PRODUCING))
STAGE_DATE = {stage: name for name, stage in DATES}

TRANSITIONS: dict[str, Transition] = table(
    Transition("negotiate", frozenset({S.LEAD}), S.TALKING, gettext_lazy("进入洽谈")),
    Transition("sign", frozenset({S.LEAD, S.TALKING}), S.SIGNED, gettext_lazy("签约")),
    Transition("start", frozenset({S.SIGNED}), S.STARTED, gettext_lazy("开工")),
    Transition("produce", frozenset({S.STARTED}), S.PRODUCING, gettext_lazy("投产")),
    Transition("drop", frozenset({S.LEAD, S.TALKING, S.SIGNED}), S.DROPPED, gettext_lazy("终止")),
    Transition("resume", frozenset({S.DROPPED}), S.TALKING, gettext_lazy("恢复洽谈")),
)
FOLLOW_UP = Transition("follow_up", OPEN, "", gettext_lazy("跟进"))
REGISTER = "register"
ACTION_LABELS = {REGISTER: gettext_lazy("登记"), FOLLOW_UP.action: FOLLOW_UP.label,
                 **{t.action: t.label for t in TRANSITIONS.values()}}


def stage_rank(stage: str) -> int:
    return ORDER.index(stage) if stage in ORDER else -1


def latest_date(project: InvestmentProject) -> dt.date | None:
    days = [getattr(project, name) for name, _stage in DATES if getattr(project, name)]
    return max(days) if days else None


def check_dates(project: InvestmentProject, *, today: dt.date | None = None) -> None:
    """The rules on a project's dates, for its form, its import and its API alike: none after today,
    each stage's not before the one before it, 签约日期 once signed (the plan's targets count by it)
    and 开工日期 or 投产日期 at those stages, and no date of a stage not reached (a stopped project
    keeps what it had)."""
    today = today or timezone.localdate()
    rank, given = stage_rank(project.stage), []
    for name, stage in DATES:
        day, label = getattr(project, name), _field_label(name)
        if day and day > today:
            raise ServiceError(_("%(f)s不能晚于今天") % {"f": label}, field=name)
        if day and project.stage != S.DROPPED and stage_rank(stage) > rank:
            raise ServiceError(_("项目尚未到“%(s)s”阶段，不能填写%(f)s") % {"s": stage.label, "f": label}, field=name)
        needed = (stage == S.SIGNED and rank >= stage_rank(S.SIGNED)) or (
            stage == project.stage and stage in (S.STARTED, S.PRODUCING))
        if needed and not day:
            raise ServiceError(_("项目已%(s)s，请填写%(f)s") % {"s": stage.label, "f": label}, field=name)
        if day and given and day < given[-1][1]:
            raise ServiceError(_("%(f)s不能早于%(e)s") % {"f": label, "e": _field_label(given[-1][0])}, field=name)
        if day:
            given.append((name, day))


def _field_label(name: str) -> str:
    return str(InvestmentProject._meta.get_field(name).verbose_name)


# -- the steps ------------------------------------------------------------------------------------


def allowed_actions(actor, project: InvestmentProject) -> list[Transition]:
    """What `actor` may do to `project` now: its stage, the actor's roles and scope."""
    found = []
    for t in (*TRANSITIONS.values(), FOLLOW_UP):
        if project.stage not in t.sources or not InvestmentProject.policy.allows(actor, t.action):
            continue
        if InvestmentProject.objects.restrict(actor, t.action).filter(pk=project.pk).exists():
            found.append(t)
    return found


@transaction.atomic
def project_step(*, actor, project: InvestmentProject, action: str, date: dt.date, note: str) -> InvestmentProject:
    """One move of the table (or a follow-up, which moves nothing), dated and with its evidence."""
    transition = FOLLOW_UP if action == FOLLOW_UP.action else TRANSITIONS.get(action)
    if transition is None:
        raise ServiceError(_("没有这个操作"))
    if not InvestmentProject.policy.allows(actor, action):
        raise NotAllowed()
    get_scoped(actor, InvestmentProject, project.pk, action=action)
    current = InvestmentProject.objects.unscoped("locking a project the actor may act on").select_for_update().get(
        pk=project.pk)
    if current.stage not in transition.sources:
        raise ServiceError(_("项目当前为“%(s)s”，不能%(a)s") % {"s": current.get_stage_display(),
                                                           "a": transition.label})
    note = _checked_note(note)
    _check_step_date(current, date)
    before = audit.snapshot(current)
    if action == "resume":  # back in talks: what it had reached is in its steps, no longer on it
        current.signed_date = current.started_date = current.producing_date = None
    if transition.target:
        current.stage = transition.target
        if STAGE_DATE.get(current.stage) and (action != "resume" or not current.talks_date):
            setattr(current, STAGE_DATE[current.stage], date)
    current.followed_on = max(d for d in (current.followed_on, date) if d)
    save_stepped(current)
    ensure_in_scope(actor, current, action="view")
    audit.record_change(actor=actor, obj=current, before=before, message=f"{transition.label}：{note}")
    ProjectStep.objects.create(project=current, action=action, stage=current.stage, date=date, note=note, by=actor)
    measures.rows_changed(ledger=LEDGER, paths=current.paths())
    return current


def _checked_note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ServiceError(_("请写明进展情况和佐证材料（如合同编号、开工手续、现场照片存放处）"), field="note")
    return note[:2000]


def _check_step_date(project: InvestmentProject, date) -> None:
    if not isinstance(date, dt.date):
        raise ServiceError(_("请填写日期"), field="date")
    if date > timezone.localdate():
        raise ServiceError(_("日期不能晚于今天"), field="date")
    latest = latest_date(project)
    if latest and date < latest:
        raise ServiceError(_("日期不能早于项目最近的日期 %(d)s") % {"d": latest.isoformat()}, field="date")


# -- the light --------------------------------------------------------------------------------------


def stale_days() -> int:
    """The setting LUOSHI_PROJECT_STALE_DAYS (30): an open project with no step for longer is yellow,
    for twice as long red."""
    return int(getattr(settings, "LUOSHI_PROJECT_STALE_DAYS", 30))


def project_light(project: InvestmentProject, *, today: dt.date | None = None) -> tuple[str, str]:
    """(light, reason): an open project by the days since its latest step (a lead nobody follows up
    lights up like a task nobody reports on); a project in production or stopped has none."""
    if project.stage not in OPEN:
        return Light.NONE, str(project.get_stage_display())
    today = today or timezone.localdate()
    since = project.followed_on or latest_date(project)
    days = (today - since).days if since else 0
    limit = stale_days()
    if days > 2 * limit:
        return Light.RED, _("已 %(n)d 天未跟进") % {"n": days}
    if days > limit:
        return Light.YELLOW, _("已 %(n)d 天未跟进") % {"n": days}
    return Light.GREEN, _("%(d)s 跟进") % {"d": since.isoformat()} if since else _("新登记")
