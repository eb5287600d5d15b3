"""Units (county → township → departments and villages → groups), people, logins and roles."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.cache import cache
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import DataScope, RoleCode
from luoshi.core.scope import Grant, ScopedManager, ScopedModel, ScopedQuerySet, ScopeRule

OFFICE = {RoleCode.OFFICE}


class UnitKind(models.TextChoices):
    COUNTY = "county", _("县")
    TOWNSHIP = "township", _("镇")
    DEPARTMENT = "department", _("部门")
    VILLAGE = "village", _("村")
    GROUP = "group", _("村民小组")


# Which kinds of unit may sit under which: the shape of a county's organisation.
CHILD_KINDS = {
    None: {UnitKind.COUNTY, UnitKind.TOWNSHIP},
    UnitKind.COUNTY: {UnitKind.TOWNSHIP, UnitKind.DEPARTMENT},
    UnitKind.TOWNSHIP: {UnitKind.DEPARTMENT, UnitKind.VILLAGE},
    UnitKind.DEPARTMENT: set(),
    UnitKind.VILLAGE: {UnitKind.GROUP},
    UnitKind.GROUP: set(),
}


class Unit(ScopedModel):
    """A node of the organisation tree. `path` ("/1/4/17/") is a materialised path, so
    "this unit and everything below" is one indexed prefix query."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    code = models.CharField(_("编码"), max_length=40, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    scope_rule = ScopeRule(units=("",))
    policy = Policy.of(view=ANY_ROLE, add=OFFICE, change=OFFICE, delete=OFFICE)
    str_field = "name"  # what str() shows: a list's unit filter reads its choices as plain values

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_under_parent"),
        ]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.path

    def is_within(self, other: "Unit") -> bool:
        return bool(other.path) and self.path.startswith(other.path)


