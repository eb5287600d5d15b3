"""The township's economy registers (双招双引, 企业, 合作社与家庭农场, 村级集体经济, 人才): each a
model declared as a ledger in `economy/ledgers.py`, so its list, form, import, export and API
come from the engine."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule, arm_indexes

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
    liaison = models.ForeignKey("org.Person", verbose_name=_("驻企联络员"), null=True, blank=True, db_index=False,
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
        indexes = arm_indexes("enterprise", "liaison")  # the scope's arm, where set

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.scope_path


# -- 招商引资: investment projects and leads ------------------------------------------------------------

# Who follows a project: the office and the departments keep the register; a township leader is often
# the one following a project (跟进领导) and records its steps too.
FOLLOWERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT, RoleCode.LEADER}
YI_YUAN = 10000  # 亿元项目: planned investment of at least 1 亿元 = 10000 万元


class LeadSource(models.TextChoices):
    LIAISON_OFFICE = "liaison_office", _("招商联络处")
    NATIVE = "native", _("在外人士")
    BUSINESS = "business", _("以商招商")
    SUPERIOR = "superior", _("上级推介")
    OTHER = "other", _("其他")


class ProjectStage(models.TextChoices):
    """A project's life, in order; the moves between them are economy.project_flow's table."""

    LEAD = "lead", _("线索")
    TALKING = "talking", _("在谈")
    SIGNED = "signed", _("签约")
    STARTED = "started", _("开工")
    PRODUCING = "producing", _("投产")
    DROPPED = "dropped", _("终止")


class InvestmentProject(ScopedModel):
    """An investment project (招商引资项目) from its lead (线索: where it came from, who brought it)
    through 在谈, 签约, 开工 to 投产, each stage with its date; `yi_project` (亿元项目) is derived from the
    planned investment. `scope_path` copies its place's path (a village, or the township for a park),
    `lead_path` the following department's, so both see it without a join; `followed_on` is the day of
    its latest step, which its light (stale leads) is judged by."""

    name = models.CharField(_("项目名称"), max_length=200)
    investor = models.CharField(_("投资方"), max_length=200, blank=True)
    industry = models.CharField(_("所属产业"), max_length=50, blank=True)
    source = models.CharField(_("线索来源"), max_length=20, choices=LeadSource.choices, default=LeadSource.OTHER)
    introducer = models.CharField(_("信息提供人"), max_length=100, blank=True)
    lead_date = models.DateField(_("获得线索日期"))
    stage = models.CharField(_("项目阶段"), max_length=20, choices=ProjectStage.choices, default=ProjectStage.LEAD,
                             db_index=True)
    talks_date = models.DateField(_("洽谈日期"), null=True, blank=True)
    signed_date = models.DateField(_("签约日期"), null=True, blank=True, db_index=True)
    started_date = models.DateField(_("开工日期"), null=True, blank=True)
    producing_date = models.DateField(_("投产日期"), null=True, blank=True)
    amount = models.DecimalField(_("计划投资（万元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    invested = models.DecimalField(_("实际完成投资（万元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    yi_project = models.BooleanField(_("亿元项目"), default=False, editable=False)
    unit = models.ForeignKey("org.Unit", verbose_name=_("所在村（园区）"), on_delete=models.PROTECT,
                             related_name="+")
    park = models.CharField(_("所在园区"), max_length=100, blank=True)
    leader = models.ForeignKey("org.Person", verbose_name=_("跟进领导"), null=True, blank=True, db_index=False,
                               on_delete=models.SET_NULL, related_name="+")
    lead_unit = models.ForeignKey("org.Unit", verbose_name=_("跟进部门"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    followed_on = models.DateField(_("最近跟进"), null=True, blank=True, editable=False)
    note = models.TextField(_("备注"), blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    lead_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(paths=("scope_path", "lead_path"), people=("leader",))
    policy = Policy.of(view=ANY_ROLE, add=KEEPERS, change=KEEPERS, delete={RoleCode.OFFICE},
                       negotiate=FOLLOWERS, sign=FOLLOWERS, start=FOLLOWERS, produce=FOLLOWERS, drop=FOLLOWERS,
                       resume=FOLLOWERS, follow_up=FOLLOWERS)

    class Meta:
        verbose_name = _("招商引资项目")
        verbose_name_plural = _("招商引资项目")
        ordering = ["-lead_date", "-id"]
        indexes = arm_indexes("project", "leader")  # the scope's arm, where set

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.scope_path

    def paths(self) -> tuple[str, ...]:
        """The unit paths the project counts under (its place, its department)."""
        return tuple(p for p in (self.scope_path, self.lead_path) if p)


class ProjectStep(ScopedModel):
    """One step of a project, with its date and evidence: registered, moved to a stage (签约 …), or
    followed up (跟进) without moving. The evidence is a note (合同编号, 开工许可, 照片在何处 …): files
    are kept by progress' attachments, which this app may not import."""

    project = models.ForeignKey(InvestmentProject, verbose_name=_("项目"), on_delete=models.CASCADE,
                                related_name="steps")
    action = models.CharField(_("事项"), max_length=20)
    stage = models.CharField(_("阶段"), max_length=20, choices=ProjectStage.choices)
    date = models.DateField(_("日期"))
    note = models.TextField(_("情况及佐证"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT,
                           related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    scope_rule = ScopeRule(paths=("project__scope_path", "project__lead_path"), people=("project__leader",))
    policy = Policy.of(view=ANY_ROLE)

    class Meta:
        verbose_name = _("项目进展")
        verbose_name_plural = _("项目进展")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.project} · {self.date:%Y-%m-%d}"


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
