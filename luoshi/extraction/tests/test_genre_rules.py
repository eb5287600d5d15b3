"""Rules for kinds of sentences the genre writes (issue 18), each on made-up sentences.

Township and county 工作要点, 重点工作安排, 推进会讲话 and 任务分解 notices count their own
tasks, set rules of assessment, name projects by phase, recall results, measure in
uncommon units, list items under one verb and write recurring duties in shorthand.
"""

import pytest

from luoshi.extraction import extract_text
from luoshi.extraction.timing import find_recurrences

HEAD = "2025年全镇工作要点\n二、今年重点工作\n"


def targets(body: str) -> list[dict]:
    return extract_text(HEAD + body)["targets"]


def fields(body: str, *names: str) -> list[tuple]:
    return [tuple(t[n] for n in names) for t in targets(body)]


@pytest.mark.parametrize(
    "body",
    [
        "此次共梳理年度重点任务64项，涉及牵头部门19家。",  # the document counting its tasks and bodies
        "经汇总，全县共细化工作措施35条。",
        "一、农业农村（8项）\n",  # a heading's tally in brackets
        "（二）基层治理（共12项）\n",
        "下面，我就抓好今年的工作讲四点意见。",
    ],
)
def test_counts_describing_the_document_or_meeting_are_no_targets(body):
    assert targets(body) == []


def test_a_tally_with_a_verb_of_work_is_still_a_target():
    assert fields("全年共完成整改问题45个。", "value", "unit") == [(45, "个")]


@pytest.mark.parametrize(
    "body",
    [
        "对连续两个月排名后三位的村，予以全镇通报批评。",
        "凡未按期完成任务的部门，一律扣减年度考核分。",
        "对连续三次督查排名末位的单位，由镇纪委约谈主要负责人。",
    ],
)
def test_rules_and_penalties_are_no_targets(body):
    assert targets(body) == []


def test_a_penalty_clause_leaves_the_commitment_after_it():
    found = fields("对推进缓慢的单位将通报批评，确保各项任务如期完成。", "kind", "strength")
    assert found == [("qualitative", "确保")]


@pytest.mark.parametrize("body", ["加快推进垃圾中转站3期工程建设。", "启动物流园二期项目前期工作。"])
def test_a_phase_in_a_project_name_is_no_target(body):
    assert targets(body) == []


def test_a_heading_naming_a_project_is_no_target_but_one_ordering_work_is():
    assert targets("（一）七个村饮水安全巩固项目\n") == []
    assert fields("（一）实施七个村饮水安全巩固项目\n", "value", "unit") == [(7, "个")]


@pytest.mark.parametrize(
    "body",
    [
        "一年来，全镇累计栽植经济林2.4万亩，新建公厕12座。",
        "上半年整治工作力度空前，拆除违建房屋26处，清运垃圾800吨。",
        "同时新增土地整理项目15个约2100亩，均已完成立项。",
        "其中14个村由县里统一配送共计960盏路灯。",
    ],
)
def test_past_results_and_reports_of_progress_are_no_targets(body):
    assert targets(body) == []


def test_a_share_with_a_bound_under_qizhong_is_a_target():
    found = fields("确保每个村集体收入达到8万元以上，其中15万元以上的村不少于6个。", "value", "unit", "qualifier")
    assert found == [(8, "万元", "以上"), (6, "个", "不少于")]


@pytest.mark.parametrize(
    ("body", "value", "unit", "qualifier"),
    [
        ("新植绿化苗木6万余株。", 6, "万株", "余"),
        ("全年出栏肉羊2万多头。", 2, "万头", "多"),
        ("蛋鸭存栏超8万羽。", 8, "万羽", "超"),
        ("新建标准化厂房3.5万平方米。", 3.5, "万平方米", None),
        ("收储秸秆超3000吨。", 3000, "吨", "超"),
        ("配备应急照明设备150余套。", 150, "套", "余"),
        ("新打灌溉机井9眼。", 9, "眼", None),
        ("改造老旧住宅楼6栋。", 6, "栋", None),
        ("新建公办幼儿园2所。", 2, "所", None),
        ("新建移动通信基站11座。", 11, "座", None),
        ("全年投放鱼苗50万尾。", 50, "万尾", None),
        ("粮食总产稳定在3000万斤。", 3000, "万斤", None),
    ],
)
def test_quantities_with_uncommon_measure_words_and_approximations(body, value, unit, qualifier):
    assert fields(body, "value", "unit", "qualifier") == [(value, unit, qualifier)]


