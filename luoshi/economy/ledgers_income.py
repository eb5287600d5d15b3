"""村级集体经济收入台账 and the township's 集体经济标准线 on the ledger engine: the declarations
(the workbook's words are `economy.specs`). The year's page (totals, growth, thresholds) is
`economy.views.income_year`."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.errors import ServiceError
from luoshi.economy.forms import require_village, villages_only
from luoshi.economy.models_income import CollectiveIncome, IncomeThreshold
from luoshi.economy.specs import INCOME_SPEC
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.ledgers.writes import Writes
from luoshi.org.models import UnitKind

INCOME_FIELDS = ("village", "year", "source", "item", "amount", "received_on", "payer", "evidence", "note")


def _income_prepare(*, actor, obj: CollectiveIncome, before) -> None:
    require_village(obj.village)
    obj.scope_path = obj.village.path


def _income_row(row, data, ctx):
    """A row without a 年度 column is of the year of its 入账日期, else of the year the workbook's
    title names (××镇2024年村级集体经济收入明细)."""
    if not data.get("year"):
        day = row.get("received_on")
        data["year"] = int(day[:4]) if day else (ctx.year or "")
    return []


INCOME_WRITES = Writes(model=CollectiveIncome, fields=INCOME_FIELDS, prepare=_income_prepare)

register(Ledger(
    name="collective-income", model=CollectiveIncome, title=gettext_lazy("村级集体经济收入台账"), icon="cash-coin",
    row_title="item",
    columns=[Column("village", sort="scope_path"), Column("year"), Column("source"), Column("item"),
             Column("amount"), Column("received_on"), Column("payer", default=False), Column("evidence"),
             Column("note", default=False)],
    filters=[Filter("year"), Filter("source"), Filter("village", gettext_lazy("村"), path_field="scope_path")],
    search=("item", "payer", "evidence"), sort=("-year", "scope_path", "id"), related=("village",),
    form=villages_only(form_for(CollectiveIncome, INCOME_FIELDS)), writes=INCOME_WRITES, spec=INCOME_SPEC,
    import_row=_income_row,
    form_help=gettext_lazy("一笔收入一行；金额以万元为单位；发包荒片、坑塘的收入选“荒片坑塘发包”。"),
))


THRESHOLD_FIELDS = ("township", "label", "kind", "amount")


def _threshold_prepare(*, actor, obj: IncomeThreshold, before) -> None:
    if obj.township.kind != UnitKind.TOWNSHIP:
        raise ServiceError(_("标准线属于一个镇，请选择镇"), field="township")
    obj.scope_path = obj.township.path
    twins = IncomeThreshold.objects.unscoped("a label is unique within its township")
    if twins.filter(township=obj.township, label=obj.label).exclude(pk=obj.pk).exists():
        raise ServiceError(_("%(t)s已有名为“%(l)s”的标准线") % {"t": obj.township.name, "l": obj.label}, field="label")


register(Ledger(
    name="income-thresholds", model=IncomeThreshold, title=gettext_lazy("集体经济标准线"), icon="rulers",
    row_title="label", columns=[Column("township"), Column("label"), Column("kind"), Column("amount")],
    sort=("scope_path", "amount", "id"), related=("township",),
    form=form_for(IncomeThreshold, THRESHOLD_FIELDS),
    writes=Writes(model=IncomeThreshold, fields=THRESHOLD_FIELDS, prepare=_threshold_prepare),
    form_help=gettext_lazy("如：空壳村 低于 5 万元；十万元村 达到 10 万元。各村年度收入合计按此归类。"),
))
