"""What the people registers' workbooks may hold: the import specs of the 帮扶户台账, its members and
its measures (`people/ledgers.py`), with the header wordings seen in township sheets, most specific
first. The county's workbook vocabulary, read on import and written on templates: not translated."""

from luoshi.exchange.shared_fields import NOTE
from luoshi.exchange.spec import FieldSpec, LedgerSpec
from luoshi.people.models import BenefitKind, Category

__all__ = ["BENEFIT_SPEC", "HOUSEHOLD_SPEC", "MEMBER_SPEC"]

CATEGORY_WORDS = {str(label): value for value, label in Category.choices} | {
    "一般脱贫户": "lifted", "脱贫不稳定": "unstable", "边缘户": "edge", "边缘易致贫": "edge", "严重困难户": "hardship"}
BENEFIT_WORDS = {str(label): value for value, label in BenefitKind.choices} | {
    "雨露": "yulu", "危改": "housing", "防贫保险": "insurance", "孝善": "filial", "分红": "dividend",
    "收益分红": "dividend", "产业扶贫收益分红": "dividend"}
ID_WORDS = ["户主身份证号", "身份证号码", "身份证号", "证件号码", "身份证"]
PHONE_WORDS = ["联系电话", "手机号码", "电话", "联系方式"]
HOUSEHOLD = FieldSpec("household", "帮扶户", ["户主姓名", "户主", "帮扶户", "姓名"], required=True)

HOUSEHOLD_SPEC = LedgerSpec(name="households", label="帮扶户台账", fields=[
    FieldSpec("head_name", "户主姓名", ["户主姓名", "户主", "姓名"], required=True),
    FieldSpec("head_id_card", "户主身份证号", ID_WORDS),
    FieldSpec("phone", "联系电话", PHONE_WORDS),
    FieldSpec("village", "所属村", ["所属村", "村别", "村名", "行政村", "村"], required=True),
    FieldSpec("category", "户类别", ["户类别", "类别", "户属性", "户类型"], kind="choice", choices=CATEGORY_WORDS),
    FieldSpec("size", "家庭人口", ["家庭人口", "人口数", "人口", "家庭人数"], kind="number"),
    FieldSpec("cadre", "帮扶干部", ["帮扶干部", "帮扶责任人", "包户干部", "帮扶人"]),
    FieldSpec("office", "扶贫办", ["扶贫办", "负责机构"]),
    NOTE,
])

MEMBER_SPEC = LedgerSpec(name="household-members", label="家庭成员", fields=[
    HOUSEHOLD,
    FieldSpec("name", "成员姓名", ["成员姓名", "家庭成员", "成员"], required=True),
    FieldSpec("relation", "与户主关系", ["与户主关系", "关系"]),
    FieldSpec("id_card", "身份证号", ["身份证号", "身份证号码", "证件号码"]),
    FieldSpec("phone", "联系电话", PHONE_WORDS),
    NOTE,
])

BENEFIT_SPEC = LedgerSpec(name="household-benefits", label="帮扶措施与收益", fields=[
    HOUSEHOLD,
    FieldSpec("kind", "帮扶措施", ["帮扶措施", "措施", "项目", "享受政策"], kind="choice", choices=BENEFIT_WORDS,
              required=True),
    FieldSpec("amount", "金额（元）", ["金额（元）", "金额", "补助金额", "收益"], kind="number"),
    FieldSpec("received_on", "享受日期", ["享受日期", "发放日期", "日期"], kind="deadline", required=True),
    NOTE,
])