def test_enumerations_sharing_one_verb_are_several_targets():
    found = fields("新建村级停车场4个及公交候车亭18座，改造供水管网9公里和排水沟渠6公里。", "value", "unit")
    assert found == [(4, "个"), (18, "座"), (9, "公里"), (6, "公里")]


def test_a_joint_without_a_second_quantity_is_one_item():
    assert fields("新建污水管网5公里及配套泵站。", "value", "unit") == [(5, "公里")]


def test_a_condition_inside_the_counted_phrase_is_no_target():
    found = fields("新增3个村级集体经济年收入超30万元的村。", "value", "unit", "indicator")
    assert found == [(3, "个", "新增村级集体经济年收入超30万元的村")]


def test_a_condition_before_the_count_stays_part_of_the_indicator():
    assert fields("培育年营业收入超5000万元的企业4家。", "value", "unit") == [(4, "家")]


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("每十天调度一次进度", ["每十天"]),
        ("每两周开展一次联合检查", ["每两周"]),
        ("每半个月通报一次", ["每半个月"]),
        ("每3个工作日报送一次", ["每3个工作日"]),
        ("每季度召开一次分析会", ["每季度"]),
        ("全面实行日巡查、周汇总、月通报", ["日", "周", "月"]),
        ("坚持每月一调度", ["每月一"]),
        ("落实项目周调度、月通报制度", []),  # a system named after the project, not a duty set here
        ("今年考核结果", []),
    ],
)
def test_recurrences_with_uncommon_periods(text, marks):
    assert [m.text for m in find_recurrences(text)] == marks


def test_a_shorthand_series_of_duties_gives_one_recurring_target_each():
    found = fields("各网格全面实行日巡查、周汇总、月通报。", "kind", "recurrence")
    assert found == [("recurring", "日"), ("recurring", "周"), ("recurring", "月")]


def test_a_period_of_several_days_gives_a_recurring_target():
    assert fields("每十天调度一次重点项目进度。", "kind", "recurrence", "value", "unit") == [
        ("recurring", "每十天", 1, "次")
    ]


def test_a_modal_carries_across_semicolons_of_its_sentence():
    found = fields("力争全年新增市场主体300户；新增规上企业4家；引进亿元项目2个。", "value", "strength")
    assert found == [(300, "力争"), (4, "力争"), (2, "力争")]


def test_a_modal_in_a_lead_in_governs_the_listed_items():
    body = "今年镇里计划办好的民生工程有三项：一是改造农村危房40户；二是新建村卫生室3个；三是硬化通组道路8公里。"
    assert fields(body, "value", "strength") == [(40, "计划"), (3, "计划"), (8, "计划")]


def test_a_new_modal_opening_a_clause_takes_over_and_nothing_crosses_a_full_stop():
    found = fields("确保新建村级公路6公里；计划新建桥梁2座，预计年底前建成。新建公厕5座。", "value", "strength")
    assert found[:2] == [(6, "确保"), (2, "计划")]
    assert found[-1] == (5, None)


@pytest.mark.parametrize(
    ("body", "strength"),
    [
        ("计划新建文化广场3个。", "计划"),
        ("预计全年实现旅游收入1.2亿元。", "预计"),
        ("全年计划引进工业项目6个。", "计划"),
        ("按计划完成河道清淤12公里。", "完成"),  # 计划 as a noun: no modal
        ("确保完成年度计划任务的80%。", "确保"),
    ],
)
def test_plan_and_forecast_are_kept_as_written_and_not_taken_for_a_guarantee(body, strength):
    assert [t["strength"] for t in targets(body)] == [strength]


