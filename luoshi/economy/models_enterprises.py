"""What an enterprise's page keeps besides its register row: who was its 驻企联络员 when, each
change of its production status with its day, and its demands (企业诉求), which are problems of
the problems ledger. The enterprise's writes and its life (`economy.enterprise_flow`) are the
one owner of the first two: `Enterprise.liaison` and `Enterprise.status` are their latest rows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

DEMAND_KEEPERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT, RoleCode.VILLAGE}  # who may add a problem


class LiaisonAssignment(ScopedModel):
    """One person's time as an enterprise's 驻企联络员: from the day they were named to the day
    another was (open while they still are)."""

    enterprise = models.ForeignKey("economy.Enterprise", verbose_name=_("企业"), on_delete=models.CASCADE,
                                   related_name="liaisons")
    person = models.ForeignKey("org.Person", verbose_name=_("驻企联络员"), on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("起始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("指派人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    scope_rule = ScopeRule(paths=("scope_path",), people=("person",))
    policy = Policy.of(view=ANY_ROLE)

    class Meta:
        verbose_name = _("驻企联络员指派")
        verbose_name_plural = _("驻企联络员指派")
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return f"{self.enterprise_id}:{self.person_id}"

    def audit_unit_path(self) -> str:
        return self.scope_path


class StatusChange(ScopedModel):
    """One step of an enterprise's production status (停产, 复工, 达产) on its day; the first row
    is the status it was registered with."""

    enterprise = models.ForeignKey("economy.Enterprise", verbose_name=_("企业"), on_delete=models.CASCADE,
                                   related_name="status_changes")
    from_status = models.CharField(_("原状态"), max_length=20, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20)
    on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    scope_rule = ScopeRule(paths=("scope_path",), people=("enterprise__liaison",))
    policy = Policy.of(view=ANY_ROLE)

    class Meta:
        verbose_name = _("生产状态变更")
        verbose_name_plural = _("生产状态变更")
        ordering = ["-on", "-id"]

    def __str__(self):
        return f"{self.enterprise_id}:{self.to_status}@{self.on}"

    def audit_unit_path(self) -> str:
        return self.scope_path


class EnterpriseDemand(ScopedModel):
    """An enterprise's demand (企业诉求): a problem of the problems ledger (source 企业反映), listed
    and closed there one by one (销号), and linked here to the enterprise that raised it."""

    enterprise = models.ForeignKey("economy.Enterprise", verbose_name=_("企业"), on_delete=models.CASCADE,
                                   related_name="demands")
    problem = models.OneToOneField("supervision.Problem", verbose_name=_("问题"), on_delete=models.CASCADE,
                                   related_name="+")
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    scope_rule = ScopeRule(paths=("scope_path",), people=("enterprise__liaison",))
    policy = Policy.of(view=ANY_ROLE, add=DEMAND_KEEPERS)

    class Meta:
        verbose_name = _("企业诉求")
        verbose_name_plural = _("企业诉求")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.enterprise}：{self.problem}"

    def audit_unit_path(self) -> str:
        return self.scope_path
