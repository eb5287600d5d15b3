"""A ledger list's toolbar controls as markup (ledgers/list.html): its filters and its 显示列 choice.

Built here rather than by the template's loops, as the rows and the menu are: on every list page a
dozen filters and columns, each a few tags and variables, cost more calls than the rest of the frame
(issue 21). Every value is escaped; tests/test_toolbar.py compares the markup with the template loops it replaced."""

from __future__ import annotations

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from luoshi.core.markup import escape


def filter_controls(filters: list[dict]) -> SafeString:
    """Each filter as its control: a flag's checkbox, a hidden filter's kept value, or a select of its
    choices (their <option>s built already: `views._with_options`)."""
    out = []
    for f in filters:
        name, label = escape(f["name"]), escape(f["label"])
        if f["flag"]:
            title = f' title="{escape(f["help"])}"' if f["help"] else ""
            checked = " checked" if f["selected"] else ""
            out.append(f'<div class="form-check align-self-center"{title}>\n'
                       f'      <input class="form-check-input" type="checkbox" name="{name}" value="1" '
                       f'id="filter-{name}"\n        {checked}><label class="form-check-label" '
                       f'for="filter-{name}">{label}</label></div>')
        elif f["hidden"]:
            out.append(f'<input type="hidden" name="{name}" value="{escape(f["selected"])}">')
        else:
            every = escape(_("全部%(label)s") % {"label": f["label"]})
            out.append(f'<select name="{name}" class="form-select w-auto" aria-label="{label}">\n'
                       f'      <option value="">{every}</option>{conditional_escape(f["options"])}</select>')
    return mark_safe("\n    ".join(out))  # every part escaped above


def column_choices(params, columns: list[tuple]) -> SafeString:
    """The 显示列 form's fields: the list's other parameters kept (not its columns nor its page), then a
    checkbox for each column (name, label, shown)."""
    kept = "".join(f'<input type="hidden" name="{escape(key)}" value="{escape(value)}">'
                   for key, value in params.items() if key not in ("cols", "page"))
    boxes = "\n      ".join(
        f'<div class="form-check"><input class="form-check-input" type="checkbox" name="cols" value="{escape(name)}" '
        f'id="col-{escape(name)}"{" checked" if shown else ""}><label class="form-check-label" '
        f'for="col-{escape(name)}">{escape(label)}</label></div>' for name, label, shown in columns)
    return mark_safe(f"{kept}\n      {boxes}")  # every part escaped
