"""The roll call's bulletin (调度通报) as a Word document in 公文 style (GB/T 9704): A4, margins
37/35/28/26 mm, title in 方正小标宋简体 2号 (22 pt), body in 仿宋_GB2312 3号 (16 pt), Chinese
fonts set through the East-Asian font attribute (w:rFonts w:eastAsia) that Word reads for CJK."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT, TITLE_SIZE = "方正小标宋简体", Pt(22)
BODY_FONT, BODY_SIZE = "仿宋_GB2312", Pt(16)
HEADING_FONT = "黑体"
MARGINS = {"top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}


@dataclass
class BulletinData:
    """What a bulletin says, gathered by the service from the closed round."""

    title: str
    unit: str
    date: object
    expected: int
    reported: int
    missing: list[str]
    reported_rows: list[tuple[str, str]]
    red_tasks: list[str]
    difficulties: list[tuple[str, str]]


def build(data: BulletinData) -> bytes:
    document = Document()
    _page(document)
    _paragraph(document, data.title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, f"（{cn_date(data.date)}）", align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, _("%(d)s，%(u)s按照“一三五点名”安排进行调度点名。本次点名应上报 %(e)d 人，已上报 %(r)d 人，"
                           "未上报 %(m)d 人。") % {"d": cn_date(data.date), "u": data.unit, "e": data.expected,
                                                 "r": data.reported, "m": len(data.missing)}, indent=True)
    _heading(document, _("一、未上报人员"))
    _paragraph(document, "、".join(data.missing) if data.missing else _("无。"), indent=True)
    _heading(document, _("二、红灯任务"))
    for i, title in enumerate(data.red_tasks, 1):
        _paragraph(document, f"{i}. {title}", indent=True)
    if not data.red_tasks:
        _paragraph(document, _("无。"), indent=True)
    _heading(document, _("三、反映的困难和问题"))
    for i, (name, text) in enumerate(data.difficulties, 1):
        _paragraph(document, f"{i}. {name}：{text}", indent=True)
    if not data.difficulties:
        _paragraph(document, _("无。"), indent=True)
    _heading(document, _("四、上报情况"))
    for name, text in data.reported_rows:
        _paragraph(document, f"{name}：{text}", indent=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for name, value in MARGINS.items():
        setattr(section, name, value)
    normal = document.styles["Normal"]
    _font(normal.font, normal.element.get_or_add_rPr(), BODY_FONT, BODY_SIZE)


def _font(font, rpr, name: str, size) -> None:
    font.name, font.size = name, size
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(document, text: str, *, font: str = BODY_FONT, size=BODY_SIZE, align=None, indent=False):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters of 3号
    for line_no, line in enumerate(text.splitlines() or [""]):
        run = paragraph.add_run()
        if line_no:
            run.add_break()
        run.add_text(line)
        _font(run.font, run._element.get_or_add_rPr(), font, size)
    return paragraph


def _heading(document, text: str) -> None:
    _paragraph(document, text, font=HEADING_FONT, indent=True)


def cn_date(day) -> str:
    """2024年5月6日 (the body date of a 公文)."""
    return f"{day.year}年{day.month}月{day.day}日"
