"""/api/v1/ for the economy registers beyond their ledgers' lists and forms: a year of collective
income, the steps of a village co-operative's 实质化运营 and of an enterprise's life, an
enterprise's demands. The same selectors, services, scope and audit as the pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Router, Schema

from luoshi.core.errors import OutOfScope
from luoshi.core.scope import get_scoped
from luoshi.economy import operation_flow, selectors
from luoshi.economy.models_farms import CoopOperation
from luoshi.ledgers.api import item
from luoshi.ledgers.registry import get_ledger

router = Router(tags=["economy"])


class StepIn(Schema):
    reason: str = ""
    evidence: str = ""


def _amount(value) -> str:
    return f"{value.normalize():f}" if value else "0"


@router.get("/collective-income/years/{year}/", response=dict[str, Any], summary="村级集体经济年度汇总",
            description="各村本年收入合计、各来源、上年合计、增长、增幅及所达标准线；threshold、crossed 同页面")
def income_year(request, year: int, threshold: int | None = None, crossed: bool = False):
    if not 2000 <= year <= 2100:
        raise OutOfScope(_("年度超出范围"))
    data = selectors.income_year(actor=request.auth, year=year, threshold=threshold, crossed=crossed)
    return {"year": year, "total": _amount(data.total), "last": _amount(data.last),
            "thresholds": [{"id": c.threshold.pk, "label": c.threshold.label, "kind": c.threshold.kind,
                            "amount": _amount(c.threshold.amount), "count": c.count, "crossed": c.crossed}
                           for c in data.thresholds],
            "villages": [{"village_id": r.village.pk, "village": r.village.name, "total": _amount(r.total),
                          "by_source": {k: _amount(v) for k, v in r.by_source.items()}, "last": _amount(r.last),
                          "growth": _amount(r.growth), "rate": None if r.rate is None else str(r.rate),
                          "holds": [t.pk for t in r.holds], "crossed": [t.pk for t in r.crossed]}
                         for r in data.villages]}


@router.post("/coop-operations/{operation_id}/{action}/", response=dict[str, Any],
             summary="村合作社实质化运营：申报（declare）、认定（approve）、退回（send_back）、撤销认定（revoke）",
             description="declare 须有 evidence；send_back、revoke 须有 reason；认定须由申报人以外的人员办理")
def operation_step(request, operation_id: int, action: str, payload: StepIn):
    if action not in operation_flow.TRANSITIONS:
        raise OutOfScope(_("没有这个操作"))
    operation = get_scoped(request.auth, CoopOperation, operation_id)
    done = operation_flow.operation_step(actor=request.auth, operation=operation, action=action,
                                         reason=payload.reason, evidence=payload.evidence)
    ledger = get_ledger("coop-operations")
    row = ledger.model.objects.visible_to(request.auth).select_related(*ledger.related).get(pk=done.pk)
    return item(ledger, row) | {"status_code": row.status}
