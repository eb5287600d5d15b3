"""The personas every test shares (Zulip's iago/hamlet): one small county built in code.

    汶北县 ─ 河口镇 ─ 经济发展办公室, 镇纪委, 路村 ─ 第一村民小组, 庙口村
           └ 柳林镇 ─ 柳林村
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.core.roles import DataScope, RoleCode
from luoshi.org import services
from luoshi.org.models import Person, Unit, UnitKind, User

PASSWORD = "Persona#2024x"


@dataclass
class World:
    admin: User
    units: dict[str, Unit]
    users: dict[str, User]

    def unit(self, key: str) -> Unit:
        return self.units[key]

    def user(self, key: str) -> User:
        user = self.users[key]
        user.forget_grants()
        return user


# persona → (role, the person's unit, the unit the role is held at)
PERSONAS = {
    "leader": (RoleCode.LEADER, "township", "township"),
    "office": (RoleCode.OFFICE, "office_dept", "township"),
    "department": (RoleCode.DEPARTMENT, "department", "department"),
    "village": (RoleCode.VILLAGE, "village", "village"),
    "cadre": (RoleCode.CADRE, "department", "department"),
    "discipline": (RoleCode.DISCIPLINE, "discipline", "township"),
    "outsider": (RoleCode.OFFICE, "other_township", "other_township"),
}


def build_world() -> World:
    admin = User.objects.create_superuser(username="root", password=PASSWORD, must_change_password=False)
    units = _units(admin)
    users = {key: make_user(admin, key, units[person_unit], role, units[anchor])
             for key, (role, person_unit, anchor) in PERSONAS.items()}
    return World(admin=admin, units=units, users=users)


def _units(admin) -> dict[str, Unit]:
    def add(parent, name, kind):
        return services.unit_create(actor=admin, parent=parent, name=name, kind=kind)

    county = add(None, "汶北县", UnitKind.COUNTY)
    township = add(county, "河口镇", UnitKind.TOWNSHIP)
    other = add(county, "柳林镇", UnitKind.TOWNSHIP)
    village = add(township, "路村", UnitKind.VILLAGE)
    return {
        "county": county, "township": township, "other_township": other, "village": village,
        "office_dept": add(township, "党政办公室", UnitKind.DEPARTMENT),
        "department": add(township, "经济发展办公室", UnitKind.DEPARTMENT),
        "discipline": add(township, "镇纪委", UnitKind.DEPARTMENT),
        "group": add(village, "第一村民小组", UnitKind.GROUP),
        "other_village_same_township": add(township, "庙口村", UnitKind.VILLAGE),
        "other_village": add(other, "柳林村", UnitKind.VILLAGE),
    }


def make_user(admin, username: str, person_unit: Unit, role: str | None, anchor: Unit | None,
              data_scope: str | None = None, custom_units=()) -> User:
    person = services.person_create(actor=admin, unit=person_unit, name=f"{username}之人", phone="13812345678")
    user, _password = services.user_create(actor=admin, username=username, person=person)
    user.set_password(PASSWORD)
    User.objects.unscoped("test persona").filter(pk=user.pk).update(password=user.password, must_change_password=False)
    if role:
        services.role_assign(actor=admin, user=user, role=role, unit=anchor, data_scope=data_scope,
                             custom_units=custom_units)
    return User.objects.unscoped("test persona").get(pk=user.pk)


def people_of(world: World) -> dict[str, Person]:
    """One person in each unit of the world, keyed like the units."""
    return {key: services.person_create(actor=world.admin, unit=unit, name=f"{unit.name}人员")
            for key, unit in world.units.items()}


def every_reader(world: World) -> list[User]:
    """A login of each persona and of each data-scope level besides (the unit alone, custom units, only
    oneself) and the admin: the readers a scope shortcut is compared with `visible_to` for."""
    village, township = world.unit("village"), world.unit("township")
    return [world.user(role) for role in ROLES if role != "anonymous"] + [
        make_user(world.admin, "unit_only", township, RoleCode.OFFICE, township, data_scope=DataScope.UNIT),
        make_user(world.admin, "custom_village", township, RoleCode.OFFICE, township, data_scope=DataScope.CUSTOM,
                  custom_units=[village]),
        make_user(world.admin, "self_only", village, RoleCode.VILLAGE, village, data_scope=DataScope.SELF),
        world.admin,
    ]


__all__ = ["PASSWORD", "PERSONAS", "ROLES", "World", "build_world", "client_for", "every_reader", "make_user",
           "people_of", "DataScope"]


# The columns of every page's status matrix: anonymous, then each persona.
ROLES = ["anonymous", "leader", "office", "department", "village", "cadre", "discipline", "outsider"]


def client_for(world: World, role: str):
    """A test client for one column of a status matrix (anonymous stays logged out)."""
    from django.test import Client

    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client
