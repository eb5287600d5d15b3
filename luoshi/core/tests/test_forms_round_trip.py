"""Every edit form round-trips: opening it and saving it unchanged changes nothing.

For each edit page of the URLconf (and each ledger's edit page) a record is built with data in
every field; the page is opened, its form read the way a browser reads it — a date input keeps
only a yyyy-mm-dd value, checkboxes and radios count only when checked, a select sends its
selected options, a textarea its text with CRLF line breaks, disabled controls nothing — and
posted back as is. The save must succeed and leave every field and many-to-many set as it was.

`version` is left out of the comparison: the update services (plans, supervision, dispatch)
bump it on every save and write an audit entry, whether or not anything changed; a save that
changes nothing could write nothing, but that is the services' decision, not the forms'.
`updated_at` is a timestamp. A new edit URL fails `test_every_edit_page_is_covered` until it
is given a case here or excluded with a reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from luoshi.ledgers.registry import all_ledgers
from luoshi.org import services as org
from luoshi.org.models import Person, UnitKind

# -- what a browser submits ----------------------------------------------------------------------

_VALID = {
    # https://html.spec.whatwg.org/#value-sanitization-algorithm: anything else becomes "".
    "date": re.compile(r"\d{4,}-\d{2}-\d{2}"),
    "time": re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
    "datetime-local": re.compile(r"\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
    "month": re.compile(r"\d{4,}-\d{2}"),
    "week": re.compile(r"\d{4,}-W\d{2}"),
    "number": re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?"),
    "range": re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?"),
}
_NO_NEWLINES = {"text", "search", "tel", "password", "email", "url"}
_NOT_SENT = {"submit", "image", "button", "reset", "file"}


def _sanitized(kind: str, value: str) -> str:
    """An input's value as the browser keeps it (the page's value attribute may be dropped)."""
    if kind in _NO_NEWLINES:
        value = value.replace("\r", "").replace("\n", "")
    if kind in ("email", "url"):
        value = value.strip()
    pattern = _VALID.get(kind)
    if pattern is not None and not pattern.fullmatch(value):
        return ""
    if kind in ("date", "datetime-local", "month"):
        try:
            dt.date.fromisoformat(value.replace(" ", "T").split("T")[0] + ("-01" if kind == "month" else ""))
        except ValueError:
            return ""
    if kind == "datetime-local":
        value = value.replace(" ", "T")  # the normalized form
    return value


class _Forms(HTMLParser):
    """The POST forms of a page, each as the (name, value) entries a browser would submit."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._fieldsets: list[bool] = []  # a disabled fieldset disables what it holds
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    @property
    def _disabled(self) -> bool:
        return any(self._fieldsets)

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "form":
            self._form = {"attrs": attrs, "entries": [], "submitter": None}
        elif self._form is None:
            return
        elif tag == "fieldset":
            self._fieldsets.append("disabled" in attrs)
        elif tag == "input":
            self._input(attrs)
        elif tag == "button":
            if attrs.get("type", "submit") == "submit" and self._form["submitter"] is None:
                self._form["submitter"] = attrs
        elif tag == "select":
            self._select = {"attrs": attrs, "options": [], "disabled": self._disabled or "disabled" in attrs}
        elif tag == "option" and self._select is not None:
            self._end_option()
            self._option = {"attrs": attrs, "text": ""}
        elif tag == "textarea":
            self._textarea = {"attrs": attrs, "text": "", "disabled": self._disabled or "disabled" in attrs}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "form":
            submitter = self._form.pop("submitter")
            if submitter and submitter.get("name"):  # the 保存 button, pressed
                self._form["entries"].append((submitter["name"], submitter.get("value", "")))
            self.forms.append(self._form)
            self._form = None
        elif tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        elif tag == "option":
            self._end_option()
        elif tag == "select" and self._select is not None:
            self._end_option()
            self._end_select()
        elif tag == "textarea" and self._textarea is not None:
            area, self._textarea = self._textarea, None
            name = area["attrs"].get("name")
            if name and not area["disabled"]:
                text = area["text"]
                text = text[1:] if text.startswith("\n") else text  # the parser drops the first newline
                self._add(name, text)

    def _input(self, attrs):
        kind = attrs.get("type", "text").lower()
        name = attrs.get("name")
        if not name or kind in _NOT_SENT or self._disabled or "disabled" in attrs:
            return
        if kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self._add(name, attrs.get("value", "on"))
            return
        self._add(name, _sanitized(kind, attrs.get("value", "")))

    def _end_option(self):
        if self._option is not None and self._select is not None:
            self._select["options"].append(self._option)
        self._option = None

    def _end_select(self):
        select, self._select = self._select, None
        name = select["attrs"].get("name")
        if not name or select["disabled"]:
            return
        options = [o for o in select["options"] if "disabled" not in o["attrs"]]
        chosen = [o for o in options if "selected" in o["attrs"]]
        if "multiple" not in select["attrs"]:
            # One shown at a time: the last one marked selected, else the first.
            chosen = chosen[-1:] or options[:1]
        for option in chosen:
            self._add(name, option["attrs"].get("value", option["text"].strip()))

    def _add(self, name: str, value: str):
        # Submitted forms carry line breaks as CRLF, whatever the page had.
        value = re.sub(r"\r\n|\r|\n", "\r\n", value)
        self._form["entries"].append((name, value))