@pytest.mark.parametrize(
    "body", ["确保：新增城镇就业260人、培训农民400人次。", "今年力争：新增城镇就业260人，培训农民400人次。"]
)
def test_a_modal_leading_in_with_a_colon_governs_the_items_after_it(body):
    assert [t["strength"] for t in targets(body)] == [("力争" if "力争" in body else "确保")] * 2


def test_a_bare_modal_before_a_colon_is_no_qualitative_target():
    assert fields("全镇确保实现：生活垃圾分类覆盖率达到85%。", "kind", "value") == [("quantity", 85)]


def test_a_deadline_opening_a_sentence_applies_across_its_semicolons():
    found = fields("9月底前，完成村级党群服务中心改造4个；新建口袋公园2个。", "value", "deadline")
    assert found == [(4, "9月底前"), (2, "9月底前")]


def test_a_deadline_opening_a_later_piece_of_the_sentence_stays_there():
    found = fields("全年新增就业260人；10月1日前，敬老院新楼投入使用；新建村卫生室2个。", "value", "deadline")
    assert found == [(260, None), (None, "10月1日前"), (2, None)]


def test_a_clause_naming_its_own_time_does_not_take_an_earlier_deadline():
    found = fields("会议要求，三季度要确保完成工业投资0.8亿元，力争全年突破3亿元。", "value", "deadline", "strength")
    assert found == [(0.8, "三季度", "确保"), (3, None, "力争")]


def test_a_state_opening_with_you_is_no_target():
    assert targets("全镇24个行政村中，有9个村集体经济收入超过20万元。") == []
    assert [t["strength"] for t in targets("确保有6个村集体经济收入超过20万元。")] == ["确保"]


def test_a_progress_report_with_a_later_done_clause_keeps_only_what_is_still_to_do():
    found = fields("全镇共排查出消防隐患88处，已整改70处，剩余18处要在10月底前全部整改到位。", "value", "deadline")
    assert found == [(18, "10月底前")]


def test_a_series_opened_by_ji_is_worded_without_it():
    found = fields("要实现“三个100%”，即污水收集率100%、处理率100%。", "indicator")
    assert found == [("污水收集率",), ("处理率",)]


def test_a_school_term_is_a_deadline_as_written():
    assert fields("确保新建的3所幼儿园秋季开学前投入使用。", "deadline") == [("秋季开学前",)]


def test_preparing_projects_is_work_while_the_plan_counting_its_tasks_is_not():
    assert fields("围绕乡村振兴，谋划储备项目36个。", "value") == [(36,)]
    assert targets("本方案明确年度重点任务24项。") == []


@pytest.mark.parametrize("body", ["加快推进移民安置小区（三期）项目建设。", "年内启动物流园区二期。"])
def test_a_phase_named_in_brackets_or_after_a_place_is_no_amount(body):
    assert [t for t in targets(body) if t["unit"] == "期"] == []


def test_starting_a_phase_by_a_deadline_is_a_milestone():
    assert fields("年内启动物流园区二期。", "kind", "deadline") == [("milestone", "年内")]


def test_phases_of_events_held_are_amounts():
    assert fields("举办电商技能培训班四期。", "value", "unit") == [(4, "期")]


def test_more_measure_words_of_the_genre():
    found = fields("新建蓄水山塘4口，新增养老床位60张，盘活闲置土地7宗，发展中蜂300箱。", "value", "unit")
    assert found == [(4, "口"), (60, "张"), (7, "宗"), (300, "箱")]


def test_fortnightly_and_monthly_report_recurrences():
    assert [m.text for m in find_recurrences("坚持双周调度，每月一报")] == ["双周", "每月一"]


def test_a_plan_splitting_itself_into_tasks_is_a_tally():
    assert targets("全年工作共分解细化为64项具体任务。") == []


def test_a_series_of_duties_put_in_force_by_luoshi_and_reports():
    found = fields("各村要落实日巡查、周报告、月研判制度。", "recurrence")
    assert found == [("日",), ("周",), ("月",)]


def test_quanmian_before_a_result_verb_is_no_part_of_the_indicator():
    assert fields("全面完成农村改厕650户。", "indicator") == [("农村改厕",)]


