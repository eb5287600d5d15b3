"""The tasks ledger (任务分解表) on plans.Task. Rows become draft tasks of the plan chosen at
import time (`plans.services.task_create_many` for an import, `task_create` for the form);
工作专线 names become that plan's work lines, created on import only when the importer may
create lines (the office)."""

import datetime as dt
import functools
import time

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from luoshi.core.markup import escape
from luoshi.core.weeks import week_start
from luoshi.exchange.deadlines import parse_deadline
from luoshi.ledgers.forms import LedgerForm, LookupChoiceField
from luoshi.ledgers.registry import BulkAction, Column, Filter, Ledger, register
from luoshi.plans import selectors, services
from luoshi.plans.forms import TaskForm
from luoshi.plans.models import Plan, Task, TaskStatus, WorkLine
from luoshi.plans.periods import recurrence_of
from luoshi.plans.specs import TASKS_SPEC
from luoshi.plans.templatetags.lights import light_class, light_label, status_label


class TaskImportOptions(LedgerForm):
    plan = LookupChoiceField(label=_("导入到工作计划"), queryset=Plan.objects.none())

    def querysets(self) -> dict:
        return {"plan": Plan.objects.editable_by(self.actor)}


def _from_row(row, data, ctx):
    """Plan from the import's options, work line by name, deadline words the model can keep."""
    plan = ctx.options["plan"]
    data["plan"] = plan.pk
    if "lines" not in ctx.extra:
        ctx.extra["lines"] = {line.name: line.pk for line in WorkLine.objects.visible_to(ctx.actor).filter(plan=plan)}
        ctx.extra["may_add_lines"] = WorkLine.policy.allows(ctx.actor, "add")
        ctx.extra["new_lines"] = {}
    errors, name = [], (row.get("line") or "").strip()
    data["line"] = ctx.extra["lines"].get(name, "")
    if name and not data["line"]:
        if ctx.extra["may_add_lines"]:
            ctx.extra["new_lines"][(row["sheet"], row["row"])] = name
        else:
            errors.append(("line", _("工作专线“%(n)s”在该计划中不存在") % {"n": name}))
    data["recurrence"] = recurrence_of(row.get("deadline_text"), kind=row.get("deadline_kind"), read=row.get("recurrence"))
    if row.get("note"):
        data["requirement"] = "\n".join(filter(None, [row.get("requirement"), _("备注：") + row["note"]]))
    return errors


def deadline_words(task: Task) -> str | dt.date | None:
    """完成时限 as the list shows it and the import reads it back: the words as written when they
    still say what the task holds, else the recurrence by name ("每周一三五") and the date."""
    if task.deadline_text and _reads_back(task.deadline_text, task):
        return task.deadline_text
    if not task.recurrence:
        return task.deadline
    label = _recurrence_label(task.recurrence, get_language())
    if task.deadline is None:
        return label
    day = task.deadline
    return f"{label}，{day.year}年{day.month}月{day.day}日前"  # i18n: input (what deadlines.py reads back)


@functools.cache
def _recurrence_label(recurrence: str, language: str) -> str:
    """The recurrence by name, built once per language (get_FOO_display rebuilds the choices)."""
    return str(dict(Task._meta.get_field("recurrence").flatchoices).get(recurrence, recurrence))


