"""How a notice names the object it asks about: "<kind>:<id>" ("task:12", "round:3").

A notice's `target` is how the service that does what it asked finds and closes it
(`services.notifications_resolve`); `selectors.open_asks` matches every target of a kind by its
`prefix`. The kinds are the domains' words ("task", "milestone", "problem", "urge", "round"), each
defined beside the object it names; notify knows none of them. Build a target only here, so the
one shape is written once and read back with `Target.parse`."""

from __future__ import annotations

from typing import NamedTuple

SEPARATOR = ":"


class Target(NamedTuple):
    """The object a notice is about, by its kind and primary key."""

    kind: str
    pk: int

    def __str__(self) -> str:
        return f"{self.kind}{SEPARATOR}{self.pk}"

    @classmethod
    def parse(cls, text: str) -> Target | None:
        """"task:12" → Target("task", 12); None for anything else (an empty target, a key with an
        occasion after the id, as "task:12@083015" or "urge:5:1")."""
        kind, sep, pk = (text or "").partition(SEPARATOR)
        return cls(kind, int(pk)) if kind and sep and pk.isascii() and pk.isdigit() else None


def target(kind: str, pk: int) -> str:
    """The target naming object `pk` of `kind`: target("task", 12) == "task:12"."""
    if not kind or SEPARATOR in kind:
        raise ValueError(f"a target's kind is one word without {SEPARATOR!r}: {kind!r}")
    return str(Target(kind, int(pk)))


def prefix(kind: str) -> str:
    """What every target of `kind` starts with: prefix("round") == "round:"."""
    return f"{kind}{SEPARATOR}"
