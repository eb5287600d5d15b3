"""core.listing.paginate: a short first page is the whole list, so it is read without a COUNT (the
lists people open most are a village's or a filter's few rows); any other page is Django's, with the
same total, page number and rows as Django's paginator gives."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from luoshi.core.listing import paginate
from luoshi.org.models import Unit
from luoshi.org.services import unit_create

pytestmark = pytest.mark.django_db


def _units(world, more: int = 25):
    """The world's units and `more` villages: enough for pages of 10 and 20 (not 50)."""
    for i in range(more):
        unit_create(actor=world.admin, parent=world.unit("township"), name=f"新村{i:02d}", kind="village")
    return Unit.objects.unscoped("the test's own rows").order_by("path", "id")


def _listing(queryset, **params):
    request = RequestFactory().get("/", params)
    with CaptureQueriesContext(connection) as queries:
        listing = paginate(request, queryset)
        rows = list(listing.items)
    return listing, rows, [q["sql"] for q in queries]


def _django(queryset, size, number):
    page = Paginator(queryset, size).get_page(number)
    return page.paginator.count, page.number, page.paginator.num_pages, list(page.object_list)


@pytest.mark.parametrize("number", [None, "1", "abc", "1.0", "", "2", "0", "-1", "99"])
def test_every_page_is_djangos(world, number):
    units = _units(world)
    total = units.count()
    assert 20 < total < 50
    for size in (10, 20, 50):
        params = {"page_size": size} | ({"page": number} if number is not None else {})
        listing, rows, _sql = _listing(units, **params)
        page = listing.page
        assert (listing.total, page.number, page.paginator.num_pages, rows) == _django(units, size, number)
        assert (page.has_next(), page.has_previous()) == (total > size * page.number, page.number > 1)


def test_a_short_first_page_needs_no_count(world):
    units = _units(world)
    total = units.count()
    listing, rows, sql = _listing(units, page_size=50)
    assert total < 50 and listing.total == total == len(rows)
    assert len(sql) == 1 and "COUNT" not in sql[0].upper()


def test_a_full_first_page_is_counted_and_read_once(world):
    units = _units(world)
    listing, rows, sql = _listing(units, page_size=10)
    assert listing.total == units.count() > 10 and len(rows) == 10
    assert len(sql) == 2 and sum("COUNT" in s.upper() for s in sql) == 1


def test_an_empty_list_is_one_empty_page(world):
    listing, rows, sql = _listing(_units(world, more=0).none())
    assert (listing.total, listing.page.number, listing.page.paginator.num_pages, rows) == (0, 1, 1, [])
