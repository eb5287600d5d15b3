"""The 招商引资 register's writes and form: the engine's generic writes (ledgers.writes) with the
project's own rules — derived fields (亿元项目, the paths, the latest date), its dates
(`project_flow.check_dates`), a stage that only the flow moves once the project exists — and, in
the same transaction as every change, the recount of the indicators bound to the register
(`plans.measures.rows_changed`: the one owner of their stored actuals)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.errors import ServiceError
from luoshi.economy import project_flow
from luoshi.economy.models import YI_YUAN, InvestmentProject, ProjectStep
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.writes import Writes, record_create, record_create_many, record_delete
from luoshi.plans import measures

FIELDS = ("name", "investor", "industry", "source", "introducer", "lead_date", "stage", "talks_date", "signed_date",
          "started_date", "producing_date", "amount", "invested", "unit", "park", "leader", "lead_unit", "note")


def _prepare(*, actor, obj: InvestmentProject, before: dict | None) -> None:
    if before is not None and obj.stage != before.get("stage"):
        raise ServiceError(_("项目阶段请在项目页面通过“签约”“开工”等操作变更"), field="stage")
    project_flow.check_dates(obj)
    if obj.amount is not None and obj.amount < 0 or obj.invested is not None and obj.invested < 0:
        raise ServiceError(_("投资额不能为负数"), field="amount")
    obj.yi_project = obj.amount is not None and Decimal(obj.amount) >= YI_YUAN
    obj.scope_path = obj.unit.path
    obj.lead_path = obj.lead_unit.path if obj.lead_unit_id else ""
    obj.followed_on = max((d for d in (obj.followed_on, project_flow.latest_date(obj)) if d), default=None)


def _registered(*, actor, obj: InvestmentProject) -> ProjectStep:
    return ProjectStep(project=obj, action=project_flow.REGISTER, stage=obj.stage,
                       date=project_flow.latest_date(obj) or timezone.localdate(), note=obj.note[:2000], by=actor)


def _after(*, actor, obj: InvestmentProject, before: dict | None) -> None:
    if before is None:
        _registered(actor=actor, obj=obj).save()
    old = (before.get("scope_path", ""), before.get("lead_path", "")) if before else ()
    measures.rows_changed(ledger=project_flow.LEDGER, paths=(*obj.paths(), *old))


WRITES = Writes(model=InvestmentProject, fields=FIELDS, prepare=_prepare, after=_after)
_IMPORT = dataclasses.replace(WRITES, after=None)  # an import recounts once, not once per row


@transaction.atomic
def project_create_many(*, actor, rows: list[dict]) -> list[InvestmentProject]:
    """An import: the engine's bulk create, one registration step per row, one recount."""
    projects = record_create_many(_IMPORT, actor=actor, rows=rows)
    ProjectStep.objects.bulk_create([_registered(actor=actor, obj=p) for p in projects], batch_size=500)
    measures.rows_changed(ledger=project_flow.LEDGER, paths={p for obj in projects for p in obj.paths()})
    return projects


@transaction.atomic
def project_delete(*, actor, investmentproject: InvestmentProject) -> None:
    paths = investmentproject.paths()
    record_delete(WRITES, actor=actor, investmentproject=investmentproject)
    measures.rows_changed(ledger=project_flow.LEDGER, paths=paths)


def project_create(*, actor, **data) -> InvestmentProject:
    return record_create(WRITES, actor=actor, **data)


_Base = form_for(InvestmentProject, FIELDS)


class ProjectForm(_Base):
    """The register's one form (page, API and each imported row): once the project exists its stage
    moves only through its steps, so the edit form has none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            del self.fields["stage"]
        elif not self.is_bound:
            self.fields["lead_date"].initial = timezone.localdate()

    def clean(self):
        """The dates' rules on this row, so an import reports them on the row that breaks them."""
        data = super().clean()
        stage = data.get("stage") if self.instance is None else self.instance.stage
        dates = {name: data.get(name) for name, _stage in project_flow.DATES if name in self.fields}
        if stage and not self.errors:
            try:
                project_flow.check_dates(InvestmentProject(stage=stage, **dates))
            except ServiceError as error:
                field = error.errors[0].get("field") if error.errors else None
                self.add_error(field if field in self.fields else None, error.message)
        return data
