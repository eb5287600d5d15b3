"""A roll call's notice (调度点名：请于 … 前上报) asks each person it calls to report on the round's
tasks that are theirs. It closes for that person alone once they have reported on every one of
those tasks, in the same transaction as the report that completes them, or, for everyone, when
the round closes; a closed notice no longer counts on the unread badge. Whoever is urged after the
close by a notice (when supervision issues them no slip) sees it close the same way once they do
report, or when the schedule's next round closes and asks them again."""

import datetime as dt
import importlib
import re

import pytest
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.utils import timezone

from luoshi.dispatch import services
from luoshi.dispatch.models import DispatchRound, RollCallEntry
from luoshi.dispatch.tests.factories import make_roll_call_with_two_tasks_for_one
from luoshi.notify.models import Notification
from luoshi.org.services import token_create
from luoshi.progress.services import report_submit
from luoshi.progress.tests.factories import make_task


@pytest.fixture
def rc(world):
    """路村's secretary is called for two of his village's tasks; 庙口村's secretary and the aid
    cadre for one each."""
    return make_roll_call_with_two_tasks_for_one(world)


def _open(world, rc) -> DispatchRound:
    return services.round_open(actor=world.user("office"), dispatch=rc.dispatch)


def _report(user, task, **kw):
    return report_submit(actor=user, task=task, text="已完成今日排查", **kw)


def _badge(user) -> int:
    client = Client()
    client.force_login(user)
    return int(re.search(r">(\d+)</span>", client.get("/notifications/unread/").content.decode()).group(1))


def _roll_calls(user, **filters):
    return Notification.objects.unscoped("test").filter(recipient=user, kind="roll_call", **filters)


def _entry(round_, user) -> RollCallEntry:
    return RollCallEntry.objects.unscoped("test").get(round=round_, person=user.person)


def test_each_entry_keeps_the_tasks_its_person_was_called_for(world, rc):
    round_ = _open(world, rc)
    assert _entry(round_, rc.village).task_ids == sorted([rc.tasks[0].pk, rc.tasks[3].pk])
    assert _entry(round_, rc.village2).task_ids == [rc.tasks[1].pk]
    assert _entry(round_, rc.cadre).task_ids == [rc.tasks[2].pk]


def test_the_notice_closes_once_its_person_has_reported_on_every_task_they_were_called_for(world, rc):
    _open(world, rc)
    assert _badge(rc.village) == _badge(rc.village2) == _badge(rc.cadre) == 1
    _report(rc.village, rc.tasks[0])
    assert _badge(rc.village) == 1  # 路村饮水安全排查 is still owed
    _report(rc.village, rc.tasks[3])
    assert _badge(rc.village) == 0
    notice = _roll_calls(rc.village).get()
    assert notice.resolved_at is not None and notice.read_at is not None
    assert _badge(rc.village2) == _badge(rc.cadre) == 1  # the others called still owe theirs


def test_a_report_on_work_the_round_did_not_ask_about_settles_nothing(world, rc):
    other = make_task(world, rc.tasks[0].plan, unit="village", title="路村秸秆禁烧巡查")
    _open(world, rc)
    _report(rc.village, other)
    _report(rc.village2, rc.tasks[1])  # someone else's report is not his
    assert _roll_calls(rc.village, resolved_at__isnull=True).count() == 1


def test_a_report_that_does_not_commit_leaves_the_notice_open(world, rc):
    _open(world, rc)
    with pytest.raises(RuntimeError), transaction.atomic():
        _report(rc.village2, rc.tasks[1])
        raise RuntimeError("the request failed after the report was written")
    assert _badge(rc.village2) == 1


def test_whoever_already_reported_for_the_rounds_day_is_not_left_asking(world, rc):
    _report(rc.village2, rc.tasks[1], period=timezone.localdate().isoformat())  # that morning, before the call
    _open(world, rc)
    assert _roll_calls(rc.village2).get().resolved_at is not None and _badge(rc.village2) == 0
    assert _badge(rc.village) == 1


