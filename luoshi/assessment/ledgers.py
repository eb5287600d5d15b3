"""实事承诺台账 on the ledger engine: list, form, detail, export and API of the commitments; the
writes (each commitment carried out as a task) are `commitments.WRITES`, the board per village
`/assessment/commitments/`."""

from django.utils.translation import gettext_lazy

from luoshi.assessment.commitments import FIELDS, WRITES
from luoshi.assessment.models import Commitment
from luoshi.economy.forms import villages_only
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, register


def _task_state(obj):
    return obj.task.get_status_display() if obj.task_id else ""


register(Ledger(
    name="commitments", model=Commitment, title=gettext_lazy("实事承诺台账"), icon="megaphone", row_title="title",
    columns=[Column("village", sort="scope_path"), Column("year"), Column("title"), Column("deadline"),
             Column("standard", default=False), Column("promised_by"), Column("promised_on", default=False),
             Column("line", default=False),
             Column("task", gettext_lazy("落实情况"), value=_task_state, sort=""),
             Column("note", default=False)],
    filters=[Filter("year"), Filter("village", gettext_lazy("村"), path_field="scope_path")],
    search=("title", "standard", "promised_by"), sort=("-year", "scope_path", "deadline", "id"),
    related=("village", "line", "task"),
    form=villages_only(form_for(Commitment, FIELDS)), writes=WRITES, verbs=("create", "update"),
    form_help=gettext_lazy("一件实事一行。登记后自动生成一项重点任务（牵头单位为该村），由村里上报进展和佐证照片，"
                           "办结验收后即为已兑现。"),
))