def _reads_back(text: str, task: Task) -> bool:
    """Whether an import would read `text` as the task's deadline and recurrence; a date without
    a year is read in the year of the export's title, which is this year."""
    deadline = task.deadline.isoformat() if task.deadline else None
    return _read_back(text, _this_year(int(time.time()) // 60)) == (deadline, task.recurrence)


@functools.lru_cache(maxsize=1)
def _this_year(minute: int) -> int:
    """This year, read once a minute rather than once a row (the local date costs a zone lookup)."""
    return timezone.localdate().year


@functools.lru_cache(maxsize=4096)
def _read_back(text: str, year: int) -> tuple[str | None, str]:
    """(deadline, recurrence) an import reads from `text`: a list's rows share a few dozen
    wordings, each parsed once (a parse per row was a tenth of the task list page)."""
    read = parse_deadline(text, year=year)
    return read.deadline, recurrence_of(text, kind=read.deadline_kind, read=read.recurrence)


def _create_lines(ctx, cleaned):
    """Missing work lines, once each, before the rows that need them."""
    created = {}
    for item in cleaned:
        name = ctx.extra.get("new_lines", {}).get((item["sheet"], item["row"]))
        if name:
            if name not in created:
                created[name] = services.line_create(actor=ctx.actor, plan=ctx.options["plan"], name=name,
                                                     sort_order=len(ctx.extra["lines"]) + len(created) + 1)
            item["data"]["line"] = created[name]


def _overdue(tasks, value, context):
    """Past its deadline and neither finished, awaiting 验收, nor a draft."""
    return tasks.filter(deadline__lt=context.today).exclude(
        status__in=[TaskStatus.COMPLETED, TaskStatus.CLOSING, TaskStatus.DRAFT])


def _on_time(tasks, value, context):
    """Everything `_overdue` does not count: the rest of an on-time rate (the leader's dashboard)."""
    return tasks.exclude(pk__in=_overdue(tasks, value, context).values("pk"))


def _done_week(tasks, value, context):
    """Completed (已办结) in the week starting on the date `value` (YYYY-MM-DD): the dashboard's trend."""
    start = week_start(value)
    if start is None:
        return tasks.none()
    return tasks.filter(status=TaskStatus.COMPLETED, completed_at__date__gte=start,
                        completed_at__date__lt=start + dt.timedelta(days=7))


def _mine(tasks, value, context):
    person = context.actor.person_id
    return tasks.filter(owner_id=person) if person else tasks.none()


def _whole(tasks, value, context):
    return tasks.filter(parent__isnull=True)


def _plans(actor):
    return [(plan.pk, plan.title) for plan in selectors.plan_choices(actor=actor)]


def _light_cell(task):
    """plans/_light.html's badge, built without a template for each of a list's rows."""
    if task.light:
        opening, closing = _light_badge(task.light, get_language())
        badge = SafeString(opening + escape(task.light_reason) + closing)  # escaped: the reason, and the rest
    else:
        badge = _status_badge(task.status, get_language())
    if task.status == TaskStatus.CLOSING:
        badge += _closing_badge(get_language())
    return badge


@functools.cache
def _light_badge(light: str, language: str) -> tuple[str, str]:
    """A light's badge around the task's reason for it (its title): the same for every task of that light."""
    return (f'<span class="badge text-bg-{escape(light_class(light))}" data-light="{escape(light)}" title="',
            f'">{escape(light_label(light))}</span>')


@functools.cache
def _status_badge(status: str, language: str) -> str:
    return format_html('<span class="badge text-bg-light border">{}</span>', status_label(status))


@functools.cache
def _closing_badge(language: str) -> str:
    return format_html(' <span class="badge text-bg-info" data-closing>{}</span>', TaskStatus.CLOSING.label)


def _progress_cell(task):
    return f"{task.progress}%"


FILTERS = [
    Filter("plan", choices=_plans), Filter("light"), Filter("status"),
    Filter("unit", _("单位"), field="lead_unit", path_field="scope_path"),
    Filter("overdue", _("已逾期"), flag=True, apply=_overdue), Filter("mine", _("我负责的"), flag=True, apply=_mine),
    # set by links: a plan page's line (or its 未分专线 row), the leader's counts (a split task once)
    Filter("line", none_label=_("未分专线"), hidden=True),
    Filter("whole", _("仅整项任务"), flag=True, hidden=True, apply=_whole,
           help=_("分解到各村的任务只计一项，不含各村的分解任务")),
    # set by the leader's dashboard: one lead unit itself (not those below it), the rest of 已逾期, a week's 办结
    Filter("lead", _("牵头单位"), field="lead_unit", hidden=True),
    Filter("ontime", _("未逾期"), flag=True, hidden=True, apply=_on_time),
    Filter("done_week", _("办结周"), hidden=True, apply=_done_week),
]


def _deploy(*, actor, objects):
    for task in objects:
        services.task_deploy(actor=actor, task=task)


register(Ledger(
    name="tasks", model=Task, title=_("任务分解表"), icon="list-task", row_title="title",
    columns=[
        Column("plan", default=False), Column("line", sort="line__sort_order"), Column("title"),
        Column("requirement"), Column("leader"), Column("lead_unit", sort="scope_path"), Column("co_units"),
        Column("owner"), Column("deadline", value=deadline_words, sort="deadline",
                                  reads=("deadline", "deadline_text", "recurrence")),
        Column("status"), Column("progress", html=_progress_cell, reads=("progress",)),
        Column("light", html=_light_cell, reads=("light", "light_reason", "status")),
    ],
    filters=FILTERS, list_page="plans:task_list",
    search=("title", "requirement"), sort=("plan", "line__sort_order", "deadline", "id"),
    related=("plan", "line", "leader", "lead_unit", "owner"),
    form=TaskForm, form_help=_("办什么事、由谁来办、什么时间、干到什么程度，四项齐全才能部署。"),
    writes=services.TASK_WRITES, verbs=("create", "create_many", "update"), page="plans:task_detail",
    spec=TASKS_SPEC, import_renames={"task": "title"}, import_row=_from_row, import_by_hook=("line",),
    import_options=TaskImportOptions,
    before_commit=_create_lines, bulk_actions=[BulkAction("deploy", _("部署"), _deploy, action="deploy")],
    export_columns=("status", "progress", "light"),
))
