"""The roll call end to end: schedule → open → two village reports → close → bulletin → urges."""

import datetime as dt
import io
import re
import zipfile

import pytest
from docx.shared import Mm

from luoshi.core.errors import OutOfScope, ServiceError
from luoshi.core.models import JobRun
from luoshi.dispatch import selectors, services
from luoshi.dispatch.jobs import rounds_tick
from luoshi.dispatch.models import DispatchRound, RollCallEntry, RoundStatus
from luoshi.dispatch.tests.factories import make_roll_call, past_monday
from luoshi.notify.models import Notification
from luoshi.plans.models import Task
from luoshi.progress.services import report_submit


def _round(pk):
    return DispatchRound.objects.unscoped("reading back in a test").get(pk=pk)


def _xml(round_) -> dict[str, str]:
    with round_.bulletin.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as package:
        return {name: package.read(name).decode() for name in ("word/document.xml", "word/styles.xml")}


def _text(document_xml: str) -> str:
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", document_xml))


@pytest.fixture
def rc(world):
    return make_roll_call(world)


def test_the_clock_opens_a_due_round_once_and_calls_everyone_listed(world, rc):
    monday = past_monday()
    assert rounds_tick(now=monday - dt.timedelta(minutes=5)) == {"opened": [], "closed": []}
    scheduled = DispatchRound.objects.unscoped("test").get()
    assert scheduled.status == RoundStatus.SCHEDULED and not selectors.board(scheduled)[0].reported
    opened = rounds_tick(now=monday)["opened"]
    assert rounds_tick(now=monday + dt.timedelta(minutes=2))["opened"] == opened  # idempotent per (dispatch, day)
    round_ = _round(opened[0])
    assert round_.pk == scheduled.pk and (round_.status, round_.date, round_.expected_count) == (RoundStatus.OPEN, monday.date(), 3)
    assert round_.closes_at == monday + dt.timedelta(minutes=120)
    called = Notification.objects.unscoped("test").filter(kind="roll_call").values_list("recipient", flat=True)
    assert sorted(called) == sorted([rc.village.pk, rc.village2.pk, rc.cadre.pk])
    assert JobRun.objects.unscoped("test").filter(name="dispatch.open").count() == 1
    assert rounds_tick(now=monday + dt.timedelta(days=1))["opened"] == []  # Tuesday is not a roll-call day


def test_a_roll_call_ends_as_a_bulletin_whose_numbers_are_the_database(world, rc, committed):
    monday = past_monday()
    round_ = _round(rounds_tick(now=monday)["opened"][0])
    report_submit(actor=rc.village, task=rc.tasks[0], text="已排查贫困户20户，整改问题3个",
                  difficulties="危房改造资金未到位\n饮水管网老化")
    report_submit(actor=rc.village2, task=rc.tasks[1], text="已完成雨露计划申报")
    rows = selectors.board(_round(round_.pk))
    assert [(r.name, r.reported) for r in rows][-1] == (rc.cadre.person.name, False)
    assert sum(r.reported for r in rows) == 2
    with committed():
        assert rounds_tick(now=monday + dt.timedelta(minutes=121))["closed"] == [round_.pk]
    round_ = _round(round_.pk)
    reds = list(Task.objects.unscoped("test").filter(pk__in=[t.pk for t in rc.tasks], light="red")
                .values_list("title", flat=True))
    assert (round_.status, round_.expected_count, round_.reported_count, round_.red_count) == (
        "closed", 3, 2, len(reds))
    entries = RollCallEntry.objects.unscoped("test").filter(round=round_)
    assert entries.filter(reported_at__isnull=False).count() == round_.reported_count
    xml = _xml(round_)
    text = _text(xml["word/document.xml"])
    assert (f"应上报 {round_.expected_count} 人，已上报 {round_.reported_count} 人，"
            f"未上报 {round_.missing_count} 人") in text
    assert f"{rc.cadre.person.name}（经济发展办公室）" in text.split("二、红灯任务")[0]
    red_part = text.split("二、红灯任务")[1].split("三、")[0]
    assert "帮扶户两不愁三保障回头看" in reds and all(title in red_part for title in reds)
    assert "危房改造资金未到位" in text and "饮水管网老化" in text and "已完成雨露计划申报" in text
    assert f"{monday.year}年{monday.month}月{monday.day}日" in text


