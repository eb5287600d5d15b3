"""Build small .docx files for tests, the way Word splits text into runs."""

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml


def build_docx(paragraphs: list[str], path: Path, *, run_size: int = 7) -> Path:
    """Write one Word paragraph per string, cut into runs of `run_size` characters.

    Word stores a paragraph as many runs (formatting changes, spell-check marks), so
    the reader must join runs back together; cutting them on purpose tests that.
    """
    document = Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        for start in range(0, max(len(text), 1), run_size):
            paragraph.add_run(text[start : start + run_size])
    document.save(str(path))
    return path


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Para:
    """A paragraph to write: its text, and the numbering or style it asks Word for."""

    text: str
    num: int | None = None
    ilvl: int | None = None
    style: str | None = None


def level(ilvl: int, fmt: str, text: str, start: int | str = 1, extra: str = "") -> str:
    """One <w:lvl> of an abstract numbering definition."""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}<w:lvlJc w:val="left"/></w:lvl>'
    )


def abstract_num(abstract_id: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def paragraph_style(
    style_id: str,
    *,
    based_on: str | None = None,
    num_id: int | None = None,
    ilvl: int | None = None,
    kind: str = "paragraph",
) -> str:
    """A paragraph (or numbering) style, optionally numbered (w:numPr) and based on another."""
    numbering = ""
    if num_id is not None or ilvl is not None:
        parts = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (
            f'<w:numId w:val="{num_id}"/>' if num_id is not None else ""
        )
        numbering = f"<w:pPr><w:numPr>{parts}</w:numPr></w:pPr>"
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{style_id}"/>{base}{numbering}</w:style>'


def build_numbered_docx(
    paragraphs: list[Para], path: Path, *, numbering: str = "", styles: str = "", run_size: int = 7
) -> Path:
    """A real Word file (python-docx's template) whose numbering part holds `numbering`
    (abstractNum then num elements) and whose styles part also holds `styles`."""
    document = Document()
    part = document.part.numbering_part.element
    for child in list(part):
        part.remove(child)
    for element in _children(numbering):
        part.append(element)
    for element in _children(styles):
        document.styles.element.append(element)
    for para in paragraphs:
        paragraph = document.add_paragraph()
        properties = paragraph._p.get_or_add_pPr()
        if para.style is not None:
            properties.get_or_add_pStyle().val = para.style
        if para.num is not None or para.ilvl is not None:
            numbering_properties = properties.get_or_add_numPr()
            if para.ilvl is not None:
                numbering_properties.get_or_add_ilvl().val = para.ilvl
            if para.num is not None:
                numbering_properties.get_or_add_numId().val = para.num
        for start in range(0, max(len(para.text), 1), run_size):
            paragraph.add_run(para.text[start : start + run_size])
    document.save(str(path))
    return path


def without_part(path: Path, name: str) -> Path:
    """Rewrite the file without one zip member (the relationship to it stays, as in the wild)."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist() if info.filename != name}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, data in members.items():
            target.writestr(member, data)
    return path


def replace_part(path: Path, name: str, data: bytes) -> Path:
    without_part(path, name)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as target:
        target.writestr(name, data)
    return path


def _children(xml: str) -> list:
    if not xml:
        return []
    return list(parse_xml(f'<w:root xmlns:w="{W_NS}">{xml}</w:root>'))


@dataclass(frozen=True)
class Tc:
    """A table cell to write: its text ("\\n" starts a new paragraph) and its merges."""

    text: str = ""
    span: int | None = None
    vmerge: str | None = None  # "restart" or "continue"
    raw: str | None = None  # the whole <w:tc> as XML, for malformed cells


def table_xml(rows: list[list["Tc | str"]]) -> str:
    """A <w:tbl> of the given rows (plain strings are plain cells)."""
    body = "".join("<w:tr>" + "".join(_tc(cell) for cell in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/>{body}</w:tbl>"


def _tc(cell: "Tc | str") -> str:
    cell = Tc(cell) if isinstance(cell, str) else cell
    if cell.raw is not None:
        return cell.raw
    properties = (f'<w:gridSpan w:val="{cell.span}"/>' if cell.span else "") + (
        f'<w:vMerge w:val="{cell.vmerge}"/>' if cell.vmerge == "restart" else "<w:vMerge/>" if cell.vmerge else ""
    )
    paragraphs = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in
                         cell.text.split("\n"))  # fmt: skip
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraphs}</w:tc>"


def build_blocks_docx(blocks: list[str], path: Path) -> Path:
    """A Word file of paragraphs (plain strings) and tables (strings from table_xml)."""
    document = Document()
    body = document.element.body
    for block in blocks:
        if block.startswith("<w:tbl>"):
            body.sectPr.addprevious(_children(block)[0])
        else:
            document.add_paragraph(block)
    document.save(str(path))
    return path
