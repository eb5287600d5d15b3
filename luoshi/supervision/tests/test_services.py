"""Problem services: scope before and after the write, optimistic locking, audit."""

import pytest

from luoshi.core.errors import Conflict, NotAllowed, OutOfScope
from luoshi.core.models import AuditAction, AuditEntry
from luoshi.supervision import services
from luoshi.supervision.models import Problem, ProblemStatus


def _create(world, who="village", unit="village", **extra):
    return services.problem_create(actor=world.user(who), description="村口垃圾堆放。需清理", lead_unit=world.unit(unit),
                                   **extra)


@pytest.mark.django_db
def test_a_village_secretary_lists_a_problem_of_their_own_village(world):
    problem = _create(world)
    assert problem.title == "村口垃圾堆放"
    assert problem.scope_path == world.unit("village").path and problem.status == ProblemStatus.FOUND
    assert Problem.objects.visible_to(world.user("village")).filter(pk=problem.pk).exists()
    assert not Problem.objects.visible_to(world.user("outsider")).filter(pk=problem.pk).exists()
    entry = AuditEntry.objects.unscoped("test").get(action=AuditAction.CREATE, object_type="supervision.problem")
    assert entry.object_id == str(problem.pk)


@pytest.mark.django_db
def test_a_village_secretary_cannot_put_a_problem_on_another_village(world):
    with pytest.raises(OutOfScope):
        _create(world, unit="other_village_same_township")
    assert not Problem.objects.unscoped("test").exists()


@pytest.mark.django_db
def test_the_discipline_office_keeps_no_problem_ledger(world):
    with pytest.raises(NotAllowed):
        _create(world, who="discipline", unit="discipline")


@pytest.mark.django_db
def test_an_edit_on_a_stale_version_is_refused_and_changes_nothing(world):
    problem = _create(world)
    services.problem_update(actor=world.user("office"), problem=problem, version=1, measures="本周清理")
    with pytest.raises(Conflict):
        services.problem_update(actor=world.user("village"), problem=problem, version=1, measures="下周清理")
    assert Problem.objects.unscoped("test").get(pk=problem.pk).measures == "本周清理"


@pytest.mark.django_db
def test_co_units_see_the_problem_they_help_with(world):
    problem = _create(world, who="office", unit="department", co_units=[world.unit("village")])
    assert Problem.objects.visible_to(world.user("village")).filter(pk=problem.pk).exists()


@pytest.mark.django_db
def test_only_the_office_deletes_a_problem_and_the_deletion_is_audited(world):
    problem = _create(world)
    with pytest.raises(OutOfScope):
        services.problem_delete(actor=world.user("village"), problem=problem)
    services.problem_delete(actor=world.user("office"), problem=problem)
    assert AuditEntry.objects.unscoped("test").filter(action=AuditAction.DELETE).count() == 1
