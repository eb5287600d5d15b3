"""`luoshi backup` and `luoshi restore` round-trip the database and the files."""

import pytest
from django.conf import settings

from luoshi.core.backup import backup, restore
from luoshi.org.models import Unit


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_back_deleted_data(flushable_audit, world, tmp_path):
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the SQLite round trip runs against a file database in test_backup_cli")
    archive = backup(str(tmp_path / "b"))
    assert archive.name.endswith(".tar.gz") and archive.stat().st_mode & 0o077 == 0
    Unit.objects.unscoped("test").filter(name="庙口村").delete()
    restore(str(archive))
    assert Unit.objects.unscoped("test").filter(name="庙口村").exists()


def test_backup_cli_round_trip_on_a_sqlite_file(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "LUOSHI_DATABASE_URL"} | {
        "LUOSHI_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "luoshi.config.settings.dev"}
    run = lambda *args: subprocess.run([sys.executable, "-m", "luoshi.cli", *args], env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=120)
    script = ("import django; django.setup(); from django.core.management import call_command; "
              "call_command('migrate', verbosity=0); from luoshi.org.demo import load_demo; load_demo()")
    assert subprocess.run([sys.executable, "-c", script], env=env, timeout=180).returncode == 0
    assert run("backup", str(tmp_path / "copy")).returncode == 0
    drop = ("import django; django.setup(); from luoshi.org.models import Person; "
            "print(Person.objects.unscoped('t').filter(unit__name='路村').update(name='已改'))")
    changed = subprocess.run([sys.executable, "-c", drop], env=env, capture_output=True, text=True, timeout=60)
    assert int(changed.stdout.strip()) > 0
    assert run("restore", str(tmp_path / "copy.tar.gz")).returncode == 0
    check = ("import django; django.setup(); from luoshi.org.models import Person; "
             "print(Person.objects.unscoped('t').filter(name='已改').count())")
    after = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True, timeout=60)
    assert after.stdout.strip() == "0"
    assert run("audit", "verify").returncode == 0
    assert settings.LUOSHI_AUDIT_RETENTION_DAYS == 190
