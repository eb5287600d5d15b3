"""村级集体经济收入台账 and the township's 集体经济标准线 on the ledger engine: models, declarations,
the workbook's words. The year's page (totals, growth, thresholds) is `economy.views.income_year`."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.errors import ServiceError
from luoshi.economy.models_income import CollectiveIncome, IncomeSource, IncomeThreshold
from luoshi.exchange.shared_fields import NOTE
from luoshi.exchange.spec import FieldSpec, LedgerSpec
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.ledgers.writes import Writes
from luoshi.org.models import UnitKind

INCOME_FIELDS = ("village", "year", "source", "item", "amount", "received_on", "payer", "evidence", "note")
SOURCE_WORDS = {str(label): value for value, label in IncomeSource.choices} | {
    "荒片坑塘": "pond", "坑塘发包": "pond", "坑塘": "pond", "荒片": "pond", "土地发包": "contract", "发包": "contract",
    "承包费": "contract", "承包": "contract", "股金分红": "dividend", "入股": "dividend", "分红": "dividend",
    "服务": "service", "租赁": "lease", "出租": "lease", "房屋租赁": "lease", "其他": "other"}

INCOME_SPEC = LedgerSpec(name="collective-income", label="村级集体经济收入台账", fields=[
    FieldSpec("village", "村", ["村名", "村", "村居", "所在村", "行政村", "村庄", "村别", "单位名称", "单位"], required=True),
    FieldSpec("year", "年度", ["年度", "年份", "所属年度"], kind="number"),
    FieldSpec("source", "收入来源", ["收入来源", "收入类别", "收入类型", "收入种类", "来源", "类别"], kind="choice",
              choices=SOURCE_WORDS, required=True),
    FieldSpec("item", "收入项目", ["收入项目", "项目名称", "收入内容", "项目", "摘要", "事项"], required=True),
    FieldSpec("amount", "金额（万元）", ["金额", "收入金额", "本年收入", "收入", "金额万元"], kind="number", required=True),
    FieldSpec("received_on", "入账日期", ["入账日期", "入账时间", "到账日期", "到账时间", "收款日期", "日期"],
              kind="deadline"),
    FieldSpec("payer", "交款方", ["交款方", "交款单位", "承包方", "承包人", "承租方", "付款方"]),
    FieldSpec("evidence", "佐证材料", ["佐证材料", "佐证", "凭证号", "合同编号", "收据号", "凭证"]),
    NOTE,
])


def villages_only(base):
    """A register form whose `village` lists villages only (not the departments a user also sees)."""
    def querysets(self) -> dict:
        found = base.querysets(self)
        found["village"] = found["village"].filter(kind=UnitKind.VILLAGE)
        return found
    return type(base.__name__, (base,), {"querysets": querysets})


def require_village(unit) -> None:
    if unit.kind != UnitKind.VILLAGE:
        raise ServiceError(_("“%(u)s”不是村，请选择一个村") % {"u": unit.name}, field="village")


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
