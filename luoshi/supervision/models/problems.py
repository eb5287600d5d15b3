"""Problems found by surveys, inspections, enterprises and the public, listed and closed one by
one (问题清单 → 整改 → 销号). The workflow (assign → rectify → apply to close → checked by
someone else) is the transition table in `supervision/problem_flow.py`."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule, arm_indexes
from luoshi.plans.models import Recurrence

KEEPERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT, RoleCode.VILLAGE}
# 纪委 supervises the supervisors: it reads every problem and its 销号 record in its scope and
# changes none (no role below it gives it a write).
READERS = KEEPERS | {RoleCode.LEADER, RoleCode.CADRE, RoleCode.DISCIPLINE}
ASSIGNERS = {RoleCode.OFFICE, RoleCode.LEADER, RoleCode.DEPARTMENT}
FIXERS = KEEPERS | {RoleCode.CADRE}
REOPENERS = {RoleCode.OFFICE, RoleCode.LEADER}


class ProblemSource(models.TextChoices):
    SURVEY = "survey", _("大排查")
    INSPECTION = "inspection", _("督查发现")
    ENTERPRISE = "enterprise", _("企业反映")
    PUBLIC = "public", _("群众反映")
    HIGHER = "higher", _("上级反馈")
    REPORT = "report", _("进展反馈")


class ProblemStatus(models.TextChoices):
    FOUND = "found", _("待交办")
    ASSIGNED = "assigned", _("已交办")
    RECTIFYING = "rectifying", _("整改中")
    CLOSING = "closing", _("申请销号")
    CLOSED = "closed", _("已销号")
    RETURNED = "returned", _("已退回")


class DeadlineKind(models.TextChoices):
    DATE = "date", _("按日期")
    RECURRING = "recurring", _("定期")
    ONGOING = "ongoing", _("长期坚持")
    IMMEDIATE = "immediate", _("立行立改")
    NONE = "none", _("未定")


class Problem(ScopedModel):
    """One problem to rectify: what is wrong (description), what will be done (measures), who leads
    and helps, by when, and how far it got. `scope_path` copies the lead unit's path so a unit's
    list needs no join; the services keep it in step."""

    category = models.CharField(_("问题类别"), max_length=100, blank=True)
    source = models.CharField(_("问题来源"), max_length=20, choices=ProblemSource.choices,
                              default=ProblemSource.SURVEY)
    title = models.CharField(_("问题概要"), max_length=200)
    description = models.TextField(_("问题描述"))
    measures = models.TextField(_("整改措施"), blank=True)
    task = models.ForeignKey("plans.Task", verbose_name=_("相关任务"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    report = models.ForeignKey("progress.ProgressReport", verbose_name=_("来源进展"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+",
                               help_text=_("由进展上报中的困难和问题转入时，指向那次上报"))
    village = models.ForeignKey("org.Unit", verbose_name=_("所在村"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    lead_unit = models.ForeignKey("org.Unit", verbose_name=_("牵头单位"), on_delete=models.PROTECT, related_name="+")
    co_units = models.ManyToManyField("org.Unit", verbose_name=_("配合单位"), blank=True, related_name="+")
    leader = models.ForeignKey("org.Person", verbose_name=_("责任领导"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    owner = models.ForeignKey("org.Person", verbose_name=_("责任人"), null=True, blank=True, db_index=False,
                              on_delete=models.SET_NULL, related_name="+")
    deadline = models.DateField(_("整改时限"), null=True, blank=True, db_index=True)
    deadline_kind = models.CharField(_("时限类型"), max_length=20, choices=DeadlineKind.choices,
                                     default=DeadlineKind.NONE)
    recurrence = models.CharField(_("周期"), max_length=20, choices=Recurrence.choices, default="", blank=True)
    deadline_text = models.CharField(_("时限原文"), max_length=100, blank=True)
    status = models.CharField(_("整改状态"), max_length=20, choices=ProblemStatus.choices,
                              default=ProblemStatus.FOUND)
    evidence = models.TextField(_("佐证材料"), blank=True)
    note = models.TextField(_("备注"), blank=True)
    enterprise_name = models.CharField(_("企业名称"), max_length=200, blank=True)
    liaison = models.ForeignKey("org.Person", verbose_name=_("驻企联络员"), null=True, blank=True, db_index=False,
                                on_delete=models.SET_NULL, related_name="+")
    closing_requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("销号申请人"), null=True,
                                             blank=True, on_delete=models.SET_NULL, related_name="+")
    closing_requested_at = models.DateTimeField(_("申请销号时间"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("销号核验人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    flow_reason = models.CharField(_("退回或重新整改理由"), max_length=500, blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(paths=("scope_path",), people=("owner", "liaison"), unit_sets=("co_units",))
    # The workflow's actions; who may do each, and from which states, is problem_flow.TRANSITIONS.
    # from_report: a report's difficulties become a problem (the office, or the task's lead unit).
    policy = Policy.of(view=READERS, add=KEEPERS, change=KEEPERS, delete={RoleCode.OFFICE}, assign=ASSIGNERS,
                       start=FIXERS, request_close=FIXERS, close=ASSIGNERS, send_back=ASSIGNERS, reopen=REOPENERS,
                       from_report=KEEPERS, raise_found=FIXERS)

    class Meta:
        verbose_name = _("问题")
        verbose_name_plural = _("问题整改台账")
        ordering = ["-id"]
        indexes = [models.Index(fields=["scope_path", "status", "deadline"], name="problem_unit_status_deadline"),
                   *arm_indexes("problem", "owner", "liaison")]  # the scope's arms, where set
        constraints = [models.UniqueConstraint(fields=["report"], condition=models.Q(report__isnull=False),
                                               name="problem_once_per_report")]

    def __str__(self):
        return self.title[:60]

    def get_absolute_url(self) -> str:
        """The workflow page (交办 → 整改 → 销号), which the ledger's detail links to."""
        return reverse("supervision:problem_detail", args=[self.pk])

    def audit_unit_path(self) -> str:
        return self.scope_path
