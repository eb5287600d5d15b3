"""What the party registers' workbooks may hold: the import specs of 党员发展全程纪实 (a branch's roster of
入党申请人), 纪律案件 (纪委's case list) and 表彰, and the written words for their choices. The county's workbook vocabulary, read on
import and written on templates; not translated (as `economy/specs.py`)."""

from luoshi.exchange.shared_fields import NOTE
from luoshi.exchange.spec import FieldSpec, LedgerSpec
from luoshi.party.models import CaseSource, CaseStatus, Gender, HonourKind, HonourStatus, Sanction

__all__ = ["CASES_SPEC", "HONOURS_SPEC", "PATHS_SPEC"]


def _date(name: str, label: str, synonyms: list[str]) -> FieldSpec:
    return FieldSpec(name, label, synonyms, kind="deadline")


GENDER_WORDS = {str(label): value for value, label in Gender.choices} | {"男性": "male", "女性": "female"}

PATHS_SPEC = LedgerSpec(name="party-paths", label="入党申请人登记表", fields=[
    FieldSpec("name", "姓名", ["姓名", "申请人姓名", "申请人"], required=True),
    FieldSpec("gender", "性别", ["性别"], kind="choice", choices=GENDER_WORDS),
    _date("birth_date", "出生日期", ["出生日期", "出生年月", "出生年月日"]),
    FieldSpec("id_card", "身份证号", ["身份证号", "身份证号码", "公民身份号码", "身份证"]),
    FieldSpec("phone", "联系电话", ["联系电话", "电话", "手机号码", "联系方式", "手机"]),
    FieldSpec("branch", "所在党支部（村）", ["所在党支部（村）", "所在党支部", "党支部", "支部", "所在村", "村居"], required=True),
    _date("applied_on", "递交申请书日期", ["递交申请书日期", "申请入党时间", "递交入党申请书时间", "申请时间", "申请日期"]),
    FieldSpec("introducers", "入党介绍人", ["入党介绍人", "介绍人", "培养联系人"]),
    NOTE,
])

def _words(choices, **more: str) -> dict[str, str]:
    return {str(label): value for value, label in choices} | more


YES_NO = {"是": "true", "√": "true", "否": "false", "×": "false"}
SANCTION_WORDS = _words(Sanction.choices, 党内警告="warning", 党内严重警告="serious_warning",
                        撤销党内职务处分="removal", 留党察看处分="probation", 开除党籍处分="expulsion",
                        诫勉谈话="admonition", 通报批评="circular")
SOURCE_WORDS = _words(CaseSource.choices, 信访="petition", 举报="petition", 上级转办="assigned", 巡察="inspection",
                      审计="audit", 日常监督="supervision")
CASE_STATUS_WORDS = _words(CaseStatus.choices, 初核="verifying", 核实中="verifying", 立案="filed", 审查中="filed",
                           审理="trial", 审理中="trial", 结案="closed", 办结="closed", 不予立案="dropped", 了结="dropped")

# A 纪委 case list as the county's 案件台账 words it; 授权查阅人 are named on the case's page, not imported.
CASES_SPEC = LedgerSpec(name="discipline-cases", label="纪律审查案件台账", fields=[
    FieldSpec("name", "被审查人", ["被审查人", "被审查调查人", "姓名", "当事人"], required=True),
    FieldSpec("unit", "所在单位", ["所在单位", "单位", "工作单位", "所在村（单位）", "村居"], required=True),
    FieldSpec("post", "职务", ["职务", "现任职务", "职务职级"]),
    FieldSpec("is_cadre", "村（镇）干部", ["村（镇）干部", "是否干部", "是否村干部"], kind="choice", choices=YES_NO),
    FieldSpec("id_card", "身份证号", ["身份证号", "身份证号码", "公民身份号码"]),
    FieldSpec("phone", "联系电话", ["联系电话", "电话", "手机号码"]),
    FieldSpec("facts", "问题线索及违纪事实", ["问题线索及违纪事实", "违纪事实", "主要问题", "问题线索", "简要案情"],
              required=True),
    FieldSpec("source", "线索来源", ["线索来源", "来源", "案件来源"], kind="choice", choices=SOURCE_WORDS),
    FieldSpec("received_on", "受理日期", ["受理日期", "受理时间", "收到线索日期"], kind="deadline", required=True),
    _date("filed_on", "立案日期", ["立案日期", "立案时间"]),
    FieldSpec("sanction", "处分（处理）", ["处分（处理）", "处分种类", "处理结果", "处分结果", "处分"], kind="choice",
              choices=SANCTION_WORDS),
    _date("decided_on", "处分决定日期", ["处分决定日期", "处分日期", "决定日期", "结案日期"]),
    FieldSpec("decision_no", "处分决定文号", ["处分决定文号", "决定文号", "文号"]),
    FieldSpec("status", "办理状态", ["办理状态", "状态", "案件状态", "办理进度"], kind="choice",
              choices=CASE_STATUS_WORDS),
    NOTE,
])

HONOUR_KIND_WORDS = {str(label): value for value, label in HonourKind.choices} | {
    "集体": "collective", "个人": "individual", "先进单位": "collective"}
HONOUR_STATUS_WORDS = {str(label): value for value, label in HonourStatus.choices} | {
    "拟表彰": "proposed", "推荐": "proposed", "已表彰": "awarded", "表彰": "awarded"}

HONOURS_SPEC = LedgerSpec(name="honours", label="表彰名单", fields=[
    FieldSpec("year", "年度", ["年度", "年份", "表彰年度"], kind="number", required=True),
    FieldSpec("kind", "类别", ["类别", "表彰类别", "类型"], kind="choice", choices=HONOUR_KIND_WORDS, required=True),
    FieldSpec("title", "荣誉称号", ["荣誉称号", "称号", "表彰项目", "奖项"], required=True),
    FieldSpec("unit", "单位", ["单位", "所在单位", "集体名称", "工作单位", "村（单位）"], required=True),
    FieldSpec("person_name", "姓名", ["姓名", "个人姓名"]),
    FieldSpec("post", "职务", ["职务", "现任职务"]),
    FieldSpec("deeds", "主要事迹", ["主要事迹", "事迹", "先进事迹"]),
    FieldSpec("status", "状态", ["状态"], kind="choice", choices=HONOUR_STATUS_WORDS),
    FieldSpec("decision_title", "表彰决定", ["表彰决定", "决定名称"]),
    FieldSpec("decision_no", "决定文号", ["决定文号", "文号", "发文字号"]),
    _date("decided_on", "决定日期", ["决定日期", "表彰日期", "发文日期"]),
])
