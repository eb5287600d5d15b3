"""Rules for kinds met in round 7 of the public corpus (issue 18), on made-up tables and sentences.

A calendar of campaigns (a trade column and a month per row), a recurrence dated by its day with its duty in the
next clause, each-event recurrences, a recurring meeting's name, 部 as a measure word, households a work involves,
a bracketed alternative inside a name, figures defining a class of accident, 已 inside what 对 names, 一份 as an
article, a heading that instructs, and a count written with a bare verb of building.
"""

from luoshi.extraction import extract_text

HEAD = "2025年全镇工作要点\n二、今年重点工作\n"


def targets(body: str, head: str = HEAD) -> list[dict]:
    return extract_text(head + body)["targets"]


def fields(body: str, *names: str, head: str = HEAD) -> list[tuple]:
    return [tuple(t[n] for n in names) for t in targets(body, head)]


def test_a_calendar_of_campaigns_gives_one_target_per_month():
    head = "某镇2025年消防专项整治工作计划\n一、整治安排表\n"
    body = "整治行业名称\t时间安排\t责任单位\n农家乐\t3月份\t旅游办\n小作坊\t4月份\t市场监管所\n"
    assert fields(body, "indicator", "deadline", "kind", head=head) == [
        ("农家乐", "3月份", "milestone"),
        ("小作坊", "4月份", "milestone"),
    ]


def test_a_recurrence_dated_by_its_day_takes_the_duty_after_the_comma():
    found = fields("各村要做好排查；每月20日前，向镇政府报送排查台账。", "indicator", "recurrence", "kind")
    assert found == [("向镇政府报送排查台账", "每月", "recurring")]


def test_a_heading_that_instructs_is_no_review():
    body = "（二）各村要做好排查工作，收集整理排查开展情况；每月20日前，向镇政府报送排查台账。"
    assert fields(body, "recurrence") == [("每月",)]


def test_each_event_of_a_series_is_a_recurrence():
    found = fields("各站所要于每次督查会议前，将整改情况梳理到位。", "recurrence", "kind")
    assert found == [("每次督查会议前", "recurring")]


def test_a_recurring_meeting_named_again_is_no_duty():
    found = fields("推行双周例会制度，重点项目在双周例会上专题研究，双周例会由镇长主持。", "text")
    assert found == [("推行双周例会制度",)]


def test_lifts_are_counted_in_bu_and_departments_are_not():
    assert fields("年底前加装电梯30部。", "value", "unit") == [(30, "部")]
    assert fields("抽调3部门人员组成专班。", "value") == []


def test_households_a_work_involves_are_its_scope():
    found = fields("改造老旧小区12个，涉及居民3000户。", "value", "unit")
    assert found == [(12, "个")]


def test_a_bracketed_alternative_stays_inside_the_name():
    found = fields("年底前无违建村（社区）达到总数的60%。", "value", "deadline", "strength")
    assert found == [(60, "年底前", "达到")]


def test_figures_defining_a_class_of_accident_are_no_targets():
    assert fields("坚决杜绝一次死亡3人以上的较大生产安全事故。", "value") == []


def test_what_dui_names_done_before_is_the_object_of_new_work():
    body = "对2024年已达标的村进行提档升级，提档升级村比例达到40%以上。"
    assert fields(body, "value", "strength") == [(40, "达到")]


def test_yi_fen_is_an_article():
    assert fields("一份清单管到底。", "value") == []


def test_a_count_with_a_bare_verb_takes_the_work_before_it():
    found = fields("继续推进农村户厕改造，年底前完成300户。", "indicator", "value")
    assert len(found) == 1 and "户厕改造" in found[0][0] and found[0][1] == 300
