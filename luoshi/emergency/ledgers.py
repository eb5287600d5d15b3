"""The emergency registers on the ledger engine: 应急事件, 返乡人员台账, 居家隔离台账, 卡口和重点场所, 值班表 and
消杀记录 (the workbooks' words are `emergency.specs`). Phones and ID-card numbers are declared personal
on their columns, so the engine masks them wherever a row is shown."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.errors import ServiceError
from luoshi.emergency import duty
from luoshi.emergency.models import Disinfection, DutyPlace, Emergency, Isolation, PlaceKind, Returnee, Shift
from luoshi.emergency.specs import DISINFECTION_SPEC, ISOLATION_SPEC, PLACE_SPEC, RETURNEE_SPEC, SHIFT_SPEC
from luoshi.exchange.deadlines import parse_deadline
from luoshi.ledgers.forms import LedgerForm, LookupChoiceField, form_for
from luoshi.ledgers.registry import BulkAction, Column, Filter, Ledger, Retention, register
from luoshi.ledgers.writes import Writes
from luoshi.org.models import UnitKind
from luoshi.plans import light_style
from luoshi.plans.models import Light

PLACES = (UnitKind.TOWNSHIP, UnitKind.VILLAGE)


def _kinds(base, **only):
    """A form whose unit lookups list units of the given kinds only ({"village": (VILLAGE,)})."""
    def querysets(self) -> dict:
        found = base.querysets(self)
        for name, kinds in only.items():
            found[name] = found[name].filter(kind__in=kinds)
        return found
    return type(base.__name__, (base,), {"querysets": querysets})


def _dated(start, end, field: str = "ends_on") -> None:
    if start and end and end < start:
        raise ServiceError(_("结束日期不能早于开始日期"), field=field)


def _village(unit, field: str = "village") -> None:
    if unit.kind != UnitKind.VILLAGE:
        raise ServiceError(_("“%(u)s”不是村，请选择一个村") % {"u": unit.name}, field=field)


class EmergencyImportOptions(LedgerForm):
    """The emergency an imported sheet's rows belong to (a sheet never names it)."""

    emergency = LookupChoiceField(label=gettext_lazy("应急事件"), queryset=Emergency.objects.none())

    def querysets(self) -> dict:
        return {"emergency": Emergency.objects.visible_to(self.actor)}


def _emergency_row(row, data, ctx):
    data["emergency"] = data.get("emergency") or ctx.options.get("emergency") or ""
    return []


def _light_cell(shift):
    style = light_style.style(shift.light)
    if not shift.light:
        return format_html('<span class="badge text-bg-light border">{}</span>', _("未开班"))
    return format_html('<span class="badge text-bg-{}" data-light="{}" title="{}">{}</span>', style.tone,
                       shift.light, shift.light_reason, style.label)


# -- 应急事件 ---------------------------------------------------------------------------------------
EMERGENCY_FIELDS = ("name", "kind", "unit", "starts_on", "ends_on", "task", "note")


def _emergency_prepare(*, actor, obj: Emergency, before) -> None:
    if obj.unit.kind != UnitKind.TOWNSHIP:
        raise ServiceError(_("应急事件由乡镇发布，请选择乡镇"), field="unit")
    obj.scope_path = obj.unit.path
    _dated(obj.starts_on, obj.ends_on)


register(Ledger(
    name="emergencies", model=Emergency, title=gettext_lazy("应急事件"), icon="exclamation-octagon", row_title="name",
    columns=[Column("name"), Column("kind"), Column("starts_on"), Column("ends_on"), Column("unit", default=False),
             Column("task", default=False), Column("note", default=False)],
    filters=[Filter("kind")], search=("name",), sort=("-starts_on", "-id"), related=("unit", "task"),
    form=_kinds(form_for(Emergency, EMERGENCY_FIELDS), unit=(UnitKind.TOWNSHIP,)),
    writes=Writes(model=Emergency, fields=EMERGENCY_FIELDS, prepare=_emergency_prepare),
    page="emergency:detail",
    form_help=gettext_lazy("疫情防控、防汛、森林防火等时期：返乡人员、居家隔离、值班和消杀都登记在事件之下。"),
))


