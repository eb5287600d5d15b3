"""The battle map (作战图) as an A3 landscape workbook a township office prints and pins up."""

import io

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.exchange.sanitize import escape_formula
from luoshi.plans import light_style


def render(*, plan, data: dict, exporter: str) -> bytes:
    buffer = io.BytesIO()
    # text stays text: a title that looks like a link, a formula or a number is written as the words it is
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False,
                                        "strings_to_numbers": False})
    sheet = book.add_worksheet(_("作战图"))
    styles = _styles(book)
    sheet.set_paper(8)  # A3
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)
    sheet.set_footer(_("&L导出人：%(exporter)s  导出时间：%(time)s&R第 &P 页，共 &N 页")
                     % {"exporter": exporter, "time": f"{timezone.localtime():%Y-%m-%d %H:%M}"})
    headers = [_("工作专线"), _("牵头单位"), _("工作任务"), _("责任人"), _("完成时限"), _("灯")]
    headers += [_("%(month)d月") % {"month": m} for m in data["months"]]
    sheet.merge_range(0, 0, 0, len(headers) - 1, _("%(title)s作战图") % {"title": plan.title}, styles["title"])
    for col, (text, width) in enumerate(zip(headers, [16, 14, 40, 8, 11, 7] + [6] * 12, strict=True)):
        sheet.write(2, col, text, styles["header"])
        sheet.set_column(col, col, width)
    row = 3
    for group in data["groups"]:
        for sub in group["units"]:
            for item in sub["rows"]:
                _write_task(sheet, row, group["line"], sub["unit"], item, styles)
                row += 1
    book.close()
    return buffer.getvalue()


def _write_task(sheet, row: int, line: str, unit: str, item: dict, styles) -> None:
    task = item["task"]
    parts = item.get("parts")
    if parts:
        title = task.title + _("（分解 %(n)d 个单位：%(counts)s）") % {
            "n": parts["total"], "counts": light_style.counts_text(parts)}
    else:
        title = task.title
    values = [line, unit, title, task.owner_name or "",
              task.deadline.isoformat() if task.deadline else task.get_recurrence_display(),
              task.get_light_display() if task.light else ""]  # the label of whatever light the model has
    for col, value in enumerate(values):
        style = styles.get(f"light:{task.light}") if col == 5 else None
        sheet.write(row, col, escape_formula(value), style or styles["cell"])
    for offset, cell in enumerate(item["cells"]):
        text = "★" if cell["deadline"] else ""
        if cell["milestones"]:
            text = "、".join(m.title for m in cell["milestones"])
        sheet.write(row, 6 + offset, escape_formula(text), styles["active"] if cell["active"] else styles["cell"])


def _styles(book) -> dict:
    base = {"border": 1, "valign": "vcenter", "text_wrap": True, "font_name": "宋体", "font_size": 10}  # i18n: data
    styles = {
        "title": book.add_format({"bold": True, "font_size": 18, "align": "center",
                                  "font_name": "方正小标宋简体"}),  # i18n: data (a font name)
        "header": book.add_format(base | {"bold": True, "align": "center", "bg_color": "#D9D9D9"}),
        "cell": book.add_format(base),
        "active": book.add_format(base | {"bg_color": "#DDEBF7", "align": "center"}),
    }
    for light in light_style.SHOWN:  # a light without a fill (办结, an unknown one) is uncoloured
        if light.fill:
            styles[f"light:{light.value}"] = book.add_format(base | {"bg_color": light.fill, "align": "center"})
    return styles
