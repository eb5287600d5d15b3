"""新型农业经营主体: co-operatives and family farms with their 示范 level, and each village's
co-operative judged for 实质化运营 by the township (the life is `economy/operation_flow.py`)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

FARM_KEEPERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT, RoleCode.VILLAGE}
# 实质化运营 is the township's judgement: the office, its leaders and the department leading the work.
JUDGES = {RoleCode.OFFICE, RoleCode.LEADER, RoleCode.DEPARTMENT}


class FarmKind(models.TextChoices):
    COOPERATIVE = "cooperative", _("农民专业合作社")
    FAMILY_FARM = "family_farm", _("家庭农场")


class FarmLevel(models.TextChoices):
    NONE = "none", _("未评定")
    COUNTY = "county", _("县级示范")
    CITY = "city", _("市级示范")
    PROVINCE = "province", _("省级示范")


class FarmEntity(ScopedModel):
    """A co-operative or a family farm of a village (新型农业经营主体), its 示范 level and the day
    it was certified: the plan's "培育县级合作社×家" counts these."""

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=FarmKind.choices)
    level = models.CharField(_("示范级别"), max_length=20, choices=FarmLevel.choices, default=FarmLevel.NONE)
    certified_on = models.DateField(_("认定日期"), null=True, blank=True, help_text=_("取得当前示范级别的日期"))
    village = models.ForeignKey("org.Unit", verbose_name=_("所在村"), on_delete=models.PROTECT, related_name="+")
    industry = models.CharField(_("主营产业"), max_length=100, blank=True)
    members = models.PositiveIntegerField(_("成员数"), null=True, blank=True)
    area = models.DecimalField(_("经营面积（亩）"), max_digits=10, decimal_places=1, null=True, blank=True,
                               validators=[MinValueValidator(Decimal("0"))])
    leader = models.CharField(_("负责人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    registered_on = models.DateField(_("注册日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    personal_fields = {"phone": "phone"}
    scope_rule = ScopeRule(paths=("scope_path",))
    policy = Policy.of(view=ANY_ROLE, add=FARM_KEEPERS, change=FARM_KEEPERS, delete={RoleCode.OFFICE})

    class Meta:
        verbose_name = _("新型农业经营主体")
        verbose_name_plural = _("合作社与家庭农场")
        ordering = ["scope_path", "kind", "name", "id"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.scope_path


class OperationStatus(models.TextChoices):
    PENDING = "pending", _("未申报")
    DECLARED = "declared", _("待认定")
    OPERATING = "operating", _("实质化运营")
    RETURNED = "returned", _("未通过")


class CoopOperation(ScopedModel):
    """Whether a village's co-operative (党支部+合作社) really operates in a year: the village
    declares it with evidence (income, books, 分红), the township judges it; a village is counted
    as 实质化运营 only once someone other than its declarer has approved it."""

    village = models.ForeignKey("org.Unit", verbose_name=_("村"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    cooperative = models.ForeignKey(FarmEntity, verbose_name=_("村合作社"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    business = models.CharField(_("经营内容"), max_length=200, blank=True)
    income = models.DecimalField(_("经营收入（万元）"), max_digits=10, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0"))])
    evidence = models.TextField(_("佐证材料"), blank=True, help_text=_("经营合同、收支台账、分红记录等"))
    status = models.CharField(_("运营状态"), max_length=20, choices=OperationStatus.choices,
                              default=OperationStatus.PENDING)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申报人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField(_("申报时间"), null=True, blank=True)
    judged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("认定人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    judged_at = models.DateTimeField(_("认定时间"), null=True, blank=True)
    judge_note = models.CharField(_("认定意见"), max_length=500, blank=True)
    note = models.TextField(_("备注"), blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(paths=("scope_path",))
    # The life's actions; from which states, and with what, is operation_flow.TRANSITIONS.
    policy = Policy.of(view=ANY_ROLE, add=FARM_KEEPERS, change=FARM_KEEPERS, delete={RoleCode.OFFICE},
                       declare=FARM_KEEPERS, approve=JUDGES, send_back=JUDGES, revoke={RoleCode.OFFICE, RoleCode.LEADER})

    class Meta:
        verbose_name = _("村合作社运营")
        verbose_name_plural = _("村合作社实质化运营")
        ordering = ["-year", "scope_path", "id"]
        constraints = [models.UniqueConstraint(fields=["village", "year"], name="operation_once_a_year")]

    def __str__(self):
        return f"{self.village}{self.year}年合作社运营"

    def audit_unit_path(self) -> str:
        return self.scope_path
