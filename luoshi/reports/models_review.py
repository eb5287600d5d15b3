"""The year's review draft (一年来, `AnnualReview`): the figures of a plan's year read from the data,
each with its reference (the query in words, the link to its rows, the rows' ids), kept as JSON so
the page and the Word document say the same numbers; 重新生成 reads them again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

OFFICE = {RoleCode.OFFICE}
READERS = {RoleCode.OFFICE, RoleCode.LEADER}


class AnnualReview(ScopedModel):
    """A draft of the year's review of a plan (一年来): what each work line planned and achieved, and
    the quantities the deployment speech's review names, every number with its source (`figures`,
    gathered by `reports.review`). A draft: the office downloads it and writes the speech from it."""

    plan = models.ForeignKey("plans.Plan", verbose_name=_("工作计划"), on_delete=models.PROTECT, related_name="+")
    township = models.ForeignKey("org.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    figures = models.JSONField(_("数据"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("生成人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    refreshed_at = models.DateTimeField(_("数据读取时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    scope_rule = ScopeRule(units=("township",))
    policy = Policy.of(view=READERS, add=OFFICE, change=OFFICE)

    class Meta:
        verbose_name = _("年度工作回顾")
        verbose_name_plural = _("年度工作回顾")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def audit_unit_path(self) -> str:
        return self.township.path
