"""ensure_in_scope: the re-check inside a write. A row the actor has just written as its own person
(a report by its reporter) is in scope by every rule's own arm, known without a query; anything
else is asked of the database, and out of scope is refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi.core.errors import OutOfScope
from luoshi.core.scope import ensure_in_scope
from luoshi.progress.models import ProgressReport
from luoshi.progress.tests.factories import make_task


@pytest.fixture
def report(world):
    task = make_task(world)
    village = world.user("village")
    return ProgressReport.objects.create(task=task, reporter=village, reporter_name="v", text="t",
                                         scope_path=task.scope_path)


def test_a_report_just_written_by_its_reporter_is_confirmed_without_a_query(world, report):
    village = world.user("village")
    village.role_grants()  # what a request has resolved before its write
    with CaptureQueriesContext(connection) as asked:
        ensure_in_scope(village, report, action="view", written_now=True)
    assert len(asked) == 0


def test_without_written_now_the_database_is_asked(world, report):
    village = world.user("village")
    village.role_grants()
    with CaptureQueriesContext(connection) as asked:
        ensure_in_scope(village, report, action="view")
    assert len(asked) == 1


def test_someone_elses_row_is_still_asked_and_refused_out_of_scope(world, report):
    with pytest.raises(OutOfScope):  # another township's office: not its person, not its units
        ensure_in_scope(world.user("outsider"), report, action="view", written_now=True)


def test_an_unloaded_reporter_is_not_guessed(world, report):
    village = world.user("village")
    village.role_grants()
    fresh = ProgressReport.objects.unscoped("a row read without its reporter").get(pk=report.pk)
    with CaptureQueriesContext(connection) as asked:
        ensure_in_scope(village, fresh, action="view", written_now=True)
    assert len(asked) == 1  # the relation was not in hand: the database decides
