"""/api/v1/ for the economy registers beyond their ledgers' lists and forms: a year of collective
income, the steps of a village co-operative's 实质化运营 and of an enterprise's life, an
enterprise's demands. The same selectors, services, scope and audit as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.scope import get_scoped
from luoshi.economy import demands, enterprise_flow, operation_flow, selectors
from luoshi.economy.forms import DemandForm
from luoshi.economy.models import Enterprise
from luoshi.economy.models_enterprises import EnterpriseDemand
from luoshi.economy.models_farms import CoopOperation
from luoshi.ledgers.api import PAYLOAD, item
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
    return _row("coop-operations", request.auth, done.pk) | {"status_code": done.status}


# -- 企业: status steps, history and demands ---------------------------------------------------------
class EnterpriseStepIn(Schema):
    action: str
    on: dt.date | None = None
    note: str = ""


@router.post("/enterprises/{enterprise_id}/status/", response=dict[str, Any],
             summary="登记企业生产状态：停产（stop）、复工（resume）、达产（reach）", description="on 不填为今天")
def enterprise_step(request, enterprise_id: int, payload: EnterpriseStepIn):
    firm = get_scoped(request.auth, Enterprise, enterprise_id)
    enterprise_flow.enterprise_step(actor=request.auth, enterprise=firm, action=payload.action, on=payload.on,
                                    note=payload.note)
    return _row("enterprises", request.auth, firm.pk)


@router.get("/enterprises/{enterprise_id}/history/", response=dict[str, Any], summary="企业驻企联络员与生产状态变化")
def enterprise_history(request, enterprise_id: int):
    firm = get_scoped(request.auth, Enterprise, enterprise_id)
    rows = selectors.enterprise_history(enterprise=firm)
    return {"liaisons": [{"person": a.person.name, "started_on": a.started_on, "ended_on": a.ended_on}
                         for a in rows["liaisons"]],
            "statuses": [{"from": c.from_status, "to": c.to_status, "on": c.on, "note": c.note}
                         for c in rows["statuses"]]}


def _demand_out(p) -> dict:
    return {"id": p.pk, "title": p.title, "status": p.status, "status_label": p.get_status_display(),
            "lead_unit": p.lead_unit.name, "deadline": p.deadline}


@router.get("/enterprises/{enterprise_id}/demands/", response=list[dict[str, Any]], summary="企业诉求（问题清单中的问题）")
def demand_list(request, enterprise_id: int):
    firm = get_scoped(request.auth, Enterprise, enterprise_id)
    return [_demand_out(p) for p in demands.demands_of(actor=request.auth, enterprise=firm)]


@router.post("/enterprises/{enterprise_id}/demands/", response={201: dict[str, Any]}, summary="登记企业诉求（列入问题清单）",
             description="description、lead_unit（单位编号）必填；category、measures、deadline 可选")
def demand_create(request, enterprise_id: int, payload: dict[str, Any] = PAYLOAD):
    firm = get_scoped(request.auth, Enterprise, enterprise_id)
    if not EnterpriseDemand.policy.allows(request.auth, "add"):
        raise NotAllowed()
    form = DemandForm(payload, actor=request.auth)
    if not form.is_valid():
        errors = [{"field": f, "reason": "；".join(str(m) for m in msgs)} for f, msgs in form.errors.items()]
        raise ServiceError(_("输入的数据格式不正确"), errors=errors)
    problem = demands.demand_raise(actor=request.auth, enterprise=firm, **form.cleaned_data)
    return Status(201, _demand_out(problem))


def _row(name: str, actor, pk: int) -> dict:
    ledger = get_ledger(name)
    return item(ledger, ledger.model.objects.visible_to(actor).select_related(*ledger.related).get(pk=pk))