def browser_post_data(html: str, path: str) -> dict[str, list[str]]:
    """What pressing 保存 on the page's form for `path` would post."""
    parser = _Forms()
    parser.feed(html)
    parser.close()
    forms = [f for f in parser.forms if f["attrs"].get("method", "get").lower() == "post"
             and urlsplit(f["attrs"].get("action", "")).path in ("", path)]
    assert len(forms) == 1, f"expected one form posting to {path}, found {len(forms)}"
    data: dict[str, list[str]] = {}
    for name, value in forms[0]["entries"]:
        data.setdefault(name, []).append(value)
    return data


# -- a record's state ----------------------------------------------------------------------------

_NOT_COMPARED = {"version", "updated_at"}
# Stored results of a computation that every save reruns by design (DESIGN "Lifecycle and lights"):
# the test's record holds made-up values there, so they are not the form's to keep.
_DERIVED = {"plans.task": {"light", "light_reason"}}


def state(obj: models.Model) -> dict:
    """Every concrete field and many-to-many set of `obj` as stored now."""
    model = type(obj)
    row = model.objects.unscoped("a round-trip test reads the row back").get(pk=obj.pk)
    skipped = _NOT_COMPARED | _DERIVED.get(model._meta.label_lower, set())
    data = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields if f.name not in skipped}
    for field in model._meta.many_to_many:
        data[field.name] = sorted(getattr(row, field.name).through.objects.filter(
            **{field.m2m_field_name(): row.pk}).values_list(f"{field.m2m_reverse_field_name()}_id", flat=True))
    return data


AT = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 15, 30))


def fill_the_rest(obj: models.Model, *, user) -> None:
    """Every field the services left empty — the workflow's stamps (who signed or closed it, and
    when …), none of them on the edit forms — gets a plain value, so a field added later is filled
    too: a form that drops it on saving shows here. A relation takes `user`, or any row of its model."""
    model = type(obj)
    row = model.objects.unscoped("a round-trip test fills its record").get(pk=obj.pk)
    values = {}
    for field in model._meta.concrete_fields:
        if getattr(row, field.attname) not in (None, ""):
            continue
        if field.is_relation:
            rows = field.related_model._default_manager
            rows = rows.unscoped("any row will do") if hasattr(rows, "unscoped") else rows.all()
            values[field.name] = user if field.related_model is type(user) else rows.first()
        elif field.choices:
            values[field.name] = next(value for value, _label in field.choices if value not in (None, ""))
        elif isinstance(field, models.DateTimeField):
            values[field.name] = AT
        elif isinstance(field, models.DateField):
            values[field.name] = AT.date()
        elif isinstance(field, models.TimeField):
            values[field.name] = AT.time()
        elif isinstance(field, models.IntegerField | models.DecimalField):
            values[field.name] = 7
        else:
            values[field.name] = "已填写"
    model.objects.unscoped("a round-trip test fills its record").filter(pk=obj.pk).update(**values)
    empty = {name for name, value in state(obj).items() if value in (None, "", [])}
    assert not empty, f"fill these fields of {model.__name__}: {empty}"


# -- the records ---------------------------------------------------------------------------------


