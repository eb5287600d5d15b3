"""Writes on the organisation check the writer's scope and leave an audit entry."""

import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditAction, AuditEntry
from luoshi.core.roles import DataScope, RoleCode
from luoshi.org import services
from luoshi.org.models import Person, UnitKind, User


def _entries(**filters):
    return AuditEntry.objects.unscoped("reading the log in a test").filter(**filters)


def test_office_creates_a_unit_below_its_township_and_it_is_audited(world):
    office = world.user("office")
    unit = services.unit_create(actor=office, parent=world.unit("township"), name="新建村", kind=UnitKind.VILLAGE)
    assert unit.path == f"{world.unit('township').path}{unit.pk}/"
    entry = _entries(object_type="org.unit", object_id=str(unit.pk)).get()
    assert entry.action == AuditAction.CREATE and entry.actor == office and entry.after["name"] == "新建村"


def test_office_cannot_create_a_unit_in_another_township(world):
    with pytest.raises(OutOfScope):
        services.unit_create(actor=world.user("office"), parent=world.unit("other_township"), name="越权村",
                             kind=UnitKind.VILLAGE)


def test_a_unit_kind_must_fit_under_its_parent(world):
    with pytest.raises(ServiceError) as error:
        services.unit_create(actor=world.user("office"), parent=world.unit("village"), name="错层",
                             kind=UnitKind.DEPARTMENT)
    assert error.value.errors[0]["field"] == "kind"


def test_a_duplicate_unit_name_under_one_parent_is_refused_in_chinese(world):
    with pytest.raises(ServiceError, match="同名"):
        services.unit_create(actor=world.user("office"), parent=world.unit("township"), name="路村",
                             kind=UnitKind.VILLAGE)


def test_non_office_roles_cannot_change_units(world):
    with pytest.raises(OutOfScope):
        services.unit_update(actor=world.user("leader"), unit=world.unit("village"), name="改名")


def test_update_records_before_and_after(world):
    services.unit_update(actor=world.user("office"), unit=world.unit("village"), name="路村（新）")
    entry = _entries(object_type="org.unit", object_id=str(world.unit("village").pk), action="update").get()
    assert (entry.before["name"], entry.after["name"]) == ("路村", "路村（新）")


def test_personal_numbers_are_masked_in_the_audit_log(world):
    person = services.person_create(actor=world.user("office"), unit=world.unit("village"), name="张三",
                                    phone="13912345678", id_card="370830199001011234")
    entry = _entries(object_type="org.person", object_id=str(person.pk)).get()
    assert entry.after["phone"] == "139****5678"
    assert entry.after["id_card"] == "370830********1234"


def test_assigning_a_role_at_another_townships_unit_is_refused(world):
    office = world.user("office")
    with pytest.raises(OutOfScope):
        services.role_assign(actor=office, user=world.user("village"), role=RoleCode.VILLAGE,
                             unit=world.unit("other_village"))


def test_assigning_a_role_to_another_townships_login_is_refused(world):
    with pytest.raises(OutOfScope):
        services.role_assign(actor=world.user("office"), user=world.user("outsider"), role=RoleCode.VILLAGE,
                             unit=world.unit("village"))


def test_custom_scope_units_must_be_in_the_writers_scope(world):
    with pytest.raises(OutOfScope):
        services.role_assign(actor=world.user("office"), user=world.user("village"), role=RoleCode.LEADER,
                             unit=world.unit("township"), data_scope=DataScope.CUSTOM,
                             custom_units=[world.unit("other_village")])


def test_only_a_superuser_grants_the_unlimited_scope(world):
    with pytest.raises(ServiceError, match="全部数据"):
        services.role_assign(actor=world.user("office"), user=world.user("village"), role=RoleCode.LEADER,
                             unit=world.unit("township"), data_scope=DataScope.ALL)


def test_leaders_cannot_create_logins(world):
    person = Person.objects.visible_to(world.user("leader")).filter(unit=world.unit("village")).first()
    with pytest.raises(NotAllowed):
        services.user_create(actor=world.user("leader"), username="newbie", person=person)


def test_a_new_login_gets_a_one_time_password_and_must_change_it(world):
    person = services.person_create(actor=world.user("office"), unit=world.unit("village"), name="李四")
    user, password = services.user_create(actor=world.user("office"), username="lisi", person=person)
    assert user.must_change_password is True
    assert user.check_password(password)
    assert password not in str(list(_entries(object_id=str(user.pk)).values()))


def test_reset_password_forces_a_change_and_is_audited(world):
    target = world.user("village")
    password = services.user_reset_password(actor=world.user("office"), user=target)
    target.refresh_from_db()
    assert target.must_change_password and target.check_password(password)
    assert _entries(object_type="org.user", object_id=str(target.pk), message="重置密码").exists()


def test_disabling_a_login_ends_its_sessions_and_hides_everything(world, client):
    target = world.user("village")
    client.force_login(target)
    services.user_set_active(actor=world.user("office"), user=target, active=False)
    assert client.get("/").status_code == 302
    assert User.objects.unscoped("test").get(pk=target.pk).is_active is False


def test_changing_a_password_applies_the_policy(world):
    user = world.user("village")
    with pytest.raises(ServiceError, match="原密码"):
        services.password_change(user=user, old_password="wrong", new_password="Abcdef12!x")
    with pytest.raises(ServiceError):
        services.password_change(user=user, old_password="Persona#2024x", new_password="abcdefgh")
    services.password_change(user=user, old_password="Persona#2024x", new_password="Qiao-9876-men")
    assert user.check_password("Qiao-9876-men") and not user.must_change_password


def test_a_revoked_role_takes_effect_at_once_despite_the_grants_cache(world):
    from luoshi.org.models import RoleAssignment, Unit

    village = User.objects.unscoped("test").get(username="village")
    assert Unit.objects.visible_to(village).count() == 2
    assignment = RoleAssignment.objects.visible_to(world.user("office")).get(user=village)
    services.role_revoke(actor=world.user("office"), assignment=assignment)
    fresh = User.objects.unscoped("test").get(username="village")  # the next request's login
    assert Unit.objects.visible_to(fresh).count() == 0


def test_a_granted_role_takes_effect_at_once_despite_the_grants_cache(world):
    from luoshi.core.roles import RoleCode
    from luoshi.org.models import Unit

    village = User.objects.unscoped("test").get(username="village")
    assert Unit.objects.visible_to(village).count() == 2
    services.role_assign(actor=world.user("office"), user=village, role=RoleCode.DEPARTMENT,
                         unit=world.unit("department"))
    fresh = User.objects.unscoped("test").get(username="village")
    assert Unit.objects.visible_to(fresh).count() == 3
