"""Words of a deployment document → the township's people, for the draft to propose (units:
drafts_units.py).

A guess is only a proposal the reviewer sees preselected, so it is made only when exactly one
unit or person fits: an empty picker with the original words beside it costs the reviewer one
choice, a wrong preselection costs a wrong task nobody notices.

People (a task's 责任领导 and its 责任人) are written by name ("王立新", "王立新同志",
"张三（镇长）"), by surname and title ("王镇长") or by title alone ("镇长", "分管副镇长"), so a
person is matched on the name first, then on the title (Person.title, "职务") the township
keeps for each person.
"""

from __future__ import annotations

import re

from luoshi.org.models import Person

# Words around a title that say how a person relates to the task, not which post they hold.
_RELATION = re.compile(r"^(?:分管|主管|包保|联系|牵头|责任|挂包|包村)+(?=.)")
_TITLE_PARTS = re.compile(r"[、，,;；/／\s]+|兼")
_NOISE = re.compile(r"\s+|同志$")


def guess_person(words: list[str], people: list[Person]) -> int | None:
    """The one person the first resolvable wording names (a leader's or an owner's), or None."""
    for word in words:
        word = _NOISE.sub("", word)
        person = _person(word, people) if word else None
        if person is not None:
            return person.pk
    return None


def _person(word: str, people: list[Person]) -> Person | None:
    named = [p for p in people if p.name == word] or [p for p in people if len(p.name) >= 2 and p.name in word]
    if len(named) > 1:  # two people of one name: only the title written beside it tells them apart
        return _only([p for p in named if holds(p, word.replace(p.name, ""))])
    if named:
        return named[0]
    # By post: exactly the post written, then surname and post ("王镇长"), then a qualified
    # post; the first rule anybody fits decides, and it must fit one person only.
    rules = (lambda p: holds(p, word, exact=True), lambda p: p.name.startswith(word[0]) and holds(p, word[1:]),
             lambda p: holds(p, word))
    for fits in rules:
        found = [p for p in people if fits(p)]
        if found:
            return _only(found)
    return None


def holds(person: Person, written: str, *, exact: bool = False) -> bool:
    """Whether a person's title says the post written. "镇长" is not "副镇长": a post matches
    one of the title's parts exactly, or (unless `exact`) ends one after qualifiers that make
    nobody a deputy ("书记" is the 党委书记, not the 党委副书记; "副镇长" the 常务副镇长)."""
    post = _post(written)
    if len(post) < 2:
        return False
    for part in (_post(p) for p in _TITLE_PARTS.split(person.title or "") if p):
        if part == post or (not exact and part.endswith(post) and "副" not in part[: -len(post)]):
            return True
    return False


def _post(text: str) -> str:
    """ "分管副镇长" → "副镇长", "镇党委书记" → "党委书记", "镇长" stays (a post, not a place)."""
    text = _RELATION.sub("", text.strip("（）()【】 "))
    if text.startswith("镇") and not text.startswith("镇长") and len(text) > 2:
        text = text[1:]
    return text


def _only(found: list[Person]) -> Person | None:
    return found[0] if len(found) == 1 else None