def test_a_task_note_gives_its_deadline_and_no_body_named_after_another_label():
    body = "1.全年完成农村公路养护120公里，同比增长5%。（牵头单位：交管站；完成时限：11月底前）\n"
    found = fields(body, "indicator", "deadline", "responsible")
    assert found == [
        ("农村公路养护", "11月底前", ["交管站"]),
        ("农村公路养护同比增长", "11月底前", ["交管站"]),
    ]


def test_a_due_line_under_the_task_gives_its_deadline():
    found = fields("新建村级文化广场4个。\n牵头单位：文化站\n完成时限：9月底前\n", "deadline", "responsible")
    assert found[0] == ("9月底前", ["文化站"])


def test_a_line_leading_in_to_a_list_lends_its_modal_to_the_numbered_lines_under_it():
    body = "全年力争实现以下目标：\n1.新增个体工商户260户；\n2.确保引进项目4个；\n3.新建村道6公里。\n三、保障措施\n新建公厕2座。\n"
    found = fields(body, "value", "strength")
    assert found == [(260, "力争"), (4, "确保"), (6, "力争"), (2, None)]


def test_a_modal_before_a_list_is_no_qualitative_target_of_its_own():
    assert [t["kind"] for t in targets("今年确保完成以下任务：\n1.改造农村危房35户。\n")] == ["quantity"]


@pytest.mark.parametrize(
    ("body", "deadline"),
    [
        ("今年底前完成全部土坯房改造。", "年底前"),  # 今年 is left out, 年底 is not cut
        ("本月底前完成入户摸底。", "本月底前"),
        ("一个月内完成问题整改。", "一个月内"),
        ("收到通知后15天内完成自查。", "15天内"),
        ("3个工作日内办结群众诉求。", "3个工作日内"),
        ("即日起至8月31日，开展为期两个月的燃气安全专项整治。", "8月31日"),
        ("4月启动建设。", "4月"),
    ],
)
def test_deadlines_as_the_genre_writes_them(body, deadline):
    assert [t["deadline"] for t in targets(body)] == [deadline]


def test_around_a_festival_is_no_deadline():
    assert targets("春节前后开展一次安全生产大检查。") == []


def test_the_start_of_a_span_is_no_part_of_the_indicator():
    assert fields("即日起至8月31日，开展燃气安全专项整治。", "indicator") == [("开展燃气安全专项整治",)]


@pytest.mark.parametrize(
    ("body", "value"),
    [("全面兑现“20件惠民实事”。", 20), ("全力办好32件民生实事。", 32), ("要办好十件民生实事。", 10)],
)
def test_a_programme_of_practical_things_to_deliver_is_the_target(body, value):
    """The promised things are counted, quoted as the programme's name or not."""
    assert fields(body, "value", "unit") == [(value, "件")]


def test_a_programme_as_the_topic_of_a_judgment_is_no_target():
    assert targets("办好12件民生实事，是党委政府的一项重大决策。") == []


# Rules from the tuning set's second round (15 documents added to it, issue 18).


@pytest.mark.parametrize(
    "body",
    [
        "现将《通知》确定的86项工作任务落实要求明确如下。",  # the document's own list, counted as it is named
        "县人代会表决确定2025年民生实事项目12项。",  # a decision counted
        "今年累计征集群众身边实事项目15项。",
        "全镇谋划重点项目，共计36个项目。",
        "12项实事项目包括：\n",  # a count opening the list
    ],
)
def test_a_count_naming_the_documents_list_is_no_target(body):
    assert targets(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "全面落实县第十二次党代会部署。",  # a congress named by its number
        "深入学习贯彻县十五次党代会精神。",
        "总投资为48亿元。",  # a project set's total, opening its clause
        "积极引进总投资6200万元的食品加工项目。",  # the sum names the project after a verb
        "新建50兆瓦农光互补电站项目。",  # a plant's capacity in its name
        "设计面积约32000平方米。",  # a size described
        "沿河两侧建设长800米宽12米的滨河步道。",
        "（“一”是实施十个产业项目）",  # a gloss on a slogan's part
    ],
)
def test_names_sizes_and_glosses_are_no_amounts(body):
    assert fields(body, "value", "unit") == []


