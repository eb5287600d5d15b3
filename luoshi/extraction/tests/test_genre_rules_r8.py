"""Rules for kinds met in round 8 of the public corpus (issue 18), on made-up tables and sentences.

Tables a web page gives one cell a line (with or without a 序号 column, a progress report's among them), a
一是…三是 series inside a table's cell.
"""

from luoshi.extraction import extract_text
from luoshi.extraction.stacked_tables import find_stacks

HEAD = "2025年全镇工作要点\n二、今年重点工作\n"


def targets(body: str, head: str = HEAD) -> list[dict]:
    return extract_text(head + body)["targets"]


def fields(body: str, *names: str, head: str = HEAD) -> list[tuple]:
    return [tuple(t[n] for n in names) for t in targets(body, head)]


def stacked(rows: list[list[str]], blank: bool = False) -> str:
    """The rows one cell a line, as a web page's copy gives a table (with blank lines between, or not)."""
    glue = "\n\n" if blank else "\n"
    return glue.join(cell for row in rows for cell in row) + "\n"


TABLE = [
    ["序号", "工作任务", "牵头单位", "完成时限"],
    ["一、产业发展"],
    ["1", "新建标准化厂房2万平方米", "经发办", "6月底前"],
    ["2", "完成户厕改造300户", "农业农村办", "10月底前"],
]


def test_a_table_given_one_cell_a_line_reads_as_the_tabbed_table():
    head = "柳溪镇2025年重点工作任务分解表\n"
    tabbed = "".join("\t".join(row) + "\n" for row in TABLE)
    expected = fields(tabbed, "indicator", "value", "deadline", "responsible", head=head)
    assert expected == [
        ("新建标准化厂房", 2, "6月底前", ["经发办"]),
        ("户厕改造", 300, "10月底前", ["农业农村办"]),
    ]
    for blank in (False, True):
        assert fields(stacked(TABLE, blank), "indicator", "value", "deadline", "responsible", head=head) == expected
        sections = extract_text(head + stacked(TABLE, blank))["sections"]
        assert [(s["number"], s["title"]) for s in sections] == [("一、", "产业发展")]


def test_a_stacked_table_ends_at_the_next_heading_of_the_document():
    body = stacked(TABLE) + "二、工作要求\n各单位要每月25日前报送进展情况。\n"
    texts = body.split("\n")
    (stack,) = find_stacks(texts)
    assert [texts[n] for n in stack.header] == TABLE[0]
    assert [[texts[n] for n in rows] for _, rows in stack.rows] == TABLE[1:]
    found = fields(body, "indicator", "deadline", "recurrence", head="柳溪镇重点工作任务分解表\n")
    assert found[:2] == [("新建标准化厂房", "6月底前", None), ("户厕改造", "10月底前", None)]
    assert found[2][0].endswith("报送进展情况") and found[2][2] == "每月"  # the prose after the table


def test_a_progress_report_given_one_cell_a_line_gives_no_targets():
    rows = [
        ["序号", "项目内容", "当前进度", "牵头单位"],
        ["1", "建设农村公路15公里。", "95%", "交通办"],
        ["2", "新增公办幼儿学位300个。", "80%（进度滞后）", "教育办"],
    ]
    plan = extract_text("2024年民生实事项目进度表（截至10月31日）\n" + stacked(rows))
    assert plan["targets"] == [] and plan["sections"] == []


def test_a_stacked_table_without_an_index_column_is_read_by_its_width():
    rows = [
        ["目标任务", "执行措施", "工作进展", "后续举措", "责任分工"],
        ["全年新签约亿元项目3个。", "制定招商方案。", "签约1个。", "一是外出招商。二是跟进在谈项目。", "经发办"],
        ["新建高标准农田2000亩。"],
    ]
    plan = extract_text("某镇重点任务第一季度进展情况\n" + stacked(rows))
    assert plan["targets"] == []  # a progress report's cells, the last row's cut after its goal
    assert [(s["number"], s["title"]) for s in plan["sections"]] == [("一是", "外出招商"), ("二是", "跟进在谈项目")]


def test_short_lines_of_prose_are_no_stacked_table():
    body = "会议要求：\n领导重视\n责任单位\n加强督查\n各村要抓好落实，确保完成新建道路5公里。\n"
    assert find_stacks(body.split("\n")) == []
    assert fields(body, "value", "unit") == [(5, "公里")]


def sections(text: str) -> list[tuple]:
    return [(s["level"], s["number"], s["title"]) for s in extract_text(text)["sections"]]


