"""What the economy registers' workbooks may hold: the import specs of the 企业台账, 村级集体经济收入台账,
合作社与家庭农场, 村合作社实质化运营, 引进人才台账, 人才库, 订单式培养 and 招商引资 ledgers
(`economy/ledgers*.py`, `economy/project_ledger.py`), and the written words for their choices.

Field names follow the ``luoshi import`` JSON contract in DESIGN.md; synonyms are the header wordings
seen in township workbooks, most specific first. The columns every ledger shares (备注 …) come from
`exchange.shared_fields`. Add a wording here, not in the reader. A module of its own, beside the
declarations, as `plans/specs.py` and `supervision/specs.py`: the county's workbook vocabulary, read on
import and written on templates, so a template imports unchanged; it is not translated.
"""

from luoshi.economy.models import EnterpriseStatus, LeadSource, ProjectStage
from luoshi.economy.models_farms import FarmKind, FarmLevel
from luoshi.economy.models_income import IncomeSource
from luoshi.economy.models_talent import Degree, EngagementKind, FlexibleMode, TalentKind
from luoshi.exchange.shared_fields import NOTE
from luoshi.exchange.spec import FieldSpec, LedgerSpec

__all__ = [
    "CLASS_SPEC", "ENGAGEMENT_SPEC", "ENTERPRISES_SPEC", "FARM_SPEC", "INCOME_SPEC", "OPERATION_SPEC", "PROJECTS_SPEC",
    "TALENT_SPEC",
]

# -- 企业台账 --------------------------------------------------------------------------------------------
ENTERPRISE_STATUS_WORDS = {str(label): value for value, label in EnterpriseStatus.choices} | {
    "正常": "normal", "生产": "normal", "停工": "stopped", "复工": "resumed", "达产": "full"}

ENTERPRISES_SPEC = LedgerSpec(name="enterprises", label="企业台账", fields=[
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
              choices=ENTERPRISE_STATUS_WORDS),
    FieldSpec("status_date", "状态日期", ["状态日期", "复工日期", "复工时间", "停产时间", "达产时间"], kind="deadline"),
    FieldSpec("employees", "从业人数", ["从业人数", "职工人数", "员工人数", "用工人数"], kind="number"),
    NOTE,
])


# -- 村级集体经济收入台账 -------------------------------------------------------------------------------
INCOME_SOURCE_WORDS = {str(label): value for value, label in IncomeSource.choices} | {
    "荒片坑塘": "pond", "坑塘发包": "pond", "坑塘": "pond", "荒片": "pond", "土地发包": "contract", "发包": "contract",
    "承包费": "contract", "承包": "contract", "股金分红": "dividend", "入股": "dividend", "分红": "dividend",
    "服务": "service", "租赁": "lease", "出租": "lease", "房屋租赁": "lease", "其他": "other"}

INCOME_SPEC = LedgerSpec(name="collective-income", label="村级集体经济收入台账", fields=[
    FieldSpec("village", "村", ["村名", "村", "村居", "所在村", "行政村", "村庄", "村别", "单位名称", "单位"], required=True),
    FieldSpec("year", "年度", ["年度", "年份", "所属年度"], kind="number"),
    FieldSpec("source", "收入来源", ["收入来源", "收入类别", "收入类型", "收入种类", "来源", "类别"], kind="choice",
              choices=INCOME_SOURCE_WORDS, required=True),
    FieldSpec("item", "收入项目", ["收入项目", "项目名称", "收入内容", "项目", "摘要", "事项"], required=True),
    FieldSpec("amount", "金额（万元）", ["金额", "收入金额", "本年收入", "收入", "金额万元"], kind="number", required=True),
    FieldSpec("received_on", "入账日期", ["入账日期", "入账时间", "到账日期", "到账时间", "收款日期", "日期"],
              kind="deadline"),
    FieldSpec("payer", "交款方", ["交款方", "交款单位", "承包方", "承包人", "承租方", "付款方"]),
    FieldSpec("evidence", "佐证材料", ["佐证材料", "佐证", "凭证号", "合同编号", "收据号", "凭证"]),
    NOTE,
])


# -- 合作社与家庭农场 ----------------------------------------------------------------------------------
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


# -- 村合作社实质化运营 --------------------------------------------------------------------------------
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


# -- 人才 (the columns the talent registers share) ----------------------------------------------------
DEGREE_WORDS = {str(label): value for value, label in Degree.choices} | {
    "博士研究生": "doctor", "研究生": "master", "硕士研究生": "master", "大学本科": "bachelor", "学士": "bachelor",
    "专科": "college", "大学专科": "college", "高职": "college", "中专": "other", "高中": "other", "初中": "other"}
DEGREE = FieldSpec("degree", "学历", ["学历", "最高学历", "文化程度", "学历学位"], kind="choice", choices=DEGREE_WORDS)
ID_CARD = FieldSpec("id_card", "身份证号", ["身份证号", "身份证号码", "公民身份号码", "身份证"])
UNIT = FieldSpec("unit", "所在镇村", ["所在镇村", "所在村", "所属村居", "镇村"])


