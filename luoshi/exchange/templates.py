"""The blank workbook of an importable ledger: its header as the reader expects it, dropdowns
(data validation) for choice fields and for the units and people the user may name, and a
填表说明 sheet. What a user fills in here imports without a column mapping."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
from django.utils.translation import gettext_lazy as _
from xlsxwriter.utility import xl_col_to_name

from luoshi.exchange.exporting import INDEX_HEADER, text_width
from luoshi.exchange.spec import FieldSpec, LedgerSpec

OPTIONS_SHEET = "选项"  # i18n: data (a hidden sheet the dropdowns point at)
NOTES_SHEET = _("填表说明")
DATA_ROWS = 500  # rows that carry the dropdowns; Excel copies validation when rows are added

_KIND_NOTES = {
    "deadline": _("填写日期（如 2024-06-30），或“6月底前”“第三季度”“每月”“长期坚持”“立行立改”等"),
    "list": _("可填多个，用顿号“、”分隔"),
    "number": _("填写数字"),
}


def choice_words(spec: FieldSpec) -> list[str]:
    """One written word per stored code, in the spec's order (the first word of each code)."""
    words: dict[str, str] = {}
    for word, code in (spec.choices or {}).items():
        words.setdefault(code, word)
    return list(words.values())


def write_template(path: str | Path, *, title: str, spec: LedgerSpec, options: dict[str, list[str]],
                   notes: dict[str, str] | None = None) -> None:
    """`options` gives the dropdown values of fields beyond choice fields (units, people)."""
    book = xlsxwriter.Workbook(str(path))
    data = book.add_worksheet(spec.label[:31])
    lists = book.add_worksheet(OPTIONS_SHEET)
    guide = book.add_worksheet(str(NOTES_SHEET))
    header = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True,
                              "bg_color": "#F2F2F2"})
    required = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                                "text_wrap": True, "bg_color": "#F2F2F2", "font_color": "#C00000"})
    data.merge_range(0, 0, 0, len(spec.fields), title, book.add_format({"bold": True, "font_size": 16,
                                                                       "align": "center"}))
    data.write_string(1, 0, INDEX_HEADER, header)
    data.set_column(0, 0, 6)
    for col, field in enumerate(spec.fields, start=1):
        data.write_string(1, col, field.label, required if field.required else header)
        data.set_column(col, col, max(12, min(40, text_width(field.label) + 6)))
        values = choice_words(field) if field.kind == "choice" else options.get(field.name, [])
        if values:
            _dropdown(data, lists, col, field, values, col - 1)
    data.freeze_panes(2, 0)
    lists.hide()
    _guide(book, guide, spec, options, notes or {})
    data.activate()
    book.close()


def _dropdown(data, lists, col: int, field: FieldSpec, values: list[str], slot: int) -> None:
    """A list validation pointing at a column of the hidden options sheet (no 255-character limit)."""
    letter = xl_col_to_name(slot)
    lists.write_string(0, slot, field.label)
    for row, value in enumerate(values, start=1):
        lists.write_string(row, slot, value)
    source = f"='{OPTIONS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    strict = field.kind == "choice"
    data.data_validation(2, col, DATA_ROWS + 1, col, {
        "validate": "list", "source": source, "ignore_blank": True,
        "show_error": strict, "error_title": str(_("输入有误")),
        "error_message": str(_("请从下拉列表中选择%(label)s") % {"label": field.label}),
        "input_title": field.label[:32], "input_message": str(_("可从下拉列表选择") if not strict else _("请从下拉列表选择"))[:255],
    })


def _guide(book, guide, spec: LedgerSpec, options: dict, notes: dict) -> None:
    bold = book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
    wrap = book.add_format({"text_wrap": True, "border": 1, "valign": "top"})
    guide.set_column(0, 0, 16)
    guide.set_column(1, 1, 10)
    guide.set_column(2, 2, 80)
    guide.write_row(0, 0, [str(_("列名")), str(_("是否必填")), str(_("填写说明"))], bold)
    for row, field in enumerate(spec.fields, start=1):
        text = str(notes.get(field.name) or _KIND_NOTES.get(field.kind, ""))
        if field.kind == "choice":
            text = str(_("从下拉列表选择：%(words)s") % {"words": "、".join(choice_words(field))})
        elif field.name in options and not text:
            text = str(_("从下拉列表选择（只能填写您数据权限范围内的单位或人员）"))
        synonyms = "、".join(s for s in field.synonyms if s != field.label)[:120]
        if synonyms:
            text = (text + "\n" + str(_("表头也可写作：%(synonyms)s") % {"synonyms": synonyms})).strip()
        guide.write_row(row, 0, [field.label, str(_("必填") if field.required else _("选填")), text], wrap)
    last = len(spec.fields) + 2
    tips = [_("1. 请勿修改第二行表头；可以删除不需要的选填列。"),
            _("2. 一行填写一条，合并单元格会按所在区域自动展开。"),
            _("3. 导入时任何一行有错误，整个文件都不会导入；系统会返回标出错误单元格的工作簿，改正后重新导入即可。")]
    for offset, tip in enumerate(tips):
        guide.write_string(last + offset, 0, str(tip))
