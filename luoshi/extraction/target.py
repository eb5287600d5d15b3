"""The records the walk over a text builds and carries (targets.py): a target found, and what one part (a sentence
or a "；"-piece) carries from one clause to the next."""

from dataclasses import dataclass, field

from .clauses import Clause
from .timing import TimeMark, find_periods


@dataclass
class Target:
    """One target at compact offsets start..end (mapped to the original on output)."""

    start: int
    end: int
    kind: str
    indicator: str
    value: float | int | None = None
    unit: str | None = None
    qualifier: str | None = None
    strength: str | None = None
    deadline: str | None = None
    period: str | None = None
    recurrence: str | None = None
    responsible: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)  # 责任领导: people, kept apart from the bodies
    owners: list[str] = field(default_factory=list)  # 责任人: people too


@dataclass
class Carry:
    """What a part carries from one clause to the next."""

    past: bool
    modal: str | None = None
    deadline: TimeMark | None = None
    pending: Clause | None = None
    period: str | None = None
    indicator: str | None = None
    project: str | None = None
    qualitative: bool = False  # the clause before gave a qualitative target ("确保…，全面完成…")
    # The modal that goes on past "；": not one spent on a qualitative item of its own ("完成…任务，力争获得
    # 较好名次；一般公共预算收入增长2%以上": 力争 governs 较好名次 only).
    across: str | None = None
    last_quantities: list[Target] = field(default_factory=list)
    # a deadline written inside an earlier clause of the part (not one opening the sentence)
    clause_deadline: bool = False
    # a deadline opening a clause of work ("…，12月底前全面完成…工作；…"): it goes on across "；" to the sentence's end
    opened: TimeMark | None = None
    # that deadline, past "；": the outcomes listed after it (a result verb, a completion) are due by it
    outcomes_due: TimeMark | None = None
    # evidence of work ahead so far in the sentence (evidence.py): a quantity without it is no target
    asked: bool = False


def clause_period(clause: Clause, carry: Carry) -> str | None:
    """The period a clause names ("全年", "2025年"), else the one its part carries."""
    periods = find_periods(clause.text, clause.start)
    return periods[0].text if periods else carry.period
