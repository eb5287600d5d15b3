"""Read the paragraphs of a .docx safely: sizes checked before unzipping, XML via defusedxml.

A .docx is a zip, so a small upload can expand to gigabytes (a zip bomb); the central
directory's declared sizes are checked first and the read is capped anyway, because the
declared sizes can lie.
"""

import io
import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from .errors import ExtractionError

MAX_XML_BYTES = 30 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BROKEN = "Word 文档已损坏或格式不正确，无法读取。请用 Word 或 WPS 打开后重新另存为 .docx。"


def read_docx_text(data: bytes) -> str:
    """Paragraph texts (body and tables, in order) joined by "\\n"."""
    xml = _document_xml(data)
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise ExtractionError(_BROKEN) from None
    body = root.find(f"{_W}body")
    if body is None:
        raise ExtractionError(_BROKEN)
    return "\n".join(_paragraph_text(p) for p in body.iter(f"{_W}p"))


def _own_nodes(element):
    """Descendants of a paragraph, without those of paragraphs nested in it (text boxes)."""
    for child in element:
        yield child
        if child.tag != f"{_W}p":
            yield from _own_nodes(child)


def _document_xml(data: bytes) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = {info.filename: info for info in archive.infolist()}
        info = names.get("word/document.xml")
        if info is None:
            raise ExtractionError("这个压缩文件不是 Word 文档（缺少正文），请上传 .docx 或 .txt 格式的讲话稿。")
        _check_sizes(list(names.values()), info)
        with archive.open(info) as stream:
            xml = stream.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, NotImplementedError):
        raise ExtractionError(_BROKEN) from None
    if len(xml) > MAX_XML_BYTES:
        raise ExtractionError("Word 文档内容过大（解压后超过 30 MB），疑似异常文件，已拒绝读取。")
    return xml


def _check_sizes(infos: list[zipfile.ZipInfo], document: zipfile.ZipInfo) -> None:
    """Refuse zip bombs by the declared sizes before decompressing anything."""
    total = sum(info.file_size for info in infos)
    ratio = document.file_size / max(document.compress_size, 1)
    if total > MAX_TOTAL_BYTES or document.file_size > MAX_XML_BYTES or ratio > MAX_RATIO:
        raise ExtractionError("Word 文档解压后体积异常（疑似压缩炸弹），已拒绝读取。")


def _paragraph_text(paragraph) -> str:
    """Runs joined; tabs kept as tabs, line breaks inside a paragraph as spaces."""
    pieces = []
    for node in _own_nodes(paragraph):
        if node.tag == f"{_W}t" and node.text:
            pieces.append(node.text)
        elif node.tag == f"{_W}tab":
            pieces.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            pieces.append(" ")
    return "".join(pieces)
