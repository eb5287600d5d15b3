"""What a date cell showed: the deadline a person typed is what the sheet displayed.

Excel turns a typed "2024年6月" into the date 2024-06-01 shown as "2024年6月", and "6月30日"
into a date in the year of typing, shown without one. Read as dates, the first is a month
early and the second, typed in December for next year's plan, a year early. So the cells
that look like that (a date on the 1st, or outside the plan year) have their number format
looked up, and a date shown without a day or a year is read as the text it showed.

python-calamine does not report number formats, so they come from the package itself:
styles.xml and the sheet's own cell tags. ``check_upload`` has already bounded the package
and refused XML declarations, and only the few cells asked about are looked up.
"""

import datetime
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .text import column_letter

__all__ = ["shown_dates"]

_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_YEAR_MONTH, _MONTH_DAY = 'yyyy"年"m"月"', 'm"月"d"日"'  # i18n: input (a zh-CN Excel's format codes)
# Built-in formats have no numFmt entry; these are the date ones of a zh-CN Excel.
_BUILT_IN = {14: "yyyy/m/d", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 22: "yyyy/m/d h:mm", 30: "m-d-yy",
             31: 'yyyy"年"m"月"d"日"'}  # i18n: input
_BUILT_IN |= dict.fromkeys((27, 36, 50, 52, 57), _YEAR_MONTH) | dict.fromkeys((28, 29, 51, 53, 54, 58), _MONTH_DAY)
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_CELL = re.compile(rb'<c\s[^>]*?\br="([A-Z]{1,3}\d{1,7})"[^>]*>')
_STYLE = re.compile(rb'\bs="(\d+)"')


def shown_dates(path: str | Path, sheet: str, cells: dict[tuple[int, int], datetime.date]) -> dict:
    """(row, col) → the text a date cell showed, for those shown without a day or a year."""
    try:
        with zipfile.ZipFile(path) as archive:
            codes = _format_codes(archive)
            styles = _cell_styles(archive, sheet, {_ref(row, col) for row, col in cells})
    except (KeyError, ParseError, DefusedXmlException, zipfile.BadZipFile, ValueError):
        return {}  # an odd package keeps its dates as they are
    shown = {}
    for (row, col), day in cells.items():
        style = styles.get(_ref(row, col))
        text = _as_shown(codes[style], day) if style is not None and style < len(codes) else None
        if text:
            shown[(row, col)] = text
    return shown


def _as_shown(code: str, day: datetime.date) -> str | None:
    tokens = _LITERALS.sub("", code).lower()
    if "y" in tokens and "d" not in tokens and "m" in tokens:
        return f"{day.year}年{day.month}月"  # i18n: input (what the cell showed, for the deadline reader)
    if "y" not in tokens and "d" in tokens and "m" in tokens:
        return f"{day.month}月{day.day}日"  # i18n: input
    return None


def _ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


def _format_codes(archive: zipfile.ZipFile) -> list[str]:
    """The number format code of each cell style (cellXfs), by style index."""
    styles = fromstring(archive.read("xl/styles.xml"))
    custom = {int(fmt.get("numFmtId", -1)): fmt.get("formatCode", "") for fmt in styles.iter() if _tag(fmt) == "numFmt"}
    xfs = next((node for node in styles if _tag(node) == "cellXfs"), [])
    ids = [int(xf.get("numFmtId", 0)) for xf in xfs if _tag(xf) == "xf"]
    return [custom.get(fmt_id) or _BUILT_IN.get(fmt_id, "") for fmt_id in ids]


def _cell_styles(archive: zipfile.ZipFile, sheet: str, refs: set[str]) -> dict[str, int]:
    found = {}
    for match in _CELL.finditer(archive.read(_sheet_part(archive, sheet))):
        ref = match.group(1).decode()
        if ref in refs:
            style = _STYLE.search(match.group(0))
            found[ref] = int(style.group(1)) if style else 0
            if len(found) == len(refs):
                break
    return found


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    book = fromstring(archive.read("xl/workbook.xml"))
    rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    for node in book.iter():
        if _tag(node) == "sheet" and node.get("name") == sheet:
            target = targets[node.get(_NS_REL)]
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    raise KeyError(sheet)


def _tag(node) -> str:
    return node.tag.rsplit("}", 1)[-1]
