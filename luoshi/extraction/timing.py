"""Time words: deadlines (by when), periods (during when) and recurrence (how often).

Kept apart on purpose: 年底前 is a deadline, 全年 a period, 每月 a recurrence; a date on
its own (×月×日) is none of them.
"""

import re
from dataclasses import dataclass

_N = r"(?:\d{1,2}|[X×]{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?:\d{4}年|[X×]{1,4}年|今年|明年)"
_FESTIVAL = r"(?:春节|元旦|清明节?|端午节?|中秋节?|国庆节?|五一|汛期|主汛期|汛前|麦收|秋收|夏收|三夏|三秋|(?:秋季|春季)?开学|换届)"
_WEEKDAYS = "[一二三四五六日天]"
# The weekday a notice adds to its date ("于4月20日（星期五）前"): not part of the deadline as written.
_WEEKDAY_NOTE = rf"[（(](?:星期|周){_WEEKDAYS}[）)]"
# Duties a period word heads in the genre's shorthand ("日巡查、周汇总", "每月一通报").
_DUTY = r"(?:报告|巡查|巡检|巡河|巡逻|汇总|通报|调度|报送|上报|研判|分析|督查|督导|检查|排查|会商|例会|总结|点评|讲评|考核|排名|评比|观摩|暗访|抽查|清理|统计)"
# Verbs a project list dates: what is started, finished or put to use by then.
_DONE = (
    r"(?:开工|启动|动工|建成|完工|竣工|投产|通车|投用|投入使用|投入正式使用|投入运营|全面竣工|全面建成|全面完工|交付|完成|实现|全部|开园|开馆|开业|投运)"
)
# What a period word names when it is no time limit: a quoted slogan ("一季度“开门红”"), a meeting held in it
# ("第三季度行政工作例会"), the subject of a judgment ("三季度是全年的冲刺阶段", "四季度既是…冲刺期": round 16) or its
# traits ("把握三季度特点").
_NOT_DUE = r"[“\"]|[既正也就]?是|特点|形势|阶段|[^，。；]{0,8}?(?:例会|会议|推进会|调度会|分析会|座谈会|大会)"
# What a clause takes into account or looks back on ("结合上半年…实际情况", "总结上半年工作"): no time limit.
_LOOKED_AT = r"结合|根据|对照|总结|回顾|立足"
# A year's end before a level reached or a case closed ("年底达到3.5万元", "年底销号15个村"): due then.
_DONE_AT_YEAR_END = r"(?:达到|销号|销项|清零)"

