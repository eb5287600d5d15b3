"""Personal data, every register × every role × every channel (issue 15): for each registered ledger
with personal columns — read from the registry, so a register merged later is covered — one record
holding an ID-card number and a phone (`personal.sample`), and for each persona:

- the list page, its HTMX partial, the record's page and its edit form, the API's list and item, and
  the export never carry a full number;
- a search by the whole number finds the record exactly when the persona sees it, and never echoes
  the number (not in the box, the links, the export link or the address HTMX pushes);
- the export with the full numbers answers only a role the ledger's personal-data policy allows
  (403 otherwise), and is audited with its row count;
- a reveal of one field answers only a role allowed to reveal that sees the record (403 without the
  right, 404 outside the scope), needs a reason (400), and is audited with who, which record, which
  field and why;
- nothing in the audit log holds a full number."""

from __future__ import annotations

import json

import openpyxl
import pytest
from django.test import Client

from luoshi.core.models import AuditAction, AuditEntry
from luoshi.ledgers import selectors
from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.tests.personal import personal_ledgers, sample
from luoshi.org import services as org_services
from luoshi.org.testing import ROLES, client_for

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def _api(world, role) -> Client:
    if role == "anonymous":
        return Client()
    _token, raw = org_services.token_create(actor=world.user(role), name="矩阵")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _text(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _cells(response, tmp_path) -> list:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    return [str(c) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for c in row if c]


def _raws(ledger, obj) -> dict[str, str]:
    row = ledger.model.objects.unscoped("the matrix reads its own sample").select_related(*ledger.related).get(pk=obj.pk)
    found = {c.name: str(selectors.value(row, c, unmasked=True) or "") for c in ledger.personal_columns}
    return {name: raw for name, raw in found.items() if raw}


def _clean(text: str, raws: dict, where: str) -> None:
    for name, raw in raws.items():
        assert raw not in text, f"{where}: the full {name} is shown"


@pytest.mark.parametrize("name", [ledger.name for ledger in personal_ledgers()])
def test_no_full_number_leaves_a_register_but_by_an_audited_reveal_or_export(world, name, tmp_path):
    ledger = get_ledger(name)
    obj = sample(world, ledger)
    raws = _raws(ledger, obj)
    assert raws, f"{name}: the sample holds no personal data"
    cols = "&".join(f"cols={c.name}" for c in ledger.columns)
    list_url, detail_url = ledger.list_url(), ledger.detail_url(obj.pk)
    own = ledger.own_personal_fields
    searched = next((raws[n] for n, kind in own.items() if kind == "id_card" and n in raws), None) or next(
        (raws[n] for n in own if n in raws), None)
    for role in ROLES:
        user = None if role == "anonymous" else world.user(role)
        client = client_for(world, role)
        sees = user is not None and ledger.allows(user, "view")
        sees_row = sees and ledger.model.objects.visible_to(user).filter(pk=obj.pk).exists()
        where = f"{name} as {role}"
        # pages and partials
        for url, headers in ((f"{list_url}?{cols}", {}), (f"{list_url}?{cols}", HX), (detail_url, {}),
                             (f"/ledgers/{name}/{obj.pk}/edit/", {}), ("/audit/", {})):
            response = client.get(url, headers=headers)
            assert response.status_code in (200, 302, 403, 404), (where, url, response.status_code)
            _clean(_text(response), raws, f"{where} {url}")
        page = client.get(detail_url)
        assert page.status_code == (200 if sees_row else 302 if user is None else 403 if not sees else 404), where
        # search by the whole number: found exactly when seen, never echoed
        if searched:
            for headers in ({}, HX):
                response = client.get(list_url, {"q": searched}, headers=headers)
                text = _text(response)
                _clean(text + response.headers.get("HX-Push-Url", ""), raws, f"{where} search")
                if response.status_code == 200:
                    assert (f'href="{detail_url}"' in text) == sees_row, f"{where}: search by the whole number"
        # the API
        api = _api(world, role)
        for url in (f"/api/v1/{ledger.plural}/", f"/api/v1/{ledger.plural}/{obj.pk}/"):
            if ledger.plural:
                _clean(_text(api.get(url)), raws, f"{where} {url}")
        if ledger.plural and sees_row:
            item = api.get(f"/api/v1/{ledger.plural}/{obj.pk}/").json()
            assert any(item.get(n) for n in raws), f"{where}: the API shows the masked numbers"
        if ledger.plural and searched and sees:
            response = api.get(f"/api/v1/{ledger.plural}/", {"q": searched})
            _clean(_text(response), raws, f"{where} API search")
            if response.status_code == 200 and ledger.column(next(iter(own), "")) is not None:
                ids = [row["id"] for row in response.json().get("items", [])]
                assert (obj.pk in ids) == sees_row, f"{where}: the API's search by the whole number"
        # exports: masked by default; in full only for a role allowed, audited with the row count
        response = client.get(f"/ledgers/{name}/export.xlsx?{cols}")
        if response.status_code == 200:
            _clean("\n".join(_cells(response, tmp_path)), raws, f"{where} export")
        full = client.get(f"/ledgers/{name}/export.xlsx?{cols}&unmasked=1")
        allowed = user is not None and ledger.personal_allows(user, "export_unmasked")
        assert full.status_code == (200 if allowed else 302 if user is None else 403), (where, full.status_code)
        if allowed:
            cells = "\n".join(_cells(full, tmp_path))
            assert all((raw in cells) == sees_row for raw in raws.values()), f"{where}: the full export"
            entry = AuditEntry.objects.unscoped("t").filter(action=AuditAction.EXPORT, actor=user).latest("id")
            assert entry.after["unmasked"] is True and entry.after["rows"] >= int(sees_row), where
        # the reveal of one field, for a reason
        may = user is not None and ledger.personal_allows(user, "reveal")
        for column in raws:
            url = f"/ledgers/{name}/{obj.pk}/reveal/{column}/"
            response = client.post(url, {"reason": "核实身份"})
            expected = 302 if user is None else 403 if not may else 404 if not sees_row else 200
            assert response.status_code == expected, (where, column, response.status_code)
            if expected == 200:
                assert raws[column] in _text(response)
                entry = AuditEntry.objects.unscoped("t").filter(action=AuditAction.READ_PERSONAL, actor=user).latest("id")
                assert (entry.object_id, entry.after) == (str(obj.pk), {"field": column, "reason": "核实身份"}), where
                assert client.post(url, {"reason": ""}).status_code == 400, where
            else:
                _clean(_text(response), raws, f"{where} reveal")
    log = AuditEntry.objects.unscoped("t").all()
    _clean(json.dumps([[e.message, e.before, e.after, e.object_repr] for e in log], ensure_ascii=False, default=str),
           raws, f"{name}: the audit log")


def test_every_register_with_personal_data_is_in_the_matrix():
    """The matrix reads the registry: the registers of this issue are among them once declared."""
    names = {ledger.name for ledger in personal_ledgers()}
    assert {"households", "household-members", "talents", "enterprises"} <= names