def test_an_investment_a_plan_sets_is_still_a_target():
    assert fields("年内计划投资15亿元。", "value", "unit", "strength") == [(15, "亿元", "计划")]


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("改造提升800亩茶园（新植茶叶300亩，低产改造500亩）。", [(800, "亩")]),
        ("硬化通组道路6公里，其中2组1公里，5组2公里。", [(6, "公里")]),
        ("年内计划投资20亿元。其中产业项目投资12亿元；民生项目投资8亿元。", [(20, "亿元")]),
        ("计划引进500万元以上项目8个，其中亿元项目不少于2个。", [(8, "个"), (2, "个")]),  # a bound: its own target
    ],
)
def test_a_breakdown_right_after_an_amount_is_no_target_of_its_own(body, kept):
    assert fields(body, "value", "unit") == kept


def test_a_change_against_a_placeholder_year_takes_the_indicator_before_it():
    found = fields("财政收入达到xxx万元，比xxxx年增长xx.x%。", "indicator", "value", "unit")
    assert found[1][1:] == (None, "%") and found[1][0].startswith("财政收入")


def test_a_weekday_in_a_date_stays_in_its_deadline():
    assert fields("各村于5月10日（星期五）前上报排查台账。", "kind", "deadline") == [("milestone", "5月10日前")]


def test_an_approval_before_the_work_is_not_its_indicator():
    assert fields("方案经镇主要领导审核同意后于3月5日前报送县政府。", "indicator", "deadline") == [
        ("方案报送县政府", "3月5日前")
    ]


def test_a_recurrence_in_a_quoted_series_names_a_rule():
    assert targets("严格执行“年初建账、逐月对账、年底交账”的督办制度。") == []


def test_a_recurrence_with_its_duty_in_the_next_clause():
    found = fields("各村要在每月底，将工作进展情况报镇党政办。", "kind", "indicator")
    assert found[0][0] == "recurring" and "工作进展情况" in found[0][1]


def test_a_heading_of_parallel_phrases_is_a_slogan():
    assert extract_text("通知\n一、压实责任，确保质量\n各村要按时完成。")["targets"] == []


def test_a_review_heading_with_a_period_is_no_milestone():
    assert extract_text("总结\n一、2025年上半年工作总结\n")["targets"] == []


def test_a_closing_completion_date_dates_the_project_and_the_amount_before_it():
    found = fields(
        "由镇建设办负责的青石村道路提升项目，拓宽道路3.5公里，预计2025年10月份完成。",
        "value", "strength", "deadline",
    )  # fmt: skip
    assert found == [(3.5, "预计", "2025年10月份")]
    found = fields("由镇农业办负责的白塔村美丽乡村建设项目，完善道路、亮化工程，预计2025年12月份完成。", "indicator")
    assert found == [("白塔村美丽乡村建设项目完成",)]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("新建2个污水处理站、3个垃圾中转站。", [(2, "个"), (3, "个")]),
        ("实施4个省级示范村和6个市级示范村建设。", [(4, "个"), (6, "个")]),
        ("紧紧围绕1.2万亩耕地保有量和0.9万亩永久基本农田保护目标。", [(1.2, "万亩"), (0.9, "万亩")]),
    ],
)
def test_counts_before_their_nouns_share_one_verb(body, found):
    assert fields(body, "value", "unit") == found


@pytest.mark.parametrize(
    ("body", "deadline"),
    [
        ("到2026年，建成示范村4个，培育龙头企业2家。", "2026年"),
        ("力争到2027年，建成示范村4个；培育龙头企业2家。", "2027年"),
    ],
)
def test_a_year_opening_the_sentence_is_every_items_deadline(body, deadline):
    assert [t["deadline"] for t in targets(body)] == [deadline, deadline]


def test_a_year_a_clause_only_reaches_is_no_deadline():
    assert targets("把试点延续到2026年，逐步推开。") == []


def test_this_years_review_heading_makes_a_review():
    text = "某镇2025年上半年工作总结\n一、2025年上半年工作总结\n工业总产值达到5亿元，同比增长8%。\n"
    assert extract_text(text)["targets"] == []


