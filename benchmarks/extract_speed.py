"""How long `extract_text` takes on a 20,000-character speech (target: under 0.5 s).

Run: .venv/bin/python benchmarks/extract_speed.py
Builds the speech from the labelled documents (repeated and renumbered until it has
20,000 characters), then reports the best and median of several runs.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from luoshi.extraction import extract_text, read_document  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "luoshi" / "extraction" / "tests" / "data"
SIZE = 20_000


def build_speech(size: int = SIZE) -> str:
    """The seed and the other labelled documents, concatenated to `size` characters."""
    sources = [read_document(DATA / "seed.txt")]
    sources += [read_document(path) for path in sorted(DATA.glob("*.txt")) if path.name != "seed.txt"]
    text, index = "", 0
    while len(text) < size:
        text += sources[index % len(sources)] + "\n"
        index += 1
    return text[:size]


def main() -> int:
    text = build_speech()
    timings = []
    for _ in range(7):
        start = time.perf_counter()
        plan = extract_text(text)
        timings.append(time.perf_counter() - start)
    print(f"{len(text)} characters, {len(plan['sections'])} sections, {len(plan['targets'])} targets")
    print(f"best {min(timings):.3f} s, median {statistics.median(timings):.3f} s (target < 0.5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
