"""Task tables pasted as text with runs of spaces between cells (issue 18, round 6).

Made-up township task lists, in the genre: each is written once as rows and pasted both
with tabs and with spaces (lined up, as a PDF copy is, in ASCII or full-width spaces; or not
lined up, as a web page's copy is), and the two must give the same sections and targets.
"""

import unicodedata

import pytest

from luoshi.extraction import extract_text
from luoshi.extraction.space_tables import cell_type, find_layout, split_parts
from luoshi.extraction.tests.test_properties import assert_valid

HEAD = "柳溪镇2025年重点工作任务分解方案\n为抓好全年重点工作落实，现将任务分解如下。\n一、任务分解\n"
TAIL = "二、工作要求\n各责任单位要每月25日前报送工作进展。\n"
HEADER = ["序号", "工作任务", "目标要求", "责任领导", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    HEADER,
    ["一、产业发展"],
    ["1", "招商引资", "全年引进亿元以上项目3个", "王立新", "经发办", "招商中心", "12月底前"],
    ["2", "园区建设", "6月底前建成标准化厂房2万平方米", "", "规划建设办", "", "6月底前"],
    ["二、民生保障"],
    ["3", "农村改厕", "完成户厕改造300户", "李红", "农业农村办", "各村", "10月底前"],
    ["4", "道路硬化", "硬化通村道路12公里", "张华", "交通办", "相关村", "11月底前"],
]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def tabbed(rows: list[list[str]]) -> str:
    return "".join("\t".join(row) + "\n" for row in rows)


