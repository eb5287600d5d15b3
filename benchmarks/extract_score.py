"""Measured accuracy of `luoshi extract` on the hand-labelled documents.

Run: .venv/bin/python benchmarks/extract_score.py [--verbose] [--corpus [--tuning-only]]
Prints per-document and overall section and target precision / recall / F1, and the
accuracy of strength and deadline among matched targets, for the tuning documents and the
held-out ones separately. Matching rules: see luoshi/extraction/scoring.py.
--corpus scores the public corpus (tests/data/corpus) instead: its tuning and test sets.
--verbose lists misses and extras; with --corpus, only the tuning set's (rules are never
written against the test set's failures; --tuning-only leaves the test set out entirely).
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from luoshi.extraction.scoring import CORPUS, DATA, Score, label_files, score_file  # noqa: E402


def _line(name: str, score: Score) -> str:
    sp, sr, sf = score.prf("section")
    tp, tr, tf = score.prf("target")
    return (
        f"{name:24} sections P {sp:.2f} R {sr:.2f} F1 {sf:.2f} | targets P {tp:.2f} R {tr:.2f} F1 {tf:.2f}"
        f" | strength {score.accuracy('strength'):.2f} deadline {score.accuracy('deadline'):.2f}"
        f" ({score.target_tp}/{score.target_labelled} matched, {score.target_found} found)"
    )


def _report(title: str, files: list[Path], verbose: bool) -> Score:
    total = Score()
    print(f"## {title}")
    for path in files:
        score = score_file(path)
        total.add(score)
        print(_line(path.name.removesuffix(".labels.json"), score))
        if verbose:
            for kind, item in score.misses:
                print(f"    MISS {kind}: {json.dumps(item, ensure_ascii=False)}")
            for kind, item in score.extras:
                print(f"    EXTRA {kind}: {json.dumps(item, ensure_ascii=False)}")
    print(_line("TOTAL", total))
    return total


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv or "-v" in argv
    corpus = "--corpus" in argv
    folder = CORPUS if corpus else DATA
    sets = [("tuning documents", False), ("held-out documents" if not corpus else "test documents", True)]
    if "--tuning-only" in argv:
        sets = sets[:1]
    overall = Score()
    for title, held_out in sets:
        show = verbose and not (corpus and held_out)
        overall.add(_report(title, label_files(held_out, folder), show))
        print()
    print(_line("ALL DOCUMENTS", overall))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
