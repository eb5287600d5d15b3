"""The party registers on the ledger engine: 党员发展全程纪实 (`party-paths`, its page and steps are
`views.path_page` and `flow`), 纪律案件 (`discipline-cases`: 纪委 only, every read audited) and 表彰
(`honours`). The workbooks' words are `party.specs`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core import audit
from luoshi.core.errors import ServiceError
from luoshi.core.models import AuditAction
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, Retention, register
from luoshi.ledgers.writes import Writes
from luoshi.org.models import UnitKind
from luoshi.party import flow
from luoshi.party.models import (
    DISCIPLINE_PREFIX,
    CaseStatus,
    DisciplineCase,
    Honour,
    HonourKind,
    HonourStatus,
    PartyPath,
    PathStage,
    Sanction,
)
from luoshi.party.specs import CASES_SPEC, HONOURS_SPEC, PATHS_SPEC

BRANCHES = (UnitKind.VILLAGE, UnitKind.DEPARTMENT)  # a village's 党支部, or a department's (机关支部)


def _branch(unit, field: str) -> None:
    if unit.kind not in BRANCHES:
        raise ServiceError(_("“%(u)s”不是村或部门，请选择所在的村或部门") % {"u": unit.name}, field=field)


def branches_only(base, field: str):
    """A form whose `field` lists villages and departments only."""
    def querysets(self) -> dict:
        found = base.querysets(self)
        found[field] = found[field].filter(kind__in=BRANCHES)
        return found
    return type(base.__name__, (base,), {"querysets": querysets})


def _date_on_or_after(qs, value: str, field: str):
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return qs.none()
    return qs.filter(**{f"{field}__gte": day})


# -- 党员发展全程纪实 --------------------------------------------------------------------------------
PATH_FIELDS = ("name", "gender", "birth_date", "id_card", "phone", "branch", "applied_on", "introducers", "note")


def _path_prepare(*, actor, obj: PartyPath, before) -> None:
    _branch(obj.branch, "branch")
    obj.scope_path = obj.branch.path
    flow.check_application(obj)
    if before is not None and obj.applied_on != before.get("applied_on") and obj.stage != PathStage.APPLICANT:
        raise ServiceError(_("已确定为入党积极分子，递交申请书日期不能再改"), field="applied_on")


def _path_after(*, actor, obj: PartyPath, before) -> None:
    if before is None:
        flow.registered_step(actor=actor, path=obj).save()


def _due_text(path: PartyPath) -> str:
    due = flow.due_on(path)
    if due is None:
        return ""
    action, day = due
    return _("%(d)s 起可%(a)s") % {"d": day.isoformat(), "a": flow.TRANSITIONS[action].label}


def _due_filter(qs, value, context):
    """Paths whose timed step (发展对象, 转正) may be taken by today: a year passed since the last step."""
    year_ago = flow.years_after(context.today, -1)
    return qs.filter(stage=PathStage.ACTIVIST, activist_on__lte=year_ago) | qs.filter(
        stage=PathStage.PROBATIONARY, probationary_on__lte=year_ago)


PATHS = register(Ledger(
    name="party-paths", model=PartyPath, title=gettext_lazy("党员发展全程纪实"), icon="flag", row_title="name",
    # The development record goes to the member's file (党员档案) for good; a stopped path keeps its
    # personal data five years after it stopped.
    retention=Retention(days=5 * 365, closed_on="stopped_on", closed=Q(stage=PathStage.STOPPED),
                        label=gettext_lazy("终止发展满五年后清除身份证号和电话")),
    columns=[Column("name"), Column("stage"), Column("branch", sort="scope_path"), Column("applied_on"),
             Column("activist_on"), Column("candidate_on"), Column("probationary_on"), Column("member_on"),
             Column("due", gettext_lazy("下一步"), value=_due_text, sort=""),
             Column("gender", default=False), Column("birth_date", default=False),
             Column("phone", personal="phone", default=False), Column("id_card", personal="id_card", default=False),
             Column("introducers", default=False), Column("stopped_on", default=False),
             Column("note", default=False)],
    filters=[Filter("stage"), Filter("branch", gettext_lazy("党支部（村）"), path_field="scope_path"),
             Filter("due", gettext_lazy("已到期可推进"), flag=True, apply=_due_filter,
                    help=gettext_lazy("积极分子满一年、预备党员预备期满")),
             Filter("admitted_since", gettext_lazy("接收预备党员日期起"), field="probationary_on", hidden=True,
                    apply=lambda qs, value, context: _date_on_or_after(qs, value, "probationary_on"))],
    search=("name", "introducers"), sort=("scope_path", "applied_on", "id"), related=("branch",),
    form=branches_only(form_for(PartyPath, PATH_FIELDS), "branch"),
    writes=Writes(model=PartyPath, fields=PATH_FIELDS, prepare=_path_prepare, after=_path_after),
    spec=PATHS_SPEC, page="party:path",
    form_help=gettext_lazy("登记递交入党申请书的人（须年满十八周岁）；此后每一步在本人纪实页面按程序推进，写明日期和依据。"),
))


# -- 纪律案件 -------------------------------------------------------------------------------------------
CASE_FIELDS = ("name", "unit", "post", "is_cadre", "id_card", "phone", "facts", "source", "received_on", "filed_on",
               "sanction", "decided_on", "decision_no", "status", "readers", "note")
CADRE_ONLY = (Sanction.ADMONITION, Sanction.CIRCULAR)


def _case_prepare(*, actor, obj: DisciplineCase, before) -> None:
    obj.scope_path = obj.unit.path
    today = timezone.localdate()
    for name in ("received_on", "filed_on", "decided_on"):
        day = getattr(obj, name)
        if day and day > today:
            raise ServiceError(_("日期不能晚于今天"), field=name)
        if day and obj.received_on and day < obj.received_on:
            raise ServiceError(_("日期不能早于受理日期"), field=name)
    if obj.sanction in CADRE_ONLY and not obj.is_cadre:
        raise ServiceError(_("诫勉、通报适用于干部，请勾选“村（镇）干部”或选择党纪处分"), field="sanction")
    if obj.sanction and not obj.decided_on:
        raise ServiceError(_("已作出处分（处理）的，请填写处分决定日期"), field="decided_on")
    if obj.status == CaseStatus.CLOSED and not obj.sanction:
        raise ServiceError(_("结案须写明处分（处理）结果；不予立案的请选择“了结（不予立案）”"), field="sanction")


def _case_read(*, actor, channel: str, objects) -> None:
    """Every read of a case is audited (who, which rows, through what), under no office's path."""
    names = {"list": _("查看纪律案件列表"), "detail": _("查看纪律案件"), "form": _("打开纪律案件编辑表单"),
             "export": _("导出纪律案件"), "api": _("通过接口读取纪律案件")}
    ids = ",".join(str(o.pk) for o in objects[:50])
    one = objects[0] if channel in ("detail", "form") and objects else None
    audit.record(actor=actor, action=AuditAction.READ_PERSONAL,
                 target=audit.Target.of(one) if one else audit.Target(type=DisciplineCase._meta.label_lower),
                 message=_("%(what)s %(n)s 条（编号 %(ids)s）") % {"what": names.get(channel, channel),
                                                                 "n": len(objects), "ids": ids or "—"},
                 unit_path=_case_audit_path(actor))


