"""帮扶户 (poverty-alleviation households): the household and its members, the 帮扶干部 assigned to
it (with the history of who was), the cadre's visits checking 两不愁三保障 and 饮水安全 item by item,
and the measures and benefits it received. ID-card numbers and phones are personal data: declared
`personal=` on the ledgers' columns (`people/ledgers.py`), so the engine masks them everywhere,
reveals one for a reason, and clears them when a closed household's retention period is over.

Scope: a household's `scope_path` is its village's (the village sees its own); `cadre` is the person
helping it (a 帮扶干部, whose scope is 仅本人, sees their households); `office` is the township's
扶贫办, a department that sees every household it is responsible for."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule, arm_indexes

ID_CARD = RegexValidator(r"^\d{17}[\dXx]$", _("身份证号应为18位，最后一位可为X"))
KEEPERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT, RoleCode.VILLAGE}
READERS = KEEPERS | {RoleCode.LEADER, RoleCode.CADRE}  # not the discipline office: nothing of theirs
VISITORS = KEEPERS | {RoleCode.CADRE}
# Who may reveal a household's numbers (one field, for a reason, audited) and export them in full.
PERSONAL = Policy.of(reveal=READERS, export_unmasked={RoleCode.OFFICE, RoleCode.DEPARTMENT})
RETENTION_DAYS = 5 * 365  # a closed (销号) household's numbers are kept five years


class Category(models.TextChoices):
    LIFTED = "lifted", _("脱贫户")
    UNSTABLE = "unstable", _("脱贫不稳定户")
    EDGE = "edge", _("边缘易致贫户")
    HARDSHIP = "hardship", _("突发严重困难户")


class HouseholdStatus(models.TextChoices):
    HELPED = "helped", _("帮扶中")
    CLOSED = "closed", _("已销号")


class Household(ScopedModel):
    """A household helped (帮扶户): its head, where it lives, its category, the cadre helping it."""

    head_name = models.CharField(_("户主姓名"), max_length=50)
    head_id_card = models.CharField(_("户主身份证号"), max_length=18, blank=True, validators=[ID_CARD])
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    village = models.ForeignKey("org.Unit", verbose_name=_("所属村"), on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("org.Unit", verbose_name=_("村民小组"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    category = models.CharField(_("户类别"), max_length=20, choices=Category.choices, default=Category.LIFTED)
    size = models.PositiveIntegerField(_("家庭人口"), default=1)
    cadre = models.ForeignKey("org.Person", verbose_name=_("帮扶干部"), null=True, blank=True, db_index=False,
                              on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("org.Unit", verbose_name=_("扶贫办"), null=True, blank=True, db_index=False,
                               on_delete=models.PROTECT, related_name="+", help_text=_("负责本户的镇扶贫工作机构"))
    status = models.CharField(_("状态"), max_length=20, choices=HouseholdStatus.choices,
                              default=HouseholdStatus.HELPED)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(paths=("scope_path",), people=("cadre",), units=("office",))
    policy = Policy.of(view=READERS, add=KEEPERS, change=KEEPERS, delete={RoleCode.OFFICE}, visit=VISITORS,
                       to_problem=VISITORS)

    class Meta:
        verbose_name = _("帮扶户")
        verbose_name_plural = _("帮扶户台账")
        ordering = ["scope_path", "id"]
        indexes = arm_indexes("household", "cadre", "office")  # the scope's arms, where set

    def __str__(self):
        return _("%(name)s户") % {"name": self.head_name}

    def audit_unit_path(self) -> str:
        return self.scope_path


class _OfHousehold(ScopedModel):
    """A row belonging to a household: the household's scope, its village's path copied."""

    household = models.ForeignKey(Household, verbose_name=_("帮扶户"), on_delete=models.CASCADE, related_name="+")
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    scope_rule = ScopeRule(paths=("scope_path",), people=("household__cadre",), units=("household__office",))

    class Meta:
        abstract = True

    def audit_unit_path(self) -> str:
        return self.scope_path


class Member(_OfHousehold):
    """A member of a household (the head included when listed), with their own numbers."""

    name = models.CharField(_("姓名"), max_length=50)
    relation = models.CharField(_("与户主关系"), max_length=20, blank=True, help_text=_("如：本人、配偶、子女"))
    id_card = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[ID_CARD])
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    policy = Policy.of(view=READERS, add=KEEPERS, change=KEEPERS, delete=KEEPERS)

    class Meta:
        verbose_name = _("家庭成员")
        verbose_name_plural = _("家庭成员")
        ordering = ["household_id", "id"]

    def __str__(self):
        return self.name


class CadreAssignment(_OfHousehold):
    """Who helped a household, from when to when: the history of its 帮扶干部 (one open at a time)."""

    cadre = models.ForeignKey("org.Person", verbose_name=_("帮扶干部"), on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("安排人"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    policy = Policy.of(view=READERS)

    class Meta:
        verbose_name = _("帮扶干部安排")
        verbose_name_plural = _("帮扶干部安排")
        ordering = ["household_id", "-starts_on", "-id"]

    def __str__(self):
        return str(self.cadre)


class BenefitKind(models.TextChoices):
    YULU = "yulu", _("雨露计划")
    HOUSING = "housing", _("危房改造")
    INSURANCE = "insurance", _("防贫保")
    FILIAL = "filial", _("孝善基金")
    DIVIDEND = "dividend", _("产业分红")
    OTHER = "other", _("其他措施")


class Benefit(_OfHousehold):
    """A measure or benefit a household received, with its amount and date."""

    kind = models.CharField(_("帮扶措施"), max_length=20, choices=BenefitKind.choices)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0"))])
    received_on = models.DateField(_("享受日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    policy = Policy.of(view=READERS, add=KEEPERS, change=KEEPERS, delete=KEEPERS)

    class Meta:
        verbose_name = _("帮扶措施")
        verbose_name_plural = _("帮扶措施与收益")
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d}"


class Visit(_OfHousehold):
    """A cadre's visit (入户走访) with the check of 两不愁三保障 and 饮水安全 (`VisitCheck`) and photos
    (progress' attachments, owned by the visit)."""

    visited_on = models.DateField(_("走访日期"))
    visitor = models.ForeignKey("org.Person", verbose_name=_("走访人"), on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("走访情况"), blank=True)
    failed = models.PositiveIntegerField(_("不达标项"), default=0)
    report = models.ForeignKey("progress.ProgressReport", verbose_name=_("上报进展"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+",
                               help_text=_("走访同时作为这项任务的进展上报，回应一三五调度点名"))
    # A visit captured on a phone without signal and sent later: when it was written on the phone (`visited_on`
    # is that day, within the offline grace), and the key that makes a resend one visit. `created_at` is its receipt.
    captured_at = models.DateTimeField(_("采集时间"), null=True, blank=True, editable=False)
    idempotency_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    scope_rule = ScopeRule(paths=("scope_path",), people=("household__cadre", "visitor"), units=("household__office",))
    policy = Policy.of(view=READERS, add=VISITORS)

    class Meta:
        verbose_name = _("走访")
        verbose_name_plural = _("走访记录")
        ordering = ["-visited_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["visitor", "idempotency_key"],
                                               condition=~models.Q(idempotency_key=""),
                                               name="visit_idempotent_per_visitor")]

    def __str__(self):
        return _("%(date)s 走访") % {"date": f"{self.visited_on:%Y-%m-%d}"}


class CheckItem(models.TextChoices):
    FOOD = "food", _("吃穿不愁")
    EDUCATION = "education", _("义务教育")
    MEDICAL = "medical", _("基本医疗")
    HOUSING = "housing", _("住房安全")
    WATER = "water", _("饮水安全")


class VisitCheck(models.Model):
    """One item of a visit's check: 达标 or 不达标 with a note; a failed one may become a problem."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="checks")
    item = models.CharField(_("检查项"), max_length=20, choices=CheckItem.choices)
    passed = models.BooleanField(_("达标"), default=True)
    note = models.CharField(_("情况说明"), max_length=300, blank=True)
    problem = models.ForeignKey("supervision.Problem", verbose_name=_("转为问题"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("走访检查项")
        verbose_name_plural = _("走访检查项")
        ordering = ["visit_id", "id"]
        constraints = [models.UniqueConstraint(fields=["visit", "item"], name="visit_check_once")]

    def __str__(self):
        return self.get_item_display()
