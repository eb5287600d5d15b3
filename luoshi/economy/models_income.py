"""村级集体经济: each village's collective income, entry by entry, and the township's thresholds.

A year's total and its growth are sums of the entries, read when shown (`economy.selectors.
income_year`), never stored: there is no second copy to fall out of step."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

# 村账镇管: the village's accountant records, the township's 财政所/经管站 (a department) and office too.
INCOME_KEEPERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT, RoleCode.VILLAGE}


class IncomeSource(models.TextChoices):
    CONTRACT = "contract", _("发包收入")
    POND = "pond", _("荒片坑塘发包")
    DIVIDEND = "dividend", _("入股分红")
    SERVICE = "service", _("服务收入")
    LEASE = "lease", _("资产租赁")
    OTHER = "other", _("其他收入")


# 发包 counts both kinds of contracting: the seed's 荒片坑塘 are a part of it, kept apart to be seen.
CONTRACTING = (IncomeSource.CONTRACT, IncomeSource.POND)


class CollectiveIncome(ScopedModel):
    """One income entry of a village's collective economy (集体收入明细) in a year: its source,
    amount in 万元 and the evidence behind it (contract, receipt, 分红 record)."""

    village = models.ForeignKey("org.Unit", verbose_name=_("村"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    source = models.CharField(_("收入来源"), max_length=20, choices=IncomeSource.choices)
    item = models.CharField(_("收入项目"), max_length=200, help_text=_("如：东坑塘承包费、光伏电站分红"))
    amount = models.DecimalField(_("金额（万元）"), max_digits=10, decimal_places=4,
                                 validators=[MinValueValidator(Decimal("0.0001")),
                                             MaxValueValidator(Decimal("5000"))],
                                 help_text=_("以万元为单位，如 1.2 表示 12000 元"))
    received_on = models.DateField(_("入账日期"), null=True, blank=True)
    payer = models.CharField(_("交款方"), max_length=100, blank=True)
    evidence = models.CharField(_("佐证材料"), max_length=300, blank=True,
                                help_text=_("合同编号、收据号或凭证号"))
    note = models.TextField(_("备注"), blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(paths=("scope_path",))
    policy = Policy.of(view=ANY_ROLE, add=INCOME_KEEPERS, change=INCOME_KEEPERS, delete={RoleCode.OFFICE})

    class Meta:
        verbose_name = _("集体收入")
        verbose_name_plural = _("村级集体经济收入台账")
        ordering = ["-year", "scope_path", "id"]
        indexes = [models.Index(fields=["year", "scope_path"], name="income_year_unit")]

    def __str__(self):
        return f"{self.year}年 {self.item}"

    def audit_unit_path(self) -> str:
        return self.scope_path


class ThresholdKind(models.TextChoices):
    BELOW = "below", _("低于")
    AT_LEAST = "at_least", _("达到")


class IncomeThreshold(ScopedModel):
    """A line the township draws through its villages' yearly income: 空壳村 below 5 万元, 10 万元
    and 50 万元 villages at or above. Each township keeps its own; the year page counts who
    is on which side, and who crossed it since last year."""

    township = models.ForeignKey("org.Unit", verbose_name=_("镇"), on_delete=models.PROTECT, related_name="+")
    label = models.CharField(_("名称"), max_length=50, help_text=_("如：空壳村、十万元村"))
    kind = models.CharField(_("条件"), max_length=20, choices=ThresholdKind.choices, default=ThresholdKind.AT_LEAST)
    amount = models.DecimalField(_("金额（万元）"), max_digits=10, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(paths=("scope_path",))
    policy = Policy.of(view=ANY_ROLE, add={RoleCode.OFFICE}, change={RoleCode.OFFICE}, delete={RoleCode.OFFICE})

    class Meta:
        verbose_name = _("集体经济标准线")
        verbose_name_plural = _("集体经济标准线")
        ordering = ["scope_path", "amount", "id"]
        constraints = [models.UniqueConstraint(fields=["township", "label"], name="threshold_unique_label")]

    def __str__(self):
        return f"{self.label}（{self.get_kind_display()}{self.amount.normalize():f}万元）"

    def audit_unit_path(self) -> str:
        return self.scope_path

    def holds(self, total: Decimal) -> bool:
        """Whether a village whose year's income is `total` is on this line's named side."""
        return total < self.amount if self.kind == ThresholdKind.BELOW else total >= self.amount
