import datetime as dt

import pytest

from luoshi.org.models import User


@pytest.fixture
def demo(db, tmp_path, monkeypatch):
    """The whole demo (plan, progress, problems, urges, roll calls, registers, rankings), loaded once per test."""
    from luoshi import demo
    from luoshi.org import demo as org_demo

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)
    demo.load_demo()
    _a_roll_call(User.objects.unscoped("the demo's office").get(username="office"))
    return {u.username: u for u in User.objects.unscoped("the demo logins")}


def _a_roll_call(office) -> None:
    """The demo opens no roll call: one held last Monday, one person reporting, for the attendance chart."""
    from luoshi.dispatch import services
    from luoshi.dispatch.models import Dispatch, RollCallEntry
    from luoshi.dispatch.tests.factories import past_monday

    dispatch = Dispatch.objects.visible_to(office).first()
    opened = past_monday()
    round_ = services.round_open(actor=office, dispatch=dispatch, day=opened.date(), now=opened)
    entry = RollCallEntry.objects.unscoped("test").filter(round=round_).order_by("id").first()
    RollCallEntry.objects.unscoped("test").filter(pk=entry.pk).update(reported_at=opened, text="已走访")
    services.round_close(actor=office, round_=round_, now=opened + dt.timedelta(hours=2))
