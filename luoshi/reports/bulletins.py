"""A bulletin's (通报) figures, read from the data for a plan (or one of its lines) and a period, and
its Word document in 公文 style: the roll call's bulletin's layout (`dispatch.bulletin`: A4, GB/T
9704 margins and fonts, the issuing office in red over the number and a red rule, the office's
signature, the date, "— 1 —" page numbers).

`gather` returns plain JSON data (kept on the draft, so what the office edits and what it issues say
the same numbers); `build` lays them out. Every number in the document is one of `figures`, and
`tests/test_bulletins.py` counts each again from the database."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from luoshi.assessment import selectors as assessment
from luoshi.dispatch import bulletin as gongwen
from luoshi.plans import light_style
from luoshi.plans import selectors as plan_selectors
from luoshi.plans.models import Light, Plan, TaskStatus, WorkLine
from luoshi.supervision.models import Problem, ProblemStatus, Urge, UrgeLevel, UrgeStatus

LISTED = 30  # tasks and problems named in a bulletin; the counts cover them all
NOT_OVERDUE = (TaskStatus.COMPLETED, TaskStatus.CLOSING, TaskStatus.DRAFT)


def period_of(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The period just ended on `day`'s side: last Monday..Sunday for a weekly bulletin, last month for a monthly."""
    if kind == "monthly":
        end = day.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end
    end = day - dt.timedelta(days=day.weekday() + 1)
    return end - dt.timedelta(days=6), end


def title_of(*, plan: Plan, line: WorkLine | None, kind: str, start: dt.date, end: dt.date) -> str:
    subject = line.name if line else plan.title
    subject = subject.removesuffix("工作")  # i18n: input ("全镇重点工作" + "工作进展" says it once)
    if kind == "monthly":
        return _("关于%(subject)s%(year)d年%(month)d月工作进展情况的通报") % {
            "subject": subject, "year": start.year, "month": start.month}
    return _("关于%(subject)s工作进展情况的通报（%(start)s—%(end)s）") % {
        "subject": subject, "start": f"{start:%m.%d}", "end": f"{end:%m.%d}"}


def _bounds(start: dt.date, end: dt.date):
    tz = timezone.get_current_timezone()
    return (dt.datetime.combine(start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))


def gather(*, actor, plan: Plan, line: WorkLine | None, start: dt.date, end: dt.date) -> dict:
    """The bulletin's figures as the actor sees them, the lights and overdue as of `end` (stored lights:
    as of the drafting day), the rest within start..end."""
    begin, stop = _bounds(start, end)
    tasks = plan_selectors.whole_tasks(actor=actor, plan=plan)
    if line is not None:
        tasks = tasks.filter(line=line)
    overdue_q = Q(deadline__lt=end) & ~Q(status__in=NOT_OVERDUE)
    lights = tasks.aggregate(
        total=Count("id"), **{s.value: Count("id", filter=Q(light=s.value)) for s in light_style.SHOWN},
        overdue=Count("id", filter=overdue_q),
        done_in_period=Count("id", filter=Q(status=TaskStatus.COMPLETED, completed_at__gte=begin,
                                            completed_at__lt=stop)))
    red = [{"id": t.pk, "title": t.title, "unit": t.lead_unit.name if t.lead_unit else "",
            "deadline": t.deadline.isoformat() if t.deadline else ""}
           for t in tasks.filter(light=Light.RED).select_related("lead_unit").order_by("deadline", "id")[:LISTED]]
    overdue = [{"id": t.pk, "title": t.title, "unit": t.lead_unit.name if t.lead_unit else "",
                "deadline": t.deadline.isoformat(), "days": (end - t.deadline).days}
               for t in tasks.filter(overdue_q).select_related("lead_unit").order_by("deadline", "id")[:LISTED]]
    urges_all = Urge.objects.visible_to(actor).filter(task__plan=plan)
    if line is not None:
        urges_all = urges_all.filter(task__line=line)
    urges = urges_all.aggregate(
        issued=Count("id", filter=Q(issued_at__gte=begin, issued_at__lt=stop)),
        answered=Count("id", filter=Q(status=UrgeStatus.ANSWERED, answered_at__gte=begin, answered_at__lt=stop)),
        open=Count("id", filter=Q(status=UrgeStatus.OPEN, issued_at__lt=stop)),
        escalated=Count("id", filter=Q(status=UrgeStatus.OPEN, issued_at__lt=stop, level__gt=UrgeLevel.OWNER)))
    closed = Problem.objects.visible_to(actor).filter(status=ProblemStatus.CLOSED, closed_at__gte=begin,
                                                      closed_at__lt=stop)
    problems = {"closed": closed.count(),
                "found": Problem.objects.visible_to(actor).filter(created_at__gte=begin, created_at__lt=stop).count(),
                "closed_rows": [{"id": p.pk, "text": p.title or p.description[:60],
                                 "unit": p.lead_unit.name if p.lead_unit else ""}
                                for p in closed.select_related("lead_unit").order_by("closed_at", "id")[:LISTED]]}
    ranking = []
    latest = assessment.top_and_bottom(actor=actor, count=5)
    if latest:
        run = latest[0]["run"]
        ranking = {"scheme": run.scheme.title, "run": run.pk, "number": run.number,
                   "top": [{"rank": r.rank, "unit": r.unit.name, "total": str(r.total)} for r in latest[0]["top"]],
                   "bottom": [{"rank": r.rank, "unit": r.unit.name, "total": str(r.total)}
                              for r in latest[0]["bottom"]]}
    return {"start": start.isoformat(), "end": end.isoformat(), "lights": lights, "red": red, "overdue": overdue,
            "urges": urges, "problems": problems, "ranking": ranking}


