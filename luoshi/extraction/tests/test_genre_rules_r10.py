"""Rules for kinds met in round 10 of the public corpus (issue 18), on made-up sentences.

Kinds broad in the genre: 民生实事 lists and their news, meetings' news, a report's 政策解读, half-year plans, progress
reports written as text; short lines heading what follows, numbered items opening with a year, 第一部分 parts.
"""

from luoshi.extraction import extract_text


def values(text: str) -> list:
    return [t["value"] for t in extract_text(text)["targets"]]


def sections(text: str) -> list:
    return [(s["level"], s["number"], s["title"]) for s in extract_text(text)["sections"]]


def test_a_short_line_naming_a_project_heads_a_paragraph_a_signature_does_not():
    text = (
        "青石街道五项民生实事项目出炉\n"
        "经过居民代表投票表决，青石街道五项民生实事项目正式出炉。\n"
        "社区食堂建设项目\n"
        "新增社区食堂2家。\n"
        "已完工项目\n"
        "青石街道办事处\n"
        "2024年3月5日\n"
    )
    assert [title for _, _, title in sections(text)] == [
        "经过居民代表投票表决，青石街道五项民生实事项目正式出炉",
        "社区食堂建设项目",
        "新增社区食堂2家",
        "已完工项目",
    ]


def test_a_part_numbered_in_words_keeps_its_comma_out_of_the_title():
    text = (
        "《2024年白沙镇政府工作报告》解读\n"
        "一、主要内容\n"
        "第一部分，2023年工作回顾。报告从五个方面总结了成绩。\n"
        "第二部分，2024年工作安排。报告提出了四个方面重点工作。\n"
    )
    assert sections(text) == [
        (1, "一、", "主要内容"),
        (2, "第一部分", "2023年工作回顾"),
        (2, "第二部分", "2024年工作安排"),
    ]


def test_a_numbered_heading_opening_with_a_year_goes_on_with_its_list():
    text = (
        "2024年青石街道实事项目\n"
        "1、老旧小区改造项目\n"
        "计划改造老旧小区3个。\n"
        "2、2024年度街居联动微实事项目\n"
        "由各社区牵头实施。\n"
    )
    assert sections(text) == [(1, "1、", "老旧小区改造项目"), (1, "2、", "2024年度街居联动微实事项目")]
    assert [s["number"] for s in extract_text("工作安排\n一、春耕\n1、2月份完成备耕。\n")["sections"]] == ["一、"]


def test_a_quarter_naming_a_meeting_a_subject_a_trait_or_a_slogan_is_no_deadline():
    text = (
        "青石镇召开2024年第三季度行政工作例会\n"
        "会议指出，三季度是全年的冲刺阶段，各村要把握三季度特点，力争实现一季度“开门红”。\n"
        "会议要求，各村要在第三季度前完成秸秆清理。\n"
    )
    assert [t["deadline"] for t in extract_text(text)["targets"] if t["deadline"]] == ["第三季度前"]


def test_a_year_end_before_a_level_or_a_case_closed_is_a_deadline():
    found = extract_text("下半年工作计划\n一是争取薄弱村年底达到5万元，争取年底销号8个村。\n")["targets"]
    assert [(t["value"], t["deadline"]) for t in found] == [(5, "年底"), (8, "年底")]


def test_the_whole_towns_rivers_and_villages_are_a_scope_things_worked_on_in_the_area_an_amount():
    text = (
        "2025年工作安排\n"
        "一是对镇内9条河流加强管理，做好镇域30个行政村的排查工作，新建公厕5座。\n"
        "二是对辖区150座化粪池进行清掏，为辖区300户困难家庭送去慰问品。\n"
    )
    assert values(text) == [5, 150]


def test_what_a_clause_is_set_in_buildings_by_number_and_a_facilitys_rooms_are_no_targets():
    text = (
        "2025年工作安排\n"
        "一是以两条主干河道为轴，硬化沿河道路3公里。\n"
        "二是对新村二组3栋、5栋等开展老旧房屋安全隐患整治。\n"
        "三是新建1个卫生室，设置两个诊室、一个药房。\n"
    )
    assert values(text) == [3, 1]


def test_deputies_counted_by_their_body_met():
    text = "青石街道议事会召开\n56名村民代表和8名区人大代表，围绕民生实事深入讨论。街道今年将新建公厕2座。\n"
    assert values(text) == [2]


def test_a_programmes_count_names_the_list_the_document_gives():
    text = (
        "青石街道八件民生实事出炉\n"
        "2024年，青石街道将实施八件民生实事项目。项目内容具体包括：\n"
        "公厕建设项目：新建公厕3座。\n"
    )
    assert values(text) == [3]
    assert values("工作要点\n一是办好十件民生实事。\n") == [10]


def test_households_of_persons_served_are_a_scope_after_a_modal_too():
    text = "2024年实事项目\n1、计划为200户独居老人安装烟感报警器。\n2、计划为15个小区加装电动车充电桩。\n"
    assert values(text) == [15]


def test_a_progress_report_in_text_gives_no_targets():
    text = (
        "青石街道民生实事项目最新进展\n"
        "今年街道各民生实事项目总体进展良好。\n"
        "已完工项目\n"
        "社区食堂建设项目\n"
        "新增社区食堂2家，已于3月投入使用。\n"
        "已启动实施项目\n"
        "青石苑二期新建工程（2024年度续建项目）\n"
        "该项目于2023年6月开工，目前主体完成约70%。\n"
        "新增便民停车泊位50个\n"
        "目前已新增停车泊位15个。\n"
    )
    assert values(text) == []


def test_a_report_on_the_projects_state_reports_this_year_and_its_expected_dates():
    text = (
        "白沙镇2020年重点民生实事项目情况\n"
        "一、深入开展河道整治工作。为确保汛期河道通畅，今年我镇共有6条河沟进行综合治理。\n"
        "二、推进高标准农田建设。项目区涉及4个村3000余亩，目前已顺利开工，预计明年4月底完工。\n"
    )
    assert values(text) == []


def test_who_leads_a_group_is_no_amount():
    text = "青石镇决战四季度\n该镇明确一名党政班子成员牵头的工作小组，每周一调度，确保新建厂房2栋。\n"
    assert values(text) == [None, 2]


def test_funds_obtained_and_an_expected_date_in_a_list_of_results_report():
    text = (
        "青石镇2024年工作总结及2025年工作打算\n"
        "一、项目建设\n"
        "全年项目建设取得明显成效：1、新村争取村级发展资金80万元用于烘干房建设。"
        "2、完成码头项目工可、设计等工作，预计明年上半年开工。\n"
        "二、2025年工作打算\n"
        "争取项目资金500万元。\n"
    )
    assert values(text) == [500]


def test_a_work_put_into_a_monthly_mechanism_recurs():
    found = extract_text("关于建立重点工作调度机制的通知\n一、将重大项目、招商引资等重点工作纳入月调度机制。\n")["targets"]
    assert [t["kind"] for t in found] == ["recurring"]
