"""The township intranet has no internet: no template or static file may load from another host."""

import re
from pathlib import Path

import luoshi

ROOT = Path(luoshi.__file__).parent
# A reference the browser would fetch: src/href/url()/@import/fetch pointing at http(s):// or //host.
LOADS = re.compile(
    r"""(?:\b(?:src|href|action)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?|fetch\(\s*["'])(?:https?:)?//(?!127\.0\.0\.1|localhost)""",
    re.IGNORECASE,
)


def _files():
    for folder in ROOT.rglob("*"):
        if folder.is_file() and folder.suffix in (".html", ".css", ".js", ".txt") and (
            "templates" in folder.parts or "static" in folder.parts
        ):
            yield folder


def test_templates_and_static_files_reference_no_external_host():
    offenders = []
    for path in _files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in LOADS.finditer(text)]
    assert offenders == []


def test_the_check_would_catch_a_cdn_link():
    assert LOADS.search('<script src="https://cdn.jsdelivr.net/npm/htmx.org"></script>')
    assert LOADS.search("@import url(//fonts.googleapis.com/css)")
    assert not LOADS.search('<a href="/org/units/">')


def test_the_vendored_assets_are_present():
    vendor = ROOT / "static" / "vendor"
    for name in ("bootstrap/bootstrap.min.css", "bootstrap/bootstrap.bundle.min.js", "htmx/htmx.min.js",
                 "echarts/echarts.min.js", "bootstrap-icons/bootstrap-icons.min.css"):
        assert (vendor / name).stat().st_size > 1000, name
