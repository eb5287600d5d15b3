"""The demo's party registers: paths at every stage with one step refused as too early (in its history),
discipline cases that only the demo's 纪委 login sees, last year's honours and this year's proposals."""

import pytest

from luoshi.core.models import AuditEntry
from luoshi.org.models import User
from luoshi.party import flow, selectors
from luoshi.party.models import DisciplineCase, Honour, PartyPath, PathStage


@pytest.mark.django_db
def test_the_demo_has_paths_at_every_stage_cases_for_discipline_only_and_honours(tmp_path, monkeypatch):
    from luoshi import demo
    from luoshi.org import demo as org_demo

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)
    demo.load_demo()
    users = {u.username: u for u in User.objects.unscoped("the demo logins")}
    stages = set(PartyPath.objects.visible_to(users["office"]).values_list("stage", flat=True))
    assert stages == set(PathStage.values)
    refused = AuditEntry.objects.unscoped("t").filter(object_type="party.partypath", result=flow.REFUSED)
    assert refused.count() == 1 and "第十三条" in refused.get().message
    assert DisciplineCase.objects.visible_to(users["discipline"]).count() == 4
    for name, user in users.items():
        if name != "discipline":
            assert not DisciplineCase.objects.visible_to(user).exists(), name
    honours = Honour.objects.visible_to(users["office"])
    assert honours.filter(status="awarded").count() == 5
    files, awarded = selectors.decision_files(actor=users["leader"], honour=honours.filter(status="awarded").last())
    assert [f.name for f in files] == ["表彰决定.docx"] and awarded == 5
    assert honours.filter(status="proposed").exclude(proposed_from="").exists()
    demo.load_demo()  # once
    assert PartyPath.objects.visible_to(users["office"]).count() == 11
