"""Query counts of the issue-7 pages on generated data: at most 12 per page, and the same for a
task with many reports as for one with few."""

import datetime as dt

import pytest
from django.db.models import Count
from django.test import Client

from luoshi.generate.build import generate
from luoshi.org.models import User
from luoshi.org.services import token_create
from luoshi.plans.models import Plan, Task, TaskStatus

LIMIT = 12


@pytest.fixture
def data(db):
    generate(scale="tiny", seed=11, anchor=dt.date(2026, 9, 15), log=lambda _m: None)
    users = User.objects.unscoped("test personas").select_related("person__unit")
    village_user, office = users.get(username="t01.v01"), users.get(username="t01.office1")
    village = village_user.person.unit
    tasks = Task.objects.unscoped("test targets").filter(scope_path=village.path).annotate(n=Count("reports"))
    busiest = tasks.order_by("-n", "id").first()
    return {
        "village_user": village_user, "office": office, "village": village.pk,
        "plan": Plan.objects.unscoped("test").get(unit_id=village.parent_id).pk,
        "busiest": busiest,
        # the same kind of task (a recurring one reads its periods), with as few reports as there are
        "quietest": tasks.filter(n__gt=0, recurrence=busiest.recurrence).order_by("n", "id").first(),
        "signed": tasks.filter(status=TaskStatus.SIGNED).order_by("id").first(),
        # the page's costliest kind: periods, a deadline (extensions) and targets (values)
        "costliest": tasks.exclude(recurrence="").exclude(deadline=None).filter(indicators__isnull=False)
                          .order_by("-n", "id").first(),
        # a village's share of a split task: its page also says whether the whole task may be opened
        "part": tasks.exclude(parent=None).order_by("-n", "id").first(),
    }


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _api(user):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(actor=user, name='test')[1]}")


PAGES = [
    ("village", "/tasks/?unit={village}&overdue=1&sort=deadline&page_size=50"),
    ("office", "/tasks/?unit={village}&overdue=1&sort=deadline&page_size=50"),
    ("office", "/plans/{plan}/battle-map/"),
    ("office", "/plans/{plan}/"),
    ("office", "/ledgers/problems/"),
    ("village", "/tasks/mine/"),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_issue7_pages_stay_within_twelve_queries(data, who, url, django_assert_max_num_queries):
    client = _client(data["village_user"] if who == "village" else data["office"])
    client.get(url.format(**data))  # the first request of a session may write it
    with django_assert_max_num_queries(LIMIT):
        assert client.get(url.format(**data)).status_code == 200


def test_the_json_task_list_stays_within_twelve_queries(data, django_assert_max_num_queries):
    client = _api(data["village_user"])
    url = "/api/v1/tasks/?unit={village}&overdue=true&sort=deadline&page_size=50".format(**data)
    client.get(url)
    with django_assert_max_num_queries(LIMIT):
        assert client.get(url).status_code == 200


def test_the_task_page_costs_the_same_queries_for_many_reports_as_for_few(data, django_assert_num_queries,
                                                                         django_assert_max_num_queries):
    client = _client(data["village_user"])
    client.get(f"/tasks/{data['quietest'].pk}/")
    with django_assert_max_num_queries(100) as few:
        client.get(f"/tasks/{data['quietest'].pk}/")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(f"/tasks/{data['busiest'].pk}/")


@pytest.mark.parametrize("which", ["busiest", "costliest", "part"])
def test_the_task_page_stays_within_twelve_queries(data, which, django_assert_max_num_queries):
    client = _client(data["village_user"])
    assert data[which] is not None
    client.get(f"/tasks/{data[which].pk}/")
    with django_assert_max_num_queries(LIMIT):
        assert client.get(f"/tasks/{data[which].pk}/").status_code == 200


def test_a_report_submission_stays_within_twelve_queries(data, django_assert_max_num_queries):
    client = _api(data["village_user"])
    url = f"/api/v1/tasks/{data['signed'].pk}/reports/"
    client.post(url, {"text": "热身"})
    with django_assert_max_num_queries(LIMIT):
        assert client.post(url, {"text": "已组织人员入户走访。"}).status_code == 201
