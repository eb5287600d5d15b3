"""Hooks: how a lower app lets the apps above it join in without importing them.

The lower app declares a `Hook` in a module of its own and calls whoever registered; an app above
registers a function (or a small record the hook's docstring describes) in its AppConfig.ready().
Nothing is found by name and nothing travels through a global bus: the lower app's module lists
every hook it offers, and `.register(` finds every listener. core/tests/test_layering.py holds
the imports to the layers this makes possible."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Hook(Generic[T]):
    """A named list of listeners, in the order they registered. Registering one twice keeps one,
    since an app's ready() may run more than once (tests that reload the app registry)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._listeners: list[T] = []

    def register(self, listener: T) -> T:
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener

    @property
    def listeners(self) -> tuple[T, ...]:
        return tuple(self._listeners)

    def __iter__(self) -> Iterator[T]:
        return iter(tuple(self._listeners))

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, {len(self._listeners)} listeners)"
