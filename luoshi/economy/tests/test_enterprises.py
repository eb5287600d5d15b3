"""The enterprises register on the engine: every door (page, import, export, API) from one
declaration — scope, masking, audit, round-trip and two township layouts of the workbook."""

import openpyxl
import pytest

from luoshi.core.errors import NotAllowed, OutOfScope
from luoshi.core.models import AuditEntry
from luoshi.economy.models import Enterprise, EnterpriseStatus
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.testing import workbook

pytestmark = pytest.mark.django_db
LEDGER = "enterprises"


def make_enterprise(world, who: str = "office", unit: str = "village", **fields) -> Enterprise:
    values = {"name": "青东智能科技有限公司", "unit": world.unit(unit), "phone": "13812345678",
              "liaison": world.user("cadre").person, "status": EnterpriseStatus.RESUMED} | fields
    return get_ledger(LEDGER).create(actor=world.user(who), **values)


def test_a_village_sees_its_own_enterprises_and_an_outsider_none(world):
    ours = make_enterprise(world)
    make_enterprise(world, unit="other_village_same_township", name="兴诺工贸", liaison=None)
    assert list(Enterprise.objects.visible_to(world.user("village"))) == [ours]
    assert list(Enterprise.objects.visible_to(world.user("cadre"))) == [ours]  # the liaison's own
    assert not Enterprise.objects.visible_to(world.user("outsider")).exists()
    with pytest.raises(NotAllowed):
        make_enterprise(world, who="village")
    with pytest.raises(OutOfScope):
        make_enterprise(world, who="outsider")


def test_an_edit_is_versioned_audited_and_an_unchanged_save_writes_nothing(world):
    ledger, office = get_ledger(LEDGER), world.user("office")
    firm = make_enterprise(world)
    ledger.update(actor=office, enterprise=firm, version=1, name=firm.name, status=firm.status)
    assert Enterprise.objects.unscoped("t").get(pk=firm.pk).version == 1
    ledger.update(actor=office, enterprise=firm, version=1, status=EnterpriseStatus.FULL)
    assert Enterprise.objects.unscoped("t").get(pk=firm.pk).version == 2
    assert AuditEntry.objects.unscoped("t").filter(object_type="economy.enterprise").count() == 2


@pytest.mark.parametrize("header", [
    ["序号", "企业名称", "所属行业", "是否规上", "所在村", "企业负责人", "联系电话", "复工情况", "从业人数"],
    ["序号", "单位名称", "行业类别", "规模以上", "所属村居", "联系人", "联系方式", "经营状态", "职工人数"],
])
def test_two_township_layouts_import_and_a_bad_row_saves_nothing(world, tmp_path, header):
    rows = [[1, "济宁爱丝制衣有限公司", "纺织服装", "是", "路村", "王经理", "13912345678", "复工", 120],
            [2, "汶上翼翔服饰有限公司", "纺织服装", "否", "路村", "李经理", "", "达产", 80]]
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger(LEDGER),
                            path=workbook(tmp_path / "e.xlsx", header, rows, title="××镇企业台账"))
    assert outcome.errors == [] and outcome.created == 2
    firm = Enterprise.objects.unscoped("t").get(name="济宁爱丝制衣有限公司")
    assert (firm.above_scale, firm.status, firm.employees, firm.scope_path) == (
        True, EnterpriseStatus.RESUMED, 120, world.unit("village").path)
    bad = import_ledger(actor=world.user("office"), ledger=get_ledger(LEDGER),
                        path=workbook(tmp_path / "b.xlsx", header, [rows[0], [3, "某公司", "", "", "不存在村"]]))
    assert bad.errors and bad.errors[0]["row"] == 4 and Enterprise.objects.unscoped("t").count() == 2


def test_the_export_masks_the_phone_and_the_api_lists_once(world, client_as, tmp_path):
    make_enterprise(world)
    client = client_as("leader")
    sheet = openpyxl.load_workbook(_saved(client.get("/ledgers/enterprises/export.xlsx"), tmp_path)).active
    assert "138****5678" in [c for row in sheet.iter_rows(values_only=True) for c in row]
    api = client.get("/api/v1/enterprises/").json()
    assert api["count"] == 1 and api["items"][0]["phone"] == "138****5678"
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert sum(1 for p in paths if p.rstrip("/").endswith("enterprises")) == 1  # listed once


def _saved(response, tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    return path
