"""Data scope, role by role and unit kind by unit kind (DESIGN.md: data scope)."""

import pytest

from luoshi.core.errors import OutOfScope
from luoshi.core.roles import DataScope, RoleCode
from luoshi.core.scope import ScopeNotApplied, get_scoped, scoped
from luoshi.org.models import Person, Unit
from luoshi.org.testing import make_user, people_of

UNIT_KEYS = ["county", "township", "office_dept", "department", "discipline", "village", "group",
             "other_village_same_township", "other_township", "other_village"]

# persona → the units it sees, in UNIT_KEYS order (1 = visible).
UNIT_MATRIX = {
    "leader":     [0, 1, 1, 1, 1, 1, 1, 1, 0, 0],
    "office":     [0, 1, 1, 1, 1, 1, 1, 1, 0, 0],
    "department": [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    "village":    [0, 0, 0, 0, 0, 1, 1, 0, 0, 0],
    "cadre":      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    "discipline": [0, 1, 1, 1, 1, 1, 1, 1, 0, 0],
    "outsider":   [0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
}


@pytest.mark.parametrize("persona", UNIT_MATRIX)
def test_each_role_sees_exactly_its_units_of_every_kind(world, persona):
    visible = set(Unit.objects.visible_to(world.user(persona)).values_list("pk", flat=True))
    seen = [int(world.unit(key).pk in visible) for key in UNIT_KEYS]
    assert seen == UNIT_MATRIX[persona]


@pytest.mark.parametrize("persona", UNIT_MATRIX)
def test_each_role_sees_the_people_of_exactly_its_units(world, persona):
    people = people_of(world)
    user = world.user(persona)
    visible = set(Person.objects.visible_to(user).values_list("pk", flat=True))
    seen = [int(people[key].pk in visible) for key in UNIT_KEYS]
    assert seen == UNIT_MATRIX[persona]


def test_self_scope_sees_only_its_own_person(world):
    cadre = world.user("cadre")
    assert list(Person.objects.visible_to(cadre)) == [cadre.person]


def test_a_login_without_any_role_sees_nothing(world):
    nobody = make_user(world.admin, "nobody", world.unit("village"), None, None)
    assert Unit.objects.visible_to(nobody).count() == 0
    assert Person.objects.visible_to(nobody).count() == 0


def test_anonymous_and_disabled_logins_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert Unit.objects.visible_to(AnonymousUser()).count() == 0
    office = world.user("office")
    office.is_active = False
    assert Unit.objects.visible_to(office).count() == 0


def test_unit_scope_is_the_unit_without_what_lies_below(world):
    user = make_user(world.admin, "villageonly", world.unit("village"), RoleCode.VILLAGE, world.unit("village"),
                     data_scope=DataScope.UNIT)
    assert list(Unit.objects.visible_to(user)) == [world.unit("village")]


def test_custom_scope_covers_the_chosen_units_and_below(world):
    user = make_user(world.admin, "custom", world.unit("township"), RoleCode.LEADER, world.unit("township"),
                     data_scope=DataScope.CUSTOM, custom_units=[world.unit("village")])
    assert set(Unit.objects.visible_to(user)) == {world.unit("village"), world.unit("group")}


def test_several_roles_give_the_union_of_their_scopes(world):
    from luoshi.org import services

    user = world.user("village")
    services.role_assign(actor=world.admin, user=user, role=RoleCode.DEPARTMENT, unit=world.unit("department"))
    user.forget_grants()
    assert set(Unit.objects.visible_to(user)) == {world.unit("village"), world.unit("group"), world.unit("department")}


def test_a_superuser_sees_everything_explicitly(world):
    assert Unit.objects.visible_to(world.admin).count() == len(UNIT_KEYS)


def test_evaluating_a_scoped_queryset_without_scope_raises_in_tests(world):
    with pytest.raises(ScopeNotApplied):
        list(Unit.objects.all())
    with pytest.raises(ScopeNotApplied):
        Person.objects.filter(name="x").count()
    with pytest.raises(ScopeNotApplied):
        list(world.unit("village").people.all())


def test_unscoped_needs_a_reason(world):
    with pytest.raises(ValueError):
        Unit.objects.unscoped("")
    assert Unit.objects.unscoped("counting every unit in a test").count() == len(UNIT_KEYS)


def test_editable_by_follows_the_permission_table(world):
    assert Unit.objects.editable_by(world.user("leader")).count() == 0
    assert Unit.objects.editable_by(world.user("office")).count() == 7


def test_a_service_trusts_an_instance_only_as_read_for_the_same_actor_and_action(world, django_assert_num_queries):
    office, village = world.user("office"), world.user("village")
    unit = get_scoped(office, Unit, world.unit("other_village_same_township").pk)
    with django_assert_num_queries(0):
        assert scoped(office, Unit, unit) is unit  # the view's read is the service's read
    with pytest.raises(OutOfScope):
        scoped(village, Unit, unit)  # another actor: read again, through its own scope
    with pytest.raises(OutOfScope):
        scoped(office, Unit, unit, action="change_secret")  # another action: read again
    unmarked = Unit.objects.unscoped("an instance from elsewhere").get(pk=world.unit("other_township").pk)
    with pytest.raises(OutOfScope):
        scoped(office, Unit, unmarked)