def _people(world) -> dict[str, Person]:
    admin = world.admin
    return {"leader": org.person_create(actor=admin, unit=world.unit("township"), name="王镇长", title="镇长",
                                        phone="13900001111", id_card="370830198001011234"),
            "owner": org.person_create(actor=admin, unit=world.unit("department"), name="李主任", title="主任",
                                       phone="13900002222"),
            "liaison": org.person_create(actor=admin, unit=world.unit("department"), name="赵联络员",
                                         title="驻企联络员")}


def _full_task(world):
    """A signed task of 经济发展办公室 with every field set, some directly (the flow's stamps)."""
    from luoshi.plans import services as plans
    from luoshi.plans.models import Task

    office, people = world.user("office"), _people(world)
    plan = plans.plan_create(actor=office, unit=world.unit("township"), year=2026, title="河口镇2026年重点工作",
                             source_name="工作要点.docx", source_text="一、经济发展")
    line = plans.line_create(actor=office, plan=plan, name="经济发展专线", number="一", leader=people["leader"],
                             lead_unit=world.unit("department"), sort_order=1)
    indicators = [plans.indicator_create(actor=office, plan=plan, name=f"新上亿元项目{n}", unit=world.unit("department"),
                                         measure="个", target="3.50", baseline="1.25", line=line) for n in (1, 2)]
    parent = plans.task_create(actor=office, plan=plan, title="招商引资", lead_unit=world.unit("department"))
    task = plans.task_create(
        actor=office, plan=plan, title="新上亿元项目3个", requirement="6月底前签约2个；\n年底前开工3个。",
        line=line, leader=people["leader"], lead_unit=world.unit("department"), owner=people["owner"],
        co_units=[world.unit("village"), world.unit("other_village_same_township")],
        informed=[people["leader"], people["liaison"]], indicators=indicators,
        start_date=dt.date(2026, 1, 15), deadline=dt.date(2026, 12, 31), deadline_text="年底前",
        recurrence="monthly", parent=parent, source_offset=120, source_text="确保新上亿元项目3个，年底前完成。")
    Task.objects.unscoped("a task under way").filter(pk=task.pk).update(
        status="signed", progress=40, light="yellow", light_reason="进度滞后于序时进度", last_report_at=AT,
        reported_periods=" 2026-01 2026-02 ", return_reason="时限不明")
    fill_the_rest(task, user=world.user("leader"))
    return task


def _full_problem(world):
    from luoshi.progress.models import ProgressReport
    from luoshi.supervision import services as supervision
    from luoshi.supervision.models import Problem

    office, people = world.user("office"), _people(world)
    task = _other_task(world)
    problem = supervision.problem_create(
        actor=office, description="垃圾堆放点未清理。群众反映多次。\n涉及两个村民小组。", lead_unit=world.unit("department"),
        co_units=[world.unit("village"), world.unit("office_dept")], title="垃圾堆放点未清理", category="人居环境",
        source="enterprise", measures="限期清理；\n建立长效机制。", village=world.unit("village"),
        leader=people["leader"], owner=people["owner"], task=task, deadline=dt.date(2026, 6, 30),
        deadline_kind="date", recurrence="monthly", deadline_text="6月底前", evidence="清理前后照片",
        note="第二轮督查发现", enterprise_name="河口食品有限公司", liaison=people["liaison"])
    # A report whose difficulties the problem could come from.
    ProgressReport.objects.create(task=task, reporter=world.user("village"), reporter_name="村书记",
                                  unit=world.unit("village"), text="已清理一处", difficulties="缺少清运车辆",
                                  scope_path=world.unit("village").path)
    Problem.objects.unscoped("a problem being put right").filter(pk=problem.pk).update(
        status="rectifying", flow_reason="整改不到位，重新整改")
    fill_the_rest(problem, user=world.user("leader"))
    return problem


def _full_enterprise(world):
    from luoshi.economy.tests.test_enterprises import make_enterprise

    people = _people(world)
    firm = make_enterprise(world, credit_code="91370830MA3C123456", industry="智能制造", above_scale=True,
                           address="河口镇工业园区1号", contact="张经理", liaison=people["liaison"],
                           status_date=dt.date(2026, 3, 1), employees=120, note="新四板挂牌企业\n第二行")
    fill_the_rest(firm, user=world.user("leader"))
    return firm


