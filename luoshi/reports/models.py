"""What leaders read, kept: bulletins (通报) with their numbers and documents, the office's schedule
of them, and the meeting room's screen links (大屏)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

OFFICE = {RoleCode.OFFICE}
READERS = {RoleCode.OFFICE, RoleCode.LEADER}


class BulletinKind(models.TextChoices):
    WEEKLY = "weekly", _("周通报")
    MONTHLY = "monthly", _("月通报")


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已印发")


class Bulletin(ScopedModel):
    """A weekly or monthly 通报 of a plan (or of one of its lines) over `start`..`end`.

    A draft keeps the figures it was drafted from (`figures`, rebuilt by 重新生成) and the texts the
    office edits (`summary`, `remarks`); issuing gives it the township's next number of the year
    (〔2026〕N号), writes the Word document once and keeps it: an issued bulletin no longer changes."""

    plan = models.ForeignKey("plans.Plan", verbose_name=_("工作计划"), on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey("plans.WorkLine", verbose_name=_("工作专线"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=10, choices=BulletinKind.choices, default=BulletinKind.WEEKLY)
    start = models.DateField(_("起始日期"))
    end = models.DateField(_("截止日期"))
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("总体进展"), blank=True)
    remarks = models.TextField(_("下步要求"), blank=True)
    figures = models.JSONField(_("数据"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT)
    township = models.ForeignKey("org.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    issuer = models.CharField(_("发文机关"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    document = models.FileField(_("文件"), upload_to="reports/%Y/%m/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("起草时间"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("印发人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    scope_rule = ScopeRule(units=("township",))
    policy = Policy.of(view=READERS, add=OFFICE, change=OFFICE, issue=OFFICE)

    class Meta:
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["township", "year", "serial"], name="reports_bulletin_number_once")]

    def __str__(self):
        return self.title

    def audit_unit_path(self) -> str:
        return self.township.path

    @property
    def number(self) -> str:
        """〔2026〕3号, or "" for a draft."""
        return _("〔%(year)d〕%(serial)d号") % {"year": self.year, "serial": self.serial} if self.serial else ""


class BulletinSchedule(ScopedModel):
    """The office's standing order: draft this plan's (or line's) weekly bulletin every Monday, or
    its monthly one on the 1st, for the period just ended (`reports.jobs`). Drafts only: a person issues."""

    plan = models.ForeignKey("plans.Plan", verbose_name=_("工作计划"), on_delete=models.CASCADE, related_name="+")
    line = models.ForeignKey("plans.WorkLine", verbose_name=_("工作专线"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=10, choices=BulletinKind.choices, default=BulletinKind.WEEKLY)
    township = models.ForeignKey("org.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    scope_rule = ScopeRule(units=("township",))
    policy = Policy.of(view=READERS, add=OFFICE, change=OFFICE)

    class Meta:
        verbose_name = _("通报计划")
        verbose_name_plural = _("通报计划")
        ordering = ["plan", "kind", "id"]

    def __str__(self):
        return f"{self.plan} {self.get_kind_display()}"

    def audit_unit_path(self) -> str:
        return self.township.path


class ScreenLink(ScopedModel):
    """A meeting room's 大屏: a long link that shows the dashboard as `created_by` sees it, without a
    login, until it expires or the office revokes it. Only the token's SHA-256 is stored; the link
    is shown once, when made. Opening it is audited once a day per link (`last_seen_on`)."""

    name = models.CharField(_("名称"), max_length=100)
    township = models.ForeignKey("org.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("撤销人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    last_seen_on = models.DateField(_("最近打开"), null=True, blank=True)

    scope_rule = ScopeRule(units=("township",))
    policy = Policy.of(view=OFFICE, add=OFFICE, revoke=OFFICE)

    class Meta:
        verbose_name = _("大屏链接")
        verbose_name_plural = _("大屏链接")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.township.path


# 公示 live beside these (models_notices.py); Django finds them through this module
from luoshi.reports.models_notices import NoticeKind, NoticeStatus, PublicNotice  # noqa: E402, F401

# the year's review draft lives beside these (models_review.py); Django finds it through this module
from luoshi.reports.models_review import AnnualReview  # noqa: E402, F401
