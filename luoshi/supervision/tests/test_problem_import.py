"""An import never jumps a checker: a 问题整改台账 row that says 已销号 (or 申请销号) comes in as 申请销号
by the importer, awaiting 核验销号 by someone else, when it carries evidence; without evidence it is
refused on its own row (row, column, reason) and nothing is saved. No import sets closed_by/closed_at."""

import json

import pytest

from luoshi.cli import main
from luoshi.core.errors import ServiceError
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.testing import workbook
from luoshi.supervision import services
from luoshi.supervision.models import Problem, ProblemStatus

pytestmark = pytest.mark.django_db
HEADER = ["序号", "问题类别", "存在问题", "整改措施", "责任单位", "整改时限", "整改状态", "佐证材料"]  # G: status


def _row(n: int, status: str, evidence: str | None = None) -> list:
    return [n, "人居环境", f"第{n}处垃圾堆放点未清理", "限期清理", "路村", "2024年6月底", status, evidence]


def _import(world, tmp_path, rows, who: str = "office"):
    path = workbook(tmp_path / "p.xlsx", HEADER, rows)
    return import_ledger(actor=world.user(who), ledger=get_ledger("problems"), path=path)


def _problems():
    return Problem.objects.unscoped("test").order_by("id")


@pytest.mark.parametrize("status", ["已销号", "整改到位", "申请销号"])
def test_a_row_claiming_a_close_with_evidence_awaits_a_checker(world, tmp_path, status):
    outcome = _import(world, tmp_path, [_row(1, status, "已清运垃圾，附清理前后照片"), _row(2, "整改中")])
    assert outcome.errors == [] and outcome.created == 2
    done, open_ = _problems()
    assert (done.status, open_.status) == (ProblemStatus.CLOSING, ProblemStatus.RECTIFYING)
    assert done.closing_requested_by == world.user("office") and done.closing_requested_at
    assert done.closed_by is None and done.closed_at is None and done.evidence == "已清运垃圾，附清理前后照片"


def test_the_importer_cannot_verify_what_they_imported_but_someone_else_can(world, tmp_path):
    _import(world, tmp_path, [_row(1, "已销号", "已清理")])
    problem = _problems().get()
    with pytest.raises(ServiceError, match="申请人以外"):
        services.problem_close(actor=world.user("office"), problem=problem)
    closed = services.problem_close(actor=world.user("leader"), problem=problem)
    assert closed.status == ProblemStatus.CLOSED and closed.closed_by == world.user("leader")


@pytest.mark.parametrize("status", ["已销号", "申请销号"])
def test_a_row_claiming_a_close_without_evidence_is_refused_on_its_row_and_nothing_is_saved(world, tmp_path, status):
    outcome = _import(world, tmp_path, [_row(1, "整改中"), _row(2, status), _row(3, status, "  ")])
    assert outcome.created == 0 and not _problems().exists()
    assert [(e["sheet"], e["row"], e["column"]) for e in outcome.errors] == [("台账", 4, "G"), ("台账", 5, "G")]
    reason = outcome.errors[0]["reason"]
    assert f"“{ProblemStatus.CLOSING.label if status == '申请销号' else ProblemStatus.CLOSED.label}”" in reason
    assert "佐证材料" in reason and "核验" in reason


def test_the_cli_reports_the_refused_row_in_the_contract_json(world, tmp_path, capsys):
    path = workbook(tmp_path / "p.xlsx", HEADER, [_row(1, "已销号")])
    assert main(["import", "problems", str(path), "--json", "--user", "office"]) == 1
    (error,) = json.loads(capsys.readouterr().out)["errors"]
    assert (error["row"], error["column"]) == (3, "G") and "佐证材料" in error["reason"]
    assert not _problems().exists()


def test_no_import_sets_who_closed_it(world, tmp_path):
    _import(world, tmp_path, [_row(n, "已销号", "已整改") for n in range(1, 4)])
    assert _problems().count() == 3
    assert not _problems().filter(status=ProblemStatus.CLOSED).exists()
    assert not _problems().filter(closed_by__isnull=False).exists()
    assert not _problems().filter(closed_at__isnull=False).exists()


def test_the_form_and_the_api_obey_the_same_rule(world, client_as):
    with pytest.raises(ServiceError, match="佐证材料"):
        services.problem_create(actor=world.user("office"), description="路灯不亮", lead_unit=world.unit("village"),
                                status=ProblemStatus.CLOSED)
    response = client_as("office").post("/api/v1/problems/", {
        "description": "路灯不亮", "lead_unit": world.unit("village").pk, "source": "public", "status": "closed",
        "evidence": "已更换灯泡"},
        content_type="application/json")
    assert response.status_code == 201, response.content
    problem = _problems().get()
    assert problem.status == ProblemStatus.CLOSING and problem.closed_by is None
