"""Random text and random structure never crash the extractor, and offsets stay valid."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.extraction import extract_text

PIECES = [
    "一、",
    "二、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "３．",
    "（1）",
    "①",
    "②",
    "一是",
    "二是",
    "一要",
    "二要",
    "第一，",
    "第二，",
    "首先，",
    "其次，",
    "最后，",
    "附件",
    "附件1：",
    "同志们：",
    "确保",
    "力争",
    "计划",
    "完成",
    "新上亿元项目",
    "×个",
    "X万元以上",
    "Ｘ家",
    "一万二千亩",
    "两家",
    "不少于",
    "以上",
    "余",
    "%",
    "6月底前",
    "年底前",
    "上半年",
    "第三季度",
    "全年",
    "今年",
    "去年",
    "一年来",
    "已",
    "了",
    "每月",
    "一三五",
    "（责任单位：镇财政所）",
    "“十一条”",
    "第×名",
    "，",
    "。",
    "；",
    "：",
    "、",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "\t",
    "\r\n",
    "...",
]
structured = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=80).map("".join)
anything = st.text(max_size=400)


def assert_valid(text: str, plan: dict) -> None:
    assert isinstance(plan["title"], str)
    previous = -1
    for section in plan["sections"]:
        assert 0 <= section["offset"] <= len(text)
        assert section["offset"] >= previous
        assert text[section["offset"] :].startswith(section["number"])
        assert section["level"] >= 1
        previous = section["offset"]
    for target in plan["targets"]:
        assert 0 <= target["offset"] <= len(text)
        assert text[target["offset"] :].startswith(target["text"])
        assert target["kind"] in ("quantity", "milestone", "recurring", "qualitative")
        assert target["value"] is None or isinstance(target["value"], (int, float))
        assert all(
            isinstance(name, str) and name for name in target["responsible"] + target["leaders"] + target["owners"]
        )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured)
def test_random_structure_extracts_with_valid_offsets(text):
    assert_valid(text, extract_text(text))


@settings(max_examples=200, deadline=None)
@given(anything)
def test_random_text_extracts_with_valid_offsets(text):
    assert_valid(text, extract_text(text))


TABLE_PIECES = [
    "序号\t工作任务\t目标要求\t责任领导\t牵头单位\t配合单位\t完成时限\n",
    "序号\t重点任务\t责任单位\t\t时间节点\n",
    "\t\t牵头单位\t配合单位\t\n",
    "1\t招商引资\t确保新上亿元项目2个\t王立新\t经发办\t各村\t6月底前\n",
    "2\t",
    "\t",
    "\t\t\t",
    "一、产业项目\n",
    "一\t产业项目\t\t\t\n",
    "经济发展\t",
    "长期坚持",
    "12月31日",
    "\u2028",
    "注：",
    "合计",
    "/",
    "\n",
]
tables = st.lists(st.sampled_from(TABLE_PIECES + PIECES) | st.text(max_size=4), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_random_tables_extract_with_valid_offsets(text):
    assert_valid(text, extract_text(text))
