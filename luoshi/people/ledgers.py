"""帮扶户台账, its members and its measures and benefits, and the visits, on the ledger engine. Their
ID-card numbers and phones are declared `personal=`: masked in every list, export, API answer and
search result, revealed one at a time for a reason, exported in full only by a role allowed to, and
cleared once a closed (销号) household's retention period is over."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.errors import ServiceError
from luoshi.ledgers.forms import form_for
from luoshi.ledgers.registry import Column, Filter, Ledger, Retention, register
from luoshi.ledgers.writes import Writes
from luoshi.org.models import UnitKind
from luoshi.people import cadres
from luoshi.people.models import (
    PERSONAL,
    RETENTION_DAYS,
    Benefit,
    Category,
    Household,
    HouseholdStatus,
    Member,
    Visit,
)
from luoshi.people.specs import BENEFIT_SPEC, HOUSEHOLD_SPEC, MEMBER_SPEC

RETENTION = Retention(days=RETENTION_DAYS, closed_on="closed_on", label=gettext_lazy("销号"))
OF_HOUSEHOLD = Retention(days=RETENTION_DAYS, closed_on="household__closed_on", label=gettext_lazy("本户销号"))


# -- 帮扶户 ----------------------------------------------------------------------------------------
HOUSEHOLD_FIELDS = ("head_name", "head_id_card", "phone", "village", "group", "category", "size", "cadre", "office",
                    "status", "closed_on", "note")


def _household_form(base):
    """Villages, their groups and the township's departments (扶贫办) only, in the form's lists."""
    def querysets(self) -> dict:
        found = base.querysets(self)
        found["village"] = found["village"].filter(kind=UnitKind.VILLAGE)
        found["group"] = found["group"].filter(kind=UnitKind.GROUP)
        found["office"] = found["office"].filter(kind=UnitKind.DEPARTMENT)
        return found
    return type(base.__name__, (base,), {"querysets": querysets})


def _household_prepare(*, actor, obj: Household, before) -> None:
    if obj.village.kind != UnitKind.VILLAGE:
        raise ServiceError(_("“%(u)s”不是村，请选择一个村") % {"u": obj.village.name}, field="village")
    if obj.group_id and not obj.group.path.startswith(obj.village.path):
        raise ServiceError(_("村民小组“%(g)s”不属于%(v)s") % {"g": obj.group.name, "v": obj.village.name}, field="group")
    if obj.office_id and obj.office.kind != UnitKind.DEPARTMENT:
        raise ServiceError(_("扶贫办应为镇的一个部门"), field="office")
    if obj.head_id_card:
        obj.head_id_card = obj.head_id_card.upper()
    if obj.status == HouseholdStatus.CLOSED and not obj.closed_on:
        raise ServiceError(_("已销号的户须填写销号日期"), field="closed_on")
    if obj.status != HouseholdStatus.CLOSED:
        obj.closed_on = None
    obj.scope_path = obj.village.path


def _household_row(row, data, ctx):
    """A township's sheet lists the households it helps: 帮扶中 unless it says otherwise, a 脱贫户 when
    it names no category, one person when it counts none; without 扶贫办 the office sets it later."""
    data["status"] = data.get("status") or HouseholdStatus.HELPED
    data["category"] = data.get("category") or Category.LIFTED
    data["size"] = data.get("size") or 1
    return []


HOUSEHOLD_WRITES = Writes(model=Household, fields=HOUSEHOLD_FIELDS, prepare=_household_prepare,
                          after=cadres.household_written)

HOUSEHOLDS = register(Ledger(
    name="households", model=Household, title=gettext_lazy("帮扶户台账"), icon="house-heart", row_title="head_name",
    columns=[Column("head_name"), Column("village", sort="scope_path"), Column("group", default=False),
             Column("category"), Column("size"), Column("cadre"), Column("status"),
             Column("head_id_card", personal="id_card"), Column("phone", personal="phone"),
             Column("office", default=False), Column("closed_on", default=False), Column("note", default=False)],
    filters=[Filter("village", gettext_lazy("村"), path_field="scope_path"), Filter("category"), Filter("status"),
             Filter("cadre")],
    search=("head_name", "note"), sort=("scope_path", "id"), related=("village", "group", "cadre", "office"),
    form=_household_form(form_for(Household, HOUSEHOLD_FIELDS)), writes=HOUSEHOLD_WRITES, spec=HOUSEHOLD_SPEC,
    import_row=_household_row, page="people:household", list_page="people:households", personal_policy=PERSONAL, retention=RETENTION,
    form_help=gettext_lazy("身份证号、电话仅在有权限且写明理由时可查看完整号码，查看记入操作日志。"),
))


# -- 家庭成员, 帮扶措施与收益 -------------------------------------------------------------------------
def _child_prepare(*, actor, obj, before) -> None:
    obj.scope_path = obj.household.scope_path
    if getattr(obj, "id_card", ""):
        obj.id_card = obj.id_card.upper()


MEMBER_FIELDS = ("household", "name", "relation", "id_card", "phone", "note")
BENEFIT_FIELDS = ("household", "kind", "amount", "received_on", "note")

MEMBERS = register(Ledger(
    name="household-members", model=Member, title=gettext_lazy("家庭成员"), icon="people", row_title="name",
    columns=[Column("name"), Column("household"), Column("relation"), Column("id_card", personal="id_card"),
             Column("phone", personal="phone"), Column("note", default=False)],
    filters=[Filter("household")],
    search=("name",), sort=("household_id", "id"), related=("household",),
    form=form_for(Member, MEMBER_FIELDS), writes=Writes(model=Member, fields=MEMBER_FIELDS, parent="household",
                                                         prepare=_child_prepare),
    spec=MEMBER_SPEC, personal_policy=PERSONAL, retention=OF_HOUSEHOLD,
))

BENEFITS = register(Ledger(
    name="household-benefits", model=Benefit, title=gettext_lazy("帮扶措施与收益"), icon="cash-coin",
    row_title="household",
    columns=[Column("household"), Column("kind"), Column("amount"), Column("received_on"), Column("note")],
    filters=[Filter("kind")], search=("household__head_name", "note"), sort=("-received_on", "-id"),
    related=("household",), form=form_for(Benefit, BENEFIT_FIELDS),
    writes=Writes(model=Benefit, fields=BENEFIT_FIELDS, parent="household", prepare=_child_prepare),
    spec=BENEFIT_SPEC,
))


# -- 走访记录: written on the phone page (people.visits), listed, exported and read here ------------------
def _visit_form():
    return form_for(Visit, ("household", "visited_on", "note"))


VISITS = register(Ledger(
    name="household-visits", model=Visit, title=gettext_lazy("走访记录"), icon="clipboard-check",
    row_title="household",
    columns=[Column("household"), Column("visited_on"), Column("visitor"), Column("failed"), Column("note")],
    search=("household__head_name", "note"), sort=("-visited_on", "-id"), related=("household", "visitor"),
    form=_visit_form(), verbs=(), page="people:visit",
))

__all__ = ["BENEFITS", "HOUSEHOLDS", "MEMBERS", "VISITS"]