def test_parts_named_by_a_word_and_their_number_are_sections():
    text = "某县政府工作报告摘要\n重点一：做强工业经济。力争新增规上企业5家。\n重点二：建设美丽乡村。新建污水站3个。\n"
    assert sections(text) == [(1, "重点一", "做强工业经济"), (1, "重点二", "建设美丽乡村")]
    assert sections("某镇工作要点\n任务一：抓好招商。任务二不是标题。\n") == [(1, "任务一", "抓好招商")]


def test_an_item_of_a_list_in_a_paragraph_may_open_with_a_figure():
    text = "某镇工作汇报\n取得明显成效：1、完成征地300亩。2、新建厂房一栋。3、330国道改造已完工。4、另建110KV线路。\n"
    assert [s[1] for s in sections(text)] == ["1、", "2、", "3、", "4、"]
    # "1、2月份" is a figure, not a list's item
    assert sections("某镇工作要点\n一、农业生产\n抓好春耕，1、2月份完成备耕，3、4月份完成春播。\n") == [
        (1, "一、", "农业生产")
    ]


def test_a_headings_closing_note_of_leaders_is_no_part_of_its_title():
    text = "某区目标任务分解\n一、经济发展指标（牵头领导：张三、李四）\n1.地区生产总值增长6%。\n"
    assert sections(text)[0] == (1, "一、", "经济发展指标")
    table = (
        "某区目标任务分解表\n序号\t目标任务\t牵头单位\n一、主要指标（牵头领导：张三）\n1\t地区生产总值增长6%\t发改局\n"
    )
    assert sections(table)[0][1:] == ("一、", "主要指标")


def test_a_sentence_looking_ahead_keeps_its_tense_across_semicolons_in_a_review_paragraph():
    body = (
        "过去的一年，全乡各项工作位次后移。新的一年我们将全力打好翻身仗，力争完成财政收入800万元，增长20%；"
        "完成固定资产投资3亿元，增长15%。\n"
    )
    assert fields(body, "value", "strength") == [(800, "力争"), (20, "力争"), (3, "力争"), (15, "力争")]
    # a review's sentence stays one across "；"
    assert fields("过去的一年，全乡完成财政收入700万元；新建道路5公里。\n", "value") == []


def test_了然于胸_is_no_completed_verb():
    body = "一要每日现场办公一次，对工作情况了然于胸；二是每日晚上召开工作例会。\n"
    found = fields(body, "indicator", "kind")
    assert len(found) == 2 and found[1][0].endswith("召开工作例会") and found[1][1] == "recurring"


def test_a_yearly_amount_with_its_own_modal_takes_no_milestone_date_of_the_clause_before():
    body = "确保金矿项目10月底前正式投产，力争每年税收不低于1000万元。\n"
    assert fields(body, "kind", "strength", "deadline") == [
        ("milestone", "确保", "10月底前"),
        ("quantity", "力争", None),
    ]
    # an amount of its own, not a yearly one, still takes the date before it
    assert fields("确保金矿项目10月底前正式投产，力争新增就业岗位200个。\n", "deadline") == [
        ("10月底前",),
        ("10月底前",),
    ]
    # a deadline opening the sentence still governs every clause
    assert fields("年底前，确保完成道路硬化5公里，力争新建公厕3座。\n", "deadline") == [("年底前",), ("年底前",)]


def test_力_ending_a_noun_makes_no_力争():
    assert fields("（一）全力攻项目，增加实力争进位\n", "strength") == []
    assert fields("努力争取新建村级公路3公里。\n", "strength") == [("争取",)]
    assert fields("力争新建村级公路3公里。\n", "strength") == [("力争",)]


def test_an_investment_naming_listed_projects_is_no_amount():
    found = fields("力促引进投资3亿元的童车生产和投资7亿元的粮油加工项目落户园区。\n", "value", "unit")
    assert (3, "亿元") not in found and (7, "亿元") not in found
    # the second sum shares 投资, and the projects counted again ("两个项目") are no amount either
    assert fields("力促引进投资3亿元的童车生产和7亿元的粮油加工两个项目尽快签约。\n", "value") == []


def test_figures_of_one_firm_joined_by_a_comma_name_it():
    body = "确保投资5亿元、年交税不低于2000万元的鹏达电源有限公司在年底前建成投产。\n"
    assert fields(body, "kind", "value", "strength", "deadline") == [("milestone", None, "确保", "年底前")]
    # items sharing a verb are still split
    assert fields("新建污水站2个、垃圾中转站3个。\n", "value") == [(2,), (3,)]


def test_a_list_of_results_inside_its_paragraph_reports():
    body = "组织开展“百日攻坚”活动，取得明显成效：1、完成征地500亩。2、新建厂房3栋，已进场施工。\n"
    assert fields(body, "value") == []
    # a list of tasks inside a paragraph is no review
    assert fields("抓好三件事：1、完成征地500亩。2、新建厂房3栋。\n", "value") == [(500,), (3,)]


