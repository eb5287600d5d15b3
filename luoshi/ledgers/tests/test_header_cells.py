"""The header row's sort links (`views._header_cells`) keep every other filter of the list as the request wrote
it, in its order, and drop the page: the query encoded once around the sort, as Django's QueryDict would encode
it for each column."""

import html
import re

import pytest
from django.test import RequestFactory

from luoshi.ledgers.views import _header_cells

_HEADERS = [{"name": "title", "label": "任务名称", "sortable": True},
            {"name": "lead_unit", "label": "牵头单位<b>", "sortable": True},
            {"name": "co_units", "label": "协办单位", "sortable": False},
            {"name": "deadline", "label": "完成时限", "sortable": True}]


def _expected(query: str, sort: str) -> list[str]:
    params = RequestFactory().get(f"/tasks/?{query}").GET.copy()
    params.pop("page", None)
    links = []
    for h in _HEADERS:
        if h["sortable"]:
            params["sort"] = f"-{h['name']}" if sort == h["name"] else h["name"]
            links.append("?" + params.urlencode())
    return links


@pytest.mark.parametrize("query", [
    "", "sort=deadline", "q=道路 硬化&unit=15&sort=-title&page=3", "page=2&cols=title&cols=deadline&overdue=1",
    "light=red&light=yellow&q=%E6%B6%89%E5%86%9C%26%E8%B5%84%E9%87%91&sort=lead_unit", "q=a+b%2Bc&resort=1"])
def test_each_sort_link_is_the_query_with_its_sort(query):
    request = RequestFactory().get(f"/tasks/?{query}")
    sort = request.GET.get("sort", "")
    markup = _header_cells(request, _HEADERS, sort)
    links = [html.unescape(href) for href in re.findall(r'href="([^"]*)"', markup)]
    assert links == _expected(query, sort)
    assert "牵头单位&lt;b&gt;" in markup and '<th scope="col">协办单位</th>' in markup
