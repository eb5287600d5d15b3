"""Rules for kinds of sentences met in round 4 of the public corpus (issue 18), on made-up sentences.

A 工作要点 numbered "1.1", a news item enumerating "一、…二、" inside a paragraph, a speech going on from
一要 to 四是, the attendance of a meeting, a size after the thing built, a capacity before it, ranking rules,
a news item's account of what was done, a tally by kind and number, a 其中 part with its own rate and a
year-end check.
"""

import pytest

from luoshi.extraction import extract_text

HEAD = "2025年全镇工作要点\n二、今年重点工作\n"


def targets(body: str, head: str = HEAD) -> list[dict]:
    return extract_text(head + body)["targets"]


def fields(body: str, *names: str) -> list[tuple]:
    return [tuple(t[n] for n in names) for t in targets(body)]


def sections(text: str) -> list[tuple]:
    return [(s["level"], s["number"], s["title"]) for s in extract_text(text)["sections"]]


def test_decimal_headings_nest_under_their_part():
    text = "某镇年度计划\n一、总体目标\n1.1 经济目标\n力争增长8%。\n1.2 民生目标\n二、主要措施\n2.1 产业\n"
    assert sections(text) == [
        (1, "一、", "总体目标"),
        (2, "1.1", "经济目标"),
        (2, "1.2", "民生目标"),
        (1, "二、", "主要措施"),
        (2, "2.1", "产业"),
    ]


@pytest.mark.parametrize("line", ["2.5万亩高标准农田年内建成。", "3.2公里道路年内硬化。", "1.5亿元用于基础设施。"])
def test_an_amount_opening_a_line_is_no_decimal_heading(line):
    text = "某镇年度计划\n一、总体目标\n" + line + "\n1.2 项目建设\n"
    assert [s[1] for s in sections(text)] == ["一、", "1.2"]


def test_a_series_numbered_with_dun_inside_a_paragraph():
    text = "某镇召开收心会\n\n会议要求全体干部开好局。一、各村要抓紧谋划。二、做好信访稳定工作。三、做好春耕备耕。\n"
    assert sections(text) == [
        (1, "一、", "各村要抓紧谋划"),
        (1, "二、", "做好信访稳定工作"),
        (1, "三、", "做好春耕备耕"),
    ]


def test_a_series_opening_after_a_short_topic_and_switching_word():
    text = "某镇召开攻坚大会\n\n会上部署攻坚行动。行动工作一要压实责任；二要解决问题；三要每日现场办公；四是强化宣传；五是形成合力。\n"
    assert [(s[0], s[1]) for s in sections(text)] == [(1, "一要"), (1, "二要"), (1, "三要"), (1, "四是"), (1, "五是")]


def test_nested_series_words_stay_nested():
    text = "某镇推进会\n\n书记强调，一是抓环境。一要重视；二要落实。二是抓医保。三是抓防疫。\n"
    levels = [(s[0], s[1]) for s in sections(text)]
    assert levels == [(1, "一是"), (2, "一要"), (2, "二要"), (1, "二是"), (1, "三是")]


def test_a_word_ending_in_yi_is_no_series_opening():
    text = "某镇推进会\n\n思想统一是前提。会议要求，一是抓环境；二是抓医保。\n"
    assert [s[1] for s in sections(text)] == ["一是", "二是"]


@pytest.mark.parametrize("body", ["发展是第一要务，二要抓落实。", "会议强调，思想统一是前提；二是抓落实。"])
def test_a_word_ending_in_yi_opens_no_series_after_a_topic(body):
    assert [s[1] for s in sections("某镇会议\n\n" + body + "\n")] == [""]


@pytest.mark.parametrize(
    "body",
    [
        "全体镇干部、各村书记等近120人参加会议。",
        "支持企业建好1万头规模育肥场。",
        "前3名奖2分，后2名罚1分，最后1名发1面黑旗。",
        "动员会后，该镇迅速行动，日出劳力1000余人，清运垃圾310多吨。",
        "推行网格事项清单制度，明确网格内党建、民生等7大类32项职责。",
    ],
)
def test_attendance_sizes_capacities_ranks_reports_and_tallies_are_no_targets(body):
    assert targets(body) == []


def test_a_size_after_the_thing_built_describes_it():
    assert fields("新建3处口袋公园，建设面积7600平方米。", "value", "unit") == [(3, "处")]


def test_a_scaled_base_and_a_verb_after_the_size_stay_targets():
    assert fields("建成500亩规模化种植基地。", "value", "unit") == [(500, "亩")]
    assert fields("完成高标准农田建设面积5000亩。", "value", "unit") == [(5000, "亩")]
    assert fields("各村要迅速行动起来，清运垃圾300吨。", "value", "unit") == [(300, "吨")]


def test_a_part_after_qizhong_goes_with_its_own_rate_but_not_past_the_item():
    found = fields(
        "力争实现工业总产值21亿元，增长12%，其中规模企业工业总产值12亿元，增长15%；出口交货值5.6亿元；农民纯收入增长10%以上。",
        "value",
        "unit",
        "strength",
    )
    assert found == [(21, "亿元", "力争"), (12, "%", "力争"), (5.6, "亿元", "力争"), (10, "%", "力争")]


def test_a_year_end_check_is_a_milestone():
    assert fields("对发现的问题限期整改，年底逐一绩效对账。", "kind", "deadline") == [("milestone", "年底")]


def test_signs_counted_in_kuai_and_a_result_verb_shared_across_ji():
    found = fields("完成64块发光提示标志及24个路口警示减速道钉安装。", "value", "unit", "strength")
    assert found == [(64, "块", "完成"), (24, "个", "完成")]


def test_a_result_verb_is_not_shared_across_a_comma():
    found = fields("完成主要河道治理3条，岸边绿化提升1条。", "value", "strength")
    assert found == [(3, "完成"), (1, None)]


def test_persons_a_work_is_for_are_its_scope():
    assert targets("为8000名独居老人安装火灾探测报警器。") == []
    assert fields("新增养老床位172张，为300户老年人进行居家适老化改造。", "value", "unit") == [(172, "张")]


def test_a_month_end_opening_a_clause_of_work_is_its_deadline():
    found = fields("二是做好截污纳管，至6月底完成集镇二级管网建设，12月底做好接户工作。", "kind", "deadline")
    assert found == [("milestone", "6月底"), ("milestone", "12月底")]
