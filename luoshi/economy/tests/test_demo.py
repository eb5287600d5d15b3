"""The demo's registers: each has rows, written through the services, and they sit with the demo
plan's targets; the liaison's login finds their enterprises at home. Loaded on the real day, and
on a day early in the year (everything dated between the new year and that day)."""

import datetime as dt

import pytest
from django.db.models import Count
from django.utils import timezone

from luoshi.economy.models import (
    CollectiveIncome,
    CoopOperation,
    Enterprise,
    EnterpriseDemand,
    FarmEntity,
    LiaisonAssignment,
    StatusChange,
    Talent,
    TalentEngagement,
    TrainingClass,
)
from luoshi.economy.selectors import income_year
from luoshi.org.models import User


def _load(tmp_path, monkeypatch, day: dt.date | None = None):
    from luoshi import demo
    from luoshi.org import demo as org_demo

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)
    if day is not None:
        frozen = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        monkeypatch.setattr(timezone, "now", lambda: frozen)
    demo.load_demo()
    return {u.username: u for u in User.objects.unscoped("the demo logins").select_related("person")}


@pytest.mark.django_db
def test_every_register_has_the_demo_townships_rows(tmp_path, monkeypatch, client):
    users = _load(tmp_path, monkeypatch)
    office, year = users["office"], timezone.localdate().year
    counts = {model.__name__: model.objects.visible_to(office).count() for model in (
        CollectiveIncome, FarmEntity, CoopOperation, Enterprise, EnterpriseDemand, TalentEngagement, Talent,
        TrainingClass)}
    assert all(counts.values()), counts
    data = income_year(actor=office, year=year - 1)
    assert len(data.villages) == 25 and all(r.total > 5 for r in data.villages)  # 全部突破5万元 last year
    this_year = {c.threshold.label: c.count for c in income_year(actor=office, year=year).thresholds}
    assert this_year["五十万元村"] <= 1 and sum(this_year.values()) >= 1
    county_new = FarmEntity.objects.visible_to(office).filter(level="county", certified_on__year=year)
    assert county_new.filter(kind="cooperative").count() == 4  # of the plan's 5 (strive)
    assert county_new.filter(kind="family_farm").count() == 6  # of the plan's 8 (strive)
    states = dict(CoopOperation.objects.visible_to(office).filter(year=year).values_list("status").annotate(
        n=Count("id")).order_by())
    assert states == {"operating": 14, "declared": 5, "returned": 2, "pending": 4}
    for firm in Enterprise.objects.visible_to(office):
        last = StatusChange.objects.unscoped("t").filter(enterprise=firm).order_by("-on", "-id").first()
        assert (firm.status, firm.status_date) == (last.to_status, last.on)
        assert LiaisonAssignment.objects.unscoped("t").get(enterprise=firm, ended_on__isnull=True).person == firm.liaison
    assert Talent.objects.visible_to(office).filter(degree="doctor").count() == 3
    client.force_login(users["cadre"])
    home = client.get("/").content.decode()
    assert "我联络的企业（2）" in home and "未销号的企业诉求（1）" in home
    _load(tmp_path, monkeypatch)  # a second run reuses what is there
    assert Enterprise.objects.visible_to(office).count() == counts["Enterprise"]


@pytest.mark.django_db
def test_loaded_early_in_the_year_nothing_is_dated_after_today(tmp_path, monkeypatch):
    day = dt.date(timezone.localdate().year, 1, 12)
    office = _load(tmp_path, monkeypatch, day)["office"]
    assert not CollectiveIncome.objects.visible_to(office).filter(received_on__gt=day).exists()
    assert not StatusChange.objects.visible_to(office).filter(on__gt=day).exists()
    assert not FarmEntity.objects.visible_to(office).filter(certified_on__gt=day).exists()
    assert not TalentEngagement.objects.visible_to(office).filter(starts_on__gt=day).exists()
