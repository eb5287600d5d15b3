"""Workbooks and data for ledger tests: a township's 问题整改台账 and 任务分解表, row by row."""

from __future__ import annotations

from pathlib import Path

import openpyxl

PROBLEM_HEADER = ["序号", "问题类别", "存在问题", "整改措施", "责任领导", "责任单位", "配合单位", "整改责任人",
                  "整改时限", "整改进展", "备注"]
TASK_HEADER = ["序号", "工作专线", "工作任务", "工作要求", "责任领导", "牵头单位", "配合单位", "责任人", "完成时限", "备注"]


def problem_row(n: int, unit: str = "路村", *, status: str = "整改中", deadline: object = "2024年6月底",
                owner: str | None = None, co_units: str | None = None, problem: str | None = None) -> list:
    return [n, "人居环境", problem or f"第{n}处垃圾堆放点未清理", "限期清理并建立长效机制", None, unit, co_units,
            owner, deadline, status, None]


def task_row(n: int, unit: str = "经济发展办公室", *, line: str = "经济发展专线", deadline: object = "2024年9月底",
             title: str | None = None) -> list:
    return [n, line, title or f"第{n}项重点任务", "按期保质完成", None, unit, None, None, deadline, None]


def workbook(path: Path, header: list, rows: list[list], *, title: str = "××镇2024年问题整改台账",
             sheet: str = "台账") -> Path:
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path