DEADLINE = re.compile(
    "|".join(
        (
            rf"(?:(?:到|至|于|在){_YEAR}?|{_YEAR})?{_N}月(?:{_N}[日号](?:{_WEEKDAY_NOTE})?|底|末|中旬|上旬|下旬|份)?"
            r"(?:前|之前|以前)",
            rf"{_N}月(?:底|末|中旬|上旬|下旬)(?=完成|实现|建成|全部)",
            # a month's end opening a clause of work ("12月底做好接户工作"): due by then
            rf"^{_N}月(?:底|末)(?=做好|完成|实现|建成|全部|基本|启动|开工)",
            # a project list's dates: "计划于2024年3月开工，年底建成", "预计8月底完工"
            rf"(?:(?:于|在|到){_YEAR}?|{_YEAR})?{_N}月(?:底|末|中旬|上旬|下旬|份)?(?={_DONE})",
            rf"(?:\d{{4}}年(?:底|末)?|年(?:底|末))(?={_DONE}|{_DONE_AT_YEAR_END})",
            # a year-end check ("年底逐一绩效对账", "年底统一考核"): due at the year's end
            rf"年(?:底|末)(?=(?:逐一|统一|集中|进行)?(?:绩效)?(?:{_DUTY}|对账|验收|考评|兑现))",
            rf"(?:到|至)(?:{_YEAR}|年)(?:底|末)",
            # a year a sentence opens with as its horizon ("到2025年，…"): each item is due by then
            r"(?:^|(?<=^力争)|(?<=^确保)|(?<=^争取))(?:到|至)\d{4}年(?=[，,]|$)",
            rf"(?:到|截至|截止到?){_N}月(?:底|末|中旬|上旬|下旬)",
            rf"(?:{_YEAR}|年)(?:底|末)(?:前|之前|以前)",
            r"(?:本|当|下)月(?:底|末|中旬|上旬|下旬)(?:前|之前|以前)?",
            # a date closing a span: "即日起至6月30日"
            rf"(?:至|到|截至|截止到?){_YEAR}?{_N}月{_N}[日号](?!前|之前|以前)",
            # a time limit counted from now: "一个月内", "3个工作日内", "15天内"
            r"(?<![每\d])(?:\d{1,3}|[一二两三四五六七八九十]{1,3})个?(?:工作日|日|天|周|星期|月)内",
            rf"{_YEAR}[底末](?:前|之前)?",
            r"年内",
            # not a campaign's slogan ("抢抓三季度、奋战下半年") nor a noun's modifier ("下半年重点工作"), nor a quoted
            # slogan's ("一季度“开门红”"), a meeting's name ("第三季度行政工作例会"), a subject ("三季度是…")
            # nor what a clause takes into account or looks back on ("结合上半年各项工作运转的实际情况")
            rf"(?<![胜刺战取抓])(?<!{_LOOKED_AT})(?:上|下)半年(?!的|重点|工作|任务|目标|{_NOT_DUE})",
            rf"(?<![前胜刺战取抓])(?<!{_LOOKED_AT})第?[一二三四1-4]季度(?:末|底)?(?:前|之前)?"
            rf"(?!，|的|重点|工作|任务|目标|一|{_NOT_DUE})",
            # a named holiday period a duty is done in ("“两节”期间要做好…值班安排", "春节期间要加强…巡查")
            rf"[“\"]?(?:两节|{_FESTIVAL}|节假日)[”\"]?期间(?=[^，。；]{{0,4}}?(?:要|做好|加强|开展|落实|严格|全面|实行|安排))",
            rf"{_FESTIVAL}(?:前|之前|以前)(?!后)",
            # a date right after the modal that binds it ("确保10月10日开工仪式顺利进行"): the outcome is due then
            rf"(?<=确保|力争){_YEAR}?{_N}月{_N}[日号](?!前|之前|以前|起|至|到|[，,])",
            # the day a step of a schedule is to end ("3日全面开始，9日基本结束"): due then; not the day it starts
            rf"(?<!\d)(?:{_YEAR}?{_N}月)?\d{{1,2}}[日号](?=(?:基本|全面|全部)?(?:结束|完成|完工))",
        )
    )
)
PERIOD = re.compile(
    rf"全年|今年(?!以来)|本年度|年度|明年|\d{{4}}年(?![底末内前\d]|\d|{_N}月)|[“\"]十[四五六]五[”\"]期间"
)
RECURRENCE = re.compile(
    "|".join(
        (
            # a period of several units or a half: "每十天", "每两周", "每半个月", "每3个工作日"
            r"每(?:[两二三四五六七八九十]|\d{1,2})个?(?:天|日|工作日|周|星期|月|季度)|每半个?月",
            rf"每(?:个)?(?:天|日|周{_WEEKDAYS}*|星期{_WEEKDAYS}*|半月|月|旬|季度|季|半年|年)(?:末|底|初)?(?![的度]|对应|相应)"
            rf"(?:一(?={_DUTY}|报))?",
            r"双周|隔周",
            r"(?:周|星期)?一三五|(?:周|星期)?二四六",
            r"按(?:日|天|周|月|季度|季|年)",
            r"逐(?:日|月|季)",
            r"定期",
            r"(?<![锚确限约])定时(?![器限])",  # "定时调度": at set times, as 定期; not 锚定时限
            r"长期坚持",
            r"一?[日周月季年]一(?:次|(?=督查|调度|通报|排名|考核|考评|观摩|评比|研判|会商|点评|讲评|评))",
            # "一季度一督查": a quarter written in full
            r"一?季度一(?:次|(?=督查|调度|通报|排名|考核|考评|观摩|评比|研判|会商|点评|讲评))",
            r"半年一(?:次|(?=观摩|评比|考核|督查|调度|通报))",
            # a half-month duty written without 每 ("建立每周曝光、主要领导半月调度的工作机制")
            r"(?<![上下前后])半月(?=调度|通报|督查|会商|研判|点评|讲评|排名)",
            # a work put into a recurring mechanism by its shorthand: "纳入月调度机制", "纳入双周通报"
            rf"(?<=纳入)(?:双周|[日周旬月季年])(?={_DUTY})",
            # before or after each event of a series: "于每次调度会议前，将…梳理"
            r"每次[^，。；、\d]{1,8}?(?:前|后)(?=[，,]|$)",
        )
    )
)


@dataclass(frozen=True)
class TimeMark:
    """One time phrase at compact offsets start..end."""

    start: int
    end: int
    text: str


def _marks(pattern: re.Pattern, text: str, offset: int) -> list[TimeMark]:
    return [TimeMark(m.start() + offset, m.end() + offset, m.group()) for m in pattern.finditer(text)]


_COMPARED = re.compile(r"(?:好于|快于|高于|优于|强于|胜于)")
_COMPARED_TO = re.compile(r"(?:好于|快于|高于|优于|强于|胜于)$")


