"""Measure the extractor against hand-made labels (tests/data/*.labels.json).

Matching rules (documented in benchmarks/extract_score.py's output too):
- a section matches a labelled one with the same level, numbering and title, compared
  without spaces and with full-width forms folded (one-to-one, in order);
- a target matches a labelled one when its text overlaps the labelled key phrase's place
  in the document, the values agree (both null, or equal) and the indicators agree (one
  contains the other, or they share at least half of the shorter one's characters).
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import extract_text, read_document
from .textview import fold

DATA = Path(__file__).parent / "tests" / "data"
CORPUS = DATA / "corpus"  # public documents, adapted (see its README.md, SOURCES.md, SPLIT.md)


@dataclass
class Score:
    """Counts for one document or a set of them."""

    section_tp: int = 0
    section_found: int = 0
    section_labelled: int = 0
    target_tp: int = 0
    target_found: int = 0
    target_labelled: int = 0
    strength_ok: int = 0
    deadline_ok: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in (
            "section_tp",
            "section_found",
            "section_labelled",
            "target_tp",
            "target_found",
            "target_labelled",
            "strength_ok",
            "deadline_ok",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, kind: str) -> tuple[float, float, float]:
        tp, found, labelled = (getattr(self, f"{kind}_{n}") for n in ("tp", "found", "labelled"))
        precision = tp / found if found else 1.0
        recall = tp / labelled if labelled else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def accuracy(self, name: str) -> float:
        return getattr(self, f"{name}_ok") / self.target_tp if self.target_tp else 1.0


def label_files(held_out: bool | None = None, folder: Path = DATA) -> list[Path]:
    """Label files of `folder`, optionally only the held-out (True) or the tuning (False) ones."""
    files = sorted(folder.glob("*.labels.json"))
    if held_out is None:
        return files
    return [f for f in files if json.loads(f.read_text(encoding="utf-8")).get("held_out", False) == held_out]


def score_file(label_path: Path) -> Score:
    """Extract the labelled document and compare."""
    labels = json.loads(label_path.read_text(encoding="utf-8"))
    text = read_document(label_path.parent / labels["document"])
    result = extract_text(text)
    score = Score()
    _score_sections(score, labels["sections"], result["sections"])
    _score_targets(score, text, labels["targets"], result["targets"])
    return score


def norm(text: str | None) -> str:
    """Compare without spaces, full-width forms or trailing enumeration punctuation."""
    return re.sub(r"\s+", "", fold(text or "")).rstrip("，、.")


def _score_sections(score: Score, labelled: list[dict], found: list[dict]) -> None:
    score.section_labelled, score.section_found = len(labelled), len(found)
    used = set()
    for label in labelled:
        key = (label["level"], norm(label["number"]), norm(label["title"]))
        match = next(
            (
                i
                for i, s in enumerate(found)
                if i not in used and (s["level"], norm(s["number"]), norm(s["title"])) == key
            ),
            None,
        )
        if match is None:
            score.misses.append(("section", label))
        else:
            used.add(match)
    score.section_tp = len(used)
    score.extras.extend(("section", s) for i, s in enumerate(found) if i not in used)


def _score_targets(score: Score, text: str, labelled: list[dict], found: list[dict]) -> None:
    score.target_labelled, score.target_found = len(labelled), len(found)
    used, cursor = set(), 0
    for label in labelled:
        start = text.find(label["key"], cursor)
        start = text.find(label["key"]) if start < 0 else start
        if start < 0:
            raise ValueError(f"label key not in document: {label['key']}")
        cursor = start + 1
        span = (start, start + len(label["key"]))
        match = next((i for i, t in enumerate(found) if i not in used and _agrees(label, span, t)), None)
        if match is None:
            score.misses.append(("target", label))
            continue
        used.add(match)
        score.strength_ok += found[match]["strength"] == label["strength"]
        score.deadline_ok += norm(found[match]["deadline"]) == norm(label["deadline"])
    score.target_tp = len(used)
    score.extras.extend(("target", t) for i, t in enumerate(found) if i not in used)


def _agrees(label: dict, span: tuple[int, int], target: dict) -> bool:
    overlap = target["offset"] < span[1] and span[0] < target["offset"] + len(target["text"])
    return overlap and _same_value(label["value"], target["value"]) and similar(label["indicator"], target["indicator"])


def _same_value(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


def similar(a: str, b: str) -> bool:
    """Indicators agree: containment, or half the shorter one's characters shared."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return a == b
    if a in b or b in a:
        return True
    common = sum((Counter(a) & Counter(b)).values())
    return common >= 0.5 * min(len(a), len(b))
