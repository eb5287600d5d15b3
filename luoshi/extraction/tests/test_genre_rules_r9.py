"""Rules for kinds met in round 9 of the public corpus (issue 18), on made-up sentences.

Non-targets the genre writes next to its targets: a review's words that look like an instruction (第一要务, 今年初见
成效), a past period's work named in a heading (上半年的主要工作情况), progress told as a share of the whole or as a
tally of a class of items, and 锚定时限, which holds no recurrence.
"""

from luoshi.extraction import extract_text


def values(text: str) -> list:
    return [t["value"] for t in extract_text(text)["targets"]]


def test_first_priority_is_no_instruction_in_a_year_review():
    text = (
        "青山镇副镇长年度工作总结\n"
        "一、围绕中心抓发展\n"
        "本人把招商作为履职的第一要务，全年共引进企业4家，新建厂房5000平方米。\n"
    )
    assert values(text) == []


def test_a_past_periods_work_in_a_heading_is_a_review():
    text = (
        "白河乡上半年工作总结及下半年打算\n"
        "一、上半年的主要工作情况\n"
        "（一）农业稳步发展。新建蔬菜大棚120亩，完成植树8000株。\n"
        "二、下半年工作打算\n"
        "（一）力争新建蔬菜大棚200亩。\n"
    )
    assert values(text) == [200]


def test_this_year_showing_first_results_reports():
    text = "红岭镇年度工作总结\n一、产业发展\n占地80亩的养殖场经过两年经营，今年初见成效，共出栏肉牛300头。\n"
    assert values(text) == []


def test_a_share_of_the_whole_is_progress_not_a_target():
    text = "2025年重点工作安排\n一、下一步工作\n各村要加快进度，完成户厕改造120户，占年度任务的60%；新建道路8公里，占全年计划的40%。\n"
    assert values(text) == [120, 8]


def test_a_tally_of_a_class_of_items_is_no_target():
    text = "县政府督查通报\n一、总体情况\n经核实，滞后的有6个，提前完成的有9项。\n二、工作要求\n确保新建公厕20座。\n"
    assert values(text) == [20]


def test_a_set_time_limit_is_no_recurrence():
    found = extract_text("镇督查通报\n一是锚定时限抓落实。各单位要紧扣节点，确保任务按期完成。\n")["targets"]
    assert [t["kind"] for t in found] == ["qualitative"]
    assert extract_text("镇工作要点\n一是定时调度重点项目进展。\n")["targets"][0]["kind"] == "recurring"


def test_a_series_inside_an_item_nests_and_the_outer_series_goes_on():
    text = (
        "长湾镇年度工作总结\n"
        "一、产业发展\n"
        "全年抓项目促发展。一是招商成果丰硕。在谈企业有2家：一是甲公司，拟投资1亿元；二是乙公司，拟投资2亿元。"
        "二是农业稳步发展。新建果园500亩。\n"
    )
    found = [(s["level"], s["number"], s["title"]) for s in extract_text(text)["sections"]]
    assert found == [
        (1, "一、", "产业发展"),
        (2, "一是", "招商成果丰硕"),
        (3, "一是", "甲公司，拟投资1亿元"),
        (3, "二是", "乙公司，拟投资2亿元"),
        (2, "二是", "农业稳步发展"),
    ]


def test_a_sentence_closing_on_work_done_reports_its_verbs_of_doing():
    text = (
        "关于一季度重点工作进展情况的通报\n"
        "今年以来，各村认真落实部署，扎实推进12件惠民实事办理，取得了明显成效。\n"
        "5月6日至10日，镇纪委组成三个检查组，对各村进展进行了督查。\n"
        "下一步，各村要确保新建停车场2个。\n"
    )
    assert values(text) == [2]


def test_tasks_split_into_a_count_of_work_contents_are_the_documents_tally():
    text = "2025年工作安排\n一、总体要求\n本方案将任务分解细化为130个具体工作内容，力争新建厂房3栋。\n"
    assert values(text) == [3]


def test_a_review_lead_in_a_document_without_numbering_covers_the_paragraphs_after_it():
    text = (
        "云岭县2025年工作报告\n"
        "各位代表：\n"
        "现在，我代表县人民政府向大会报告工作，请予审议。\n"
        "回顾2024年工作成果\n"
        "农业生产稳中有进，深入推进高标准农田建设，新建高标准农田2万亩，粮食产量增长3%。\n"
        "展望2025年工作目标\n"
        "农业提质增效，确保新建高标准农田3万亩。\n"
    )
    doc = extract_text(text)
    assert [s["title"] for s in doc["sections"]][1] == "回顾2024年工作成果"
    assert [(t["value"], t["strength"]) for t in doc["targets"]] == [(3, "确保")]


def test_a_sentence_looking_back_leads_a_review_until_a_paragraph_looks_ahead():
    text = (
        "南溪乡政府工作报告（节选）\n"
        "一年来，我们坚持惠民生、强保障，持续提升群众幸福指数。\n"
        "坚持多渠道增收。实施土地整理项目共计40亩，建设孝老食堂6个。\n"
        "今年，我们将新建孝老食堂8个。\n"
    )
    assert values(text) == [8]


def test_a_yield_a_work_is_expected_to_bring_is_no_target_nor_recurrence():
    text = "2025年重点工作安排\n一、产业发展\n新建光伏电站1座，建成后每年村集体可增收8万元，可带动就业30人。\n"
    assert [(t["value"], t["kind"]) for t in extract_text(text)["targets"]] == [(1, "quantity")]