def find_deadlines(text: str, offset: int = 0) -> list[TimeMark]:
    """Deadline phrases; a leading 到/至/于/在 or 今年 is left out of the text as written."""
    marks = []
    for mark in _marks(DEADLINE, text, offset):
        if _COMPARED.match(text, mark.end - offset) or _COMPARED_TO.search(text, 0, mark.start - offset):
            continue  # "力争三季度好于二季度": two periods compared, neither a date something is due by (round 15)
        lead = re.match(r"(?:到|至|于|在|截至|截止到?)?(?:今年|明年)?", mark.text).end()
        if mark.text[lead : lead + 1] in ("底", "末"):  # "今年底前" is due by 年底前
            lead -= 1
        if lead < len(mark.text):
            marks.append(TimeMark(mark.start + lead, mark.end, re.sub(_WEEKDAY_NOTE, "", mark.text[lead:])))
    return marks


def find_periods(text: str, offset: int = 0) -> list[TimeMark]:
    """Validity periods (全年, 今年, 2024年) that are not deadlines."""
    return _marks(PERIOD, text, offset)


# A series of duties, each headed by its period, that the clause puts in force: "实行日巡查、
# 周汇总、月通报". Only at the head of a clause or right after the verb enforcing it, so that
# a system named after something ("落实项目周调度、月通报制度") is left alone.
_SERIES = re.compile(
    r"(?:^|(?<=[，。；：、\n])|(?<=实行)|(?<=坚持)|(?<=执行)|(?<=推行)|(?<=建立)|(?<=严格)|(?<=落实))"
    rf"[日周旬月季年]{_DUTY}(?:、[日周旬月季年]{_DUTY})+"
)
_SERIES_ITEM = re.compile(rf"(?:^|(?<=、))[日周旬月季年](?={_DUTY})")


# A recurring meeting named once it is set up ("双周例会由县长主持", "在双周例会上专题调度", "双周例会和月调度会可…
# 整合召开"): the meeting's name, no duty of its own.
_MEETING_NAMED = re.compile(r"(?:例会|调度会|会议)(?:由|和|与|可|上)")


def _names_meeting(text: str, end: int) -> bool:
    return bool(_MEETING_NAMED.match(text, end))


def find_recurrences(text: str, offset: int = 0) -> list[TimeMark]:
    """Recurrence phrases (每月, 每周一, 一三五, 一月一督查, 日巡查、周汇总 …)."""
    marks = [m for m in _marks(RECURRENCE, text, offset) if not _names_meeting(text, m.end - offset)]
    for series in _SERIES.finditer(text):
        for item in _SERIES_ITEM.finditer(series.group()):
            start = series.start() + item.start() + offset
            marks.append(TimeMark(start, start + 1, item.group()))
    return sorted(marks, key=lambda mark: mark.start)


# What a 完成时限 column holds when it is no deadline phrase of running text.
_COLUMN_DATE = re.compile(
    rf"(?:\d{{4}}[年.\-/])?\d{{1,2}}(?:月|[.\-/](?=\d))(?:\d{{1,2}}[日号]?)?(?:底|末|中旬|上旬|下旬|份)?(?:前|之前|以前)?"
    rf"|\d{{4}}年(?:底|末)?(?:前|之前)?|年[底末](?:前|之前)?|{_FESTIVAL}"
)
_COLUMN_ONGOING = re.compile(r"长期坚持|长期|持续推进|持续|常态化|常抓不懈|动态清零|动态")
_COLUMN_IMMEDIATE = re.compile(r"立行立改|立即|即知即改|马上")


def column_times(text: str) -> tuple[str | None, str | None, str | None]:
    """(deadline, period, recurrence) of a deadline cell of a task table, as written.

    A cell naming several dates ("上半年完成选址，12月底建成") is due at the last one.
    Besides the phrases of running text, a column may hold a bare date (12月31日,
    2024.6.30, 年底), a standing duty (长期, 常态化) or 立即.
    """
    deadlines = find_deadlines(text)
    recurrences = find_recurrences(text)
    periods = find_periods(text)
    deadline = deadlines[-1].text if deadlines else None
    if deadline is None:
        dates = list(_COLUMN_DATE.finditer(text)) or list(_COLUMN_IMMEDIATE.finditer(text))
        deadline = dates[-1].group() if dates else None
    recurrence = recurrences[0].text if recurrences else None
    if recurrence is None:
        ongoing = _COLUMN_ONGOING.search(text)
        recurrence = ongoing.group() if ongoing else None
    period = periods[0].text if periods and deadline is None else None
    return deadline, period, recurrence
