"""What a 任务分解表 workbook may hold: the import spec of the tasks ledger (`plans/ledgers.py`).

Field names follow the ``luoshi import`` JSON contract in DESIGN.md; synonyms are the header wordings
seen in township workbooks, most specific first. The columns every ledger shares (责任领导, 牵头单位,
配合单位, 责任人, 完成时限, 备注) come from `exchange.shared_fields`. Add a wording here, not in the
reader. A module of its own, beside the declaration, so that the reader's tests and benchmarks read
the spec without loading the ledger engine.
"""

from luoshi.exchange.shared_fields import CO_UNITS, DEADLINE, LEAD_UNIT, LEADER, NOTE, OWNER
from luoshi.exchange.spec import FieldSpec, LedgerSpec

__all__ = ["TASKS_SPEC"]

TASKS_SPEC = LedgerSpec(
    name="tasks",
    label="任务分解表",
    section_field="line",
    grouped_field="task",
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
                "工作事项",
                "任务事项",
                "具体事项",
                "承诺事项",
                "实事项目",
                "重点项目",
                "项目名称",
                "工作重点",
                "主要内容",
                "事项",
            ],
            required=True,
        ),
        FieldSpec(
            "requirement",
            "工作要求",
            [
                "工作要求",
                "目标要求",
                "完成标准",
                "具体要求",
                "工作目标",
                "工作标准",
                "年度目标",
                "完成目标",
                "任务目标",
                "建设内容",
                "工作措施",
                "主要措施",
                "具体措施",
                "推进措施",
                "工作举措",
                "目标",
            ],
        ),
        LEADER,
        LEAD_UNIT,
        CO_UNITS,
        OWNER,
        DEADLINE,
        NOTE,
    ],
)
