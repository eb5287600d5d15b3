"""Units, people, logins and role assignments of one township, in bulk, with the invariants
the services keep: `path` = parent's path + own id + "/", `depth` = parent's + 1, every login
with a person and a role at a unit, one shared password hash (hashed once)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from luoshi.core.roles import DEFAULT_SCOPE, RoleCode
from luoshi.generate import names
from luoshi.org.models import Person, RoleAssignment, Unit, UnitKind, User


@dataclass
class Org:
    """What one township's generation needs to know about its organisation."""

    township: Unit
    departments: dict[str, Unit]
    villages: list[Unit]
    leaders: list[Person] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)  # username → login
    dept_head: dict[int, User] = field(default_factory=dict)  # unit id → login
    village_head: dict[int, User] = field(default_factory=dict)
    cadres: list[User] = field(default_factory=list)
    office: list[User] = field(default_factory=list)


def create_units(ctx, parent: Unit, specs: list[tuple[str, str, int]]) -> list[Unit]:
    """Bulk-create children of `parent` from (name, kind, sort_order), then set path and depth."""
    units = [Unit(parent=parent, name=name, kind=kind, sort_order=order, code="", depth=parent.depth + 1)
             for name, kind, order in specs]
    Unit.objects.bulk_create(units, batch_size=500)
    for unit in units:
        unit.path = f"{parent.path}{unit.pk}/"
    Unit.objects.unscoped("the generator setting fresh units' paths").bulk_update(units, ["path"], batch_size=500)
    for unit in units:
        ctx.audit.create(at=ctx.stamp(ctx.day(1)), actor=ctx.admin, obj=unit, unit_path=unit.path,
                         after={"name": unit.name, "kind": unit.kind, "path": unit.path})
    return units


def build_township(ctx, county: Unit, index: int) -> Org:
    rng, scale = ctx.rng, ctx.scale
    (township,) = create_units(ctx, county, [(names.TOWNSHIPS[index % len(names.TOWNSHIPS)], UnitKind.TOWNSHIP,
                                              index)])
    specs = [(n, UnitKind.DEPARTMENT, i) for i, n in enumerate(names.DEPARTMENTS)]
    specs += [(n, UnitKind.VILLAGE, 100 + i) for i, n in enumerate(names.village_names(rng, scale.villages))]
    units = create_units(ctx, township, specs)
    departments = {u.name: u for u in units if u.kind == UnitKind.DEPARTMENT}
    villages = [u for u in units if u.kind == UnitKind.VILLAGE]
    for village in villages:
        create_units(ctx, village, [(g, UnitKind.GROUP, i) for i, g in enumerate(names.GROUPS[: scale.groups])])
    org = Org(township=township, departments=departments, villages=villages)
    _people_and_logins(ctx, org, index)
    return org


def _people_and_logins(ctx, org: Org, index: int) -> None:
    prefix = f"t{index + 1:02d}"
    township = org.township
    wanted = [("镇党委书记", township, RoleCode.LEADER, township, f"{prefix}.leader1"),
              ("镇长", township, RoleCode.LEADER, township, f"{prefix}.leader2"),
              ("纪委书记", org.departments["镇纪委"], RoleCode.DISCIPLINE, township, f"{prefix}.jw")]
    office = org.departments["党政办公室"]
    wanted += [(t, office, RoleCode.OFFICE, township, f"{prefix}.office{n + 1}")
               for n, t in enumerate(("党政办主任", "督查办主任", "党政办干事"))]
    wanted += [("主任", unit, RoleCode.DEPARTMENT, unit, f"{prefix}.d{n + 1:02d}")
               for n, unit in enumerate(org.departments.values())]
    wanted += [("村党支部书记", v, RoleCode.VILLAGE, v, f"{prefix}.v{n + 1:02d}") for n, v in enumerate(org.villages)]
    aid = org.departments["乡村振兴办公室"]
    wanted += [("帮扶干部" if n % 3 else "驻企联络员", aid, RoleCode.CADRE, aid, f"{prefix}.c{n + 1}")
               for n in range(ctx.scale.cadres)]
    for title in ("党委副书记", "副镇长", "副镇长", "人大主席"):  # leaders of lines without a login
        wanted.append((title, township, None, None, None))
    wanted += [("村委会委员", v, None, None, None) for v in org.villages]
    logins = add_people(ctx, wanted)
    for (_title, unit, role, _at, _u), (person, user) in zip(wanted, logins, strict=True):
        if unit is township:
            org.leaders.append(person)
        if user is None:
            continue
        org.users[user.username] = user
        if role == RoleCode.DEPARTMENT:
            org.dept_head[unit.pk] = user
        elif role == RoleCode.VILLAGE:
            org.village_head[unit.pk] = user
        elif role == RoleCode.CADRE:
            org.cadres.append(user)
        elif role == RoleCode.OFFICE:
            org.office.append(user)


def add_people(ctx, wanted) -> list[tuple[Person, User | None]]:
    """(title, unit, role, role unit, username) → people, and logins where a username is given."""
    rng = ctx.rng
    people = [Person(unit=unit, name=names.person_name(rng), title=title, phone=names.phone(rng),
                     id_card=names.id_card(rng, ctx.year) if rng.random() < 0.5 else "")
              for title, unit, _r, _ru, _u in wanted]
    Person.objects.bulk_create(people, batch_size=1000)
    joined = ctx.stamp(ctx.day(2))
    users = [User(username=username, person=p, password=ctx.password_hash, must_change_password=False,
                  date_joined=joined, password_changed_at=joined)
             if username else None for p, (_t, _un, _r, _ru, username) in zip(people, wanted, strict=True)]
    User.objects.bulk_create([u for u in users if u], batch_size=1000)
    roles = [RoleAssignment(user=u, role=role, unit=role_unit, data_scope=DEFAULT_SCOPE[role], created_at=joined)
             for u, (_t, _un, role, role_unit, _n) in zip(users, wanted, strict=True) if u]
    RoleAssignment.objects.bulk_create(roles, batch_size=1000)
    for person in people:
        ctx.audit.create(at=ctx.stamp(ctx.day(2)), actor=ctx.admin, obj=person, unit_path=person.unit.path,
                         after={"name": person.name, "unit_id": person.unit_id, "title": person.title})
    for user, person in zip(users, people, strict=True):
        if user:
            user._gen_person = person
            ctx.audit.create(at=joined, actor=ctx.admin, obj=user, unit_path=person.unit.path,
                             after={"username": user.username, "person_id": person.pk})
    for role in roles:
        ctx.audit.create(at=joined + dt.timedelta(seconds=1), actor=ctx.admin, obj=role, unit_path=role.unit.path,
                         after={"user_id": role.user_id, "role": role.role, "unit_id": role.unit_id,
                                "data_scope": role.data_scope})
    return list(zip(people, users, strict=True))
