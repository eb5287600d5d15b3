"""引进人才台账, 人才库 (乡土人才, 在外人才, 新乡贤) and 订单式培养 on the ledger engine: the declarations
(the workbooks' words are `economy.specs`). Phones and ID-card numbers are masked wherever a row is
shown."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.errors import ServiceError
from luoshi.economy.forms import require_village, villages_only
from luoshi.economy.models_talent import EngagementKind, Talent, TalentEngagement, TalentKind, TrainingClass
from luoshi.economy.specs import CLASS_SPEC, ENGAGEMENT_SPEC, TALENT_SPEC
from luoshi.ledgers.forms import LedgerForm, form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.ledgers.writes import Writes
from luoshi.org.models import Unit, UnitKind

PLACES = (UnitKind.TOWNSHIP, UnitKind.VILLAGE)


def _place(unit) -> None:
    if unit.kind not in PLACES:
        raise ServiceError(_("“%(u)s”不是镇或村，请选择所在的镇或村") % {"u": unit.name}, field="unit")


def _township_of(ctx) -> int | str:
    """The importer's one township, for a sheet with no 所在镇村 column (a township's own list)."""
    if "township" not in ctx.extra:
        found = list(Unit.objects.visible_to(ctx.actor).filter(kind=UnitKind.TOWNSHIP).values_list("pk", flat=True)[:2])
        ctx.extra["township"] = found[0] if len(found) == 1 else ""
    return ctx.extra["township"]


def _dated(obj) -> None:
    if obj.starts_on and obj.ends_on and obj.ends_on < obj.starts_on:
        raise ServiceError(_("结束日期不能早于开始日期"), field="ends_on")


def places_only(base):
    """A form whose `unit` lists townships and villages only."""
    def querysets(self) -> dict:
        found = base.querysets(self)
        found["unit"] = found["unit"].filter(kind__in=PLACES)
        return found
    return type(base.__name__, (base,), {"querysets": querysets})


# -- 引进人才 ------------------------------------------------------------------------------------------
ENGAGEMENT_FIELDS = ("kind", "mode", "name", "degree", "title", "field", "employer", "unit", "starts_on", "ends_on",
                     "agreement", "phone", "id_card", "note")


def _engagement_prepare(*, actor, obj: TalentEngagement, before) -> None:
    _place(obj.unit)
    obj.scope_path = obj.unit.path
    if obj.kind == EngagementKind.INTRODUCED:
        obj.mode = ""
    elif not obj.mode:
        raise ServiceError(_("柔性引进须选择柔性方式（顾问指导、短期兼职、技术合作或技术入股）"), field="mode")
    _dated(obj)


def _engagement_row(row, data, ctx):
    """A 柔性引进 sheet names the way (合作方式) and seldom says 柔性; a township's list names no place."""
    if not data.get("kind"):
        data["kind"] = EngagementKind.FLEXIBLE if data.get("mode") else ""
    data["unit"] = data.get("unit") or _township_of(ctx)
    return []


register(Ledger(
    name="talent-engagements", model=TalentEngagement, title=gettext_lazy("引进人才台账"), icon="mortarboard",
    row_title="name",
    columns=[Column("name"), Column("kind"), Column("mode"), Column("degree"), Column("title"), Column("field"),
             Column("employer"), Column("starts_on"), Column("ends_on"), Column("agreement", default=False),
             Column("unit", sort="scope_path", default=False), Column("phone", personal="phone"),
             Column("id_card", personal="id_card", default=False), Column("note", default=False)],
    filters=[Filter("kind"), Filter("degree"), Filter("unit", gettext_lazy("镇村"), path_field="scope_path")],
    search=("name", "employer", "field", "title"), sort=("-starts_on", "-id"), related=("unit",),
    form=places_only(form_for(TalentEngagement, ENGAGEMENT_FIELDS)),
    writes=Writes(model=TalentEngagement, fields=ENGAGEMENT_FIELDS, prepare=_engagement_prepare),
    spec=ENGAGEMENT_SPEC, import_row=_engagement_row,
    form_help=gettext_lazy("柔性引进：顾问指导、短期兼职、技术合作、技术入股等，须填写服务期限和协议。"),
))


# -- 人才库 ------------------------------------------------------------------------------------------
TALENT_FIELDS = ("kind", "name", "village", "degree", "specialty", "workplace", "title", "donation", "phone",
                 "id_card", "note")


class TalentImportOptions(LedgerForm):
    kind = forms.ChoiceField(label=gettext_lazy("表中没有类别列时，均登记为"), required=False,
                             choices=[("", gettext_lazy("按表中类别"))] + list(TalentKind.choices))


def _talent_prepare(*, actor, obj: Talent, before) -> None:
    require_village(obj.village)
    obj.scope_path = obj.village.path


def _talent_row(row, data, ctx):
    data["kind"] = data.get("kind") or ctx.options.get("kind") or ""
    return []


register(Ledger(
    name="talents", model=Talent, title=gettext_lazy("人才库"), icon="person-badge", row_title="name",
    columns=[Column("name"), Column("kind"), Column("village", sort="scope_path"), Column("degree"),
             Column("specialty"), Column("workplace"), Column("title", default=False), Column("donation"),
             Column("phone", personal="phone"), Column("id_card", personal="id_card", default=False),
             Column("note", default=False)],
    filters=[Filter("kind"), Filter("degree"), Filter("village", gettext_lazy("村"), path_field="scope_path")],
    search=("name", "specialty", "workplace"), sort=("scope_path", "kind", "id"), related=("village",),
    form=villages_only(form_for(Talent, TALENT_FIELDS)),
    writes=Writes(model=Talent, fields=TALENT_FIELDS, prepare=_talent_prepare), spec=TALENT_SPEC,
    import_row=_talent_row, import_options=TalentImportOptions,
    form_help=gettext_lazy("新乡贤的捐资以万元为单位。"),
))


# -- 订单式培养 ----------------------------------------------------------------------------------------
CLASS_FIELDS = ("name", "school", "enterprise", "major", "students", "employed", "unit", "starts_on", "ends_on",
                "agreement", "note")


def _class_prepare(*, actor, obj: TrainingClass, before) -> None:
    _place(obj.unit)
    obj.scope_path = obj.unit.path
    if obj.employed is not None and obj.employed > obj.students:
        raise ServiceError(_("已入职人数不能多于培养人数"), field="employed")
    _dated(obj)


def _class_row(row, data, ctx):
    data["unit"] = data.get("unit") or _township_of(ctx)
    return []


register(Ledger(
    name="training-classes", model=TrainingClass, title=gettext_lazy("订单式培养"), icon="easel",
    row_title="name",
    columns=[Column("name"), Column("school"), Column("enterprise"), Column("major"), Column("students"),
             Column("employed"), Column("starts_on"), Column("ends_on"), Column("agreement", default=False),
             Column("unit", sort="scope_path", default=False), Column("note", default=False)],
    search=("name", "school", "enterprise", "major"), sort=("-starts_on", "-id"), related=("unit",),
    form=places_only(form_for(TrainingClass, CLASS_FIELDS)),
    writes=Writes(model=TrainingClass, fields=CLASS_FIELDS, prepare=_class_prepare), spec=CLASS_SPEC,
    import_row=_class_row,
))
