"""完成时限 as townships write it → a date, a kind and a recurrence.

A deadline cell may hold a real Excel date, a number, or free text such as "6月底前",
"２０２４年９月底", "第三季度", "上半年完成选址，12月底建成", "长期坚持" or "每周一三五".
The final deadline of a text naming several dates is the *last date mentioned*, since
township texts list the steps in order and the last one is when the task is done.

Conventions for vague dates (document them to users as such):
上旬 / 月初 → the 10th, 月中 → the 15th, 中旬 → the 20th, 下旬 / 月底 / 月末 / a bare
month → the month's last day; 第N季度 → the quarter's last day; 上半年 / 年中 → 06-30;
下半年 / 年底 / 年内 / 全年 / a bare year → 12-31.
"""

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .text import cell_text

__all__ = ["Deadline", "parse_deadline"]

_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIALS = range(36526, 73051)  # 2000-01-01 … 2099-12-31 as Excel serial day numbers

# "一月一调度", "半年一考核", "一周一次": once per period before the work it names (not 一次性, one-off).
_ONCE = r"一(?=$|次(?!性)|[督调通排考观研会点讲评])"  # i18n: input
_ONCE_A_PERIOD = re.compile(rf"一?(?:[日天周月年]|季度?){_ONCE}|(?<![上下])半年{_ONCE}")
# Each name is a value of luoshi.plans.models.Recurrence (plans.periods.recurrence_of relies on it).
_RECURRENCES = (  # first match wins: the most specific wording comes first; i18n: input
    ("mon_wed_fri", r"周?一[、,，]?周?三[、,，]?周?五"),
    ("semiannual", rf"每半年|(?<![上下])半年{_ONCE}"),
    ("quarterly", rf"每个?季度?|按季度?|季度调度|逐季|一?季度?{_ONCE}"),
    ("monthly", rf"每个?月|按月|月度调度|逐月|月调度|月报|一?月{_ONCE}"),
    ("weekly", rf"每个?周|按周|每星期|周调度|周报|一?周{_ONCE}"),
    ("daily", rf"每日|每天|按日|按天|日报|逐日|一?[日天]{_ONCE}"),
    ("yearly", rf"每年|按年|逐年|一?年{_ONCE}"),
)
_IMMEDIATE = re.compile(r"立行立改|立即|立查立改|即知即改|即查即改|马上|随时|及时|即时|即办")
_ONGOING = re.compile(r"长期|持续|常态化|常抓不懈|久久为功|经常性|动态")

_PERIOD = r"底|末|初|上旬|中旬|下旬|中"  # i18n: input
_Y = r"(?<!\d)(?:19|20)\d\d"  # a year is 19xx or 20xx, never part of a longer number
_MENTION = re.compile(
    rf"(?P<ymd>(?P<y1>{_Y})[年./-](?P<m1>\d{{1,2}})[月./-](?P<d1>\d{{1,2}})[日号]?)"
    rf"|(?P<ymd8>(?<!\d)(?P<y0>20\d\d)(?P<m0>0[1-9]|1[0-2])(?P<d0>[0-3]\d)(?!\d))"
    rf"|(?P<ym>(?P<y2>{_Y})[年./-](?P<m2>\d{{1,2}})(?:月份?|(?!\d))(?P<p2>{_PERIOD})?)"
    rf"|(?P<yq>(?P<y3>{_Y})年?第?(?P<q3>[1-4一二三四])季度)"
    rf"|(?P<yh>(?P<y4>{_Y})(?!\d)年?(?P<h4>上半年|下半年|年中)?)"
    rf"|(?P<md>(?P<m5>\d{{1,2}})月(?P<d5>\d{{1,2}})[日号])"
    rf"|(?P<mdot>(?<![\d./])(?P<m6>\d{{1,2}})[./](?P<d6>\d{{1,2}})(?=$|前|之前|以前|完成|[，,；;、]))"
    rf"|(?P<mp>(?P<m7>\d{{1,2}})月份?(?P<p7>{_PERIOD})?)"
    rf"|(?P<q>第?(?P<q8>[1-4一二三四])季度)"
    rf"|(?P<h>上半年|下半年|年中|年底|年末|年内|年前|全年|年度内|本年度?|今年)"
)
_DAY_OF_PERIOD = {"上旬": 10, "初": 10, "中": 15, "中旬": 20}  # i18n: input
_HALF_END = {"上半年": (6, 30), "年中": (6, 30)}  # i18n: input
_QUARTERS = {"1": 3, "2": 6, "3": 9, "4": 12, "一": 3, "二": 6, "三": 9, "四": 12}  # i18n: input
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}  # i18n: input
_CN_NUMBER = re.compile(r"[〇零一二三四五六七八九十]+(?=[年月日号])")


