"""合作社与家庭农场 and 村合作社实质化运营 on the ledger engine: the declarations (the
workbooks' words are `economy.specs`).
An operation's life (declare → the township approves or sends back) is `economy.operation_flow`."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.errors import ServiceError
from luoshi.economy.forms import require_village, villages_only
from luoshi.economy.models_farms import CoopOperation, FarmEntity, FarmKind, FarmLevel, OperationStatus
from luoshi.economy.specs import FARM_SPEC, OPERATION_SPEC
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.ledgers.writes import Writes

FARM_FIELDS = ("name", "kind", "level", "certified_on", "village", "industry", "members", "area", "leader", "phone",
               "credit_code", "registered_on", "note")


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