def default_summary(figures: dict) -> str:
    """The draft's first paragraph, written from the figures; the office edits it before issuing."""
    n = figures["lights"]
    by_light = "、".join(_("%(light)s %(n)d 项") % {"light": s.label, "n": n[s.value]} for s in light_style.SHOWN)
    return _("截至%(end)s，共有任务 %(total)d 项，其中%(by_light)s；本期办结 %(period)d 项，逾期未完成 %(overdue)d 项。") % {
        "end": gongwen.cn_date(dt.date.fromisoformat(figures["end"])), "total": n["total"], "by_light": by_light,
        "period": n["done_in_period"], "overdue": n["overdue"]}


@dataclass
class _Head:
    """What dispatch.bulletin's head and signature read."""

    issuer: str
    number: str
    date: dt.date
    written: dt.date | None = None


def build(*, title: str, summary: str, remarks: str, figures: dict, issuer: str, number: str,
          written: dt.date) -> bytes:
    document = Document()
    head = _Head(issuer=issuer, number=number, date=written)
    gongwen._page(document)
    gongwen._head(document, head)
    gongwen._paragraph(document, title, font=gongwen.TITLE_FONT, size=gongwen.TITLE_SIZE,
                       align=WD_ALIGN_PARAGRAPH.CENTER)
    gongwen._paragraph(document, "")
    gongwen._heading(document, _("一、总体进展"))
    for text in (summary or default_summary(figures)).splitlines() or [""]:
        if text.strip():
            gongwen._paragraph(document, text.strip(), indent=True)
    gongwen._heading(document, _("二、红灯和逾期任务"))
    _list(document, [_("%(title)s（%(unit)s）") % r for r in figures["red"]], _("红灯任务 %(n)d 项：") % {
        "n": figures["lights"]["red"]})
    _list(document, [_("%(title)s（%(unit)s，%(deadline)s 到期，逾期 %(days)d 天）") % r for r in figures["overdue"]],
          _("逾期未完成任务 %(n)d 项：") % {"n": figures["lights"]["overdue"]})
    u = figures["urges"]
    gongwen._heading(document, _("三、督办情况"))
    gongwen._paragraph(document, _("本期发出督办单 %(issued)d 份，答复 %(answered)d 份；尚未答复 %(open)d 份，"
                                   "其中已升级督办 %(escalated)d 份。") % u, indent=True)
    p = figures["problems"]
    gongwen._heading(document, _("四、问题整改"))
    _list(document, [_("%(text)s（%(unit)s）") % r for r in p["closed_rows"]],
          _("本期发现问题 %(found)d 个，销号 %(closed)d 个。") % p)
    gongwen._heading(document, _("五、考核排名"))
    ranking = figures["ranking"]
    if ranking:
        gongwen._paragraph(document, _("%(scheme)s第 %(number)d 批次：") % ranking, indent=True)
        for r in ranking["top"]:
            gongwen._paragraph(document, _("第 %(rank)d 名 %(unit)s %(total)s 分") % r, indent=True)
        if ranking["bottom"]:
            gongwen._paragraph(document, _("排名靠后：") + "、".join(
                _("%(unit)s（第 %(rank)d 名）") % r for r in ranking["bottom"]), indent=True)
    else:
        gongwen._paragraph(document, _("暂无已发布的排名。"), indent=True)
    if remarks.strip():
        gongwen._heading(document, _("六、下步要求"))
        for text in remarks.splitlines():
            if text.strip():
                gongwen._paragraph(document, text.strip(), indent=True)
    gongwen._signature(document, head)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _list(document, items: list[str], lead: str) -> None:
    gongwen._paragraph(document, lead if items else lead.rstrip("：:") + _("。"), indent=True)
    for i, text in enumerate(items, 1):
        gongwen._paragraph(document, f"{i}. {text}", indent=True)
