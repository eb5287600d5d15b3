"""How ready to deploy the seed's draft is, on the demo township (issue 18, item 2).

Run: .venv/bin/python benchmarks/draft_seed.py [--verbose] [PATH …]
Builds the demo township in a throwaway SQLite database, proposes the draft of PATH (default:
the seed speech) as the township office through `plans.drafts.draft_propose` (the review
page's path), and prints: the draft's tasks, how many miss one of the four elements the
deployment requires (`plans.completeness`, read on the draft item as `task_create` would
save it), how many have no lead unit, how many titles end mid-phrase in their sentence, and
which items are the goal phrases of their section's heading.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = ROOT / "luoshi" / "extraction" / "tests" / "data" / "seed.txt"
_BOUNDARY = "，。；：！？、,;:!?（）()\n\t"


def _setup(tmp: str) -> None:
    os.environ.update({"DJANGO_SETTINGS_MODULE": "luoshi.config.settings.dev", "LUOSHI_VAR_DIR": tmp,
                       "LUOSHI_SQLITE_PATH": f"{tmp}/luoshi.sqlite3", "LUOSHI_JOBS_PATH": f"{tmp}/jobs.sqlite3"})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from luoshi.demo import load_demo

    load_demo()


def missing(item: dict) -> list[str]:
    """The elements `plans.completeness.missing_elements` would find missing on the saved task."""
    gaps = []
    if not item["title"].strip():
        gaps.append("what")
    if not item["lead_unit"] and not item["owner"] and not item.get("splits"):
        gaps.append("who")  # a split task goes out through its parts, each with its unit
    if not item["deadline"] and not item["recurrence"]:
        gaps.append("when")
    if not item["requirement"].strip():
        gaps.append("extent")
    return gaps


def cut_mid_phrase(text: str, item: dict) -> bool:
    """A title is whole when it is the sentence's text from a clause start (or after an
    enumeration marker, 一是) to a clause end (or a note in brackets)."""
    from luoshi.extraction.indicator import strip_marker

    sentence = text[item["offset"]:item["end"]]
    title = item["title"]
    at = sentence.find(title)
    if at < 0:
        return False  # not a copy of the text (an edited or composed title): judged by eye
    starts = at == 0 or sentence[at - 1] in _BOUNDARY or strip_marker(sentence[:at] + title) == title
    ends = at + len(title) == len(sentence) or sentence[at + len(title)] in _BOUNDARY or title[-1] in _BOUNDARY
    return not (starts and ends)


def goal_item(draft: dict, item: dict) -> bool:
    """A qualitative item (no indicator, no time) whose requirement is a clause of its line's
    heading: the line's goal ("…，确保顺利通过各级评估验收")."""
    line = next(x for x in draft["lines"] if x["key"] == item["line"])
    timed = item["deadline"] or item["recurrence"] or item["indicators"]
    alone = all(i is item for i in draft["items"] if i["line"] == item["line"])  # the heading is the line's task
    return not timed and not alone and item["requirement"].strip("，。；") in line["name"]


def figures(text: str, name: str, verbose: bool) -> list[int]:
    from luoshi.core.errors import ServiceError
    from luoshi.org.models import Unit, User
    from luoshi.plans import drafts, drafts_bulk

    office = User.objects.unscoped("benchmark").get(username="office")
    township = Unit.objects.unscoped("benchmark").get(name="河口镇")
    draft = drafts.draft_propose(actor=office, unit=township, text=text, source_name=name)
    units = {u.pk: u.name for u in Unit.objects.unscoped("benchmark").all()}
    items = [i for i in draft["items"] if not i["drop"]]
    incomplete = [i for i in items if missing(i)]
    no_lead = [i for i in items if not i["lead_unit"] and not i.get("splits")]
    cut = [i for i in items if cut_mid_phrase(text, i)]
    goals = [i for i in items if goal_item(draft, i)]
    print(f"## {name}: plan title {draft['title']!r}, year {draft['year']}, lines {len(draft['lines'])}, "
          f"tasks {len(items)}, indicators {sum(len(i['indicators']) for i in items)}")
    print(f"incomplete (要素不全) {len(incomplete)} / {len(items)}; no lead unit (nor split) {len(no_lead)}; "
          f"titles cut mid-phrase {len(cut)}; goal phrases as tasks {len(goals)}")
    for kind in drafts_bulk.SUGGESTED:  # what the review page's 采纳全部建议 buttons would take
        with contextlib.suppress(ServiceError):
            drafts_bulk.draft_accept_suggestions(actor=office, draft=draft, key="benchmark", kind=kind)
    print(f"after accepting every suggestion: incomplete {len([i for i in items if missing(i)])} / {len(items)}; "
          f"no lead unit (nor split) {len([i for i in items if not i['lead_unit'] and not i.get('splits')])}")
    if verbose:
        for line in draft["lines"]:
            print(f"  line {line['number']} {line['name'][:60]}  goals: {line.get('goals', [])}")
        for item in items:
            flags = ",".join(missing(item)) + (" CUT" if item in cut else "") + (" GOAL" if item in goals else "")
            who = units.get(item["lead_unit"], "-")
            co = "、".join(units.get(pk, "?") for pk in item["co_units"])
            print(f"  [{item['line']}] {item['title']!r} | lead {who} co [{co}] splits {len(item.get('splits') or [])}"
                  f" | {item['deadline'] or item['recurrence'] or '-'} | {flags}")
            print(f"      {re.sub(chr(10), ' ', text[item['offset']:item['end']])[:150]}")
    return [len(items), len(incomplete), len(no_lead), len(cut), len(goals)]


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or [SEED]
    with tempfile.TemporaryDirectory() as tmp:
        _setup(tmp)
        totals = [0] * 5
        for path in paths:
            row = figures(path.read_text(encoding="utf-8"), path.name, verbose)
            totals = [a + b for a, b in zip(totals, row, strict=True)]
    if len(paths) > 1:
        print(f"## all {len(paths)}: tasks {totals[0]}, incomplete {totals[1]}, no lead unit (nor split) {totals[2]}, "
              f"titles cut {totals[3]}, goal phrases as tasks {totals[4]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
