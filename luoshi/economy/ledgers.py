"""The enterprises register (企业台账) on the ledger engine; its page, with the liaison's and the status's
history and the demands, is `economy.views.enterprise_detail`."""

from django.utils.translation import gettext_lazy as _

from luoshi.economy import enterprise_flow
from luoshi.economy.models import Enterprise, EnterpriseStatus
from luoshi.exchange.shared_fields import NOTE
from luoshi.exchange.spec import FieldSpec, LedgerSpec
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.ledgers.writes import Writes

FIELDS = ("name", "credit_code", "industry", "above_scale", "unit", "address", "contact", "phone", "liaison",
          "status", "status_date", "employees", "note")
_STATUS_WORDS = {str(label): value for value, label in EnterpriseStatus.choices} | {
    "正常": "normal", "生产": "normal", "停工": "stopped", "复工": "resumed", "达产": "full"}

SPEC = LedgerSpec(name="enterprises", label="企业台账", fields=[
    FieldSpec("name", "企业名称", ["企业名称", "企业", "单位名称", "公司名称", "名称"], required=True),
    FieldSpec("credit_code", "统一社会信用代码", ["统一社会信用代码", "信用代码", "社会信用代码"]),
    FieldSpec("industry", "所属行业", ["所属行业", "行业", "行业类别", "产业"]),
    FieldSpec("above_scale", "规上企业", ["规上企业", "是否规上", "规模以上"], kind="choice",
              choices={"是": "true", "规上": "true", "√": "true", "否": "false", "规下": "false"}),
    FieldSpec("unit", "所在村（园区）", ["所在村（园区）", "所在村", "所在地", "所属村居", "园区", "村居"], required=True),
    FieldSpec("address", "地址", ["地址", "企业地址", "详细地址"]),
    FieldSpec("contact", "联系人", ["联系人", "企业负责人", "法定代表人", "负责人"]),
    FieldSpec("phone", "联系电话", ["联系电话", "电话", "手机号码", "联系方式"]),
    FieldSpec("liaison", "驻企联络员", ["驻企联络员", "联络员", "包保干部", "帮包干部"]),
    FieldSpec("status", "生产状态", ["生产状态", "复工情况", "状态", "经营状态"], kind="choice",
              choices=_STATUS_WORDS),
    FieldSpec("status_date", "状态日期", ["状态日期", "复工日期", "复工时间", "停产时间", "达产时间"], kind="deadline"),
    FieldSpec("employees", "从业人数", ["从业人数", "职工人数", "员工人数", "用工人数"], kind="number"),
    NOTE,
])


# The status moves along enterprise_flow's table; each step and each new liaison leaves its history row.
WRITES = Writes(model=Enterprise, fields=FIELDS, prepare=enterprise_flow.prepare, after=enterprise_flow.after)

register(Ledger(
    name="enterprises", model=Enterprise, title=_("企业台账"), icon="building", row_title="name",
    columns=[Column("name"), Column("industry"), Column("above_scale"), Column("unit", sort="scope_path"),
             Column("contact"), Column("phone", personal="phone"), Column("liaison"), Column("status"),
             Column("status_date", default=False), Column("employees", default=False),
             Column("credit_code", default=False), Column("address", default=False), Column("note", default=False)],
    filters=[Filter("status"), Filter("above_scale"), Filter("unit", _("单位"), path_field="scope_path")],
    search=("name", "industry", "contact"), sort=("scope_path", "name", "id"), related=("unit", "liaison"),
    form=form_for(Enterprise, FIELDS), writes=WRITES, spec=SPEC, page="economy:enterprise_detail",
))

# The other registers' declarations, one module each (autodiscovery imports this module only).
from luoshi.economy import ledgers_farms, ledgers_income, ledgers_talent  # noqa: E402, F401
