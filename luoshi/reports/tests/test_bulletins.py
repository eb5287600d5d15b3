"""Bulletins (通报): drafted from the data, edited, issued with the township's next number, kept and
downloadable; every number in the issued Word document is counted again here from the database."""

import datetime as dt
import io
import re

import pytest
from django.db.models import Q
from django.utils import timezone
from docx import Document

from luoshi.core.errors import ServiceError
from luoshi.core.models import AuditEntry
from luoshi.plans import selectors as plan_selectors
from luoshi.plans.models import Light, TaskStatus
from luoshi.reports import bulletins, jobs, services
from luoshi.reports.models import Bulletin, BulletinSchedule, BulletinStatus
from luoshi.supervision.models import Problem, ProblemStatus, Urge, UrgeStatus


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


def _numbers(pattern: str, text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.search(pattern, text).groups())


def test_an_issued_bulletins_every_number_is_the_databases(demo, client):
    office = demo["office"]
    plan = plan_selectors.current_plan(actor=office)
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=27), today
    draft = services.bulletin_draft(actor=office, plan=plan, kind="monthly", start=start, end=end)
    issued = services.bulletin_issue(actor=office, bulletin=draft)
    text = _text(issued.document.open("rb").read())

    tasks = plan_selectors.whole_tasks(actor=office, plan=plan)
    overdue = tasks.filter(deadline__lt=end).exclude(
        status__in=[TaskStatus.COMPLETED, TaskStatus.CLOSING, TaskStatus.DRAFT])
    begin = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    stop = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    assert _numbers(r"共有任务 (\d+) 项，其中绿灯 (\d+) 项、黄灯 (\d+) 项、红灯 (\d+) 项、已办结 (\d+) 项；"
                    r"本期办结 (\d+) 项，逾期未完成 (\d+) 项", text) == (
        tasks.count(), tasks.filter(light=Light.GREEN).count(), tasks.filter(light=Light.YELLOW).count(),
        tasks.filter(light=Light.RED).count(), tasks.filter(light=Light.DONE).count(),
        tasks.filter(status=TaskStatus.COMPLETED, completed_at__gte=begin, completed_at__lt=stop).count(),
        overdue.count())
    assert _numbers(r"红灯任务 (\d+) 项", text) == (tasks.filter(light=Light.RED).count(),)
    assert _numbers(r"逾期未完成任务 (\d+) 项", text) == (overdue.count(),)
    for task in tasks.filter(light=Light.RED).select_related("lead_unit")[:5]:
        assert f"{task.title}（{task.lead_unit.name}）" in text
    urges = Urge.objects.visible_to(office).filter(task__plan=plan)
    assert _numbers(r"发出督办单 (\d+) 份，答复 (\d+) 份；尚未答复 (\d+) 份，其中已升级督办 (\d+) 份", text) == (
        urges.filter(issued_at__gte=begin, issued_at__lt=stop).count(),
        urges.filter(status=UrgeStatus.ANSWERED, answered_at__gte=begin, answered_at__lt=stop).count(),
        urges.filter(status=UrgeStatus.OPEN, issued_at__lt=stop).count(),
        urges.filter(status=UrgeStatus.OPEN, issued_at__lt=stop, level__gt=0).count())
    problems = Problem.objects.visible_to(office)
    assert _numbers(r"本期发现问题 (\d+) 个，销号 (\d+) 个", text) == (
        problems.filter(created_at__gte=begin, created_at__lt=stop).count(),
        problems.filter(Q(status=ProblemStatus.CLOSED), closed_at__gte=begin, closed_at__lt=stop).count())
    ranking = issued.figures["ranking"]
    assert ranking, "the demo publishes a ranking"
    for row in ranking["top"]:
        assert f"第 {row['rank']} 名 {row['unit']} {row['total']} 分" in text
    # 公文: A4, GB/T 9704 margins, a page number field in the footer
    section = Document(io.BytesIO(issued.document.open("rb").read())).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert "PAGE" in section.footer._element.xml
    assert "工作工作" not in issued.title
    # the head: issuing office, number, date
    assert issued.number == f"〔{today.year}〕1号" and issued.number in text and issued.issuer in text
    assert f"{today.year}年{today.month}月{today.day}日" in text


