"""Who does a draft task: the township's units (and posts) a sentence or its heading names.

A deployment speech names its doers in a few ways, each mapped here to the township's own
units and people so that the reviewer only confirms:
- a note or a subject the extraction found ("牵头单位：经发办", "应急办、林业站要…");
- a department named anywhere in the sentence ("由经济发展办牵头", "财政所负责") — by its
  full name or a common short form (经济发展办公室 ↔ 经济发展办, 经发办; 镇纪委 ↔ 纪委);
- failing both, a department named in the heading of the sentence's section;
- every village ("各村", "各村（社区）", "各行政村", "所有村", "村村"): the task is split, one
  part per village;
- a post some of the township's people hold ("驻企联络员", "帮扶干部"): the unit they all
  belong to leads, and the one person holding it is the owner.

As with people (drafts_guess.py), a name is proposed only when exactly one unit fits it. A
unit written after 县/市/省 ("县应急办") is the county's, not the township's, and is skipped.

When none of that names a doer, a weaker reading is kept as a *suggestion* the reviewer
accepts (one by one or all at once), never preselected (`suggest_lead`): the department
whose field the headings or the sentence speak of ("抓好乡村振兴" → 乡村振兴办公室), else a
department or post the section's own paragraphs name ("各帮扶干部要…" → their office), else
the department whose usual remit the headings or the sentence speak of ("疫情防控" → 应急管理办).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from luoshi.org.models import UnitKind

# Long suffixes and the short ones they are written as (经济发展办公室 → 经济发展办).
_SHORT_SUFFIX = {"办公室": "办", "委员会": "委", "服务中心": "中心", "管理中心": "中心", "中心": "中心",  # i18n: input
                 "服务站": "站", "管理站": "站", "站": "站", "所": "所", "室": "室", "办": "办", "委": "委"}  # i18n: input
_EVERY_VILLAGE = re.compile(r"各(?:行政)?村(?!民|干部|级)(?:（社区）|\(社区\)|居|、社区)?|所有(?:行政)?村|村村|全镇\d*个?(?:行政)?村")
_HIGHER = "县市省区国"  # i18n: input (a unit of a higher level is not the township's)
_TOWNSHIP_ITSELF = re.compile(r"^(?:[一二三四五六七八九十]+[是要]|（[一二三四五六七八九十]+）)?(?:镇里|镇上|我镇|镇党委|镇政府|全镇)")
# What a township's departments are usually in charge of: a department's name holds the key,
# its remit the words (a suggestion only, never preselected: a wrong one costs one change).
_REMITS = {  # i18n: input (the words of a speech)
    "组织": ("党建", "党员", "党支部", "基层组织", "两委换届"),
    "乡村振兴": ("脱贫", "扶贫", "帮扶", "防返贫"),
    "应急": ("疫情", "安全生产", "防汛", "森林防火", "应急"),
    "农业": ("农业", "种植", "养殖", "农民专业合作社", "家庭农场", "高标准农田"),
    "招商": ("招商", "双招双引"),
    "经济发展": ("工业", "规模以上", "复工达产"),
    "社会事务": ("民生实事", "教育", "医疗", "养老", "社会保障"),
    "执法": ("违建", "违法建设", "执法"),
    "纪委": ("纪律", "作风建设", "四风", "腐败"),
}
# Posts that say who leads (镇长, 书记) are a task's leaders (drafts_guess), not its doers.
_MIN_POST = 4


@dataclass
class Doers:
    """The proposal for one task: lead unit, co-operating units, the units it is split to (one
    part each) and the person who owns it, as primary keys."""

    lead: int | None = None
    co: list[int] = field(default_factory=list)
    splits: list[int] = field(default_factory=list)
    owner: int | None = None


def short_forms(name: str) -> set[str]:
    """The ways a township's unit is written: "经济发展办公室" → 经济发展办公室, 经济发展办, 经发办,
    经济办; "镇纪委" → 镇纪委, 纪委; "招商服务中心" → 招商服务中心, 招商中心."""
    forms = {name}
    bare = name[1:] if name.startswith("镇") and len(name) > 2 else name
    forms.add(bare)
    for long, short in _SHORT_SUFFIX.items():
        if bare.endswith(long) and len(bare) > len(long):
            stem = bare[: -len(long)]
            forms.add(stem + short)
            if len(stem) == 4:  # two words: 经济发展 → 经发, 经济
                forms.update({stem[0] + stem[2] + short, stem[:2] + short})
            break
    return {form for form in forms if len(form) >= 2}


class Township:
    """The township's units and people, indexed for reading a document's words."""

    def __init__(self, units, people=()):
        self.departments = [u for u in units if u.kind == UnitKind.DEPARTMENT]
        self.villages = [u for u in units if u.kind == UnitKind.VILLAGE]
        self.units = list(units)
        forms: dict[str, set[int]] = {}
        for unit in self.departments:
            for form in short_forms(unit.name):
                forms.setdefault(form, set()).add(unit.pk)
        # A form two departments share names neither.
        self.forms = {form: next(iter(pks)) for form, pks in forms.items() if len(pks) == 1}
        self.pattern = re.compile("|".join(sorted(map(re.escape, self.forms), key=len, reverse=True))) \
            if self.forms else None
        self.posts: dict[str, list] = {}
        department_ids = {u.pk for u in self.departments}
        for person in people:
            if person.unit_id not in department_ids:  # a village's posts are its own; 各村 covers them
                continue
            for post in re.split(r"[、，,;；/／\s]+|兼", person.title or ""):
                if len(post) >= _MIN_POST:
                    self.posts.setdefault(post, []).append(person)

    def named_departments(self, text: str) -> list[int]:
        """The departments written in `text`, in the order written (longest form first)."""
        found = []
        for match in self.pattern.finditer(text) if self.pattern else ():
            if match.start() and text[match.start() - 1] in _HIGHER:
                continue
            pk = self.forms[match.group()]
            if pk not in found:
                found.append(pk)
        return found

    def unit_named(self, word: str) -> int | None:
        """The one unit a responsible body as written is (a department by any form, or a
        village or other unit by its name or the start of it)."""
        word = word.strip()
        if word in self.forms:
            return self.forms[word]
        tail = [m for m in (self.pattern.finditer(word) if self.pattern else ()) if m.end() == len(word)]
        if tail and tail[-1].start() <= 1 and word[:1] not in _HIGHER:  # "镇经发办", not "县经发办"
            return self.forms[tail[-1].group()]
        matches = [u for u in self.units if u.name == word] or [
            u for u in self.units if len(word) >= 2 and (u.name.startswith(word) or word.startswith(u.name))]
        return matches[0].pk if len(matches) == 1 else None

    @cached_property
    def fields(self) -> dict[str, int]:
        """Each department's field, its name without 镇 and the suffix ("乡村振兴办公室" →
        乡村振兴, "招商服务中心" → 招商), when no other department has the same one."""
        found: dict[str, set[int]] = {}
        for unit in self.departments:
            bare = unit.name[1:] if unit.name.startswith("镇") and len(unit.name) > 2 else unit.name
            stem = next((bare[: -len(long)] for long in _SHORT_SUFFIX if bare.endswith(long) and len(bare) > len(long)),
                        bare)
            if len(stem) >= 2:
                found.setdefault(stem, set()).add(unit.pk)
        return {stem: next(iter(pks)) for stem, pks in found.items() if len(pks) == 1}

    def holders(self, text: str) -> list:
        """The people holding a post `text` names ("驻企联络员要…")."""
        for post, people in self.posts.items():
            if post in text:
                return people
        return []


def propose_doers(township: Township, *, words: list[str], sentence: str, headings: list[str],
                  clause: str = "") -> Doers:
    """The doers of a task from the bodies the extraction found (`words`), the sentence, and
    the headings above it (innermost first), in that order of trust. A clause the township
    opens ("镇里还将…") is the township's own, whoever else the sentence addresses."""
    named: list[int] = []
    every_village = False
    for word in words:
        if _EVERY_VILLAGE.match(word.strip()):
            every_village = every_village or not named  # 各村 leading, not 配合单位：…、各村
            continue
        pk = township.unit_named(word)
        if pk is not None and pk not in named:
            named.append(pk)
    named += [pk for pk in township.named_departments(sentence) if pk not in named]
    doers = Doers()
    if not named and not every_village:
        own = not words and not _TOWNSHIP_ITSELF.match(clause)  # the sentence's 各村 is this clause's
        for text in (sentence, *headings):
            if _free_text(township, text, doers, villages=own or text is not sentence):
                return doers
    doers.lead, doers.co = (named[0] if named else None), named[1:]
    if every_village:
        doers.splits = [v.pk for v in township.villages]
    return doers


