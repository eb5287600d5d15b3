"""What a 问题整改台账 workbook may hold: the import spec of the problems ledger (`supervision/ledgers.py`)
and the written words for a problem's state.

Field names follow the ``luoshi import`` JSON contract in DESIGN.md; synonyms are the header wordings
seen in township workbooks. The columns every ledger shares (责任领导 … 备注) come from
`exchange.shared_fields`. A module of its own, beside the declaration, so that the reader's tests read
the spec without loading the ledger engine.
"""

from luoshi.exchange.shared_fields import CO_UNITS, DEADLINE, LEAD_UNIT, LEADER, NOTE, OWNER
from luoshi.exchange.spec import FieldSpec, LedgerSpec
from luoshi.supervision.models import ProblemStatus as S

__all__ = ["PROBLEMS_SPEC", "STATUS_WORDS"]

# Written status → the Problem state machine of GLOSSARY.md (found → assigned → rectifying → closing →
# closed, or returned), beyond the model's own labels (待交办, 已交办, 整改中, 申请销号, 已销号, 已退回).
_SYNONYMS = {
    S.FOUND: ["待整改", "未整改", "未开始", "新发现", "已发现", "未启动", "尚未启动", "尚未整改"],
    S.ASSIGNED: ["已分派", "已转办"],
    S.RECTIFYING: ["正在整改", "推进中", "正在推进", "持续整改", "长期整改", "持续推进", "部分整改", "基本完成", "未完成",
                   "办理中", "正在办理", "落实中", "处理中",
                   "否"],  # under "是否整改到位"
    S.CLOSING: ["待销号", "待验收", "销号中"],
    S.CLOSED: ["已整改", "已完成", "已办结", "完成", "整改完成", "整改完毕", "整改到位", "已解决", "已化解", "已落实",
               "已处理",
               "是"],  # under "是否整改到位"
    S.RETURNED: ["退回重改"],
}
# The model's labels first: they are what the platform exports (so an exported ledger imports again),
# the template's dropdown offers and an unreadable cell's message lists. The codes are accepted too.
STATUS_WORDS = {str(label): value for value, label in S.choices} | {
    word: state.value for state, words in _SYNONYMS.items() for word in words}

PROBLEMS_SPEC = LedgerSpec(
    name="problems",
    label="问题整改台账",
    section_field="category",
    grouped_field="problem",
    fields=[
        FieldSpec("category", "问题类别", ["问题类别", "问题类型", "类别", "类型", "领域", "板块", "问题来源"]),
        FieldSpec(
            "problem",
            "问题描述",
            ["问题描述", "存在问题", "问题内容", "具体问题", "问题清单", "问题表现", "反映问题", "问题"],
            required=True,
        ),
        FieldSpec("measures", "整改措施", ["整改措施", "整改举措", "整改方案", "工作措施", "具体措施", "措施"]),
        LEADER,
        LEAD_UNIT,
        CO_UNITS,
        OWNER,
        DEADLINE,
        FieldSpec(
            "status",
            "整改状态",
            [  # structured wordings first: beside them, a narrative progress column is not the status
                "整改状态",
                "是否整改到位",
                "是否完成整改",
                "是否整改完成",
                "是否销号",
                "办理状态",
                "状态",
                "整改进展",
                "完成情况",
                "整改情况",
                "办理情况",
                "进展情况",
            ],
            kind="choice",
            choices=STATUS_WORDS,
        ),
        FieldSpec("evidence", "佐证材料", ["佐证材料", "整改佐证", "销号依据", "佐证", "证明材料"]),
        NOTE,
    ],
)
