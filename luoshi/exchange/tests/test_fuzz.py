"""Random sheets never make the reader fail with anything but WorkbookError."""

import datetime
import json
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.exchange.errors import WorkbookError
from luoshi.exchange.workbook import read_workbook
from luoshi.plans.specs import TASKS_SPEC
from luoshi.supervision.specs import PROBLEMS_SPEC

WORDS = sorted(
    {key for spec in (TASKS_SPEC, PROBLEMS_SPEC) for f in spec.fields for key in [f.label, *f.synonyms]}
    | {
        "序号",
        "合计",
        "小计",
        "填表说明：",
        "注：",
        "表一",
        "附表1",
        "一、经济发展",
        "责任主体",
        "/",
        "—",
        "填报单位：××镇",
        "××镇2024年重点工作任务分解表",
        "6月底",
        "每周一三五",
        "2024.12",
        "已销号",
    }
)
REQUIRED = [["工作任务", "牵头单位", "完成时限"], ["存在问题", "责任单位", "整改时限"]]
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.just("\n"), max_size=30
)
VALUE = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    TEXT,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1)),
    st.datetimes(datetime.datetime(1990, 1, 1), datetime.datetime(2100, 1, 1)),
)


@st.composite
def sheets(draw):
    height, width = draw(st.integers(0, 14)), draw(st.integers(1, 8))
    grid = [[draw(VALUE) for _ in range(width)] for _ in range(height)]
    for _ in range(draw(st.integers(0, 2))):  # headers planted at random rows and columns
        row, start = draw(st.integers(0, 14)), draw(st.integers(0, 3))
        words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=8))
        if draw(st.booleans()):  # often a complete header, so rows get read too
            words = draw(st.permutations([*draw(st.sampled_from(REQUIRED)), *words[:4]]))
        grid += [[] for _ in range(row + 1 - len(grid))]
        grid[row] = [None] * start + words
    merges = draw(
        st.lists(st.tuples(st.integers(1, 16), st.integers(1, 10), st.integers(0, 4), st.integers(0, 3)), max_size=6)
    )
    state = draw(st.sampled_from(["visible", "visible", "hidden", "veryHidden"]))
    return grid, merges, state


def write(path: Path, drawn_sheets) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for index, (grid, merges, state) in enumerate(drawn_sheets):
        sheet = book.create_sheet(f"表{index}")
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                sheet.cell(row=r, column=c, value=value)
        taken: set[tuple[int, int]] = set()
        for top, left, tall, wide in merges:
            cells = {(r, c) for r in range(top, top + tall + 1) for c in range(left, left + wide + 1)}
            if len(cells) > 1 and not cells & taken:
                taken |= cells
                sheet.merge_cells(start_row=top, start_column=left, end_row=top + tall, end_column=left + wide)
        sheet.sheet_state = state
    if all(sheet.sheet_state != "visible" for sheet in book.worksheets):
        book.worksheets[0].sheet_state = "visible"  # Excel needs one visible sheet
    book.save(path)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(drawn=st.lists(sheets(), min_size=1, max_size=3), problems=st.booleans(), year=st.sampled_from([None, 2024]))
def test_random_sheets_raise_nothing_but_workbook_error(drawn, problems, year):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.xlsx"
        write(path, drawn)
        try:
            result = read_workbook(path, PROBLEMS_SPEC if problems else TASKS_SPEC, year=year)
        except WorkbookError:
            return  # refusing a file in Chinese is a fine answer; any other exception is a bug
    json.dumps(result.as_json(), ensure_ascii=False)
    assert all({"sheet", "row", "column", "reason"} == set(error) for error in result.errors)
    assert all(isinstance(row["row"], int) and row["row"] >= 1 for row in result.rows)
