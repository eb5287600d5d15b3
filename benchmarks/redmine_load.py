"""Issue 21, the peer's side: copy the county data Luoshi's benchmarks run on into a Redmine database, so that
Redmine's pages can be timed on the same rows (`benchmarks/redmine_side.py`).

The mapping keeps the shape, not the words: the county, each township and each village become projects
(township ⊃ villages, private, nested as Redmine nests them); a task becomes an issue with the same id in the
project of its unit (a department's or the office's task in its township's), its deadline as due date and its
status mapped to Redmine's (草稿 反馈, as no filter below picks it; 待签收 新建, 办理中/已退回 进行中, 待验收 已解决, 已办结 已关闭); a progress report
becomes a journal with its text; every login a user, member of its own unit's project (a township's office and
departments: the township and each of its villages) with the 开发人员 role, which may view issues and add notes.

Redmine itself comes from Debian (`benchmarks/redmine_setup.sh`: redmine 5.0.4, puma, its schema migrated
and its default data loaded in Chinese); this script fills it:

    .venv/bin/python benchmarks/redmine_load.py --luoshi postgresql://postgres@127.0.0.1:5432/luoshi_b9c \\
        --redmine postgresql://postgres@127.0.0.1:5432/redmine_default

It prints the API keys and the password it set for the two personas `redmine_side.py` uses."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import secrets
import time

import psycopg

STATUS = {"draft": 4, "deployed": 1, "signed": 2, "returned": 2, "closing": 3, "completed": 5}
DEVELOPER_ROLE, FEATURE_TRACKER, NORMAL_PRIORITY = 4, 2, 2
USER_OFFSET = 100  # Redmine's own users (admin, the anonymous ones) hold the first ids
PASSWORD = "bench-pass-2026"


def _copy(cur, table: str, columns: tuple[str, ...], rows) -> int:
    buf, n = io.StringIO(), 0
    for row in rows:
        buf.write("\t".join(_cell(v) for v in row) + "\n")
        n += 1
    buf.seek(0)
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        while chunk := buf.read(1 << 20):
            copy.write(chunk)
    return n


def _cell(value) -> str:
    if value is None:
        return r"\N"
    if value is True or value is False:
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _nested(children: dict, root: int, counter: list[int], out: dict) -> None:
    """Redmine keeps projects as a nested set: lft/rgt numbered by a depth-first walk."""
    counter[0] += 1
    left = counter[0]
    for child in children.get(root, ()):
        _nested(children, child, counter, out)
    counter[0] += 1
    out[root] = (left, counter[0])


def load(luoshi: str, redmine: str) -> dict:
    now = dt.datetime(2026, 11, 27, 12, 0)
    with psycopg.connect(luoshi) as src:
        units = src.execute("SELECT id, name, kind, parent_id, path FROM org_unit ORDER BY path").fetchall()
        tasks = src.execute("SELECT id, title, requirement, deadline, status, scope_path, created_at, updated_at,"
                            " completed_at FROM plans_task ORDER BY id").fetchall()
        users = src.execute("SELECT u.id, u.username, p.name, un.path FROM org_user u"
                            " JOIN org_person p ON p.id = u.person_id JOIN org_unit un ON un.id = p.unit_id"
                            " WHERE u.is_active ORDER BY u.id").fetchall()
        reports = src.execute("SELECT r.id, r.task_id, r.reporter_id, r.text, r.created_at FROM progress_progressreport r"
                              " ORDER BY r.id")
        reports = reports.fetchall()

    # A project per county, township and village; other units (departments, groups) belong to the project above.
    kept = {u[0]: u for u in units if u[2] in ("county", "township", "village")}
    by_path = {u[4]: u[0] for u in kept.values()}

    def project_of(path: str) -> int:
        parts = path.strip("/").split("/")
        for i in range(len(parts), 0, -1):
            unit = by_path.get("/" + "/".join(parts[:i]) + "/")
            if unit:
                return unit
        raise ValueError(path)

    children: dict[int | None, list[int]] = {}
    for u in kept.values():
        children.setdefault(u[3] if u[3] in kept else None, []).append(u[0])
    bounds: dict = {}
    counter = [0]
    for root in children.get(None, []):
        _nested(children, root, counter, bounds)

    with psycopg.connect(redmine) as dst, dst.cursor() as cur:
        cur.execute("TRUNCATE projects, issues, journals, journal_details, members, member_roles, enabled_modules,"
                    " projects_trackers, watchers RESTART IDENTITY")
        cur.execute("DELETE FROM tokens")
        cur.execute("DELETE FROM email_addresses WHERE user_id > %s", (USER_OFFSET,))
        cur.execute("DELETE FROM users WHERE id > %s", (USER_OFFSET,))
        _copy(cur, "projects", ("id", "name", "identifier", "is_public", "parent_id", "status", "lft", "rgt",
                                "created_on", "updated_on", "inherit_members", "description", "homepage"),
              ((u[0], u[1], f"u{u[0]}", False, u[3] if u[3] in kept else None, 1, *bounds[u[0]], now, now, False,
                "", "") for u in kept.values()))
        _copy(cur, "enabled_modules", ("project_id", "name"),
              ((pid, module) for pid in kept for module in ("issue_tracking",)))
        _copy(cur, "projects_trackers", ("project_id", "tracker_id"), ((pid, FEATURE_TRACKER) for pid in kept))

        salt = secrets.token_hex(16)
        hashed = hashlib.sha1((salt + hashlib.sha1(PASSWORD.encode()).hexdigest()).encode()).hexdigest()
        _copy(cur, "users", ("id", "login", "hashed_password", "salt", "firstname", "lastname", "admin", "status",
                             "language", "type", "mail_notification", "created_on", "updated_on", "must_change_passwd"),
              ((USER_OFFSET + uid, login, hashed, salt, name[1:] or name, name[:1], False, 1, "zh", "User", "none",
                now, now, False) for uid, login, name, _path in users))
        _copy(cur, "email_addresses", ("user_id", "address", "is_default", "notify", "created_on", "updated_on"),
              ((USER_OFFSET + uid, f"{login}@bench.invalid", True, False, now, now) for uid, login, _n, _p in users))

        # Members: a village's people in their village; a township's office and departments in the township
        # and each of its villages (as Luoshi's scope lets them see everything below the township).
        memberships = []
        for uid, _login, _name, path in users:
            project = project_of(path)
            memberships.append((uid, project))
            if kept[project][2] == "township":
                memberships.extend((uid, child) for child in children.get(project, ()))
        _copy(cur, "members", ("id", "user_id", "project_id", "created_on", "mail_notification"),
              ((i, USER_OFFSET + uid, pid, now, False) for i, (uid, pid) in enumerate(memberships, 1)))
        _copy(cur, "member_roles", ("member_id", "role_id"),
              ((i, DEVELOPER_ROLE) for i in range(1, len(memberships) + 1)))

        authors = {}
        for uid, _login, _name, path in users:
            authors.setdefault(project_of(path), USER_OFFSET + uid)
        _copy(cur, "issues", ("id", "tracker_id", "project_id", "subject", "description", "due_date", "status_id",
                              "priority_id", "author_id", "lock_version", "created_on", "updated_on", "start_date",
                              "done_ratio", "root_id", "lft", "rgt", "is_private", "closed_on"),
              ((t[0], FEATURE_TRACKER, project_of(t[5]), t[1][:255], t[2], t[3], STATUS[t[4]], NORMAL_PRIORITY,
                authors.get(project_of(t[5]), 1), 0, t[6], t[7], None, 100 if t[4] == "completed" else 0, t[0], 1, 2,
                False, t[8]) for t in tasks))
        _copy(cur, "journals", ("id", "journalized_id", "journalized_type", "user_id", "notes", "created_on",
                                "private_notes"),
              ((r[0], r[1], "Issue", USER_OFFSET + r[2], r[3], r[4], False) for r in reports))
        for table in ("projects", "issues", "journals", "members", "member_roles", "users", "email_addresses",
                      "enabled_modules"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")

        keys = {}
        for login in ("t01.v01", "t01.office1"):
            key = secrets.token_hex(20)
            uid = next(USER_OFFSET + u[0] for u in users if u[1] == login)
            cur.execute("INSERT INTO tokens (user_id, action, value, created_on, updated_on)"
                        " VALUES (%s, 'api', %s, %s, %s)", (uid, key, now, now))
            keys[login] = key
        # The REST API on; CSV exports up to a township's tasks (Redmine stops at 500 by default).
        for name, value in (("rest_api_enabled", "1"), ("issues_export_limit", "20000"),
                            ("per_page_options", "25,50,100")):
            cur.execute("DELETE FROM settings WHERE name = %s", (name,))
            cur.execute("INSERT INTO settings (name, value, updated_on) VALUES (%s, %s, %s)", (name, value, now))
        dst.commit()
    return {"projects": len(kept), "issues": len(tasks), "journals": len(reports), "users": len(users),
            "members": len(memberships), "keys": keys, "password": PASSWORD}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--luoshi", required=True)
    parser.add_argument("--redmine", required=True)
    args = parser.parse_args()
    t0 = time.perf_counter()
    result = load(args.luoshi, args.redmine)
    print(result, f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