def test_a_draft_is_edited_then_issued_numbered_and_kept(world, client_as):
    from luoshi.plans import services as plan_services
    from luoshi.progress.tests.factories import make_plan, make_task

    office = world.user("office")
    plan = make_plan(world, timezone.localdate().year)
    make_task(world, plan, title="修路")
    plan_services.plan_deploy(actor=office, plan=plan)
    client = client_as("office")
    response = client.post("/bulletins/new/", {"plan": plan.pk, "kind": "weekly"})
    assert response.status_code == 302
    bulletin = Bulletin.objects.visible_to(office).get()
    page = f"/bulletins/{bulletin.pk}/"
    form = {"title": bulletin.title, "summary": bulletin.summary, "remarks": "", "version": bulletin.version}
    assert client.post(page, form).status_code == 302  # unchanged: round trip writes nothing
    bulletin.refresh_from_db()
    assert bulletin.version == 1
    form |= {"remarks": "各村要加快进度。"}
    client.post(page, form)
    bulletin.refresh_from_db()
    assert bulletin.remarks == "各村要加快进度。" and bulletin.version == 2
    assert client.post(page, form | {"remarks": "另一稿"}).status_code == 400  # a stale version is a conflict
    assert client_as("leader").post(f"/bulletins/{bulletin.pk}/issue/").status_code == 403
    client = client_as("office")
    client.post(f"/bulletins/{bulletin.pk}/issue/")
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.ISSUED and bulletin.serial == 1
    second = services.bulletin_issue(actor=office, bulletin=services.bulletin_draft(actor=office, plan=plan))
    assert second.serial == 2
    kept = bulletin.document.open("rb").read()
    download = client_as("leader").get(f"/bulletins/{bulletin.pk}/download/")
    assert download.status_code == 200 and download.content == kept
    assert "各村要加快进度。" in _text(kept)
    with pytest.raises(ServiceError):
        services.bulletin_update(actor=office, bulletin=bulletin, version=bulletin.version, remarks="改")
    assert AuditEntry.objects.unscoped("test").filter(object_type="reports.bulletin").count() >= 4
    assert client_as("outsider").get(page).status_code == 404
    assert client_as("village").get(page).status_code == 403


def test_the_schedule_drafts_once_per_period(world, client_as):
    from luoshi.plans import services as plan_services
    from luoshi.progress.tests.factories import make_plan, make_task

    office = world.user("office")
    plan = make_plan(world, timezone.localdate().year)
    make_task(world, plan, title="修路")
    plan_services.plan_deploy(actor=office, plan=plan)
    assert client_as("office").post("/bulletins/schedules/", {"plan": plan.pk, "kind": "weekly"}).status_code == 302
    assert BulletinSchedule.objects.visible_to(office).count() == 1
    monday = dt.date(2026, 11, 30)
    made = jobs.bulletins_due(today=monday)
    jobs.bulletins_due(today=monday)  # a second run (a retry, a second worker) drafts nothing more
    assert len(made) == 1 and Bulletin.objects.visible_to(office).count() == 1
    draft = Bulletin.objects.visible_to(office).get(pk=made[0])
    assert (draft.start, draft.end) == bulletins.period_of("weekly", monday) == (dt.date(2026, 11, 23),
                                                                                dt.date(2026, 11, 29))
    assert draft.status == BulletinStatus.DRAFT and jobs.bulletins_due(today=monday + dt.timedelta(days=1)) == []
    assert services.scheduled_drafts(kind="weekly", today=monday) == []  # the period is drafted already
    assert bulletins.period_of("monthly", dt.date(2026, 12, 1)) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


@pytest.mark.parametrize("path", ["/bulletins/", "/bulletins/schedules/", "/screen/"])
def test_roles(world, client_as, path):
    expected = {"/bulletins/": {"leader": 200, "office": 200, "village": 403, "discipline": 403},
                "/bulletins/schedules/": {"leader": 200, "office": 200, "village": 403, "discipline": 403},
                "/screen/": {"leader": 403, "office": 200, "village": 403, "discipline": 403}}[path]
    for who, status in expected.items():
        assert client_as(who).get(path).status_code == status, who


def test_a_lines_bulletin_counts_that_lines_tasks(world):
    from luoshi.plans import services as plan_services
    from luoshi.progress.tests.factories import make_plan, make_task

    office = world.user("office")
    plan = make_plan(world, timezone.localdate().year)
    line = plan_services.line_create(actor=office, plan=plan, name="乡村振兴")
    make_task(world, plan, title="修路", line=line)
    make_task(world, plan, title="别的专线")
    plan_services.plan_deploy(actor=office, plan=plan)
    bulletin = services.bulletin_draft(actor=office, plan=plan, line=line, kind="monthly")
    assert bulletin.figures["lights"]["total"] == 1 and "乡村振兴" in bulletin.title
    assert (bulletin.start, bulletin.end) == bulletins.period_of("monthly", timezone.localdate())
    other = make_plan(world, timezone.localdate().year + 1)
    with pytest.raises(ServiceError):  # a line of another plan
        services.bulletin_draft(actor=office, plan=other, line=line)
