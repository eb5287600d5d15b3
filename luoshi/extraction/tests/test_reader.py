"""Reading files: encodings, Word documents, and every kind of bad upload."""

import io
import zipfile

import pytest

from luoshi.extraction import ExtractionError, extract_path, read_document
from luoshi.extraction.tests.docx_factory import build_docx

SPEECH = "在2024年全镇工作会议上的讲话\n同志们：\n一、抓项目\n确保新上亿元项目3个。\n"


def test_utf8_text_is_read_as_is(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SPEECH, encoding="utf-8")
    assert read_document(path) == SPEECH


def test_bom_is_removed_and_crlf_becomes_lf(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SPEECH.replace("\n", "\r\n").encode("utf-8"))
    assert read_document(path) == SPEECH


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16"])
def test_chinese_legacy_encodings_are_decoded(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(SPEECH.encode(encoding))
    assert read_document(path) == SPEECH


def test_gb18030_only_characters_are_decoded(tmp_path):
    text = SPEECH + "㙟镇\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document(path) == text


def test_docx_paragraphs_are_joined_by_newlines_and_runs_rejoined(tmp_path):
    path = build_docx(SPEECH.strip().split("\n"), tmp_path / "a.docx", run_size=2)
    assert read_document(path) == SPEECH.strip()
    assert extract_path(path)["targets"][0]["value"] == 3


def test_docx_table_cells_are_read(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("一、任务分解")
    document.add_table(rows=1, cols=2).rows[0].cells[1].text = "全年新建高标准农田5000亩"
    document.save(str(tmp_path / "t.docx"))
    assert "全年新建高标准农田5000亩" in read_document(tmp_path / "t.docx")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "空"),
        (b"   \n\n", "空"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".docx"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "图片"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 64, "图片"),
        (b"not a zip at all", ".docx"),
    ],
)
def test_bad_uploads_named_docx_get_a_chinese_message(tmp_path, content, words):
    path = tmp_path / "upload.docx"
    path.write_bytes(content)
    with pytest.raises(ExtractionError) as error:
        read_document(path)
    assert words in error.value.message


def test_old_word_doc_asks_for_docx(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ExtractionError, match="另存为"):
        extract_path(path)


def test_missing_file_and_directory_are_clear_errors(tmp_path):
    with pytest.raises(ExtractionError, match="找不到"):
        read_document(tmp_path / "none.txt")
    with pytest.raises(ExtractionError, match="文件夹"):
        read_document(tmp_path)


def test_binary_junk_is_refused(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ExtractionError):
        read_document(path)


def _zip(tmp_path, members: dict[str, bytes]):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path = tmp_path / "x.docx"
    path.write_bytes(buffer.getvalue())
    return path


def test_zip_bomb_is_refused_before_decompressing(tmp_path):
    path = _zip(tmp_path, {"word/document.xml": b"<a>" + b"0" * 60_000_000 + b"</a>"})
    with pytest.raises(ExtractionError, match="压缩炸弹|过大"):
        read_document(path)


def test_zip_without_word_body_is_refused(tmp_path):
    with pytest.raises(ExtractionError, match="不是 Word"):
        read_document(_zip(tmp_path, {"hello.txt": b"hi"}))


def test_entity_expansion_in_docx_xml_is_refused(tmp_path):
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><d>&b;</d>'
    with pytest.raises(ExtractionError, match="损坏"):
        read_document(_zip(tmp_path, {"word/document.xml": xml}))


def test_truncated_docx_is_refused(tmp_path):
    path = build_docx(["一、抓项目"], tmp_path / "a.docx")
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ExtractionError):
        read_document(path)


def test_two_megabyte_document_extracts(tmp_path):
    block = "（一）抓项目。全年确保新上亿元项目3个，力争引进资金5亿元；6月底前完成厂房建设。\n"
    path = tmp_path / "big.txt"
    path.write_text("2024年工作要点\n" + block * (2_000_000 // len(block.encode("utf-8"))), encoding="utf-8")
    plan = extract_path(path)
    assert len(plan["targets"]) > 10_000