@dataclass(frozen=True)
class Deadline:
    """A parsed 完成时限; ``error`` (Chinese) is set when the text cannot be understood."""

    deadline: str | None
    deadline_kind: str
    recurrence: str | None
    deadline_text: str
    error: str | None = None

    def fields(self) -> dict:
        """The four row fields of the ``luoshi import`` contract."""
        return {
            "deadline": self.deadline,
            "deadline_kind": self.deadline_kind,
            "recurrence": self.recurrence,
            "deadline_text": self.deadline_text,
        }


class _NoYearError(Exception):
    """A relative date ("6月底") with no year anywhere to anchor it."""


def parse_deadline(value: object, *, year: int | None, label: str | None = None) -> Deadline:
    """Read one deadline cell; ``year`` anchors dates written without one. ``label`` names the
    column in an error (another date of a ledger: "入账日期"); 完成时限 unless given."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return Deadline(value.isoformat(), "date", None, value.isoformat())
    if isinstance(value, int | float) and not isinstance(value, bool) and int(value) in _SERIALS:
        day = _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        return Deadline(day.isoformat(), "date", None, day.isoformat())
    written = " ".join(cell_text(value).split())
    if not written:
        return Deadline(None, "none", None, "")
    return _parse_text(written, year, label or _("完成时限"))


def _parse_text(written: str, year: int | None, label: str) -> Deadline:
    text = _normalise(written)
    recurrence = _recurrence(text)
    try:
        day = _last_mentioned_date(_normalise(written, dates_only=True), year)
    except _NoYearError:
        return _failure(written, _("%(label)s“%(written)s”没有写年份，标题中也没有年份，请写明年份（如2024年6月底）")
                        % {"label": label, "written": written})
    except ValueError:
        return _failure(written, _("%(label)s中的日期不存在：%(written)s") % {"label": label, "written": written})
    if day is not None:
        return Deadline(day.isoformat(), "date", recurrence, written)
    if _IMMEDIATE.search(text):
        return Deadline(None, "immediate", recurrence, written)
    if recurrence:
        return Deadline(None, "recurring", recurrence, written)
    if _ONGOING.search(text):
        return Deadline(None, "ongoing", None, written)
    return _failure(written, _("无法识别的%(label)s：%(written)s") % {"label": label, "written": written})


def _failure(written: str, reason: str) -> Deadline:
    return Deadline(None, "none", None, written, reason)


def _normalise(written: str, *, dates_only: bool = False) -> str:
    """Width-fold, drop spaces and turn Chinese numerals before 年/月/日 into digits; for reading
    dates, without the once-a-period phrases first (一月一调度 is monthly, not January)."""
    text = "".join(unicodedata.normalize("NFKC", written).split())
    if dates_only:
        text = _ONCE_A_PERIOD.sub("", text)
    return _CN_NUMBER.sub(lambda m: _cn_number(m.group()), text)


def _cn_number(numeral: str) -> str:
    """Chinese numerals to digits: 二〇二四 → 2024, 十二 → 12, 三十一 → 31."""
    if "十" not in numeral:
        return "".join(str(_CN_DIGITS[c]) for c in numeral)
    tens, _sep, units = numeral.partition("十")
    return str(_CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0))


def _recurrence(text: str) -> str | None:
    for name, pattern in _RECURRENCES:
        if re.search(pattern, text):
            return name
    return None


def _last_mentioned_date(text: str, default_year: int | None) -> datetime.date | None:
    """Resolve each date mention left to right; a written year carries to later ones."""
    last, year = None, default_year or _first_written_year(text)
    for match in _MENTION.finditer(text):
        groups = {key: val for key, val in match.groupdict().items() if val is not None}
        written_year = next((int(groups[k]) for k in ("y0", "y1", "y2", "y3", "y4") if k in groups), None)
        year = written_year or year
        if year is None:
            raise _NoYearError
        last = _mention_date(groups, year)
    return last


def _first_written_year(text: str) -> int | None:
    found = re.search(_Y + r"(?!\d)", text)
    return int(found.group()) if found else None


def _mention_date(groups: dict, year: int) -> datetime.date:
    """One matched mention as a date in ``year`` (ValueError for 2月30日 and the like)."""
    if "ymd" in groups or "ymd8" in groups or "md" in groups or "mdot" in groups:
        month = next(groups[k] for k in ("m1", "m0", "m5", "m6") if k in groups)
        day = next(groups[k] for k in ("d1", "d0", "d5", "d6") if k in groups)
        return datetime.date(year, int(month), int(day))
    if "ym" in groups or "mp" in groups:
        month = int(groups.get("m2") or groups["m7"])
        return _month_day(year, month, groups.get("p2") or groups.get("p7"))
    quarter = groups.get("q3") or groups.get("q8")
    if quarter:
        return _month_day(year, _QUARTERS[quarter], None)
    month, day = _HALF_END.get(groups.get("h4") or groups.get("h", ""), (12, 31))
    return datetime.date(year, month, day)


def _month_day(year: int, month: int, period: str | None) -> datetime.date:
    if not 1 <= month <= 12:
        raise ValueError(month)
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, _DAY_OF_PERIOD.get(period or "", last))
