"""The limits of the layout rules that ``test_unseen_layouts.py`` needed: each rule fires
on what it is for and leaves alike-looking layouts alone."""

from luoshi.exchange.units import split_units
from luoshi.exchange.workbook import read_workbook
from luoshi.plans.specs import TASKS_SPEC
from luoshi.supervision.specs import PROBLEMS_SPEC

from .builders import Sheet, save


def read(tmp_path, *sheets, **options):
    return read_workbook(save(tmp_path / "ledger.xlsx", *sheets), TASKS_SPEC, **options)


def pick(result, *names):
    return [tuple(row[name] for name in names) for row in result.rows]


def test_a_spacer_column_between_planned_and_actual_dates_keeps_one_table(tmp_path):
    header = ["序号", "工作任务", "牵头单位", "计划完成时间", None, "实际完成时间", "备注"]
    rows = [header, [1, "招引项目", "经发办", "2024年6月底", None, "2024年5月20日", "提前完成"]]
    result = read(tmp_path, Sheet("任务", rows))
    assert len(result.tables) == 1
    assert pick(result, "task", "deadline", "note") == [("招引项目", "2024-06-30", "提前完成")]


def test_an_arabic_index_beside_a_narrow_merge_is_a_task_not_a_heading(tmp_path):
    header = ["序号", "工作任务", "工作要求", "牵头单位", "完成时限", "备注"]
    rows = [header, [1, "招引项目", None, None, None, None]]
    result = read(tmp_path, Sheet("任务", rows, ["B2:C2"]), year=2024)
    assert pick(result, "task") == [("招引项目",)]
    assert {e["reason"] for e in result.errors} == {"牵头单位不能为空", "完成时限不能为空"}


def test_an_arabic_index_beside_a_text_across_the_table_is_a_heading(tmp_path):
    header = ["序号", "工作任务", "牵头单位", "完成时限", "备注"]
    rows = [header, [1, "产业发展"], ["1.1", "招引项目", "经发办", "年底", None]]
    result = read(tmp_path, Sheet("任务", rows, ["B2:E2"]), year=2024)
    assert pick(result, "row", "line", "task") == [(3, "产业发展", "招引项目")]


def test_unnumbered_headings_under_a_numbered_section_do_not_replace_it(tmp_path):
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    rows = [
        header,
        ["一、经济发展"],
        ["招商引资类"],
        [1, "招引项目", "经发办", "年底"],
        ["二、社会事业"],
        [2, "改造学校", "社会事务办", "年底"],
    ]
    result = read(tmp_path, Sheet("任务", rows, ["A2:D2", "A3:D3", "A5:D5"]), year=2024)
    assert pick(result, "line", "task") == [("经济发展", "招引项目"), ("社会事业", "改造学校")]


def test_unnumbered_headings_alone_each_name_their_section(tmp_path):
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    rows = [header, ["经济发展"], [1, "招引项目", "经发办", "年底"], ["社会事业"], [2, "改造学校", "社会事务办", "年底"]]
    result = read(tmp_path, Sheet("任务", rows, ["A2:D2", "A4:D4"]), year=2024)
    assert pick(result, "line") == [("经济发展",), ("社会事业",)]


def test_a_joint_header_keeps_a_multi_line_task_whole(tmp_path):
    header = ["序号", "工作任务及目标", "牵头单位", "完成时限"]
    rows = [header, [1, "第一步：完成项目选址工作\n第二步：开工建设", "经发办", "年底"]]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert pick(result, "task", "requirement") == [("第一步：完成项目选址工作\n第二步：开工建设", None)]


def test_a_joint_header_splits_short_lines_and_slashes(tmp_path):
    header = ["序号", "工作任务", "牵头单位/配合单位", "责任领导、责任人", "完成时限"]
    rows = [
        header,
        [1, "甲", "经发办/财政所、各村", "王镇长\n张三", "年底"],
        [2, "乙", "党政办", "李副镇长", "年底"],
    ]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert pick(result, "lead_unit", "co_units", "leader", "owner") == [
        ("经发办", ["财政所", "各村"], "王镇长", "张三"),
        ("党政办", [], "李副镇长", None),
    ]


def test_a_joint_header_gives_way_to_a_column_of_its_own(tmp_path):
    header = ["工作任务", "牵头单位", "责任领导/责任人", "责任人", "完成时限"]
    rows = [header, ["甲", "经发办", "王镇长/张三", "李四", "年底"]]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert pick(result, "leader", "owner") == [("王镇长", "李四")]


def test_several_lead_units_in_the_lead_column_join_the_co_unit_column(tmp_path):
    header = ["工作任务", "牵头单位", "配合单位", "完成时限"]
    rows = [header, ["甲", "经发办、财政所", "各村", "年底"], ["乙", "应急办", "派出所", "年底"]]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert pick(result, "lead_unit", "co_units") == [("经发办", ["财政所", "各村"]), ("应急办", ["派出所"])]


def test_a_lead_cell_naming_only_co_operating_units_is_an_error(tmp_path):
    rows = [["工作任务", "责任单位", "完成时限"], ["甲", "配合单位：财政所", "年底"]]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert pick(result, "lead_unit", "co_units") == [(None, ["财政所"])]
    assert result.errors == [{"sheet": "任务", "row": 2, "column": "B", "reason": "牵头单位不能为空"}]


def test_split_units_reads_marks_labels_and_order():
    assert split_units("财政所、经发办（牵头）") == ("经发办", ["财政所"])
    assert split_units("经发办负责，财政所协助") == ("经发办", ["财政所"])
    assert split_units("主责部门：经发办\n协办部门：财政所") == ("经发办", ["财政所"])
    assert split_units("各村（社区）") == ("各村（社区）", [])


