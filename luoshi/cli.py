"""The `luoshi` command: demo, serve, extract, audit, import, backup and restore (DESIGN.md contracts)."""

from __future__ import annotations

import argparse
import os
import sys

from django.utils.translation import gettext as _

DEV_SETTINGS = "luoshi.config.settings.dev"
DEMO_SETTINGS = "luoshi.config.settings.demo"  # dev's, with DEBUG off: users see the Chinese error pages
PROD_SETTINGS = "luoshi.config.settings.prod"
# Folders under luoshi/ whose files hold no msgid of the catalogue (the translation test reads the same set).
MESSAGES_IGNORE = ("tests", "static", "locale", "__pycache__")


def _django(settings_module: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def _prepare(*, collect_static: bool) -> None:
    from django.core.management import call_command

    from luoshi.config.env import VAR_DIR

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    if collect_static:
        call_command("collectstatic", interactive=False, verbosity=0)


def cmd_demo(args) -> int:
    _django(DEMO_SETTINGS)
    _prepare(collect_static=False)
    from luoshi.demo import load_demo, print_logins

    print(_("正在准备演示乡镇（第一次约需半分钟）…"), flush=True)
    logins = load_demo()
    print_logins(logins)
    return _serve(args.bind, workers=args.workers, threads=args.threads, job_worker=not args.no_worker)


def cmd_serve(args) -> int:
    _django(PROD_SETTINGS)
    if not args.no_prepare:
        _prepare(collect_static=True)
    return _serve(args.bind, workers=args.workers, threads=args.threads, job_worker=not args.no_worker)


def cmd_prepare(args) -> int:
    """Migrate and collect the static files once, before several `luoshi serve --no-prepare` start together
    (deploy/luoshi-prepare.service): two instances migrating one database at once could collide."""
    _django(os.environ.get("DJANGO_SETTINGS_MODULE", PROD_SETTINGS))
    _prepare(collect_static=True)
    return 0


def cmd_worker(args) -> int:
    _django(os.environ.get("DJANGO_SETTINGS_MODULE", PROD_SETTINGS))
    from django.core.management import call_command

    call_command("run_huey")
    return 0


def _serve(bind: str, *, workers: int, threads: int, job_worker: bool) -> int:
    import atexit
    import subprocess

    from gunicorn.app.wsgiapp import run

    if job_worker:  # reminders, roll calls and lights run beside the web server unless told otherwise
        worker = subprocess.Popen([sys.executable, "-m", "luoshi.cli", "worker"], env=dict(os.environ))
        atexit.register(worker.terminate)
    print(_("落实已启动：http://%(bind)s/  （按 Ctrl+C 停止）") % {"bind": bind}, flush=True)
    sys.argv = gunicorn_argv(bind, workers=workers, threads=threads)
    run()
    return 0


def gunicorn_argv(bind: str, *, workers: int, threads: int) -> list[str]:
    return ["gunicorn", "luoshi.config.wsgi:application", "--bind", bind, "--workers", str(workers),
            "--threads", str(threads), "--access-logfile", "-", "--graceful-timeout", "5",
            "--control-socket", control_socket(bind)]


def control_socket(bind: str) -> str:
    """Each instance its own gunicorn control socket, named after the address it serves. Gunicorn's default
    ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl) is one path per user: two instances on one
    machine would share it, and stopping one removed the other's. LUOSHI_CONTROL_SOCKET names it outright;
    under systemd it goes in the unit's RuntimeDirectory (/run/luoshi), elsewhere in var/run/."""
    import hashlib
    import re
    import tempfile
    from pathlib import Path

    from luoshi.config.env import VAR_DIR

    if os.environ.get("LUOSHI_CONTROL_SOCKET"):
        return os.environ["LUOSHI_CONTROL_SOCKET"]
    folder = Path(os.environ.get("RUNTIME_DIRECTORY", "").split(":")[0] or VAR_DIR / "run")
    name = "gunicorn-" + (re.sub(r"[^A-Za-z0-9.-]+", "_", bind).strip("_") or "default") + ".ctl"
    path = folder / name
    if len(str(path).encode()) > 100:  # a Unix socket's path has room for 107 bytes
        digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
        path = Path(tempfile.gettempdir()) / f"luoshi-gunicorn-{digest}.ctl"
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def cmd_extract(args) -> int:
    _django(os.environ.get("DJANGO_SETTINGS_MODULE", DEV_SETTINGS))  # its messages go through gettext
    from luoshi.extraction.cli import main as extract_main

    return extract_main([args.path] + (["--json"] if args.json else []))


def cmd_audit(args) -> int:
    _django(os.environ.get("DJANGO_SETTINGS_MODULE", DEV_SETTINGS))
    from django.conf import settings

    from luoshi.core import audit, audit_chain

    if args.action == "verify":
        return _audit_verify(audit_chain.verify_chain())
    if args.action == "anchor":
        anchor = audit_chain.write_anchor()
        print(_("已写入操作日志锚点：第 %(id)s 号记录，文件 %(file)s") % {"id": anchor["head_id"], "file": anchor["file"]})
        return 0
    deleted = audit.purge_expired(days=args.days or settings.LUOSHI_AUDIT_RETENTION_DAYS)
    print(_("已清理超过保存期限的操作日志 %(n)d 条。") % {"n": deleted})
    return 0


def _audit_verify(report) -> int:
    """Print what `verify_chain` found, naming the part that broke: the chain, a purge record, the
    seal of the unkeyed entries, or an anchor outside the database."""
    from luoshi.core import audit_chain

    if not report.ok:
        where = (_("第 %(id)s 号记录处断裂（%(reason)s）") % {"id": report.broken_id, "reason": report.reason}
                 if report.part == audit_chain.CHAIN else report.reason)
        print(_("操作日志被篡改：[%(part)s] %(where)s；此前 %(n)s 条完好。")
              % {"part": report.part_name, "where": where, "n": report.checked})
        return 1
    print(_("操作日志完整：共校验 %(n)s 条，带密钥的哈希链无断裂；清理记录 %(p)s 条签名有效。")
          % {"n": report.checked, "p": report.purges})
    if report.anchors:
        print(_("链外锚点 %(n)s 个与日志一致（最新：%(last)s）。") % {"n": len(report.anchors), "last": report.anchors[-1]})
    else:
        print(_("尚无链外锚点（%(dir)s）：无法发现最新记录被截断。每日 23:55 的 audit.anchor 任务或 `luoshi audit anchor` "
                "写入锚点。") % {"dir": audit_chain.anchor_dir()})
    return 0


def cmd_import(args) -> int:
    _django(os.environ.get("DJANGO_SETTINGS_MODULE", DEV_SETTINGS))
    from luoshi.ledgers.cli import run_import

    return run_import(args)


def cmd_backup(args) -> int:
    _django(os.environ.get("DJANGO_SETTINGS_MODULE", DEV_SETTINGS))
    from luoshi.core.backup import backup

    path = backup(args.path)
    print(_("已备份到 %(path)s") % {"path": path})
    return 0


def cmd_restore(args) -> int:
    _django(os.environ.get("DJANGO_SETTINGS_MODULE", DEV_SETTINGS))
    from luoshi.core.backup import restore

    restore(args.path)
    print(_("已从 %(path)s 恢复。") % {"path": args.path})
    return 0


def cmd_messages(args) -> int:
    """Collect the msgids (the Chinese text in _() and the translate tags) of luoshi/'s templates and
    Python into luoshi/locale/zh_Hans/LC_MESSAGES/django.po. Needs GNU gettext (xgettext, msgmerge)."""
    _django(os.environ.get("DJANGO_SETTINGS_MODULE", DEV_SETTINGS))
    from django.core.management import call_command

    from luoshi.config.env import BASE_DIR

    os.chdir(BASE_DIR / "luoshi")  # its locale/ is LOCALE_PATHS[0], where the catalogue goes
    call_command("makemessages", locale=["zh_Hans"], extensions=["html", "py"], ignore_patterns=list(MESSAGES_IGNORE),
                 no_obsolete=True, no_location=True, no_wrap=True, verbosity=args.verbosity)
    return 0


def cmd_gen(args) -> int:
    _django(os.environ.get("DJANGO_SETTINGS_MODULE", DEV_SETTINGS))
    _prepare(collect_static=False)
    from luoshi.generate.cli import run_gen

    return run_gen(args)


def build_parser() -> argparse.ArgumentParser:  # i18n: before-django (the help is read before Django starts)
    parser = argparse.ArgumentParser(prog="luoshi", description="落实：乡镇重点工作落实平台")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, text in (("demo", cmd_demo, "迁移数据库、载入演示乡镇并启动"), ("serve", cmd_serve, "启动（不载入演示数据）")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--bind", default=os.environ.get("LUOSHI_BIND", "127.0.0.1:8000"))
        # Processes, not threads, carry the load: a page is CPU in Python, and each gunicorn worker
        # keeps the keep-alive connections it accepted, so with few processes one of them could
        # end up with every client on one core (2 × 4 halved page throughput in benchmarks/).
        p.add_argument("--workers", type=int, default=int(os.environ.get("LUOSHI_WORKERS", 2 * (os.cpu_count() or 1))))
        p.add_argument("--threads", type=int, default=int(os.environ.get("LUOSHI_THREADS", "2")))
        p.add_argument("--no-worker", action="store_true", help="不在本进程旁启动后台任务进程（另行运行 luoshi worker）")
        if name == "serve":
            p.add_argument("--no-prepare", action="store_true",
                           help="启动前不迁移数据库、不收集静态文件（多个实例时先运行一次 luoshi prepare）")
        p.set_defaults(func=func)
    p = sub.add_parser("prepare", help="迁移数据库并收集静态文件（多个 serve 实例启动前运行一次）")
    p.set_defaults(func=cmd_prepare)
    p = sub.add_parser("worker", help="运行后台任务进程（提醒、点名调度、红黄绿灯）")
    p.set_defaults(func=cmd_worker)
    p = sub.add_parser("extract", help="从部署讲话或工作要点（.docx/.txt）提取计划草稿")
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("audit", help="操作日志：verify 校验哈希链、清理记录和链外锚点；anchor 写入锚点；purge 清理过期记录")
    p.add_argument("action", choices=["verify", "anchor", "purge"])
    p.add_argument("--days", type=int, default=None)
    p.set_defaults(func=cmd_audit)
    p = sub.add_parser("import", help="导入台账工作簿（tasks 任务分解表、problems 问题整改台账）")
    p.add_argument("ledger")
    p.add_argument("path")
    p.add_argument("--dry-run", action="store_true", help="只检查，不保存")
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", default=os.environ.get("LUOSHI_IMPORT_USER", ""), help="导入人的用户名")
    p.add_argument("--plan", type=int, default=None, help="tasks：导入到哪个工作计划（编号）")
    p.add_argument("--option", action="append", default=[], help="其他导入选项，如 source=inspection")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("gen", help="生成确定性的基准测试数据（tiny 测试用；township 一个镇；county 20 个镇）")
    p.add_argument("--scale", choices=["tiny", "township", "county"], default="township")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--anchor", default="", help="锚定日期 YYYY-MM-DD（默认今天）：计划年度与亮灯均以此为准")
    p.set_defaults(func=cmd_gen)
    p = sub.add_parser("messages", help="收集界面文字到翻译目录 luoshi/locale（需要 gettext）")
    p.add_argument("--verbosity", type=int, default=1)
    p.set_defaults(func=cmd_messages)
    for name, func, text in (("backup", cmd_backup, "在线备份数据库与附件"), ("restore", cmd_restore, "从备份恢复")):
        p = sub.add_parser(name, help=text)
        p.add_argument("path")
        p.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
