"""Production refuses to start without its secrets (the secret key, the audit key); nothing ships a default
password."""

import os
import subprocess
import sys

import pytest


def _start_prod(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LUOSHI_")} | env
    environment["DJANGO_SETTINGS_MODULE"] = "luoshi.config.settings.prod"
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=environment,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("env, missing", [
    ({}, "LUOSHI_SECRET_KEY"),
    ({"LUOSHI_SECRET_KEY": "x" * 50}, "LUOSHI_ALLOWED_HOSTS"),
    ({"LUOSHI_SECRET_KEY": "x" * 50, "LUOSHI_ALLOWED_HOSTS": "luoshi.example.gov"}, "LUOSHI_AUDIT_KEY"),
    ({"LUOSHI_SECRET_KEY": "x" * 50, "LUOSHI_ALLOWED_HOSTS": "luoshi.example.gov", "LUOSHI_AUDIT_KEY": "short"},
     "LUOSHI_AUDIT_KEY"),
])
def test_production_refuses_to_start_without_secret_key_or_allowed_hosts(env, missing):
    result = _start_prod(**env)
    assert result.returncode != 0
    assert missing in result.stderr and "拒绝启动" in result.stderr


def test_production_starts_when_configured():
    result = _start_prod(LUOSHI_SECRET_KEY="k" * 50, LUOSHI_ALLOWED_HOSTS="luoshi.example.gov",
                         LUOSHI_AUDIT_KEY="a" * 40)
    assert result.returncode == 0, result.stderr
