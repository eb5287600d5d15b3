"""Refusing hostile or wrong uploads before any parser touches them.

``check_upload`` looks at the bytes only: magic numbers for files that are not .xlsx
(an old .xls, an encrypted workbook, HTML or CSV saved under a .xlsx name), the zip
directory for zip bombs, every XML part for DOCTYPE / entity declarations (the "billion
laughs"), and each worksheet's cell references for the size of the grid a reader would
build. It answers in Chinese through ``WorkbookError`` and is quick: a refused file is
never parsed.

openpyxl parses with defusedxml when it is installed (``openpyxl.DEFUSEDXML``), and the
tests check that it is; the DOCTYPE scan here protects python-calamine as well.
"""

import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .errors import WorkbookError
from .zipscan import SheetExtent, inflate, overlapping, refuse_declarations

__all__ = ["Limits", "check_upload"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_HTML_MARKERS = (b"<html", b"<!doctype html", b"<table", b"mime-version:")
# Files people rename to .xlsx by mistake, by their first bytes (a PDF was called "text (CSV)").
_OTHER_MAGIC = (
    (b"%PDF-", _("PDF 文档")), (b"\x89PNG\r\n\x1a\n", _("PNG 图片")), (b"\xff\xd8\xff", _("JPEG 图片")),
    (b"GIF87a", _("GIF 图片")), (b"GIF89a", _("GIF 图片")), (b"Rar!\x1a\x07", _("RAR 压缩包")),
    (b"7z\xbc\xaf\x27\x1c", _("7z 压缩包")), (b"\x1f\x8b", _("gzip 压缩包")), (b"{\\rtf", _("RTF 文档")),
)
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

MSG_EMPTY = _("文件是空的，请重新选择要导入的 .xlsx 文件")
MSG_CORRUPT = _("文件已损坏或不是 Excel 工作簿，无法作为 .xlsx 打开")
MSG_XLS = _("这是旧版 Excel（.xls）文件，请另存为 .xlsx 后再导入")
MSG_ENCRYPTED = _("工作簿设置了打开密码，请取消密码并另存为 .xlsx 后再导入")
MSG_HTML = _("文件实际是网页（HTML）格式，只是扩展名为 .xlsx，请用 Excel 打开后另存为 .xlsx 再导入")
MSG_TEXT = _("文件实际是文本（CSV）格式，只是扩展名为 .xlsx，请用 Excel 打开后另存为 .xlsx 再导入")
MSG_OTHER = _("文件实际是 %(kind)s，只是扩展名为 .xlsx，不是 Excel 工作簿，请选择要导入的 .xlsx 文件")
MSG_XML2003 = _("文件实际是 XML 表格（Excel 2003）格式，请用 Excel 打开后另存为 .xlsx 再导入")
MSG_NOT_WORKBOOK = _("压缩包里没有 Excel 工作簿（可能是 Word 文档或其他压缩文件），请选择 .xlsx 文件")
MSG_BOMB = _("文件解压后过大（疑似压缩炸弹），已拒绝导入")
MSG_METHOD = _("文件使用了不支持的压缩或加密方式，请用 Excel 另存为 .xlsx 后再导入")


@dataclass(frozen=True)
class Limits:
    """How much an upload may hold; generous for a ledger, far below what hurts a server."""

    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 50_000
    max_cells: int = 3_000_000
    max_uncompressed: int = 200 * 1024 * 1024
    max_ratio: int = 200
    max_members: int = 2_000


def check_upload(path: str | Path, limits: Limits | None = None) -> None:
    """Raise ``WorkbookError`` unless ``path`` is an .xlsx that is safe to parse."""
    limits = limits or Limits()
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fp:
            _check_kind(fp.read(4096), size, path, limits)
            _check_package(fp, limits)
    except OSError as exc:
        raise WorkbookError(gettext("无法读取上传的文件：%(error)s") % {"error": exc.strerror or exc}) from exc


def _check_kind(head: bytes, size: int, path: Path, limits: Limits) -> None:
    """Empty, too big, or not a zip at all: say what the file really is."""
    if size == 0 or not head.strip(b"\x00 \t\r\n"):
        raise WorkbookError(MSG_EMPTY)
    if size > limits.max_bytes:
        raise WorkbookError(gettext("文件大小超过 %(mb)d MB，请拆分后再导入") % {"mb": limits.max_bytes // (1024 * 1024)})
    if head.startswith(_OLE_MAGIC):
        raise WorkbookError(MSG_ENCRYPTED if _ENCRYPTED_PACKAGE in path.read_bytes() else MSG_XLS)
    if head.startswith(_ZIP_MAGIC):
        return
    for magic, kind in _OTHER_MAGIC:
        if head.startswith(magic):
            raise WorkbookError(MSG_OTHER % {"kind": kind})
    sniff = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").replace(b"\x00", b"").lower()
    if any(marker in sniff[:1024] for marker in _HTML_MARKERS):
        raise WorkbookError(MSG_HTML)
    if sniff.startswith(b"<?xml"):
        raise WorkbookError(MSG_XML2003)
    if _looks_like_text(head):
        raise WorkbookError(MSG_TEXT)
    raise WorkbookError(MSG_CORRUPT)


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # Excel's "Unicode text" export is UTF-16 with a byte-order mark
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "\x00" not in text
    return False


def _check_package(fp, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(fp)
    except (zipfile.BadZipFile, ValueError, EOFError, struct.error, NotImplementedError) as exc:
        raise WorkbookError(MSG_CORRUPT) from exc
    with archive:
        members = archive.infolist()
        _check_directory(members, limits)
        extents = {info.filename: _scan_member(fp, info) for info in members if _is_xml(info)}
        _check_extents(archive, extents, limits)


def _check_directory(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Bomb checks from the zip directory alone, before inflating a single byte."""
    names = {info.filename for info in members}
    if len(members) > limits.max_members:
        raise WorkbookError(MSG_BOMB)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise WorkbookError(MSG_NOT_WORKBOOK)
    total = sum(info.file_size for info in members)
    packed = sum(info.compress_size for info in members)
    if total > limits.max_uncompressed or total > limits.max_ratio * max(packed, 1) + (1 << 20):
        raise WorkbookError(MSG_BOMB)
    for info in members:
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise WorkbookError(MSG_METHOD)
        if info.file_size > (1 << 20) and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise WorkbookError(MSG_BOMB)


def _is_xml(info: zipfile.ZipInfo) -> bool:
    return info.filename.lower().endswith(_XML_SUFFIXES)


def _scan_member(fp, info: zipfile.ZipInfo) -> SheetExtent | None:
    """Inflate one XML part within its declared size, refusing declarations."""
    is_sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
    extent = SheetExtent() if is_sheet else None
    for window in overlapping(inflate(fp, info)):
        refuse_declarations(window)
        if extent is not None:
            extent.scan(window)
    return extent


def _check_extents(archive: zipfile.ZipFile, extents: dict, limits: Limits) -> None:
    for member, extent in extents.items():
        if extent is None:
            continue
        if extent.rows > limits.max_rows:
            name = _sheet_name(archive, member)
            raise WorkbookError(gettext("工作表“%(name)s”有 %(rows)d 行，超过 %(max)d 行的上限，请拆分后再导入")
                                % {"name": name, "rows": extent.rows, "max": limits.max_rows})
        if extent.rows * extent.columns > limits.max_cells:
            name = _sheet_name(archive, member)
            raise WorkbookError(
                gettext("工作表“%(name)s”的数据区域过大（%(rows)d 行 × %(columns)d 列），请删除多余的行列后再导入")
                % {"name": name, "rows": extent.rows, "columns": extent.columns}
            )


def _sheet_name(archive: zipfile.ZipFile, member: str) -> str:
    """The name a user sees for a worksheet part, for the message only."""
    try:
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        book = fromstring(archive.read("xl/workbook.xml"))
    except (KeyError, ParseError, DefusedXmlException, zipfile.BadZipFile):
        return member
    targets = {rel.get("Id"): rel.get("Target", "").lstrip("/").removeprefix("xl/") for rel in rels}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and "xl/" + targets.get(sheet.get(_NS_REL), "") == member:
            return sheet.get("name", member)
    return member