def test_one_report_answers_every_open_round_that_called_for_it(world, rc):
    second = services.dispatch_create(actor=world.user("office"), name="饮水安全专项调度", unit=world.unit("township"),
                                      people=[rc.village2.person], tasks=[rc.tasks[1]])
    _open(world, rc)
    services.round_open(actor=world.user("office"), dispatch=second)
    assert _badge(rc.village2) == 2
    _report(rc.village2, rc.tasks[1])
    assert _badge(rc.village2) == 0


def test_closing_the_round_closes_every_notice_it_sent_and_the_non_reporters_are_urged_instead(world, rc, committed):
    round_ = _open(world, rc)
    _report(rc.village, rc.tasks[0])  # one of his two
    with committed():
        services.round_close(actor=world.user("office"), round_=round_)
    assert not Notification.objects.unscoped("test").filter(kind="roll_call", resolved_at__isnull=True).exists()
    assert _badge(rc.village) == 0  # reported: not urged
    for user in (rc.village2, rc.cadre):
        assert Notification.objects.unscoped("test").filter(recipient=user, kind="urge", read_at__isnull=True).exists()
    assert _entry(round_, rc.village).task_ids == sorted([rc.tasks[0].pk, rc.tasks[3].pk])  # the record keeps them


def test_an_entry_of_a_round_opened_before_entries_kept_their_tasks_waits_for_the_close(world, rc, committed):
    round_ = _open(world, rc)
    RollCallEntry.objects.unscoped("test").filter(round=round_).update(task_ids=[])
    _report(rc.village2, rc.tasks[1])
    assert _badge(rc.village2) == 1
    with committed():
        services.round_close(actor=world.user("office"), round_=round_)
    assert _badge(rc.village2) == 0


def test_the_bell_list_and_the_api_show_the_answered_roll_call_as_done(world, rc):
    _open(world, rc)
    _report(rc.cadre, rc.tasks[2])
    client = Client()
    client.force_login(rc.cadre)
    assert "已办结</span>调度点名" in client.get("/notifications/").content.decode()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(actor=rc.cadre, name='test')[1]}")
    data = api.get("/api/v1/notifications/").json()
    notice = next(n for n in data["items"] if n["kind"] == "roll_call")
    assert data["unread"] == 0 and notice["read"] and notice["resolved"] and notice["link"] == "/tasks/mine/"


def test_a_report_no_roll_call_asked_for_costs_the_hook_one_query(world, rc, django_assert_num_queries):
    report = _report(rc.village, rc.tasks[0])  # no round open
    with django_assert_num_queries(1):
        assert services.roll_call_reported(report=report) == 0



# -- the urge notice sent instead of a slip ------------------------------------------------------------------
@pytest.fixture
def no_slips(monkeypatch):
    """Supervision issues no slips (as without the app): non-reporters are urged by a notice."""
    monkeypatch.setattr(services, "_urgers", lambda: ())


def _urges(user, **filters):
    return Notification.objects.unscoped("test").filter(recipient=user, kind="urge", **filters)


def _closed(world, round_, committed) -> DispatchRound:
    with committed():
        return services.round_close(actor=world.user("office"), round_=round_)


def test_an_urge_closes_once_its_person_has_reported_after_all(world, rc, committed, no_slips):
    round_ = _open(world, rc)
    _closed(world, round_, committed)
    assert _urges(rc.village, resolved_at__isnull=True).count() == 1 and _badge(rc.village) == 1
    _report(rc.village, rc.tasks[0])
    assert _badge(rc.village) == 1  # 路村饮水安全排查 is still owed
    _report(rc.village, rc.tasks[3])
    notice = _urges(rc.village).get()
    assert notice.target == f"round:{round_.pk}" and notice.resolved_at is not None and _badge(rc.village) == 0
    assert _badge(rc.village2) == _badge(rc.cadre) == 1  # the others urged still owe theirs


