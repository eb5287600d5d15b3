"""/api/v1/ledgers/{name}/: every ledger's list and create, /{id}/ read and update — the same
form, services, scope, audit and masking as the pages (DESIGN "API conventions")."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Body, Router, Schema, Status

from luoshi.core.api import paged
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.scope import get_scoped
from luoshi.ledgers import selectors
from luoshi.ledgers.registry import Ledger, get_ledger
from luoshi.ledgers.views import initial_from

router = Router(tags=["ledgers"])
PAYLOAD = Body(..., description="与页面表单相同的字段；关联对象填编号，多选填编号列表")


class LedgerPage(Schema):
    items: list[dict[str, Any]]
    count: int


def _ledger(user, name: str, action: str) -> Ledger:
    ledger = get_ledger(name)
    if ledger is None:
        raise OutOfScope(_("没有这个台账"))
    if not ledger.allows(user, action):
        raise NotAllowed()
    return ledger


def _all_columns(ledger: Ledger):
    return selectors.parse_state(ledger, {}, chosen=[c.name for c in ledger.columns])


def item(ledger: Ledger, obj) -> dict:
    """One row: id, version and every column as the list shows it (personal data masked)."""
    out = {"id": obj.pk, "version": getattr(obj, "version", None)}
    for column in ledger.columns:
        out[column.name] = selectors.text(selectors.value(obj, column))
    return out


def _one(user, ledger: Ledger, pk: int):
    obj = get_scoped(user, ledger.model, pk)
    return selectors.rows(actor=user, ledger=ledger, state=_all_columns(ledger)).get(pk=obj.pk)


@router.get("/ledgers/{name}/", response=LedgerPage, summary="台账列表（筛选参数同页面：q、sort 及各筛选字段）")
def ledger_list(request, name: str, page: int = 1, page_size: int = 20):
    ledger = _ledger(request.auth, name, "view")
    state = selectors.parse_state(ledger, request.GET, chosen=[c.name for c in ledger.columns])
    result = paged(selectors.rows(actor=request.auth, ledger=ledger, state=state), page, page_size)
    return {"items": [item(ledger, obj) for obj in result["items"]], "count": result["count"]}


@router.get("/ledgers/{name}/{item_id}/", response=dict[str, Any], summary="台账记录详情")
def ledger_detail(request, name: str, item_id: int):
    ledger = _ledger(request.auth, name, "view")
    return item(ledger, _one(request.auth, ledger, item_id))


def _valid(ledger: Ledger, user, data: dict, instance=None) -> dict:
    form = ledger.form(data, actor=user, instance=instance)
    if not form.is_valid():
        errors = [{"field": f, "reason": "；".join(str(m) for m in msgs)} for f, msgs in form.errors.items()]
        raise ServiceError(_("输入的数据格式不正确"), errors=errors)
    return form.cleaned_data


@router.post("/ledgers/{name}/", response={201: dict[str, Any]}, summary="新增台账记录（字段同页面表单）")
def ledger_create(request, name: str, payload: dict[str, Any] = PAYLOAD):
    ledger = _ledger(request.auth, name, "add")
    if ledger.create is None:
        raise NotAllowed()
    obj = ledger.create(actor=request.auth, **_valid(ledger, request.auth, payload))
    return Status(201, item(ledger, _one(request.auth, ledger, obj.pk)))


@router.api_operation(["PUT", "PATCH"], "/ledgers/{name}/{item_id}/", response=dict[str, Any],
                      summary="修改台账记录（须带上读取时的 version，被他人修改过则返回 409）")
def ledger_update(request, name: str, item_id: int, payload: dict[str, Any] = PAYLOAD):
    ledger = _ledger(request.auth, name, "change")
    if ledger.update is None:
        raise NotAllowed()
    obj = get_scoped(request.auth, ledger.model, item_id, action="change")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ServiceError(_("请带上读取时的版本号 version"), field="version")
    form = ledger.form(actor=request.auth, instance=obj)
    data = initial_from(obj, form) | {k: v for k, v in payload.items() if k != "version"}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    cleaned = _valid(ledger, request.auth, data, instance=obj)
    obj = ledger.update(actor=request.auth, version=version, **{ledger.object_arg: obj}, **cleaned)
    return item(ledger, _one(request.auth, ledger, obj.pk))
