"""On-site checks (一线督导、一线检查): who went where, what they found, how it rated. Each finding
can become a problem on the list in one step (source = inspection)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

INSPECTORS = {RoleCode.OFFICE, RoleCode.LEADER, RoleCode.DEPARTMENT}
READERS = INSPECTORS | {RoleCode.VILLAGE, RoleCode.CADRE}


class InspectionRating(models.TextChoices):
    GOOD = "good", _("好")
    FAIR = "fair", _("较好")
    AVERAGE = "average", _("一般")
    POOR = "poor", _("差")


class Inspection(ScopedModel):
    """One on-site check of a task, a unit or a place. `unit` is the unit checked (a task's lead
    unit when a task is checked); `scope_path` copies its path so the unit sees its checks."""

    date = models.DateField(_("检查日期"))
    unit = models.ForeignKey("org.Unit", verbose_name=_("被检查单位"), on_delete=models.PROTECT, related_name="+")
    task = models.ForeignKey("plans.Task", verbose_name=_("检查任务"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    place = models.CharField(_("检查地点"), max_length=200, blank=True)
    inspectors = models.ManyToManyField("org.Person", verbose_name=_("检查人员"), blank=True, related_name="+")
    rating = models.CharField(_("评价"), max_length=10, choices=InspectionRating.choices,
                              default=InspectionRating.FAIR)
    summary = models.TextField(_("检查情况"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)

    scope_rule = ScopeRule(paths=("scope_path",), people=("created_by__person",))
    policy = Policy.of(view=READERS, add=INSPECTORS, problem={RoleCode.OFFICE, RoleCode.DEPARTMENT})

    class Meta:
        verbose_name = _("督查记录")
        verbose_name_plural = _("一线督导")
        ordering = ["-date", "-id"]

    def __str__(self):
        subject = self.task.title[:30] if self.task_id else (self.place or self.unit.name)
        return f"{self.date:%Y-%m-%d} {subject}"

    def audit_unit_path(self) -> str:
        return self.scope_path


class Finding(ScopedModel):
    """One thing an inspection found; `problem` is set once it was put on the problem list."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("督查记录"), on_delete=models.CASCADE,
                                   related_name="findings")
    text = models.TextField(_("发现问题"))
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    problem = models.OneToOneField("supervision.Problem", verbose_name=_("转入问题"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="finding")

    scope_rule = ScopeRule(paths=("inspection__scope_path",), people=("inspection__created_by__person",))
    policy = Inspection.policy

    class Meta:
        verbose_name = _("督查发现")
        verbose_name_plural = _("督查发现")
        ordering = ["inspection", "position", "id"]

    def __str__(self):
        return self.text[:60]

    def audit_unit_path(self) -> str:
        return self.inspection.scope_path
