"""What imports and exports keep: their kinds (each job is a core.JobRun named after its kind) and the
column mappings users chose per layout."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.scope import ScopedModel, ScopeRule


class JobKind(models.TextChoices):
    """An import or export; its job is named `exchange.<kind>` (`job_name`)."""

    IMPORT = "import", _("导入")
    EXPORT = "export", _("导出")


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
