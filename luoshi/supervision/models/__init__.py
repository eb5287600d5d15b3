"""Supervision records: problems (问题清单), inspections (一线督导) and urges (催办督办单)."""

from luoshi.supervision.models.inspections import Finding, Inspection, InspectionRating
from luoshi.supervision.models.problems import (
    DeadlineKind,
    Problem,
    ProblemSource,
    ProblemStatus,
)
from luoshi.supervision.models.urges import Urge, UrgeColour, UrgeLevel, UrgeSource, UrgeStatus

__all__ = ["DeadlineKind", "Finding", "Inspection", "InspectionRating", "Problem", "ProblemSource", "ProblemStatus",
           "Urge", "UrgeColour", "UrgeLevel", "UrgeSource", "UrgeStatus"]
