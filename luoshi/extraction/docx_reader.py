"""Read the paragraphs of a .docx safely: sizes checked before unzipping, XML via defusedxml.

A .docx is a zip, so a small upload can expand to gigabytes (a zip bomb); the central
directory's declared sizes are checked first and the read is capped anyway, because the
declared sizes can lie.

Word's automatic numbering is drawn, not stored in the text, so each paragraph gets the
number Word shows ("一、", "（二）") put back in front (see numbering.py). The numbering
and styles parts are optional extras: if they are missing, oversized or broken the text
is read without numbers rather than refused.

A task table (任务分解表) is written one row per line with tab-separated cells (see
docx_tables.py); every other table one paragraph per line, as before. Like the numbering,
table reading only rearranges text that is complete without it, so any defect in it falls
back to the plain reading.
"""

import io
import posixpath
import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext_lazy as _

from .docx_tables import TaskTable, task_tables
from .errors import ExtractionError
from .numbering import WordNumbering

MAX_XML_BYTES = 30 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_TYPES = {"numbering": "/numbering", "styles": "/styles"}
_BROKEN = _("Word 文档已损坏或格式不正确，无法读取。请用 Word 或 WPS 打开后重新另存为 .docx。")


def read_docx_text(data: bytes) -> str:
    """Paragraph texts (body and tables, in order, numbers included) joined by "\\n"."""
    xml, extras = _document_xml(data)
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise ExtractionError(_BROKEN) from None
    body = root.find(f"{_W}body")
    if body is None:
        raise ExtractionError(_BROKEN)
    paragraphs = list(body.iter(f"{_W}p"))
    labels = _numbers(paragraphs, extras)
    tables = _task_tables(body, {id(p): label for p, label in zip(paragraphs, labels, strict=True)})
    claimed = {index for table in tables for index in table.paragraphs}
    starts = {id(table.first_paragraph): table for table in tables}
    lines = []
    for label, paragraph in zip(labels, paragraphs, strict=True):
        if id(paragraph) in starts:
            lines.extend(starts[id(paragraph)].lines)
        elif id(paragraph) not in claimed:
            lines.append(label + _paragraph_text(paragraph))
    return "\n".join(lines)


def _task_tables(body, label_of: dict[int, str]) -> list[TaskTable]:
    """The body's task tables, or none if reading them fails (see the module docstring)."""
    try:
        return task_tables(body, label_of, _paragraph_text)
    except Exception:  # noqa: BLE001 - the plain reading is complete without tables
        return []


def _numbers(paragraphs: list, extras: dict[str, bytes]) -> list[str]:
    """Each paragraph's automatic number, or all "" if the numbering cannot be worked out.

    Numbering only adds to a text that is complete without it, so no defect in it (a
    hand-edited or generator-made part this code never anticipated) may cost the upload.
    """
    try:
        numbering = WordNumbering(_optional_xml(extras.get("numbering")), _optional_xml(extras.get("styles")))
        return [numbering.label(p) for p in paragraphs]
    except Exception:  # noqa: BLE001 - see the docstring: degrade, never fail
        return [""] * len(paragraphs)


def _optional_xml(xml: bytes | None):
    if not xml:
        return None
    try:
        return ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return None


def _own_nodes(element):
    """Descendants of a paragraph, without those of paragraphs nested in it (text boxes)."""
    for child in element:
        yield child
        if child.tag != f"{_W}p":
            yield from _own_nodes(child)


def _document_xml(data: bytes) -> tuple[bytes, dict[str, bytes]]:
    """The body XML, plus whichever of the numbering and styles parts could be read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = {info.filename: info for info in archive.infolist()}
        info = names.get("word/document.xml")
        if info is None:
            raise ExtractionError(_("这个压缩文件不是 Word 文档（缺少正文），请上传 .docx 或 .txt 格式的讲话稿。"))
        _check_sizes(list(names.values()), info)
        with archive.open(info) as stream:
            xml = stream.read(MAX_XML_BYTES + 1)
        if len(xml) > MAX_XML_BYTES:
            raise ExtractionError(_("Word 文档内容过大（解压后超过 30 MB），疑似异常文件，已拒绝读取。"))
        extras = _extra_parts(archive, names)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, NotImplementedError):
        raise ExtractionError(_BROKEN) from None
    return xml, extras


def _extra_parts(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> dict[str, bytes]:
    found = {}
    for kind, name in _extra_names(archive, names).items():
        info = names.get(name)
        if info is None or info.file_size > MAX_XML_BYTES or info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            continue
        try:
            with archive.open(info) as stream:
                xml = stream.read(MAX_XML_BYTES + 1)
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError):
            continue
        if len(xml) <= MAX_XML_BYTES:
            found[kind] = xml
    return found


def _extra_names(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    """Where the document's relationships put its numbering and styles parts.

    Word always writes word/numbering.xml and word/styles.xml, but other producers may
    name them otherwise; the relationships file is what says.
    """
    found = {"numbering": "word/numbering.xml", "styles": "word/styles.xml"}
    info = names.get("word/_rels/document.xml.rels")
    if info is None or info.file_size > MAX_XML_BYTES:
        return found
    try:
        with archive.open(info) as stream:
            rels = ElementTree.fromstring(stream.read(MAX_XML_BYTES))
    except (ElementTree.ParseError, DefusedXmlException, ValueError, zipfile.BadZipFile, EOFError, OSError,
            RuntimeError, NotImplementedError):  # fmt: skip
        return found
    for rel in rels.iter(f"{_RELS}Relationship"):
        kind = next((k for k, suffix in _REL_TYPES.items() if rel.get("Type", "").endswith(suffix)), None)
        target = rel.get("Target", "")
        if kind and target and rel.get("TargetMode") != "External":
            found[kind] = posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"word/{target}")
    return found


def _check_sizes(infos: list[zipfile.ZipInfo], document: zipfile.ZipInfo) -> None:
    """Refuse zip bombs by the declared sizes before decompressing anything."""
    total = sum(info.file_size for info in infos)
    ratio = document.file_size / max(document.compress_size, 1)
    if total > MAX_TOTAL_BYTES or document.file_size > MAX_XML_BYTES or ratio > MAX_RATIO:
        raise ExtractionError(_("Word 文档解压后体积异常（疑似压缩炸弹），已拒绝读取。"))


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
