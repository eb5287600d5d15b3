"""How long ``read_workbook`` takes on a 10,000-row 任务分解表, next to openpyxl's plain read.

Run by hand from the repository root (results go to benchmarks/RESULTS.md):

    .venv/bin/python benchmarks/workbook_parse.py [--rows 10000] [--repeat 3]

The workbook is built in a temporary directory the way townships keep it: a merged
title, an info row, a two-row header with merged cells, 工作专线 and 责任领导 merged down
blocks of rows, real date cells and text deadlines. The baseline is openpyxl loading the
same file (read_only=False, as merged cells need) and iterating every value; read_only=True
is printed too. The target is read_workbook (upload check included) within 2× the
baseline. Nothing here asserts a time: numbers are for people.
"""

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["序号", "工作专线", "工作任务", "工作要求", "责任领导", "责任主体", None, None, "完成时限", "备注"]
SUBHEADER = [None, None, None, None, None, "牵头单位", "配合单位", "责任人", None, None]
DEADLINES = ["2024年6月底", "第三季度", "长期坚持", "每月", "年底前", "上半年完成选址，12月底建成"]
BLOCK = 20  # rows per merged 工作专线 block


def build(path: Path, rows: int) -> Path:
    """A realistic task breakdown workbook with ``rows`` data rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务分解"
    sheet.append(["××镇2024年重点工作任务分解表"])
    sheet.append(["填报单位：××镇党政办", None, None, None, None, None, "日期：2024年1月5日"])
    sheet.append(HEADER)
    sheet.append(SUBHEADER)
    sheet.merge_cells("A1:J1")
    for col in "ABCDEIJ":
        sheet.merge_cells(f"{col}3:{col}4")
    sheet.merge_cells("F3:H3")
    for n in range(rows):
        sheet.append(_row(n))
    for top in range(5, rows + 5, BLOCK):
        bottom = min(top + BLOCK - 1, rows + 4)
        sheet.merge_cells(f"B{top}:B{bottom}")
        sheet.merge_cells(f"E{top}:E{bottom}")
    book.save(path)
    return path


def _row(n: int) -> list:
    first = n % BLOCK == 0
    deadline = datetime.date(2024, n % 12 + 1, 15) if n % 3 == 0 else DEADLINES[n % len(DEADLINES)]
    return [
        n + 1,
        f"第{n // BLOCK + 1}专线" if first else None,
        f"推进第{n + 1}项重点工作，完成年度目标任务",
        "确保按期保质完成",
        "王镇长" if first else None,
        f"部门{n % 17}",
        "财政所、自然资源所\n各村",
        f"责任人{n % 53}",
        deadline,
        None,
    ]


def openpyxl_plain(path: Path, *, read_only: bool) -> int:
    book = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    count = sum(1 for sheet in book.worksheets for _ in sheet.iter_rows(values_only=True))
    book.close()
    return count


def timed(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def check(result, rows: int) -> None:
    if len(result.rows) != rows or result.errors:
        raise SystemExit(f"unexpected read: {len(result.rows)} rows, errors {result.errors[:3]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere
    from luoshi.exchange.workbook import read_workbook
    from luoshi.plans.specs import TASKS_SPEC  # imports no Django model: no settings needed

    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "tasks.xlsx", args.rows)
        check(read_workbook(path, TASKS_SPEC), args.rows)  # the result is dropped: a live one slows the GC
        baseline = timed(lambda: openpyxl_plain(path, read_only=False), args.repeat)
        streaming = timed(lambda: openpyxl_plain(path, read_only=True), args.repeat)
        ours = timed(lambda: read_workbook(path, TASKS_SPEC), args.repeat)
    print(f"rows: {args.rows}, median of {args.repeat} runs")
    print(f"openpyxl plain read (read_only=False): {baseline:.3f} s")
    print(f"openpyxl plain read (read_only=True):  {streaming:.3f} s")
    print(f"read_workbook (check_upload + parse):  {ours:.3f} s  = {ours / baseline:.2f}x the read_only=False baseline")


if __name__ == "__main__":
    main()
