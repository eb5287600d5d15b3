"""/api/v1/me, /api/v1/units/ and personal tokens."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status
from ninja.security import SessionAuth

from luoshi.core import freshness
from luoshi.core.api import paged
from luoshi.core.errors import NotAllowed, api_error
from luoshi.core.scope import get_scoped
from luoshi.org import services
from luoshi.org.models import ApiToken, Unit, UnitKind, User
from luoshi.org.selectors import my_assignments

router = Router(tags=["org"])


# what a token's login is read from: a revoked token, a disabled login, a moved unit must tell
TOKEN_TABLES = ("org_apitoken", "org_user", "org_person", "org_unit")


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def user_for_token(raw: str, request=None) -> User | None:
    """The active login behind a live (unrevoked, unexpired) raw token, or None; touches its last use
    at most once a minute. A login that must change its initial password is refused, and so is a
    read-only token on a write."""
    digest = services.hash_token(raw)
    token = freshness.remember("token", digest, tables=TOKEN_TABLES, build=lambda: ApiToken.objects.select_related(
        "user__person__unit").filter(key_hash=digest, revoked_at__isnull=True).first())
    now = timezone.now()
    if token is None or not token.user.is_active or token.expires_at <= now:
        return None
    password_fresh(token.user)
    if token.read_only and request is not None and request.method not in SAFE_METHODS:
        raise NotAllowed(_("只读令牌不能修改数据"))
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def password_fresh(user: User) -> None:
    """Nothing from the API for a login that still has the initial password the office gave it: the
    pages send it to the change page, the API answers 403."""
    if user.must_change_password:
        raise NotAllowed(_("请先登录网页修改初始密码，修改后才能使用接口"))


def docs_login(view):
    """The API's description (/api/v1/docs, /api/v1/openapi.json) for logins only, where
    LUOSHI_API_DOCS_LOGIN is on (production): a session, or a personal token for a tool reading the
    schema. Anyone else: the docs page sends to the login page, the schema answers 401."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.LUOSHI_API_DOCS_LOGIN or _docs_reader(request):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return api_error(401, _("未登录或令牌无效"))
        if request.user.is_authenticated:  # an initial password to change first
            return redirect("org:password_change")
        return redirect_to_login(request.get_full_path())

    return wrapped


def _docs_reader(request) -> bool:
    user = request.user
    if user.is_authenticated:
        return not user.must_change_password
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return False
    try:
        return user_for_token(header[7:].strip(), request) is not None
    except NotAllowed:
        return False


class LoginSessionAuth(SessionAuth):
    """The pages' own calls (session and CSRF), refused like a token while the password is initial."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            password_fresh(user)
        return user


class RoleOut(Schema):
    role: str
    role_name: str
    unit_id: int
    unit_name: str
    data_scope: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    unit_id: int | None
    unit_name: str | None
    must_change_password: bool
    roles: list[RoleOut]


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    kind_name: str
    parent_id: int | None
    path: str
    depth: int
    code: str
    is_active: bool


class UnitPage(Schema):
    items: list[UnitOut]
    count: int


class TokenIn(Schema):
    name: str
    days: int | None = Field(None, description=gettext_lazy("有效天数，默认并且最多为系统设置（LUOSHI_API_TOKEN_DAYS，默认 180 天）"))
    read_only: bool = Field(False, description=gettext_lazy("只读令牌：只能读取，任何修改都被拒绝（403）"))


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    read_only: bool
    created_at: str
    expires_at: str
    last_used_at: str | None
    revoked: bool


class TokenCreated(TokenOut):
    token: str


@router.get("/me", response=MeOut, summary=gettext_lazy("当前用户"))
def me(request):
    user = request.auth
    person = user.person
    roles = [RoleOut(role=a.role, role_name=a.get_role_display(), unit_id=a.unit_id, unit_name=a.unit.name,
                     data_scope=a.data_scope) for a in my_assignments(user=user)]
    return MeOut(id=user.pk, username=user.username, name=user.display_name,
                 unit_id=person.unit_id if person else None, unit_name=person.unit.name if person else None,
                 must_change_password=user.must_change_password, roles=roles)


def _unit_out(unit: Unit) -> UnitOut:
    return UnitOut(id=unit.pk, name=unit.name, kind=unit.kind, kind_name=unit.get_kind_display(),
                   parent_id=unit.parent_id, path=unit.path, depth=unit.depth, code=unit.code, is_active=unit.is_active)


@router.get("/units/", response=UnitPage, summary=gettext_lazy("单位列表"))
def unit_list(request, page: int = 1, page_size: int = 20, q: str = "", kind: str = "", parent: int | None = None):
    units = Unit.objects.visible_to(request.auth)
    if kind:
        units = units.filter(kind=kind) if kind in UnitKind.values else units.none()
    if parent is not None:
        units = units.filter(parent_id=parent)
    if q.strip():
        units = units.filter(Q(name__icontains=q.strip()[:100]) | Q(code__icontains=q.strip()[:100]))
    result = paged(units, page, page_size)
    return {"items": [_unit_out(u) for u in result["items"]], "count": result["count"]}


@router.get("/units/{unit_id}/", response=UnitOut, summary=gettext_lazy("单位详情"))
def unit_detail(request, unit_id: int):
    return _unit_out(get_scoped(request.auth, Unit, unit_id))


def _token_out(item: ApiToken, cls=TokenOut, **extra):
    return cls(id=item.pk, name=item.name, prefix=item.prefix, read_only=item.read_only,
               created_at=item.created_at.isoformat(), expires_at=item.expires_at.isoformat(),
               last_used_at=item.last_used_at.isoformat() if item.last_used_at else None,
               revoked=item.revoked_at is not None, **extra)


@router.get("/tokens/", response=list[TokenOut], summary=gettext_lazy("我的 API 令牌"))
def token_list(request):
    return [_token_out(t) for t in ApiToken.objects.filter(user=request.auth)]


@router.post("/tokens/", response={201: TokenCreated}, summary=gettext_lazy("创建 API 令牌（令牌只显示这一次）"))
def token_create(request, payload: TokenIn):
    token, raw = services.token_create(actor=request.auth, name=payload.name, days=payload.days,
                                       read_only=payload.read_only)
    return Status(201, _token_out(token, TokenCreated, token=raw))


@router.delete("/tokens/{token_id}/", response={204: None}, summary=gettext_lazy("吊销 API 令牌"))
def token_revoke(request, token_id: int):
    services.token_revoke(actor=request.auth, token_id=token_id)
    return Status(204, None)
