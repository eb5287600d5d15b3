"""What the emergency registers' workbooks may hold: the import specs of the 返乡人员, 居家隔离, 卡口和重点场所
and 值班表 ledgers, and of a list to reconcile the returnees with (a county's list, a check-in sheet).

The county's workbook vocabulary, read on import and written on templates; it is not translated.
Synonyms are the header wordings seen in township workbooks, most specific first."""

from luoshi.emergency.models import HealthStatus, PlaceKind
from luoshi.exchange.shared_fields import NOTE
from luoshi.exchange.spec import FieldSpec, LedgerSpec

__all__ = ["DISINFECTION_SPEC", "ISOLATION_SPEC", "LIST_SPEC", "PLACE_SPEC", "RETURNEE_SPEC", "SHIFT_SPEC"]

NAME = FieldSpec("name", "姓名", ["姓名", "人员姓名", "返乡人员姓名", "名字"], required=True)
ID_CARD = FieldSpec("id_card", "身份证号", ["身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"])
PHONE = FieldSpec("phone", "联系电话", ["联系电话", "电话", "手机号码", "联系方式", "手机"])
VILLAGE = FieldSpec("village", "所属村", ["所属村", "所在村", "村居", "村名", "村"], required=True)
CAME_FROM = FieldSpec("came_from", "从何地返回", ["从何地返回", "返乡前所在地", "来源地", "从何处返回", "出发地", "来自"])

RETURNEE_SPEC = LedgerSpec(name="returnees", label="返乡人员台账", fields=[
    NAME, ID_CARD, PHONE, VILLAGE,
    FieldSpec("group", "村民小组", ["村民小组", "小组", "组"]),
    CAME_FROM,
    FieldSpec("arrived_on", "返乡日期", ["返乡日期", "返乡时间", "抵达日期", "到达时间", "返回日期"], kind="deadline"),
    FieldSpec("reported_on", "到村报到日期", ["到村报到日期", "报到日期", "报到时间", "到村报到"], kind="deadline"),
    FieldSpec("address", "现住址", ["现住址", "住址", "居住地址", "家庭住址"]),
    NOTE,
])

# a list to reconcile with: the county's list or a village's check-in sheet; only the ID number is needed
LIST_SPEC = LedgerSpec(name="returnee-list", label="返乡人员名单", fields=[
    FieldSpec("name", "姓名", NAME.synonyms),
    FieldSpec("id_card", "身份证号", ID_CARD.synonyms, required=True),
    FieldSpec("village", "所属村", VILLAGE.synonyms),
    CAME_FROM, PHONE,
])

ISOLATION_SPEC = LedgerSpec(name="isolations", label="居家隔离台账", fields=[
    NAME, ID_CARD, PHONE, VILLAGE,
    FieldSpec("address", "隔离地址", ["隔离地址", "居住地址", "住址"]),
    FieldSpec("starts_on", "隔离开始", ["隔离开始", "开始隔离日期", "隔离开始日期", "隔离起始日期"], kind="deadline"),
    FieldSpec("ends_on", "计划解除", ["计划解除", "计划解除日期", "解除隔离日期", "隔离截止日期"], kind="deadline"),
    FieldSpec("watcher", "包保人", ["包保人", "包保干部", "责任人", "网格员"], required=True),
    NOTE,
])

PLACE_WORDS = {str(label): value for value, label in PlaceKind.choices} | {"检查站": "checkpoint", "场所": "key_place"}
PLACE_SPEC = LedgerSpec(name="duty-places", label="卡口和重点场所", fields=[
    FieldSpec("name", "名称", ["名称", "卡口名称", "场所名称", "点位名称"], required=True),
    FieldSpec("kind", "类别", ["类别", "类型", "点位类别"], kind="choice", choices=PLACE_WORDS, required=True),
    FieldSpec("unit", "所在镇村", ["所在镇村", "所在村", "所属村居", "镇村"], required=True),
    FieldSpec("address", "位置", ["位置", "地址", "具体位置"]),
    NOTE,
])

SHIFT_SPEC = LedgerSpec(name="shifts", label="值班表", fields=[
    FieldSpec("place", "值守点位", ["值守点位", "卡口", "场所", "点位", "值班地点"], required=True),
    FieldSpec("day", "日期", ["日期", "值班日期"], kind="deadline", required=True),
    FieldSpec("starts_at", "开始时间", ["开始时间", "上岗时间", "起"], required=True),
    FieldSpec("ends_at", "结束时间", ["结束时间", "下岗时间", "止"], required=True),
    FieldSpec("person", "值班人员", ["值班人员", "值班人", "值守人员", "姓名"], required=True),
    FieldSpec("note", "备注", NOTE.synonyms),
])

# A key place's paper 消杀记录表: the day and the time in two columns, or both in the 日期 cell (read as text
# so a date-and-time cell keeps its time; `emergency.ledgers` reads the date in it as a deadline cell is read).
DISINFECTION_SPEC = LedgerSpec(name="disinfections", label="消杀记录表", fields=[
    FieldSpec("place", "场所", ["场所", "重点场所", "消杀场所", "点位", "地点"], required=True),
    FieldSpec("done_on", "日期", ["日期", "消杀日期", "消杀时间"], required=True),
    FieldSpec("time", "时间", ["时间", "时刻", "具体时间"]),
    FieldSpec("done_by", "消杀人员", ["消杀人员", "消杀人", "操作人员", "责任人", "签名"], required=True),
    FieldSpec("area", "消杀部位", ["消杀部位", "消杀区域", "部位", "区域"]),
    FieldSpec("agent", "消毒剂和方式", ["消毒剂和方式", "消毒剂", "消毒方式", "药品及浓度", "使用药品"], required=True),
    NOTE,
])

HEALTH_WORDS = {str(label): value for value, label in HealthStatus.choices}