# -- 返乡人员 ---------------------------------------------------------------------------------------
RETURNEE_FIELDS = ("emergency", "name", "id_card", "phone", "village", "group", "came_from", "arrived_on",
                   "reported_on", "address", "note")


def _returnee_prepare(*, actor, obj: Returnee, before) -> None:
    _village(obj.village)
    if obj.group_id and (obj.group.kind != UnitKind.GROUP or obj.group.parent_id != obj.village_id):
        raise ServiceError(_("“%(g)s”不是“%(v)s”的村民小组") % {"g": obj.group.name, "v": obj.village.name},
                           field="group")
    obj.id_card = obj.id_card.upper()
    obj.scope_path = (obj.group or obj.village).path


def _unreported(rows, value, context):
    return rows.filter(reported_on__isnull=True)


register(Ledger(
    name="returnees", model=Returnee, title=gettext_lazy("返乡人员台账"), icon="person-walking", row_title="name",
    retention=Retention(days=180, closed_on="emergency__ends_on",
                        label=gettext_lazy("应急事件结束满180天后清除身份证号和电话")),
    columns=[Column("name"), Column("village", sort="scope_path"), Column("group", default=False),
             Column("came_from"), Column("arrived_on"), Column("reported_on"),
             Column("id_card", personal="id_card", default=False), Column("phone", personal="phone"),
             Column("address", default=False), Column("emergency", default=False), Column("note", default=False)],
    filters=[Filter("emergency"), Filter("village", gettext_lazy("村"), path_field="scope_path"),
             Filter("unreported", gettext_lazy("未到村报到"), flag=True, apply=_unreported)],
    search=("name", "came_from"), sort=("scope_path", "-arrived_on", "id"), related=("village", "group", "emergency"),
    form=_kinds(form_for(Returnee, RETURNEE_FIELDS), village=(UnitKind.VILLAGE,), group=(UnitKind.GROUP,)),
    writes=Writes(model=Returnee, fields=RETURNEE_FIELDS, parent="emergency", prepare=_returnee_prepare),
    spec=RETURNEE_SPEC, import_row=_emergency_row, import_options=EmergencyImportOptions,
    form_help=gettext_lazy("返乡人员须主动到村报到；报到后填写到村报到日期。"),
))


# -- 居家隔离 ---------------------------------------------------------------------------------------
ISOLATION_FIELDS = ("emergency", "returnee", "name", "id_card", "phone", "village", "address", "starts_on", "ends_on",
                    "ended_on", "watcher", "note")


def _isolation_prepare(*, actor, obj: Isolation, before) -> None:
    _village(obj.village)
    if obj.returnee_id and obj.returnee.emergency_id != obj.emergency_id:
        raise ServiceError(_("该返乡人员不属于所选应急事件"), field="returnee")
    _dated(obj.starts_on, obj.ends_on)
    _dated(obj.starts_on, obj.ended_on, "ended_on")
    obj.id_card = obj.id_card.upper()
    obj.scope_path = obj.village.path


def _isolating(rows, value, context):
    return rows.filter(ended_on__isnull=True, starts_on__lte=context.today, ends_on__gte=context.today)


register(Ledger(
    name="isolations", model=Isolation, title=gettext_lazy("居家隔离台账"), icon="house-lock", row_title="name",
    retention=Retention(days=180, closed_on="ends_on", label=gettext_lazy("隔离结束满180天后清除身份证号和电话")),
    columns=[Column("name"), Column("village", sort="scope_path"), Column("address", default=False),
             Column("starts_on"), Column("ends_on"), Column("ended_on"), Column("watcher"),
             Column("id_card", personal="id_card", default=False), Column("phone", personal="phone", default=False),
             Column("emergency", default=False), Column("note", default=False)],
    filters=[Filter("emergency"), Filter("village", gettext_lazy("村"), path_field="scope_path"),
             Filter("current", gettext_lazy("隔离中"), flag=True, apply=_isolating)],
    search=("name", "address"), sort=("-starts_on", "-id"), related=("village", "watcher", "emergency"),
    form=_kinds(form_for(Isolation, ISOLATION_FIELDS), village=(UnitKind.VILLAGE,)),
    writes=Writes(model=Isolation, fields=ISOLATION_FIELDS, parent="emergency", prepare=_isolation_prepare),
    spec=ISOLATION_SPEC, import_row=_emergency_row, import_options=EmergencyImportOptions,
    page="emergency:isolation",
))


