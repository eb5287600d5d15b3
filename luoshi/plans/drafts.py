"""A deployment document → a draft a person reviews → the Plan, in one transaction.

The draft is plain JSON (kept between steps by drafts_store.py): the extraction's sections
and targets, and the proposed lines and items the review page edits.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from luoshi.core.errors import OutOfScope, ServiceError
from luoshi.core.scope import get_scoped
from luoshi.exchange.deadlines import parse_deadline
from luoshi.extraction import extract_text
from luoshi.extraction.indicator import strip_marker
from luoshi.org.models import Person, Unit, UnitKind
from luoshi.plans import measures, services
from luoshi.plans.drafts_guess import guess_person
from luoshi.plans.drafts_units import Township, propose_doers, suggest_lead
from luoshi.plans.models import Plan, Strength
from luoshi.plans.periods import recurrence_of

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_STRIVE = ("力争", "争取", "争创", "努力", "尽力")  # i18n: input (words of a speech)
_STOPS = "。！？；!?;\n"
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_EDGES = " \t，。；：、,;:"
_CLAUSE_ENDS = "，。；：！？,;:!?"
_BOUNDARIES = _CLAUSE_ENDS + "\n\t"
_OPENERS = ("（", "(")
_CLOSERS = {"（": "）", "(": ")"}
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_THIS_YEAR = {"全年", "今年", "本年度", "年度", "年内"}  # i18n: input (words a speech writes)


class DraftItemError(ServiceError):
    """One item of the draft could not be saved; `item` is its key, for the page to point at."""

    def __init__(self, message, *, item: str):
        super().__init__(message)
        self.item = item


# -- proposing a draft from a document --------------------------------------------------------


def draft_propose(*, actor, unit: Unit, text: str, source_name: str = "", year: int | None = None,
                  depth: int | None = None) -> dict:
    """Extract the document and propose lines, tasks and indicators; raises ExtractionError."""
    unit = township_of(actor, unit.pk)
    extraction = extract_text(text)
    found = _YEAR.search(extraction["title"] or "")
    year = year or (int(found.group(1)) if found else timezone.localdate().year)
    draft = {
        "owner": actor.pk, "unit": unit.pk, "title": plan_name(year, unit), "year": year,
        "source_name": source_name[:255], "text": text,
        "sections": extraction["sections"], "targets": extraction["targets"],
    }
    return draft_regroup(actor=actor, draft=draft, depth=depth)


def plan_name(year: int, unit: Unit) -> str:
    """A plan is the year's key work of its township ("2024年河口镇重点工作"), whatever the
    document that deployed it was called (a speech's "在…会议上的讲话" names the meeting)."""
    return (_("%(year)s年%(unit)s重点工作") % {"year": year, "unit": unit.name})[:200]


def draft_regroup(*, actor, draft: dict, depth: int | None = None) -> dict:
    """(Re)build the proposed lines and items at `depth` (None: the default rule), dropping edits."""
    sections, targets, text = draft["sections"], draft["targets"], draft["text"]
    parents = _parents(sections)
    located = [_section_of(sections, parents, t) for t in targets]
    draft["max_depth"] = max((s["level"] for s in sections), default=1)
    draft["depth"] = depth or default_depth(sections, located)
    people = list(township_people(actor, draft["unit"]))
    township = Township(list(township_units(actor, draft["unit"]).exclude(pk=draft["unit"])), people)
    lines: dict[str, dict] = {}
    items = []
    in_line = [_line_for(sections, parents, section, draft["depth"]) for section in located]
    goals = [line is not None and is_goal(text, sections[line], target)
             for target, line in zip(targets, in_line, strict=True)]
    worked = {line for line, goal in zip(in_line, goals, strict=True) if not goal}  # a heading alone: its line's task
    for index, (target, section, line) in enumerate(zip(targets, located, in_line, strict=True)):
        key = f"l{line}" if line is not None else "l-"
        if key not in lines:
            lines[key] = _line_json(key, sections[line] if line is not None else None)
        if goals[index] and line in worked:
            lines[key]["goals"].append(target["text"])
            continue
        headings = [sections[i]["title"] for i in _chain(parents, section)]
        item = _item_json(index, target, key, text, draft["year"], township, people, headings)
        item["suggest"] = _suggestions(item, township, text, headings, _body(text, sections, section), draft["year"])
        items.append(item)
    draft["lines"], draft["items"] = list(lines.values()), items
    return draft


def default_depth(sections: list[dict], located: list[int | None]) -> int:
    """The level that holds the work items: the level most targets sit in (the shallower on a
    tie); when its sections hold under two targets each they are single tasks ("1. 确保…"),
    so the level above is the line."""
    levels = [sections[i]["level"] for i in located if i is not None]
    if not levels:
        return 1
    depth = min(set(levels), key=lambda level: (-levels.count(level), level))
    at_depth = [i for i in located if i is not None and sections[i]["level"] == depth]
    if depth > 1 and len(at_depth) < 2 * len(set(at_depth)):
        depth -= 1
    return depth


def _parents(sections: list[dict]) -> list[int | None]:
    parents, stack = [], []
    for index, section in enumerate(sections):
        while stack and sections[stack[-1]]["level"] >= section["level"]:
            stack.pop()
        parents.append(stack[-1] if stack else None)
        stack.append(index)
    return parents


def _section_of(sections: list[dict], parents: list[int | None], target: dict) -> int | None:
    """The innermost section a target belongs to, matched on its numbering path."""
    path = target.get("section") or []
    for index in range(len(sections) - 1, -1, -1):
        if sections[index]["offset"] <= target["offset"] and _path(sections, parents, index) == path:
            return index
    return None


def _path(sections, parents, index) -> list[str]:
    """The numbers from the outermost section in; unnumbered sections (a task table's 类别) are
    left out, as the extraction leaves them out of a target's path."""
    path = []
    while index is not None:
        if sections[index]["number"]:
            path.insert(0, sections[index]["number"])
        index = parents[index]
    return path


def _chain(parents, index: int | None) -> list[int]:
    """A section and the sections above it, innermost first."""
    chain = []
    while index is not None:
        chain.append(index)
        index = parents[index]
    return chain


def _line_for(sections, parents, index: int | None, depth: int) -> int | None:
    while index is not None and sections[index]["level"] > depth:
        index = parents[index]
    return index


def _line_json(key: str, section: dict | None) -> dict:
    if section is None:
        return {"key": key, "number": "", "name": _("未归类"), "offset": None, "drop": False, "goals": []}
    return {"key": key, "number": section["number"].rstrip("、.，,．"), "name": section["title"][:200],
            "offset": section["offset"], "drop": False, "goals": []}


def is_goal(text: str, section: dict, target: dict) -> bool:
    """A line's goal, not a task: a qualitative target with no date, count or period, written
    in the line's own heading ("二是持之以恒抓好“双招双引”，确保实现镇域经济新突破"). The
    heading names the line, so the goal stays in the plan as the line's name."""
    if target.get("kind") != "qualitative" or target.get("deadline") or target.get("recurrence"):
        return False
    return section["offset"] <= target["offset"] and target["offset"] + len(target["text"]) <= heading_end(
        text, section["offset"])


def heading_end(text: str, start: int) -> int:
    """Where a heading ends: its first 。；： or the line end (as the extraction cuts a title)."""
    ends = [i for i in (text.find(c, start) for c in "。；：\n") if i != -1]
    return min(ends) if ends else len(text)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (to 。！？； or the line end) around a clause."""
    while start > 0 and text[start - 1] not in _STOPS:
        start -= 1
    while end < len(text) and text[end - 1] not in _STOPS:
        end += 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _body(text: str, sections: list[dict], index: int | None) -> str:
    """The paragraphs of a section, from its heading to the next heading of any level."""
    if index is None:
        return ""
    end = sections[index + 1]["offset"] if index + 1 < len(sections) else len(text)
    return text[sections[index]["offset"]:end]


def _suggestions(item: dict, township: Township, text: str, headings: list[str], body: str, year: int) -> dict:
    """What the reviewer may accept for an element the draft left empty: a lead unit from the
    task's field or its section (drafts_units.suggest_lead), the year's end for a time written
    with a placeholder ("×月底前")."""
    suggest = {}
    if not (item["lead_unit"] or item["splits"] or item["owner"]):
        lead = suggest_lead(township, sentence=text[item["offset"]:item["end"]], headings=headings, body=body)
        if lead is not None:
            suggest["lead_unit"] = lead
    if not (item["deadline"] or item["recurrence"]) and item["deadline_text"]:
        suggest["deadline"] = f"{year}-12-31"
    return suggest


def _item_json(index: int, target: dict, line: str, text: str, year: int, township: Township,
               people: list[Person], headings: list[str]) -> dict:
    start, end = sentence_span(text, target["offset"], target["offset"] + len(target["text"]))
    doers = propose_doers(township, words=target.get("responsible") or [], sentence=text[start:end],
                          headings=headings, clause=target["text"])
    # The words as written stay beside each person proposed, for the reviewer to choose by.
    leaders, owners = target.get("leaders") or [], target.get("owners") or []
    item = {"key": f"t{index}", "line": line, "drop": False, "marks": [index],
            "title": task_title(text[slice(*clause_span(text, target))]) or (target.get("indicator") or "")[:500],
            "requirement": target["text"],
            "offset": start, "end": end, "lead_unit": doers.lead, "co_units": doers.co, "splits": doers.splits,
            "leader": guess_person(leaders, people), "leaders": leaders,
            "owner": guess_person(owners, people) or doers.owner, "owners": owners,
            "responsible": target.get("responsible") or [], "indicators": []}
    item.update(deadline_fields(target, year))
    if target.get("kind") == "quantity":
        name = (target.get("indicator") or target["text"])[:200]
        item["indicators"].append({
            "name": name,
            "target": "" if target.get("value") is None else _number(target["value"]),
            "measure": (target.get("unit") or "")[:20], "qualifier": (target.get("qualifier") or "")[:20],
            "strength": strength_of(target.get("strength")), "offset": start, "end": end, "drop": False,
            # the register whose rows make this number, when the target's words name one ("亿元项目")
            "register_measure": measures.propose(name)})
    return item


def clause_span(text: str, target: dict) -> tuple[int, int]:
    """The whole clause(s) a target was read from: its text widened to the clause boundaries
    around it, unless it is an item of an enumeration (after or before "、") or a note in
    brackets, which are whole as they are."""
    start, end = target["offset"], target["offset"] + len(target["text"])
    if not (start and text[start - 1] == "、") and not target["text"].startswith(_OPENERS):
        while start > 0 and text[start - 1] not in _BOUNDARIES:
            start -= 1
    if not (end < len(text) and text[end] == "、"):
        line_end = text.find("\n", end) if "\n" in text[end:] else len(text)
        while end < len(text) and text[end] not in _BOUNDARIES:
            close = text.find(_CLOSERS[text[end]], end, line_end) if text[end] in _CLOSERS else -1
            end = close + 1 if close != -1 else end + 1  # "工程量（或投资额）的50%": the bracket is inside
    return start, end


def task_title(clause: str, limit: int = 500) -> str:
    """A task's title: the whole clause it came from ("确保新上亿元项目×个", "6月底前完成清产核资
    工作"), never a phrase cut out of it, without the enumeration marker that opens it; past
    `limit`, cut at the last clause boundary before it."""
    title = strip_marker(clause.strip()).strip(_EDGES)
    if title[:1] in _CLOSERS and title[-1:] in "）)":  # a note in brackets read as a target of its own
        title = title[1:-1].strip(_EDGES)
    title = _TRAILING_NOTE.sub("", title).strip(_EDGES) or title  # "…3个（牵头单位：…）": the note is no title
    if len(title) <= limit:
        return title
    cut = max(title.rfind(c, 0, limit) for c in _CLAUSE_ENDS)
    return title[:cut] if cut > 0 else title[:limit]


def _number(value) -> str:
    return f"{Decimal(str(value)).normalize():f}"


def strength_of(word: str | None) -> str:
    return Strength.STRIVE if word and word.startswith(_STRIVE) else Strength.MUST


def deadline_fields(target: dict, year: int) -> dict:
    """The extracted phrases → a date and a Task.Recurrence, through the ledger import's parser."""
    written = [p for p in (target.get("deadline"), target.get("recurrence")) if p]
    deadline, recurrence = "", ""
    if target.get("deadline"):
        deadline = parse_deadline(target["deadline"], year=year).deadline or ""
    if target.get("recurrence"):
        recurrence = recurrence_of(target["recurrence"], year=year)
    # A year's plan: what it sets without a time ("确保新上亿元项目×个", "全年完成…") is due by the
    # year's end. A time written but unreadable ("×月底前") is left for the reviewer to fill in.
    period = target.get("period") or ""
    year_end = not written and (not period or period in _THIS_YEAR or period.rstrip("年") == str(year))
    if year_end and target.get("kind") != "recurring":
        deadline = f"{year}-12-31"
    return {"deadline": deadline, "recurrence": recurrence, "deadline_text": " ".join(written)[:100],
            "deadline_guessed": bool(year_end and deadline)}


# -- what the review page may offer ------------------------------------------------------------


def township_choices(actor):
    """The townships (and counties) the actor may plan for."""
    return Unit.objects.visible_to(actor).filter(kind__in=[UnitKind.TOWNSHIP, UnitKind.COUNTY])


def township_of(actor, pk) -> Unit:
    unit = get_scoped(actor, Unit, pk)
    if unit.kind not in (UnitKind.TOWNSHIP, UnitKind.COUNTY):
        raise ServiceError(_("工作计划应属于镇或县"), field="unit")
    return unit


def township_units(actor, township_pk: int):
    township = get_scoped(actor, Unit, township_pk)
    return Unit.objects.visible_to(actor).filter(path__under=township.path, is_active=True).order_by("path")


def township_people(actor, township_pk: int):
    township = get_scoped(actor, Unit, township_pk)
    return Person.objects.visible_to(actor).filter(unit__path__under=township.path,
                                                   is_active=True).select_related("unit").order_by("unit__path", "name")


def draft_merge(draft: dict, keys: list[str]) -> str:
    """Merge the chosen items into the first of them (in document order); returns its key."""
    chosen = [i for i in draft["items"] if i["key"] in set(keys)]
    if len(chosen) < 2:
        raise ServiceError(_("请至少勾选两项任务再合并"))
    first, rest = chosen[0], chosen[1:]
    for other in rest:
        first["requirement"] = "；".join(p for p in (first["requirement"], other["requirement"]) if p)
        first["offset"], first["end"] = min(first["offset"], other["offset"]), max(first["end"], other["end"])
        first["marks"] += other["marks"]
        first["indicators"] += other["indicators"]
        first["lead_unit"] = first["lead_unit"] or other["lead_unit"]
        first["owner"] = first["owner"] or other["owner"]
        first["leader"] = first.get("leader") or other.get("leader")
        for words in ("leaders", "owners"):
            first[words] = list(dict.fromkeys(first.get(words, []) + other.get(words, [])))
        first["co_units"] = list(dict.fromkeys(first["co_units"] + other["co_units"]))
        first["splits"] = list(dict.fromkeys(first.get("splits", []) + other.get("splits", [])))
        first["deadline"] = max(first["deadline"], other["deadline"])
        first["recurrence"] = first["recurrence"] or other["recurrence"]
        first["deadline_text"] = " ".join(p for p in (first["deadline_text"], other["deadline_text"]) if p)[:100]
    gone = {i["key"] for i in rest}
    draft["items"] = [i for i in draft["items"] if i["key"] not in gone]
    return first["key"]


def draft_lines_for_save(draft: dict) -> list[dict]:
    """The kept lines with their kept items, in the shape `plan_from_draft` takes."""
    text, lines = draft["text"], []
    for line in draft["lines"]:
        items = [i for i in draft["items"] if i["line"] == line["key"] and not i["drop"]]
        if line["drop"] or not items:
            continue
        tasks = [dict(i, source_offset=i["offset"], source_text=text[i["offset"]:i["end"]],
                      indicators=[dict(x, source_offset=x["offset"], source_text=text[x["offset"]:x["end"]])
                                  for x in i["indicators"] if not x.get("drop")]) for i in items]
        lines.append({"key": line["key"], "number": line["number"], "name": line["name"], "tasks": tasks})
    return lines


# -- confirming: the plan in one transaction ---------------------------------------------------


@transaction.atomic
def plan_from_draft(*, actor, unit: Unit, year: int, title: str, source_name: str = "", source_text: str = "",
                    lines: list[dict]) -> Plan:
    """Create the Plan, its WorkLines, Indicators and draft Tasks; any bad item rolls all back
    and raises DraftItemError naming it."""
    if not any(line["tasks"] for line in lines):
        raise ServiceError(_("草稿中没有保留任何任务，无法生成计划"))
    plan = services.plan_create(actor=actor, unit=township_of(actor, getattr(unit, "pk", unit)), year=year,
                                title=title, source_name=source_name, source_text=source_text)
    for order, line in enumerate(lines, start=1):
        label = _("专线“%(name)s”") % {"name": line["name"] or line.get("number", "")}
        if not (line["name"] or "").strip():
            raise DraftItemError(_("%(l)s：请填写专线名称") % {"l": label}, item=line.get("key", ""))
        work_line = services.line_create(actor=actor, plan=plan, name=line["name"][:200],
                                         number=(line.get("number") or "")[:20], sort_order=order)
        for task in line["tasks"]:
            try:
                _task_from_draft(actor, plan, work_line, task)
            except ServiceError as error:
                raise DraftItemError(_("%(l)s的任务“%(t)s”：%(e)s") % {
                    "l": label, "t": (task.get("title") or "")[:40], "e": error.message}, item=task.get("key", "")) from error
    return plan


def _task_from_draft(actor, plan: Plan, line, task: dict) -> None:
    if not (task.get("title") or "").strip():
        raise ServiceError(_("请填写工作任务"))
    if len(task["title"]) > 500:
        raise ServiceError(_("工作任务不能超过500字"))
    lead_unit = _in_township(actor, plan, Unit, task.get("lead_unit"), _("牵头单位"))
    owner = _in_township(actor, plan, Person, task.get("owner"), _("责任人"))
    leader = _in_township(actor, plan, Person, task.get("leader"), _("责任领导"))
    co_units = [_in_township(actor, plan, Unit, pk, _("配合单位")) for pk in task.get("co_units") or []
                if pk != task.get("lead_unit")]
    parts = [_in_township(actor, plan, Unit, pk, _("分解单位")) for pk in task.get("splits") or []]
    indicators = [_indicator_from_draft(actor, plan, line, lead_unit, x) for x in task.get("indicators") or []]
    created = services.task_create(
        actor=actor, plan=plan, title=task["title"], requirement=task.get("requirement") or "", line=line,
        lead_unit=lead_unit, owner=owner, leader=leader, deadline=parse_day(task.get("deadline")),
        deadline_text=(task.get("deadline_text") or "")[:100], recurrence=task.get("recurrence") or "",
        source_offset=task.get("source_offset"), source_text=task.get("source_text") or "",
        co_units=co_units, indicators=indicators)
    if parts:  # "各村…": one part per village, each its village's to carry out and report on
        services.task_split(actor=actor, task=created, units=parts)


def _indicator_from_draft(actor, plan: Plan, line, lead_unit, data: dict):
    if not (data.get("name") or "").strip():
        raise ServiceError(_("请填写指标名称"))
    if data.get("strength") not in Strength.values:
        raise ServiceError(_("指标要求应为“确保”或“力争”"))
    return services.indicator_create(
        actor=actor, plan=plan, name=data["name"][:200], unit=lead_unit or plan.unit, line=line,
        measure=(data.get("measure") or "")[:20], target=_decimal(data.get("target")), strength=data["strength"],
        qualifier=(data.get("qualifier") or "")[:20], source_offset=data.get("source_offset"),
        source_text=data.get("source_text") or "", register_measure=data.get("register_measure") or "")


def _in_township(actor, plan: Plan, model, pk, role: str):
    """A unit or person the actor may see AND that belongs to the plan's township; the refusal
    names the role (责任领导, 牵头单位 …) so the reviewer knows which picker to change."""
    if pk in (None, ""):
        return None
    try:
        obj = get_scoped(actor, model, pk)
    except OutOfScope:
        raise OutOfScope(_("所选%(role)s不存在或不在您的数据权限范围内") % {"role": role}) from None
    path = obj.path if model is Unit else obj.unit.path
    if not path.startswith(plan.unit.path):
        raise OutOfScope(_("%(role)s“%(name)s”不属于%(unit)s") % {"role": role, "name": obj.name,
                                                                 "unit": plan.unit.name})
    return obj


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ServiceError(_("目标值“%(v)s”不是数字") % {"v": value}) from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 14:
        raise ServiceError(_("目标值“%(v)s”超出范围") % {"v": value})
    return number


def parse_day(value):
    if not value:
        return None
    try:
        day = parse_date(str(value)) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)) else None
    except ValueError:
        day = None
    if day is None:
        raise ServiceError(_("完成时限“%(v)s”不是有效日期") % {"v": value})
    return day
