"""A 责任单位 cell naming several units → the lead unit and the co-operating units.

Townships often keep one 责任单位 column and write every unit into it. The lead is the
one marked as such ("经发办（牵头）", "党政办牵头，财政所配合", "牵头单位：应急办；配合单位：
派出所"); with no mark, it is the first one named, the convention of government documents
("排在第一位的为牵头单位"). A task has one lead unit, so the others co-operate.
"""

import re

__all__ = ["split_units"]

_LEAD, _CO = "牵头|主责|负责|主办", "配合|协办|协助|协同|参与"  # i18n: input
_ROLE = rf"(?P<lead>{_LEAD})|(?P<co>{_CO})"
_LABEL = re.compile(rf"^(?:{_ROLE})(?:单位|部门|科室)?[:：]")
_MARK = re.compile(rf"[（(【\[]\s*(?:{_ROLE})(?:单位|部门)?\s*[）)】\]]")
_SUFFIX = re.compile(rf"(?<=\S)(?:{_ROLE})$")
_SEGMENTS = re.compile(r"[；;\n，,]+")
_NAMES = re.compile(r"[、/／]+")
_ANYTHING_TO_SPLIT = re.compile(rf"[；;\n，,、/／:：（(【\[]|{_LEAD}|{_CO}")


def split_units(text: str) -> tuple[str | None, list[str]]:
    """(lead unit, co-operating units) named in one cell; a lone unit is the lead."""
    if not _ANYTHING_TO_SPLIT.search(text):
        return text, []
    leads, plain, cos = [], [], []
    for segment in _SEGMENTS.split(text):
        segment, role = _role_of(segment.strip())
        for name in _NAMES.split(segment):
            name, own = _own_role(name.strip())
            if name:
                {"lead": leads, "co": cos}.get(own or role, plain).append(name)
    first = (leads or plain or [None])[0]
    others = [name for name in [*leads, *plain, *cos] if name != first]
    return first, list(dict.fromkeys(others))


def _role_of(segment: str) -> tuple[str, str | None]:
    """A segment labelled "牵头单位：…" or ending in "…配合": its names and their role."""
    role = None
    label = _LABEL.match(segment)
    if label:
        role, segment = label.lastgroup, segment[label.end() :]
    suffix = _SUFFIX.search(segment)
    if suffix:
        role, segment = role or suffix.lastgroup, segment[: suffix.start()]
    return segment.strip(), role


def _own_role(name: str) -> tuple[str, str | None]:
    mark = _MARK.search(name)
    if not mark:
        return name, None
    return _MARK.sub("", name).strip(), mark.lastgroup
