"""Every roll-call and notification page as every persona (one line of status codes each),
the live board's HTMX fragment, the bulletin download and the API."""

import pytest

from luoshi.core.models import AuditAction, AuditEntry
from luoshi.dispatch import services
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org.testing import ROLES, client_for
from luoshi.progress.services import report_submit

MATRIX = {
    "/notifications/":                  [302, 200, 200, 200, 200, 200, 200, 200],
    "/notifications/unread/":           [302, 200, 200, 200, 200, 200, 200, 200],
    "/dispatch/":                       [302, 200, 200, 403, 403, 403, 403, 200],
    "/dispatch/new/":                   [302, 403, 200, 403, 403, 403, 403, 200],
    "/dispatch/{dispatch}/":            [302, 200, 200, 403, 403, 403, 403, 404],
    "/dispatch/rounds/{open}/":         [302, 200, 200, 403, 403, 403, 403, 404],
    "/dispatch/rounds/{closed}/":       [302, 200, 200, 403, 403, 403, 403, 404],
    "/dispatch/rounds/{closed}/bulletin/": [302, 200, 200, 403, 403, 403, 403, 404],
    "/dispatch/rounds/{open}/bulletin/":   [302, 404, 404, 403, 403, 403, 403, 404],
}
POSTS = {
    "/dispatch/{dispatch}/open/":       [302, 403, 302, 403, 403, 403, 403, 404],
    "/dispatch/rounds/{open}/close/":   [302, 403, 302, 403, 403, 403, 403, 404],
    "/dispatch/rounds/{closed}/bulletin/rewrite/": [302, 403, 302, 403, 403, 403, 403, 404],
}


@pytest.fixture
def ids(world, django_capture_on_commit_callbacks):
    rc = make_roll_call(world)
    office = world.user("office")
    closed = services.round_open(actor=office, dispatch=rc.dispatch)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(actor=office, round_=closed)
    open_ = services.round_open(actor=office, dispatch=rc.dispatch, day=closed.date.replace(day=1)
                                if closed.date.day != 1 else closed.date.replace(day=2))
    return {"dispatch": rc.dispatch.pk, "open": open_.pk, "closed": closed.pk, "rc": rc}


_client = client_for


@pytest.mark.parametrize("page", MATRIX)
def test_page_status_for_every_role(world, ids, page):
    url = page.format(**ids)
    assert [_client(world, role).get(url).status_code for role in ROLES] == MATRIX[page], url


@pytest.mark.parametrize("page", POSTS)
def test_post_status_for_every_role(world, ids, page):
    url = page.format(**ids)
    assert [_client(world, role).post(url).status_code for role in ROLES] == POSTS[page], url


def test_the_live_board_fragment_shows_who_reported_with_their_text(world, ids):
    rc = ids["rc"]
    report_submit(actor=rc.village, task=rc.tasks[0], text="入户排查完毕", difficulties="资金缺口")
    client = _client(world, "office")
    fragment = client.get(f"/dispatch/rounds/{ids['open']}/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'hx-trigger="every 10s"' in fragment
    assert "入户排查完毕" in fragment and "资金缺口" in fragment and 'data-reported="yes"' in fragment
    assert fragment.count('data-reported="no"') == 2


def test_the_bulletin_download_is_a_docx_and_is_audited(world, ids):
    response = _client(world, "office").get(f"/dispatch/rounds/{ids['closed']}/bulletin/")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert AuditEntry.objects.unscoped("test").filter(action=AuditAction.EXPORT, object_id=str(ids["closed"])).exists()


def test_the_office_creates_a_schedule_on_the_form(world, ids):
    rc = ids["rc"]
    client = _client(world, "office")
    response = client.post("/dispatch/new/", {
        "name": "周三调度", "unit": world.unit("township").pk, "weekdays": ["2"], "time": "09:00",
        "window_minutes": 60, "people": [rc.village.person_id], "tasks": [rc.tasks[0].pk]})
    assert response.status_code == 302
    assert "周三调度" in client.get(response.url).content.decode()
    assert client.post("/dispatch/new/", {"name": "", "weekdays": []}).status_code == 400


def test_notifications_list_open_and_read(world, ids):
    client = _client(world, "village")
    page = client.get("/notifications/").content.decode()
    assert "调度点名" in page and "未读" in page
    home = client.get("/").content.decode()
    assert "未读通知" in home
    from luoshi.notify.models import Notification

    notice = Notification.objects.unscoped("test").filter(recipient=world.user("village")).first()
    assert client.post(f"/notifications/{notice.pk}/open/").url == notice.link
    assert _client(world, "office").post(f"/notifications/{notice.pk}/open/").status_code == 404
    client.post("/notifications/read-all/")
    assert "未读通知" not in client.get("/").content.decode()


def test_the_api_lists_schedules_and_reads_a_round(world, ids):
    client = _client(world, "office")
    assert client.get("/api/v1/dispatches/").json()["count"] == 1
    data = client.get(f"/api/v1/dispatch-rounds/{ids['closed']}/").json()
    assert data["status"] == "closed" and data["expected_count"] == 3 and data["has_bulletin"]
    assert data["bulletin_number"] == f"〔{data['date'][:4]}〕1号"
    assert _client(world, "village").get(f"/api/v1/dispatch-rounds/{ids['closed']}/").status_code == 404
    notices = _client(world, "village").get("/api/v1/notifications/?unread=true").json()
    assert notices["unread"] >= 1 and notices["items"][0]["kind"] in ("roll_call", "urge", "task_deployed")
