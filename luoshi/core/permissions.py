"""One declarative permission table per resource: action → roles (Taiga, Wagtail policies).

Pages, the API and exports all ask the same `Policy`; templates never make the only check.
"""

from dataclasses import dataclass, field

from luoshi.core.roles import ALL_ROLES

ANY_ROLE = ALL_ROLES


@dataclass(frozen=True)
class Policy:
    """Which roles may perform each action on one resource; unknown actions allow nobody."""

    rules: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, **rules: set[str] | frozenset[str]) -> "Policy":
        return cls({action: frozenset(roles) for action, roles in rules.items()})

    def roles_for(self, action: str) -> frozenset[str]:
        return self.rules.get(action, frozenset())

    def allows(self, user, action: str) -> bool:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return bool(self.roles_for(action) & user_roles(user))


def user_roles(user) -> frozenset[str]:
    """The role codes a user holds; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(grant.role for grant in user.role_grants())
