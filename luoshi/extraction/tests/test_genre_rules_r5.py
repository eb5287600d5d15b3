"""Rules for task lists met in round 5 of the public corpus (issue 18), on made-up tables and sentences.

Task tables pasted as text (a 民生实事 column, a dated row naming two works, a row merged under the task
above, a 目标类型 column grading the targets), 其中 after a share of the whole and after a growth rate, a bare
stage taking the thing counted before it, a street named with a numeral, a recurrence word before a noun
and a tally by parts and items.
"""

import pytest

from luoshi.extraction import extract_text

HEAD = "2025年全镇工作要点\n二、今年重点工作\n"
NOTICE = "某县人民政府办公室关于印发民生实事任务分解表的通知\n附件\n2025年民生实事任务分解表\n"


def targets(body: str, head: str = HEAD) -> list[dict]:
    return extract_text(head + body)["targets"]


def fields(body: str, *names: str, head: str = HEAD) -> list[tuple]:
    return [tuple(t[n] for n in names) for t in targets(body, head)]


def table(*rows: list[str]) -> str:
    return "".join("\t".join(row) + "\n" for row in rows)


def test_a_column_of_practical_things_names_the_tasks():
    body = table(
        ["序号", "民生实事", "责任单位", "完成时限"],
        ["1", "新建3座公厕。", "城建办", "10月底前"],
        ["2", "启动敬老院改造。", "民政办", "12月底前"],
    )
    found = fields(body, "indicator", "value", "deadline", "responsible", head=NOTICE)
    assert [f[1:3] for f in found] == [(3, "10月底前"), (None, "12月底前")]
    assert [f[3] for f in found] == [["城建办"], ["民政办"]]


def test_a_dated_row_keeps_an_uncounted_work_besides_a_counted_one():
    body = table(
        ["序号", "民生实事", "责任单位", "完成时限"],
        ["1", "启动镇中心小学建设，新建幼儿园2所。", "教育办", "12月底前"],
    )
    found = fields(body, "kind", "indicator", "value", "deadline", head=NOTICE)
    assert found == [
        ("milestone", "启动镇中心小学建设", None, "12月底前"),
        ("quantity", "新建幼儿园", 2, "12月底前"),
    ]


def test_an_undated_row_names_no_second_work():
    body = table(
        ["序号", "工作任务", "牵头单位"],
        ["1", "启动镇中心小学建设，新建幼儿园2所。", "教育办"],
    )
    assert [t["value"] for t in targets(body, NOTICE)] == [2]


def test_a_row_merged_under_the_task_above_is_named_by_it():
    body = table(
        ["序号", "项目名称", "主要内容", "分管领导", "牵头单位"],
        ["1", "老街复兴", "完成古戏台修缮。", "王明", "文旅办"],
        ["", "", "推进老街立面整治。", "李强", "城建办"],
    )
    found = targets(body, NOTICE)
    assert [t["indicator"] for t in found] == ["老街复兴", "老街复兴"]
    assert [t["responsible"] for t in found] == [["文旅办"], ["城建办"]]


def test_a_column_grading_the_targets_is_no_category():
    body = table(
        ["序号", "任务名称", "指标要求", "牵头部门", "目标类型"],
        ["1", "地区生产总值", "增长6%", "发改局", "A类"],
        ["2", "服务业增加值", "增长7%", "发改局", "B类"],
    )
    result = extract_text(NOTICE + body)
    assert [s["title"] for s in result["sections"]] == ["2025年民生实事任务分解表"]
    assert [(t["indicator"], t["value"]) for t in result["targets"]] == [
        ("地区生产总值增长", 6),
        ("服务业增加值增长", 7),
    ]


def test_a_breakdown_after_a_share_of_the_whole():
    found = fields("实施学校建设项目11个，计划竣工3个，其中幼儿园7个、小学3个、初中1个。\n", "indicator", "value")
    assert [f[1] for f in found] == [11, 3]
    assert "学校建设项目" in found[1][0] and found[1][0].endswith("竣工")


def test_parts_that_exceed_every_amount_before_them_stay_targets():
    found = fields("新建公厕5座，改造2座，其中A村4座、B村4座。\n", "value")
    assert found == [(5,), (2,), (4,), (4,)]


def test_a_growth_rates_qizhong_clause_is_a_part_up_to_the_next_comma():
    body = "主要预期目标为：财政总收入增长11%，其中税收收入增长9%，工业总产值增长10%以上，规上工业增加值增长7%。\n"
    assert fields(body, "indicator", "value") == [
        ("财政总收入增长", 11),
        ("工业总产值增长", 10),
        ("规上工业增加值增长", 7),
    ]


@pytest.mark.parametrize("stage", ["竣工", "开工", "建成"])
def test_a_bare_stage_takes_the_thing_counted_before_it(stage):
    found = fields(f"新建污水处理站6个，年内{stage}4个。\n", "indicator", "value")
    assert found[1] == (f"新建污水处理站{stage}", 4)


@pytest.mark.parametrize("street", ["三元街", "五元路"])
def test_a_street_named_with_a_numeral_is_no_amount(street):
    assert fields(f"推进{street}、北门街等老街道路整治，年底前完成。\n", "value") == [(None,)]


def test_an_amount_in_yuan_written_in_numerals_is_still_one():
    assert fields("发放慰问金三千元。\n", "value", "unit") == [(3000, "元")]


def test_a_recurrence_word_before_a_noun_is_no_recurrence():
    assert targets("各单位要明确每季度对应的量化的工作显现度。\n") == []
    assert fields("各单位每季度末将完成情况报督查室。\n", "kind") == [("recurring",)]


def test_a_tally_by_parts_and_items_is_the_documents_own():
    assert targets("全年主要工作任务分解为7大方面、80项。\n") == []
