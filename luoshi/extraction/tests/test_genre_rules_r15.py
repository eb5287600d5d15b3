"""Rules of round 15 of the public corpus (issue 18), on made-up sentences.

Written from the misses and extras of round 15's first look only: a quoted series of recurring duties put in force by
坚持 / 实行 is the duties themselves; a speech's statement of its meeting's purpose sets no work; a purpose opening a
sentence with an adverb ("为认真做好…") goes on through its 确保 clause; a share reached as a rate after 截至目前 measures
progress; a comparison of two periods under 力争 dates nothing; a count of the indicators a clause is about
("三项指标要力争…") is no amount; bare numerals after an announced count of points ("提出三点要求：一…。二…。三…。")
are a series of sections. Each test fails on the extractor before the round but
the guards, which pass before and after.
"""

from luoshi.extraction import extract_text

NEWS = "青石县召开重点工作推进会\n"
SPEECH = "在全县重点工作推进会上的讲话\n同志们：\n"


def kinds(text: str) -> list:
    return [(t["kind"], t["strength"], t["deadline"]) for t in extract_text(text)["targets"]]


def test_a_quoted_series_of_recurring_duties_put_in_force_recurs():
    text = NEWS + "会议要求，要落实工作责任，坚持“一季度一督查、一月一通报”，切实提高执行力。\n"
    recurring = [t for t in extract_text(text)["targets"] if t["kind"] == "recurring"]
    assert [(t["recurrence"], t["indicator"]) for t in recurring] == [("一季度一", "督查"), ("一月一", "通报")]


def test_a_quoted_series_naming_a_system_still_names_it():
    # guard: passes before and after the round
    text = NEWS + "会议要求，要严格执行“年初建账、逐月查账、年底交账”的督查制度。\n"
    assert [t for t in extract_text(text)["targets"] if t["kind"] == "recurring"] == []


def test_a_speechs_statement_of_its_meetings_purpose_sets_no_work():
    text = SPEECH + "今天召开这次会议，主要目的就是总结工作，对下半年招商工作进行安排，确保全年工作开好局。\n"
    assert kinds(text) == []


def test_work_a_speech_sets_after_its_purpose_still_counts():
    # guard: passes before and after the round
    text = SPEECH + "今天召开这次会议，主要目的就是总结工作。会后，各部门要确保今年各项任务圆满完成。\n"
    assert kinds(text) == [("qualitative", "确保", None)]


def test_a_purpose_opened_with_an_adverb_goes_on_through_its_ensure_clause():
    text = (
        "关于征集民生实事项目的公告\n为认真做好2025年民生实事项目安排工作，确保项目贴近群众需求，现面向社会公开征集。\n"
    )
    assert kinds(text) == []


def test_a_rate_reached_as_of_today_measures_progress():
    text = (
        NEWS + "一是建好民心路。积极争取上级资金500万，新建农村公路12公里，改造危桥3座，截至目前全镇公路硬化率达85%。\n"
    )
    assert kinds(text) == []


def test_counted_works_without_a_progress_measure_stay_targets():
    # guard: passes before and after the round
    text = "青石镇2025年工作计划\n一、抓好道路建设\n今年计划新建农村公路12公里，改造危桥3座。\n"
    assert [k for k, _, _ in kinds(text)] == ["quantity", "quantity"]


def test_a_comparison_of_periods_dates_nothing():
    text = NEWS + "会议强调，要迅速掀起攻势，力争三季度好于二季度，确保完成全年目标任务。\n"
    assert kinds(text) == [("qualitative", "力争", None), ("qualitative", "确保", None)]


def test_a_quarter_a_duty_is_done_in_is_still_its_deadline():
    # guard: passes before and after the round
    text = NEWS + "会议要求，三季度完成全部项目的开工建设。\n"
    assert [d for _, _, d in kinds(text)] == ["三季度"]


def test_a_count_of_the_indicators_a_clause_is_about_is_no_amount():
    text = SPEECH + "县统计局承担的三项指标要力争减少扣分，努力提高排名。\n"
    assert kinds(text) == [("qualitative", "力争", None)]


def test_indicators_to_complete_stay_an_amount():
    # guard: passes before and after the round
    text = "青石镇2025年工作计划\n一、抓好考核工作\n年底前完成考核指标12项。\n"
    assert [(t["value"], t["unit"]) for t in extract_text(text)["targets"]] == [(12, "项")]


def numbered(text: str) -> list:
    return [(s["level"], s["number"], s["title"]) for s in extract_text(text)["sections"]]


def test_bare_numerals_after_an_announced_count_of_points_are_a_series():
    text = (
        NEWS
        + "会议由镇长主持。\n最后，书记提出两点要求：一压实工作责任。各村要明确分工。二加快工作进度。各部门要倒排工期。\n"
    )
    assert numbered(text) == [(1, "一", "压实工作责任"), (1, "二", "加快工作进度")]


def test_bare_numerals_without_all_the_announced_points_are_no_series():
    # guard: passes before and after the round
    text = NEWS + "会议由镇长主持。\n书记提出三点要求：一方面要压实责任。二要加快进度。\n"
    assert [number for _, number, _ in numbered(text)] == ["", ""]
