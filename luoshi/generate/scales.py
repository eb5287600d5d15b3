"""The sizes `luoshi gen --scale` knows. Per township unless said otherwise."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    townships: int
    villages: int
    groups: int  # per village
    top_tasks: int  # led by departments
    split_tasks: int  # of the top tasks, those split into one child task per village
    indicators_per_line: int
    split_indicators: int  # township indicators split into one share per village
    one_off_reports: float  # mean reports on a signed one-off task
    problems: int
    cadres: int
    urges: int  # the office's own slips; roll calls add theirs for whoever did not report
    county_users: int = 2  # a county leader and a county office

    @property
    def tasks(self) -> int:
        return self.townships * (self.top_tasks + self.split_tasks * self.villages)


SCALES = {
    # 2 townships so that tests see another township's rows stay out of scope.
    "tiny": Scale("tiny", townships=2, villages=3, groups=1, top_tasks=24, split_tasks=8, indicators_per_line=1,
                  split_indicators=2, one_off_reports=2.0, problems=18, cadres=2,
                  urges=12),
    "township": Scale("township", townships=1, villages=25, groups=3, top_tasks=200, split_tasks=192,
                      indicators_per_line=4, split_indicators=6, one_off_reports=3.2, problems=2500, cadres=8, urges=80),
    "county": Scale("county", townships=20, villages=25, groups=3, top_tasks=200, split_tasks=192,
                    indicators_per_line=4, split_indicators=6, one_off_reports=3.2, problems=2500, cadres=8, urges=80),
}
