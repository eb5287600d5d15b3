"""What the rows hold: merged blocks, odd characters, and rows that are not data."""

import pytest

from luoshi.exchange.workbook import read_workbook
from luoshi.plans.specs import TASKS_SPEC
from luoshi.supervision.specs import PROBLEMS_SPEC

from .builders import HEADER, TITLE, Sheet, expected, save, task_row


def read(tmp_path, *sheets, spec=TASKS_SPEC, **options):
    return read_workbook(save(tmp_path / "ledger.xlsx", *sheets), spec, **options)


def test_line_and_leader_merged_down_a_block_apply_to_every_row_they_span(tmp_path):
    rows = [
        HEADER,
        task_row(1, "甲"),
        task_row(2, "乙", line=None, leader=None),
        task_row(3, "丙", line=None, leader=None),
        task_row(4, "丁", line="社会事业专线", leader="李副镇长"),
    ]
    result = read(tmp_path, Sheet("任务", rows, ["B2:B4", "E2:E4"]))
    assert result.rows == [
        expected(2, "甲"),
        expected(3, "乙"),
        expected(4, "丙"),
        expected(5, "丁", line="社会事业专线", leader="李副镇长"),
    ]


def test_a_value_merged_across_columns_in_a_data_row_is_read_once(tmp_path):
    rows = [HEADER, task_row(1, "甲", requirement=None)]
    result = read(tmp_path, Sheet("任务", rows, ["C2:D2"]))
    assert (result.rows[0]["task"], result.rows[0]["requirement"]) == ("甲", None)


def test_full_width_digits_and_spaces_are_normalised(tmp_path):
    rows = [
        [TITLE.replace("2024", "２０２４")],
        HEADER,
        task_row(1, "完成２０２４年度目标", unit="\u3000经济发展办\u3000", deadline="９月底", owner="张　三"),
    ]
    result = read(tmp_path, Sheet("任务", rows))
    row = result.rows[0]
    assert (row["task"], row["lead_unit"], row["owner"]) == ("完成2024年度目标", "经济发展办", "张 三")
    assert (row["deadline"], row["deadline_text"]) == ("2024-09-30", "９月底")


def test_line_breaks_inside_cells(tmp_path):
    header = ["序号", "工作\n任务", "牵头\r\n单位", "配合\n单位", "完成\n时限"]
    row = [1, "第一步：选址\n第二步：建设\n", "经济发展办", "财政所\n自然资源所；各村", "2024年\n6月底"]
    result = read(tmp_path, Sheet("任务", [header, row]))
    got = result.rows[0]
    assert got["task"] == "第一步：选址\n第二步：建设"
    assert got["co_units"] == ["财政所", "自然资源所", "各村"]
    assert (got["deadline"], got["deadline_text"]) == ("2024-06-30", "2024年 6月底")


def test_blank_spacer_rows_yield_nothing(tmp_path):
    rows = [HEADER, [], task_row(1, "甲"), [None, " ", "\u3000"], [], task_row(2, "乙")]
    result = read(tmp_path, Sheet("任务", rows))
    assert [(r["row"], r["task"]) for r in result.rows] == [(3, "甲"), (6, "乙")]


@pytest.mark.parametrize("label", ["合计", "合 计", "总计", "小计", "合计：2项"])
def test_total_rows_yield_nothing(tmp_path, label):
    rows = [HEADER, task_row(1, "甲"), [label, None, "2项"], task_row(2, "乙")]
    result = read(tmp_path, Sheet("任务", rows, ["A3:B3"]))
    assert [r["task"] for r in result.rows] == ["甲", "乙"]
    assert result.errors == []


@pytest.mark.parametrize("note", ["填表说明：", "注：完成时限请写到日", "备注：本表一式两份", "说明：按季度更新"])
def test_a_footnote_and_the_lines_under_it_yield_nothing(tmp_path, note):
    rows = [HEADER, task_row(1, "甲"), [], [note], ["1. 完成时限请写到日"], ["2", "各单位于每月5日前报送"]]
    result = read(tmp_path, Sheet("任务", rows, ["A4:J4"]))
    assert [r["task"] for r in result.rows] == ["甲"]
    assert result.tables[0].last_data_row == 2
    assert result.errors == []