def test_争创_naming_a_campaign_or_its_meeting_asks_nothing():
    body = "8月23日，镇召开争创“十强乡镇”工作推进会。会议要求扎实推进“十强乡镇”争创工作。\n"
    assert fields(body, "strength") == []
    assert fields("争创省级文明村1个。\n", "value", "strength") == [(1, "争创")]


def test_a_sum_the_units_counted_before_must_reach_is_their_condition():
    assert fields("新增3个村集体收入超过10万元。\n", "value", "unit") == [(3, "个")]
    assert fields("培育2家企业年产值达到1亿元以上。\n", "value", "unit") == [(2, "家")]
    # two amounts of their own stay two
    assert fields("新增就业岗位300个，实现劳务收入1000万元。\n", "value") == [(300,), (1000,)]


def test_an_expected_date_after_a_report_looks_ahead():
    body = "续建项目均已复工，其中，养殖小区预计6月份建成投用；公立幼儿园预计9月份开园。\n"
    assert fields(body, "kind", "strength", "deadline") == [
        ("milestone", "预计", "6月份"),
        ("milestone", "预计", "9月份"),
    ]
    # an estimate of the year's result is a report
    assert fields("今年以来，各村经营性收入稳步增长，预计全年经营性收入1316万元。\n", "value") == []


def test_a_plants_yearly_output_names_it():
    body = "年产50万吨建筑垃圾资源化再利用项目正在进行设备安装，年底前建成投产。\n"
    assert fields(body, "value") == [(None,)]
    assert fields("全年粮食产量达到5万吨。\n", "value", "unit") == [(5, "万吨")]


def test_a_one_character_alternative_in_brackets_stays_inside_its_word():
    body = "力争新创名牌产品2-3个，参与制（修）定国家、行业标准3-5个。\n"
    assert fields(body, "value", "strength") == [(3, "力争"), (5, "力争")]


def test_things_listed_by_their_codes_before_各_are_one_target_each():
    found = fields("力争建设申报3A、4A景区各1个，省级农业旅游示范点1个。\n", "indicator", "value")
    assert found == [("建设申报3A景区", 1), ("建设申报4A景区", 1), ("省级农业旅游示范点", 1)]
    # names in words: where each ends is not known, one target stays
    assert len(fields("新建东村、西村文化广场各1处。\n", "value")) == 1


def test_a_phase_in_a_name_does_not_split_a_list_of_works():
    body = "力争在2025年完成职业学院二期、河道整治、污水处理厂等在建工程建设并投入使用。\n"
    assert fields(body, "kind", "deadline", "strength") == [("milestone", "2025年", "力争")]
    assert "职业学院二期、河道整治" in targets(body)[0]["indicator"]


def test_确保_in_a_list_of_results_tells_how_it_went():
    body = "组织开展“百日攻坚”活动，取得明显成效：1、完成征地500亩。2、做好公建项目服务保障，确保产业园无障碍施工。\n"
    assert fields(body, "kind") == []


def test_a_count_of_villages_for_a_project_to_speed_up_is_its_amount():
    assert fields("加快叶店、金竹园等10个村的农房改造项目。\n", "value", "unit") == [(10, "个")]


def test_counted_works_sharing_a_verb_stay_apart_before_a_name_with_的():
    found = fields("建成2个污水站、5个村的公厕和8个垃圾池项目。\n", "value")
    assert found == [(2,), (5,), (8,)]


def test_a_projects_dates_joined_by_a_comma_are_two_milestones():
    found = fields("物流园项目3月开工、年底建成。\n", "kind", "indicator", "deadline")
    assert found == [("milestone", "物流园项目开工", "3月"), ("milestone", "物流园项目建成", "年底")]
    # an amount and a date of other work stay one clause's business
    assert len(fields("完成道路硬化5公里、6月底前完成绿化。\n", "value")) == 1


def test_a_project_named_with_a_placeholder_is_no_placeholder_count():
    assert fields("XX项目计划今年4月开工。\n", "value", "unit", "deadline") == [(None, None, "4月")]
    assert fields("完成×项重点任务。\n", "unit") == [("项",)]


def test_a_stacked_cell_broken_into_lines_is_one_cell():
    rows = [
        ["序号", "民生实事", "责任单位", "完成时限"],
        ["1", "启动建设东河城区段综合治理工程。", "县水务局", "县住建局", "县河道指挥部", "12月底前"],
        ["2", "新建2座人行天桥。", "县住建局", "9月底前"],
    ]
    found = fields(stacked(rows), "value", "deadline", "responsible", head="某县民生实事目标任务分解表\n")
    assert found == [
        (None, "12月底前", ["县水务局", "县住建局", "县河道指挥部"]),
        (2, "9月底前", ["县住建局"]),
    ]
