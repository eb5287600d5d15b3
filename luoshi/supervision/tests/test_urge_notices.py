"""A slip's notices stop asking once the slip is settled: answering or withdrawing it closes the
notice of its owner and those of everyone it climbed to (the lead unit's head, the leader in
charge), in the same transaction; until then each keeps counting on its reader's unread badge."""

import importlib
import re

import pytest
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.test import Client

from luoshi.notify.models import Notification
from luoshi.notify.services import notify
from luoshi.org.services import token_create
from luoshi.supervision import jobs, services
from luoshi.supervision.models import Urge
from luoshi.supervision.tests.factories import make_task

pytestmark = pytest.mark.django_db
STEPS = ("cadre", "department", "leader")  # owner → the lead unit's head → the leader in charge


@pytest.fixture
def climbed(world, clock):
    """A red slip (24 hours a step) on the economic office's task, gone unanswered up to the leader."""
    urge = services.urge_issue(actor=world.user("office"), task=make_task(world, unit="department", owner="cadre"),
                               colour="red")
    for _step in range(2):
        clock.advance(hours=25)
        jobs.escalate_due()
    return Urge.objects.unscoped("test").get(pk=urge.pk)


def _badge(user) -> int:
    client = Client()
    client.force_login(user)
    return int(re.search(r">(\d+)</span>", client.get("/notifications/unread/").content.decode()).group(1))


def _badges(world) -> list[int]:
    return [_badge(world.user(who)) for who in STEPS]


def test_every_step_of_an_unanswered_slip_asks_its_reader_including_the_owner_after_it_climbs(world, climbed):
    assert climbed.level == 2 and _badges(world) == [1, 1, 1]
    assert set(Notification.objects.unscoped("test").filter(kind="urge").values_list("target", flat=True)) == {
        f"urge:{climbed.pk}"}


def test_answering_the_slip_closes_the_notices_of_everyone_it_reached(world, climbed):
    services.urge_answer(actor=world.user("leader"), urge=climbed, answer="已调度，三日内完成")
    assert _badges(world) == [0, 0, 0]
    assert not Notification.objects.unscoped("test").filter(kind="urge", resolved_at__isnull=True).exists()


def test_withdrawing_the_slip_closes_its_notices_too(world, climbed):
    services.urge_withdraw(actor=world.user("office"), urge=climbed, reason="误发")
    assert _badges(world) == [0, 0, 0]


def test_an_answer_that_does_not_commit_leaves_the_notices_open(world, climbed):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.urge_answer(actor=world.user("cadre"), urge=climbed, answer="已处理")
        raise RuntimeError("the request failed after the answer")
    assert _badges(world) == [1, 1, 1]


def test_settling_one_slip_leaves_another_on_the_same_task_asking(world):
    task = make_task(world)
    first = services.urge_issue(actor=world.user("office"), task=task)
    services.urge_issue(actor=world.user("leader"), task=task, colour="red")
    village = world.user("village")
    assert _badge(village) == 2
    services.urge_answer(actor=village, urge=first, answer="已补报进展")
    assert _badge(village) == 1


def test_the_api_shows_the_answered_slip_as_done(world):
    urge = services.urge_issue(actor=world.user("office"), task=make_task(world, title="路村人居环境整治"))
    village = world.user("village")
    services.urge_answer(actor=village, urge=urge, answer="已组织清理")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(actor=village, name='test')[1]}")
    data = api.get("/api/v1/notifications/").json()
    (notice,) = [n for n in data["items"] if n["kind"] == "urge"]
    assert data["unread"] == 0 and notice["read"] and notice["resolved"] and notice["link"] == f"/urges/{urge.pk}/"


# -- notices sent when each step named the slip and its level ----------------------------------------------
MIGRATION = importlib.import_module("luoshi.supervision.migrations.0003_urge_notices_close_when_settled")


def test_older_notices_name_the_slip_and_those_of_settled_slips_are_closed_by_the_migration(world):
    village, office = world.user("village"), world.user("office")
    answered = services.urge_issue(actor=office, task=make_task(world))
    waiting = services.urge_issue(actor=office, task=make_task(world, title="仍待答复"))
    services.urge_answer(actor=village, urge=answered, answer="已整改")
    Notification.objects.unscoped("test").all().delete()
    for urge in (answered, waiting):  # as the steps wrote them before
        for level in (0, 1):
            notify(recipients=[village], kind="urge", obj=f"urge:{urge.pk}:{level}", title="督办单")
    notify(recipients=[village], kind="urge", obj="round:7", title="催办：调度点名未上报")  # not a slip's
    historical = MigrationLoader(connection).project_state(
        ("supervision", "0003_urge_notices_close_when_settled")).apps
    MIGRATION.name_the_slip(historical, None)
    MIGRATION.close_settled(historical, None)
    notices = Notification.objects.unscoped("test").filter(kind="urge")
    assert sorted(notices.values_list("target", flat=True)) == sorted(
        [f"urge:{answered.pk}"] * 2 + [f"urge:{waiting.pk}"] * 2 + ["round:7"])
    assert sorted(notices.filter(resolved_at__isnull=True).values_list("target", flat=True)) == sorted(
        [f"urge:{waiting.pk}"] * 2 + ["round:7"])