# -- 卡口和重点场所 ----------------------------------------------------------------------------------
PLACE_FIELDS = ("name", "kind", "unit", "address", "note")


def _place_prepare(*, actor, obj: DutyPlace, before) -> None:
    if obj.unit.kind not in PLACES:
        raise ServiceError(_("“%(u)s”不是镇或村，请选择所在的镇或村") % {"u": obj.unit.name}, field="unit")
    obj.scope_path = obj.unit.path


register(Ledger(
    name="duty-places", model=DutyPlace, title=gettext_lazy("卡口和重点场所"), icon="signpost-split", row_title="name",
    columns=[Column("name"), Column("kind"), Column("unit", sort="scope_path"), Column("address"),
             Column("note", default=False)],
    filters=[Filter("kind"), Filter("unit", gettext_lazy("镇村"), path_field="scope_path")],
    search=("name", "address"), sort=("scope_path", "kind", "name"), related=("unit",),
    form=_kinds(form_for(DutyPlace, PLACE_FIELDS), unit=PLACES),
    writes=Writes(model=DutyPlace, fields=PLACE_FIELDS, prepare=_place_prepare), spec=PLACE_SPEC,
))


# -- 值班表 -----------------------------------------------------------------------------------------
SHIFT_FIELDS = ("emergency", "place", "day", "starts_at", "ends_at", "person", "note")
FIXED_ONCE_CHECKED = ("place_id", "person_id")


def _shift_prepare(*, actor, obj: Shift, before) -> None:
    if before and obj.checked_in_at and any(before.get(f) != getattr(obj, f) for f in FIXED_ONCE_CHECKED):
        raise ServiceError(_("已签到的班次不能更换点位或值班人员"), field="person")
    obj.scope_path = obj.place.scope_path


def _shift_after(*, actor, obj: Shift, before) -> None:
    duty.shift_light_refresh([obj], now=timezone.now())


def _hhmm(name: str):
    """A shift's time as its form shows it (08:00), in the list, the export and the API alike."""
    return lambda shift: getattr(shift, name).strftime("%H:%M")


def _urge_missed(*, actor, objects):
    """督办缺岗 on the selected rows: each missed shift not yet urged gets its slip; the others are left."""
    for shift in objects:
        if shift.light == Light.RED and not shift.urge_id:
            duty.shift_urge(actor=actor, shift=shift)


def _missed(rows, value, context):
    return rows.filter(light=Light.RED)


class ShiftForm(form_for(Shift, SHIFT_FIELDS)):
    starts_at = forms.TimeField(label=gettext_lazy("开始时间"), widget=forms.TimeInput(attrs={"type": "time"},
                                                                                       format="%H:%M"))
    ends_at = forms.TimeField(label=gettext_lazy("结束时间"), widget=forms.TimeInput(attrs={"type": "time"},
                                                                                     format="%H:%M"),
                              help_text=gettext_lazy("早于开始时间的为次日结束（夜班）"))


