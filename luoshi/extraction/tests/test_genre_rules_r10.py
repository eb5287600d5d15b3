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