def _full_project(world):
    from luoshi.economy.tests.project_factories import make_project

    people = _people(world)
    project = make_project(world, stage="producing", lead_date=dt.date(2026, 1, 5), talks_date=dt.date(2026, 1, 20),
                           signed_date=dt.date(2026, 2, 10), started_date=dt.date(2026, 2, 25),
                           producing_date=dt.date(2026, 3, 1), invested=Decimal("8600.50"), park="青东产业园",
                           leader=people["leader"], note="已投产\n第二行")
    fill_the_rest(project, user=world.user("leader"))
    return project


def _bound_indicator(world):
    from luoshi.plans import services as plans

    office = world.user("office")
    plan = plans.plan_create(actor=office, unit=world.unit("township"), year=2026, title="河口镇2026年重点工作")
    indicator = plans.indicator_create(actor=office, plan=plan, name="新上亿元项目", unit=world.unit("township"),
                                       measure="个", target=3, register_measure="projects.yi_signed")
    plans.indicator_split(actor=office, indicator=indicator, shares={world.unit("village"): 3})
    return indicator


def _full_income(world):
    from decimal import Decimal

    from luoshi.ledgers.registry import get_ledger

    entry = get_ledger("collective-income").create(
        actor=world.user("office"), village=world.unit("village"), year=2026, source="pond", item="东坑塘承包费",
        amount=Decimal("2.4567"), received_on=dt.date(2026, 3, 5), payer="张三", evidence="HK-2026-001",
        note="三年一签\n第二行")
    fill_the_rest(entry, user=world.user("leader"))
    return entry


def _full_commitment(world):
    from luoshi.ledgers.registry import get_ledger
    from luoshi.plans import services as plans

    office = world.user("office")
    plan = plans.plan_create(actor=office, unit=world.unit("township"), year=2026, title="河口镇2026年重点工作")
    line = plans.line_create(actor=office, plan=plan, name="民生实事")
    commitment = get_ledger("commitments").create(
        actor=office, village=world.unit("village"), year=2026, title="硬化村内道路 1.2 公里",
        deadline=dt.date(2026, 10, 31), standard="路面宽 4 米\n通车验收", promised_by="张书记",
        promised_on=dt.date(2026, 2, 20), line=line, note="群众呼声最高")
    fill_the_rest(commitment, user=world.user("leader"))
    return commitment


def _full_threshold(world):
    from decimal import Decimal

    from luoshi.ledgers.registry import get_ledger

    line = get_ledger("income-thresholds").create(actor=world.user("office"), township=world.unit("township"),
                                                  label="空壳村", kind="below", amount=Decimal("5.5"))
    fill_the_rest(line, user=world.user("leader"))
    return line


def _full_farm(world):
    from decimal import Decimal

    from luoshi.ledgers.registry import get_ledger

    farm = get_ledger("farms").create(
        actor=world.user("office"), name="路村西瓜种植专业合作社", kind="cooperative", level="county",
        certified_on=dt.date(2026, 5, 10), village=world.unit("village"), industry="西瓜", members=56,
        area=Decimal("120.5"), leader="王建国", phone="13912345678", credit_code="93370830MA3C12345X",
        registered_on=dt.date(2019, 4, 12), note="党支部领办\n第二行")
    fill_the_rest(farm, user=world.user("leader"))
    return farm


def _full_operation(world):
    from decimal import Decimal

    from luoshi.economy import operation_flow
    from luoshi.ledgers.registry import get_ledger

    record = get_ledger("coop-operations").create(
        actor=world.user("village"), village=world.unit("village"), year=2026, cooperative=_full_farm(world),
        business="西瓜统购统销", income=Decimal("12.50"), evidence="收支台账\n分红公示", status="declared", note="备注")
    record = operation_flow.operation_step(actor=world.user("office"), operation=record, action="send_back",
                                           reason="佐证不足")
    fill_the_rest(record, user=world.user("leader"))
    return record


def _full_engagement(world):
    from luoshi.ledgers.registry import get_ledger

    row = get_ledger("talent-engagements").create(
        actor=world.user("office"), kind="flexible", mode="cooperation", name="孙教授", degree="doctor", title="教授",
        field="人工智能", employer="青东智能科技有限公司", unit=world.unit("township"), starts_on=dt.date(2026, 3, 5),
        ends_on=dt.date(2028, 3, 4), agreement="XY-2026-01", phone="13700001111", id_card="37083019800506123X",
        note="每月驻企两天\n第二行")
    fill_the_rest(row, user=world.user("leader"))
    return row


