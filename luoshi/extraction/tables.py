"""Task tables (任务分解表): which table is one, what its columns mean, what each row is.

Works on a grid of cell texts, so the Word reader (deciding how to write a table into the
document's text) and the extractor (reading the rows back from that text, or from a table
pasted out of Word as tab-separated lines) share one judgement.

A task table is recognised by its header, never by its position: a row whose short cells
name a task column (工作任务, 重点任务, 项目名称 …) and at least one column saying who or
by when (牵头单位, 责任领导, 完成时限 …). Header cells are compared without spaces, line
breaks or remarks in brackets ("完成\\n时限", "序  号", "牵头单位（盖章）"). Up to two more
rows directly below it that hold only header words (or repeat the cell above, as a
vertical merge does) are the second row of a two-row header ("责任单位" over "牵头单位 |
配合单位"), the lower row winning per column. Column wordings mirror the ledger import's
(plans/specs.py, exchange/shared_fields.py), so a 分解表 reads the same whether it arrives as .xlsx
or inside a .docx. An indicator table (指标名称 | 单位 | 目标值 | 责任单位) is one too; there "单位"
is the unit of measure. A table with a progress column (完成情况) and no deadline column is a progress
report, not a plan: it is still found as a table (`progress`), so that neither its progress cells nor the
tasks it reports on are read as prose, but it gives no targets; in a plan's table the progress column (执行情况,
进展情况 …) is never read for targets (it tells what is done). Anything else (signature blocks, contact lists, layout) is no task
table and is read as plain paragraphs.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .textview import fold

ROLES: dict[str, tuple[str, ...]] = {
    "index": ("序号", "序", "编号", "no", "no.", "#"),
    "line": (
        "工作专线", "工作条线", "专线", "条线", "类别", "工作类别", "板块", "工作板块", "分类", "类型",
        "项目类别", "项目类型", "领域", "工作领域",
    ),
    "task": (
        "工作任务", "重点任务", "任务内容", "具体任务", "工作内容", "目标任务", "任务名称", "主要任务",
        "重点工作", "工作事项", "任务事项", "具体事项", "事项", "任务", "工作重点", "项目名称", "项目",
        "重点项目", "承诺事项", "实事项目", "主要内容", "重点工作任务", "工作名称", "具体工作", "内容",
        "工作项目", "项目内容", "指标名称", "指标", "民生实事", "实事",
        # a calendar of campaigns names the trade or field each month's campaign covers
        "行业名称", "整治行业", "整治内容", "整治重点", "整治项目", "行动名称", "专项行动",
    ),
    "requirement": (
        "工作要求", "目标要求", "完成标准", "具体要求", "工作目标", "工作标准", "目标", "要求",
        "建设内容", "建设内容及规模", "建设规模", "年度目标", "完成目标", "工作措施", "主要措施",
        "具体措施", "推进措施", "工作举措", "任务目标", "目标任务及要求", "预期成效", "进度安排",
        "量化指标", "量化目标", "目标及要求", "执行措施", "实施步骤",
    ),
    "value": ("目标值", "预期目标", "年度目标值", "目标数", "计划数", "任务数", "目标任务数"),
    "measure": ("计量单位",),
    "leader": ("责任领导", "分管领导", "包保领导", "牵头领导", "联系领导", "镇级领导", "县级领导", "领导"),
    "lead": (
        "牵头单位", "责任单位", "主责单位", "牵头部门", "责任部门", "主办单位", "责任主体", "承办单位",
        "实施单位", "责任科室", "牵头科室", "责任村", "村名", "村居", "村别", "责任分工",
    ),
    "co": ("配合单位", "协办单位", "参与单位", "配合部门", "协同单位", "协助单位", "协办部门", "配合科室"),
    "owner": ("责任人", "具体责任人", "整改责任人", "经办人", "具体负责人", "负责人", "联系人"),
    "deadline": (
        "完成时限", "完成时间", "时间节点", "办结时限", "完成期限", "时限要求", "时限", "时间", "截止时间",
        "完成时间节点", "时间安排", "进度要求", "时间要求",
    ),
    "status": (
        "完成情况", "进展情况", "推进情况", "工作进展", "进展", "完成进度", "落实情况", "进度", "执行情况", "实施情况",
        "进度情况", "目前进展", "当前进展", "工作进度", "推进进度",
    ),
    # a grading of the target (A类 责任目标 …), not a category heading the rows
    "note": ("备注", "说明", "目标类型", "目标类别", "指标类型", "考核类型", "目标性质"),
}  # fmt: skip
WHO = frozenset({"leader", "lead", "co", "owner", "deadline"})
WHAT = frozenset({"task", "requirement"})
MAX_HEADER_CELL = 12
MAX_HEADER_COLUMNS = 40
MAX_HEADER_ROWS = 3
HEADER_SEARCH_ROWS = 6
_MIN_SHARE = 0.4
_REMARK = re.compile(r"[（(【\[〔][^）)】\]〕]*[）)】\]〕]|[*＊★※:：]")
_SPACE = re.compile(r"\s+")
_CN_INDEX = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]?|（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十]{1,3}[部分类项]*)$"
)
_NOT_SECTION = re.compile(r"^(?:注|备注|说明|填表|合计|总计|小计|共计|制表|审核|填报|[（(]?续(?:表|上表)?[）)]?$)")
_PLACEHOLDER = frozenset({"", "/", "-", "—", "——", "－", "无", "／", "\\", "、"})
_NAME_SPLIT = re.compile(r"[、，,；;／/\u2028\n]+")
_ANY_WORD = re.compile(
    "|".join(sorted({re.escape(w) for words in ROLES.values() for w in words}, key=len, reverse=True))
)


@dataclass
class Header:
    """The header rows `first`..`last` of a grid and the role of each column."""

    first: int
    last: int
    roles: dict[int, str]

    def column(self, role: str) -> int | None:
        """The first column with this role (a table may split 牵头单位 over two)."""
        return next((col for col, name in sorted(self.roles.items()) if name == role), None)

    def columns(self, role: str) -> list[int]:
        return [col for col, name in sorted(self.roles.items()) if name == role]


def header_key(text: str) -> str:
    """A header cell as a comparable key: no spaces, breaks, remarks; width folded."""
    return _SPACE.sub("", _REMARK.sub("", unicodedata.normalize("NFKC", text))).lower()


def cell_role(text: str) -> str | None:
    """The column role a header cell names, or None."""
    if len(text) > 4 * MAX_HEADER_CELL:
        return None
    return _key_role(header_key(text))


@lru_cache(maxsize=4096)
def _key_role(key: str) -> str | None:
    if not key or len(key) > MAX_HEADER_CELL or not _ANY_WORD.search(key):
        return None
    best, score = None, 0.0
    for role, words in ROLES.items():
        for word in words:
            share = 1.0 if key == word else (len(word) / len(key) if word in key else 0.0)
            if share >= _MIN_SHARE and share > score:
                best, score = role, share
    return best


def row_roles(cells: list[str], progress: bool = False) -> dict[int, str]:
    """Column → role for a row read as a header, or {} when it is no task-table header (nor, with `progress`,
    a progress report's header)."""
    if len(cells) > MAX_HEADER_COLUMNS:
        return {}
    roles, filled = {}, 0
    for col, text in enumerate(cells):
        if not text.strip():
            continue
        filled += 1
        role = cell_role(text)
        if role is None and len(header_key(text)) > MAX_HEADER_CELL:
            return {}
        if role is not None:
            roles[col] = role
    if "value" in roles.values():  # "单位" next to a 目标值 column is the unit of measure
        roles.update({col: "measure" for col, text in enumerate(cells) if header_key(text) == "单位"})
    named = set(roles.values())
    if not (named & WHAT and named & WHO) or len(roles) < 2 or len(roles) * 3 < filled * 2:
        return {}
    if "status" in named and "deadline" not in named and not progress:
        return {}
    return roles


def is_progress(roles: dict[int, str]) -> bool:
    """A progress report's header: a progress column (完成情况, 进展情况 …) and no deadline column."""
    named = set(roles.values())
    return "status" in named and "deadline" not in named


def find_header(rows: list[list[str]], search: int = HEADER_SEARCH_ROWS, progress: bool = False) -> Header | None:
    """The header block within the first `search` rows, with the roles merged per column (a progress report's
    too, with `progress`)."""
    for index, cells in enumerate(rows[:search]):
        roles = row_roles(cells, progress)
        if roles:
            return _extend(rows, Header(index, index, roles))
    return None


def _extend(rows: list[list[str]], header: Header) -> Header:
    """Take in the rows below that still read as header (a two- or three-row header)."""
    while header.last + 1 < len(rows) and header.last - header.first + 1 < MAX_HEADER_ROWS:
        lower, upper = rows[header.last + 1], rows[header.last]
        found = header_continuation(lower, upper)
        if found is None:
            break
        header.roles.update(found)
        header.last += 1
    return header


def header_continuation(lower: list[str], upper: list[str]) -> dict[int, str] | None:
    """Roles named by a row under a header row, or None when the row is data."""
    found, new = {}, False
    for col, text in enumerate(lower):
        if not text.strip():
            continue
        above = upper[col] if col < len(upper) else ""
        role = cell_role(text)
        if role is None and header_key(text) != header_key(above):
            return None
        if role is not None:
            found[col] = role
            new = new or header_key(text) != header_key(above)
    return found if new else None


def classify(cells: list[str], header: Header) -> str:
    """What a row below the header is: "task", "section", "header" (repeated) or "skip"."""
    filled = {col: text.strip() for col, text in enumerate(cells) if text.strip() not in _PLACEHOLDER}
    if not filled:
        return "skip"
    if row_roles(cells) and set(row_roles(cells)) == set(header.roles):
        return "header"
    index = header.column("index")
    values = [text for col, text in filled.items() if col != index]
    index_text = filled.get(index, "") if index is not None else ""
    if len(set(values)) <= 1:
        text = values[0] if values else index_text
        if _NOT_SECTION.match(text):
            return "skip"
        if not index_text or _CN_INDEX.match(index_text) or index_text == text:
            return "section"
    what = [col for col in filled if header.roles.get(col) in WHAT]
    return "task" if what else "skip"


def compact_key(text: str) -> str:
    """Text without spaces or line separators, width folded: for comparing and parsing."""
    return _SPACE.sub("", fold(text))


def split_names(text: str) -> list[str]:
    """The bodies or people listed in one cell ("自然资源所、规划建设办")."""
    names = []
    for name in _NAME_SPLIT.split(text):
        name = name.strip(" \t\u3000。.")
        if name not in _PLACEHOLDER and name not in names:
            names.append(name)
    return names


def is_task_table(rows: list[list[str]]) -> bool:
    """Whether a grid is a task table (has a task-table header near its top)."""
    return find_header(rows) is not None
