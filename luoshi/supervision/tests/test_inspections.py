"""Inspections: a record with inspectors, findings and photos; each finding a problem in one step."""

import datetime as dt

import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.progress.models import Attachment
from luoshi.progress.tests.factories import photo
from luoshi.supervision import services
from luoshi.supervision.models import Finding, Inspection, ProblemSource
from luoshi.supervision.tests.factories import make_task, person


def _inspect(world, who="office", **kwargs):
    values = {"date": dt.date(2024, 5, 6), "findings": "1. 公厕无人保洁\n\n2、垃圾桶破损", "rating": "average"} | kwargs
    return services.inspection_create(actor=world.user(who), **values)


@pytest.mark.django_db
def test_an_inspection_of_a_task_records_people_findings_and_photos(world):
    task = make_task(world)
    inspection = _inspect(world, task=task, inspectors=[person(world, "office"), person(world, "leader")],
                          photos=[photo()])
    assert inspection.unit == world.unit("village") and inspection.scope_path == world.unit("village").path
    texts = list(Finding.objects.visible_to(world.user("office")).filter(inspection=inspection).values_list("text",
                                                                                                          flat=True))
    assert texts == ["公厕无人保洁", "垃圾桶破损"]
    assert Attachment.objects.unscoped("t").filter(owner_id=inspection.pk).count() == 1
    assert Inspection.objects.visible_to(world.user("village")).filter(pk=inspection.pk).exists()
    assert not Inspection.objects.visible_to(world.user("outsider")).filter(pk=inspection.pk).exists()


@pytest.mark.django_db
def test_a_finding_becomes_a_problem_in_one_step_linked_and_prefilled(world):
    task = make_task(world)
    inspection = _inspect(world, task=task)
    finding = Finding.objects.visible_to(world.user("office")).filter(inspection=inspection).first()
    problem = services.finding_to_problem(actor=world.user("office"), finding=finding)
    assert (problem.source, problem.task, problem.lead_unit, problem.description) == (
        ProblemSource.INSPECTION, task, world.unit("village"), "公厕无人保洁")
    assert problem.leader == person(world, "leader") and problem.village == world.unit("village")
    with pytest.raises(ServiceError, match="已转为问题"):
        services.finding_to_problem(actor=world.user("office"), finding=finding)
    rest = services.inspection_findings_to_problems(actor=world.user("office"), inspection=inspection)
    assert len(rest) == 1


@pytest.mark.django_db
def test_a_unit_or_place_inspection_needs_a_unit_in_scope(world):
    with pytest.raises(ServiceError, match="被检查单位"):
        _inspect(world, place="集贸市场")
    with pytest.raises(OutOfScope):
        _inspect(world, unit=world.unit("other_village"))
    place = _inspect(world, unit=world.unit("department"), place="镇集贸市场", findings=[])
    assert str(place).endswith("镇集贸市场")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["village", "cadre", "discipline"])
def test_village_cadre_and_discipline_users_do_not_record_inspections(world, who):
    with pytest.raises(NotAllowed):
        _inspect(world, who=who, unit=world.unit("village"))
