"""`path__under` finds a unit and everything below it, and nothing that merely shares digits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi.org.models import Unit


@pytest.mark.django_db
def test_under_matches_the_subtree_only(world):
    township = world.unit("township")
    below = set(Unit.objects.unscoped("test").filter(path__under=township.path).values_list("name", flat=True))
    assert below == {"河口镇", "路村", "第一村民小组", "党政办公室", "经济发展办公室", "镇纪委", "庙口村"}


@pytest.mark.django_db
def test_a_path_prefix_of_digits_does_not_match_a_longer_number():
    """/1/ must not find /10/ or /12/5/."""
    from luoshi.org.models import UnitKind

    root = Unit.objects.create(name="甲", kind=UnitKind.COUNTY, path="/1/", depth=1)
    Unit.objects.create(name="乙", kind=UnitKind.COUNTY, path="/10/", depth=1)
    Unit.objects.create(name="丙", kind=UnitKind.TOWNSHIP, parent=root, path="/1/2/", depth=2)
    names = set(Unit.objects.unscoped("test").filter(path__under="/1/").values_list("name", flat=True))
    assert names == {"甲", "丙"}


@pytest.mark.django_db
def test_under_is_an_index_friendly_range_with_its_bounds_as_parameters():
    """A range the index serves on either database; on PostgreSQL through the pattern operators
    its `*_like` index is built for, which compare bytes whatever the collation, and with the
    bounds as parameters a prepared statement's generic plan still uses the index (LIKE $1
    could not)."""
    with CaptureQueriesContext(connection) as queries:
        list(Unit.objects.unscoped("test").filter(path__under="/1/4/"))
    sql = queries.captured_queries[-1]["sql"]
    assert "LIKE" not in sql
    assert ("~>=~" in sql and "~<~" in sql) if connection.vendor == "postgresql" else (">=" in sql and "<" in sql)


@pytest.mark.django_db
def test_among_finds_the_rows_of_a_subquery_written_so_that_an_or_can_use_every_index(world):
    """`pk__among`: IN (subquery) on SQLite, = ANY(ARRAY(subquery)) on PostgreSQL, which lets
    PostgreSQL combine the indexes of a scope's OR arms instead of scanning the table."""
    villages = Unit.objects.unscoped("test").filter(kind="village").order_by().values("pk")
    rows = Unit.objects.unscoped("test").filter(pk__among=villages)
    assert set(rows.values_list("name", flat=True)) == {"路村", "庙口村", "柳林村"}
    with CaptureQueriesContext(connection) as queries:
        list(rows)
    sql = queries.captured_queries[0]["sql"]
    assert ("= ANY(ARRAY(SELECT" in sql) if connection.vendor == "postgresql" else (" IN (SELECT" in sql)
