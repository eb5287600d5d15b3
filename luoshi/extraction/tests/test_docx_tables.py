"""Word tables in the document's text: task tables as tab-separated rows, others as before."""

import pytest

from luoshi.extraction import docx_reader, extract_path, read_document
from luoshi.extraction.tests.docx_factory import Tc, build_blocks_docx, table_xml

HEADER = ["序号", "工作任务", "目标要求", "责任领导", "牵头单位", "配合单位", "完成时限"]


def _read(tmp_path, *blocks) -> str:
    return read_document(build_blocks_docx(list(blocks), tmp_path / "t.docx"))


def test_a_task_table_is_one_line_per_row_with_tab_separated_cells(tmp_path):
    text = _read(
        tmp_path,
        "附件",
        table_xml([HEADER, ["1", "招商引资", "新上亿元项目2个", "王立新", "经发办", "各村", "年底前"]]),
    )
    assert text.split("\n")[1:] == ["\t".join(HEADER), "1\t招商引资\t新上亿元项目2个\t王立新\t经发办\t各村\t年底前"]


def test_a_vertically_merged_cell_repeats_in_every_row_it_covers(tmp_path):
    rows = [
        HEADER,
        ["1", "招商引资", "新上亿元项目2个", Tc("王立新", vmerge="restart"), "经发办", "", "年底前"],
        ["2", "企业培育", "新增规上企业3家", Tc(vmerge="continue"), "经发办", "", "年底前"],
    ]
    lines = _read(tmp_path, table_xml(rows)).split("\n")
    assert [line.split("\t")[3] for line in lines] == ["责任领导", "王立新", "王立新"]


def test_a_cell_spanning_columns_fills_its_first_column_and_leaves_the_rest_empty(tmp_path):
    rows = [
        HEADER,
        [Tc("一、产业项目", span=7)],
        ["1", "招商引资", "新上亿元项目2个", "王立新", "经发办", "", "年底前"],
    ]
    lines = _read(tmp_path, table_xml(rows)).split("\n")
    assert lines[1] == "一、产业项目" + "\t" * 6
    assert all(line.count("\t") == 6 for line in lines)


def test_a_two_row_header_with_merges_is_read(tmp_path):
    rows = [
        [Tc("序号", vmerge="restart"), Tc("工作任务", vmerge="restart"), Tc("责任单位", span=2), Tc("完成\n时限", vmerge="restart")],
        [Tc(vmerge="continue"), Tc(vmerge="continue"), "牵头单位", "配合单位", Tc(vmerge="continue")],
        ["1", "确保新上亿元项目2个", "经发办", "各村", "年底前"],
    ]  # fmt: skip
    plan = extract_path(build_blocks_docx([table_xml(rows)], tmp_path / "t.docx"))
    assert plan["targets"][0]["responsible"] == ["经发办", "各村"]
    assert plan["targets"][0]["deadline"] == "年底前"


def test_paragraphs_in_a_cell_are_joined_by_a_line_separator_and_tabs_become_spaces(tmp_path):
    rows = [HEADER, ["1", "招商引资", "1.新上亿元项目2个。\n2.引进\t人才5名。", "王立新", "经发办", "", "年底前"]]
    row = _read(tmp_path, table_xml(rows)).split("\n")[1]
    assert row.split("\t")[2] == "1.新上亿元项目2个。\u20282.引进 人才5名。"


def test_other_tables_keep_one_paragraph_per_line(tmp_path):
    signature = table_xml([["中共青石镇委员会", "青石镇人民政府"], ["2024年2月20日", "2024年2月20日"]])
    contacts = table_xml([["单位", "联系人", "联系电话"], ["党政办", "张敏", "0537-7281234"]])
    text = _read(tmp_path, "通知正文。", signature, contacts)
    assert "\t" not in text
    assert text.split("\n")[1:5] == ["中共青石镇委员会", "青石镇人民政府", "2024年2月20日", "2024年2月20日"]


def test_a_table_continuing_a_task_table_without_a_header_is_read_as_its_rows(tmp_path):
    first = table_xml([HEADER, ["1", "招商引资", "新上亿元项目2个", "王立新", "经发办", "", "年底前"]])
    second = table_xml([["2", "企业培育", "新增规上企业3家", "王立新", "经发办", "", "10月底前"]])
    lines = _read(tmp_path, first, "", second).split("\n")
    assert lines[-1] == "2\t企业培育\t新增规上企业3家\t王立新\t经发办\t\t10月底前"


def test_a_continued_table_marked_xubiao_is_still_read_as_rows(tmp_path):
    first = table_xml([HEADER, ["1", "招商引资", "新上亿元项目2个", "王立新", "经发办", "", "年底前"]])
    second = table_xml([["2", "企业培育", "新增规上企业3家", "王立新", "经发办", "", "10月底前"]])
    plan = extract_path(build_blocks_docx(["标题", first, "续表", second], tmp_path / "t.docx"))
    assert [(t["value"], t["deadline"]) for t in plan["targets"]] == [(2, "年底前"), (3, "10月底前")]
    assert plan["sections"] == []


def test_a_table_after_text_is_no_continuation(tmp_path):
    first = table_xml([HEADER, ["1", "招商引资", "新上亿元项目2个", "王立新", "经发办", "", "年底前"]])
    other = table_xml([["a", "b", "c", "d", "e", "f", "g"]])
    assert _read(tmp_path, first, "联系人：张敏", other).split("\n")[-7:] == list("abcdefg")


def test_a_task_table_inside_a_layout_table_is_found(tmp_path):
    inner = table_xml([HEADER, ["1", "招商引资", "新上亿元项目2个", "王立新", "经发办", "", "年底前"]])
    outer = f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>附表</w:t></w:r></w:p>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    text = _read(tmp_path, outer)
    assert "1\t招商引资\t新上亿元项目2个\t王立新\t经发办\t\t年底前" in text.split("\n")


MALFORMED = [
    Tc("x", raw='<w:tc><w:tcPr><w:gridSpan w:val="abc"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>'),
    Tc("x", raw='<w:tc><w:tcPr><w:gridSpan w:val="-3"/></w:tcPr><w:p/></w:tc>'),
    Tc("x", raw='<w:tc><w:tcPr><w:gridSpan w:val="999999"/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>'),
    Tc("x", raw="<w:tc/>"),
    Tc("x", raw="<w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc>"),
    Tc("x", raw="<w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt>"),
]


@pytest.mark.parametrize("bad", MALFORMED)
def test_malformed_table_cells_never_stop_the_reading(tmp_path, bad):
    rows = [[Tc(vmerge="continue"), *HEADER[1:]], [bad, "招商引资", "新上亿元项目2个", bad], [], [bad]]
    path = build_blocks_docx(["标题", table_xml(rows), "<w:tbl></w:tbl>", "结尾"], tmp_path / "t.docx")
    plan = extract_path(path)
    assert plan["title"] == "标题"


def test_a_failure_in_table_reading_falls_back_to_the_plain_reading(tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(docx_reader, "task_tables", broken)
    text = _read(tmp_path, table_xml([HEADER, ["1", "招商引资", "新上亿元项目2个", "王立新", "经发办", "", "年底前"]]))
    assert text.split("\n")[:2] == ["序号", "工作任务"]