register(Ledger(
    name="shifts", model=Shift, title=gettext_lazy("值班表"), icon="clock-history", row_title="place",
    columns=[Column("place"), Column("day"), Column("starts_at", value=_hhmm("starts_at")),
             Column("ends_at", value=_hhmm("ends_at")), Column("person"),
             Column("light", gettext_lazy("亮灯"), html=_light_cell, value=lambda s: light_style.style(s.light).label),
             Column("light_reason", default=False), Column("checked_in_at"), Column("urge", default=False),
             Column("emergency", default=False), Column("note", default=False)],
    filters=[Filter("emergency"), Filter("place"), Filter("light"), Filter("day", gettext_lazy("日期"), hidden=True),
             Filter("missed", gettext_lazy("缺岗"), flag=True, apply=_missed)],
    search=("place__name", "person__name"), sort=("-day", "starts_at", "id"),
    related=("place", "person", "emergency", "urge"),
    bulk_actions=[BulkAction("urge", gettext_lazy("督办缺岗"), _urge_missed, action="urge")],
    form=ShiftForm, writes=Writes(model=Shift, fields=SHIFT_FIELDS, parent="emergency", prepare=_shift_prepare,
                                  after=_shift_after),
    spec=SHIFT_SPEC, import_row=_emergency_row, import_options=EmergencyImportOptions,
    page="emergency:shift",
))


# -- 消杀记录 ---------------------------------------------------------------------------------------
DISINFECTION_FIELDS = ("place", "done_at", "done_by", "area", "agent", "note")


_CLOCK = re.compile(r"(?:(上午|下午|晚上|早上)\s*)?(\d{1,2})\s*[:：时点]\s*(\d{1,2})?")


def _disinfection_row(row, data, ctx):
    """The paper log's 日期 and 时间 as one 消杀时间 (下午3时 → 15:00); a time written inside the date's
    cell ("2026-03-02 08:30") is read from there. The date is read as any date cell of an import is."""
    written = str(row.get("done_on") or "").split(maxsplit=1)
    if not written:
        return []
    day = parse_deadline(written[0], year=ctx.year, label=str(DISINFECTION_SPEC.field_spec("done_on").label))
    if day.error or day.deadline_kind != "date":
        return [("done_on", day.error or _("日期不正确"))]
    found = _CLOCK.search(str(row.get("time") or "")) or (_CLOCK.search(written[1]) if len(written) == 2 else None)
    data["done_at"] = f"{day.deadline} 00:00"  # the form's check of the rest; refused below without a time
    if found is None:
        return [("time", _("请填写消杀的具体时间（如 8:30）"))]
    half, hour, minute = found.group(1), int(found.group(2)), int(found.group(3) or 0)
    if half in ("下午", "晚上") and hour < 12:  # i18n: input (the paper log's words)
        hour += 12
    if hour > 23 or minute > 59:
        return [("time", _("时间不正确"))]
    data["done_at"] = f"{day.deadline} {hour:02d}:{minute:02d}"
    return []


def _disinfection_prepare(*, actor, obj: Disinfection, before) -> None:
    obj.scope_path = obj.place.scope_path
    obj.done_at = obj.done_at.replace(second=0, microsecond=0)  # to the minute, as its input keeps it


class DisinfectionForm(form_for(Disinfection, DISINFECTION_FIELDS)):
    done_at = forms.DateTimeField(label=gettext_lazy("消杀时间"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))

    def querysets(self) -> dict:
        found = super().querysets()
        found["place"] = found["place"].filter(kind=PlaceKind.KEY_PLACE)
        return found


def _photo_cell(row):
    if not row.photo:
        return ""
    from django.urls import reverse

    return format_html('<a href="{}">{}</a>', reverse("emergency:disinfection_photo", args=[row.pk]), _("照片"))


register(Ledger(
    name="disinfections", model=Disinfection, title=gettext_lazy("消杀记录"), icon="droplet", row_title="place",
    columns=[Column("place"), Column("done_at"), Column("done_by"), Column("area"), Column("agent"),
             Column("photo", gettext_lazy("现场照片"), value=lambda d: bool(d.photo), html=_photo_cell, sort=""),
             Column("note", default=False)],
    filters=[Filter("place")],
    search=("place__name", "done_by", "agent"), sort=("-done_at", "-id"), related=("place",),
    form=DisinfectionForm, writes=Writes(model=Disinfection, fields=DISINFECTION_FIELDS,
                                         prepare=_disinfection_prepare),
    spec=DISINFECTION_SPEC, import_row=_disinfection_row,
    form_help=gettext_lazy("在手机上记录消杀并上传现场照片，请用“记录消杀”页面。"),
))
