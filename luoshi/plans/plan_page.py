"""What the plan page (`views.plans.plan_detail`) shows, built once per page in Python rather than
by the template for each row: 46 indicators and 50 unsigned tasks through template tags (a `{% url %}`,
a `{% blocktranslate %}`, a loop of lights and a dozen variables a row) cost the page more than all of
its queries. The markup is the template's, escaped here (format_html), as the ledger engine builds
its list rows (`ledgers.views._row_cells`)."""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from luoshi.core.links import url_of
from luoshi.core.templatetags.luoshi_dates import short_date
from luoshi.plans import light_style
from luoshi.plans.models import Indicator, Plan, Strength


def board_items(indicators: list[Indicator], *, can_change: bool) -> list[SafeString]:
    """Each indicator of the board (`selectors.indicator_board(top=True)`) as its list item: name
    (a village's own share after its unit), actual / target and measure, light, the register it is
    counted from, the links to split it and bind it (`can_change`), its shares by light."""
    rows_url, shares_url = url_of("progress:indicator_rows"), url_of("plans:indicator_shares")
    split_url, binding_url = url_of("plans:indicator_split"), url_of("plans:indicator_edit_binding")
    strengths = {value: str(label) for value, label in Strength.choices}  # each lazy name translated once
    words = {"rows": _("完成值由哪些上报和办结构成"), "to_fill": _("待填"), "units": _("查看各单位"),
             "split": _("分解到村/部门"), "binding": _("台账统计")} | {look.value: str(look.short) for look in light_style.SHOWN}
    return [_board_item(ind, can_change, strengths, words, rows_url, shares_url, split_url, binding_url)
            for ind in indicators]


def _board_item(ind, can_change, strengths, words, rows_url, shares_url, split_url, binding_url) -> SafeString:
    unit = format_html('<small class="text-secondary">└ {}：</small>', ind.unit.name) if ind.parent_id else ""
    target = (format_html('<span class="badge text-bg-warning">{}</span>', words["to_fill"]) if ind.target is None
              else floatformat(ind.target, "-2"))
    light = ""
    if ind.light:
        look = light_style.style(ind.light)
        light = format_html('<span class="badge text-bg-{}" title="{}" data-ls-indicator-light="{}">{}</span>',
                            look.tone, ind.light_reason, ind.light, look.label)
    parts = [format_html(
        '<li class="list-group-item">\n<div class="d-flex justify-content-between"><span>{}{}{}</span>\n'
        '<span class="text-nowrap"><a href="{}" title="{}" data-ls-indicator="{}">{}</a> / {} {} {}</span></div>',
        unit, strengths.get(ind.strength, ind.strength), ind.name, rows_url(ind.pk), words["rows"], ind.pk,
        floatformat(ind.actual if ind.actual is not None else "0", "-2"), target, ind.measure, light)]
    if ind.source:
        parts.append(format_html('<div class="small text-secondary" data-ls-source="{}"><i class="bi bi-table"></i> {}'
                                 '</div>', ind.register_measure, _("按台账统计：%(s)s") % {"s": ind.source}))
    if can_change and not ind.parent_id:
        parts.append(format_html('<a class="small" href="{}">{}</a> <a class="small ms-2" href="{}">{}</a>',
                                 split_url(ind.pk), words["split"], binding_url(ind.pk), words["binding"]))
    shares = getattr(ind, "shares", None)
    if shares:
        summary = ngettext("分解到 %(n)s 个单位", "分解到 %(n)s 个单位", ind.share_count) % {"n": ind.share_count}
        lights = format_html_join("", '<span class="text-{} ms-1">{} {}</span>',
                                  ((look.tone, words[look.value], n) for look, n in light_style.part_counts(shares)))
        parts.append(format_html(
            '<details class="small mt-1" data-ls-shares="{}" hx-get="{}" hx-trigger="toggle once" '
            'hx-target="find .ls-shares" hx-swap="outerHTML"><summary>{}：{}</summary>\n'
            '<div class="ls-shares"><a href="{}">{}</a></div>\n</details>',
            ind.pk, shares_url(ind.pk), summary, lights, shares_url(ind.pk), words["units"]))
    return mark_safe("\n".join(parts) + "\n</li>")  # every part escaped above


def count_rows(rows: list[dict], plan: Plan) -> list[dict]:
    """The table of lines by light (`selectors.counts_by_line_and_light`), each cell with its count
    and, when it counts tasks of a line, the link to them in the task list: `links`, (count, URL or "")."""
    tasks_url = reverse("plans:task_list")
    for row in rows:
        row["links"] = [(n, f"{tasks_url}?plan={plan.pk}&line={row['line_id']}&whole=1&light={key}"
                         if row["line_id"] and n else "") for key, n in row["cells"]]
    return rows


def unsigned_rows(tasks) -> list[dict]:
    """The tasks not signed yet (values id, title, lead_unit__name, deployed_at) as the page lists
    them: title, link, and "unit · 部署于 day" (a day put into words once, however many were deployed on it)."""
    task_url, wording, days = url_of("plans:task_detail"), _("%(name)s · 部署于 %(deployed_at)s"), {}
    rows = []
    for row in tasks:
        when = row["deployed_at"]  # as short_date reads it: the local day
        day = (timezone.localtime(when).date() if timezone.is_aware(when) else when.date()) if when else None
        if day not in days:
            days[day] = short_date(day)
        rows.append({"title": row["title"], "url": task_url(row["id"]),
                     "note": wording % {"name": row["lead_unit__name"] or "", "deployed_at": days[day]}})
    return rows
