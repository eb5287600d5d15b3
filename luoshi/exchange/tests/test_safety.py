"""Hostile and wrong uploads are refused before parsing, each with its own message."""

import struct
import zipfile

import openpyxl
import pytest
from defusedxml import DefusedXmlException

from luoshi.exchange import safety
from luoshi.exchange.errors import WorkbookError
from luoshi.exchange.safety import Limits, check_upload
from luoshi.exchange.workbook import read_workbook
from luoshi.exchange.zipscan import MSG_ENTITIES, MSG_LYING_SIZE
from luoshi.plans.specs import TASKS_SPEC

from .builders import HEADER, Sheet, save, task_row

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    b"<si><t>&lol9;</t></si></sst>"
)


@pytest.fixture
def good(tmp_path):
    return save(tmp_path / "good.xlsx", Sheet("任务", [HEADER, task_row(1, "甲")]))


def refused(path, message, limits=None):
    with pytest.raises(WorkbookError) as caught:
        check_upload(path, limits)
    assert caught.value.message == message
    return caught.value


def rewrite(source, target, replace: dict[str, bytes]):
    """Copy a workbook, replacing (or adding) members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.pop(info.filename, old.read(info.filename)))
        for name, data in replace.items():
            new.writestr(name, data)
    return target


def test_a_well_formed_workbook_passes(good):
    assert check_upload(good) is None


def test_empty_file_is_refused(tmp_path):
    (tmp_path / "empty.xlsx").write_bytes(b"")
    refused(tmp_path / "empty.xlsx", safety.MSG_EMPTY)


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.xlsx"
    with path.open("wb") as fp:
        fp.write(b"PK\x03\x04")
        fp.truncate(21 * 1024 * 1024)
    refused(path, "文件大小超过 20 MB，请拆分后再导入")


def test_size_limit_is_configurable(good):
    refused(good, "文件大小超过 0 MB，请拆分后再导入", Limits(max_bytes=1000))


def test_old_xls_is_refused_with_save_as_advice(tmp_path):
    (tmp_path / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    refused(tmp_path / "old.xlsx", "这是旧版 Excel（.xls）文件，请另存为 .xlsx 后再导入")


def test_password_protected_workbook_is_refused(tmp_path):
    body = b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body)
    refused(tmp_path / "locked.xlsx", safety.MSG_ENCRYPTED)


@pytest.mark.parametrize(
    "content",
    [
        b"<html><head><meta charset='utf-8'></head><body><table><tr><td>1</td></tr></table></body></html>",
        b"\xef\xbb\xbf<!DOCTYPE html><html></html>",
        b"<table border=1><tr><td>\xe5\xb7\xa5\xe4\xbd\x9c</td></tr></table>",
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related",
    ],
)
def test_html_saved_as_xlsx_is_refused(tmp_path, content):
    (tmp_path / "page.xlsx").write_bytes(content)
    refused(tmp_path / "page.xlsx", safety.MSG_HTML)


@pytest.mark.parametrize(
    "content",
    [
        "工作任务,牵头单位\n招引项目,经济发展办\n".encode("gbk"),
        "\ufeff工作任务,牵头单位\n招引项目,经济发展办\n".encode(),
        "工作任务\t牵头单位\n".encode("utf-16"),
    ],
)
def test_csv_saved_as_xlsx_is_refused(tmp_path, content):
    (tmp_path / "data.xlsx").write_bytes(content)
    refused(tmp_path / "data.xlsx", safety.MSG_TEXT)


def test_xml_spreadsheet_2003_is_refused(tmp_path):
    content = b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'
    (tmp_path / "x.xlsx").write_bytes(content)
    refused(tmp_path / "x.xlsx", safety.MSG_XML2003)


def test_corrupt_zip_is_refused(tmp_path, good):
    (tmp_path / "half.xlsx").write_bytes(good.read_bytes()[:800])
    refused(tmp_path / "half.xlsx", safety.MSG_CORRUPT)
    (tmp_path / "junk.xlsx").write_bytes(bytes(range(256)) * 8)
    refused(tmp_path / "junk.xlsx", safety.MSG_CORRUPT)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "doc.xlsx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    refused(tmp_path / "doc.xlsx", safety.MSG_NOT_WORKBOOK)


def test_zip_bomb_is_refused_from_the_directory(tmp_path, good):
    bomb = rewrite(good, tmp_path / "bomb.xlsx", {"xl/media/zeros.xml": b"\x00" * (40 * 1024 * 1024)})
    refused(bomb, safety.MSG_BOMB)


def test_uncompressed_total_limit_is_configurable(good):
    refused(good, safety.MSG_BOMB, Limits(max_uncompressed=1000))


def test_zip_directory_lying_about_sizes_is_refused(tmp_path, good):
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    central = data.find(b"PK\x01\x02")  # central directory entries; uncompressed size at +24
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_len] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, central + 24, sheet.file_size // 4)
        central = data.find(b"PK\x01\x02", central + 4)
    (tmp_path / "liar.xlsx").write_bytes(bytes(data))
    refused(tmp_path / "liar.xlsx", MSG_LYING_SIZE)


def test_xml_entity_bomb_is_refused(tmp_path, good):
    bomb = rewrite(good, tmp_path / "laughs.xlsx", {"xl/sharedStrings.xml": BILLION_LAUGHS})
    refused(bomb, MSG_ENTITIES)


def test_openpyxl_parses_with_defusedxml_so_it_refuses_entities_too(tmp_path, good):
    laughs = BILLION_LAUGHS.replace(b"<sst", b"<worksheet").replace(b"</sst>", b"</worksheet>")
    book = rewrite(good, tmp_path / "laughs.xlsx", {"xl/worksheets/sheet1.xml": laughs})
    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(ValueError, match="Unable to read workbook") as caught:  # openpyxl wraps the refusal
        openpyxl.load_workbook(book)
    assert isinstance(caught.value.__cause__, DefusedXmlException)


def test_sheet_over_the_row_limit_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "任务"
    book.active["A1"] = "工作任务"
    book.active["A50001"] = "最后一行"
    book.save(tmp_path / "long.xlsx")
    refused(tmp_path / "long.xlsx", "工作表“任务”有 50001 行，超过 50000 行的上限，请拆分后再导入")


def test_row_limit_is_configurable(good):
    refused(good, "工作表“任务”有 2 行，超过 1 行的上限，请拆分后再导入", Limits(max_rows=1))


def test_far_away_cell_that_would_make_a_huge_grid_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "工作任务"
    book.active["XFD40000"] = "x"
    book.save(tmp_path / "wide.xlsx")
    refused(tmp_path / "wide.xlsx", "工作表“Sheet”的数据区域过大（40000 行 × 16384 列），请删除多余的行列后再导入")


def test_styled_empty_cells_do_not_count_towards_the_limits(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "工作任务"
    book.active["Z60000"].number_format = "0.00"
    book.save(tmp_path / "styled.xlsx")
    assert check_upload(tmp_path / "styled.xlsx") is None


def test_read_workbook_checks_the_upload_first(tmp_path):
    (tmp_path / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    with pytest.raises(WorkbookError, match=r"请另存为 \.xlsx 后再导入"):
        read_workbook(tmp_path / "old.xlsx", TASKS_SPEC)


PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\nstream\n\x78\x9c\x03\x00\x00\x00\x00\x01\nendstream\n")


@pytest.mark.parametrize("content, kind", [
    (PDF, "PDF 文档"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG 图片"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), "JPEG 图片"),
    (b"GIF89a" + bytes(range(256)), "GIF 图片"),
    (b"Rar!\x1a\x07\x01\x00" + bytes(range(256)), "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c" + bytes(range(256)), "7z 压缩包"),
    (b"\x1f\x8b\x08\x00" + bytes(range(256)), "gzip 压缩包"),
])
def test_another_kind_of_file_renamed_xlsx_is_named_for_what_it_is(tmp_path, content, kind):
    """A PDF renamed .xlsx was called "text (CSV)": the user is told what the file really is."""
    (tmp_path / "report.xlsx").write_bytes(content)
    with pytest.raises(WorkbookError) as caught:
        check_upload(tmp_path / "report.xlsx")
    assert str(caught.value) == safety.MSG_OTHER % {"kind": kind}
    assert "CSV" not in str(caught.value)