def _full_path(world):
    import datetime as dt

    from luoshi.ledgers.registry import get_ledger

    row = get_ledger("party-paths").create(
        actor=world.user("office"), name="张晓明", gender="male", birth_date=dt.date(1995, 3, 1),
        id_card="370830199503011234", phone="13800001111", branch=world.unit("village"),
        applied_on=dt.date(2024, 3, 1), introducers="王建华、李秀兰", note="递交入党申请书\n第二行")
    fill_the_rest(row, user=world.user("leader"))
    return row


def _full_case(world):
    import datetime as dt

    from luoshi.ledgers.registry import get_ledger

    return get_ledger("discipline-cases").create(
        actor=world.user("discipline"), name="钱某某", unit=world.unit("village"), post="村委会委员", is_cadre=True,
        id_card="370830198005061234", phone="13900001111", facts="违规发放补贴\n第二行", source="petition",
        received_on=dt.date(2024, 2, 1), filed_on=dt.date(2024, 2, 10), sanction="serious_warning",
        decided_on=dt.date(2024, 4, 1), decision_no="河纪发〔2024〕3号", status="closed",
        readers=[world.user("leader").person], note="备注")


def _full_honour(world):
    import datetime as dt

    from luoshi.ledgers.registry import get_ledger

    row = get_ledger("honours").create(
        actor=world.user("office"), year=2024, kind="individual", title="优秀共产党员", unit=world.unit("village"),
        person_name="王建华", post="党员", deeds="带头致富\n第二行", status="awarded", decision_title="表彰决定",
        decision_no="河发〔2025〕5号", decided_on=dt.date(2025, 2, 1))
    fill_the_rest(row, user=world.user("leader"))
    return row


def _full_talent(world):
    from decimal import Decimal

    from luoshi.ledgers.registry import get_ledger

    row = get_ledger("talents").create(
        actor=world.user("office"), kind="sage", name="王建国", village=world.unit("village"), degree="master",
        specialty="建筑", workplace="济宁某建设集团", title="董事长", donation=Decimal("10.5"), phone="13800001111",
        id_card="370830198005061234", note="奖励考入本科院校大学生\n第二行")
    fill_the_rest(row, user=world.user("leader"))
    return row


def _full_class(world):
    from luoshi.ledgers.registry import get_ledger

    row = get_ledger("training-classes").create(
        actor=world.user("office"), name="青东智能订单班", school="济宁职业技术学院", enterprise="青东智能科技有限公司",
        major="工业机器人", students=40, employed=12, unit=world.unit("township"), starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2028, 6, 30), agreement="校企合作协议", note="第二行\n备注")
    fill_the_rest(row, user=world.user("leader"))
    return row


def _emergency_rows(world) -> dict:
    """One of each emergency register, through the engine's writes; a missed shift urged (its 督办单 set)."""
    from luoshi.emergency import duty
    from luoshi.emergency.tests import factories as f

    emergency = f.make_emergency(world, task=f.make_task(world), ends_on=dt.date(2026, 12, 31), note="要求\n第二行")
    returnee = f.make_returnee(world, emergency, group=world.unit("group"), reported_on=f.DAY, address="路村一组",
                               note="备注\n第二行")
    isolation = f.make_isolation(world, emergency, world.user("village").person, returnee=returnee,
                                 ended_on=f.DAY + dt.timedelta(days=5), note="备注")
    place = f.make_place(world, note="备注")
    key_place = f.make_place(world, name="路村卫生室", kind="key_place")
    shift = f.make_shift(world, emergency, place, world.user("village").person,
                         day=timezone.localdate() - dt.timedelta(days=2))
    shift = duty.shift_urge(actor=world.user("office"), shift=shift)
    from luoshi.ledgers.registry import get_ledger

    disinfection = get_ledger("disinfections").create(
        actor=world.user("village"), place=key_place, done_at=timezone.make_aware(dt.datetime(2026, 2, 9, 16, 30)),
        done_by="王医生", area="候诊区", agent="84消毒液 1:100 喷洒", note="备注")
    rows = {"emergencies": emergency, "returnees": returnee, "isolations": isolation, "duty-places": place,
            "shifts": shift, "disinfections": disinfection}
    for row in rows.values():
        fill_the_rest(row, user=world.user("leader"))
    return rows


