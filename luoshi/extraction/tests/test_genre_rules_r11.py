"""Rules for kinds met in round 11 of the public corpus (issue 18), on made-up sentences.

Round 11 looked for what the extras on unread documents share rather than for their phrases: a sentence that
describes the place (where it lies, what it holds), a purpose opening a news item's sentence before the meeting it
reports, and a campaign's span of days in its slogan. None of them sets work to do.
"""

from luoshi.extraction import extract_text


def found(text: str) -> list:
    return [(t["text"], t["value"]) for t in extract_text(text)["targets"]]


def test_a_sentence_describing_the_place_gives_no_targets():
    text = (
        "青石镇基本情况及工作打算\n"
        "青石镇地处县城西南部，距高速出口仅5公里，省道穿境而过。"
        "下辖3个社区，21个行政村，共9500户，总人口36000人，耕地面积42000亩，辖区面积68平方公里。"
        "全镇现有规上企业12家，农民专业合作社45个。\n"
        "今年要新建村级综合服务站5个。\n"
    )
    assert [value for _, value in found(text)] == [5]


def test_a_place_description_ends_where_a_clause_looks_ahead():
    text = "工作安排\n全镇辖12个行政村，今年计划新建公厕8座。\n"
    assert [value for _, value in found(text)] == [8]


def test_a_sentence_opening_with_the_place_and_a_verb_of_work_is_no_description():
    text = "工作安排\n青石镇今年新建公厕8座，改造危桥3座。\n青石镇位于县城西部，要新建游客中心1处。\n"
    assert [value for _, value in found(text)] == [8, 3, 1]


def test_a_purpose_opening_a_news_sentence_goes_on_through_its_ensure_clause():
    text = (
        "青石镇召开重点项目推进会\n"
        "为贯彻落实县委有关要求，确保项目按期落地投产，近日，青石镇召开重点项目推进会。\n"
        "会议要求，要加强调度，确保全年目标任务圆满完成。\n"
    )
    assert found(text) == [("确保全年目标任务圆满完成", None)]


def test_a_campaigns_span_of_days_is_its_name_not_an_amount():
    text = "工作要求\n要奋战四季度、大干一百天，确保新建道路12公里。\n"
    assert [value for _, value in found(text)] == [12]


def test_a_short_sentence_ending_in_an_exclamation_after_the_title_opens_the_body():
    text = "青石镇工作汇报\n\n首先感谢各级领导的关心支持！\n\n青石镇地处县城东部。\n"
    titles = [s["title"] for s in extract_text(text)["sections"]]
    assert titles == ["首先感谢各级领导的关心支持！", "青石镇地处县城东部"]
