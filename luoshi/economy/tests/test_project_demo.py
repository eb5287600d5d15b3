"""The demo's 招商引资 register: written through the services, consistent with the demo plan's targets
(its 亿元项目 target bound and met by the projects signed this year), with leads lighting up."""

import collections
import datetime as dt

import pytest
from django.utils import timezone

from luoshi.economy import project_flow
from luoshi.economy.models import InvestmentProject, ProjectStep
from luoshi.plans import measures
from luoshi.plans.models import Indicator, Light


@pytest.fixture
def demo_on(db, tmp_path, monkeypatch):
    from luoshi import demo
    from luoshi.org import demo as org_demo

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)

    def load(month: int, day: int):
        frozen = timezone.make_aware(dt.datetime(timezone.localdate().year, month, day, 10, 0))
        monkeypatch.setattr(timezone, "now", lambda: frozen)
        demo.load_demo()

    return load


def test_the_demo_register_meets_the_plans_yi_target_and_its_stale_leads_light_up(demo_on):
    demo_on(9, 20)
    projects = list(InvestmentProject.objects.unscoped("test"))
    assert len(projects) == 10 and ProjectStep.objects.unscoped("test").count() > 20
    bound = {i.name: i for i in Indicator.objects.unscoped("test").exclude(register_measure="")}
    assert set(bound) == {"新上亿元项目", "新上千万元以上项目", "培育县级农民专业合作社", "培育县级家庭农场", "村级集体经济收入"}
    assert bound["培育县级农民专业合作社"].actual > 0 and bound["村级集体经济收入"].actual > 0  # the other registers count
    assert (bound["新上亿元项目"].actual, bound["新上亿元项目"].target) == (2, 2)
    assert bound["新上千万元以上项目"].actual == 5 and measures.stale_counts() == []
    lights = collections.Counter(project_flow.project_light(p)[0] for p in projects)
    assert lights[Light.RED] == 1 and lights[Light.YELLOW] == 1 and lights[Light.GREEN] >= 5
    demo_on(9, 20)  # a second run finds it
    assert InvestmentProject.objects.unscoped("test").count() == 10
