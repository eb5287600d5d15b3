"""The one place settings read the environment (documented in .env.example)."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("LUOSHI_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"环境变量 {name} 必须是整数（{name} must be an integer），当前值：{raw!r}") from exc


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Translate LUOSHI_DATABASE_URL (postgres://user:pass@host:port/name) into a DATABASES entry."""
    from urllib.parse import unquote, urlparse

    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(f"LUOSHI_DATABASE_URL 只支持 postgresql://（only PostgreSQL URLs are supported）：{url}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        # Ten minutes: a connection's prepared statements reach PostgreSQL's generic plans only
        # after several executions, which a township's traffic gives a connection in minutes, not
        # in one (every statement planned afresh: task page p50 31 ms; with its plans kept: 22 ms).
        "CONN_MAX_AGE": env_int("LUOSHI_DB_CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # Planner settings for this application's connections. The server's default
            # random_page_cost (4, for spinning disks) makes PostgreSQL hash-join whole org tables
            # for a page of 50 tasks; 1.1 is the usual value for SSDs. A page's main read joins
            # up to ten tables (the task, its plan, line, units, people); searching every join
            # order took 5–10 ms of planning for a 1 ms query, while the order written (from the
            # filtered table out to what it names) is already the good one: join_collapse_limit=4
            # keeps the search to groups of four (benchmarks/RESULTS.md).
            "options": env_str("LUOSHI_PG_OPTIONS", "-c random_page_cost=1.1 -c join_collapse_limit=4"),
            # Parameters bound by the server, and a statement run twice on a connection kept
            # prepared: planning a scoped query with its joins costs more than running it.
            "server_side_binding": env_bool("LUOSHI_PG_PREPARE", True),
            "prepare_threshold": 2 if env_bool("LUOSHI_PG_PREPARE", True) else None,
        },
    }
