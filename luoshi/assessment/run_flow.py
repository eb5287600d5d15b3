"""The life of a scoring run: computed → reviewed → frozen (published). Nothing leaves frozen: a
frozen run never changes, and recomputing makes a new run (`services.run_compute`)."""

from django.utils.translation import gettext_lazy as _

from luoshi.assessment.models import RunStatus
from luoshi.core.flow import Transition, table

TRANSITIONS = table(
    Transition("review", frozenset({RunStatus.COMPUTED}), RunStatus.REVIEWED, _("审核通过")),
    Transition("freeze", frozenset({RunStatus.REVIEWED}), RunStatus.FROZEN, _("发布（冻结）")),
)
