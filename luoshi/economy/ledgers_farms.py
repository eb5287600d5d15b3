"""合作社与家庭农场 and 村合作社实质化运营 on the ledger engine: declarations and the workbooks' words.
An operation's life (declare → the township approves or sends back) is `economy.operation_flow`."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.errors import ServiceError
from luoshi.economy.ledgers_income import require_village, villages_only
from luoshi.economy.models_farms import CoopOperation, FarmEntity, FarmKind, FarmLevel, OperationStatus
from luoshi.exchange.shared_fields import NOTE
from luoshi.exchange.spec import FieldSpec, LedgerSpec
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.ledgers.writes import Writes

FARM_FIELDS = ("name", "kind", "level", "certified_on", "village", "industry", "members", "area", "leader", "phone",
               "credit_code", "registered_on", "note")
KIND_WORDS = {str(label): value for value, label in FarmKind.choices} | {
    "合作社": "cooperative", "专业合作社": "cooperative", "农场": "family_farm"}
LEVEL_WORDS = {str(label): value for value, label in FarmLevel.choices} | {
    "县级": "county", "县": "county", "市级": "city", "市": "city", "省级": "province", "省": "province",
    "无": "none", "否": "none", "未评": "none", "一般": "none"}
PHONE = FieldSpec("phone", "联系电话", ["联系电话", "电话", "手机号码", "联系方式", "手机"])

FARM_SPEC = LedgerSpec(name="farms", label="合作社与家庭农场", fields=[
    FieldSpec("name", "名称", ["主体名称", "合作社名称", "家庭农场名称", "农场名称", "经营主体名称", "名称", "单位名称"],
              required=True),
    FieldSpec("kind", "类型", ["主体类型", "类型", "类别"], kind="choice", choices=KIND_WORDS),
    FieldSpec("level", "示范级别", ["示范级别", "示范等级", "示范社级别", "级别", "等级"], kind="choice", choices=LEVEL_WORDS),
    FieldSpec("certified_on", "认定日期", ["认定日期", "认定时间", "评定时间", "命名时间"], kind="deadline"),
    FieldSpec("village", "所在村", ["所在村", "所属村居", "所属村", "村居", "村名", "村"], required=True),
    FieldSpec("industry", "主营产业", ["主营产业", "主导产业", "主营", "产业", "经营范围", "主营业务"]),
    FieldSpec("members", "成员数", ["成员数", "成员人数", "社员数", "入社成员", "人数"], kind="number"),
    FieldSpec("area", "经营面积（亩）", ["经营面积", "土地面积", "流转面积", "面积"], kind="number"),
    FieldSpec("leader", "负责人", ["负责人", "理事长", "法定代表人", "法人代表", "场主"]),
    PHONE,
    FieldSpec("credit_code", "统一社会信用代码", ["统一社会信用代码", "信用代码", "社会信用代码"]),
    FieldSpec("registered_on", "注册日期", ["注册日期", "注册时间", "成立时间", "成立日期", "登记日期"], kind="deadline"),
    NOTE,
])


def _farm_prepare(*, actor, obj: FarmEntity, before) -> None:
    require_village(obj.village)
    obj.scope_path = obj.village.path
    if obj.level == FarmLevel.NONE:
        obj.certified_on = None


def _farm_row(row, data, ctx):
    """A sheet of family farms has no 类型 column: the name says it (…专业合作社, …家庭农场); an
    empty 级别 is 未评定."""
    data["level"] = data.get("level") or FarmLevel.NONE
    if not data.get("kind"):
        name = row.get("name") or ""
        data["kind"] = "cooperative" if "合作社" in name else "family_farm" if "农场" in name else ""
    return []


register(Ledger(
    name="farms", model=FarmEntity, title=gettext_lazy("合作社与家庭农场"), icon="flower2", row_title="name",
    columns=[Column("name"), Column("kind"), Column("level"), Column("certified_on"),
             Column("village", sort="scope_path"), Column("industry"), Column("members"), Column("leader"),
             Column("phone", personal="phone"), Column("area", default=False), Column("registered_on", default=False),
             Column("credit_code", default=False), Column("note", default=False)],
    filters=[Filter("kind"), Filter("level"), Filter("village", gettext_lazy("村"), path_field="scope_path")],
    search=("name", "industry", "leader"), sort=("scope_path", "kind", "name", "id"), related=("village",),
    form=villages_only(form_for(FarmEntity, FARM_FIELDS)),
    writes=Writes(model=FarmEntity, fields=FARM_FIELDS, prepare=_farm_prepare), spec=FARM_SPEC,
    import_row=_farm_row,
    form_help=gettext_lazy("示范级别以县、市、省农业农村部门认定为准，并填写认定日期。"),
))


# -- 村合作社实质化运营 ----------------------------------------------------------------------------------
OPERATION_FIELDS = ("village", "year", "cooperative", "business", "income", "evidence", "status", "note")
ENTRY_STATES = (OperationStatus.PENDING, OperationStatus.DECLARED)
OPERATION_WORDS = {"实质化运营": "declared", "已运营": "declared", "已实质化运营": "declared", "是": "declared",
                   "运营": "declared", "待认定": "declared", "未运营": "pending", "否": "pending", "未申报": "pending",
                   "暂无": "pending"}

OPERATION_SPEC = LedgerSpec(name="coop-operations", label="村合作社实质化运营", fields=[
    FieldSpec("village", "村", ["村名", "村", "行政村", "村居", "所在村"], required=True),
    FieldSpec("year", "年度", ["年度", "年份"], kind="number"),
    FieldSpec("cooperative", "村合作社", ["村合作社", "合作社名称", "合作社"]),
    FieldSpec("business", "经营内容", ["经营内容", "经营项目", "运营内容", "主营业务"]),
    FieldSpec("income", "经营收入（万元）", ["经营收入", "收入", "年收入"], kind="number"),
    FieldSpec("status", "是否实质化运营", ["是否实质化运营", "运营状态", "运营情况", "实质化运营"], kind="choice",
              choices=OPERATION_WORDS),
    FieldSpec("evidence", "佐证材料", ["佐证材料", "佐证", "运营佐证"]),
    NOTE,
])


class _OperationForm(villages_only(form_for(CoopOperation, OPERATION_FIELDS))):
    """A new record enters as 未申报 or 待认定; its state never changes on the form (the flow does)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            del self.fields["status"]
        else:
            self.fields["status"].choices = [(s.value, s.label) for s in ENTRY_STATES]
            self.fields["status"].required = False

    def querysets(self) -> dict:
        found = super().querysets()
        found["cooperative"] = found["cooperative"].filter(kind=FarmKind.COOPERATIVE)
        return found


