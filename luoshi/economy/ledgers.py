"""The enterprises register (企业台账) on the ledger engine; its page, with the liaison's and the status's
history and the demands, is `economy.views.enterprise_detail`."""

from django.utils.translation import gettext_lazy as _

from luoshi.economy import enterprise_flow
from luoshi.economy.models import Enterprise
from luoshi.economy.specs import ENTERPRISES_SPEC
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.ledgers.writes import Writes

FIELDS = ("name", "credit_code", "industry", "above_scale", "unit", "address", "contact", "phone", "liaison",
          "status", "status_date", "employees", "note")


# The status moves along enterprise_flow's table; each step and each new liaison leaves its history row.
WRITES = Writes(model=Enterprise, fields=FIELDS, prepare=enterprise_flow.prepare, after=enterprise_flow.after)

register(Ledger(
    name="enterprises", model=Enterprise, title=_("企业台账"), icon="building", row_title="name",
    columns=[Column("name"), Column("industry"), Column("above_scale"), Column("unit", sort="scope_path"),
             Column("contact"), Column("phone", personal="phone"), Column("liaison"), Column("status"),
             Column("status_date", default=False), Column("employees", default=False),
             Column("credit_code", default=False), Column("address", default=False), Column("note", default=False)],
    filters=[Filter("status"), Filter("above_scale"), Filter("unit", _("单位"), path_field="scope_path")],
    search=("name", "industry", "contact"), sort=("scope_path", "name", "id"), related=("unit", "liaison"),
    form=form_for(Enterprise, FIELDS), writes=WRITES, spec=ENTERPRISES_SPEC, page="economy:enterprise_detail",
))

# The other registers' declarations, one module each (autodiscovery imports this module only).
from luoshi.economy import ledgers_farms, ledgers_income, ledgers_talent  # noqa: E402, F401
