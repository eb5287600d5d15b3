"""Word automatic numbering: the "一、", "（二）", "3." that Word draws but the text lacks.

Chinese government documents often number their headings with Word's list numbering, so
the paragraph text holds only "抓项目" while the reader sees "一、抓项目"; without the
number the outline is lost. `WordNumbering.label(paragraph)` gives the number as Word
shows it, paragraph by paragraph in document order (it keeps the running counters).

Semantics kept, after ECMA-376 §17.9 and what Word actually does (MS-OI29500):
- numbering comes from the paragraph's w:numPr or, failing that, from its style's, along
  the w:basedOn chain; numId 0 switches it off; a style that gives a numId but no ilvl
  uses the level whose w:pStyle names that style, else level 0;
- counters belong to the abstract definition (after w:numStyleLink), so w:num instances
  of one abstractNum continue each other's count; an instance with w:startOverride
  restarts that level the first time the instance is used there;
- using a level restarts the deeper levels, unless their w:lvlRestart says otherwise
  (0 = never, N = only when level N or a higher one is used);
- w:isLgl shows every level in decimal; w:suff puts a tab (default), space or nothing
  after the number.
Anything missing or malformed means "no number" for that paragraph, never an error.
"""

import re
from dataclasses import dataclass, field

from .numformat import MAX_VALUE, format_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9
MAX_CHAIN = 16  # basedOn / numStyleLink chains longer than this are loops or junk.
MAX_LEVEL_TEXT = 64
_SUFFIX = {"tab": "\t", "space": " ", "nothing": ""}
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Level:
    """One w:lvl: how a level counts and what it shows."""

    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    legal: bool = False
    suffix: str = "\t"
    style: str | None = None


@dataclass
class Instance:
    """One w:num: which abstract definition it uses and what it overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


@dataclass(frozen=True)
class StyleNumbering:
    """The w:numPr a paragraph style sets, and the style it inherits from."""

    num_id: int | None
    ilvl: int | None
    based_on: str | None


class WordNumbering:
    """Numbering definitions plus the running counters of one pass over a document."""

    def __init__(self, numbering_root=None, styles_root=None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}
        self.instances: dict[int, Instance] = {}
        self.styles: dict[str, StyleNumbering] = {}
        self.default_style: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[tuple[int, int]] = set()
        if numbering_root is not None:
            self._read_numbering(numbering_root)
        if styles_root is not None:
            self._read_styles(styles_root)

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph ("" if none); advances the count."""
        found = self._numbering_of(paragraph)
        if found is None:
            return ""
        num_id, ilvl, style = found
        instance = self.instances.get(num_id)
        abstract = self._abstract_of(instance) if instance else None
        if abstract is None:
            return ""
        levels = {**self.abstracts[abstract], **instance.levels}
        if ilvl is None:
            ilvl = next((i for i, lvl in sorted(levels.items()) if style and lvl.style == style), 0)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(abstract, [None] * LEVELS)
        self._count(counters, levels, instance, num_id, ilvl)
        if level.fmt == "bullet":
            return ""
        return self._render(level, levels, counters, instance)

    # -- counting -------------------------------------------------------------------

    def _count(self, counters, levels, instance: Instance, num_id: int, ilvl: int) -> None:
        first_use = (num_id, ilvl) not in self.used
        self.used.add((num_id, ilvl))
        current = counters[ilvl]
        if first_use and ilvl in instance.starts:
            counters[ilvl] = instance.starts[ilvl]
        elif current is None:
            counters[ilvl] = _start(levels, instance, ilvl)
        elif current >= 0:  # a broken start stays broken rather than counting on from it
            counters[ilvl] = current + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None

    def _render(self, level: Level, levels, counters, instance: Instance) -> str:
        """lvlText with each %N replaced by level N's current value in level N's format."""
        symbols = {}
        for index in {int(n) - 1 for n in _PLACEHOLDER.findall(level.text)}:
            value = counters[index]
            if value is None:
                value = _start(levels, instance, index)
            fmt = levels[index].fmt if index in levels else "decimal"
            if level.legal and fmt not in ("none", "bullet"):
                fmt = "decimal"
            symbol = "" if fmt == "bullet" else format_number(value, fmt)
            if symbol is None:
                return ""
            symbols[index] = symbol
        rendered = _PLACEHOLDER.sub(lambda match: symbols[int(match.group(1)) - 1], level.text)
        return rendered + level.suffix if rendered.strip() else ""

    # -- resolving a paragraph ------------------------------------------------------

    def _numbering_of(self, paragraph) -> tuple[int, int | None, str | None] | None:
        """(numId, ilvl or None, style that gave the numbering) or None when unnumbered."""
        ppr = paragraph.find(f"{W}pPr")
        style = _val(ppr, "pStyle") if ppr is not None else None
        num_id, ilvl, owner = self._style_numbering(style or self.default_style)
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        if numpr is not None:
            direct_id, direct_level = _int(_val(numpr, "numId")), _int(_val(numpr, "ilvl"))
            if direct_id is not None:
                num_id, owner = direct_id, None
            if direct_level is not None:
                ilvl = direct_level
        if not num_id or num_id < 0:
            return None
        if ilvl is not None and not 0 <= ilvl < LEVELS:
            return None
        return num_id, ilvl, owner

    def _style_numbering(self, style: str | None) -> tuple[int | None, int | None, str | None]:
        """numId and ilvl inherited along basedOn; each comes from the nearest style setting it."""
        num_id = ilvl = owner = None
        seen: set[str] = set()
        while style and style not in seen and len(seen) < MAX_CHAIN:
            seen.add(style)
            entry = self.styles.get(style)
            if entry is None:
                break
            if num_id is None and entry.num_id is not None:
                num_id, owner = entry.num_id, style
            if ilvl is None and entry.ilvl is not None:
                ilvl = entry.ilvl
            style = entry.based_on
        return num_id, ilvl, owner

    def _abstract_of(self, instance: Instance) -> str | None:
        """The abstract definition that really holds the levels (numStyleLink followed)."""
        abstract = instance.abstract
        for _ in range(MAX_CHAIN):
            if abstract not in self.links:
                break
            linked = self.styles.get(self.links[abstract])
            target = self.instances.get(linked.num_id) if linked and linked.num_id else None
            if target is None:
                break
            abstract = target.abstract
        return abstract if abstract in self.abstracts else None

    # -- reading the parts ----------------------------------------------------------

    def _read_numbering(self, root) -> None:
        for element in root.iter(f"{W}abstractNum"):
            key = element.get(f"{W}abstractNumId")
            if key is None:
                continue
            self.abstracts[key] = _levels(element)
            link = _val(element, "numStyleLink")
            if link:
                self.links[key] = link
        for element in root.iter(f"{W}num"):
            num_id, abstract = _int(element.get(f"{W}numId")), _val(element, "abstractNumId")
            if num_id is None or abstract is None:
                continue
            instance = Instance(abstract)
            for override in element.iter(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"))
                if ilvl is None or not 0 <= ilvl < LEVELS:
                    continue
                start = _val(override, "startOverride")
                if start is not None:
                    instance.starts[ilvl] = _start_value(start)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl)
            self.instances[num_id] = instance

    def _read_styles(self, root) -> None:
        for element in root.iter(f"{W}style"):
            style_id = element.get(f"{W}styleId")
            kind = element.get(f"{W}type", "paragraph")
            if not style_id or kind not in ("paragraph", "numbering"):
                continue
            if kind == "paragraph" and element.get(f"{W}default") in ("1", "true", "on"):
                self.default_style = style_id
            ppr = element.find(f"{W}pPr")
            numpr = ppr.find(f"{W}numPr") if ppr is not None else None
            num_id = _int(_val(numpr, "numId")) if numpr is not None else None
            ilvl = _int(_val(numpr, "ilvl")) if numpr is not None else None
            self.styles[style_id] = StyleNumbering(num_id, ilvl, _val(element, "basedOn"))