# -- 引进人才台账 ------------------------------------------------------------------------------------
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


# -- 人才库 ------------------------------------------------------------------------------------------
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


# -- 订单式培养 --------------------------------------------------------------------------------------
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


# -- 招商引资 (项目与线索) ---------------------------------------------------------------------------
_STAGE_SYNONYMS = {
    ProjectStage.LEAD: ["线索", "初步接触", "意向", "有意向", "信息", "初步对接", "储备"],
    ProjectStage.TALKING: ["在谈", "洽谈", "洽谈中", "正在洽谈", "对接中", "在洽谈", "商谈中", "考察", "已考察"],
    ProjectStage.SIGNED: ["签约", "已签约", "签订合同", "已签合同", "落地", "已落地", "已注册"],
    ProjectStage.STARTED: ["开工", "已开工", "在建", "建设中", "开工建设", "正在建设", "施工中"],
    ProjectStage.PRODUCING: ["投产", "已投产", "竣工投产", "试生产", "达产", "运营", "已运营"],
    ProjectStage.DROPPED: ["终止", "已终止", "放弃", "已放弃", "搁置", "不再跟进"],
}
PROJECT_STAGE_WORDS = {str(label): value for value, label in ProjectStage.choices} | {
    word: stage.value for stage, words in _STAGE_SYNONYMS.items() for word in words}
PROJECT_SOURCE_WORDS = {str(label): value for value, label in LeadSource.choices} | {
    "联络处": LeadSource.LIAISON_OFFICE, "招商联络处推介": LeadSource.LIAISON_OFFICE, "驻外联络处": LeadSource.LIAISON_OFFICE,
    "在外人士推介": LeadSource.NATIVE, "在外能人": LeadSource.NATIVE, "乡贤": LeadSource.NATIVE, "新乡贤": LeadSource.NATIVE,
    "以商引商": LeadSource.BUSINESS, "企业推介": LeadSource.BUSINESS, "上级": LeadSource.SUPERIOR,
    "县级推介": LeadSource.SUPERIOR, "县招商局推介": LeadSource.SUPERIOR}


def _date(name: str, label: str, synonyms: list[str]) -> FieldSpec:
    return FieldSpec(name, label, synonyms, kind="deadline")


PROJECTS_SPEC = LedgerSpec(name="projects", label="招商引资项目台账", fields=[
    FieldSpec("name", "项目名称", ["项目名称", "项目", "招商项目", "线索名称", "项目（线索）名称"], required=True),
    FieldSpec("investor", "投资方", ["投资方", "投资主体", "投资企业", "投资商", "客商", "企业名称", "投资人"]),
    FieldSpec("industry", "所属产业", ["所属产业", "产业类别", "所属行业", "行业", "产业", "建设内容", "项目类别"]),
    FieldSpec("source", "线索来源", ["线索来源", "信息来源", "来源", "来源渠道"], kind="choice", choices=PROJECT_SOURCE_WORDS),
    FieldSpec("introducer", "信息提供人", ["信息提供人", "提供人", "引荐人", "推介人", "介绍人", "信息员"]),
    FieldSpec("stage", "项目阶段", ["项目阶段", "目前进展", "项目进展", "进展情况", "推进情况", "所处阶段", "项目状态",
                                 "当前阶段"], kind="choice", choices=PROJECT_STAGE_WORDS),
    FieldSpec("amount", "计划投资（万元）", ["计划投资", "总投资", "拟投资额", "投资额", "计划总投资", "投资规模", "协议投资"],
              kind="number"),
    FieldSpec("invested", "实际完成投资（万元）", ["实际完成投资", "已完成投资", "累计完成投资", "完成投资", "到位资金"],
              kind="number"),
    _date("lead_date", "获得线索日期", ["获得线索日期", "获取时间", "线索时间", "获取信息时间", "登记日期", "登记时间", "接触时间"]),
    _date("talks_date", "洽谈日期", ["洽谈日期", "洽谈时间", "首次洽谈"]),
    _date("signed_date", "签约日期", ["签约日期", "签约时间", "签约"]),
    _date("started_date", "开工日期", ["开工日期", "开工时间", "开工"]),
    _date("producing_date", "投产日期", ["投产日期", "投产时间", "投产"]),
    FieldSpec("place", "所在村（园区）", ["所在村（园区）", "所在村", "项目地点", "落户地点", "拟落户地点", "建设地点", "选址",
                                    "所在村居", "项目位置"], required=True),
    FieldSpec("leader", "跟进领导", ["跟进领导", "包保领导", "责任领导", "分管领导", "联系领导", "帮包领导"]),
    FieldSpec("lead_unit", "跟进部门", ["跟进部门", "责任部门", "责任单位", "牵头单位", "服务专班", "跟进单位"]),
    NOTE,
])
