"""A record's life as a transition table (DESIGN "Lifecycle and lights"): one `Transition` per
edge, declared by each app that owns a record with a life (plans.task_flow, supervision.problem_flow)
and read by its pages, API and imports alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Transition:
    """One edge of a life: the action, the states it leaves from, the state it reaches, its label."""

    action: str
    sources: frozenset[str]
    target: str
    label: object


def table(*transitions: Transition) -> dict[str, Transition]:
    """The transitions by action."""
    return {t.action: t for t in transitions}