def _other_task(world):
    from luoshi.plans import services as plans

    office = world.user("office")
    plan = plans.plan_create(actor=office, unit=world.unit("township"), year=2025, title="河口镇2025年重点工作")
    return plans.task_create(actor=office, plan=plan, title="人居环境整治", lead_unit=world.unit("village"))


def _full_dispatch(world):
    from luoshi.dispatch.tests.factories import make_roll_call

    dispatch = make_roll_call(world, window_minutes=90).dispatch
    fill_the_rest(dispatch, user=world.user("leader"))
    return dispatch


def _full_unit(world):
    unit = org.unit_create(actor=world.admin, parent=world.unit("township"), name="应急管理办公室",
                           kind=UnitKind.DEPARTMENT, code="370830101-07", sort_order=7)
    fill_the_rest(unit, user=world.user("leader"))
    return unit


def _full_person(world):
    person = _people(world)["leader"]
    fill_the_rest(person, user=world.user("leader"))
    return person


@dataclass(frozen=True)
class Case:
    url_name: str
    build: Callable  # world → the record
    args: Callable = lambda obj: [obj.pk]
    persona: str = "office"


def _full_household(world):
    from luoshi.people.tests.factories import household

    row = household(world, note="低保户\n第二行", group=world.unit("group"), status="closed", closed_on=AT.date())
    fill_the_rest(row, user=world.user("leader"))
    return row


def _full_member(world):
    from luoshi.people.tests.factories import household, member

    return member(world, household(world), phone="13700002222", note="在外务工")


def _full_benefit(world):
    from luoshi.ledgers.registry import get_ledger
    from luoshi.people.tests.factories import household

    return get_ledger("household-benefits").create(actor=world.user("office"), household=household(world),
                                                   kind="yulu", amount=Decimal("3000"), received_on=AT.date(),
                                                   note="中职学生")


LEDGER_CASES = {
    "tasks": Case("ledgers:edit", _full_task, lambda obj: ["tasks", obj.pk]),
    "problems": Case("ledgers:edit", _full_problem, lambda obj: ["problems", obj.pk]),
    "enterprises": Case("ledgers:edit", _full_enterprise, lambda obj: ["enterprises", obj.pk]),
    "projects": Case("ledgers:edit", _full_project, lambda obj: ["projects", obj.pk]),
    "collective-income": Case("ledgers:edit", _full_income, lambda obj: ["collective-income", obj.pk]),
    "farms": Case("ledgers:edit", _full_farm, lambda obj: ["farms", obj.pk]),
    "coop-operations": Case("ledgers:edit", _full_operation, lambda obj: ["coop-operations", obj.pk]),
    "talent-engagements": Case("ledgers:edit", _full_engagement, lambda obj: ["talent-engagements", obj.pk]),
    "talents": Case("ledgers:edit", _full_talent, lambda obj: ["talents", obj.pk]),
    "training-classes": Case("ledgers:edit", _full_class, lambda obj: ["training-classes", obj.pk]),
    "income-thresholds": Case("ledgers:edit", _full_threshold, lambda obj: ["income-thresholds", obj.pk]),
    "party-paths": Case("ledgers:edit", _full_path, lambda obj: ["party-paths", obj.pk]),
    "discipline-cases": Case("ledgers:edit", _full_case, lambda obj: ["discipline-cases", obj.pk], "discipline"),
    "honours": Case("ledgers:edit", _full_honour, lambda obj: ["honours", obj.pk]),
    "households": Case("ledgers:edit", _full_household, lambda obj: ["households", obj.pk]),
    "household-members": Case("ledgers:edit", _full_member, lambda obj: ["household-members", obj.pk]),
    "household-benefits": Case("ledgers:edit", _full_benefit, lambda obj: ["household-benefits", obj.pk]),
    "commitments": Case("ledgers:edit", _full_commitment, lambda obj: ["commitments", obj.pk]),
    **{name: Case("ledgers:edit", lambda world, n=name: _emergency_rows(world)[n], lambda obj, n=name: [n, obj.pk])
       for name in ("emergencies", "returnees", "isolations", "duty-places", "shifts", "disinfections")},
}
CASES = {
    "dispatch:edit": Case("dispatch:edit", _full_dispatch),
    "org:unit_edit": Case("org:unit_edit", _full_unit),
    "org:person_edit": Case("org:person_edit", _full_person),
    "plans:indicator_edit_binding": Case("plans:indicator_edit_binding", _bound_indicator),
}
# Edit-looking URLs that are not a record's edit form, each with the reason.
EXCLUDED: dict[str, str] = {
    "plans:task_edit": "the old address of the task form: 301 to ledgers:edit, the one task form (covered above)",
}

