"""The list page's markup built in Python (issue 21) is what the template loops it replaced rendered,
whitespace aside, escaping included: the toolbar's filters and columns (ledgers.toolbar) and every
list's foot (core.listing.pager_markup)."""

import re

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from luoshi.core.listing import Listing, pager_markup
from luoshi.ledgers import toolbar

FILTERS = """{% load i18n %}{% for f in filters %}
    {% if f.flag %}<div class="form-check align-self-center"{% if f.help %} title="{{ f.help }}"{% endif %}>
      <input class="form-check-input" type="checkbox" name="{{ f.name }}" value="1" id="filter-{{ f.name }}"
        {% if f.selected %} checked{% endif %}><label class="form-check-label" for="filter-{{ f.name }}">{{ f.label }}</label></div>
    {% elif f.hidden %}<input type="hidden" name="{{ f.name }}" value="{{ f.selected }}">
    {% else %}<select name="{{ f.name }}" class="form-select w-auto" aria-label="{{ f.label }}">
      <option value="">{% blocktranslate with label=f.label %}全部{{ label }}{% endblocktranslate %}</option>{{ f.options }}</select>{% endif %}
    {% endfor %}"""  # noqa: E501 - as ledgers/list.html had it

COLUMNS = """{% for key, value in request.GET.items %}{% if key != "cols" and key != "page" %}<input type="hidden" name="{{ key }}" value="{{ value }}">{% endif %}{% endfor %}
      {% for name, label, shown in all_columns %}
      <div class="form-check"><input class="form-check-input" type="checkbox" name="cols" value="{{ name }}" id="col-{{ name }}"{% if shown %} checked{% endif %}><label class="form-check-label" for="col-{{ name }}">{{ label }}</label></div>
      {% endfor %}"""  # noqa: E501

PAGER = """{% load i18n %}
<div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mt-2">
  <div class="text-secondary">{% blocktranslate with total=listing.total %}共 {{ total }} 条{% endblocktranslate %}</div>
  <form method="get" class="d-flex align-items-center gap-1" hx-get="" hx-target="#results" hx-push-url="true" hx-trigger="change">
    {% for key, value in request.GET.items %}{% if key != "page_size" and key != "page" %}<input type="hidden" name="{{ key }}" value="{{ value }}">{% endif %}{% endfor %}
    <label class="text-secondary small" for="page-size">{% translate "每页" %}</label>
    <select id="page-size" name="page_size" class="form-select form-select-sm w-auto" data-autosubmit>
      {% page_sizes as sizes %}{% for size in sizes %}<option value="{{ size }}"{% if size == listing.page_size %} selected{% endif %}>{% blocktranslate %}{{ size }} 条{% endblocktranslate %}</option>{% endfor %}
    </select>
  </form>
  {% with page=listing.page %}
  {% if page.paginator.num_pages > 1 %}
  <nav aria-label="{% translate '分页' %}"><ul class="pagination pagination-sm mb-0">
    {% if page.has_previous %}<li class="page-item"><a class="page-link" href="{% query_with page=page.previous_page_number %}">{% translate "上一页" %}</a></li>{% endif %}
    <li class="page-item disabled"><span class="page-link">{% blocktranslate with number=page.number num_pages=page.paginator.num_pages %}第 {{ number }} / {{ num_pages }} 页{% endblocktranslate %}</span></li>
    {% if page.has_next %}<li class="page-item"><a class="page-link" href="{% query_with page=page.next_page_number %}">{% translate "下一页" %}</a></li>{% endif %}
  </ul></nav>
  {% endif %}
  {% endwith %}
</div>"""  # noqa: E501 - core/_pagination.html as it was

ODD = '<b>"A&B\'</b>'


def _same(template: str, context: dict, built, request=None) -> None:
    def plain(markup):
        return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(markup))).strip()
    assert plain(engines["django"].from_string(template).render(context, request)) == plain(built)


def _filters():
    return [{"name": "overdue", "label": "已逾期", "flag": True, "hidden": False, "help": ODD, "selected": "1"},
            {"name": "mine", "label": ODD, "flag": True, "hidden": False, "help": "", "selected": ""},
            {"name": "line", "label": "专线", "flag": False, "hidden": True, "help": "", "selected": ODD},
            {"name": "unit", "label": ODD, "flag": False, "hidden": False, "help": "",
             "options": mark_safe('<option value="3">路村</option>')},  # as views._with_options builds them
            {"name": "plan", "label": "计划", "flag": False, "hidden": False, "help": "", "options": ODD}]


def test_the_filters_are_the_templates():
    _same(FILTERS, {"filters": _filters()}, toolbar.filter_controls(_filters()))


@pytest.mark.parametrize("query", [{}, {"q": ODD, "page": "2", "cols": ["title", "deadline"], "unit": "3"}])
def test_the_column_choice_is_the_templates(query):
    request = RequestFactory().get("/", query)
    columns = [("title", "标题", True), ("deadline", ODD, False), (ODD, "x", True)]
    _same(COLUMNS, {"request": request, "all_columns": columns}, toolbar.column_choices(request.GET, columns), request)


@pytest.mark.parametrize(("query", "rows", "size", "number"), [
    ({"q": ODD, "page": "2"}, 95, 20, 2), ({}, 5, 20, 1), ({"unit": "3", "page_size": "10"}, 30, 10, 3),
    ({"x": ["1", "2"]}, 45, 20, 1), ({}, 0, 50, 1), ({"sort": "-deadline"}, 5000, 50, 3)])
def test_the_foot_of_a_list_is_the_templates(query, rows, size, number):
    request = RequestFactory().get("/", query)
    page = Paginator(list(range(rows)), size).get_page(number)
    listing = Listing(page=page, total=rows, page_size=size, query="")
    _same(PAGER, {"listing": listing, "request": request}, pager_markup(request, listing), request)
