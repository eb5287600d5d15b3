"""Pages carry a strict Content-Security-Policy (issue 19, low), which holds because no template has an
inline script, an inline event handler or a javascript: link (e2e/test_security_pages.py opens the pages)."""

import re
from pathlib import Path

import pytest

import luoshi

ROOT = Path(luoshi.__file__).parent
INLINE = re.compile(r"""<script(?![^>]*\bsrc=)(?![^>]*type=["']application/json)[^>]*>|\son[a-z]+\s*=|javascript:""",
                    re.IGNORECASE)


def test_no_template_has_an_inline_script_a_handler_or_a_javascript_link():
    offenders = []
    for path in ROOT.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in INLINE.finditer(text)]
    assert offenders == []


def test_the_check_would_catch_each_kind():
    assert INLINE.search("<script>alert(1)</script>") and INLINE.search('<button onclick="x()">')
    assert INLINE.search('<a href="javascript:history.back()">')
    assert not INLINE.search('<script src="/static/luoshi/site.js"></script>')
    assert not INLINE.search('<button data-confirm="确定？">')


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/api/v1/me", "/static/luoshi/site.js"])
def test_every_answer_carries_the_policy(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
