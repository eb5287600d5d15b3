"""Word automatic numbering: the numbers Word draws come back into the text."""

import zipfile
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.extraction import extract_path, read_document
from luoshi.extraction.numbering import WordNumbering
from luoshi.extraction.numformat import MAX_VALUE, format_number
from luoshi.extraction.tests.docx_factory import (
    W_NS,
    Para,
    abstract_num,
    build_docx,
    build_numbered_docx,
    level,
    num,
    paragraph_style,
    replace_part,
    without_part,
)

# The outline of a Chinese government document: 一、 / （一） / 1. / （1）.
OUTLINE = abstract_num(
    0,
    level(0, "chineseCounting", "%1、"),
    level(1, "chineseCounting", "（%2）"),
    level(2, "decimal", "%3."),
    level(3, "decimal", "（%4）"),
)


def lines(tmp_path, paragraphs, **parts) -> list[str]:
    return read_document(build_numbered_docx(paragraphs, tmp_path / "n.docx", **parts)).split("\n")


def numbers(tmp_path, paragraphs, **parts) -> list[str]:
    """What precedes each paragraph's own text, tab suffix dropped."""
    found = lines(tmp_path, paragraphs, **parts)
    return [line[: len(line) - len(p.text)].rstrip("\t ") for line, p in zip(found, paragraphs, strict=True)]


@pytest.mark.parametrize(
    ("fmt", "value", "shown"),
    [
        ("chineseCounting", 1, "一"),
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 11, "十一"),
        ("chineseCounting", 20, "二十"),
        ("chineseCounting", 99, "九十九"),
        ("chineseCountingThousand", 101, "一百零一"),
        ("chineseCountingThousand", 110, "一百一十"),
        ("chineseCountingThousand", 1010, "一千零一十"),
        ("chineseCountingThousand", 10001, "一万零一"),
        ("japaneseCounting", 11, "十一"),
        ("japaneseCounting", 100, "百"),
        ("chineseLegalSimplified", 12, "壹拾贰"),
        ("ideographTraditional", 3, "丙"),
        ("ideographTraditional", 11, "甲"),
        ("ideographZodiac", 2, "丑"),
        ("ideographDigital", 10, "一〇"),
        ("ideographEnclosedCircle", 1, "㈠"),
        ("decimalEnclosedCircleChinese", 3, "③"),
        ("decimalEnclosedCircle", 21, "21"),
        ("decimalEnclosedParen", 2, "⑵"),
        ("decimalFullWidth", 12, "１２"),
        ("decimalZero", 7, "07"),
        ("upperLetter", 27, "AA"),
        ("lowerLetter", 2, "b"),
        ("upperRoman", 14, "XIV"),
        ("lowerRoman", 4, "iv"),
        ("none", 3, ""),
        ("someFutureFormat", 5, "5"),
    ],
)
def test_number_formats_are_shown_as_word_shows_them(fmt, value, shown):
    assert format_number(value, fmt) == shown


@pytest.mark.parametrize("value", [-1, MAX_VALUE + 1, 10**12])
def test_values_no_list_reaches_cannot_be_shown(value):
    assert format_number(value, "chineseCounting") is None


def test_chinese_counting_headings_get_their_numbers(tmp_path):
    paragraphs = [Para("抓项目", 1, 0), Para("抓民生", 1, 0), Para("抓党建", 1, 0)]
    assert lines(tmp_path, paragraphs, numbering=OUTLINE + num(1, 0)) == [
        "一、\t抓项目",
        "二、\t抓民生",
        "三、\t抓党建",
    ]


def test_nested_levels_restart_when_a_higher_level_advances(tmp_path):
    paragraphs = [
        Para("抓项目", 1, 0),
        Para("招商引资", 1, 1),
        Para("签约", 1, 2),
        Para("细项", 1, 3),
        Para("细项", 1, 3),
        Para("落地", 1, 2),
        Para("项目服务", 1, 1),
        Para("抓民生", 1, 0),
        Para("就业", 1, 1),
        Para("签约", 1, 2),
    ]
    found = numbers(tmp_path, paragraphs, numbering=OUTLINE + num(1, 0))
    assert found == ["一、", "（一）", "1.", "（1）", "（2）", "2.", "（二）", "二、", "（一）", "1."]


def test_decimal_levels_and_level_text_variants(tmp_path):
    definition = abstract_num(
        3,
        level(0, "decimal", "%1."),
        level(1, "decimal", "%1.%2"),
        level(2, "decimalFullWidth", "%3．", start=4),
    )
    paragraphs = [Para("a", 7, 0), Para("b", 7, 1), Para("c", 7, 1), Para("d", 7, 2), Para("e", 7, 0)]
    assert numbers(tmp_path, paragraphs, numbering=definition + num(7, 3)) == ["1.", "1.1", "1.2", "４．", "2."]


