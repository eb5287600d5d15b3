"""Recognising task tables by their header, and what each row of one is."""

import pytest

from luoshi.extraction.tables import cell_role, classify, find_header, is_task_table, split_names
from luoshi.extraction.timing import column_times

HEADER = ["序号", "工作任务", "目标要求", "责任领导", "牵头单位", "配合单位", "完成时限"]


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("工作任务", "task"),
        ("重点任务", "task"),
        ("工作内容", "task"),
        ("项目名称", "task"),
        ("目标要求", "requirement"),
        ("建设内容及目标", "requirement"),
        ("工作\u2028目标", "requirement"),
        ("责任领导", "leader"),
        ("牵头领导", "leader"),
        ("牵 头 单 位", "lead"),
        ("责任单位（盖章）", "lead"),
        ("责任部门", "lead"),
        ("配合单位", "co"),
        ("协办单位", "co"),
        ("完成\n时限", "deadline"),
        ("时间节点", "deadline"),
        ("序  号", "index"),
        ("类别", "line"),
        ("完成情况", "status"),
        ("联系电话", None),
        ("全年新建高标准农田5000亩以上并通过验收", None),
    ],
)
def test_header_cells_are_read_by_their_wording(written, role):
    assert cell_role(written) == role


def test_a_header_row_needs_a_task_column_and_a_who_or_when_column():
    assert find_header([HEADER]).roles == dict(enumerate(["index", "task", "requirement", "leader", "lead", "co",
                                                          "deadline"]))  # fmt: skip
    assert find_header([["序号", "工作任务", "备注"]]) is None
    assert find_header([["单位", "联系人", "联系电话"], ["党政办", "张敏", "0537-7281234"]]) is None


def test_signature_and_layout_tables_are_no_task_tables():
    assert not is_task_table([["中共青石镇委员会", "青石镇人民政府"], ["2024年2月20日", "2024年2月20日"]])
    assert not is_task_table([["一、总体要求。全年确保完成各项目标任务。"]])
    assert not is_task_table([])


def test_a_progress_report_table_is_not_a_plan():
    assert not is_task_table([["序号", "工作任务", "责任单位", "完成情况"]])
    assert is_task_table([["序号", "工作任务", "责任单位", "完成时限", "完成情况"]])


def test_a_title_row_above_the_header_is_skipped():
    header = find_header([["2024年重点工作任务分解表", "", "", ""], ["序号", "重点任务", "责任部门", "时间节点"]])
    assert (header.first, header.last) == (1, 1)


def test_a_two_row_header_takes_the_lower_row_per_column():
    rows = [
        ["序号", "工作任务", "责任单位", "", "完成时限"],
        ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "招商引资", "经发办", "各村", "年底前"],
    ]
    header = find_header(rows)
    assert (header.first, header.last) == (0, 1)
    assert header.roles == {0: "index", 1: "task", 2: "lead", 3: "co", 4: "deadline"}


def test_a_pasted_two_row_header_with_empty_merged_cells():
    header = find_header([["序号", "工作任务", "责任主体", "", "时限"], ["", "", "牵头单位", "配合单位", ""]])
    assert header.last == 1 and header.roles[2] == "lead" and header.roles[3] == "co"


@pytest.mark.parametrize(
    ("cells", "kind"),
    [
        (["一、产业项目", "", "", "", "", "", ""], "section"),
        (["一", "产业项目", "", "", "", "", ""], "section"),
        (["（二）", "基础设施", "", "", "", "", ""], "section"),
        (["", "招商引资类", "", "", "", "", ""], "section"),
        (["1", "青石食品产业园", "4月底前开工", "王立新", "经发办", "", "12月底前"], "task"),
        (["3", "推进集体经济发展", "", "", "", "", ""], "task"),
        (["", "", "", "", "", "", ""], "skip"),
        (["—", "/", "", "", "", "", ""], "skip"),
        (["注：各牵头单位每月25日前报送进展", "", "", "", "", "", ""], "skip"),
        (["合计", "", "", "", "", "", ""], "skip"),
        (HEADER, "header"),
        (["1", "", "", "王立新", "经发办", "", "12月底前"], "skip"),
    ],
)
def test_rows_are_tasks_sections_or_nothing(cells, kind):
    assert classify(cells, find_header([HEADER])) == kind


def test_names_in_a_cell_are_split_and_placeholders_dropped():
    assert split_names("自然资源所、规划建设办\u2028供电所") == ["自然资源所", "规划建设办", "供电所"]
    assert split_names("各村（社区），派出所；") == ["各村（社区）", "派出所"]
    assert split_names("/") == [] and split_names("—") == [] and split_names("") == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("6月底前", ("6月底前", None, None)),
        ("2024年12月底前", ("2024年12月底前", None, None)),
        ("12月31日", ("12月31日", None, None)),
        ("2024.6.30", ("2024.6.30", None, None)),
        ("年底", ("年底", None, None)),
        ("上半年完成选址，12月底建成", ("12月底", None, None)),
        ("长期坚持", (None, None, "长期坚持")),
        ("常态化推进", (None, None, "常态化")),
        ("每月", (None, None, "每月")),
        ("全年", (None, "全年", None)),
        ("立即", ("立即", None, None)),
        ("", (None, None, None)),
    ],
)
def test_a_deadline_column_is_read_as_deadline_period_or_recurrence(cell, expected):
    assert column_times(cell) == expected


def test_a_budget_or_schedule_table_with_generic_words_needs_a_responsible_column():
    assert not is_task_table([["项目", "单位", "数量", "金额"], ["道路硬化", "公里", "3", "150"]])


def test_in_an_indicator_table_unit_is_the_unit_of_measure():
    header = find_header([["序号", "指标名称", "单位", "目标值", "责任单位"]])
    assert header.roles == {0: "index", 1: "task", 2: "measure", 3: "value", 4: "lead"}
