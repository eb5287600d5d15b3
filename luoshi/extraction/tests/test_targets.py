"""Targets: what counts, how it is worded, and what is deliberately left out."""

import pytest

from luoshi.extraction import extract_text

HEAD = "2024年全镇工作要点\n二、今年重点工作\n"


def targets(body: str) -> list[dict]:
    return extract_text(HEAD + body)["targets"]


def fields(body: str, *names: str) -> list[tuple]:
    return [tuple(t[n] for n in names) for t in targets(body)]


def test_strength_opening_a_series_governs_each_item():
    assert fields("确保新上亿元项目×个，×万元以上项目×个。", "indicator", "value", "unit", "strength") == [
        ("新上亿元项目", None, "个", "确保"),
        ("×万元以上项目", None, "个", "确保"),
    ]


def test_a_planned_list_of_four_gives_four_targets():
    found = fields(
        "计划培育县级农民专业合作社×家、家庭农场×家，市级农民专业合作社×家，家庭农场×家。", "unit", "strength"
    )
    assert found == [("家", "计划")] * 4


def test_strength_written_after_the_noun_governs_only_its_item():
    found = fields("一般公共预算收入力争达到3200万元，固定资产投资增长10%以上。", "strength", "value", "qualifier")
    assert found == [("力争", 3200, None), (None, 10, "以上")]


@pytest.mark.parametrize(
    ("body", "value", "unit"),
    [
        ("新建高标准农田一万二千亩。", 12000, "亩"),
        ("培育龙头企业两家。", 2, "家"),
        ("改造危房一百二十户。", 120, "户"),
        ("新建道路十一条。", 11, "条"),
        ("完成改厕３５０户。", 350, "户"),
        ("新增就业1.2万人。", 1.2, "万人"),
    ],
)
def test_chinese_and_full_width_numerals_become_numbers(body, value, unit):
    assert fields(body, "value", "unit") == [(value, unit)]


@pytest.mark.parametrize(
    ("body", "qualifier"),
    [
        ("培训不少于600人次。", "不少于"),
        ("新增企业5家以上。", "以上"),
        ("争取资金X余万元。", "余"),
        ("增长6%左右。", "左右"),
    ],
)
def test_qualifiers_are_kept_apart_from_the_number(body, qualifier):
    assert fields(body, "qualifier") == [(qualifier,)]


@pytest.mark.parametrize("placeholder", ["X", "×", "Ｘ", "x"])
def test_placeholders_have_a_null_value_but_keep_the_unit(placeholder):
    assert fields(f"确保引进项目{placeholder}个。", "value", "unit", "kind") == [(None, "个", "quantity")]


def test_deadline_bound_outcome_without_number_is_a_milestone():
    found = targets("今年年底前，所有村合作社要有实质化运营。")
    assert [(t["kind"], t["deadline"], t["period"], t["value"]) for t in found] == [
        ("milestone", "年底前", "今年", None)
    ]


@pytest.mark.parametrize("deadline", ["6月底前", "×月×日前", "上半年", "第三季度", "汛期前", "3月10日前"])
def test_deadline_phrases_are_kept_as_written(deadline):
    assert fields(f"{deadline}完成全部水库隐患排查。", "deadline", "kind") == [(deadline, "milestone")]


def test_a_deadline_opening_a_sentence_applies_to_its_quantities():
    assert fields("到2024年底，卫生厕所普及率达到90%以上，创建示范村3个。", "deadline") == [("2024年底",)] * 2


def test_periods_are_not_deadlines():
    assert fields("全年新增城镇就业320人。", "period", "deadline") == [("全年", None)]


@pytest.mark.parametrize(
    ("body", "recurrence"),
    [
        ("从下周一开始，恢复一三五正常点名。", "一三五"),
        ("坚持每周一开展安全隐患排查。", "每周一"),
        ("村务要按月公开。", "按月"),
    ],
)
def test_recurring_duties(body, recurrence):
    assert fields(body, "kind", "recurrence") == [("recurring", recurrence)]


def test_a_frequency_is_recurring_with_its_count():
    assert fields("镇督查办每月通报一次工作进展。", "kind", "value", "unit", "recurrence", "responsible") == [
        ("recurring", 1, "次", "每月", ["镇督查办"])
    ]


def test_qualitative_commitments_need_a_strong_modal_and_no_purpose_clause():
    assert fields("确保不发生规模性返贫。为确保安全，要加强巡查。", "kind", "strength") == [("qualitative", "确保")]


def test_responsible_note_applies_to_its_item():
    found = targets("1.工业经济。新增规上企业20家。（牵头单位：县工信局；配合单位：各乡镇、街道）")
    assert found[0]["responsible"] == ["县工信局", "各乡镇", "街道"]


def test_section_path_lists_numberings_outer_to_inner():
    assert targets("（一）抓项目。一是抓招商，确保引进项目3个；二是抓建设。")[0]["section"] == [
        "二、",
        "（一）",
        "一是",
    ]


@pytest.mark.parametrize(
    "body",
    [
        "下面，我讲以下三个方面的内容。",
        "聚焦镇“十一条”专线工作目标任务。",
        "同志们，“一分部署，九分落实”。",
        "聚焦“两不愁三保障”，推动一二三产融合发展。",
        "今年恰逢建党103周年。",
        "×月×日，县委对全县进行自查评估。",
        "荣获大赛第×名。",
        "全镇23个村要加强管理。",
        "要招引一批龙头企业，确保不漏一人。",
        "对连续两个月排名靠后的单位进行约谈。",
    ],
)
def test_slogans_counts_dates_ranks_and_scopes_are_not_quantities(body):
    assert [t for t in targets(body) if t["kind"] == "quantity"] == []


def test_last_years_results_are_not_targets():
    assert targets("去年完成地方财政收入3000万元，新建道路5公里。") == []
    assert targets("（×个村已经运营）") == []


def test_a_review_section_yields_no_targets_even_without_past_markers():
    text = (
        "在2024年会议上的讲话\n同志们：\n一、勇于担当\n一年来，全镇发展取得明显成效。\n一是打基础。\n"
        "新建社区X个、住宅楼X栋，完成地方财政收入×万元。\n二、科学谋划\n确保新上项目5个。"
    )
    assert [t["value"] for t in extract_text(text)["targets"]] == [5]


def test_a_review_heading_by_year_is_retrospective():
    text = "2024年政府工作报告\n一、2023年工作回顾\n新引进项目6个。\n二、2024年主要目标\n新引进项目8个。"
    assert [t["value"] for t in extract_text(text)["targets"]] == [8]


def test_offsets_point_at_the_clause_in_the_document_text():
    text = HEAD + "（一）招商。 确 保 新上项目 ３ 个，力争引进资金5亿元。"
    for target in extract_text(text)["targets"]:
        assert text[target["offset"] :].startswith(target["text"])