def test_section_rows_name_the_line_of_the_rows_under_them(tmp_path):
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    rows = [
        header,
        ["一、经济发展专线（共2项）"],
        [1, "招引项目", "经济发展办", "6月底"],
        [2, "建设园区", "经济发展办", "9月底"],
        ["二、社会事业专线"],
        [3, "改造学校", "社会事务办", "年底"],
    ]
    result = read(tmp_path, Sheet("任务", rows, ["A2:D2", "A5:D5"]), year=2024)
    assert [(r["line"], r["task"]) for r in result.rows] == [
        ("经济发展专线", "招引项目"),
        ("经济发展专线", "建设园区"),
        ("社会事业专线", "改造学校"),
    ]


def test_a_numbering_row_under_the_header_yields_nothing(tmp_path):
    rows = [HEADER, list(range(1, 11)), task_row(1, "甲")]
    result = read(tmp_path, Sheet("任务", rows))
    assert [r["row"] for r in result.rows] == [3]


def test_template_rows_with_only_an_index_yield_nothing(tmp_path):
    rows = [HEADER, task_row(1, "甲"), [2], [3], [4]]
    result = read(tmp_path, Sheet("任务", rows))
    assert [r["row"] for r in result.rows] == [2]
    assert result.errors == []


def test_blank_required_cell_is_an_error_for_that_row_and_column(tmp_path):
    rows = [HEADER, task_row(1, "甲"), task_row(2, "乙", unit=None), task_row(3, None)]
    result = read(tmp_path, Sheet("任务", rows))
    assert result.errors == [
        {"sheet": "任务", "row": 3, "column": "F", "reason": "牵头单位不能为空"},
        {"sheet": "任务", "row": 4, "column": "C", "reason": "工作任务不能为空"},
    ]
    assert result.rows[1] == expected(3, "乙", lead_unit=None)


def test_unreadable_deadline_is_an_error_for_that_cell(tmp_path):
    result = read(tmp_path, Sheet("任务", [[TITLE], HEADER, task_row(1, "甲", deadline="待定")]))
    assert result.errors == [{"sheet": "任务", "row": 3, "column": "I", "reason": "无法识别的完成时限：待定"}]
    assert result.rows[0]["deadline_kind"] == "none"


def test_a_problem_ledger_reads_status_words_as_codes(tmp_path):
    header = [
        "序号",
        "问题类别",
        "存在问题",
        "整改措施",
        "责任领导",
        "责任单位",
        "整改责任人",
        "整改时限",
        "整改状态",
        "佐证材料",
        "备注",
    ]
    rows = [
        ["××镇2024年问题整改台账"],
        header,
        [1, "环境整治", "河道垃圾", "清理河道", "王镇长", "环保所", "赵六", "立行立改", "整改中", None, None],
        [
            2,
            "安全生产",
            "消防通道堵塞",
            "清理通道",
            "李副镇长",
            "应急办",
            "钱七",
            "6月底",
            "已销号",
            "照片3张",
            "已复查",
        ],
        [3, "安全生产", "电线老化", "更换线路", "李副镇长", "应急办", "钱七", "年底", "未整改", None, None],
        [4, "安全生产", "灭火器过期", "更换", "李副镇长", "应急办", "钱七", "年底", "差不多了", None, None],
    ]
    result = read(tmp_path, Sheet("问题", rows, ["A1:K1"]), spec=PROBLEMS_SPEC)
    assert [r["status"] for r in result.rows] == ["rectifying", "closed", "found", None]
    assert result.rows[1] == {
        "sheet": "问题",
        "row": 4,
        "category": "安全生产",
        "problem": "消防通道堵塞",
        "measures": "清理通道",
        "leader": "李副镇长",
        "lead_unit": "应急办",
        "co_units": [],
        "owner": "钱七",
        "deadline": "2024-06-30",
        "deadline_kind": "date",
        "recurrence": None,
        "deadline_text": "6月底",
        "status": "closed",
        "evidence": "照片3张",
        "note": "已复查",
    }
    assert result.rows[0]["deadline_kind"] == "immediate"
    assert [(e["row"], e["column"]) for e in result.errors] == [(6, "I")]
    assert result.errors[0]["reason"].startswith("整改状态“差不多了”无法识别，可填：待交办、")
