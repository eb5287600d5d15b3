"""The year's review draft as a Word document in 公文 style (the roll call bulletin's layout,
`dispatch.bulletin`: A4, GB/T 9704 margins and fonts, "— 1 —" page numbers).

Every number in the body is one of the gathered `sources` (reports.review), written where its
paragraph says "{#n}" and followed by its reference mark in superscript ("12[3]"); the appendix
table 数据来源 gives, for each mark, what the number is, its value, the query in words, the rows'
count and ids, and where to open them. A quantity without data reads "（暂无数据：…）"."""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from luoshi.dispatch import bulletin as gongwen
from luoshi.reports.review import MARK

TABLE_SIZE = Pt(10.5)  # 五号: the appendix table's text
IDS_SHOWN = 100  # ids listed per reference in the table; the count covers them all


def paragraph_text(text: str, sources: list[dict]) -> str:
    """A paragraph as plain text, each "{#n}" as its value and "[n]" (what the document reads)."""
    by_n = {s["n"]: s for s in sources}
    return MARK.sub(lambda m: f"{by_n[int(m.group(1))]['value']}[{m.group(1)}]", text)


def build(*, title: str, figures: dict, base_url: str = "") -> bytes:
    document = Document()
    gongwen._page(document)
    gongwen._paragraph(document, title, font=gongwen.TITLE_FONT, size=gongwen.TITLE_SIZE,
                       align=WD_ALIGN_PARAGRAPH.CENTER)
    as_of = dt.date.fromisoformat(figures["as_of"])
    gongwen._paragraph(document, _("（根据系统数据生成，数据截至%(d)s；每个数字后的编号见附表“数据来源”）") % {
        "d": gongwen.cn_date(as_of)}, align=WD_ALIGN_PARAGRAPH.CENTER)
    gongwen._paragraph(document, "")
    sources = figures["sources"]
    by_n = {s["n"]: s for s in sources}
    for section in figures["sections"]:
        gongwen._heading(document, section["heading"])
        for text in section["paragraphs"]:
            _marked(document, text, by_n)
    _appendix(document, sources, base_url)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _marked(document, text: str, by_n: dict) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = 2 * gongwen.CHAR
    at = 0
    for match in MARK.finditer(text):
        gongwen._run(paragraph, text[at:match.start()], gongwen.BODY_FONT, gongwen.BODY_SIZE)
        source = by_n[int(match.group(1))]
        gongwen._run(paragraph, source["value"], gongwen.BODY_FONT, gongwen.BODY_SIZE)
        mark = gongwen._run(paragraph, f"[{source['n']}]", gongwen.BODY_FONT, gongwen.BODY_SIZE)
        mark.font.superscript = True
        at = match.end()
    gongwen._run(paragraph, text[at:], gongwen.BODY_FONT, gongwen.BODY_SIZE)


def rows_text(source: dict) -> str:
    """The table's 记录 cell: how many rows and their ids (none for counts shown without ids)."""
    if source["ids"] is None:
        return _("%(n)s 人（不列明细）") % {"n": source["count"]}
    ids = source["ids"]
    shown = "、".join(str(i) for i in ids[:IDS_SHOWN]) + ("…" if len(ids) > IDS_SHOWN else "")
    return _("共 %(n)d 条：%(ids)s") % {"n": len(ids), "ids": shown} if ids else _("共 0 条")


def _appendix(document, sources: list[dict], base_url: str) -> None:
    document.add_page_break()
    gongwen._heading(document, _("附表：数据来源"))
    heads = (_("序号"), _("数据"), _("数值"), _("统计口径"), _("记录（编号）"), _("查看路径"))
    table = document.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell(cell, text, bold=True)
    for source in sources:
        cells = table.add_row().cells
        values = (str(source["n"]), source["label"], f"{source['value']} {source['unit']}".strip(), source["query"],
                  rows_text(source), base_url + source["link"])
        for cell, text in zip(cells, values, strict=True):
            _cell(cell, text)


def _cell(cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = gongwen._run(paragraph, text, gongwen.BODY_FONT, TABLE_SIZE)
    run.font.bold = bold
