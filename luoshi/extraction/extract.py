"""Orchestration: document text → the draft plan in the JSON contract."""

from bisect import bisect_right

from .header import find_header
from .structure import Section, clean, find_sections
from .targets import Paragraph, Target, find_targets, paragraph_of
from .tense import heading_is_forward, heading_is_retro, paragraph_is_retro
from .textview import TextView


def extract_text(text: str, *, title: str | None = None) -> dict:
    """The draft plan of a document's text; offsets index into `text` itself."""
    view = TextView(text)
    header = find_header(view)
    sections = find_sections(view, header.body_start)
    _mark_retro(view.compact, sections, header.year)
    locate = _Locator(sections)
    paragraphs = _paragraphs(view, header.body_start, header.year, locate)
    targets = find_targets(view.compact, paragraphs, header.year, lambda pos: locate.retro(pos))
    if title is None:
        title = clean(view.original_slice(header.title_start, header.title_start + len(header.title))[1])
    return {
        "title": title,
        "sections": [_section_json(s) for s in sections],
        "targets": [_target_json(view, locate, t) for t in sorted(targets, key=lambda t: t.start)],
    }


def _paragraphs(view: TextView, body_start: int, year: int | None, locate: "_Locator") -> list[Paragraph]:
    lines = [(start, end) for start, end, _ in view.lines() if end > body_start and end > start]
    paragraphs = []
    for index, (start, end) in enumerate(lines):
        following = view.compact[slice(*lines[index + 1])] if index + 1 < len(lines) else ""
        section = locate.at(start)
        in_review = bool(section and section.intro_retro and section.title_end < start)
        paragraphs.append(paragraph_of(view.compact, (max(start, body_start), end), following, year, in_review))
    return paragraphs


def _mark_retro(text: str, sections: list[Section], year: int | None) -> None:
    """A review heading, or a review introduction, makes the section's items a review too."""
    first_child: dict[int, int] = {}
    for section in sections:
        if section.parent is not None:
            first_child.setdefault(id(section.parent), section.start)
    for section in sections:
        intro = text[section.title_end : first_child.get(id(section), section.end)]
        section.intro_retro = paragraph_is_retro(intro.lstrip("。；：\n"), year)
        parent = section.parent
        section.retro = heading_is_retro(section.title, year)
        if parent is not None and not section.retro and not heading_is_forward(section.title, year):
            section.retro = parent.retro or parent.intro_retro


class _Locator:
    """Finds the innermost section around a position."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.starts = [s.start for s in sections]

    def at(self, position: int) -> Section | None:
        index = bisect_right(self.starts, position) - 1
        section = self.sections[index] if index >= 0 else None
        while section is not None and position >= section.end:
            section = section.parent
        return section

    def retro(self, position: int) -> bool:
        section = self.at(position)
        return bool(section and section.retro)

    def path(self, position: int) -> list[str]:
        section = self.at(position)
        return [s.number for s in section.path() if s.number] if section else []


def _section_json(section: Section) -> dict:
    return {"level": section.level, "number": section.number, "title": section.title, "offset": section.offset}


def _target_json(view: TextView, locate: _Locator, target: Target) -> dict:
    offset, text = view.original_slice(target.start, target.end)
    return {
        "text": text,
        "offset": offset,
        "section": locate.path(target.start),
        "indicator": target.indicator,
        "value": target.value,
        "unit": target.unit,
        "qualifier": target.qualifier,
        "strength": target.strength,
        "deadline": target.deadline,
        "period": target.period,
        "recurrence": target.recurrence,
        "responsible": target.responsible,
        "kind": target.kind,
    }
