"""What the plan page (`views.plans.plan_detail`) shows, built once per page in Python rather than
by the template for each row: 46 indicators, 50 unsigned tasks, the lines and their counts by light
through template tags (a `{% url %}`, a `{% blocktranslate %}`, a loop of lights and a dozen variables a
row) cost the page more than all of its queries. The markup is the template's, escaped here, as the ledger
engine builds its list rows (`ledgers.views._row_cells`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from luoshi.core.links import url_of
from luoshi.core.markup import escape, number_text
from luoshi.core.templatetags.luoshi_dates import short_date
from luoshi.plans import light_style
from luoshi.plans.models import Indicator, Plan, Strength


def board_items(indicators: list[Indicator], *, can_change: bool) -> list[SafeString]:
    """Each indicator of the board (`selectors.indicator_board(top=True)`) as its list item: name
    (a village's own share after its unit), actual / target and measure, light, the register it is
    counted from, the links to split it and bind it (`can_change`), its shares by light. Built with
    f-strings of escaped parts, as the battle map's board is: `format_html` checks every argument
    for laziness and safety, which for 46 items cost more than their two queries."""
    urls = (url_of("progress:indicator_rows"), url_of("plans:indicator_shares"),
            url_of("plans:indicator_split"), url_of("plans:indicator_edit_binding"))
    strengths = {value: escape(label) for value, label in Strength.choices}  # each lazy name translated once
    words = {key: escape(text) for key, text in (
        ("rows", _("完成值由哪些上报和办结构成")), ("to_fill", _("待填")), ("units", _("查看各单位")),
        ("split", _("分解到村/部门")), ("binding", _("台账统计")))}
    words["source"] = _("按台账统计：%(s)s")  # filled in, then escaped
    lights = {look.value: (escape(look.tone), escape(look.label), escape(look.short)) for look in light_style.SHOWN}
    return [_board_item(ind, can_change, strengths, words, lights, urls) for ind in indicators]


def _board_item(ind, can_change, strengths, words, lights, urls) -> SafeString:
    rows_url, shares_url, split_url, binding_url = urls
    unit = f'<small class="text-secondary">└ {escape(ind.unit_name)}：</small>' if ind.parent_id else ""
    target = (f'<span class="badge text-bg-warning">{words["to_fill"]}</span>' if ind.target is None
              else escape(number_text(ind.target)))
    light = ""
    if ind.light:
        tone, label, _short = lights.get(ind.light) or _look(ind.light)
        light = (f'<span class="badge text-bg-{tone}" title="{escape(ind.light_reason)}" '
                 f'data-ls-indicator-light="{escape(ind.light)}">{label}</span>')
    actual = escape(number_text(ind.actual if ind.actual is not None else "0"))
    strength = strengths.get(ind.strength) or escape(ind.strength)
    parts = [
        f'<li class="list-group-item">\n<div class="d-flex justify-content-between"><span>{unit}{strength}'
        f'{escape(ind.name)}</span>\n<span class="text-nowrap"><a href="{rows_url(ind.pk)}" title="{words["rows"]}" '
        f'data-ls-indicator="{int(ind.pk)}">{actual}</a> / {target} {escape(ind.measure)} {light}</span></div>']
    if ind.source:
        parts.append(f'<div class="small text-secondary" data-ls-source="{escape(ind.register_measure)}">'
                     f'<i class="bi bi-table"></i> {escape(words["source"] % {"s": ind.source})}</div>')
    if can_change and not ind.parent_id:
        parts.append(f'<a class="small" href="{split_url(ind.pk)}">{words["split"]}</a> '
                     f'<a class="small ms-2" href="{binding_url(ind.pk)}">{words["binding"]}</a>')
    shares = getattr(ind, "shares", None)
    if shares:
        summary = ngettext("分解到 %(n)s 个单位", "分解到 %(n)s 个单位", ind.share_count) % {"n": ind.share_count}
        counts = "".join(f'<span class="text-{escape(look.tone)} ms-1">{lights[look.value][2]} {n}</span>'
                         for look, n in light_style.part_counts(shares))
        url = shares_url(ind.pk)
        parts.append(
            f'<details class="small mt-1" data-ls-shares="{int(ind.pk)}" hx-get="{url}" hx-trigger="toggle once" '
            f'hx-target="find .ls-shares" hx-swap="outerHTML"><summary>{escape(summary)}：{counts}</summary>\n'
            f'<div class="ls-shares"><a href="{url}">{words["units"]}</a></div>\n</details>')
    return mark_safe("\n".join(parts) + "\n</li>")  # every part escaped above


def _look(light: str) -> tuple[str, str, str]:
    look = light_style.style(light)
    return escape(look.tone), escape(look.label), escape(look.short)


def count_rows(rows: list[dict], plan: Plan) -> list[SafeString]:
    """The table of lines by light (`selectors.counts_by_line_and_light`) as its rows: the line, then
    each light's count, linked to those tasks in the task list when it counts tasks of a line."""
    tasks_url = reverse("plans:task_list")
    return [mark_safe(  # escaped: the line's name and the addresses
        f"<tr><td>{escape(row['line'])}</td>\n        "
        + "".join(_count_cell(n, f"{tasks_url}?plan={plan.pk}&line={row['line_id']}&whole=1&light={key}"
                              if row["line_id"] and n else "") for key, n in row["cells"])
        + "</tr>\n      ") for row in rows]


def _count_cell(n: int, url: str) -> str:
    return f'<td><a href="{escape(url)}">{n}</a></td>' if url else f"<td>{n}</td>"


def line_items(lines, plan: Plan) -> list[SafeString]:
    """The plan's lines (values pk, number, name, leader__name, lead_unit__name), each linking to its
    tasks in the task list, with its leader and lead unit."""
    tasks_url = reverse("plans:task_list")
    return [mark_safe(  # escaped: every value
        f'<li class="list-group-item d-flex justify-content-between"><a href="{tasks_url}?plan={plan.pk}'
        f'&line={escape(line["pk"])}">{escape(line["number"])} {escape(line["name"])}</a><small class="text-secondary">'
        f'{escape(line["leader__name"] or "")} {escape(line["lead_unit__name"] or "")}</small></li>') for line in lines]


def unsigned_items(tasks) -> list[SafeString]:
    """The tasks not signed yet (values id, title, lead_unit__name, deployed_at) as the page lists
    them: title (cut to 30 characters), link, and "unit · 部署于 day" (a day put into words once, however
    many were deployed on it)."""
    task_url, wording, days = url_of("plans:task_detail"), _("%(name)s · 部署于 %(deployed_at)s"), {}
    here = timezone.get_current_timezone()
    items = []
    for row in tasks:
        when = row["deployed_at"]  # as short_date reads it: the local day
        day = (when.astimezone(here).date() if timezone.is_aware(when) else when.date()) if when else None
        if day not in days:
            days[day] = short_date(day)
        note = wording % {"name": row["lead_unit__name"] or "", "deployed_at": days[day]}
        link = f'<a href="{escape(task_url(row["id"]))}">{escape(_cut(row["title"], 30))}</a>'
        items.append(mark_safe(  # escaped: title, address and note
            f'<li class="list-group-item">\n      {link}\n      <small class="text-secondary">{escape(note)}</small>\n    </li>'))
    return items


def incomplete_rows(incomplete: list[tuple]) -> list[dict]:
    """The drafts that may not be deployed yet (`selectors.draft_summary`'s (draft, missing)), as the
    page names them: title (cut to 40 characters), the link to its form, what it lacks."""
    edit_url = url_of("ledgers:edit", "tasks")
    return [{"title": _cut(draft.title, 40), "url": edit_url(draft.pk), "missing": "、".join(missing.values())}
            for draft, missing in incomplete]


def _cut(text: str, size: int) -> str:
    """The template's truncatechars, without its Truncator for a title that fits."""
    return text if len(text) <= size else Truncator(text).chars(size)
