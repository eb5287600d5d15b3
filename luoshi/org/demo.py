"""`luoshi demo`: build the demo township once, through the same services a person uses."""

from __future__ import annotations

import json
import os
import random

from django.db import transaction

from luoshi.config.env import VAR_DIR
from luoshi.core.roles import RoleCode
from luoshi.org import demo_data as data
from luoshi.org import services
from luoshi.org.models import Unit, UnitKind, User

LOGINS_FILE = VAR_DIR / "demo-logins.json"
ROLE_NAMES = dict(RoleCode.choices) | {"admin": "系统管理员"}


def load_demo() -> list[dict]:
    """Build the township if absent; return the logins (the same ones on a second run)."""
    if not Unit.objects.unscoped("is the demo there already").filter(name=data.TOWNSHIP).exists():
        logins = _build()
        _write_logins(logins)
        return logins
    if LOGINS_FILE.exists():
        return json.loads(LOGINS_FILE.read_text())
    logins = _reset_passwords()
    _write_logins(logins)
    return logins


def print_logins(logins: list[dict]) -> None:
    print("\n演示账号（密码随机生成，仅本机演示用；已写入 var/demo-logins.json）：")
    for item in logins:
        print(f"  {ROLE_NAMES.get(item['role'], item['role']):<6}  {item['username']:<10}  {item['password']:<14}  {item['unit']}")
    print()


@transaction.atomic
def _build() -> list[dict]:
    rng = random.Random(2024)
    admin = User.objects.create_superuser(username="admin", password=None, must_change_password=False)
    units = _build_units(admin)
    _build_people(admin, units, rng)
    return [_demo_login(admin, units, rng, *spec) for spec in data.LOGINS]


def _build_units(admin) -> dict[str, Unit]:
    county = services.unit_create(actor=admin, parent=None, name=data.COUNTY, kind=UnitKind.COUNTY, code="370800")
    township = services.unit_create(actor=admin, parent=county, name=data.TOWNSHIP, kind=UnitKind.TOWNSHIP, code="HK")
    neighbour = services.unit_create(actor=admin, parent=county, name=data.NEIGHBOUR, kind=UnitKind.TOWNSHIP, code="LL")
    units = {"county": county, "township": township, "neighbour": neighbour}
    for order, (name, code) in enumerate(data.DEPARTMENTS):
        units[name] = services.unit_create(actor=admin, parent=township, name=name, kind=UnitKind.DEPARTMENT,
                                           code=code, sort_order=order)
    for parent, names in ((township, data.VILLAGES), (neighbour, data.NEIGHBOUR_VILLAGES)):
        for order, name in enumerate(names):
            village = services.unit_create(actor=admin, parent=parent, name=name, kind=UnitKind.VILLAGE,
                                           sort_order=100 + order)
            units.setdefault(name, village)
            for group in data.GROUP_NAMES[: 2 + order % 3]:
                services.unit_create(actor=admin, parent=village, name=group, kind=UnitKind.GROUP)
    return units


def _name(rng: random.Random) -> str:
    given = data.GIVEN[rng.randrange(0, len(data.GIVEN), 2):][:2]
    return rng.choice(data.SURNAMES) + (given if rng.random() < 0.7 else given[0])


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3578") + "".join(str(rng.randrange(10)) for _ in range(9))


def _build_people(admin, units: dict[str, Unit], rng: random.Random) -> None:
    township = units["township"]
    for title in ("镇党委书记", "镇长", "党委副书记", "副镇长", "副镇长", "人大主席"):
        services.person_create(actor=admin, unit=township, name=_name(rng), title=title, phone=_phone(rng))
    for name, _code in data.DEPARTMENTS:
        for title in ("主任", "工作人员"):
            services.person_create(actor=admin, unit=units[name], name=_name(rng), title=title, phone=_phone(rng))
    for name in data.VILLAGES:
        for title in ("村党支部书记", "村委会委员"):
            services.person_create(actor=admin, unit=units[name], name=_name(rng), title=title, phone=_phone(rng))
    for title in ["帮扶干部"] * 6 + ["驻企联络员"] * 3:
        unit = units["乡村振兴办公室"] if title == "帮扶干部" else units["招商服务中心"]
        services.person_create(actor=admin, unit=unit, name=_name(rng), title=title, phone=_phone(rng))


def _demo_login(admin, units, rng, username: str, role: str, unit_key: str, anchor_key: str, title: str) -> dict:
    unit = units[unit_key]
    if role == "admin":
        password = services.generate_password()
        admin.set_password(password)
        admin.save(update_fields=["password"])
        return {"role": role, "username": username, "password": password, "unit": unit.name}
    person = services.person_create(actor=admin, unit=unit, name=_name(rng), title=title, phone=_phone(rng))
    user, password = services.user_create(actor=admin, username=username, person=person)
    services.role_assign(actor=admin, user=user, role=role, unit=units[anchor_key])
    User.objects.filter(pk=user.pk).unscoped("demo logins skip the first-login change").update(
        must_change_password=False
    )
    return {"role": role, "username": username, "password": password, "unit": unit.name}


def _reset_passwords() -> list[dict]:
    """The logins file was removed: give the demo logins fresh passwords and write it anew."""
    logins = []
    for username, role, _unit, _anchor, _title in data.LOGINS:
        user = User.objects.unscoped("demo password reset").select_related("person__unit").filter(
            username=username).first()
        if user is None:
            continue
        password = services.generate_password()
        user.set_password(password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        unit = user.person.unit.name if user.person else data.COUNTY
        logins.append({"role": role, "username": username, "password": password, "unit": unit})
    return logins


def _write_logins(logins: list[dict]) -> None:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    LOGINS_FILE.write_text(json.dumps(logins, ensure_ascii=False, indent=2))
    os.chmod(LOGINS_FILE, 0o600)
