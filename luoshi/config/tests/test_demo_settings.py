"""`luoshi demo` runs with DEBUG off: a township user who follows a bad link gets the project's
Chinese 404 page, not Django's English debug page, and the pages' static files are still served."""

import json
import os
import subprocess
import sys

import pytest

from luoshi import cli

# Runs in a fresh interpreter with the demo's settings: a request through the whole middleware stack.
PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
missing = client.get("/no-such-page/")
css = client.get("/static/vendor/bootstrap/bootstrap.min.css")
print(json.dumps({"debug": settings.DEBUG, "status": missing.status_code, "page": missing.content.decode(),
                  "css": css.status_code}))
"""


@pytest.fixture(scope="module")
def demo_answer(tmp_path_factory) -> dict:
    var = tmp_path_factory.mktemp("demo-var")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LUOSHI_", "DJANGO_"))}
    environment |= {"DJANGO_SETTINGS_MODULE": cli.DEMO_SETTINGS, "LUOSHI_VAR_DIR": str(var)}
    result = subprocess.run([sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_demo_runs_without_debug(demo_answer):
    assert demo_answer["debug"] is False


def test_a_missing_page_in_the_demo_answers_the_chinese_404_page(demo_answer):
    assert demo_answer["status"] == 404
    page = demo_answer["page"]
    assert "页面不存在，或不在您的数据权限范围内。" in page and "返回首页" in page
    assert "Page not found" not in page and "URLconf" not in page


def test_the_demo_still_serves_its_static_files(demo_answer):
    assert demo_answer["css"] == 200


def test_luoshi_demo_starts_with_the_demo_settings(monkeypatch):
    started = []

    def stop(settings_module):
        started.append(settings_module)
        raise SystemExit(0)

    monkeypatch.setattr(cli, "_django", stop)
    with pytest.raises(SystemExit):
        cli.main(["demo", "--no-worker"])
    assert started == [cli.DEMO_SETTINGS]
