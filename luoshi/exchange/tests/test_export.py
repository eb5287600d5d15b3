"""Exports show what the list shows (numbered, filterable), are audited, escape formulas; templates carry
dropdowns."""

import io

import openpyxl
import pytest

from luoshi.core.models import AuditAction, AuditEntry
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.testing import PROBLEM_HEADER, problem_row, workbook
from luoshi.supervision import services
from luoshi.supervision.models import Problem


def _sheet(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]


def test_an_export_has_title_header_rows_and_the_exporter_in_the_footer(world, client_as):
    services.problem_create(actor=world.user("village"), description="=HYPERLINK(\"http://x\")", lead_unit=world.unit(
        "village"), deadline_text="6月底前")
    services.problem_create(actor=world.admin, description="外镇看不到的", lead_unit=world.unit("other_village"))
    sheet = _sheet(client_as("village").get("/ledgers/problems/export.xlsx"))
    assert sheet["A1"].value.startswith("问题整改台账")
    assert [c.value for c in sheet[2]][:4] == ["序号", "问题类别", "问题描述", "整改措施"]
    assert sheet["A3"].value == 1 and sheet.auto_filter.ref.startswith("A2:") and sheet.freeze_panes == "A3"
    assert sheet["C3"].value == "'=HYPERLINK(\"http://x\")" and sheet["C3"].data_type == "s"
    texts = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert "外镇看不到的" not in texts and any(str(t).startswith("导出人：village之人") for t in texts)
    assert sheet.column_dimensions["C"].width >= 12
    entry = AuditEntry.objects.unscoped("test").get(action=AuditAction.EXPORT)
    assert "1 条" in entry.message and entry.object_type == "supervision.problem"


def test_the_export_applies_the_lists_filters(world, client_as):
    services.problem_create(actor=world.user("office"), description="甲", lead_unit=world.unit("village"),
                            source="enterprise")
    services.problem_create(actor=world.user("office"), description="乙", lead_unit=world.unit("village"))
    sheet = _sheet(client_as("office").get("/ledgers/problems/export.xlsx?source=enterprise"))
    values = [c.value for c in sheet["C"]]
    assert "甲" in values and "乙" not in values


def test_a_large_export_runs_as_a_job_with_a_status_row(world, client_as, django_capture_on_commit_callbacks,
                                                        monkeypatch):
    from luoshi.core.models import JobRun, JobStatus
    from luoshi.ledgers import services as ledger_services

    monkeypatch.setattr(ledger_services, "EXPORT_SYNC_LIMIT", 1)
    for text in ("甲", "乙"):
        services.problem_create(actor=world.user("office"), description=text, lead_unit=world.unit("village"))
    client = client_as("office")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/ledgers/problems/export.xlsx")
    job = JobRun.objects.unscoped("test").get(name="exchange.export")
    assert response.url == f"/ledgers/jobs/{job.pk}/" and job.status == JobStatus.DONE and job.row_count == 2
    assert "下载文件" in client.get(response.url).content.decode()
    assert _sheet(client.get(f"/ledgers/jobs/{job.pk}/download/"))["A1"].value.startswith("问题整改台账")
    assert client_as("village").get(f"/ledgers/jobs/{job.pk}/").status_code == 404


def test_import_export_import_round_trips(world, client_as, tmp_path):
    rows = [problem_row(1, status="已交办"), problem_row(2, deadline="每月", co_units="第一村民小组"), problem_row(3)]
    import_ledger(actor=world.user("village"), ledger=get_ledger("problems"),
                  path=workbook(tmp_path / "a.xlsx", PROBLEM_HEADER, rows))
    first = list(Problem.objects.unscoped("test").order_by("id").values("description", "status", "deadline",
                                                                          "deadline_text", "recurrence"))
    exported = tmp_path / "b.xlsx"
    content = client_as("village").get("/ledgers/problems/export.xlsx?sort=title")
    exported.write_bytes(b"".join(content.streaming_content))
    Problem.objects.unscoped("test").delete()
    outcome = import_ledger(actor=world.user("village"), ledger=get_ledger("problems"), path=exported)
    assert outcome.errors == [] and outcome.created == 3
    again = list(Problem.objects.unscoped("test").order_by("description").values(
        "description", "status", "deadline", "deadline_text", "recurrence"))
    assert sorted(first, key=lambda r: r["description"]) == again


def test_the_template_opens_with_dropdowns_for_choices_and_the_users_units(world, client_as):
    response = client_as("village").get("/ledgers/problems/template.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["问题整改台账", "选项", "填表说明"] and book["选项"].sheet_state == "hidden"
    sheet = book["问题整改台账"]
    header = [c.value for c in sheet[2]]
    assert header[:3] == ["序号", "问题类别", "问题描述"]
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    status_col = openpyxl.utils.get_column_letter(header.index("整改状态") + 1)
    unit_col = openpyxl.utils.get_column_letter(header.index("牵头单位") + 1)
    assert f"{status_col}3" in validations and f"{unit_col}3" in validations
    options = [c.value for c in book["选项"][openpyxl.utils.get_column_letter(header.index("牵头单位"))]]
    assert "路村" in options and "庙口村" not in options
    assert "填写说明" in [c.value for c in book["填表说明"][1]]


def test_a_filled_template_imports_without_mapping(world, client_as, tmp_path):
    response = client_as("village").get("/ledgers/problems/template.xlsx")
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    book = openpyxl.load_workbook(path)
    sheet = book["问题整改台账"]
    header = [c.value for c in sheet[2]]
    values = {"问题描述": "河道有垃圾", "牵头单位": "路村", "完成时限": "2024-06-30", "整改状态": "整改中"}
    for name, value in values.items():
        sheet.cell(row=3, column=header.index(name) + 1, value=value)
    book.save(path)
    outcome = import_ledger(actor=world.user("village"), ledger=get_ledger("problems"), path=path)
    assert outcome.errors == [] and outcome.created == 1


@pytest.mark.django_db
def test_the_cli_prints_the_contract_json_and_saves_only_without_dry_run(world, tmp_path, capsys):
    import json

    from luoshi.cli import main

    path = workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, [problem_row(1), problem_row(2, "柳林村")])
    assert main(["import", "problems", str(path), "--dry-run", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert [r["row"] for r in body["rows"]] == [3, 4] and body["rows"][0]["lead_unit"] == "路村"
    assert main(["import", "problems", str(path), "--json", "--user", "village"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["errors"][0]["row"] == 4 and body["errors"][0]["column"] == "F"
    assert not Problem.objects.unscoped("test").exists()
    good = workbook(tmp_path / "q.xlsx", PROBLEM_HEADER, [problem_row(1)])
    assert main(["import", "problems", str(good), "--user", "village"]) == 0
    assert "导入成功：共导入 1 条数据" in capsys.readouterr().out
    assert Problem.objects.unscoped("test").count() == 1
    assert main(["import", "nope", str(good)]) == 2
