"""引进人才台账, 人才库 (乡土人才, 在外人才, 新乡贤) and 订单式培养 on the ledger engine: declarations and
the workbooks' words. Phones and ID-card numbers are masked wherever a row is shown."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.errors import ServiceError
from luoshi.economy.ledgers_farms import PHONE
from luoshi.economy.ledgers_income import require_village, villages_only
from luoshi.economy.models_talent import (
    Degree,
    EngagementKind,
    FlexibleMode,
    Talent,
    TalentEngagement,
    TalentKind,
    TrainingClass,
)
from luoshi.exchange.shared_fields import NOTE
from luoshi.exchange.spec import FieldSpec, LedgerSpec
from luoshi.ledgers.forms import LedgerForm, form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.ledgers.writes import Writes
from luoshi.org.models import Unit, UnitKind

DEGREE_WORDS = {str(label): value for value, label in Degree.choices} | {
    "博士研究生": "doctor", "研究生": "master", "硕士研究生": "master", "大学本科": "bachelor", "学士": "bachelor",
    "专科": "college", "大学专科": "college", "高职": "college", "中专": "other", "高中": "other", "初中": "other"}
DEGREE = FieldSpec("degree", "学历", ["学历", "最高学历", "文化程度", "学历学位"], kind="choice", choices=DEGREE_WORDS)
ID_CARD = FieldSpec("id_card", "身份证号", ["身份证号", "身份证号码", "公民身份号码", "身份证"])
UNIT = FieldSpec("unit", "所在镇村", ["所在镇村", "所在村", "所属村居", "镇村"])
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
MODE_WORDS = {str(label): value for value, label in FlexibleMode.choices} | {
    "顾问": "adviser", "指导": "adviser", "兼职": "part_time", "合作": "cooperation", "入股": "shares"}

ENGAGEMENT_SPEC = LedgerSpec(name="talent-engagements", label="引进人才台账", fields=[
    FieldSpec("name", "姓名", ["姓名", "人才姓名", "专家姓名"], required=True),
    FieldSpec("kind", "引进方式", ["引进方式", "引进类型", "引才方式"], kind="choice",
              choices={str(label): value for value, label in EngagementKind.choices} | {"全职": "introduced",
                                                                                       "柔性": "flexible"}),
    FieldSpec("mode", "柔性方式", ["柔性方式", "合作方式", "服务方式", "柔性引进方式"], kind="choice", choices=MODE_WORDS),
    DEGREE,
    FieldSpec("title", "职称或荣誉", ["职称", "职称或荣誉", "人才称号", "职务职称", "荣誉称号"]),
    FieldSpec("field", "专业领域", ["专业领域", "研究方向", "专业", "领域"]),
    FieldSpec("employer", "用人单位", ["用人单位", "服务企业", "引进单位", "服务单位", "合作企业"], required=True),
    UNIT,
    FieldSpec("starts_on", "引进时间", ["引进时间", "开始时间", "起始时间", "签约时间"], kind="deadline"),
    FieldSpec("ends_on", "服务期满", ["服务期满", "服务期限", "合作期限", "到期时间", "截止时间"], kind="deadline"),
    FieldSpec("agreement", "协议", ["协议", "协议名称", "协议编号", "合同编号", "签订协议"]),
    PHONE, ID_CARD, NOTE,
])


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
TALENT_SPEC = LedgerSpec(name="talents", label="人才库", fields=[
    FieldSpec("name", "姓名", ["姓名", "人才姓名", "乡贤姓名"], required=True),
    FieldSpec("kind", "类别", ["类别", "人才类别", "人才类型", "类型"], kind="choice",
              choices={str(label): value for value, label in TalentKind.choices} | {
                  "乡贤": "sage", "乡土": "local", "本土人才": "local", "在外": "abroad", "外出人才": "abroad"}),
    FieldSpec("village", "所属村", ["所属村", "所在村", "村名", "村居", "籍贯村", "村"], required=True),
    DEGREE,
    FieldSpec("specialty", "专业特长", ["专业特长", "特长", "专业", "技能特长", "擅长领域"]),
    FieldSpec("workplace", "工作单位", ["工作单位", "现工作单位", "单位", "现任职单位"]),
    FieldSpec("title", "职务职称", ["职务职称", "职务", "职称"]),
    FieldSpec("donation", "捐资（万元）", ["捐资", "捐资金额", "捐款", "捐赠金额", "捐资助学"], kind="number"),
    PHONE, ID_CARD, NOTE,
])


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
CLASS_SPEC = LedgerSpec(name="training-classes", label="订单式培养", fields=[
    FieldSpec("name", "班级名称", ["班级名称", "培养项目", "订单班", "项目名称", "班级"], required=True),
    FieldSpec("school", "合作院校", ["合作院校", "培养院校", "院校", "学校"], required=True),
    FieldSpec("enterprise", "订单企业", ["订单企业", "合作企业", "用人企业", "企业"], required=True),
    FieldSpec("major", "专业", ["专业", "培养专业", "工种"]),
    FieldSpec("students", "培养人数", ["培养人数", "学员人数", "招生人数", "人数"], kind="number", required=True),
    FieldSpec("employed", "已入职人数", ["已入职人数", "入职人数", "就业人数", "到企人数"], kind="number"),
    UNIT,
    FieldSpec("starts_on", "开班时间", ["开班时间", "开始时间", "入学时间"], kind="deadline"),
    FieldSpec("ends_on", "结业时间", ["结业时间", "毕业时间", "结束时间"], kind="deadline"),
    FieldSpec("agreement", "协议", ["协议", "协议名称", "合作协议"]),
    NOTE,
])


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
