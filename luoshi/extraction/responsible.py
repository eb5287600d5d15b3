"""Who is responsible: a （责任单位：…） note, or the bodies named as the sentence's subject."""

import re

_ROLE = r"(?:责任|牵头|配合|主责|协办|参与|协同|责任领导|分管)(?:单位|部门|领导|科室|人)?"
NOTE = re.compile(rf"[（【]\s*(?:{_ROLE})[：][^（）【】\n]*[）】]")
LINE_NOTE = re.compile(rf"^(?:{_ROLE})[：].*$")
_HAN = "[\u4e00-\u9fff“”]"
_SUFFIX = (
    "办公室|委员会|合作社|党支部|工作队|中心|公司|政府|党委|支部|领导|书记|干部|纪委|办|站|所|局|委|部|队|组|室|院"
)
_UNIT = (
    rf"各{_HAN}{{0,5}}?(?:村|部门|乡镇|单位|街道|站所|企业|镇|社区)"
    rf"|{_HAN}{{1,10}}?(?:{_SUFFIX})"
    r"|合作社|村医|镇里|村里|村委会|村“两委”|各村|村"
)
_FOLLOW = r"(?=要|将|负责|牵头|务必|必须|应|需|每|在|于|对|全年|年内|要在|全面|督促|组织|开展|定期)"
SUBJECT = re.compile(rf"^(?:{_UNIT})(?:(?:、|和|及|与|，)(?:{_UNIT}))*{_FOLLOW}")
_SPLIT_ROLES = re.compile(rf"[；;，,]?\s*(?:{_ROLE})[：]")


def parse_note(note: str) -> list[str]:
    """ "（牵头单位：县发改局；责任单位：县住建局、县自然资源局）" → the three bodies."""
    inner = note.strip("（）【】 ")
    names = []
    for chunk in _SPLIT_ROLES.split(inner):
        for name in re.split(r"[、，,；;和及]", chunk):
            name = name.strip(" 。")
            if name and name not in names:
                names.append(name)
    return names


def notes_in(text: str) -> list[str]:
    """All bodies named by notes in a piece of text (a line, usually)."""
    names = [name for m in NOTE.finditer(text) for name in parse_note(m.group())]
    line = LINE_NOTE.match(text.strip())
    if line:
        names.extend(parse_note(line.group()))
    return _unique(names)


def subject_of(text: str) -> list[str]:
    """The bodies that open a sentence ("镇党政办要…", "应急办、林业站、派出所要…")."""
    match = SUBJECT.match(text)
    if not match:
        return []
    return _unique(n for n in re.split(r"、|和|及|与|，", match.group()) if n)


def _unique(names) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen
