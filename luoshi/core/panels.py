"""Panels: what the apps above add to a lower app's page, without the page naming them.

A lower app declares a `Slot` for a page of its own (plans: the task page, `task_page`; progress:
each report on a timeline, `report_card`) and its template places the slot's regions with
`{% panels "task_page" "head" %}` (`{% load luoshi %}`). An app above registers a `Panel` — its own
template, rendered with the page's context — in its AppConfig.ready(). So the task page shows the
light's reasons, the urges and the timeline without plans' templates including progress's or
supervision's, and core/tests/test_layering.py holds templates to the layers as it holds imports."""

from __future__ import annotations

from dataclasses import dataclass, field

from luoshi.core.hooks import Hook

_SLOTS: dict[str, Slot] = {}


@dataclass(frozen=True)
class Panel:
    """A template of the registering app, placed in one region of a slot, in `order` (lowest first);
    `extra` is added to the context while it renders (say, how many reports a timeline shows)."""

    template: str
    region: str = "body"
    order: int = 50
    extra: dict = field(default_factory=dict, hash=False, compare=False)


class Slot(Hook[Panel]):
    """A page's places for panels, by name (the template tag finds it by name)."""

    def __init__(self, name: str, regions: tuple[str, ...]) -> None:
        super().__init__(name)
        self.regions = regions
        _SLOTS[name] = self

    def register(self, listener: Panel) -> Panel:
        if listener.region not in self.regions:
            raise ValueError(f"slot {self.name!r} has no region {listener.region!r}")
        return super().register(listener)

    def of(self, region: str) -> list[Panel]:
        return sorted((panel for panel in self if panel.region == region), key=lambda panel: panel.order)


def slot(name: str) -> Slot:
    return _SLOTS[name]