def _case_audit_path(actor) -> str:
    """The reader's unit under the cases' prefix: no office's path covers it."""
    person = getattr(actor, "person", None)
    return DISCIPLINE_PREFIX + (person.unit.path if person is not None and person.unit_id else "")


CASES = register(Ledger(
    name="discipline-cases", model=DisciplineCase, title=gettext_lazy("纪律案件"), icon="shield-lock",
    retention=Retention(days=10 * 365, closed_on="decided_on",
                        closed=Q(status__in=(CaseStatus.CLOSED, CaseStatus.DROPPED)),
                        label=gettext_lazy("结案满十年后清除身份证号和电话")),
    row_title="name",
    columns=[Column("name"), Column("unit", sort="scope_path"), Column("post"), Column("is_cadre", default=False),
             Column("sanction"), Column("status"), Column("source"), Column("received_on"),
             Column("filed_on", default=False), Column("decided_on"), Column("decision_no", default=False),
             Column("facts", default=False), Column("phone", personal="phone", default=False),
             Column("id_card", personal="id_card", default=False), Column("readers", default=False),
             Column("note", default=False)],
    filters=[Filter("sanction"), Filter("status"), Filter("source"),
             Filter("unit", gettext_lazy("单位"), path_field="scope_path")],
    search=("name", "post", "facts"), sort=("-received_on", "-id"), related=("unit",),
    form=form_for(DisciplineCase, CASE_FIELDS),
    writes=Writes(model=DisciplineCase, fields=CASE_FIELDS, prepare=_case_prepare), on_read=_case_read,
    spec=CASES_SPEC,
    audit_path=_case_audit_path,
    form_help=gettext_lazy("仅纪委可见。诫勉、通报适用于干部；授权查阅人可查看本案（每次查看均记录在案）。"),
))


# -- 表彰 -----------------------------------------------------------------------------------------------
HONOUR_FIELDS = ("year", "kind", "title", "unit", "person_name", "post", "deeds", "status", "decision_title",
                 "decision_no", "decided_on")


def _honour_prepare(*, actor, obj: Honour, before) -> None:
    obj.scope_path = obj.unit.path
    if obj.kind == HonourKind.INDIVIDUAL and not obj.person_name:
        raise ServiceError(_("先进个人须填写姓名"), field="person_name")
    if obj.kind == HonourKind.COLLECTIVE:
        obj.person_name = ""
    if obj.status == HonourStatus.AWARDED and not (obj.decision_no and obj.decided_on):
        raise ServiceError(_("已表彰的须填写表彰决定文号和决定日期"), field="decision_no")
    if obj.decided_on and obj.decided_on > timezone.localdate():
        raise ServiceError(_("日期不能晚于今天"), field="decided_on")
    if not 2000 <= obj.year <= timezone.localdate().year + 1:
        raise ServiceError(_("年度不正确"), field="year")


HONOURS = register(Ledger(
    name="honours", model=Honour, title=gettext_lazy("表彰"), icon="award", row_title="title",
    columns=[Column("title"), Column("year"), Column("kind"), Column("unit", sort="scope_path"),
             Column("person_name"), Column("post", default=False), Column("status"), Column("decision_no"),
             Column("decided_on"), Column("decision_title", default=False), Column("deeds", default=False),
             Column("proposed_from", default=False), Column("proposed_rank", default=False)],
    filters=[Filter("year"), Filter("kind"), Filter("status"), Filter("unit", gettext_lazy("单位"),
                                                                      path_field="scope_path")],
    search=("title", "person_name", "decision_no"), sort=("-year", "kind", "title", "id"), related=("unit",),
    form=form_for(Honour, HONOUR_FIELDS),
    writes=Writes(model=Honour, fields=HONOUR_FIELDS, prepare=_honour_prepare), spec=HONOURS_SPEC,
    page="party:honour",
    form_help=gettext_lazy("先进集体填单位，先进个人另填姓名；已表彰的须有表彰决定文号和日期。表彰决定文件在本条记录页面上传。"),
))