def test_a_project_named_between_an_amount_and_its_completion_date_keeps_them_together():
    found = fields("流转土地800亩，新建20兆瓦光伏电站项目，预计2025年9月份完成。", "value", "strength", "deadline")
    assert found[0] == (800, "预计", "2025年9月份")


def test_a_starred_figure_is_a_placeholder_with_its_unit():
    """Published plans star out figures not yet fixed ("*亿元"): a target without a value, as for "X亿元"."""
    assert fields("力争完成固定资产投资*亿元，新增就业＊人。", "value", "unit") == [(None, "亿元"), (None, "人")]
    assert targets("乘法3*4不是目标。") == []


# Round 3 (issue 18): kinds of sentences the 11 newest tuning documents showed.


@pytest.mark.parametrize(
    "body",
    [
        "为全面完成区十七届人大三次会议确定的各项任务，现将责任分工如下。",  # a session of a numbered congress
        "认真贯彻市委五届九次（扩大）会议精神。",
        "结合15万亩小麦高产示范区建设，完善农田林网。",  # what the work is set against
        "依托3个省级产业园，加快招商引资。",
        "会上，32名正式代表参与讨论并票选出年度民生实事项目。",  # the deputies who voted
        "为辖区215户402人特困对象购买意外保险。",  # a scope, in households and persons
        "《年度重点工作任务分解》明确96项具体任务。",  # the document's own tally
        "重点抓好食品加工和纺织服装两个主导产业。",  # a list counted again
        "要抢抓三季度、奋战下半年，确保完成全年任务目标。",  # a campaign's slogans, then a target
        "紧密结合下半年重点工作推进。",
        "聚焦“四季度”攻坚突破。",
        "按照“争创全省文明城市”的部署，扎实开展创建工作。",  # a quoted modal names a campaign
    ],
)
def test_names_scopes_contexts_and_slogans_are_no_quantity_or_milestone(body):
    found = targets(body)
    assert all(t["kind"] == "qualitative" and t["value"] is None for t in found), found


def test_a_slogan_period_leaves_the_target_after_it():
    assert fields("要抢抓三季度、奋战下半年，确保完成全年任务目标。", "kind", "strength") == [("qualitative", "确保")]


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("建成2个村史馆（建筑面积200—400平方米，藏书5000册）。", 2),  # a description in brackets
        ("建设党群服务阵地1处（约300平方米左右）。", 1),
    ],
)
def test_figures_in_brackets_after_a_name_describe_it(body, value):
    assert [t["value"] for t in targets(body)] == [value]


def test_an_investment_naming_its_project_leaves_a_qualitative_target():
    found = fields("力争投资逾3亿元的农贸市场项目主体完工。", "kind", "value", "strength")
    assert found == [("qualitative", None, "力争")]


def test_an_abbreviation_in_brackets_stays_in_the_indicator():
    found = fields("预计全年实现营业收入12亿元，增加值（GDP）3.5亿元。", "value", "indicator")
    assert found[1][0] == 3.5 and "增加值" in found[1][1]


def test_a_modal_spent_on_its_own_item_does_not_go_on_past_a_semicolon():
    found = fields(
        "主要预期目标为：完成上级下达税收任务，力争进入全市前列；一般公共预算收入增长3%以上。", "kind", "strength"
    )
    assert found == [("qualitative", "力争"), ("quantity", None)]


def test_a_series_modal_still_goes_on_past_a_semicolon():
    found = fields("计划完成三项任务：一是新建1个示范园；二是培训农民500人次。", "value", "strength")
    assert found == [(1, "计划"), (500, "计划")]


def test_a_closing_completion_verb_is_a_milestones_strength():
    assert fields("所有实事项目下月中旬要全部竣工完成。", "kind", "strength", "deadline") == [
        ("milestone", "完成", "下月中旬")
    ]


