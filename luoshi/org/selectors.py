"""Reads on the organisation: every one starts from the actor's data scope."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.core.listing import Listing, paginate
from luoshi.core.scope import get_scoped
from luoshi.org.models import ApiToken, LoginSession, Person, RoleAssignment, Unit, UnitKind, User


def unit_list(*, actor, request, kind: str = "") -> Listing:
    units = Unit.objects.visible_to(actor).select_related("parent")
    if kind in UnitKind.values:
        units = units.filter(kind=kind)
    return paginate(request, units, search_fields=("name", "code"), default_size=50)


def unit_get(*, actor, pk) -> Unit:

    return get_scoped(actor, Unit, pk)


def unit_children(*, actor, unit: Unit):
    return Unit.objects.visible_to(actor).filter(parent=unit).annotate(
        people_count=Count("people", filter=Q(people__is_active=True))
    )


def unit_counts(*, actor) -> dict[str, int]:
    """How many units of each kind the actor sees (the home page's real numbers)."""
    rows = Unit.objects.visible_to(actor).filter(is_active=True).values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def person_list(*, actor, request, unit_id: str = "") -> Listing:
    people = Person.objects.visible_to(actor).select_related("unit", "user")
    if unit_id.isdigit():
        unit = Unit.objects.visible_to(actor).filter(pk=unit_id).first()
        people = people.filter(unit__path__under=unit.path) if unit else people.none()
    return paginate(request, people, search_fields=("name", "title", "unit__name"))


def person_count(*, actor) -> int:
    return Person.objects.visible_to(actor).filter(is_active=True).count()


def user_list(*, actor, request, active: str = "") -> Listing:
    users = User.objects.visible_to(actor).select_related("person__unit").prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.visible_to(actor).select_related("unit"))
    )
    if active in ("1", "0"):
        users = users.filter(is_active=active == "1")
    return paginate(request, users, search_fields=("username", "person__name", "person__unit__name"))


def user_roles(*, actor, user: User):
    return RoleAssignment.objects.visible_to(actor).filter(user=user).select_related("unit").prefetch_related(
        Prefetch("custom_units", queryset=Unit.objects.visible_to(actor))
    )


def session_list(*, actor, request, user: User | None = None) -> Listing:
    sessions = LoginSession.objects.visible_to(actor).filter(ended_at__isnull=True).select_related("user__person__unit")
    if user is not None:
        sessions = sessions.filter(user=user)
    return paginate(request, sessions, search_fields=("user__username", "user__person__name", "ip"))


TOKEN_STATES = (("live", _("有效")), ("expired", _("已过期")), ("revoked", _("已吊销")), ("all", _("全部")))


def tokens_in_scope(*, actor, state: str = "live"):
    """API tokens of the logins `actor` may administer (a token is as visible as its login)."""
    tokens = ApiToken.objects.filter(user__in=User.objects.restrict(actor, "change").values("pk"))
    now = timezone.now()
    if state == "live":
        tokens = tokens.filter(revoked_at__isnull=True, expires_at__gt=now)
    elif state == "expired":
        tokens = tokens.filter(revoked_at__isnull=True, expires_at__lte=now)
    elif state == "revoked":
        tokens = tokens.filter(revoked_at__isnull=False)
    return tokens.select_related("user__person__unit", "revoked_by__person")


def token_list(*, actor, request, state: str = "live") -> Listing:
    return paginate(request, tokens_in_scope(actor=actor, state=state),
                    search_fields=("name", "prefix", "user__username", "user__person__name"))


def my_assignments(*, user: User):
    """A login's own roles, for its home page and profile."""
    return RoleAssignment.objects.unscoped("a login reading its own roles").filter(user=user).select_related("unit")
