"""The township's economy registers (双招双引, 企业, 合作社与家庭农场, 村级集体经济, 人才): each a
model declared as a ledger in `economy/ledgers.py`, so its list, form, import, export and API
come from the engine."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

KEEPERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT}


class EnterpriseStatus(models.TextChoices):
    NORMAL = "normal", _("正常生产")
    STOPPED = "stopped", _("停产")
    RESUMED = "resumed", _("已复工")
    FULL = "full", _("已达产")


class Enterprise(ScopedModel):
    """An enterprise of the township (企业) and the cadre sent to it (驻企联络员). `scope_path`
    copies its village's (or park's) path so a unit's list needs no join."""

    name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    industry = models.CharField(_("所属行业"), max_length=50, blank=True)
    above_scale = models.BooleanField(_("规上企业"), default=False)
    unit = models.ForeignKey("org.Unit", verbose_name=_("所在村（园区）"), on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    liaison = models.ForeignKey("org.Person", verbose_name=_("驻企联络员"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("生产状态"), max_length=20, choices=EnterpriseStatus.choices,
                              default=EnterpriseStatus.NORMAL)
    status_date = models.DateField(_("状态日期"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("从业人数"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    personal_fields = {"phone": "phone"}
    scope_rule = ScopeRule(paths=("scope_path",), people=("liaison",))
    # stop, resume, reach: the steps of economy.enterprise_flow, which the liaison takes too
    policy = Policy.of(view=ANY_ROLE, add=KEEPERS, change=KEEPERS, delete={RoleCode.OFFICE},
                       stop=KEEPERS | {RoleCode.CADRE}, resume=KEEPERS | {RoleCode.CADRE},
                       reach=KEEPERS | {RoleCode.CADRE})

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["scope_path", "name", "id"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.scope_path


# The other registers (issue 14), one module each; imported here so that Django finds their models.
from luoshi.economy.models_enterprises import EnterpriseDemand, LiaisonAssignment, StatusChange  # noqa: E402, F401
from luoshi.economy.models_farms import (  # noqa: E402, F401
    CoopOperation,
    FarmEntity,
    FarmKind,
    FarmLevel,
    OperationStatus,
)
from luoshi.economy.models_income import CollectiveIncome, IncomeSource, IncomeThreshold  # noqa: E402, F401
from luoshi.economy.models_talent import Talent, TalentEngagement, TrainingClass  # noqa: E402, F401