def test_a_signature_line_whose_labels_read_as_headers_yields_nothing(tmp_path):
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    rows = [header, [1, "甲", "经发办", "年底"], [], ["分管领导：", None, "单位负责人：", "填表人：王芳"]]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert pick(result, "row", "task") == [(2, "甲")]
    assert result.errors == []


def test_a_dated_info_line_does_not_give_the_plan_year(tmp_path):
    rows = [["××镇重点工作任务清单"], ["统计时间：2023年12月28日"], ["工作任务", "牵头单位", "完成时限"],
            ["甲", "经发办", "6月底"]]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert pick(result, "deadline") == [("2024-06-30",)]


def test_a_column_number_row_typed_as_text_yields_nothing_but_a_text_row_of_digits_elsewhere_is_data(tmp_path):
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    rows = [header, ["1", "2", "3", "4"], [1, "甲", "经发办", "年底"], [2, "3", "4", "年底"]]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert pick(result, "row", "task") == [(3, "甲"), (4, "3")]


def test_filled_in_labels_above_the_header_are_not_a_header_row(tmp_path):
    rows = [
        ["牵头单位：××镇党政办", None, "完成时限：2024年底"],
        ["工作任务", "牵头单位", "完成时限"],
        ["甲", "经发办", "6月底"],
    ]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert result.tables[0].header_rows == [2]
    assert pick(result, "task", "lead_unit") == [("甲", "经发办")]


def test_a_long_total_line_and_counted_sections_yield_nothing(tmp_path):
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    rows = [header, ["一、党的建设方面（2个）"], [1, "甲", "组织办", "年底"], [2, "乙", "组织办", "年底"],
            ["合计：共2个问题，已整改1个", None, "组织办"]]
    result = read(tmp_path, Sheet("任务", rows, ["A2:D2"]), year=2024)
    assert pick(result, "line", "task") == [("党的建设方面", "甲"), ("党的建设方面", "乙")]
    assert result.errors == []


def test_a_yes_no_rectified_column_is_the_status(tmp_path):
    header = ["序号", "存在问题", "责任单位", "整改时限", "是否整改到位"]
    rows = [header, [1, "甲", "环保所", "即时办结", "是"], [2, "乙", "环保所", "2024年9月底", "否"]]
    result = read_workbook(save(tmp_path / "p.xlsx", Sheet("问题", rows)), PROBLEMS_SPEC)
    assert pick(result, "status", "deadline_kind") == [("closed", "immediate"), ("rectifying", "date")]


def test_a_line_column_written_as_numbered_headings_names_the_lines(tmp_path):
    header = ["工作专线", "工作任务", "牵头单位", "完成时限"]
    rows = [header, ["一、产业发展（共2项）", "甲", "经发办", "年底"], [None, "乙", "经发办", "年底"],
            ["第二部分 民生", "丙", "社会事务办", "年底"], ["1号专线", "丁", "党政办", "年底"]]
    result = read(tmp_path, Sheet("任务", rows, ["A2:A3"]), year=2024)
    assert pick(result, "line") == [("产业发展",), ("产业发展",), ("民生",), ("1号专线",)]


def test_a_joint_header_keeps_a_long_text_with_a_slash_whole(tmp_path):
    header = ["工作任务/目标", "牵头单位", "完成时限"]
    rows = [header, ["全镇新建5G基站并实现行政村全覆盖/年内完成验收", "经发办", "年底"], ["修路/10公里", "建设办", "年底"]]
    result = read(tmp_path, Sheet("任务", rows), year=2024)
    assert pick(result, "task", "requirement") == [
        ("全镇新建5G基站并实现行政村全覆盖/年内完成验收", None),
        ("修路", "10公里"),
    ]


def test_a_title_writing_its_year_in_chinese_numerals_gives_the_year(tmp_path):
    rows = [["××镇二〇二四年重点工作任务分解表"], ["工作任务", "牵头单位", "完成时限"], ["甲", "经发办", "6月底"]]
    result = read(tmp_path, Sheet("任务", rows))
    assert (result.year, pick(result, "deadline")) == (2024, [("2024-06-30",)])


def test_a_number_like_text_in_the_deadline_column_is_still_an_error(tmp_path):
    rows = [["××镇2024年任务"], ["工作任务", "牵头单位", "完成时限"], ["甲", "经发办", "1.5万亩"]]
    result = read(tmp_path, Sheet("任务", rows))
    assert [e["reason"] for e in result.errors] == ["无法识别的完成时限：1.5万亩"]


def test_a_yes_no_column_under_a_progress_group_beats_the_narrative_column(tmp_path):
    top = ["序号", "问题描述", "责任主体", None, "整改时限", "整改情况", None]
    sub = [None, None, "责任领导", "责任单位", None, "整改进展", "是否整改到位"]
    rows = [["××镇2024年问题整改台账"], top, sub, [1, "甲", "王镇长", "环保所", "6月底", "协调资金中", "否"]]
    merges = ["A1:G1", "A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:G2"]
    result = read_workbook(save(tmp_path / "p.xlsx", Sheet("问题", rows, merges)), PROBLEMS_SPEC)
    assert result.tables[0].columns["status"] == "G"
    assert pick(result, "leader", "lead_unit", "status") == [("王镇长", "环保所", "rectifying")]
    assert result.errors == []


def test_a_users_letter_mapping_takes_a_joint_column_whole(tmp_path):
    header = ["工作任务", "牵头单位", "责任领导/责任人", "完成时限"]
    rows = [header, ["甲", "经发办", "王镇长/张三", "年底"]]
    result = read(tmp_path, Sheet("任务", rows), year=2024, mapping={"leader": "C"})
    assert pick(result, "leader", "owner") == [("王镇长/张三", None)]