class Person(ScopedModel):
    """A cadre, village cadre, aid cadre or enterprise liaison; may or may not have a login."""

    name = models.CharField(_("姓名"), max_length=50)
    unit = models.ForeignKey(Unit, verbose_name=_("所在单位"), on_delete=models.PROTECT, related_name="people")
    title = models.CharField(_("职务"), max_length=50, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    id_card = models.CharField(_("身份证号"), max_length=18, blank=True)
    is_active = models.BooleanField(_("在岗"), default=True)

    scope_rule = ScopeRule(units=("unit",), people=("",))
    policy = Policy.of(view=ANY_ROLE, add=OFFICE, change=OFFICE, delete=OFFICE)
    personal_fields = {"phone": "phone", "id_card": "id_card"}
    str_field = "name"  # what str() shows: lists and exports read a person's name as a plain value

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["unit__path", "name"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.unit.path


class LuoshiUserManager(UserManager.from_queryset(ScopedQuerySet), ScopedManager):
    """Scoped like every owner-data manager, except where authentication must find a login."""

    def get_by_natural_key(self, username):
        return self.unscoped("authentication looks a login up by its name").get(**{self.model.USERNAME_FIELD: username})


class User(AbstractUser, ScopedModel):
    """A login. Its person gives its name and unit; its role assignments give what it may see."""

    person = models.OneToOneField(
        Person, verbose_name=_("对应人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="user"
    )
    must_change_password = models.BooleanField(_("须修改初始密码"), default=True)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    # Bumped whenever the login's roles change, so cached grants never outlive them.
    grants_version = models.PositiveIntegerField(default=0, editable=False)

    objects = LuoshiUserManager()

    scope_rule = ScopeRule(units=("person__unit",), people=("person",))
    policy = Policy.of(view=OFFICE, add=OFFICE, change=OFFICE)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.username

    def audit_unit_path(self) -> str:
        return self.person.unit.path if self.person_id else ""

    def role_grants(self) -> tuple[Grant, ...]:
        """This login's role assignments resolved to grants, once per request (cached here)."""
        if getattr(self, "_grants", None) is None:
            self._grants = _grants_of(self) if self.is_active and self.pk else ()
        return self._grants

    def forget_grants(self) -> None:
        self._grants = None


def _grants_of(user: User) -> tuple[Grant, ...]:
    """From the cache when the login's roles have not changed since (its version is in the key,
    with the login's creation time, so a reused id never reads another login's grants)."""
    key = f"luoshi:grants:{user.pk}:{user.grants_version}:{user.date_joined.timestamp()}"
    grants = cache.get(key)
    if grants is None:
        grants = _read_grants(user)
        cache.set(key, grants, timeout=3600)
    return grants


def _read_grants(user: User) -> tuple[Grant, ...]:
    return _resolve_grants([user])[user.pk]


def load_grants(users: list[User]) -> None:
    """Resolve many logins' grants at once and keep them where `role_grants()` keeps them: for a
    page that checks what each of many people may do (a roll call's named people), one read of
    their role assignments instead of one or two per login."""
    grants = _resolve_grants([u for u in users if u.is_active and u.pk])
    for user in users:
        user._grants = grants.get(user.pk, ())


def _resolve_grants(users: list[User]) -> dict[int, tuple[Grant, ...]]:
    assignments = list(RoleAssignment.objects.unscoped("logins resolving their own grants")
                       .filter(user__in=users).select_related("unit"))
    custom = [a for a in assignments if a.data_scope == DataScope.CUSTOM]
    if custom:  # only the rare 自定义 scope costs a second query
        prefetch_related_objects(custom, Prefetch("custom_units", queryset=Unit.objects.unscoped("granted units")))
    held: dict[int, list[RoleAssignment]] = {user.pk: [] for user in users}
    for assignment in assignments:
        held[assignment.user_id].append(assignment)
    return {user.pk: tuple(a.grant(person_id=user.person_id) for a in held[user.pk]) for user in users}


class RoleAssignment(ScopedModel):
    """A role held by a login at a unit, with the data scope it gives there."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=20, choices=RoleCode.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("所在单位"), on_delete=models.PROTECT, related_name="+")
    data_scope = models.CharField(_("数据权限"), max_length=20, choices=DataScope.choices)
    custom_units = models.ManyToManyField(Unit, verbose_name=_("自定义单位"), blank=True, related_name="+")
    created_at = models.DateTimeField(_("授权时间"), auto_now_add=True)

    scope_rule = ScopeRule(units=("unit",))
    policy = Policy.of(view=OFFICE, add=OFFICE, delete=OFFICE)

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"], name="role_once_per_unit")]

    def __str__(self):
        return f"{self.unit} · {self.get_role_display()}"

    def audit_unit_path(self) -> str:
        return self.unit.path

    def grant(self, *, person_id: int | None) -> Grant:
        custom = tuple(u.path for u in self.custom_units.all()) if self.data_scope == DataScope.CUSTOM else ()
        return Grant(role=self.role, data_scope=self.data_scope, unit_id=self.unit_id, unit_path=self.unit.path,
                     custom_paths=custom, person_id=person_id)


class TokenRevocation(models.TextChoices):
    """Why a token stopped working before its expiry."""

    OWNER = "owner", _("本人吊销")
    OFFICE = "office", _("管理员吊销")
    PASSWORD_CHANGED = "password_changed", _("修改密码")
    PASSWORD_RESET = "password_reset", _("重置密码")


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the token itself is shown once. It works
    until `expires_at`, until it is revoked (by its owner, by the office, or by a change or reset of
    its login's password), and never while its login must change an initial password. A read-only
    token is refused on every write."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=60)
    prefix = models.CharField(_("前缀"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    read_only = models.BooleanField(_("只读"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(User, verbose_name=_("吊销人"), null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    revoke_reason = models.CharField(_("吊销原因"), max_length=20, choices=TokenRevocation.choices, blank=True)

    # Another login's tokens are the office's to see and revoke, within the login's scope (org.selectors).
    policy = Policy.of(view=OFFICE, delete=OFFICE)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def state(self, now=None) -> str:
        """live, expired or revoked."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= (now or timezone.now()):
            return "expired"
        return "live"


class LoginSession(ScopedModel):
    """A live login session, so the office can see who is signed in and end a session."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=64, unique=True)
    ip = models.CharField(_("IP 地址"), max_length=45, blank=True)
    user_agent = models.CharField(_("终端"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("登录时间"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("最近活动"), null=True, blank=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    scope_rule = ScopeRule(units=("user__person__unit",))
    policy = Policy.of(view=OFFICE, delete=OFFICE)

    class Meta:
        verbose_name = _("登录会话")
        verbose_name_plural = _("登录会话")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} @ {self.ip}"

    def audit_unit_path(self) -> str:
        return self.user.audit_unit_path()