def _free_text(township: Township, text: str, doers: Doers, *, villages: bool) -> bool:
    """Fill `doers` from a sentence or heading that no note explains: the departments it
    names, else every village, else the unit of the one post it names; whether it said any."""
    named = township.named_departments(text)
    if named:
        doers.lead, doers.co = named[0], named[1:]
        return True
    if villages and _EVERY_VILLAGE.search(text):
        doers.splits = [v.pk for v in township.villages]
        return True
    holders = township.holders(text)
    if holders and len({p.unit_id for p in holders}) == 1:
        doers.lead, doers.owner = holders[0].unit_id, (holders[0].pk if len(holders) == 1 else None)
        return True
    return False


def suggest_lead(township: Township, *, sentence: str, headings: list[str], body: str) -> int | None:
    """A lead unit to suggest for a task nobody was found for: the one department whose field
    the headings (innermost first; a field of two characters or more) or the sentence (four or
    more: "财政" alone is too common a word) speak of, else the first department, or the unit of
    the one post, that the section's paragraphs name, else the one department whose usual remit
    (`_REMITS`) the headings or the sentence name."""
    fields = township.fields
    for text, shortest in ((sentence, 4), *((heading, 2) for heading in headings)):
        named = {pk for stem, pk in fields.items() if len(stem) >= shortest and stem in text}
        if len(named) == 1:
            return named.pop()
    named = township.named_departments(body)
    if named:
        return named[0]
    holders = township.holders(body)
    if holders and len({p.unit_id for p in holders}) == 1:
        return holders[0].unit_id
    return _by_remit(township, [*headings, sentence])


def _by_remit(township: Township, texts: list[str]) -> int | None:
    """The one department whose usual remit the first text that speaks of one names."""
    for text in texts:
        keys = {key for key, words in _REMITS.items() if any(word in text for word in words)}
        found = {u.pk for u in township.departments if any(key in u.name for key in keys)}
        if len(found) == 1:
            return found.pop()
    return None