def test_zhi_items_and_numbers_inside_a_paragraph_are_sections():
    text = (
        "街道2026年十大工程\n"
        "街道党工委作出三项承诺：1.做好老街改造工作；2.推进菜市场建设；3.确保新社区建成。\n"
        "之一：“亮点工程”——老街改造提升。\n之二：“民生工程”——新建口袋公园3个。\n"
    )
    sections = extract_text(text)["sections"]
    assert [(s["level"], s["number"], s["title"]) for s in sections] == [
        (1, "1.", "做好老街改造工作"),
        (1, "2.", "推进菜市场建设"),
        (1, "3.", "确保新社区建成"),
        (1, "之一", "“亮点工程”——老街改造提升"),
        (1, "之二", "“民生工程”——新建口袋公园3个"),
    ]


def test_a_verb_of_work_inside_the_counted_noun_keeps_a_share_a_tally():
    assert targets("共计60个项目。其中产业发展项目共35个，总投资80亿元。") == []


def test_a_recurrence_finds_its_duty_after_a_bracketed_aside():
    found = fields(
        "各单位要在每季度末（分别在6月、9月和12月底），将本部门（单位）工作进展情况报镇党政办。", "kind", "indicator"
    )
    assert len(found) == 1 and found[0][0] == "recurring" and "工作进展情况" in found[0][1]


def test_recurring_checks_written_with_a_full_quarter_and_a_year():
    found = fields("目标完成情况实行一季度一督查、半年一考核、一年一考评。", "kind", "deadline")
    assert found == [("recurring", None)] * 3


def test_a_modal_going_on_with_a_purpose_after_the_main_verb_sets_no_target():
    assert targets("各部门都要照此方案落实，以保持工作的连续性，确保工作责任的落实。") == []


def test_a_modal_after_a_purpose_opening_the_sentence_still_does():
    assert fields("为加快进度，确保年底前全面完工。", "kind", "strength") == [("milestone", "确保")]


def test_the_items_of_a_list_of_results_report_even_with_a_verb_of_doing():
    body = (
        "2025年，全镇加快项目推进。主要成效有：\n"
        "1、项目工作力度加大。推动300亩农业观光园项目签订投资协议，完成5.6公里农村道路建设。\n"
        "2026年，计划新建农村道路8公里。\n"
    )
    assert fields(body, "value", "strength") == [(8, "计划")]


def test_a_list_of_works_counted_again_is_no_target_even_if_an_item_names_work():
    assert targets("全力服务环镇路道路建设、物流园两个县级重点项目。") == []


def test_ding_shi_is_a_recurrence_like_ding_qi():
    found = fields("分管领导要对牵头负责的重点工作定时调度。", "kind", "recurrence")
    assert found == [("recurring", "定时")]


def test_a_count_of_the_list_named_after_it_is_no_target():
    assert targets("今年确定的民生实事项目有4个，分别为文化公园、道路提升、农贸市场和养老中心。") == []


def test_a_count_a_verb_of_work_asks_for_is_still_a_target_before_its_list():
    assert [t["value"] for t in targets("新建3个，分别为东村、西村和南村。")] == [3]


def test_a_sum_followed_by_the_work_it_pays_for_is_a_target_with_the_clauses_modal():
    assert fields("计划投入近2亿元推进21个项目建设。", "value", "strength") == [(2, "计划"), (21, "计划")]


def test_deputies_voting_are_no_target():
    assert targets("由231名代表投票表决，年度民生实事项目名单正式出炉。") == []


@pytest.mark.parametrize(
    "body",
    [
        "长坪镇今年谋划了7个公共基础设施项目。",  # 今年 with a completed verb reports
        "白宫河公园工程已投入50万元……在年度项目建设实施计划表中，多个项目在列。",  # 计划表 is a noun
    ],
)
def test_this_year_with_a_completed_verb_and_a_plan_table_report(body):
    assert targets(body) == []


def test_a_sentence_opening_with_qizhong_reports_like_the_one_before():
    body = "2020年，县里确定10项民生实事项目，截至12月底，完成投资2.41亿元。其中8个项目完成年度目标，1个项目未完成年度目标。"
    assert extract_text("2021年民生实事\n" + body)["targets"] == []


def test_a_report_on_work_done_is_a_review_throughout():
    text = "2021年大田乡民生实事项目实施情况的报告\n2021年度大田乡确定的项目共投入资金约537万元。\n"
    assert extract_text(text)["targets"] == []