def test_legal_numbering_shows_every_level_in_decimal(tmp_path):
    definition = abstract_num(
        0, level(0, "chineseCounting", "%1、"), level(1, "decimal", "%1.%2", extra='<w:isLgl w:val="1"/>')
    )
    paragraphs = [Para("a", 1, 0), Para("b", 1, 0), Para("c", 1, 1)]
    assert numbers(tmp_path, paragraphs, numbering=definition + num(1, 0)) == ["一、", "二、", "2.1"]


def test_level_restart_zero_keeps_counting_across_higher_levels(tmp_path):
    definition = abstract_num(
        0, level(0, "chineseCounting", "%1、"), level(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')
    )
    paragraphs = [Para("a", 1, 0), Para("b", 1, 1), Para("c", 1, 0), Para("d", 1, 1)]
    assert numbers(tmp_path, paragraphs, numbering=definition + num(1, 0)) == ["一、", "1.", "二、", "2."]


def test_instances_of_one_abstract_share_counters_until_a_start_override(tmp_path):
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    definition = OUTLINE + num(1, 0) + num(2, 0) + num(3, 0, restart)
    paragraphs = [Para("a", 1, 0), Para("b", 2, 0), Para("c", 1, 0), Para("d", 3, 0), Para("e", 3, 0), Para("f", 1, 0)]
    assert numbers(tmp_path, paragraphs, numbering=definition) == ["一、", "二、", "三、", "一、", "二、", "三、"]


def test_separate_abstract_definitions_count_separately(tmp_path):
    definition = OUTLINE + abstract_num(1, level(0, "decimal", "%1.")) + num(1, 0) + num(2, 1)
    paragraphs = [Para("a", 1, 0), Para("b", 2, 0), Para("c", 1, 0), Para("d", 2, 0)]
    assert numbers(tmp_path, paragraphs, numbering=definition) == ["一、", "1.", "二、", "2."]


def test_start_value_and_level_override_definition(tmp_path):
    override = (
        '<w:lvlOverride w:ilvl="0">' + level(0, "decimalEnclosedCircleChinese", "%1", start=3) + "</w:lvlOverride>"
    )
    definition = OUTLINE + abstract_num(1, level(0, "decimal", "%1.", start=5)) + num(1, 1) + num(2, 0, override)
    paragraphs = [Para("a", 1, 0), Para("b", 1, 0), Para("c", 2, 0)]
    assert numbers(tmp_path, paragraphs, numbering=definition) == ["5.", "6.", "③"]


def test_numbering_inherited_from_the_paragraph_style_and_its_base(tmp_path):
    styles = (
        paragraph_style("GovHeading1", num_id=1)
        + paragraph_style("GovHeading2Base", num_id=1, ilvl=1)
        + paragraph_style("GovHeading2", based_on="GovHeading2Base")
        + paragraph_style("GovBody", based_on="GovHeading2", num_id=0)
    )
    paragraphs = [
        Para("抓项目", style="GovHeading1"),
        Para("招商", style="GovHeading2"),
        Para("正文不编号", style="GovBody"),
        Para("服务", style="GovHeading2"),
        Para("抓民生", style="GovHeading1"),
    ]
    found = numbers(tmp_path, paragraphs, numbering=OUTLINE + num(1, 0), styles=styles)
    assert found == ["一、", "（一）", "", "（二）", "二、"]


def test_a_style_without_level_uses_the_level_linked_to_it(tmp_path):
    definition = abstract_num(
        0,
        level(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Lv1"/>'),
        level(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="Lv2"/>'),
    )
    styles = paragraph_style("Lv1", num_id=4) + paragraph_style("Lv2", num_id=4)
    paragraphs = [Para("a", style="Lv1"), Para("b", style="Lv2"), Para("c", style="Lv2")]
    assert numbers(tmp_path, paragraphs, numbering=definition + num(4, 0), styles=styles) == [
        "一、",
        "（一）",
        "（二）",
    ]


def test_a_list_defined_through_a_numbering_style_link_uses_the_linked_levels(tmp_path):
    linked = '<w:abstractNum w:abstractNumId="5"><w:numStyleLink w:val="GovList"/></w:abstractNum>'
    styles = paragraph_style("GovList", num_id=2, kind="numbering")
    definition = OUTLINE + linked + num(1, 5) + num(2, 0)
    paragraphs = [Para("a", 1, 0), Para("b", 1, 1), Para("c", 2, 0)]
    assert numbers(tmp_path, paragraphs, numbering=definition, styles=styles) == ["一、", "（一）", "二、"]


def test_numbering_part_is_found_through_the_relationships(tmp_path):
    path = build_numbered_docx([Para("抓项目", 1, 0)], tmp_path / "n.docx", numbering=OUTLINE + num(1, 0))
    with zipfile.ZipFile(path) as archive:
        part = archive.read("word/numbering.xml")
        rels = archive.read("word/_rels/document.xml.rels")
    without_part(path, "word/numbering.xml")
    replace_part(
        path, "word/_rels/document.xml.rels", rels.replace(b'Target="numbering.xml"', b'Target="lists/n1.xml"')
    )
    replace_part(path, "word/lists/n1.xml", part)
    assert read_document(path) == "一、\t抓项目"


def test_num_id_zero_switches_numbering_off_and_does_not_count(tmp_path):
    styles = paragraph_style("GovHeading1", num_id=1)
    paragraphs = [
        Para("a", style="GovHeading1"),
        Para("b", 0, style="GovHeading1"),
        Para("c", 0, 0),
        Para("d", style="GovHeading1"),
    ]
    assert numbers(tmp_path, paragraphs, numbering=OUTLINE + num(1, 0), styles=styles) == ["一、", "", "", "二、"]


def test_bullets_and_empty_level_text_add_nothing_and_none_keeps_only_the_literal(tmp_path):
    definition = abstract_num(0, level(0, "bullet", "\uf0b7"), level(1, "decimal", ""), level(2, "none", "%3、")) + num(
        1, 0
    )
    paragraphs = [Para("a", 1, 0), Para("b", 1, 1), Para("c", 1, 2)]
    assert lines(tmp_path, paragraphs, numbering=definition) == ["a", "b", "、\tc"]


def test_numbering_part_missing_or_broken_gives_the_plain_text(tmp_path):
    paragraphs = [Para("抓项目", 1, 0), Para("抓民生", 1, 0)]
    path = build_numbered_docx(paragraphs, tmp_path / "n.docx", numbering=OUTLINE + num(1, 0))
    assert read_document(without_part(path, "word/numbering.xml")) == "抓项目\n抓民生"
    replace_part(path, "word/numbering.xml", b"<w:numbering><unclosed")
    assert read_document(path) == "抓项目\n抓民生"
    replace_part(path, "word/styles.xml", b"\x00\xff not xml")
    assert read_document(path) == "抓项目\n抓民生"
    assert read_document(without_part(path, "word/styles.xml")) == "抓项目\n抓民生"


@pytest.mark.parametrize(
    "definition",
    [
        abstract_num(0, level(0, "chineseCounting", "%1、", start="abc")) + num(1, 0),
        abstract_num(0, level(0, "chineseCounting", "%1、", start="99999999999999999999")) + num(1, 0),
        abstract_num(0, level(0, "chineseCounting", "%1、", start=MAX_VALUE + 1)) + num(1, 0),
        abstract_num(0, level(0, "chineseCounting", "%1、", start=-5)) + num(1, 0),
        abstract_num(0, level(0, "chineseCounting", "%1、")) + num(1, 5),
        abstract_num(0, level(0, "chineseCounting", "%1、")) + '<w:num w:numId="1"/>',
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="zero"/></w:abstractNum>' + num(1, 0),
        num(1, 0),
    ],
)
def test_malformed_definitions_leave_the_paragraph_unnumbered(tmp_path, definition):
    assert lines(tmp_path, [Para("抓项目", 1, 0)], numbering=definition) == ["抓项目"]


@pytest.mark.parametrize(("num_id", "ilvl"), [(99, 0), (1, 9), (1, 7)])
def test_paragraph_pointing_nowhere_is_unnumbered(tmp_path, num_id, ilvl):
    assert lines(tmp_path, [Para("抓项目", num_id, ilvl)], numbering=OUTLINE + num(1, 0)) == ["抓项目"]


def test_style_chains_that_loop_do_not_hang(tmp_path):
    styles = paragraph_style("A", based_on="B") + paragraph_style("B", based_on="A")
    paragraphs = [Para("a", style="A")]
    assert lines(tmp_path, paragraphs, numbering=OUTLINE + num(1, 0), styles=styles) == ["a"]


def test_counter_overflow_drops_the_number(tmp_path):
    definition = abstract_num(0, level(0, "decimal", "%1.", start=MAX_VALUE)) + num(1, 0)
    assert numbers(tmp_path, [Para("a", 1, 0), Para("b", 1, 0)], numbering=definition) == [f"{MAX_VALUE}.", ""]


def test_numbered_paragraphs_in_tables_count_in_document_order(tmp_path):
    from docx import Document

    path = build_numbered_docx([Para("抓项目", 1, 0)], tmp_path / "t.docx", numbering=OUTLINE + num(1, 0))
    document = Document(str(path))
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    numbering = cell.paragraphs[0]._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = 1
    cell.paragraphs[0].add_run("表中标题")
    document.save(str(path))
    assert read_document(path).split("\n") == ["一、\t抓项目", "二、\t表中标题"]


SPEECH = [
    ("", "在2024年全镇经济工作会议上的讲话"),
    ("", "同志们："),
    ("", "下面，我讲三点意见。"),
    ("一、", "聚焦项目建设，夯实发展基础"),
    ("（一）", "抓招商引资。"),
    ("", "全年确保新上亿元项目3个，力争引进资金5亿元；6月底前完成标准厂房建设。"),
    ("（二）", "抓项目服务。"),
    ("1.", "优化审批。实行每周一调度，年底前审批时限压缩至5个工作日。"),
    ("2.", "强化要素保障。新增建设用地200亩。"),
    ("二、", "聚焦民生改善，提升群众获得感"),
    ("（一）", "抓就业。全年新增城镇就业600人，培训不少于1500人次。"),
    ("（二）", "抓教育。新建幼儿园2所，9月底前投入使用。"),
    ("三、", "聚焦作风建设，狠抓工作落实"),
    ("", "各村各部门要确保各项任务按时完成。"),
]
_SPEECH_LEVELS = {"一、": 0, "二、": 0, "三、": 0, "（一）": 1, "（二）": 1, "1.": 2, "2.": 2}


def test_auto_numbered_speech_extracts_like_the_typed_one(tmp_path):
    typed = build_docx([number + text for number, text in SPEECH], tmp_path / "typed.docx")
    paragraphs = [Para(text, 1, _SPEECH_LEVELS[number]) if number else Para(text) for number, text in SPEECH]
    auto = build_numbered_docx(paragraphs, tmp_path / "auto.docx", numbering=OUTLINE + num(1, 0))
    typed_plan, auto_plan = extract_path(typed), extract_path(auto)

    def comparable(plan):
        sections = [(s["level"], s["number"], s["title"]) for s in plan["sections"]]
        targets = [{k: v for k, v in t.items() if k not in ("offset", "text")} for t in plan["targets"]]
        return plan["title"], sections, targets

    assert comparable(auto_plan) == comparable(typed_plan)
    assert [s["number"] for s in auto_plan["sections"]][:4] == ["一、", "（一）", "（二）", "1."]
    assert len(auto_plan["targets"]) >= 8


_FORMATS = ["decimal", "chineseCounting", "upperLetter", "lowerRoman", "bullet", "none", "ideographTraditional", "?"]
_NUMBERS = st.one_of(st.integers(-10, 40), st.sampled_from(["", "x", "1e9", "99999999999", "-0", " 3 "]))


@settings(max_examples=150, deadline=None)
@given(
    levels=st.lists(
        st.tuples(
            _NUMBERS,
            st.sampled_from(_FORMATS),
            st.text(alphabet="%123456789、（）.x", max_size=8),
            _NUMBERS,
            st.sampled_from(["", "<w:isLgl/>", '<w:suff w:val="space"/>', '<w:suff w:val="odd"/>']),
        ),
        max_size=4,
    ),
    overrides=st.lists(st.tuples(_NUMBERS, _NUMBERS), max_size=3),
    paragraphs=st.lists(st.tuples(_NUMBERS, _NUMBERS, st.sampled_from([None, "S1", "S2", "Missing"])), max_size=12),
)
def test_random_numbering_definitions_never_crash(levels, overrides, paragraphs):
    """Any mix of odd definitions and references gives a label (maybe empty), never an error."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/><w:lvlRestart w:val="{restart}"/>{extra}</w:lvl>'
        for i, (start, fmt, text, restart, extra) in enumerate(levels)
    )
    overrides_xml = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in overrides
    )
    numbering = ElementTree.fromstring(
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>'
        f"{num(1, 0, overrides_xml)}{num(2, 0)}</w:numbering>"
    )
    styles = ElementTree.fromstring(
        f'<w:styles xmlns:w="{W_NS}">{paragraph_style("S1", num_id=1, based_on="S2")}'
        f"{paragraph_style('S2', based_on='S1', ilvl=1)}</w:styles>"
    )
    word = WordNumbering(numbering, styles)
    for num_id, ilvl, style in paragraphs:
        style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
        paragraph = ElementTree.fromstring(
            f'<w:p xmlns:w="{W_NS}"><w:pPr>{style_xml}<w:numPr><w:ilvl w:val="{ilvl}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:p>'
        )
        assert isinstance(word.label(paragraph), str)
