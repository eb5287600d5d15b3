"""What the field reports: progress reports with numbers and photos, and the files behind them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

REPORTERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT, RoleCode.VILLAGE, RoleCode.CADRE}


class ProgressReport(ScopedModel):
    """One report on a task from the field. A recurring task expects one per `period` (keys:
    plans/periods.py — "2024-05" monthly, "2024-W18" weekly, "2024-05-06" a day or a roll-call day,
    "2024-H1" a half year, "2024" a year, "" for one-off tasks)."""

    # no index of its own: `report_task_latest` (task, -created_at) serves a task's reports, and every note
    # pays each index of this table (533,000 rows at county scale) on its INSERT
    task = models.ForeignKey("plans.Task", verbose_name=_("任务"), on_delete=models.CASCADE, related_name="reports",
                             db_index=False)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上报人"), on_delete=models.PROTECT,
                                 related_name="+")
    reporter_name = models.CharField(_("上报人姓名"), max_length=50)
    unit = models.ForeignKey("org.Unit", verbose_name=_("上报单位"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    period = models.CharField(_("周期"), max_length=20, blank=True)  # indexed in Meta: equality only, no LIKE index
    text = models.TextField(_("进展情况"))
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"), null=True, blank=True)
    difficulties = models.TextField(_("困难和问题"), blank=True)
    idempotency_key = models.CharField(max_length=64, blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    created_at = models.DateTimeField(_("上报时间"), auto_now_add=True, db_index=True)
    # Captured on a phone without signal and sent later: when it was written on the phone, and the time the
    # lights count it at (plans.lights.counted_time: the capture, within the offline grace). Both empty for a
    # report sent as it was written, which counts at `created_at`, its receipt.
    captured_at = models.DateTimeField(_("采集时间"), null=True, blank=True, editable=False)
    counted_at = models.DateTimeField(_("计入时间"), null=True, blank=True, editable=False)

    scope_rule = ScopeRule(paths=("scope_path",), people=("task__owner", "reporter__person"))
    policy = Policy.of(view=ANY_ROLE, add=REPORTERS)

    class Meta:
        verbose_name = _("进展上报")
        verbose_name_plural = _("进展上报")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["reporter", "idempotency_key"], condition=~models.Q(idempotency_key=""),
                                    name="report_idempotent_per_reporter"),
        ]
        indexes = [models.Index(fields=["task", "-created_at"], name="report_task_latest"),
                   models.Index(fields=["period"], name="report_period")]

    def __str__(self):
        return f"{self.task} · {self.created_at:%Y-%m-%d}" if self.created_at else str(self.task)

    def audit_unit_path(self) -> str:
        return self.scope_path

    @property
    def counts_at(self):
        """The time the lights count this report at (its period, the task's last report)."""
        return self.counted_at or self.created_at

    @property
    def difficulty_items(self) -> list[str]:
        """Each difficulty on its own line, so each can later become a problem (问题清单)."""
        return [line for line in self.difficulties.splitlines() if line.strip()]


class IndicatorValue(ScopedModel):
    """A number reported against an indicator (e.g. 3 家 cooperatives running in one village)."""

    report = models.ForeignKey(ProgressReport, verbose_name=_("进展上报"), on_delete=models.CASCADE,
                               related_name="values")
    indicator = models.ForeignKey("plans.Indicator", verbose_name=_("指标"), on_delete=models.CASCADE,
                                  related_name="values")
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=2)

    scope_rule = ScopeRule(paths=("report__scope_path",))
    policy = ProgressReport.policy

    class Meta:
        verbose_name = _("指标数值")
        verbose_name_plural = _("指标数值")

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class Attachment(ScopedModel):
    """A photo or file attached to a report, an inspection or a problem. Served only through a
    permission-checked view; a photo's EXIF time and place are kept here as evidence and
    stripped from the stored image."""

    owner_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    file = models.FileField(_("文件"), upload_to="attachments/%Y/%m/")
    thumbnail = models.FileField(_("缩略图"), upload_to="attachments/%Y/%m/", blank=True)
    name = models.CharField(_("文件名"), max_length=255)
    mime = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小"))
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    taken_at = models.DateTimeField(_("拍摄时间"), null=True, blank=True)
    gps_lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    gps_lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                                    related_name="+")
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    scope_rule = ScopeRule(paths=("scope_path",), people=("uploaded_by__person",))
    policy = Policy.of(view=ANY_ROLE, add=ANY_ROLE)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="attachment_owner")]

    def __str__(self):
        return self.name

    @property
    def is_image(self) -> bool:
        return self.mime.startswith("image/")
