"""The ready-made specs of the two ledgers ``luoshi import`` knows: tasks and problems.

Field names follow the ``luoshi import`` JSON contract in DESIGN.md; synonyms are the
header wordings seen in township workbooks. Add a wording here, not in the reader.
"""

from .spec import FieldSpec, LedgerSpec

__all__ = ["PROBLEMS_SPEC", "PROBLEM_STATUS_CHOICES", "TASKS_SPEC"]

_LEADER = FieldSpec("leader", "责任领导", ["责任领导", "分管领导", "包保领导", "牵头领导", "联系领导", "镇级领导"])
_LEAD_UNIT = FieldSpec(
    "lead_unit",
    "牵头单位",
    ["牵头单位", "责任单位", "主责单位", "牵头部门", "责任部门", "主办单位", "整改单位"],
    required=True,
)
_CO_UNITS = FieldSpec(
    "co_units",
    "配合单位",
    ["配合单位", "协办单位", "参与单位", "配合部门", "协同单位", "协助单位"],
    kind="list",
)
_OWNER = FieldSpec("owner", "责任人", ["责任人", "具体责任人", "联系人", "经办人", "整改责任人"])
_DEADLINE = FieldSpec(
    "deadline",
    "完成时限",
    ["完成时限", "完成时间", "时间节点", "办结时限", "整改时限", "完成期限", "时限要求", "整改期限", "时限"],
    required=True,
    kind="deadline",
)
_NOTE = FieldSpec("note", "备注", ["备注", "说明"])

TASKS_SPEC = LedgerSpec(
    name="tasks",
    label="任务分解表",
    section_field="line",
    fields=[
        FieldSpec("line", "工作专线", ["工作专线", "工作条线", "类别", "板块", "专线", "条线", "工作类别", "工作板块"]),
        FieldSpec(
            "task",
            "工作任务",
            [
                "工作任务",
                "重点任务",
                "任务内容",
                "具体任务",
                "工作内容",
                "目标任务",
                "任务名称",
                "主要任务",
                "重点工作",
            ],
            required=True,
        ),
        FieldSpec(
            "requirement",
            "工作要求",
            ["工作要求", "目标要求", "完成标准", "具体要求", "工作目标", "工作标准", "目标"],
        ),
        _LEADER,
        _LEAD_UNIT,
        _CO_UNITS,
        _OWNER,
        _DEADLINE,
        _NOTE,
    ],
)

# Written status → the Problem state machine of GLOSSARY.md (found → assigned →
# rectifying → closing → closed, or returned). The labels the platform exports and the codes
# themselves are accepted as well, so an exported ledger imports again.
PROBLEM_STATUS_CHOICES = {
    "待整改": "found",
    "未整改": "found",
    "未开始": "found",
    "新发现": "found",
    "已发现": "found",
    "待交办": "found",
    "已交办": "assigned",
    "已分派": "assigned",
    "已转办": "assigned",
    "整改中": "rectifying",
    "正在整改": "rectifying",
    "推进中": "rectifying",
    "正在推进": "rectifying",
    "待销号": "closing",
    "待验收": "closing",
    "申请销号": "closing",
    "销号中": "closing",
    "已销号": "closed",
    "已整改": "closed",
    "已完成": "closed",
    "已办结": "closed",
    "完成": "closed",
    "整改完成": "closed",
    "已退回": "returned",
    "退回重改": "returned",
}

PROBLEMS_SPEC = LedgerSpec(
    name="problems",
    label="问题整改台账",
    section_field="category",
    fields=[
        FieldSpec("category", "问题类别", ["问题类别", "问题类型", "类别", "类型", "领域", "板块", "问题来源"]),
        FieldSpec(
            "problem",
            "问题描述",
            ["问题描述", "存在问题", "问题内容", "具体问题", "问题清单", "问题表现", "反映问题", "问题"],
            required=True,
        ),
        FieldSpec("measures", "整改措施", ["整改措施", "整改举措", "整改方案", "工作措施", "具体措施", "措施"]),
        _LEADER,
        _LEAD_UNIT,
        _CO_UNITS,
        _OWNER,
        _DEADLINE,
        FieldSpec(
            "status",
            "整改状态",
            ["整改状态", "整改进展", "完成情况", "整改情况", "状态", "进展情况"],
            kind="choice",
            choices=PROBLEM_STATUS_CHOICES,
        ),
        FieldSpec("evidence", "佐证材料", ["佐证材料", "整改佐证", "销号依据", "佐证", "证明材料"]),
        _NOTE,
    ],
)