def lined_up(rows: list[list[str]], space: str = " ") -> str:
    """The rows padded into columns, as a PDF's text copy lines them up (U+3000 counts two columns)."""
    unit = _width(space)
    columns = max(len(row) for row in rows)
    widths = [max(_width(row[col]) for row in rows if col < len(row) and len(row) > 1) for col in range(columns)]
    widths = [w + 2 * unit + (-w) % unit for w in widths]
    lines = []
    for row in rows:
        if len(row) == 1:
            lines.append(row[0])
            continue
        cells = [cell + space * ((widths[col] - _width(cell)) // unit) for col, cell in enumerate(row)]
        lines.append("".join(cells).rstrip(" \u3000"))
    return "".join(line + "\n" for line in lines)


def web_copy(rows: list[list[str]]) -> str:
    """The rows with two spaces between filled cells and empty cells dropped, as a web page's copy gives them."""
    return "".join("  ".join(cell for cell in row if cell) + "\n" for row in rows)


def shape(plan: dict) -> tuple:
    sections = [(s["level"], s["number"], s["title"]) for s in plan["sections"]]
    fields = ("text", "indicator", "value", "unit", "strength", "deadline", "kind", "responsible", "leaders", "section")
    return sections, [tuple(str(t[f]) for f in fields) for t in plan["targets"]]


def plan_of(table: str) -> dict:
    text = HEAD + table + TAIL
    plan = extract_text(text)
    assert_valid(text, plan)
    return plan


def by_text(plan: dict, text: str) -> dict:
    return next(t for t in plan["targets"] if t["text"] == text)


@pytest.mark.parametrize("space", [" ", "\u3000"])
def test_a_table_lined_up_with_spaces_reads_as_the_tabbed_one(space):
    tabs = plan_of(tabbed(ROWS))
    assert len([t for t in tabs["targets"] if t["deadline"]]) >= 4
    assert shape(plan_of(lined_up(ROWS, space))) == shape(tabs)


def test_the_tabbed_table_gives_its_sections_and_row_targets():
    plan = plan_of(tabbed(ROWS))
    assert [(s["level"], s["number"], s["title"]) for s in plan["sections"]] == [
        (1, "一、", "任务分解"),
        (2, "一、", "产业发展"),
        (2, "二、", "民生保障"),
        (1, "二、", "工作要求"),
    ]
    road = by_text(plan, "硬化通村道路12公里")
    assert road["value"] == 12 and road["deadline"] == "11月底前" and road["responsible"][:2] == ["交通办", "相关村"]


def test_a_web_copy_with_every_cell_filled_reads_as_the_tabbed_one():
    full = [row for row in ROWS if len(row) == 1 or all(row)]
    assert shape(plan_of(web_copy(full))) == shape(plan_of(tabbed(full)))


def test_an_empty_cell_in_a_web_copy_is_placed_by_what_the_cells_are():
    rows = [HEADER, ["1", "园区建设", "建成标准化厂房2万平方米", "", "规划建设办", "", "6月底前"]]
    plan = plan_of(web_copy(rows))
    works = by_text(plan, "建成标准化厂房2万平方米")
    assert works["deadline"] == "6月底前" and works["responsible"] == ["规划建设办"] and works["leaders"] == []
    assert shape(plan) == shape(plan_of(tabbed(rows)))


def in_chars(rows: list[list[str]], widths: list[int]) -> str:
    """Rows padded to columns counted in characters (as pdftotext's layout gives them); "" is an empty cell."""
    lines = ["".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip() for row in rows]
    return "".join(line + "\n" for line in lines)


WIDTHS = [6, 10, 26, 14, 10]


def test_a_wrapped_cell_goes_on_with_its_row():
    table = in_chars(
        [
            ["序号", "工作任务", "目标要求", "牵头单位", "完成时限"],
            ["1", "招商引资", "全年引进亿元以上项目3个，", "经发办", "12月底前"],
            ["", "", "新增规上工业企业2家"],
            ["2", "农村改厕", "完成户厕改造300户", "农业农村办", "10月底前"],
        ],
        WIDTHS,
    )
    plan = plan_of(table)
    firms = by_text(plan, "新增规上工业企业2家")
    assert firms["value"] == 2 and firms["deadline"] == "12月底前" and firms["responsible"] == ["经发办"]
    assert by_text(plan, "全年引进亿元以上项目3个")["responsible"] == ["经发办"]
    assert [s["title"] for s in plan["sections"]] == ["任务分解", "工作要求"]


def test_a_tall_rows_short_cells_on_its_second_line_join_it():
    table = in_chars(
        [
            ["序号", "工作任务", "目标要求", "牵头单位", "完成时限"],
            ["1", "道路硬化", "硬化通村道路12公里，", "交通办、"],
            ["", "", "完成危桥改造2座", "规划建设办", "11月底前"],
            ["2", "农村改厕", "完成户厕改造300户", "农业农村办", "10月底前"],
        ],
        WIDTHS,
    )
    plan = plan_of(table)
    for text in ("硬化通村道路12公里", "完成危桥改造2座"):
        target = by_text(plan, text)
        assert target["responsible"] == ["交通办", "规划建设办"] and target["deadline"] == "11月底前"


def test_a_wrapped_names_cell_keeps_whole_names_apart():
    table = in_chars(
        [
            ["序号", "工作任务", "目标要求", "牵头单位", "完成时限"],
            ["1", "农村改厕", "完成户厕改造300户", "农业农村办", "10月底前"],
            ["", "", "", "各村"],
        ],
        WIDTHS,
    )
    assert by_text(plan_of(table), "完成户厕改造300户")["responsible"] == ["农业农村办", "各村"]


def test_a_line_without_number_that_names_a_task_and_a_date_is_a_row():
    table = in_chars(
        [
            ["序号", "工作任务", "目标要求", "牵头单位", "完成时限"],
            ["1", "道路硬化", "硬化通村道路12公里", "交通办", "11月底前"],
            ["", "", "完成危桥改造2座", "规划建设办", "6月底前"],
        ],
        WIDTHS,
    )
    plan = plan_of(table)
    bridge = by_text(plan, "完成危桥改造2座")
    assert bridge["deadline"] == "6月底前" and bridge["responsible"] == ["规划建设办"]
    assert by_text(plan, "硬化通村道路12公里")["responsible"] == ["交通办"]


def test_a_merged_category_cell_stands_for_the_rows_below():
    rows = [
        ["序号", "类别", "工作任务", "牵头单位", "完成时限"],
        ["1", "产业发展", "全年引进亿元以上项目3个", "经发办", "12月底前"],
        ["2", "", "新增规上工业企业2家", "经发办", "12月底前"],
        ["3", "社会事业", "新建村级养老服务站4个", "民政办", "9月底前"],
    ]
    lined = lined_up(rows)
    plan = plan_of(lined)
    assert shape(plan) == shape(plan_of(tabbed(rows))) == shape(plan_of(web_copy(rows)))
    assert [s["title"] for s in plan["sections"]] == ["任务分解", "产业发展", "社会事业", "工作要求"]
    assert by_text(plan, "新增规上工业企业2家")["responsible"] == ["经发办"]


@pytest.mark.parametrize("paste", [tabbed, lined_up, web_copy])
def test_a_progress_column_is_never_read_for_targets(paste):
    rows = [
        ["序号", "重点任务", "工作目标", "责任单位", "时间节点", "执行情况"],
        ["1", "农村改厕", "完成户厕改造300户", "农业农村办", "10月底前", "已完成改造120户，确保9月底前完成验收"],
        ["2", "道路硬化", "硬化通村道路12公里", "交通办", "11月底前", "已硬化5公里"],
    ]
    plan = plan_of(paste(rows))
    assert [t["text"] for t in plan["targets"]][:2] == ["完成户厕改造300户", "硬化通村道路12公里"]
    assert not [t for t in plan["targets"] if "已" in t["text"] or "验收" in t["text"] or t["value"] in (120, 5)]


@pytest.mark.parametrize("paste", [tabbed, lined_up, web_copy])
def test_a_progress_report_table_gives_no_targets(paste):
    rows = [
        ["序号", "工作任务", "责任单位", "进展情况"],
        ["1", "完成户厕改造300户", "农业农村办", "已完成改造120户，确保9月底前完成验收"],
        ["2", "硬化通村道路12公里", "交通办", "已硬化5公里"],
    ]
    plan = plan_of(paste(rows))
    assert [t["text"] for t in plan["targets"]] == ["各责任单位要每月25日前报送工作进展"]


def test_a_progress_report_table_in_word_gives_no_targets_either(tmp_path):
    from luoshi.extraction import extract_path
    from luoshi.extraction.tests.docx_factory import build_blocks_docx, table_xml

    rows = [
        ["序号", "工作任务", "责任单位", "完成情况"],
        ["1", "完成户厕改造300户", "农业农村办", "已完成改造120户，确保9月底前完成验收"],
    ]
    path = build_blocks_docx(
        ["柳溪镇重点工作推进情况", "各村要在6月底前完成排查。", table_xml(rows)], tmp_path / "p.docx"
    )
    assert [t["text"] for t in extract_path(path)["targets"]] == ["各村要在6月底前完成排查"]


def test_a_progress_column_word_is_a_status_role():
    from luoshi.extraction.tables import cell_role

    assert {cell_role(w) for w in ("执行情况", "进展情况", "完成情况", "进度", "实施情况")} == {"status"}


# Negative cases: what is not a task table stays prose ----------------------------------------------------------


def test_prose_with_double_spaces_is_no_table():
    prose = "今年要力争完成固定资产投资2亿元，  确保新增就业300人。  各村要抓好落实。\n"
    assert find_layout(prose.split("\n")).rows == {}
    plan = plan_of(prose)
    assert {t["value"] for t in plan["targets"]} >= {2, 300}


def test_a_signature_block_with_spaces_is_no_table():
    text = "各村要在6月底前完成排查。\n\n                    柳溪镇人民政府    柳溪镇党委办公室\n                    2025年3月1日\n"
    assert find_layout(text.split("\n")).rows == {}
    assert [t["text"] for t in plan_of(text)["targets"]][:1] == ["各村要在6月底前完成排查"]


def test_a_line_of_numbers_is_no_table():
    text = "全镇各村人口分别为  1200  3400  5600  780\n"
    assert find_layout(text.split("\n")).rows == {}


def test_a_heading_that_names_columns_in_a_sentence_is_no_table():
    text = "工作任务、责任单位和完成时限见附件。\n各村要在6月底前完成排查。\n"
    assert find_layout(text.split("\n")).rows == {}


def test_prose_after_a_spaced_table_is_not_swallowed():
    table = (
        lined_up(ROWS) + "各责任单位要高度重视，确保各项任务在年底前全部完成，每季度向镇党委报告一次工作进展情况。\n"
    )
    layout = find_layout((HEAD + table).split("\n"))
    last = (HEAD + table).split("\n").index(table.split("\n")[-2])
    assert last not in layout.rows and last not in layout.joins


@pytest.mark.parametrize(
    "after",
    [
        "\n                              柳溪镇人民政府    柳溪镇党委办公室\n                              2025年3月1日\n",
        "注：以上任务各单位要认真对照落实\n",
        "联系人：张三  电话：13800000000\n",
        "各单位要高度重视，  确保各项任务按时完成。\n",
    ],
)
def test_what_follows_a_spaced_table_stays_out_of_it(after):
    text = HEAD + lined_up(ROWS) + after
    lines = text.split("\n")
    layout = find_layout(lines)
    tail = {number for number, line in enumerate(lines) if line.strip() and line in after}
    assert tail and not tail & (set(layout.rows) | set(layout.joins))
    assert len(layout.rows) == 5


def test_a_web_copy_without_numbers_still_reads_its_rows():
    rows = [
        ["工作任务", "牵头单位", "配合单位", "完成时限"],
        ["硬化通村道路12公里", "交通办"],
        ["完成户厕改造300户", "农业农村办", "各村", "10月底前"],
    ]
    plan = plan_of(web_copy(rows))
    assert by_text(plan, "硬化通村道路12公里")["responsible"] == ["交通办"]
    assert by_text(plan, "完成户厕改造300户")["deadline"] == "10月底前"


def test_a_header_spread_out_a_character_at_a_time_is_put_back_together():
    table = in_chars(
        [
            ["序  号", "工作任务", "目标要求", "牵头单位", "完 成 时 限"],
            ["1", "农村改厕", "完成户厕改造300户", "农业农村办", "10月底前"],
        ],
        [8, 10, 26, 14, 10],
    ).replace("完 成 时 限", "完  成  时  限")
    target = by_text(plan_of(table), "完成户厕改造300户")
    assert target["deadline"] == "10月底前" and target["responsible"] == ["农业农村办"]


def test_a_two_line_header_splits_the_unit_column():
    table = (
        "序号  工作任务      目标要求                        责任单位              完成时限\n"
        "                                              牵头单位        配合单位\n"
        "1     农村改厕      完成户厕改造300户         农业农村办      各村            10月底前\n"
        "2     道路硬化      硬化通村道路12公里        交通办                          11月底前\n"
    )
    plan = plan_of(table)
    assert by_text(plan, "完成户厕改造300户")["responsible"] == ["农业农村办", "各村"]
    road = by_text(plan, "硬化通村道路12公里")
    assert road["responsible"] == ["交通办"] and road["deadline"] == "11月底前"


# The pieces ------------------------------------------------------------------------------------------------------


def test_cells_split_at_runs_of_spaces_and_full_width_spaces():
    assert [p.text for p in split_parts("1  招商引资\u3000经发办   12月底前 前")] == [
        "1",
        "招商引资",
        "经发办",
        "12月底前 前",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("12", "index"), ("10月底前", "date"), ("长期坚持", "date"), ("农业农村办、各村", "unit"), ("王立新", "person"),
     ("完成户厕改造300户", "text")],
)  # fmt: skip
def test_what_a_cell_is(text, kind):
    assert cell_type(text) == kind