def _start(levels: dict[int, Level], instance: Instance, ilvl: int) -> int:
    if ilvl in instance.starts:
        return instance.starts[ilvl]
    return levels[ilvl].start if ilvl in levels else 0


def _levels(abstract) -> dict[int, Level]:
    levels = {}
    for element in abstract.findall(f"{W}lvl"):
        ilvl = _int(element.get(f"{W}ilvl"))
        if ilvl is not None and 0 <= ilvl < LEVELS:
            levels[ilvl] = _level(element)
    return levels


def _level(element) -> Level:
    restart = _int(_val(element, "lvlRestart"))
    text = _val(element, "lvlText") or ""
    legal = element.find(f"{W}isLgl")
    return Level(
        start=_start_value(_val(element, "start")),
        fmt=_val(element, "numFmt") or "decimal",
        text=text[:MAX_LEVEL_TEXT],
        restart=restart if restart is not None and restart >= 0 else None,
        legal=legal is not None and legal.get(f"{W}val", "1") not in ("0", "false", "off"),
        suffix=_SUFFIX.get(_val(element, "suff") or "tab", "\t"),
        style=_val(element, "pStyle"),
    )


def _start_value(text: str | None) -> int:
    """Absent means 0 (the spec's default); unreadable or absurd means -1, which no
    format can show, so the paragraph goes unnumbered instead of misnumbered."""
    if text is None:
        return 0
    value = _int(text)
    return value if value is not None and 0 <= value <= MAX_VALUE else -1


def _val(element, tag: str) -> str | None:
    child = element.find(f"{W}{tag}")
    return child.get(f"{W}val") if child is not None else None


def _int(text: str | None) -> int | None:
    """A decimal attribute, or None for anything else (huge, hex, blank, junk)."""
    if text is None:
        return None
    text = text.strip()
    if not re.fullmatch(r"-?[0-9]{1,9}", text):
        return None
    return int(text)
