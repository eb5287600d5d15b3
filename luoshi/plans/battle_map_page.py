"""The battle map's grid (`views.plans.battle_map`), its rows built once per page in Python rather
than by the template: each row's twelve month cells, its light badge (an `{% include %}`), its link
(a `{% url %}`) and its parts' lights took the template ~25 nodes a row and most of the page's time
(a township's 200 whole tasks: 45,000 nodes rendered). The markup is the template's
(`plans/battle_map.html`, `plans/_light.html`), escaped here (format_html), as `plan_page` builds the
plan page's indicator items."""

from __future__ import annotations

from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from luoshi.core.links import url_of
from luoshi.core.markup import escape, number_text
from luoshi.core.templatetags.luoshi_dates import short_date
from luoshi.plans import light_style
from luoshi.plans.models import Recurrence, Strength, TaskStatus


def grid_rows(groups: list[dict]) -> list[SafeString]:
    """Each `<tr>` of the grid, in order: the line's cell on its first row (rowspan the line's
    rows), the lead unit's on its unit's first row, then title (and a split task's parts by light),
    责任人, 时限, light and the twelve months (`selectors.battle_map`'s cells). Every word is
    translated once per page and every value escaped (`escape`) as the template's autoescape would."""
    task_url = url_of("plans:task_detail")
    words = {
        "due": f'<span class="due" title="{escape(_("完成时限"))}">★</span>',
        "closing": f'\n<span class="badge text-bg-info" data-closing>{escape(_("待验收"))}</span>',
        "statuses": {value: escape(label) for value, label in TaskStatus.choices},
        "recurrences": {value: escape(label) for value, label in Recurrence.choices},
        "shorts": {look.value: (look.tone, escape(look.short)) for look in light_style.SHOWN},
        "lights": {look.value: (look.tone, escape(look.label)) for look in light_style.SHOWN},
        "dates": {},  # each deadline formatted once: short_date (dateformat) was half of the rows' time
    }
    rows = []
    for group in groups:
        line_cell = f'<td rowspan="{group["span"]}">{escape(group["line"])}</td>'
        for sub in group["units"]:
            unit_cell = f'<td rowspan="{len(sub["rows"])}">{escape(sub["unit"])}</td>'
            for row in sub["rows"]:
                rows.append(mark_safe(_row(row, line_cell, unit_cell, task_url, words)))  # built of escaped parts
                line_cell = unit_cell = ""
    return rows


def _row(row: dict, line_cell: str, unit_cell: str, task_url, words: dict) -> str:
    task, parts = row["task"], row.get("parts")
    split = ""
    if parts:
        counts = "".join(f'<span class="text-{tone}">{short} {n}</span>\n'
                         for tone, short, n in _part_counts(parts, words["shorts"]))
        split = f'<div class="small text-secondary">{escape(_("分解 %(total)s 个单位：") % {"total": parts["total"]})}' \
                f'{counts}</div>'
    if task.deadline:
        when = words["dates"].get(task.deadline)
        if when is None:
            when = words["dates"][task.deadline] = escape(short_date(task.deadline))
    else:
        when = words["recurrences"].get(task.recurrence) or escape(task.recurrence)
    if task.light:
        tone, label = words["lights"].get(task.light) or (light_style.style(task.light).tone, escape(task.light))
        light = (f'<span class="badge text-bg-{tone}" data-light="{escape(task.light)}" '
                 f'title="{escape(task.light_reason)}">{label}</span>')
    else:
        status = words["statuses"].get(task.status) or escape(task.status)
        light = f'<span class="badge text-bg-light border">{status}</span>'
    if task.status == TaskStatus.CLOSING:
        light += words["closing"]
    owner = escape(task.owner_name) if task.owner_name else ""
    cells = "".join(_cell(cell, words["due"]) for cell in row["cells"])
    return (f'<tr>{line_cell}{unit_cell}<td class="ls-wrap"><a href="{task_url(task.pk)}">{escape(task.title)}</a>'
            f'{split}</td><td>{owner or "—"}</td><td>{when}</td><td>{light}</td>{cells}</tr>')


def _part_counts(parts: dict, shorts: dict):
    """`light_style.part_counts` with each light's word translated once per page."""
    for look, n in light_style.part_counts(parts):
        tone, short = shorts[look.value]
        yield tone, short, n


def _cell(cell: dict, due: str) -> str:
    marks = due if cell["deadline"] else ""
    for step in cell["milestones"]:
        marks += f'<span class="d-block small" title="{escape(step.title)}">◆</span>'
    return f'<td class="month on">{marks}</td>' if cell["active"] else f'<td class="month">{marks}</td>'


def indicator_items(indicators: list) -> list[SafeString]:
    """Each target of the map's board (`selectors.indicator_board(top=True)`) as its column: strength
    and name (a share's unit after it), light, actual (linking to the rows it is made of) / target
    and measure, the light's reason, the register it is counted from. The template's markup; a
    `{% url %}`, two `floatformat`s and a `{% blocktranslate %}` each cost the page ~8 ms for 46."""
    rows_url = url_of("progress:indicator_rows")
    strengths = {value: escape(label) for value, label in Strength.choices}
    to_fill = f'<span class="badge text-bg-warning">{escape(_("待填"))}</span>'
    items = []
    for ind in indicators:
        unit = f'<small class="text-secondary">（{escape(ind.unit_name)}）</small>' if ind.parent_id else ""
        light = ""
        if ind.light:
            look = light_style.style(ind.light)
            light = (f'<span class="badge text-bg-{look.tone}" data-map-indicator-light="{escape(ind.light)}">'
                     f'{escape(look.label)}</span>')
        actual = ind.actual if ind.actual is not None else "0"
        target = to_fill if ind.target is None else escape(number_text(ind.target))
        source = ""
        if ind.source:
            source = (f'<div class="small text-secondary"><i class="bi bi-table"></i> '
                      f'{escape(_("按台账统计：%(s)s") % {"s": ind.source})}</div>')
        items.append(mark_safe(  # built of escaped parts
            f'<div class="col"><div class="border rounded px-2 py-1 h-100" data-map-indicator="{ind.pk}">'
            f'<div class="d-flex justify-content-between align-items-start gap-2"><span class="text-break">'
            f'{strengths.get(ind.strength) or escape(ind.strength)}{escape(ind.name)}{unit}</span>{light}</div>'
            f'<div><a href="{rows_url(ind.pk)}" data-map-actual="{escape(localize(actual))}">'
            f'{escape(number_text(actual))}</a> / {target} {escape(ind.measure)} '
            f'<small class="text-secondary">{escape(ind.light_reason)}</small></div>{source}</div></div>'))
    return items
