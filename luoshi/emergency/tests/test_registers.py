"""The emergency registers on the engine: scope, personal data masked, import (all or nothing) and export,
the reconciliation 不漏一人 both ways, isolation check-ins with their missing days, a disinfection's photo,
and every number of an emergency's page equal to the list its link opens."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.emergency import selectors, services
from luoshi.emergency.models import Disinfection, Isolation, IsolationCheck, Returnee
from luoshi.emergency.tests.factories import DAY, ID, ID2, at, make_isolation, make_place, make_returnee, make_shift
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.org.testing import ROLES, client_for

pytestmark = pytest.mark.django_db


def book(path, rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_a_village_registers_its_own_returnees_the_office_sees_all(world, clock, emergency):
    ours = make_returnee(world, emergency)
    theirs = make_returnee(world, emergency, who="office", name="赵六", id_card="",
                           village=world.unit("other_village_same_township"))
    assert list(Returnee.objects.visible_to(world.user("village"))) == [ours]
    assert set(Returnee.objects.visible_to(world.user("office"))) == {ours, theirs}
    assert not Returnee.objects.visible_to(world.user("outsider")).exists()
    assert not Returnee.objects.visible_to(world.user("cadre")).exists()
    with pytest.raises(OutOfScope):
        make_returnee(world, emergency, name="x", village=world.unit("other_village_same_township"))
    with pytest.raises(ServiceError, match="不是“庙口村”的村民小组"):
        make_returnee(world, emergency, who="office", village=world.unit("other_village_same_township"),
                      group=world.unit("group"))
    grouped = make_returnee(world, emergency, name="钱七", id_card="", group=world.unit("group"))
    assert grouped.scope_path == world.unit("group").path
    with pytest.raises(NotAllowed):
        make_returnee(world, emergency, who="cadre")


def test_personal_data_is_masked_in_the_list_the_api_and_the_export(world, clock, emergency, client_as, tmp_path):
    row = make_returnee(world, emergency)
    client = client_as("office")
    item = client.get(f"/api/v1/returnees/{row.pk}/").json()
    assert (item["phone"], item["id_card"]) == ("139****5678", "370830********1234")
    page = client.get("/ledgers/returnees/?cols=name&cols=id_card&cols=phone").content.decode()
    assert ID not in page and "370830********1234" in page
    path = tmp_path / "export.xlsx"
    response = client.get("/ledgers/returnees/export.xlsx?cols=name&cols=id_card&cols=phone")
    path.write_bytes(b"".join(response.streaming_content))
    cells = [c for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for c in r]
    assert "370830********1234" in cells and ID not in cells and "13912345678" not in cells


def test_a_returnee_sheet_imports_all_rows_or_none(world, clock, emergency, tmp_path):
    path = book(tmp_path / "returnees.xlsx", [
        ["路村返乡人员登记表"], ["序号", "姓名", "身份证号码", "联系电话", "所在村", "返乡前所在地", "返乡时间", "报到日期"],
        [1, "张三", ID, "13912345678", "路村", "上海", "2026-02-07", "2026-02-08"],
        [2, "李四", "37083019900101002", "13700001111", "路村", "北京", "2026-02-08", ""]])
    village = world.user("village")
    outcome = import_ledger(actor=village, ledger=get_ledger("returnees"), path=path,
                            options={"emergency": emergency.pk})
    assert not Returnee.objects.visible_to(village).exists()
    assert [(e["row"], e["column"]) for e in outcome.errors] == [(4, "C")]
    book(path, [["姓名", "身份证号", "所属村", "从何地返回", "返乡日期"], ["张三", ID, "路村", "上海", "2026-02-07"],
                ["李四", ID2, "路村", "北京", "2026-02-08"]])
    outcome = import_ledger(actor=village, ledger=get_ledger("returnees"), path=path, options={"emergency": emergency.pk})
    assert not outcome.errors
    assert sorted(Returnee.objects.visible_to(village).values_list("name", "emergency_id")) == [
        ("张三", emergency.pk), ("李四", emergency.pk)]


def test_the_reconciliation_lists_the_differences_both_ways(world, clock, emergency, client_as, tmp_path):
    listed = make_returnee(world, emergency)
    unlisted = make_returnee(world, emergency, name="钱七", id_card="370830198807070011")
    path = book(tmp_path / "county.xlsx", [
        ["县下发返乡人员名单"], ["序号", "姓名", "公民身份号码", "所属村"],
        [1, "张三", ID.lower(), "路村"], [2, "孙八", "370830199202020022", "路村"], [3, "无号", "", "路村"],
        [4, "张三", ID, "路村"]])
    result = services.reconcile_upload(actor=world.user("village"), emergency=emergency, path=path)
    assert [(m[1].pk) for m in result.matched] == [listed.pk]
    assert [(r.name, r.row) for r in result.unregistered] == [("孙八", 4)]
    assert result.unlisted == [unlisted]
    assert [r.row for r in result.invalid] == [5] and [r.row for r in result.duplicates] == [6]
    with path.open("rb") as handle:
        page = client_as("village").post(f"/emergency/{emergency.pk}/reconcile/", {"file": handle})
    html = page.content.decode()
    assert page.status_code == 200 and 'data-unregistered>1<' in html and 'data-unlisted>1<' in html
    assert f'/ledgers/returnees/{unlisted.pk}/' in html and "370830********0022" in html
    assert "370830199202020022" not in html


def test_a_list_without_an_id_column_is_refused_on_the_form(world, clock, emergency, client_as, tmp_path):
    path = book(tmp_path / "bad.xlsx", [["姓名", "村"], ["张三", "路村"]])
    with path.open("rb") as handle:
        page = client_as("office").post(f"/emergency/{emergency.pk}/reconcile/", {"file": handle})
    assert page.status_code == 400


def test_an_isolation_is_checked_in_once_a_day_and_its_missing_days_are_shown(world, clock, emergency, client_as):
    watcher = world.user("cadre").person
    isolation = make_isolation(world, emergency, watcher, who="office")
    cadre = world.user("cadre")
    assert list(Isolation.objects.visible_to(cadre)) == [isolation]  # the watcher's own
    clock.set(at(DAY - dt.timedelta(days=2), 9))
    services.isolation_check_in(actor=cadre, isolation=isolation, temperature=Decimal("36.6"))
    clock.set(at(DAY, 9))
    card, _checks = selectors.isolation_get(actor=cadre, pk=isolation.pk)
    assert card.missing == [DAY - dt.timedelta(days=3), DAY - dt.timedelta(days=1)] and card.checked_today is None
    client = client_as("cadre")
    page = client.get("/emergency/isolations/check-in/").content.decode()
    assert f'data-check-normal="{isolation.pk}"' in page and 'data-missing="2"' in page
    response = client.post(f"/emergency/isolations/{isolation.pk}/check-in/", {"status": "normal"})
    assert response.status_code == 302
    assert IsolationCheck.objects.filter(isolation=isolation, day=DAY).count() == 1
    with pytest.raises(ServiceError, match="今天已经打过卡"):
        services.isolation_check_in(actor=cadre, isolation=isolation)
    with pytest.raises(ServiceError, match="34 至 43"):
        services.isolation_check_in(actor=cadre, isolation=isolation, temperature=Decimal("50"))
    clock.set(at(DAY + dt.timedelta(days=20), 9))
    with pytest.raises(ServiceError, match="不在隔离期内"):
        services.isolation_check_in(actor=cadre, isolation=isolation)
    assert client_as("outsider").get(f"/emergency/isolations/{isolation.pk}/").status_code == 404


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "JPEG")
    return out.getvalue()


def test_a_disinfection_is_recorded_from_a_phone_with_its_photo(world, clock, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    place = make_place(world, name="路村卫生室", kind="key_place")
    client = client_as("village")
    assert client.get("/emergency/disinfections/new/").status_code == 200
    response = client.post("/emergency/disinfections/new/", {
        "place": place.pk, "done_by": "王医生", "area": "候诊区", "agent": "84消毒液 1:100 喷洒",
        "photo": SimpleUploadedFile("a.jpg", _jpeg(), content_type="image/jpeg")})
    assert response.status_code == 302
    row = Disinfection.objects.visible_to(world.user("village")).get()
    assert row.photo and row.photo_mime == "image/jpeg" and row.done_at == clock.now
    assert client.get(f"/emergency/disinfections/{row.pk}/photo/").status_code == 200
    assert client_as("outsider").get(f"/emergency/disinfections/{row.pk}/photo/").status_code == 404
    refused = client.post("/emergency/disinfections/new/", {
        "place": place.pk, "done_by": "王医生", "agent": "84", "photo": SimpleUploadedFile("a.jpg", b"not a photo")})
    assert refused.status_code == 400


def test_a_paper_disinfection_log_imports_with_its_day_and_time(world, clock, tmp_path):
    import openpyxl

    from luoshi.exchange.importing import import_ledger
    from luoshi.ledgers.registry import get_ledger

    make_place(world, name="路村卫生室", kind="key_place")
    path = tmp_path / "log.xlsx"
    workbook = openpyxl.Workbook()
    for row in (["路村卫生室消杀记录表"], ["序号", "消杀日期", "时间", "消杀区域", "使用药品", "消杀人", "地点"],
                [1, "2026-02-09", "8:30", "候诊区", "84消毒液 1:100 喷洒", "王医生", "路村卫生室"],
                [2, "2026年2月9日", "下午3时", "公共卫生间", "75%酒精擦拭", "王医生", "路村卫生室"],
                [3, dt.datetime(2026, 2, 10, 9, 15), None, "门把手", "84消毒液 擦拭", "李护士", "路村卫生室"]):
        workbook.active.append(row)
    workbook.save(path)
    ledger = get_ledger("disinfections")
    outcome = import_ledger(actor=world.user("village"), ledger=ledger, path=path)
    assert not outcome.errors, outcome.errors
    rows = Disinfection.objects.visible_to(world.user("village")).order_by("done_at")
    assert [(r.done_at.astimezone(clock.now.tzinfo).strftime("%m-%d %H:%M"), r.area) for r in rows] == [
        ("02-09 08:30", "候诊区"), ("02-09 15:00", "公共卫生间"), ("02-10 09:15", "门把手")]
    assert not any(r.photo for r in rows)
    workbook.active.append([4, "2026-02-11", None, "货架", "84", "王医生", "路村卫生室"])
    workbook.save(path)
    refused = import_ledger(actor=world.user("village"), ledger=ledger, path=path)
    assert [e["reason"] for e in refused.errors] == ["请填写消杀的具体时间（如 8:30）"]


def test_every_number_of_the_emergency_page_is_the_count_of_its_list(world, clock, emergency, client_as):
    make_returnee(world, emergency, reported_on=DAY)
    make_returnee(world, emergency, name="钱七", id_card="")
    make_returnee(world, emergency, who="office", name="赵六", id_card="",
                  village=world.unit("other_village_same_township"))
    make_isolation(world, emergency, world.user("village").person)
    place = make_place(world)
    for hour in (8, 12, 16):
        make_shift(world, emergency, place, world.user("village").person, starts=dt.time(hour),
                   ends=dt.time(hour + 4))
    clock.set(at(DAY, 16, 30))
    from luoshi.emergency.duty import shifts_refresh

    shifts_refresh()
    for who in ("office", "village"):
        client = client_as(who)
        numbers = selectors.emergency_numbers(actor=world.user(who), emergency=emergency)
        for number in numbers:
            listed = client.get(number.url).context["listing"].total
            assert listed == number.value, (who, number.key)
        assert client.get(f"/emergency/{emergency.pk}/").status_code == 200
    counts = {n.key: n.value for n in selectors.emergency_numbers(actor=world.user("office"), emergency=emergency)}
    assert counts == {"returnees": 3, "unreported": 2, "isolating": 1, "shifts_today": 3, "yellow": 1, "missed": 2}


PAGES = {  # GET → status for ROLES: anonymous, leader, office, department, village, cadre, discipline, outsider
    "/emergency/": [302, 200, 200, 200, 200, 200, 200, 200],
    "/emergency/{e}/": [302, 200, 200, 200, 200, 404, 200, 404],
    "/emergency/{e}/reconcile/": [302, 200, 200, 200, 200, 403, 200, 404],
    "/emergency/duty/": [302, 200, 200, 200, 200, 200, 200, 200],
    "/emergency/isolations/check-in/": [302, 200, 200, 200, 200, 200, 200, 200],
    "/emergency/disinfections/new/": [302, 403, 200, 403, 200, 403, 403, 200],
    "/ledgers/returnees/": [302, 200, 200, 200, 200, 403, 200, 200],
    "/ledgers/shifts/": [302, 200, 200, 200, 200, 200, 200, 200],
}


@pytest.mark.parametrize("page", PAGES)
def test_status_of_the_pages_for_every_role(world, clock, emergency, page):
    url = page.format(e=emergency.pk)
    assert [client_for(world, role).get(url).status_code for role in ROLES] == PAGES[page], url
