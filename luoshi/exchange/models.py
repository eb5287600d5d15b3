"""Import and export jobs (DESIGN habit 7) and the column mappings users chose per layout."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.models import JobStatus
from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.scope import ScopedModel, ScopeRule


class JobKind(models.TextChoices):
    IMPORT = "import", _("导入")
    EXPORT = "export", _("导出")


class ExchangeJob(ScopedModel):
    """One import or export of a ledger: who asked, the uploaded file or the produced one, how
    far it got and, if it failed, why. An import waits in `ready` between preview and commit."""

    kind = models.CharField(_("类型"), max_length=10, choices=JobKind.choices)
    ledger = models.CharField(_("台账"), max_length=50)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), on_delete=models.CASCADE,
                              related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    source = models.FileField(_("上传文件"), upload_to="exchange/in/%Y/%m/", blank=True)
    source_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    result = models.FileField(_("结果文件"), upload_to="exchange/out/%Y/%m/", blank=True)
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    error_text = models.TextField(_("错误信息"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    # A job is its owner's own business: everyone sees their own jobs only.
    scope_rule = ScopeRule(people=("owner__person",))
    policy = Policy.of(view=ANY_ROLE, add=ANY_ROLE, change=ANY_ROLE)

    class Meta:
        verbose_name = _("导入导出任务")
        verbose_name_plural = _("导入导出任务")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.ledger} #{self.pk}"


class ColumnMapping(ScopedModel):
    """The column mapping a user chose for one table layout of one ledger, offered again for the
    next file with the same headers (`layout_signature`)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE,
                              related_name="+")
    ledger = models.CharField(_("台账"), max_length=50)
    signature = models.CharField(_("表头特征"), max_length=32)
    mapping = models.JSONField(_("列对应"), default=dict)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(people=("owner__person",))
    policy = Policy.of(view=ANY_ROLE, add=ANY_ROLE, change=ANY_ROLE)

    class Meta:
        verbose_name = _("列对应")
        verbose_name_plural = _("列对应")
        constraints = [models.UniqueConstraint(fields=["owner", "ledger", "signature"], name="mapping_once_per_layout")]

    def __str__(self):
        return f"{self.ledger} {self.signature}"
