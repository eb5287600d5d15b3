"""Writes on the organisation: each is one transaction that also writes its audit entry."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import string

from django.contrib.auth import password_validation
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditAction
from luoshi.core.permissions import Policy
from luoshi.core.roles import DEFAULT_SCOPE, DataScope, RoleCode
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.org.models import CHILD_KINDS, ApiToken, LoginSession, Person, RoleAssignment, TokenRevocation, Unit, User

# -- units -------------------------------------------------------------------------------------


@transaction.atomic
def unit_create(*, actor: User, parent: Unit | None, name: str, kind: str, code: str = "", sort_order: int = 0) -> Unit:
    """Add a unit under `parent`, which must be a unit the actor may add to (roots: superuser only)."""
    if parent is None and not actor.is_superuser:
        raise NotAllowed(_("只有系统管理员可以创建顶级单位"))
    if parent is not None:
        parent = get_scoped(actor, Unit, parent.pk, action="add")
    _check_kind(parent, kind)
    unit = Unit(parent=parent, name=name.strip(), kind=kind, code=code.strip(), sort_order=sort_order)
    _save_unit(unit)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 1
    unit.save(update_fields=["path", "depth"])
    audit.record_change(actor=actor, obj=unit, before=None)
    return unit


@transaction.atomic
def unit_update(*, actor: User, unit: Unit, name: str, code: str = "", sort_order: int = 0, is_active: bool = True) -> Unit:
    unit = get_scoped(actor, Unit, unit.pk, action="change")
    before = audit.snapshot(unit)
    unit.name, unit.code, unit.sort_order, unit.is_active = name.strip(), code.strip(), sort_order, is_active
    _save_unit(unit)
    audit.record_change(actor=actor, obj=unit, before=before)
    return unit


def _check_kind(parent: Unit | None, kind: str) -> None:
    allowed = CHILD_KINDS.get(parent.kind if parent else None, set())
    if kind not in allowed:
        raise ServiceError(_("该上级单位下不能设立此类型的单位"), field="kind")


def _save_unit(unit: Unit) -> None:
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as exc:
        raise ServiceError(_("同一上级单位下已有同名单位"), field="name") from exc


# -- people ------------------------------------------------------------------------------------


@transaction.atomic
def person_create(*, actor: User, unit: Unit, name: str, title: str = "", phone: str = "", id_card: str = "") -> Person:
    unit = get_scoped(actor, Unit, unit.pk)
    person = Person(unit=unit, name=name.strip(), title=title.strip(), phone=phone.strip(), id_card=id_card.strip())
    _check_policy(actor, Person.policy, "add")
    person.save()
    ensure_in_scope(actor, person, action="add")
    audit.record_change(actor=actor, obj=person, before=None)
    return person


@transaction.atomic
def person_update(*, actor: User, person: Person, **fields) -> Person:
    person = get_scoped(actor, Person, person.pk, action="change")
    before = audit.snapshot(person)
    if "unit" in fields:
        fields["unit"] = get_scoped(actor, Unit, fields["unit"].pk)
    for name, value in fields.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    person.save()
    ensure_in_scope(actor, person)
    audit.record_change(actor=actor, obj=person, before=before)
    return person


# -- logins ------------------------------------------------------------------------------------


def generate_password(length: int = 12) -> str:
    """A random initial password meeting the policy: all four character classes."""
    pools = (string.ascii_lowercase, string.ascii_uppercase, string.digits, "!@#$%^&*-_=+?")
    while True:
        chars = [secrets.choice(pool) for pool in pools]
        chars += [secrets.choice("".join(pools)) for _ in range(length - len(pools))]
        secrets.SystemRandom().shuffle(chars)
        password = "".join(chars)
        try:
            password_validation.validate_password(password)
        except ValidationError:
            continue
        return password


@transaction.atomic
def user_create(*, actor: User, username: str, person: Person) -> tuple[User, str]:
    """Create a login for a person in scope; returns the login and its one-time initial password."""
    _check_policy(actor, User.policy, "add")
    person = get_scoped(actor, Person, person.pk, action="change")
    username = username.strip()
    if User.objects.unscoped("usernames are unique across the system").filter(username__iexact=username).exists():
        raise ServiceError(_("该用户名已被使用"), field="username")
    if User.objects.unscoped("a person has at most one login").filter(person=person).exists():
        raise ServiceError(_("该人员已有登录账号"), field="person")
    password = generate_password()
    user = User(username=username, person=person, must_change_password=True)
    user.set_password(password)
    user.save()
    ensure_in_scope(actor, user)
    audit.record_change(actor=actor, obj=user, before=None)
    return user, password


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool) -> User:
    user = get_scoped(actor, User, user.pk, action="change")
    if user.pk == actor.pk and not active:
        raise ServiceError(_("不能停用自己的账号"))
    before = audit.snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        _end_all_sessions(user)
    audit.record_change(actor=actor, obj=user, before=before, message=_("启用账号") if active else _("停用账号"))
    return user


@transaction.atomic
def user_reset_password(*, actor: User, user: User) -> str:
    """Give a new initial password (shown once); the user must change it at next login. Its sessions
    end and its API tokens are revoked."""
    user = get_scoped(actor, User, user.pk, action="change")
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    _end_all_sessions(user)
    audit.record(actor=actor, action=AuditAction.UPDATE, target=audit.Target.of(user), message=_("重置密码"),
                 unit_path=user.audit_unit_path())
    _revoke_all_tokens(user, actor=actor, reason=TokenRevocation.PASSWORD_RESET)
    return password


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> User:
    """The login's own new password; every API token it made before is revoked (a token must not
    outlive the password it was made under)."""
    if not user.check_password(old_password):
        raise ServiceError(_("原密码不正确"), field="old_password")
    if old_password == new_password:
        raise ServiceError(_("新密码不能与原密码相同"), field="new_password1")
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), field="new_password1") from exc
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    audit.record(actor=user, action=AuditAction.UPDATE, target=audit.Target.of(user), message=_("修改密码"))
    _revoke_all_tokens(user, actor=user, reason=TokenRevocation.PASSWORD_CHANGED)
    return user


# -- roles -------------------------------------------------------------------------------------


@transaction.atomic
def role_assign(
    *, actor: User, user: User, role: str, unit: Unit, data_scope: str | None = None, custom_units=()
) -> RoleAssignment:
    """Give `user` a role at `unit`. The unit, the login and every custom unit must be in the
    actor's scope, and nobody but a superuser hands out the unlimited 全部 scope."""
    _check_policy(actor, RoleAssignment.policy, "add")
    user = get_scoped(actor, User, user.pk, action="change")
    unit = get_scoped(actor, Unit, unit.pk)
    if role not in RoleCode.values:
        raise ServiceError(_("未知的角色"), field="role")
    data_scope = data_scope or _default_scope(role)
    if data_scope == DataScope.ALL and not actor.is_superuser:
        raise ServiceError(_("只有系统管理员可以授予“全部数据”权限"), field="data_scope")
    customs = [get_scoped(actor, Unit, u.pk) for u in custom_units]
    if data_scope == DataScope.CUSTOM and not customs:
        raise ServiceError(_("自定义数据权限须至少选择一个单位"), field="custom_units")
    if RoleAssignment.objects.unscoped("one role once per unit").filter(user=user, role=role, unit=unit).exists():
        raise ServiceError(_("该用户在此单位已有该角色"), field="role")
    assignment = RoleAssignment.objects.create(user=user, role=role, unit=unit, data_scope=data_scope)
    through = RoleAssignment.custom_units.through
    through.objects.bulk_create([through(roleassignment=assignment, unit=u) for u in customs])
    ensure_in_scope(actor, assignment, action="add")
    _roles_changed(user)
    audit.record_change(actor=actor, obj=assignment, before=None, parent=user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    assignment = get_scoped(actor, RoleAssignment, assignment.pk, action="delete")
    audit.record_delete(actor=actor, obj=assignment, parent=assignment.user)
    assignment.delete()
    _roles_changed(assignment.user)


def _roles_changed(user: User) -> None:
    """Retire the login's cached grants: the next request reads its roles afresh."""
    User.objects.unscoped("bumping a login's grants version").filter(pk=user.pk).update(
        grants_version=F("grants_version") + 1)
    user.refresh_from_db(fields=["grants_version"])
    user.forget_grants()


def _default_scope(role: str) -> str:

    return DEFAULT_SCOPE[RoleCode(role)]


def _check_policy(actor: User, policy: Policy, action: str) -> None:
    if not policy.allows(actor, action):
        raise NotAllowed()


# -- API tokens --------------------------------------------------------------------------------

TOKEN_PREFIX = "ls_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_days_allowed() -> int:
    from django.conf import settings

    return settings.LUOSHI_API_TOKEN_DAYS


@transaction.atomic
def token_create(*, actor: User, name: str, days: int | None = None, read_only: bool = False) -> tuple[ApiToken, str]:
    """A new personal token that expires after `days` (LUOSHI_API_TOKEN_DAYS at most, and by default);
    a read-only one is refused on every write. The raw value is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ServiceError(_("请填写令牌名称"), field="name")
    limit = token_days_allowed()
    days = limit if days is None else days
    if not 1 <= days <= limit:
        raise ServiceError(_("有效期须在 1 至 %(limit)d 天之间") % {"limit": limit}, field="days")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken(user=actor, name=name[:60], prefix=raw[:10], key_hash=hash_token(raw), read_only=read_only,
                     expires_at=now + dt.timedelta(days=days))
    token.save()
    ApiToken.objects.filter(pk=token.pk).update(created_at=now)  # so the lifetime reads exactly `days`
    token.created_at = now
    audit.record(actor=actor, action=AuditAction.CREATE, target=audit.Target.of(token, actor),
                 after={"name": token.name, "read_only": read_only, "expires_at": token.expires_at.isoformat()})
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """The owner revokes one of its own tokens."""
    token = ApiToken.objects.filter(user=actor, pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        raise OutOfScope()
    _revoke(token, actor=actor, reason=TokenRevocation.OWNER)
    return token


@transaction.atomic
def token_revoke_any(*, actor: User, token_id: int) -> ApiToken:
    """The office revokes a token of any login in its scope (another township's is 404)."""
    _check_policy(actor, ApiToken.policy, "delete")
    token = ApiToken.objects.filter(pk=token_id).select_related("user").first()
    if token is None:
        raise OutOfScope()
    get_scoped(actor, User, token.user_id, action="change")
    if token.revoked_at is None:
        _revoke(token, actor=actor, reason=TokenRevocation.OFFICE)
    return token


def _revoke(token: ApiToken, *, actor: User, reason: str) -> None:
    token.revoked_at, token.revoked_by, token.revoke_reason = timezone.now(), actor, reason
    token.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.record(actor=actor, action=AuditAction.DELETE, target=audit.Target.of(token, token.user),
                 message=_("吊销令牌"), unit_path=token.user.audit_unit_path())


def _revoke_all_tokens(user: User, *, actor: User, reason: str) -> int:
    """Every live token of `user` stops (a password change or reset): one audit entry per token."""
    live = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True).select_related("user"))
    for token in live:
        _revoke(token, actor=actor, reason=reason)
    return len(live)


# -- sessions ----------------------------------------------------------------------------------


def _session_store(key: str | None = None) -> SessionBase:
    from django.conf import settings

    return import_string(f"{settings.SESSION_ENGINE}.SessionStore")(key)


def _end_all_sessions(user: User) -> None:
    live = LoginSession.objects.unscoped("ending a login's own sessions").filter(user=user, ended_at__isnull=True)
    for item in live:
        _session_store(item.session_key).delete()
    live.update(ended_at=timezone.now())


@transaction.atomic
def session_end(*, actor: User, session: LoginSession) -> None:
    session = get_scoped(actor, LoginSession, session.pk, action="delete")
    _session_store(session.session_key).delete()
    session.ended_at = timezone.now()
    session.save(update_fields=["ended_at"])
    audit.record(actor=actor, action=AuditAction.ACTION, target=audit.Target.of(session, session.user),
                 message=_("强制下线"), unit_path=session.audit_unit_path())
