"""The columns most township ledgers share: who leads (责任领导), which unit leads (牵头单位) and
helps (配合单位), who answers for it (责任人), by when (完成时限) and remarks (备注).

They name no domain, so any ledger's spec may take them as building blocks; a ledger's own fields,
and the words of its choices (read from its model's labels), sit beside its declaration
(`plans/specs.py`, `supervision/specs.py`, `economy/ledgers.py`). Synonyms are the header wordings
seen in township workbooks, most specific first. Add a wording here, not in the reader.
"""

from .spec import FieldSpec

__all__ = ["CO_UNITS", "DEADLINE", "LEAD_UNIT", "LEADER", "NOTE", "OWNER"]

LEADER = FieldSpec("leader", "责任领导", ["责任领导", "分管领导", "包保领导", "牵头领导", "联系领导", "镇级领导", "县级领导",
                                         "包村领导"])
LEAD_UNIT = FieldSpec(
    "lead_unit",
    "牵头单位",
    [
        "牵头单位",
        "责任单位",
        "主责单位",
        "牵头部门",
        "责任部门",
        "主办单位",
        "承办单位",
        "实施单位",
        "整改单位",
        "牵头科室",
        "责任科室",
        "责任站所",
        "责任主体",
        "牵头",
        "主责",
    ],
    required=True,
    spill="co_units",
)
CO_UNITS = FieldSpec(
    "co_units",
    "配合单位",
    ["配合单位", "协办单位", "参与单位", "配合部门", "协同单位", "协助单位", "协办部门", "配合科室", "配合", "协办", "协同"],
    kind="list",
)
OWNER = FieldSpec(
    "owner", "责任人", ["责任人", "具体责任人", "整改责任人", "具体负责人", "负责人", "经办人", "联系人"]
)
DEADLINE = FieldSpec(
    "deadline",
    "完成时限",
    [
        "完成时限",
        "完成时间",
        "时间节点",
        "办结时限",
        "整改时限",
        "完成期限",
        "时限要求",
        "整改期限",
        "办结时间",
        "整改时间",
        "截止时间",
        "完成日期",
        "截止日期",
        "时间要求",
        "时间安排",
        "进度安排",
        "进度要求",
        "时限",
    ],
    required=True,
    kind="deadline",
)
NOTE = FieldSpec("note", "备注", ["备注", "说明"])