def test_the_bulletin_is_in_gongwen_style(world, rc, committed):
    round_ = services.round_open(actor=world.user("office"), dispatch=rc.dispatch)
    with committed():
        round_ = services.round_close(actor=world.user("office"), round_=round_)
    xml = _xml(round_)
    document, styles = xml["word/document.xml"], xml["word/styles.xml"]
    assert 'w:eastAsia="方正小标宋简体"' in document and 'w:eastAsia="仿宋_GB2312"' in document
    assert 'w:eastAsia="仿宋_GB2312"' in styles and '<w:sz w:val="32"/>' in styles
    assert '<w:sz w:val="44"/>' in document and '<w:sz w:val="32"/>' in document
    margins = dict(re.findall(r'w:(top|bottom|left|right)="(\d+)"', re.search(r"<w:pgMar [^>]*>", document)[0]))
    assert {k: int(v) for k, v in margins.items()} == {
        "top": Mm(37).twips, "bottom": Mm(35).twips, "left": Mm(28).twips, "right": Mm(26).twips}
    size = re.search(r'<w:pgSz [^>]*w:w="(\d+)" w:h="(\d+)"', document)
    assert (int(size[1]), int(size[2])) == (Mm(210).twips, Mm(297).twips)


def test_non_reporters_are_urged_once(world, rc, committed):
    office = world.user("office")
    round_ = services.round_open(actor=office, dispatch=rc.dispatch)
    report_submit(actor=rc.village, task=rc.tasks[0], text="已排查")
    with committed():
        services.round_close(actor=office, round_=round_)
    urged = RollCallEntry.objects.unscoped("test").filter(round=round_, urged_at__isnull=False)
    assert sorted(e.person_id for e in urged) == sorted([rc.village2.person_id, rc.cadre.person_id])
    assert services.urge_non_reporters(round_id=round_.pk, actor_id=office.pk) == 0  # never twice
    if services._urgers():
        from luoshi.supervision.models import Urge

        slips = Urge.objects.unscoped("test").filter(source="dispatch")
        assert set(slips.values_list("task_id", flat=True)) == {rc.tasks[1].pk, rc.tasks[2].pk}
    else:  # pragma: no cover - without supervision the person gets an in-app urge
        assert Notification.objects.unscoped("test").filter(kind="urge").count() == 2


def test_closing_twice_or_before_opening_is_safe(world, rc, committed):
    office = world.user("office")
    round_ = services.round_open(actor=office, dispatch=rc.dispatch)
    with committed():
        first = services.round_close(actor=office, round_=round_)
        again = services.round_close(actor=office, round_=round_)
    assert first.bulletin.name == again.bulletin.name
    scheduled = DispatchRound.objects.create(dispatch=rc.dispatch, date=round_.date + dt.timedelta(days=2))
    with pytest.raises(ServiceError):
        services.round_close(actor=office, round_=scheduled)


def test_only_the_office_in_scope_runs_a_roll_call(world, rc):
    for key in ("leader", "village", "outsider"):
        with pytest.raises(OutOfScope):
            services.round_open(actor=world.user(key), dispatch=rc.dispatch)


def test_a_report_made_before_the_round_for_its_period_counts(world, rc):
    report = report_submit(actor=rc.village, task=rc.tasks[0], text="一早就报了")
    later = report.created_at + dt.timedelta(days=3)
    round_ = services.round_open(actor=world.user("office"), dispatch=rc.dispatch, now=later,
                                 day=later.date())
    assert not any(r.reported for r in selectors.board(_round(round_.pk)))  # before the round, another period
    DispatchRound.objects.unscoped("test").filter(pk=round_.pk).update(period=report.period)
    rows = selectors.board(_round(round_.pk))
    assert [r.name for r in rows if r.reported] == [rc.village.person.name]
