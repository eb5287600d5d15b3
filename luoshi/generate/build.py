"""`luoshi gen`: a deterministic county (or township) of generated data, for benchmarks.

Deterministic: every choice comes from `random.Random(seed)`, and every date from the anchor
date (default: today; pass `anchor` to reproduce a data set exactly). The plan year is the
anchor's year; reports run from January to the day before the anchor; lights are what
`compute_light` says on the anchor. The only value not drawn from the seed is the shared
password of the generated logins (random, printed, written to var/gen-logins.json mode 600).

Rows are bulk-inserted, one transaction per township, keeping the invariants the services
keep (see org.py, work.py, problems.py); audit entries are written where a person would have
acted, hash-chained in time order (chain.py), so `luoshi audit verify` passes."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone

from luoshi.core.errors import ServiceError
from luoshi.core.roles import RoleCode
from luoshi.generate import names, problems, registers, rollcalls, urges
from luoshi.generate.chain import AuditBatch
from luoshi.generate.org import add_people, build_township, create_units
from luoshi.generate.scales import SCALES, Scale
from luoshi.generate.work import Work
from luoshi.org.models import RoleAssignment, Unit, UnitKind, User
from luoshi.plans.lights import LightRules

# Builders of supervision records (and the economy registers) run after the problems, in this order;
# each takes (ctx, org, work) and returns a count. Roll calls come first: the slips they issue to
# non-reporters are saved with the office's own by `urges`, so slip ids follow time.
EXTENSIONS: list = [rollcalls.roll_calls, urges.urges, registers.build]


@dataclass
class Context:
    scale: Scale
    rng: random.Random
    anchor: dt.date
    password_hash: str
    admin: User | None = None
    audit: AuditBatch = field(default_factory=AuditBatch)
    rules: LightRules = field(default_factory=LightRules.from_settings)

    @property
    def year(self) -> int:
        return self.anchor.year

    def day(self, n: int) -> dt.date:
        """The n-th day of the plan year (1 = 1 January)."""
        return dt.date(self.year, 1, 1) + dt.timedelta(days=n - 1)

    def stamp(self, day: dt.date) -> dt.datetime:
        """A working-hours moment on `day`, in the township's time zone."""
        rng = self.rng
        moment = dt.datetime.combine(day, dt.time(rng.randrange(8, 19), rng.randrange(60), rng.randrange(60)))
        return timezone.make_aware(moment)

    @staticmethod
    def localdate(moment: dt.datetime) -> dt.date:
        return timezone.localdate(moment)


@contextlib.contextmanager
def _explicit_timestamps():
    """Bulk rows carry their own historical times: lift auto_now(_add) while inserting them."""
    touched = []
    for model in _models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                touched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in touched:
            f.auto_now, f.auto_now_add = now, now_add


def _models():
    from django.apps import apps

    apps_with_rows = ("org", "plans", "progress", "supervision", "dispatch", "economy")
    return [m for m in apps.get_models() if m._meta.app_label in apps_with_rows]


def generate(*, scale: str, seed: int = 2024, anchor: dt.date | None = None, password: str | None = None,
             log=print) -> dict:
    """Build the data set; returns counts, timings, the logins and the password."""
    spec = SCALES[scale]
    anchor = anchor or timezone.localdate()
    if anchor < dt.date(anchor.year, 3, 1):
        raise ServiceError("锚定日期应在当年 3 月 1 日之后（tasks are deployed in January）")
    if Unit.objects.unscoped("is a generated county there").filter(name=names.COUNTY, parent=None).exists():
        raise ServiceError(f"数据库中已有生成的“{names.COUNTY}”，请使用新的数据库")
    if password is None:
        from luoshi.org.services import generate_password

        password = generate_password()
    ctx = Context(scale=spec, rng=random.Random(seed), anchor=anchor, password_hash=make_password(password))
    totals: dict[str, int] = {}
    started = time.perf_counter()
    with _explicit_timestamps():
        county, totals["audit"] = _county(ctx)
        log(f"县级单位与账号：{time.perf_counter() - started:.1f} s")
        for index in range(spec.townships):
            t0 = time.perf_counter()
            counts = generate_township(ctx, county, index)
            for key, value in counts.items():
                totals[key] = totals.get(key, 0) + value
            log(f"第 {index + 1}/{spec.townships} 个镇：{counts}，{time.perf_counter() - t0:.1f} s")
    totals["seconds"] = round(time.perf_counter() - started, 1)
    logins = _logins(password)
    return {"totals": totals, "logins": logins, "password": password, "anchor": anchor.isoformat(), "seed": seed}


def _county(ctx: Context) -> tuple[Unit, int]:
    with transaction.atomic():
        admin = User.objects.unscoped("the generator's administrator").filter(username="gen-admin").first()
        if admin is None:
            admin = User(username="gen-admin", is_superuser=True, is_staff=True, password=ctx.password_hash,
                         must_change_password=False, date_joined=ctx.stamp(ctx.day(1)))
            admin.save(force_insert=True)
        ctx.admin = admin
        county = Unit(name=names.COUNTY, kind=UnitKind.COUNTY, code="370830", depth=1)
        county.save(force_insert=True)
        county.path = f"/{county.pk}/"
        Unit.objects.unscoped("the county's own path").filter(pk=county.pk).update(path=county.path)
        ctx.audit.create(at=ctx.stamp(ctx.day(1)), actor=admin, obj=county, unit_path=county.path,
                         after={"name": county.name, "kind": county.kind, "path": county.path})
        (office,) = create_units(ctx, county, [("县委督查室", UnitKind.DEPARTMENT, 0)])
        wanted = [("县委副书记", county, RoleCode.LEADER, county, "county.leader"),
                  ("督查室主任", office, RoleCode.OFFICE, county, "county.office")][: ctx.scale.county_users]
        add_people(ctx, wanted)
        return county, ctx.audit.flush()


def generate_township(ctx: Context, county: Unit, index: int) -> dict[str, int]:
    with transaction.atomic():
        org = build_township(ctx, county, index)
        work = Work(ctx, org)
        counts = work.build()
        counts["users"] = len(org.users)
        if problems.available():
            counts["problems"] = problems.build(ctx, org, work)
        for extension in EXTENSIONS:
            counts[extension.__name__] = extension(ctx, org, work)
        counts["audit"] = ctx.audit.flush()
    return counts


def _logins(password: str) -> list[dict]:
    users = (User.objects.unscoped("listing the generated logins").filter(username__contains=".")
             .select_related("person__unit").order_by("id")
             .prefetch_related(Prefetch("role_assignments", queryset=RoleAssignment.objects.unscoped("their roles"))))
    rows = []
    for user in users:
        roles = [a.role for a in user.role_assignments.all()]
        rows.append({"role": roles[0] if roles else "", "username": user.username, "password": password,
                     "unit": user.person.unit.name if user.person_id else ""})
    rows.insert(0, {"role": "admin", "username": "gen-admin", "password": password, "unit": names.COUNTY})
    return rows


def write_logins(path, logins: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(json.dumps(logins, ensure_ascii=False, indent=1))
