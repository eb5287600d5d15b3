"""The export's plain read (`ledgers.cells`) gives the cells the model-row read (`selectors.value` on
instances) gives — the same values of the same types, so the same workbook — for the tasks with
co-units, choices, dates, deadline words and empty cells, and for a sample record of every registered
ledger, masked and in full; and it reads a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from luoshi.ledgers import cells, selectors, services
from luoshi.ledgers.registry import all_ledgers, get_ledger
from luoshi.ledgers.tests.personal import sample_every_ledger
from luoshi.plans.models import Light, Task, TaskStatus
from luoshi.plans.tests.factories import make_plan, make_task

pytestmark = pytest.mark.django_db


def _read(actor, ledger, *, unmasked: bool = False, chunk: int = cells.CHUNK):
    """(model rows, plain rows) of everything the ledger's export would write for `actor`."""
    state = selectors.parse_state(ledger, QueryDict(""), chosen=[c.name for c in ledger.columns])
    qs = selectors.rows(actor=actor, ledger=ledger, state=state)
    columns = list(ledger.columns)
    plain = cells.plain_rows(qs, ledger, columns, unmasked=unmasked, chunk=chunk)
    return list(services.model_rows(qs, ledger, columns, [], unmasked=unmasked)), plain


def _typed(rows):
    return [[(type(cell).__name__, cell) for cell in row] for row in rows]


def _tasks(world, n_plain: int = 0):
    year = timezone.localdate().year
    plan, line = make_plan(world, year=year)
    units = world.units
    made = [
        make_task(world, plan, line, title="有配合单位", co_units=[units["department"], units["office_dept"],
                                                                  units["other_village_same_township"]],
                  owner=world.user("village").person),
        make_task(world, plan, None, title="=无专线无责任人", deadline=None, recurrence="mon_wed_fri",
                  requirement=""),
        make_task(world, plan, line, title="按原文时限", deadline=dt.date(year, 6, 30), deadline_text="6月底前",
                  co_units=[units["discipline"]]),
        make_task(world, plan, line, title="原文已过时", deadline=dt.date(year, 9, 30), deadline_text="6月底前"),
        make_task(world, plan, line, title="每月", deadline=dt.date(year, 11, 30), recurrence="monthly"),
    ]
    made += [make_task(world, plan, line, title=f"任务{i}") for i in range(n_plain)]
    Task.objects.unscoped("test").filter(pk=made[0].pk).update(status=TaskStatus.SIGNED, progress=40,
                                                               light=Light.RED)
    return made


def test_the_task_cells_read_plainly_equal_those_read_from_model_rows(world):
    _tasks(world, n_plain=3)
    tasks = get_ledger("tasks")
    for who in ("office", "village", "leader"):
        model, plain = _read(world.user(who), tasks, chunk=2)  # several chunks: names and co-units per chunk
        assert plain is not None
        plain = list(plain)
        assert _typed(plain) == _typed(model)
        assert who != "office" or len(plain) == 8
    by_title = {row[2]: row for row in _read(world.user("office"), tasks)[0]}
    # what the comparison covers: co-units in their units' order, choices, words and dates, empty cells
    assert by_title["有配合单位"][6] == "党政办公室、经济发展办公室、庙口村"
    assert by_title["有配合单位"][9:] == [str(TaskStatus.SIGNED.label), 40, str(Light.RED.label)]
    assert by_title["=无专线无责任人"][1] is None and by_title["=无专线无责任人"][6] == ""
    assert by_title["=无专线无责任人"][8] == "每周一三五"
    assert by_title["原文已过时"][8] == dt.date(timezone.localdate().year, 9, 30)


def test_the_workbook_written_from_plain_cells_is_the_one_written_from_model_rows(world, tmp_path, monkeypatch):
    _tasks(world)
    office, tasks = world.user("office"), get_ledger("tasks")
    state = selectors.parse_state(tasks, QueryDict(""))
    services.ledger_export(actor=office, ledger=tasks, state=state, path=tmp_path / "plain.xlsx")
    monkeypatch.setattr(services, "plain_rows", lambda *args, **kwargs: None)
    services.ledger_export(actor=office, ledger=tasks, state=state, path=tmp_path / "model.xlsx")

    def sheet(name):
        ws = openpyxl.load_workbook(tmp_path / name).active
        return [[(c.value, c.data_type, c.number_format, c.font.b, c.border.left.style) for c in row]
                for row in ws.iter_rows()], ws.auto_filter.ref, ws.freeze_panes, ws.merged_cells.ranges

    plain, model = sheet("plain.xlsx"), sheet("model.xlsx")
    assert plain[0][:-1] == model[0][:-1]  # all but the footer's minute, which may have turned
    assert plain[1:3] == model[1:3] and [str(r) for r in plain[3]] == [str(r) for r in model[3]]
    by_title = {row[2][0]: row for row in plain[0][2:-2]}
    assert by_title["原文已过时"][8][:3] == (dt.datetime(timezone.localdate().year, 9, 30), "d", "yyyy-mm-dd")
    assert by_title["有配合单位"][6][0] == "党政办公室、经济发展办公室、庙口村"
    assert "'=无专线无责任人" in by_title  # a formula-like title stays text


def test_every_ledgers_sample_reads_the_same_plainly_masked_and_in_full(world):
    _tasks(world)
    sample_every_ledger(world)
    checked = []
    for ledger in all_ledgers():
        for who in ("office", "village", "discipline", "leader"):
            actor = world.user(who)
            if not ledger.allows(actor, "export"):
                continue
            for unmasked in (False, True):
                model, plain = _read(actor, ledger, unmasked=unmasked)
                if plain is None:
                    continue
                assert _typed(list(plain)) == _typed(model), (ledger.name, who, unmasked)
                checked.append((ledger.name, len(model)))
    # the registers a sample is made for, with personal columns among them, read plainly
    assert {name for name, n in checked if n} >= {"tasks", "households", "household-members", "household-benefits",
                                                  "returnees", "isolations", "talents", "enterprises", "farms"}


def test_a_ledger_whose_columns_need_its_instances_is_read_from_them(world):
    problems = get_ledger("problems")  # 整改时限 and 亮灯 are computed by functions that declare no `reads`
    assert any(c.value is not None and c.reads is None for c in problems.columns)
    state = selectors.parse_state(problems, QueryDict(""))
    qs = selectors.rows(actor=world.user("office"), ledger=problems, state=state)
    assert cells.plain_rows(qs, problems, problems.columns, unmasked=False) is None


def test_the_plain_read_takes_the_same_queries_for_a_few_rows_as_for_many(world):
    tasks, office = get_ledger("tasks"), world.user("office")
    made = _tasks(world)

    def queries():
        state = selectors.parse_state(tasks, QueryDict(""), chosen=[c.name for c in tasks.columns])
        qs = selectors.rows(actor=office, ledger=tasks, state=state)
        with CaptureQueriesContext(connection) as captured:
            rows = list(cells.plain_rows(qs, tasks, tasks.columns, unmasked=False))
        return len(rows), len(captured.captured_queries)

    few = queries()
    plan = made[0].plan
    for i in range(40):
        make_task(world, plan, made[0].line, title=f"更多任务{i}", co_units=[world.units["department"]],
                  owner=world.user("village").person)
    many = queries()
    assert many[0] == few[0] + 40
    assert many[1] == few[1] <= 6  # the rows; the co-units (through table); plans, lines, people, units by id