def _operation_prepare(*, actor, obj: CoopOperation, before) -> None:
    require_village(obj.village)
    obj.scope_path = obj.village.path
    if obj.cooperative_id and obj.cooperative.village_id != obj.village_id:
        raise ServiceError(_("“%(c)s”不在%(v)s") % {"c": obj.cooperative, "v": obj.village}, field="cooperative")
    twins = CoopOperation.objects.unscoped("one record per village and year").filter(village=obj.village,
                                                                                       year=obj.year)
    if twins.exclude(pk=obj.pk).exists():
        raise ServiceError(_("%(v)s%(y)s年已有运营记录") % {"v": obj.village, "y": obj.year}, field="year")
    if before is not None:
        if obj.status != before["status"]:
            raise ServiceError(_("运营状态须在详情页通过申报、认定办理"), field="status")
        return
    _enter(actor, obj)


def _enter(actor, obj: CoopOperation) -> None:
    """A new record claiming 实质化运营 enters as 待认定 by its maker, with evidence, for the township to judge."""
    obj.status = obj.status or OperationStatus.PENDING
    if obj.status not in ENTRY_STATES:
        raise ServiceError(_("新录入的记录只能是“未申报”或“待认定”，认定由镇里办理"), field="status")
    if obj.status == OperationStatus.DECLARED:
        if not obj.evidence:
            raise ServiceError(_("申报实质化运营须填写佐证材料（经营合同、收支台账、分红记录等）"), field="evidence")
        obj.declared_by, obj.declared_at = actor, timezone.now()


def _operation_row(row, data, ctx):
    """The year from the title when no column gives it; a village twice in one year is one row too many."""
    if not data.get("year"):
        data["year"] = ctx.year or ""
    seen = ctx.extra.setdefault("operations", set())
    key = (data.get("village"), data.get("year"))
    if key[0] and key in seen:
        return [("village", _("同一村同一年度只能有一条运营记录"))]
    seen.add(key)
    return []


register(Ledger(
    name="coop-operations", model=CoopOperation, title=gettext_lazy("村合作社实质化运营"), icon="patch-check",
    row_title="village",
    columns=[Column("village", sort="scope_path"), Column("year"), Column("cooperative"), Column("status"),
             Column("business"), Column("income"), Column("evidence", default=False),
             Column("judge_note", default=False), Column("note", default=False)],
    filters=[Filter("year"), Filter("status"), Filter("village", gettext_lazy("村"), path_field="scope_path")],
    search=("business", "evidence"), sort=("-year", "scope_path", "id"), related=("village", "cooperative"),
    form=_OperationForm, writes=Writes(model=CoopOperation, fields=OPERATION_FIELDS, prepare=_operation_prepare),
    spec=OPERATION_SPEC, import_row=_operation_row, page="economy:operation_detail",
    form_help=gettext_lazy("村里录入并申报，镇里认定；申报须有佐证材料，认定须由申报人以外的人员办理。"),
))
