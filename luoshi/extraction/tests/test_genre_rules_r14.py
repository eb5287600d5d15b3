"""Rules of round 14 of the public corpus (issue 18), on made-up sentences.

Written from the misses and extras of round 14's first look (and the tuning set's older misses) only: a planned total
opening a clause before counted works, and the share after it, describe the works, and 计划 inside the noun 年计划总投资
governs nothing after it; a width before the surface built and a first estimate of a work's cost describe it; the count
of works a meeting deploys is its own tally; an estimate for the months already past reports; 争取 with an object of
support or funds is a verb, no modal of what follows; a date right after 确保 is its deadline, and so is the day a step
is to end; households a work is done on, counted after 辖区, are its amount; a deadline opening a clause of work goes on
across "；" to the rest of the sentence, its outcomes closing on a completion verb included, and its result verb is
shared by the items joined by 及. Each test fails on the extractor before the round but the guards, which pass before
and after.
"""

from luoshi.extraction import extract_text

PLAN = "青石镇2025年工作计划\n一、抓好重点工作\n"
NEWS = "青石镇召开工作部署会\n"


def found(text: str) -> list:
    return [(t["value"], t["unit"]) for t in extract_text(text)["targets"]]


def described(text: str) -> list:
    return [(t["kind"], t["value"], t["strength"], t["deadline"]) for t in extract_text(text)["targets"]]


def test_a_planned_total_and_its_share_before_counted_works_describe_them():
    text = PLAN + "年计划总投资2.5亿元，镇级投入300万元，实施集镇建设项目8个。\n"
    assert found(text) == [(8, "个")]


def test_plan_inside_the_noun_for_the_years_planned_total_governs_nothing_after_it():
    text = PLAN + "年计划总投资2.5亿元，镇级投入300万元，实施集镇建设项目8个。\n"
    assert [t["strength"] for t in extract_text(text)["targets"]] == [None]


def test_a_planned_investment_with_its_works_is_still_a_target():
    # guard: passes before and after the round
    text = PLAN + "计划投资800万元，新建冷库3座。\n"
    assert found(text) == [(800, "万元"), (3, "座")]


def test_a_width_before_the_surface_built_describes_it():
    text = PLAN + "改造东风街砂石路面为6米宽沥青路面，完成西关街12盏路灯安装。\n"
    assert found(text) == [(12, "盏")]


def test_a_width_a_road_is_widened_to_is_still_a_target():
    # guard: passes before and after the round
    text = PLAN + "拓宽改造东风街，路面由7米拓宽到12米。\n"
    assert found(text) == [(12, "米")]


def test_a_first_estimate_of_a_works_cost_describes_it():
    text = PLAN + "东环路两侧新建绿化带，拓宽人行道达3公里，初步测算80万元。\n"
    assert found(text) == [(3, "公里")]


def test_the_count_of_works_a_meeting_deploys_is_its_own_tally():
    text = "青石镇部署惠民工作和集镇创建\n5月6日，青石镇召开全体干部会议，周密部署两项涉及面广的惠民工作。会议要求，确保各项工作按时完成。\n"
    assert described(text) == [("qualitative", None, "确保", None)]


def test_an_estimate_for_the_months_already_past_reports():
    text = (
        "在全镇“冲刺四季度”会议上的讲话\n一、认清形势，坚定信心\n"
        "回顾前三个季度，经济运行稳中有进。预计1-9月份，全镇实现地区生产总值同比增长约6%，规上工业增加值稳步攀升。\n"
    )
    assert found(text) == []


def test_an_expected_date_is_still_a_milestone():
    # guard: passes before and after the round
    text = PLAN + "冷链物流园项目预计10月底完工。\n"
    assert described(text) == [("milestone", None, "预计", "10月底")]


def test_zhengqu_with_an_object_of_support_is_no_modal_of_what_follows():
    text = PLAN + "积极争取涉农资金项目支持，持续加大投入，开展5000亩高标准农田建设项目。\n"
    assert described(text) == [("quantity", 5000, None, None)]


def test_zhengqu_before_an_amount_is_still_its_strength():
    # guard: passes before and after the round
    text = PLAN + "积极培育市场主体，争取新增规上企业2家。\n"
    assert described(text) == [("quantity", 2, "争取", None)]


def test_a_date_right_after_queban_is_its_deadline():
    text = NEWS + "会议要求，一要做好征地工作；二要全力以赴做好协调，确保11月8日开工仪式顺利举行。\n"
    assert described(text) == [("milestone", None, "确保", "11月8日")]


def test_the_day_a_step_is_to_end_is_its_deadline():
    text = NEWS + "会议要求，全镇统一标准，严把时间关，5日全面开始，12日基本结束，13日后录入信息。\n"
    assert described(text) == [("milestone", None, None, "12日")]


def test_households_a_work_is_done_on_counted_after_xiaqu_are_its_amount():
    text = PLAN + "完成辖区30户低保、低收入等困难家庭老年人的适老化改造。\n"
    assert found(text) == [(30, "户")]


def test_households_a_service_is_for_after_xiaqu_are_still_a_scope():
    # guard: passes before and after the round
    text = PLAN + "为辖区200户低保对象投保，实施老旧小区改造4个。\n"
    assert found(text) == [(4, "个")]


def test_a_deadline_opening_a_clause_of_work_goes_on_across_a_semicolon():
    text = PLAN + (
        "其中，在集中行动阶段，将全面推进整治工作，11月底前全面完成8个村整治工作；"
        "专项资金使用率达到95%以上，示范村创建任务全面完成。\n"
    )
    assert described(text) == [
        ("quantity", 8, "完成", "11月底前"),
        ("quantity", 95, "达到", "11月底前"),
        ("milestone", None, "完成", "11月底前"),
    ]


def test_a_deadline_opening_the_clause_leaves_its_result_verb_to_the_items_joined_by_ji():
    text = PLAN + "12月底前全面完成5个村及60%以上面上村整治工作。\n"
    assert [t["strength"] for t in extract_text(text)["targets"]] == ["完成", "完成"]


def test_a_deadline_of_a_clause_before_does_not_date_a_new_sentence():
    # guard: passes before and after the round
    text = PLAN + "11月底前全面完成8个村整治工作。新建游园2处。\n"
    assert described(text) == [("quantity", 8, "完成", "11月底前"), ("quantity", 2, None, None)]
