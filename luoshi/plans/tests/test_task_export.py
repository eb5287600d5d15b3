"""The 任务分解表 export: every task's 完成时限 in words the import reads back (recurrence too),
序号, 状态, 进度 and 灯 in Chinese, an autofilter over the header and the header frozen."""

import datetime as dt

import openpyxl
import pytest
from django.utils import timezone

from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.plans.ledgers import deadline_words
from luoshi.plans.models import Light, Task, TaskStatus
from luoshi.plans.tests.factories import make_plan, make_task

HEADERS = ["序号", "工作专线", "工作任务", "目标要求", "责任领导", "牵头单位", "配合单位", "责任人", "完成时限",
           "状态", "完成进度（%）", "灯"]


def _tasks(world):
    year = timezone.localdate().year
    plan, line = make_plan(world, year=year)
    made = [
        make_task(world, plan, line, title="一次性任务", deadline=dt.date(year, 12, 31)),
        make_task(world, plan, line, title="一三五调度", deadline=None, recurrence="mon_wed_fri"),
        make_task(world, plan, line, title="每月报送", deadline=dt.date(year, 11, 30), recurrence="monthly"),
        make_task(world, plan, line, title="长期坚持的任务", deadline=None, recurrence="ongoing"),
        make_task(world, plan, line, title="有期限的长期任务", deadline=dt.date(year, 12, 31), recurrence="ongoing"),
        make_task(world, plan, line, title="按原文时限", deadline=dt.date(year, 6, 30), deadline_text="6月底前"),
        make_task(world, plan, line, title="原文已过时", deadline=dt.date(year, 9, 30), deadline_text="6月底前"),
    ]
    Task.objects.unscoped("test").filter(pk=made[0].pk).update(status=TaskStatus.SIGNED, progress=40,
                                                               light=Light.RED)
    Task.objects.unscoped("test").filter(pk=made[1].pk).update(status=TaskStatus.SIGNED, progress=75,
                                                               light=Light.GREEN)
    return plan, made


def _export(client, tmp_path):
    response = client.get("/ledgers/tasks/export.xlsx")
    path = tmp_path / "任务分解表.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    return path


@pytest.mark.django_db
def test_the_task_export_numbers_rows_and_shows_recurrence_status_progress_and_light(world, client_as, tmp_path):
    _, made = _tasks(world)
    year = timezone.localdate().year
    sheet = openpyxl.load_workbook(_export(client_as("office"), tmp_path)).worksheets[0]
    assert [c.value for c in sheet[2]] == HEADERS
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_row=2 + len(made))]
    assert [r[0] for r in rows] == list(range(1, len(made) + 1))
    by_title = {r[2]: r for r in rows}
    assert [by_title[t.title][8] for t in made] == [
        dt.datetime(year, 12, 31), "每周一三五", f"每月，{year}年11月30日前", "长期坚持", f"长期坚持，{year}年12月31日前",
        "6月底前", dt.datetime(year, 9, 30)]
    shown = [by_title[t.title][9:] for t in made[:3]]
    assert shown == [["办理中", 40, str(Light.RED.label)], ["办理中", 75, str(Light.GREEN.label)],
                     [str(TaskStatus.DRAFT.label), 0, str(Light.NONE.label)]]
    assert sheet.auto_filter.ref == f"A2:L{2 + len(made)}"
    assert sheet.freeze_panes == "A3"


@pytest.mark.django_db
def test_an_exported_task_ledger_imports_again_with_its_deadlines_and_recurrence(world, client_as, tmp_path):
    plan, made = _tasks(world)
    path = _export(client_as("office"), tmp_path)
    office, tasks = world.user("office"), get_ledger("tasks")
    checked = import_ledger(actor=office, ledger=tasks, path=path, options={"plan": plan}, dry_run=True)
    assert checked.errors == [] and len(checked.cleaned) == len(made)
    read = {item["data"]["title"]: item["data"]["recurrence"] for item in checked.cleaned}
    assert read == {t.title: t.recurrence for t in made}
    again, _ = make_plan(world, year=plan.year + 1)
    outcome = import_ledger(actor=office, ledger=tasks, path=path, options={"plan": again})
    assert outcome.errors == [] and outcome.created == len(made)
    fields = ("title", "deadline", "recurrence")
    copies = Task.objects.unscoped("test").filter(plan=again).values_list(*fields)
    assert sorted(copies) == sorted(tuple(getattr(t, f) for f in fields) for t in made)


@pytest.mark.django_db
def test_the_list_shows_a_recurring_tasks_deadline_in_words(world, client_as):
    plan, made = _tasks(world)
    assert deadline_words(made[1]) == "每周一三五"
    page = client_as("office").get("/tasks/?q=一三五").content.decode()
    assert "每周一三五" in page


def test_the_workbook_title_year_reads_stale_words_as_a_date():
    task = Task(deadline=dt.date(2001, 6, 30), deadline_text="6月底前")
    assert deadline_words(task) == dt.date(2001, 6, 30)
