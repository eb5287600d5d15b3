"""Every ledger page as every persona (one line of status codes each), the import page flow,
and no 5xx on garbage."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi.exchange.models import ColumnMapping
from luoshi.ledgers.testing import PROBLEM_HEADER, problem_row, workbook
from luoshi.org.testing import ROLES, client_for
from luoshi.plans.tests.factories import township_plan as make_plan
from luoshi.supervision import services
from luoshi.supervision.models import Problem

MATRIX = {
    "/ledgers/":                              [302, 200, 200, 200, 200, 200, 200, 200],
    "/ledgers/problems/":                     [302, 200, 200, 200, 200, 200, 200, 200],
    "/ledgers/problems/new/":                 [302, 403, 200, 200, 200, 403, 403, 200],
    # a record with a page of its own is shown there: the engine's detail leads to it
    "/ledgers/problems/{problem}/":           [302, 301, 301, 404, 301, 404, 301, 404],
    "/ledgers/problems/{problem}/edit/":      [302, 403, 200, 404, 200, 403, 403, 404],
    "/ledgers/problems/import/":              [302, 403, 200, 200, 200, 403, 403, 200],
    "/ledgers/problems/export.xlsx":          [302, 200, 200, 200, 200, 200, 200, 200],
    "/ledgers/problems/template.xlsx":        [302, 403, 200, 200, 200, 403, 403, 200],
    "/ledgers/tasks/":                        [302, 301, 301, 301, 301, 301, 301, 301],  # the one list: /tasks/
    "/tasks/":                                [302, 200, 200, 200, 200, 200, 200, 200],
    "/ledgers/tasks/new/":                    [302, 403, 200, 403, 403, 403, 403, 200],
    "/ledgers/tasks/{task}/":                 [302, 301, 301, 301, 404, 404, 301, 404],
    "/ledgers/tasks/{task}/edit/":            [302, 403, 200, 403, 403, 403, 403, 404],
    "/ledgers/tasks/import/":                 [302, 403, 200, 403, 403, 403, 403, 200],
    "/ledgers/tasks/export.xlsx":             [302, 200, 200, 200, 200, 200, 200, 200],
    "/ledgers/tasks/template.xlsx":           [302, 403, 200, 403, 403, 403, 403, 200],
    "/ledgers/nope/":                         [302, 404, 404, 404, 404, 404, 404, 404],
}


@pytest.fixture
def ids(world):
    from luoshi.plans.services import task_create

    problem = services.problem_create(actor=world.user("village"), description="村口垃圾堆放",
                                      lead_unit=world.unit("village"))
    task = task_create(actor=world.admin, plan=make_plan(world), title="招商引资", lead_unit=world.unit("department"))
    return {"problem": problem.pk, "task": task.pk}


_client = client_for


@pytest.mark.parametrize("page", MATRIX)
def test_ledger_page_status_for_every_role(world, ids, page):
    url = page.format(**ids)
    got = [_client(world, role).get(url).status_code for role in ROLES]
    assert got == MATRIX[page], url


def test_the_list_searches_filters_sorts_and_counts(world, ids, client_as):
    client = client_as("office")
    services.problem_create(actor=world.user("office"), description="企业用工难", lead_unit=world.unit("department"),
                            source="enterprise")
    text = client.get("/ledgers/problems/?source=enterprise&sort=-deadline").content.decode()
    assert "企业用工难" in text and "村口垃圾堆放" not in text and "共 1 条" in text
    assert "共 1 条" in client.get("/ledgers/problems/?q=垃圾").content.decode()
    text = client.get(f"/ledgers/problems/?lead_unit={world.unit('village').pk}").content.decode()
    assert "村口垃圾堆放" in text and "企业用工难" not in text


def test_a_chosen_column_set_is_remembered_and_masks_personal_data(world, ids, client_as):
    from luoshi.org.services import person_create

    owner = person_create(actor=world.admin, unit=world.unit("village"), name="李四", phone="13912345678")
    problem = Problem.objects.unscoped("test").get(pk=ids["problem"])
    services.problem_update(actor=world.user("office"), problem=problem, version=1, owner=owner)
    client = client_as("office")
    text = client.get("/ledgers/problems/?cols=title&cols=owner__phone").content.decode()
    assert "139****5678" in text and "13912345678" not in text
    assert "139****5678" in client.get("/ledgers/problems/").content.decode()  # remembered in the session


def test_a_stale_edit_is_answered_409_and_saves_nothing(world, ids, client_as):
    client = client_as("village")
    url = f"/ledgers/problems/{ids['problem']}/edit/"
    data = {"description": "新的描述", "lead_unit": world.unit("village").pk, "source": "survey", "version": 1}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"description": "又一次"})
    assert response.status_code == 409 and "已被他人修改" in response.content.decode()


def test_bulk_delete_removes_only_what_the_office_may_delete(world, ids, client_as):
    response = client_as("office").post("/ledgers/problems/bulk/", {"action": "delete", "ids": [ids["problem"]]})
    assert response.status_code == 302 and not Problem.objects.unscoped("test").exists()


def test_bulk_export_of_selected_rows_is_a_workbook(world, ids, client_as):
    response = client_as("office").post("/ledgers/problems/bulk/", {"action": "export", "ids": [ids["problem"]]})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def _upload(client, path, url="/ledgers/problems/import/", **extra):
    with open(path, "rb") as handle:
        return client.post(url, {"file": SimpleUploadedFile("台账.xlsx", handle.read())} | extra)


def test_the_import_page_previews_maps_and_commits(world, client_as, tmp_path):
    client = client_as("village")
    header = list(PROBLEM_HEADER)
    header[2] = "问题内容说明文字"  # not a known wording: the user maps it
    path = workbook(tmp_path / "p.xlsx", header, [problem_row(1), problem_row(2)])
    response = _upload(client, path)
    assert response.status_code == 302
    preview = client.get(response.url)
    assert "表格中没有找到“问题描述”列" in preview.content.decode() or "问题描述" in preview.content.decode()
    mapped = client.post(response.url, {"action": "map", "map_problem": "C"})
    page = client.get(mapped.url).content.decode()
    assert "检查通过：共 2 条数据" in page
    done = client.post(response.url, {"action": "commit"})
    assert done.status_code == 302 and Problem.objects.unscoped("test").count() == 2
    assert ColumnMapping.objects.unscoped("test").get().mapping["problem"] == "C"
    again = _upload(client, path)  # the same layout: the mapping is offered again
    assert "检查通过" in client.get(again.url).content.decode()


def test_a_bad_file_commits_nothing_and_offers_the_marked_workbook(world, client_as, tmp_path):
    import io

    import openpyxl

    client = client_as("village")
    path = workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, [problem_row(1), problem_row(2, "柳林村")])
    url = _upload(client, path).url
    page = client.post(url, {"action": "commit"})
    assert page.status_code == 400 and "很抱歉，导入失败！共 1 条数据格式不正确" in page.content.decode()
    assert not Problem.objects.unscoped("test").exists()
    marked = client.get(url + "errors.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(marked.content))["台账"]
    assert sheet["F4"].fill.fgColor.rgb == "FFFFC7CE" and "不在您的数据权限范围内" in sheet["L4"].value


def test_a_hostile_file_is_refused_quickly_with_a_clear_message(world, client_as, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"<html><table><tr><td>1</td></tr></table></html>")
    response = _upload(client_as("office"), path)
    assert response.status_code == 400 and "网页（HTML）格式" in response.content.decode()


def test_someone_elses_import_is_not_found(world, client_as, tmp_path):
    path = workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, [problem_row(1)])
    url = _upload(client_as("village"), path).url
    assert client_as("office").get(url).status_code == 404


def test_the_tasks_import_page_asks_for_a_plan(world, client_as, tmp_path):
    from luoshi.ledgers.testing import TASK_HEADER, task_row

    plan = make_plan(world)
    client = client_as("office")
    path = workbook(tmp_path / "t.xlsx", TASK_HEADER, [task_row(1)])
    assert _upload(client, path, "/ledgers/tasks/import/").status_code == 400
    response = _upload(client, path, "/ledgers/tasks/import/", plan=plan.pk)
    assert client.post(response.url, {"action": "commit"}).status_code == 302


GARBAGE = "?page=abc&page_size=-5&q=%27%3B--&sort=zz&status=nope&source=x&lead_unit=abc&plan=-1&cols=zz&bad=x"


@pytest.mark.parametrize("role", ROLES)
def test_no_ledger_page_answers_5xx_to_garbage(world, ids, role):
    client = _client(world, role)
    for page in MATRIX:
        url = page.format(**ids)
        for response in (client.get(url + GARBAGE), client.post(url, {"description": "x" * 6000, "lead_unit": "x",
                                                                     "version": "x", "ids": ["1", "x"]})):
            assert response.status_code < 500, (role, url, response.status_code)
