"""The demo's roll call and the aid cadre's login: the roll call names only people who can report on
its work (the aid cadre on his own households, 路村's secretary on 路村's 排查整改), and the cadre
who logs in finds that work, with his reports, instead of empty pages."""

import pytest

from luoshi.dispatch import selectors, services
from luoshi.dispatch.models import Dispatch
from luoshi.org.models import User
from luoshi.plans.models import Task
from luoshi.progress.models import ProgressReport
from luoshi.progress.selectors import reportable_tasks


@pytest.fixture
def demo(db, tmp_path, monkeypatch):
    from luoshi import demo
    from luoshi.org import demo as org_demo

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)
    demo.load_demo()
    return {u.username: u for u in User.objects.unscoped("the demo logins").select_related("person")}


def test_the_demo_cadre_has_his_own_tasks_and_has_reported_on_them(demo):
    cadre = demo["cadre"]
    own = list(reportable_tasks(actor=cadre))
    assert len(own) >= 2 and all(t.owner_id == cadre.person_id for t in own)
    assert ProgressReport.objects.visible_to(cadre).filter(reporter=cadre).exists()
    visible = set(Task.objects.visible_to(cadre).values_list("title", flat=True))
    assert {t.title for t in own} <= visible


def test_the_demo_roll_call_names_only_people_who_can_report_on_its_tasks(demo):
    office = demo["office"]
    dispatch = Dispatch.objects.visible_to(office).get()
    named = set(Dispatch.people.through.objects.filter(dispatch=dispatch).values_list("person_id", flat=True))
    assert {demo["cadre"].person_id, demo["village"].person_id} <= named
    assert selectors.unable_to_report(dispatch) == []
    round_ = services.round_open(actor=office, dispatch=dispatch)
    assert round_.skipped == [] and round_.expected_count == len(named)


def test_the_demo_cadre_sees_his_work_on_his_pages(demo, client):
    cadre = demo["cadre"]
    client.force_login(cadre)
    title = reportable_tasks(actor=cadre).first().title
    # where his roll-call notice leads (我的任务; older notices carry /tasks/report/), and the task list
    assert title in client.get("/tasks/report/", follow=True).content.decode()
    assert title in client.get("/tasks/", follow=True).content.decode()
