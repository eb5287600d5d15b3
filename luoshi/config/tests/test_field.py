"""外勤, the field app (luoshi/field.py): who opens it and what it lists, the service worker served from the
root, the manifest, the page that a phone shows for a page it has not kept."""

import pytest

from luoshi.org.testing import ROLES, client_for
from luoshi.people.tests.factories import household
from luoshi.progress.tests.factories import make_task

pytestmark = pytest.mark.django_db


def test_field_page_role_matrix(world):
    expected = {"anonymous": 302}
    got = {role: client_for(world, role).get("/field/").status_code for role in ROLES}
    assert got == {role: expected.get(role, 200) for role in ROLES}


def test_field_lists_the_users_own_tasks_and_households_with_the_refresh_time(world):
    task = make_task(world, title="路村人居环境整治")
    home = household(world)
    page = client_for(world, "cadre").get("/field/").content.decode()
    assert f'data-household="{home.pk}"' in page and "data-refreshed=" in page and "data-outbox" in page
    village = client_for(world, "village").get("/field/")
    assert f'data-task="{task.pk}"' in village.content.decode()
    assert village["Cache-Control"].startswith("max-age=0")
    outsider = client_for(world, "outsider").get("/field/").content.decode()
    assert f'data-task="{task.pk}"' not in outsider and f'data-household="{home.pk}"' not in outsider


def test_the_service_worker_and_the_manifest_are_served_from_the_root(client):
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/" and b"luoshi-u-" in worker.content
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == "/field/" and data["display"] == "standalone" and data["icons"]
    fallback = client.get("/field/offline/")
    assert fallback.status_code == 200 and "没有网络" in fallback.content.decode()


def test_every_page_names_its_user_for_the_service_worker(world):
    user = world.user("village")
    page = client_for(world, "village").get("/tasks/mine/").content.decode()
    assert f'<meta name="luoshi-user" content="{user.pk}">' in page and 'href="/field/"' in page
