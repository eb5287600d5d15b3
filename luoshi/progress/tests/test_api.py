"""/api/v1/tasks/{id}/reports/ and /api/v1/attachments/{id}/ with the pages' scope and rules."""

import json

import pytest
from django.test import Client

from luoshi.org import services as org
from luoshi.progress import services
from luoshi.progress.models import Attachment, ProgressReport
from luoshi.progress.tests.factories import make_plan, make_task, photo

ROLES = ["anonymous", "leader", "office", "department", "village", "cadre", "discipline", "outsider"]


def _headers(world, persona, **extra):
    if persona == "anonymous":
        return extra
    _token, raw = org.token_create(actor=world.user(persona), name="测试")
    return {"Authorization": f"Bearer {raw}", **extra}


@pytest.fixture
def task(world):
    return make_task(world)


def test_report_list_role_matrix(world, task):
    services.report_submit(actor=world.user("village"), task=task, text="一", files=[photo()])
    got = [Client().get(f"/api/v1/tasks/{task.pk}/reports/", headers=_headers(world, r)).status_code for r in ROLES]
    assert got == [401, 200, 200, 404, 200, 404, 200, 404]


def test_report_list_answers_items_and_count(world, task):
    for n in range(3):
        services.report_submit(actor=world.user("village"), task=task, text=f"第{n}次", difficulties="缺钱\n缺人")
    body = Client().get(f"/api/v1/tasks/{task.pk}/reports/?page_size=2", headers=_headers(world, "leader")).json()
    assert body["count"] == 3 and len(body["items"]) == 2 and body["items"][0]["difficulties"] == ["缺钱", "缺人"]


def test_posting_with_the_same_idempotency_key_creates_one_report(world, task):
    headers = _headers(world, "village", **{"Idempotency-Key": "phone-42"})
    codes = []
    for _ in range(3):
        response = Client().post(f"/api/v1/tasks/{task.pk}/reports/", {
            "text": "API 上报", "percent": "55", "files": [photo(), photo("b.jpg")]}, headers=headers)
        codes.append(response.status_code)
    assert codes == [201, 200, 200]
    body = response.json()
    assert body["percent"] == 55 and len(body["attachments"]) == 2
    assert ProgressReport.objects.unscoped("counting").count() == 1
    assert Attachment.objects.unscoped("counting").count() == 2


def test_posting_reports_by_role(world, task):
    got = [Client().post(f"/api/v1/tasks/{task.pk}/reports/", {"text": "x"}, headers=_headers(world, r)).status_code
           for r in ROLES]
    assert got == [401, 403, 201, 404, 201, 404, 403, 404]


def test_bad_input_answers_400_in_chinese(world, task):
    headers = _headers(world, "village")
    bad_file = Client().post(f"/api/v1/tasks/{task.pk}/reports/", {"text": "x", "files": [
        photo()] + [_fake()]}, headers=headers)
    assert bad_file.status_code == 400 and "不是照片" in bad_file.json()["detail"]
    bad_values = Client().post(f"/api/v1/tasks/{task.pk}/reports/", {"text": "x", "values": "[1"}, headers=headers)
    assert bad_values.status_code == 400 and bad_values.json()["errors"][0]["field"] == "values"
    assert not ProgressReport.objects.unscoped("counting").exists()


def _fake():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("x.jpg", b"<html></html>", content_type="image/jpeg")


def test_attachment_download_is_scoped(world, task):
    report = services.report_submit(actor=world.user("village"), task=task, text="x", files=[photo()])
    attachment = Attachment.objects.visible_to(world.user("village")).get(owner_id=report.pk)
    got = [Client().get(f"/api/v1/attachments/{attachment.pk}/", headers=_headers(world, r)) for r in ROLES]
    assert [r.status_code for r in got] == [401, 200, 200, 404, 200, 404, 200, 404]
    assert got[1]["X-Content-Type-Options"] == "nosniff" and got[1]["Content-Disposition"].startswith("attachment")
    assert json.loads(got[3].content)["detail"]


def test_indicator_values_are_posted_as_json(world):
    from decimal import Decimal

    from luoshi.plans import services as plans
    from luoshi.plans.models import Indicator

    plan = make_plan(world)
    indicator = plans.indicator_create(actor=world.user("office"), plan=plan, name="改厕", measure="户",
                                       unit=world.unit("village"), target=Decimal(50))
    task = make_task(world, plan, indicators=[indicator])
    response = Client().post(f"/api/v1/tasks/{task.pk}/reports/", {"text": "改厕", "values": json.dumps(
        {str(indicator.pk): "12.5"})}, headers=_headers(world, "village"))
    assert response.status_code == 201 and response.json()["values"][0]["value"] == "12.50"
    assert Indicator.objects.unscoped("reading back").get(pk=indicator.pk).actual == Decimal("12.5")
