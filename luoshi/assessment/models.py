"""Assessment: per-unit statistics (no table of their own: `statistics.py` counts other apps' rows),
then schemes, scoring runs and rankings."""

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode

# Who may read a unit's statistics: the leaders and the office for every unit they see, a department
# or a village for its own, 纪委 for the units it supervises. An aid cadre sees only their own rows.
STATISTICS_POLICY = Policy.of(view={RoleCode.LEADER, RoleCode.OFFICE, RoleCode.DEPARTMENT, RoleCode.VILLAGE,
                                    RoleCode.DISCIPLINE})
