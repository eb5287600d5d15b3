"""Every ledger's API — list and create at its plural, read, update and delete under /{id}/ — with
the same form, services, scope, audit and masking as the pages (DESIGN "API conventions").

Each ledger answers at one path, /api/v1/<plural>/ (its `Ledger.plural`, the ledger's name unless
declared): `plural_router` adds those routes last, and leaves out a ledger whose plural path an
app's own router already serves (tasks: plans/api.py's /api/v1/tasks/, with its typed schema, reads
and writes through the same declaration, form and services). The old /api/v1/ledgers/<name>/ paths
answer 308 to it for a release, and the OpenAPI lists each record once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Body, Router, Schema, Status

from luoshi.core.api import paged
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.scope import get_scoped
from luoshi.ledgers import selectors
from luoshi.ledgers.registry import Ledger, all_ledgers, get_ledger
from luoshi.ledgers.views import initial_from

router = Router(tags=["ledgers"])
PAYLOAD = Body(..., description=gettext_lazy("与页面表单相同的字段；关联对象填编号，多选填编号列表"))
LIST_HELP = gettext_lazy("筛选参数同页面：q、sort 及各筛选字段；page、page_size（不超过 100）")


class LedgerPage(Schema):
    items: list[dict[str, Any]]
    count: int


# -- the handlers, shared by /ledgers/<name>/ and /<plural>/ ------------------------------------------
def _named(name: str) -> Ledger:
    ledger = get_ledger(name)
    if ledger is None:
        raise OutOfScope(_("没有这个台账"))
    return ledger


def _require(user, ledger: Ledger, action: str) -> None:
    if not ledger.allows(user, action):
        raise NotAllowed()


def _service(user, ledger: Ledger, action: str, service):
    """The ledger's service for a write the user's role allows; a ledger without one refuses it."""
    _require(user, ledger, action)
    if service is None:
        raise NotAllowed()
    return service


def item(ledger: Ledger, obj) -> dict:
    """One row: id, version and every column as the list shows it (personal data masked)."""
    out = {"id": obj.pk, "version": getattr(obj, "version", None)}
    for column in ledger.columns:
        out[column.name] = selectors.text(selectors.value(obj, column))
    return out


def _one(user, ledger: Ledger, pk: int):
    obj = get_scoped(user, ledger.model, pk)
    return selectors.rows(actor=user, ledger=ledger, state=selectors.record_state(ledger)).get(pk=obj.pk)


def _valid(ledger: Ledger, user, data: dict, instance=None) -> dict:
    form = ledger.form(data, actor=user, instance=instance)
    if not form.is_valid():
        errors = [{"field": f, "reason": "；".join(str(m) for m in msgs)} for f, msgs in form.errors.items()]
        raise ServiceError(_("输入的数据格式不正确"), errors=errors)
    return form.cleaned_data


def list_rows(request, ledger: Ledger, page: int, page_size: int) -> dict:
    _require(request.auth, ledger, "view")
    state = selectors.parse_state(ledger, request.GET, chosen=[c.name for c in ledger.columns])
    # as the list page reads it: the page's ids by the list's kept statements, then those rows by their ids
    result = paged(selectors.list_ids(actor=request.auth, ledger=ledger, state=state), page, page_size)
    ids = list(result["items"])
    found = selectors.in_order(selectors.page_rows(ledger=ledger, state=state, ids=ids), ids)
    ledger.read_by(request.auth, "api", found)
    return {"items": [item(ledger, obj) for obj in found], "count": result["count"]}


def read_row(request, ledger: Ledger, item_id: int) -> dict:
    _require(request.auth, ledger, "view")
    obj = _one(request.auth, ledger, item_id)
    ledger.read_by(request.auth, "api", [obj])
    return item(ledger, obj)


def create_object(user, ledger: Ledger, payload: dict):
    """A new record from the fields of the page's form, by the ledger's service. An app's own
    endpoint with a typed schema (POST /api/v1/tasks/) writes through here too."""
    create = _service(user, ledger, "add", ledger.create)
    return create(actor=user, **_valid(ledger, user, payload))


def update_object(user, ledger: Ledger, item_id: int, payload: dict):
    """The stored values, overlaid with what the payload sends (PATCH, and PUT alike), validated by
    the page's form and saved by the ledger's service on the `version` read (409 when stale)."""
    update = _service(user, ledger, "change", ledger.update)
    obj = get_scoped(user, ledger.model, item_id, action="change")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ServiceError(_("请带上读取时的版本号 version"), field="version")
    form = ledger.form(actor=user, instance=obj)
    data = initial_from(obj, form) | {k: v for k, v in payload.items() if k != "version"}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    cleaned = _valid(ledger, user, data, instance=obj)
    return update(actor=user, version=version, **{ledger.object_arg: obj}, **cleaned)


def create_row(request, ledger: Ledger, payload: dict) -> Status:
    obj = create_object(request.auth, ledger, payload)
    return Status(201, item(ledger, _one(request.auth, ledger, obj.pk)))


def update_row(request, ledger: Ledger, item_id: int, payload: dict) -> dict:
    obj = update_object(request.auth, ledger, item_id, payload)
    return item(ledger, _one(request.auth, ledger, obj.pk))


def delete_row(request, ledger: Ledger, item_id: int) -> Status:
    delete = _service(request.auth, ledger, "delete", ledger.delete)
    with transaction.atomic():
        obj = get_scoped(request.auth, ledger.model, item_id, action="delete")
        delete(actor=request.auth, **{ledger.object_arg: obj})
    return Status(204, None)


# -- /api/v1/ledgers/<name>/: the old address of each ledger, leading to its own (for a release) ---------
UPDATE_HELP = gettext_lazy("须带上读取时的 version，被他人修改过则返回 409")


class PermanentRedirect(HttpResponseRedirect):
    """308: the client repeats the same method with the same body at the new address."""

    status_code = 308


def _moved(request, name: str, rest: str = "") -> PermanentRedirect:
    """/api/v1/ledgers/<name>/… answers 308 to /api/v1/<plural>/…, where each record has its one path
    (tasks: plans/api.py's /api/v1/tasks/, every other ledger the plural routes below)."""
    ledger = _named(name)
    if not ledger.plural:
        raise OutOfScope(_("没有这个台账"))
    query = request.GET.urlencode()
    return PermanentRedirect(request.path.replace(f"/ledgers/{name}/{rest}", f"/{ledger.plural}/{rest}", 1)
                             + (f"?{query}" if query else ""))


ANY = ["GET", "POST", "PATCH", "PUT", "DELETE"]


@router.api_operation(ANY, "/ledgers/{name}/", include_in_schema=False)
def ledger_moved(request, name: str):
    return _moved(request, name)


@router.api_operation(ANY, "/ledgers/{name}/{item_id}/", include_in_schema=False)
def ledger_row_moved(request, name: str, item_id: int):
    return _moved(request, name, f"{item_id}/")


# -- /api/v1/<plural>/: each ledger at its own path ---------------------------------------------------
def _shape(path: str) -> str:
    """A path with its parameters blanked: "/problems/{problem_id}/" and "/problems/{id}/" collide."""
    return re.sub(r"\{[^}]*\}", "{}", "/" + path.strip("/") + "/")


def plural_router(*, served: Iterable[str]) -> Router:
    """The plural routes of every ledger whose /<plural>/ and /<plural>/{id}/ no other router serves
    (`served`: the paths the apps' routers declare). Mount it after those routers, so a literal path
    of an app (say /problems/{id}/assign/) is never shadowed."""
    taken = {_shape(path) for path in served}
    plurals = Router(tags=["ledgers"])
    for ledger in all_ledgers():
        base = f"/{ledger.plural}/" if ledger.plural else ""
        if base and not {_shape(base), _shape(base + "{id}/")} & taken:
            _mount(plurals, ledger, base)
            taken |= {_shape(base), _shape(base + "{id}/")}
    return plurals


def _mount(plurals: Router, ledger: Ledger, base: str) -> None:
    """Bind the shared handlers to one ledger at `base` (closures fix the ledger; no handler is copied)."""
    title, op = str(ledger.title), ledger.plural.replace("-", "_")

    def list_(request, page: int = 1, page_size: int = 20):
        return list_rows(request, ledger, page, page_size)

    def read(request, item_id: int):
        return read_row(request, ledger, item_id)

    def create(request, payload: dict[str, Any] = PAYLOAD):
        return create_row(request, ledger, payload)

    def update(request, item_id: int, payload: dict[str, Any] = PAYLOAD):
        return update_row(request, ledger, item_id, payload)

    def delete(request, item_id: int):
        return delete_row(request, ledger, item_id)

    one = base + "{item_id}/"
    t = {"title": title}
    routes = [
        (base, ["GET"], list_, LedgerPage, _("%(title)s列表") % t, LIST_HELP, "list"),
        (base, ["POST"], create, {201: dict[str, Any]}, _("新增%(title)s记录（字段同页面表单）") % t, None, "create"),
        (one, ["GET"], read, dict[str, Any], _("%(title)s记录详情") % t, None, "read"),
        (one, ["PATCH"], update, dict[str, Any], _("修改%(title)s记录") % t, UPDATE_HELP, "update"),
        (one, ["PUT"], update, dict[str, Any], _("修改%(title)s记录（同 PATCH）") % t, UPDATE_HELP, "replace"),
        (one, ["DELETE"], delete, {204: None}, _("删除%(title)s记录") % t, None, "delete"),
    ]
    for path, methods, view, response, summary, description, verb in routes:
        plurals.add_api_operation(path, methods, view, response=response, summary=summary, description=description,
                                  operation_id=f"{op}_{verb}", url_name=f"{op}_{verb}")
