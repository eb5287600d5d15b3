"""The roles of DESIGN.md and the five data-scope levels Chinese government systems use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleCode(models.TextChoices):
    LEADER = "leader", _("镇领导")
    OFFICE = "office", _("党政办")
    DEPARTMENT = "department", _("部门负责人")
    VILLAGE = "village", _("村干部")
    CADRE = "cadre", _("帮扶干部")
    DISCIPLINE = "discipline", _("纪委")


class DataScope(models.TextChoices):
    ALL = "all", _("全部数据")
    CUSTOM = "custom", _("自定义（所选单位及以下）")
    UNIT = "unit", _("本部门")
    UNIT_AND_BELOW = "unit_and_below", _("本部门及以下")
    SELF = "self", _("仅本人")


# What a role sees unless the office chooses otherwise for one assignment.
DEFAULT_SCOPE = {
    RoleCode.LEADER: DataScope.UNIT_AND_BELOW,
    RoleCode.OFFICE: DataScope.UNIT_AND_BELOW,
    RoleCode.DEPARTMENT: DataScope.UNIT_AND_BELOW,
    RoleCode.VILLAGE: DataScope.UNIT_AND_BELOW,
    RoleCode.CADRE: DataScope.SELF,
    RoleCode.DISCIPLINE: DataScope.UNIT_AND_BELOW,
}

ALL_ROLES = frozenset(RoleCode.values)
