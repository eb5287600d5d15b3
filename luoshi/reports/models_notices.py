"""公示: a public notice of the township's commitments (实事承诺) and their progress, or of a plan's
public targets, served without a login at an unguessable address while it is published and not past
its date. The notice stores what it shows (its kind and its scope: a township or one village, a plan
or one of its lines), never the rows: the page reads them live, through a fixed list of public fields
(`reports.notices`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

OFFICE = {RoleCode.OFFICE}
READERS = {RoleCode.OFFICE, RoleCode.LEADER}


class NoticeKind(models.TextChoices):
    COMMITMENTS = "commitments", _("实事承诺及进展")
    TARGETS = "targets", _("工作计划目标任务")


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("公示中")
    WITHDRAWN = "withdrawn", _("已撤回")
    EXPIRED = "expired", _("已到期")


class PublicNotice(ScopedModel):
    """One 公示: what it shows (`kind` with `village` or `plan`/`line`), its title and foreword, who
    published it and when, and the last day it is shown (`expires_on`). Its life is
    `reports.notices.TRANSITIONS`: draft → published → withdrawn or expired. The address's `slug` is
    random and kept in the clear: a notice is meant to be posted and shared, unlike a screen link."""

    kind = models.CharField(_("公示内容"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.COMMITMENTS)
    township = models.ForeignKey("org.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey("org.Unit", verbose_name=_("村"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", help_text=_("不选则公示全镇各村的承诺"))
    year = models.PositiveSmallIntegerField(_("年度"))
    plan = models.ForeignKey("plans.Plan", verbose_name=_("工作计划"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey("plans.WorkLine", verbose_name=_("工作专线"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    foreword = models.TextField(_("公示说明"), blank=True,
                                help_text=_("显示在正文之前：公示期限、意见反映方式等。手机号码和身份证号码不会公示。"))
    issuer = models.CharField(_("发布机关"), max_length=100, blank=True)
    slug = models.CharField(max_length=40, unique=True, editable=False)
    status = models.CharField(_("状态"), max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT)
    expires_on = models.DateField(_("公示截止日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("起草时间"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("撤回人"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    end_reason = models.CharField(_("撤回理由"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    scope_rule = ScopeRule(units=("township",))
    policy = Policy.of(view=READERS, add=OFFICE, change=OFFICE, publish=OFFICE, withdraw=OFFICE)

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def audit_unit_path(self) -> str:
        return self.village.path if self.village_id else self.township.path
