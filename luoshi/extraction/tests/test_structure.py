"""Sections: numbering styles, levels by depth, enumerations, title and no-numbering documents."""

from luoshi.extraction import extract_text


def outline(text: str) -> list[tuple[int, str, str]]:
    return [(s["level"], s["number"], s["title"]) for s in extract_text(text)["sections"]]


def test_levels_follow_depth_whatever_symbols_are_used():
    text = "标题\n一、总体要求\n（一）目标\n1.农业\n（1）粮食\n①小麦\n②玉米\n（2）蔬菜\n2.工业\n(二)措施\n二、保障"
    assert outline(text) == [
        (1, "一、", "总体要求"),
        (2, "（一）", "目标"),
        (3, "1.", "农业"),
        (4, "（1）", "粮食"),
        (5, "①", "小麦"),
        (5, "②", "玉米"),
        (4, "（2）", "蔬菜"),
        (3, "2.", "农业".replace("农业", "工业")),
        (2, "(二)", "措施"),
        (1, "二、", "保障"),
    ]


def test_a_document_starting_at_parenthesised_numbers_has_them_at_level_1():
    assert outline("（一）抓党建\n1、强支部\n2．育人才\n（二）抓发展")[0:3] == [
        (1, "（一）", "抓党建"),
        (2, "1、", "强支部"),
        (2, "2．", "育人才"),
    ]


def test_heading_running_on_into_its_paragraph_ends_at_the_first_full_stop():
    sections = outline("一、总体\n（一）要围绕镇中心工作抓落实。一是全力以赴抓好脱贫攻坚，确保通过验收；二是抓招商。")
    assert sections == [
        (1, "一、", "总体"),
        (2, "（一）", "要围绕镇中心工作抓落实"),
        (3, "一是", "全力以赴抓好脱贫攻坚，确保通过验收"),
        (3, "二是", "抓招商"),
    ]


def test_in_paragraph_enumerations_close_with_their_paragraph():
    sections = outline("一、抓发展\n要抓好三件事：一要招商；二要建设；三要服务。\n（一）抓项目")
    assert sections[-1] == (2, "（一）", "抓项目")
    assert [s[0] for s in sections[1:4]] == [2, 2, 2]


def test_enumerations_must_form_a_series():
    sections = outline("同志们：\n首先，我代表镇党委表示祝贺。统一是前提。\n一、抓发展\n最后，我讲一点。")
    assert sections == [(1, "一、", "抓发展")]


def test_numbering_restarts_under_a_new_parent():
    text = "一、甲\n在招商方面：一要联系；二要推介。在人才方面：一要培养；二要引进。\n二、乙"
    assert [s[1] for s in outline(text)] == ["一、", "一要", "二要", "一要", "二要", "二、"]


def test_di_yi_and_shou_xian_enumerations():
    text = "讲话\n同志们：\n第一，要认清形势。\n第二，要抓好排查。首先，紧盯企业。其次，紧盯道路。最后，紧盯场所。\n第三，要压实责任。"
    assert outline(text) == [
        (1, "第一，", "要认清形势"),
        (1, "第二，", "要抓好排查"),
        (2, "首先，", "紧盯企业"),
        (2, "其次，", "紧盯道路"),
        (2, "最后，", "紧盯场所"),
        (1, "第三，", "要压实责任"),
    ]


def test_attachments_restart_the_numbering_at_level_2():
    text = "通知\n一、任务\n1.甲\n附件1：分解表\n一、营商环境\n1.开办企业\n附件2\n考核办法\n一、原则"
    assert outline(text) == [
        (1, "一、", "任务"),
        (2, "1.", "甲"),
        (1, "附件1", "分解表"),
        (2, "一、", "营商环境"),
        (3, "1.", "开办企业"),
        (1, "附件2", "考核办法"),
        (2, "一、", "原则"),
    ]


def test_paragraphs_become_level_1_items_when_nothing_is_numbered():
    sections = outline("村里的讲话\n\n同志们：\n\n今年要壮大集体经济。还要改厕。\n\n最后，强调纪律。")
    assert sections == [(1, "", "今年要壮大集体经济"), (1, "", "最后，强调纪律")]


def test_title_is_the_first_short_line_not_a_preview_or_the_salutation():
    preview = "在2024年全镇会议上的讲话同志们：今天这次会议，是经镇党委研究决定召开的，主要任务是总结去年工作部署今年任务，请大家认真抓好落实..."
    plan = extract_text(f"{preview}\n在2024年全镇会议上的讲话\n同志们：\n一、抓发展")
    assert plan["title"] == "在2024年全镇会议上的讲话"
    assert extract_text("同志们：\n今天开会。")["title"] == ""


def test_title_keyword_overrides_the_detected_title():
    assert extract_text("标题\n一、甲", title="另一个标题")["title"] == "另一个标题"


def test_stray_spaces_and_full_width_forms_do_not_break_headings():
    text = "标题\n  一 、 抓 项目\n（ 一 ） 招商\n１．引 进\n２．建设"
    sections = extract_text(text)["sections"]
    assert [(s["level"], s["title"]) for s in sections] == [(1, "抓项目"), (2, "招商"), (3, "引进"), (3, "建设")]
    for section in sections:
        assert text[section["offset"] :].startswith(section["number"])


def test_decimal_and_year_lines_are_not_headings():
    assert outline("标题\n一、甲\n1.5万亩高标准农田要建好。\n2024年是关键一年。\n一、二季度要完成。") == [
        (1, "一、", "甲")
    ]
