"""The roll call's bulletin (调度通报) as a Word document in 公文 style (GB/T 9704): A4, margins
37/35/28/26 mm, title in 方正小标宋简体 2号 (22 pt), body in 仿宋_GB2312 3号 (16 pt), Chinese
fonts set through the East-Asian font attribute (w:rFonts w:eastAsia) that Word reads for CJK.

It reads as a 公文 does: the issuing office (发文机关标志, in red) and the document number
(发文字号, "〔2024〕3号") over a red rule, the title, the body, the office's signature (发文机关署名)
and the date it was written (成文日期, "2024年3月4日"), and a page number in the footer as
"— 1 —" (4号 宋体, odd pages on the right and even pages on the left, one character in). Who the
office is and what the number is, the service decides (dispatch.services, from the schedule's unit
and the township's count of bulletins); this module only lays them out."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT, TITLE_SIZE = "方正小标宋简体", Pt(22)  # i18n: data (font names)
ISSUER_SIZE = Pt(26)  # the issuing office's mark over the number, larger than the title
BODY_FONT, BODY_SIZE = "仿宋_GB2312", Pt(16)  # i18n: data
HEADING_FONT = "黑体"  # i18n: data
PAGE_FONT, PAGE_SIZE = "宋体", Pt(14)  # i18n: data (4号 宋体 for the page number)
RED = RGBColor(0xFF, 0x00, 0x00)
CHAR = Pt(16)  # one character of 3号: the unit of 公文 indents ("空二字")
MARGINS = {"top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}
# the page number's line sits about 7 mm below the body: 35 mm margin - 7 mm - one 4号 line
FOOTER_DISTANCE = Mm(23)
# what a schedule's name may already say of the document it ends as ("脱贫攻坚调度点名", "一三五点名")
ROLL_CALL_WORDS = ("点名", "调度")  # i18n: input
KIND = "通报"  # i18n: input (a name that already ends in it)


@dataclass
class BulletinData:
    """What a bulletin says, gathered by the service from the closed round. Names of people come
    as `person_label` writes them ("宋永刚（乡村振兴办公室）")."""

    title: str
    unit: str
    date: object
    expected: int
    reported: int
    missing: list[str]
    reported_rows: list[tuple[str, str]]
    red_tasks: list[str]
    difficulties: list[tuple[str, str]]
    issuer: str = ""
    number: str = ""
    written: object = None  # 成文日期; the round's date when not given


def title_of(name: str) -> str:
    """The bulletin's title (and its file's name) from its schedule's name, saying each word once:
    "脱贫攻坚" → "脱贫攻坚调度点名通报"; a name that already says 点名 or 调度 only gains the kind
    ("脱贫攻坚调度点名" → "脱贫攻坚调度点名通报", "一三五点名" → "一三五点名通报", "扶贫干部点名调度" →
    "扶贫干部点名调度通报"); one that already ends in 通报 is the title as it is."""
    name = (name or "").strip()
    if name.endswith(KIND):
        return name
    if any(word in name for word in ROLL_CALL_WORDS):
        return _("%(name)s通报") % {"name": name}
    return _("%(name)s调度点名通报") % {"name": name}


def person_label(name: str, unit: str) -> str:
    """"宋永刚（乡村振兴办公室）": how the bulletin and the round page name a person called."""
    return f"{name}（{unit}）" if unit else name


def build(data: BulletinData) -> bytes:
    document = Document()
    _page(document)
    _head(document, data)
    _paragraph(document, data.title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "")
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
    _signature(document, data)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for name, value in MARGINS.items():
        setattr(section, name, value)
    section.footer_distance = FOOTER_DISTANCE
    normal = document.styles["Normal"]
    _font(normal.font, normal.element.get_or_add_rPr(), BODY_FONT, BODY_SIZE)
    # 公文 page numbers: odd pages on the right, even pages on the left, one character in
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(footer, align) -> None:
    """"— 1 —": the page number as a PAGE field between two em dashes, in 4号 宋体."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = PAGE_SIZE
    else:
        paragraph.paragraph_format.left_indent = PAGE_SIZE
    _run(paragraph, "— ", PAGE_FONT, PAGE_SIZE)
    _field(paragraph, "PAGE", "1")
    _run(paragraph, " —", PAGE_FONT, PAGE_SIZE)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (begin, instruction, separate, the value shown until Word updates it, end)."""
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None), ("text", shown),
                       ("end", None)):
        run = _run(paragraph, "", PAGE_FONT, PAGE_SIZE)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            run.add_text(text)
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._element.append(element)


def _head(document, data: BulletinData) -> None:
    """版头: the issuing office in red, then the number over a red rule."""
    if data.issuer:
        issuer = _paragraph(document, data.issuer, font=TITLE_FONT, size=ISSUER_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
        for run in issuer.runs:
            run.font.color.rgb = RED
    number = _paragraph(document, data.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(number)
    _paragraph(document, "")


def _red_rule(paragraph) -> None:
    """The red line under the number (版头中的分隔线), as the paragraph's bottom border."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "6"), ("w:color", "FF0000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _signature(document, data: BulletinData) -> None:
    """发文机关署名 two characters in from the right, and the 成文日期 under it, four characters in."""
    _paragraph(document, "")
    if data.issuer:
        signed = _paragraph(document, data.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
        signed.paragraph_format.right_indent = 2 * CHAR
    written = _paragraph(document, cn_date(data.written or data.date), align=WD_ALIGN_PARAGRAPH.RIGHT)
    written.paragraph_format.right_indent = 4 * CHAR


def _font(font, rpr, name: str, size) -> None:
    font.name, font.size = name, size
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _run(paragraph, text: str, font: str, size):
    run = paragraph.add_run(text)
    _font(run.font, run._element.get_or_add_rPr(), font, size)
    return run


def _paragraph(document, text: str, *, font: str = BODY_FONT, size=BODY_SIZE, align=None, indent=False):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = 2 * CHAR
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
    """2024年5月6日 (the body date of a 公文, and its 成文日期)."""
    return _("%(year)d年%(month)d月%(day)d日") % {"year": day.year, "month": day.month, "day": day.day}

