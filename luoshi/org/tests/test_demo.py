"""`luoshi demo` builds the township once, generates every password, and reuses both."""

import json
import stat

import pytest

from luoshi.org import demo
from luoshi.org.models import Unit, UnitKind, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def logins_file(tmp_path, monkeypatch):
    path = tmp_path / "demo-logins.json"
    monkeypatch.setattr(demo, "LOGINS_FILE", path)
    monkeypatch.setattr(demo, "VAR_DIR", tmp_path)
    return path


def test_the_demo_township_follows_the_seed(logins_file):
    demo.load_demo()
    units = Unit.objects.unscoped("test")
    township = units.get(name="河口镇")
    assert units.filter(parent=township, kind=UnitKind.VILLAGE).count() == 25
    departments = set(units.filter(parent=township, kind=UnitKind.DEPARTMENT).values_list("name", flat=True))
    assert {"党政办公室", "经济发展办公室", "乡村振兴办公室", "组织办公室", "镇纪委", "农业农村办公室",
            "应急管理办公室", "财政所"} <= departments
    assert units.filter(kind=UnitKind.GROUP, path__startswith=township.path).exists()


def test_demo_logins_are_generated_written_with_mode_600_and_work(logins_file):
    logins = demo.load_demo()
    assert {item["role"] for item in logins} == {"admin", "leader", "office", "department", "village", "cadre",
                                                 "discipline"}
    assert stat.S_IMODE(logins_file.stat().st_mode) == 0o600
    assert json.loads(logins_file.read_text()) == logins
    for item in logins:
        user = User.objects.unscoped("test").get(username=item["username"])
        assert user.check_password(item["password"]) and set(item) == {"role", "username", "password", "unit"}


def test_a_second_run_reuses_the_data_and_the_logins(logins_file):
    first = demo.load_demo()
    count = Unit.objects.unscoped("test").count()
    assert demo.load_demo() == first
    assert Unit.objects.unscoped("test").count() == count


def test_without_the_logins_file_a_second_run_issues_new_passwords(logins_file):
    first = demo.load_demo()
    logins_file.unlink()
    second = demo.load_demo()
    assert [i["username"] for i in second] == [i["username"] for i in first]
    assert all(a["password"] != b["password"] for a, b in zip(first, second, strict=True))
    assert logins_file.exists()


def test_no_two_demo_passwords_repeat_between_builds(logins_file):
    passwords = {item["password"] for item in demo.load_demo()}
    assert len(passwords) == len(demo.data.LOGINS)
