"""Who is responsible: a （责任单位：…） note, or the bodies named as the sentence's subject.

A note may also name the leader in charge ("责任领导：张三", "分管领导：李四") or the person who
does the work ("责任人：王五", "联系人：赵六"): people, not bodies, so those names are kept
apart (`Labels.leaders`, `Labels.owners`) and never offered as units.
"""

import re
from dataclasses import dataclass, field

_LEADER_ROLE = r"(?:责任|分管|包保|牵头|联系|挂包|包村|主管)领导"
_OWNER_ROLE = r"(?:具体)?(?:责任|负责|联系|经办)人"
_ROLE = rf"(?:{_LEADER_ROLE}|{_OWNER_ROLE}|(?:责任|牵头|配合|主责|协办|参与|协同|分管)(?:单位|部门|领导|科室|人)?)"
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
_LABEL = re.compile(rf"[；;，,]?\s*({_ROLE})[：]")
# A line of its own that names who answers for the line above ("牵头单位：…", "分管领导：…").
_NOTE_LINE_OPENERS = ("责任", "牵头", "分管", "包保", "联系", "挂包", "包村", "主管", "具体", "负责", "经办")
# "联系人：张敏，联系电话：…" on a line of its own is how a notice names whom to call about the
# notice itself (usually at its end), so such a line only counts inside a run another note opened.
_CONTACT_LINE = re.compile(r"^联系人[：]")
# A phone number written beside a person ("王五（13812345678）", "王五 0537-7281234").
_PHONE = re.compile(r"[（(]?\s*\d[\d\-－ ]{5,}\d\s*[）)]?")
_PHONE_LABEL = re.compile(r"(?:联系)?(?:电话|手机|方式)[：:]?$")
_HAN_CHAR = re.compile("[\u4e00-\u9fff]")
_SPLITS = {"bodies": r"[、，,；;和及]", "leaders": r"[、，,；;]", "owners": r"[、，,；;]"}
MAX_NOTE_LINES = 3


@dataclass
class Labels:
    """The bodies, the leaders and the owners (责任人) named by notes, each in the order
    written, without repeats."""

    bodies: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)

    def add(self, other: "Labels") -> None:
        self.bodies = _unique(self.bodies + other.bodies)
        self.leaders = _unique(self.leaders + other.leaders)
        self.owners = _unique(self.owners + other.owners)


def label_kind(label: str) -> str:
    """What the names after a label are: "leaders" (责任领导, 分管领导, a bare 分管), "owners"
    (责任人, 联系人, 经办人 …: one person doing the work) or "bodies" (单位, 部门 …)."""
    if label.endswith("领导") or label == "分管":
        return "leaders"
    return "owners" if label.endswith("人") else "bodies"


def parse_labels(note: str) -> Labels:
    """ "（牵头单位：县发改局；责任领导：张三；责任人：王五）" → bodies [县发改局], leaders [张三],
    owners [王五]."""
    inner = note.strip("（）【】 ")
    labels, kind, start = Labels(), "bodies", 0
    for match in _LABEL.finditer(inner):
        labels.add(_names(inner[start : match.start()], kind))
        kind, start = label_kind(match.group(1)), match.end()
    labels.add(_names(inner[start:], kind))
    return labels


def _names(chunk: str, kind: str) -> Labels:
    # 和/及 join bodies ("经发办和财政所") but are common in people's names (王和平), so
    # people are split at punctuation only.
    # another label's value ("完成时限：12月底前") names nobody
    names = [name for name in (n.strip(" 。") for n in re.split(_SPLITS[kind], chunk)) if name and "：" not in name]
    return Labels(**{kind: names if kind == "bodies" else person_names(names)})


def person_names(names: list[str]) -> list[str]:
    """People as written, without a phone number beside them; what holds no Chinese at all
    (a bare number, a dash) names nobody."""
    found = (_PHONE_LABEL.sub("", _PHONE.sub("", name)).strip(" ：:") for name in names)
    return _unique(name for name in found if _HAN_CHAR.search(name))


def labels_in(text: str) -> Labels:
    """The bodies, leaders and owners named by notes in a piece of text (a line, usually)."""
    labels = Labels()
    for match in NOTE.finditer(text):
        labels.add(parse_labels(match.group()))
    line = LINE_NOTE.match(text.strip())
    if line:
        labels.add(parse_labels(line.group()))
    return labels


def following_labels(lines: list[str]) -> Labels:
    """What the note lines right under a line name for it ("牵头单位：经发办" then
    "责任领导：张三", "责任人：王五"): the run of note lines, opened by one saying who answers
    for it."""
    labels = Labels()
    for index, line in enumerate(lines[:MAX_NOTE_LINES]):
        note_line = LINE_NOTE.match(line) is not None
        # A first line opening with 责任/牵头 has always been read, note line or not.
        opens = line.startswith(("责任", "牵头")) or (
            note_line and line.startswith(_NOTE_LINE_OPENERS) and not _CONTACT_LINE.match(line)
        )
        if not (opens if index == 0 else note_line):
            break
        labels.add(labels_in(line))
        if not note_line:
            break
    return labels


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
