"""The three-colour supervision slip (三色督办单): blue when a deadline nears, yellow when work is
behind 序时进度, red when overdue. It goes to the task's owner and, unanswered, climbs to the
lead unit's head and then to the leader in charge; the escalation rules are in `urging.py`."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule, arm_indexes

ISSUERS = {RoleCode.OFFICE, RoleCode.LEADER}
RECIPIENTS = {RoleCode.DEPARTMENT, RoleCode.VILLAGE, RoleCode.CADRE, RoleCode.OFFICE, RoleCode.LEADER}
# 纪委 reads the slips and how they escalated (supervising the supervisors), and issues or answers none.
READERS = ISSUERS | RECIPIENTS | {RoleCode.DISCIPLINE}


class UrgeColour(models.TextChoices):
    BLUE = "blue", _("蓝色督办（临期提醒）")
    YELLOW = "yellow", _("黄色督办（进度滞后）")
    RED = "red", _("红色督办（逾期未完成）")


class UrgeStatus(models.TextChoices):
    OPEN = "open", _("待答复")
    ANSWERED = "answered", _("已答复")
    WITHDRAWN = "withdrawn", _("已撤回")


class UrgeLevel(models.IntegerChoices):
    OWNER = 0, _("责任人")
    HEAD = 1, _("牵头单位负责人")
    LEADER = 2, _("责任领导")


class UrgeSource(models.TextChoices):
    MANUAL = "manual", _("人工督办")
    DISPATCH = "dispatch", _("调度点名")
    LIGHT = "light", _("亮灯预警")


class Urge(ScopedModel):
    """One supervision slip about one task: its colour (proposed from the task's state, possibly
    overridden), requirement, deadline, the owner's answer, and how far it has escalated.
    `scope_path` copies the task's, so the lead unit sees the slips on its work."""

    number = models.CharField(_("编号"), max_length=40, blank=True, db_index=True)
    task = models.ForeignKey("plans.Task", verbose_name=_("督办任务"), on_delete=models.CASCADE, related_name="+")
    colour = models.CharField(_("督办等级"), max_length=10, choices=UrgeColour.choices)
    proposed_colour = models.CharField(_("建议等级"), max_length=10, choices=UrgeColour.choices)
    reason = models.CharField(_("督办事由"), max_length=500)
    message = models.TextField(_("督办要求"), blank=True)
    due = models.DateField(_("办结时限"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=20, choices=UrgeSource.choices, default=UrgeSource.MANUAL)
    status = models.CharField(_("状态"), max_length=20, choices=UrgeStatus.choices, default=UrgeStatus.OPEN)
    level = models.PositiveSmallIntegerField(_("升级层级"), choices=UrgeLevel.choices, default=UrgeLevel.OWNER)
    owner = models.ForeignKey("org.Person", verbose_name=_("责任人"), on_delete=models.PROTECT, related_name="+")
    head = models.ForeignKey("org.Person", verbose_name=_("牵头单位负责人"), null=True, blank=True, db_index=False,
                             on_delete=models.SET_NULL, related_name="+")
    head_at = models.DateTimeField(_("升级至单位负责人"), null=True, blank=True)
    leader = models.ForeignKey("org.Person", verbose_name=_("责任领导"), null=True, blank=True, db_index=False,
                               on_delete=models.SET_NULL, related_name="+")
    leader_at = models.DateTimeField(_("升级至责任领导"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("督办人"), on_delete=models.PROTECT,
                                  related_name="+")
    issued_at = models.DateTimeField(_("督办时间"), default=timezone.now, db_index=True)
    answer = models.TextField(_("办理情况"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)

    scope_rule = ScopeRule(paths=("scope_path",), people=("owner", "head", "leader"))
    policy = Policy.of(view=READERS, add=ISSUERS, withdraw=ISSUERS, answer=RECIPIENTS)

    class Meta:
        verbose_name = _("督办单")
        verbose_name_plural = _("督办单")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["status", "issued_at"], name="urge_status_issued"),
                   *arm_indexes("urge", "head", "leader")]  # the scope's arms, where set

    def __str__(self):
        return f"{self.number or self.pk} {self.task.title[:40]}"

    def audit_unit_path(self) -> str:
        return self.scope_path

    @property
    def is_open(self) -> bool:
        return self.status == UrgeStatus.OPEN