def test_a_report_on_work_the_round_did_not_ask_about_leaves_the_urge_open(world, rc, committed, no_slips):
    _closed(world, _open(world, rc), committed)
    _report(rc.village2, make_task(world, rc.tasks[0].plan, unit="other_village_same_township", title="庙口村秸秆禁烧巡查"))
    assert _urges(rc.village2, resolved_at__isnull=True).count() == 1


def test_the_next_round_closing_closes_the_urges_of_the_one_before_and_urges_afresh(world, rc, committed, no_slips):
    first = _open(world, rc)
    _closed(world, first, committed)
    second = services.round_open(actor=world.user("office"), dispatch=rc.dispatch, day=first.date + dt.timedelta(days=2))
    assert _urges(rc.cadre, resolved_at__isnull=True).count() == 1  # the new roll call alone does not close it
    _closed(world, second, committed)
    asking = _urges(rc.cadre, resolved_at__isnull=True)
    assert list(asking.values_list("target", flat=True)) == [f"round:{second.pk}"] and _badge(rc.cadre) == 1


def test_a_report_after_a_later_round_closed_looks_only_at_the_latest_urge(world, rc, committed, no_slips,
                                                                          django_assert_num_queries):
    first = _open(world, rc)
    _closed(world, first, committed)
    second = services.round_open(actor=world.user("office"), dispatch=rc.dispatch, day=first.date + dt.timedelta(days=2))
    _closed(world, second, committed)
    report = _report(rc.cadre, rc.tasks[2])
    assert _urges(rc.cadre, resolved_at__isnull=True).count() == 0
    with django_assert_num_queries(1 + 2):  # the rounds still asking; the latest one's reports, and its urge closed
        services.roll_call_reported(report=report)


# -- notices sent before roll-call notices closed themselves ------------------------------------------------
MIGRATION = importlib.import_module("luoshi.dispatch.migrations.0004_roll_call_notices_close_when_answered")


def test_the_notices_of_rounds_already_closed_are_closed_by_the_migration(world, rc, committed):
    closed, still_open = _open(world, rc), None
    with committed():
        services.round_close(actor=world.user("office"), round_=closed)
    still_open = services.round_open(actor=world.user("office"), dispatch=rc.dispatch,
                                     day=closed.date + dt.timedelta(days=2))
    Notification.objects.unscoped("test").filter(kind="roll_call").update(resolved_at=None, read_at=None)  # as before
    historical = MigrationLoader(connection).project_state(
        ("dispatch", "0004_roll_call_notices_close_when_answered")).apps
    MIGRATION.close_notices_of_closed_rounds(historical, None)
    asking = Notification.objects.unscoped("test").filter(kind="roll_call", resolved_at__isnull=True)
    assert set(asking.values_list("target", flat=True)) == {f"round:{still_open.pk}"}
    assert asking.count() == 3


URGES_MIGRATION = importlib.import_module("luoshi.dispatch.migrations.0005_urge_notices_close_when_superseded")


def test_the_urges_of_rounds_a_later_round_has_closed_since_are_closed_by_the_migration(world, rc, committed, no_slips):
    first = _open(world, rc)
    _closed(world, first, committed)
    second = services.round_open(actor=world.user("office"), dispatch=rc.dispatch, day=first.date + dt.timedelta(days=2))
    _closed(world, second, committed)
    urges = Notification.objects.unscoped("test").filter(kind="urge")
    urges.update(resolved_at=None, read_at=None)  # as they were before
    historical = MigrationLoader(connection).project_state(
        ("dispatch", "0005_urge_notices_close_when_superseded")).apps
    URGES_MIGRATION.close_superseded_urges(historical, None)
    asking = urges.filter(resolved_at__isnull=True)
    assert set(asking.values_list("target", flat=True)) == {f"round:{second.pk}"} and asking.count() == 3
