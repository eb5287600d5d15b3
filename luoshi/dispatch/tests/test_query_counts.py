"""Whether each person a schedule names can still report on its tasks (what the schedule page warns
the office about, and what a round checks when it opens) is read in a fixed number of queries,
however many people are named and whatever their roles and data scopes; and it is what each
person's own 我的任务 page lists."""

import pytest
from django.test import Client

from luoshi.core.roles import DataScope, RoleCode
from luoshi.dispatch import selectors, services
from luoshi.dispatch.models import Dispatch, DispatchRound
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org import services as org_services
from luoshi.org.models import User
from luoshi.org.testing import make_user
from luoshi.progress.selectors import reportable_tasks

QUERIES = 4  # the logins, their roles, the 自定义 scopes' units, one statement for all their lists


@pytest.fixture
def rc(world):
    return make_roll_call(world)


def _crowd(world, copies: int, tag: str = "") -> tuple[list, list]:
    """`copies` people of each shape of grant (logins named `tag`…): (who can report, who cannot any more)."""
    village, other, group = world.unit("village"), world.unit("other_village_same_township"), world.unit("group")
    able, unable = [], []
    for n in range(copies):
        able += [make_user(world.admin, f"{tag}v{n}", village, RoleCode.VILLAGE, village),
                 make_user(world.admin, f"{tag}m{n}", other, RoleCode.VILLAGE, other),
                 make_user(world.admin, f"{tag}u{n}", village, RoleCode.VILLAGE, village, DataScope.UNIT),
                 make_user(world.admin, f"{tag}c{n}", village, RoleCode.VILLAGE, village, DataScope.CUSTOM, [village])]
        unable += [make_user(world.admin, f"{tag}g{n}", group, RoleCode.VILLAGE, village),  # the village's work, not the group's
                   make_user(world.admin, f"{tag}n{n}", village, None, None)]  # no role left
        unable.append(org_services.person_create(actor=world.admin, unit=village, name=f"无账号{tag}{n}"))  # no login
    return [u.person for u in able], [getattr(u, "person", u) for u in unable]


def _schedule(world, rc, copies: int) -> tuple[Dispatch, list]:
    able, unable = _crowd(world, copies, tag=f"s{copies}")
    dispatch = services.dispatch_create(actor=world.user("office"), name=f"点名{copies}", unit=world.unit("township"),
                                        people=able, tasks=rc.tasks)
    # named while they could report; their rights changed since the schedule was saved
    through = Dispatch.people.through
    through.objects.bulk_create([through(dispatch=dispatch, person=p) for p in unable])
    return dispatch, unable


def _page(world, dispatch, django_assert_max_num_queries, limit: int) -> tuple[str, int]:
    client = Client()
    client.force_login(world.user("office"))
    client.get(f"/dispatch/{dispatch.pk}/")  # the first request of a session may write it
    with django_assert_max_num_queries(limit) as counted:
        page = client.get(f"/dispatch/{dispatch.pk}/").content.decode()
    return page, len(counted.captured_queries)


def test_checking_who_can_report_costs_the_same_few_queries_for_many_people_as_for_few(
        world, rc, django_assert_max_num_queries):
    for copies in (1, 4):
        dispatch, unable = _schedule(world, rc, copies)
        people = selectors.round_people(DispatchRound(dispatch=dispatch))
        with django_assert_max_num_queries(QUERIES):
            able = selectors.reportable_by(people=people, tasks=rc.tasks)
        assert {pk for pk, ids in able.items() if not ids} == {p.pk for p in unable}


def test_the_schedule_page_warns_whom_the_next_round_skips_in_the_same_queries_however_many_are_named(
        world, rc, django_assert_max_num_queries):
    few, _unable = _schedule(world, rc, 1)
    many, unable = _schedule(world, rc, 4)
    _page_few, queries = _page(world, few, django_assert_max_num_queries, 20)
    page, _queries = _page(world, many, django_assert_max_num_queries, queries)
    assert "已不能上报本次调度的任何任务" in page and all(p.name in page for p in unable)


def test_each_named_person_can_report_on_what_their_own_my_tasks_page_lists(world, rc):
    able, unable = _crowd(world, 1)
    people = [*able, *unable, *(world.user(key).person for key in ("leader", "office", "department", "village",
                                                                     "cadre", "discipline", "outsider"))]
    found = selectors.reportable_by(people=people, tasks=rc.tasks)
    ids = [t.pk for t in rc.tasks]
    for login in User.objects.unscoped("test").filter(person__in=people).select_related("person__unit"):
        own = reportable_tasks(actor=login).filter(pk__in=ids).values_list("pk", flat=True)
        assert found[login.person_id] == sorted(own), login.username
    assert any(found.values()) and not found[unable[-1].pk]


def test_people_named_beyond_one_statement_are_read_in_one_more(world, rc, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(selectors, "LOGINS_PER_QUERY", 2)
    able, _unable = _crowd(world, 1)  # four logins who can report: two statements
    with django_assert_max_num_queries(QUERIES + 1):
        found = selectors.reportable_by(people=able, tasks=rc.tasks)
    assert all(found[p.pk] for p in able)
