"""How a light looks wherever it is shown: its name, its Bootstrap tone, its colour on a chart and
its fill in a printed workbook, for a task's light (`Task.light`) and a problem's
(`supervision.problem_flow.problem_light`) alike.

The names are the model's (`plans.models.Light` labels); everything else about a light's look is
here and nowhere else. Its readers: the template tags (`{% load lights %}`: `light_class`,
`light_label`, `part_lights`), the home page's headline and chart (`luoshi/home.py`; the colours reach
`static/luoshi/dashboard.js` in the page's JSON), the battle map's workbook (`battlemap_xlsx.py`), the
problems ledger's light column and the API (`GET /api/v1/lights/`).
`plans/tests/test_light_style.py` fails when another module spells a light's name or colour.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from luoshi.plans.models import Light

__all__ = ["DONE", "GREEN", "NONE", "RED", "SHOWN", "YELLOW", "LightStyle", "as_json", "counts_text", "part_counts",
           "style"]


@dataclass(frozen=True)
class LightStyle:
    """One light's look. `tone` is Bootstrap 5.3's contextual colour (`text-bg-<tone>`,
    `border-<tone>`, `text-<tone>`); `colour` is that tone's hex, for what no stylesheet reaches
    (the ECharts chart); `fill` is a pale cell fill for printed workbooks (Excel's own
    good / neutral / bad), empty for none; `short` names the light in a count (绿 3 黄 1 红 0)."""

    light: Light
    short: str | Promise
    tone: str
    colour: str
    fill: str

    @property
    def value(self) -> str:
        return self.light.value

    @property
    def label(self) -> str:
        return str(self.light.label)


GREEN = LightStyle(Light.GREEN, _("绿"), "success", "#198754", "#C6EFCE")
YELLOW = LightStyle(Light.YELLOW, _("黄"), "warning", "#ffc107", "#FFEB9C")
RED = LightStyle(Light.RED, _("红"), "danger", "#dc3545", "#FFC7CE")
DONE = LightStyle(Light.DONE, _("办结"), "primary", "#0d6efd", "")  # counted apart from green, never as it
NONE = LightStyle(Light.NONE, "", "secondary", "#6c757d", "")  # not lit yet (a draft, a new task)

SHOWN = (GREEN, YELLOW, RED, DONE)  # the order of the headline, the chart and every count by light
_BY_VALUE = {s.value: s for s in (*SHOWN, NONE)}


def style(light: str | None) -> LightStyle:
    """The look of a light value; an empty or unknown value is unlit."""
    return _BY_VALUE.get(light or "", NONE)


def as_json() -> list[dict]:
    """The shown lights in order, as a page's JSON or the API give them to a script or an app."""
    return [{"value": s.value, "label": s.label, "short": str(s.short), "tone": s.tone, "colour": s.colour}
            for s in SHOWN]


def part_counts(counts: dict) -> list[tuple[LightStyle, int]]:
    """A split task's parts by light ({"green": 2, …}) as (style, count) in order: every colour,
    办结 only when some part is done."""
    return [(s, counts.get(s.value, 0)) for s in SHOWN if s is not DONE or counts.get(s.value)]


def counts_text(counts: dict) -> str:
    """绿 2 黄 1 红 0 办结 1: `part_counts` in words, for a workbook's cell."""
    return " ".join(f"{s.short} {n}" for s, n in part_counts(counts))