_EDIT = re.compile(r"edit|update")


def edit_url_names() -> set[str]:
    """Every page URL whose route or name says edit/update (the API's writes are not forms)."""
    found = set()

    def walk(patterns, namespace: str, prefix: str):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith("api/"):
                    continue
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                     route)
            elif isinstance(pattern, URLPattern) and pattern.name and _EDIT.search(f"{route} {pattern.name}"):
                found.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_edit_page_is_covered():
    covered = set(CASES) | {case.url_name for case in LEDGER_CASES.values()}
    assert edit_url_names() == covered | set(EXCLUDED)
    assert {ledger.name for ledger in all_ledgers() if ledger.update is not None} == set(LEDGER_CASES)


ALL = [pytest.param(case, id=f"ledger:{name}") for name, case in LEDGER_CASES.items()] + [
    pytest.param(case, id=name) for name, case in CASES.items()]


@pytest.mark.parametrize("case", ALL)
def test_saving_an_edit_form_unchanged_changes_nothing(world, client, case):
    obj = case.build(world)
    before = state(obj)
    version = getattr(type(obj).objects.unscoped("the version before").get(pk=obj.pk), "version", None)
    client.force_login(world.user(case.persona))
    url = reverse(case.url_name, args=case.args(obj))

    page = client.get(url)
    assert page.status_code == 200
    data = browser_post_data(page.content.decode(), url)
    response = client.post(url, data)

    form = response.context.get("form") if response.context else None
    assert response.status_code == 302, f"the save was refused: {form.errors.as_data() if form else response}"
    after = state(obj)
    assert {k: v for k, v in after.items() if before[k] != v} == {}, "the unchanged save changed these fields"
    if version is not None:  # bumped by the services on every save (see the module's docstring)
        assert type(obj).objects.unscoped("the version after").get(pk=obj.pk).version in (version, version + 1)


def test_the_browser_drops_what_its_inputs_cannot_hold():
    html = """<form method="post"><input type="date" name="d1" value="2026/12/31">
    <input type="date" name="d2" value="2026-12-31"><input type="time" name="t" value="08:30">
    <input type="number" name="n" value="1,000"><input type="checkbox" name="c" value="1">
    <input type="checkbox" name="c" value="2" checked><fieldset disabled><input name="gone" value="x"></fieldset>
    <select name="s"><option value="a">A</option><option value="b" selected>B</option></select>
    <select name="first"><option value="">—</option><option value="z">Z</option></select>
    <textarea name="area">
line 1
line 2</textarea><input name="disabled" value="x" disabled></form>"""
    assert browser_post_data(html, "/x/") == {"d1": [""], "d2": ["2026-12-31"], "t": ["08:30"], "n": [""],
                                              "c": ["2"], "s": ["b"], "first": [""], "area": ["line 1\r\nline 2"]}



def test_date_and_time_widgets_render_what_their_inputs_keep():
    """Create forms too (an inspection's date, an urge's deadline start at today): the value a widget
    renders must survive the browser and be read back by the field."""
    from django import forms
    from django.utils import translation

    values = {"date": (forms.DateField, dt.date(2026, 12, 31)), "time": (forms.TimeField, dt.time(8, 30)),
              "datetime-local": (forms.DateTimeField, timezone.make_aware(dt.datetime(2026, 12, 31, 8, 30)))}
    with translation.override("zh-hans"):
        for kind, (field_class, value) in values.items():
            field = field_class(widget=field_class.widget(attrs={"type": kind}))
            html = field.widget.render("v", value)
            kept = browser_post_data(f'<form method="post">{html}</form>', "/x/")["v"][0]
            assert kept, f"<input type={kind}> drops {html}"
            assert field.clean(kept) == value
