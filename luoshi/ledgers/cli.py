"""`luoshi import LEDGER PATH [--dry-run] [--json] [--user NAME] [--plan ID] [--option k=v]`.

Without --user a --dry-run only reads the workbook (the reader's rows and errors, no database);
with --user the rows are also validated as that user would import them on the page (names
looked up in their scope), and saved unless --dry-run. Exit status: 0 all good, 1 some row
is bad (nothing saved), 2 the file or the command itself was refused.
"""

from __future__ import annotations

import json
import sys

from django.utils.translation import gettext as _

from luoshi.exchange.errors import WorkbookError
from luoshi.exchange.importing import import_ledger
from luoshi.exchange.workbook import read_workbook
from luoshi.ledgers.registry import all_ledgers, get_ledger
from luoshi.org.models import User


def run_import(args) -> int:

    ledger = get_ledger(args.ledger)
    if ledger is None or not ledger.importable:
        names = "、".join(item.name for item in all_ledgers() if item.importable)
        return _fail(args, _("没有名为“%(n)s”的可导入台账，可用：%(names)s") % {"n": args.ledger, "names": names})
    try:
        if not args.user:
            if not args.dry_run:
                return _fail(args, _("保存导入的数据须用 --user 指定导入人（或加 --dry-run 只检查文件）"))
            read = read_workbook(args.path, ledger.spec)
            return _print(args, read.as_json(), bad=len({(e["sheet"], e["row"]) for e in read.errors}),
                          rows=len(read.rows), saved=None)
        actor = _user(args.user)
        if actor is None:
            return _fail(args, _("没有用户“%(u)s”或该用户已停用") % {"u": args.user})
        options = _options(args, ledger, actor)
        if isinstance(options, str):
            return _fail(args, options)
        outcome = import_ledger(actor=actor, ledger=ledger, path=args.path, options=options, dry_run=args.dry_run)
    except (WorkbookError, OSError) as exc:
        return _fail(args, getattr(exc, "message", None) or _("无法读取文件：%(e)s") % {"e": exc})
    return _print(args, outcome.as_json(), bad=outcome.bad_rows, rows=len(outcome.rows),
                  saved=None if args.dry_run else outcome.created, message=outcome.message())


def _user(username: str):
    return (User.objects.unscoped("the importer named on the command line").select_related("person__unit")
            .filter(username=username, is_active=True).first())


def _options(args, ledger, actor) -> dict | str:
    """The ledger's import options from --plan / --option k=v; a lone choice is taken as is."""
    if not ledger.import_options:
        return {}
    data = dict(item.split("=", 1) for item in args.option if "=" in item)
    if args.plan:
        data["plan"] = args.plan
    form = ledger.import_options(data, actor=actor)
    for name, field in form.fields.items():
        if name not in data and hasattr(field, "queryset"):
            first = field.queryset.first()
            if first is not None:
                data[name] = first.pk
                print(_("未指定%(f)s，使用“%(v)s”") % {"f": field.label, "v": first}, file=sys.stderr)
    form = ledger.import_options(data, actor=actor)
    if not form.is_valid():
        return "；".join(f"{form.fields[f].label}：{'；'.join(m)}" if f in form.fields else "；".join(m)
                        for f, m in form.errors.items())
    return form.cleaned_data


def _fail(args, message: str) -> int:
    if args.json:
        print(json.dumps({"rows": [], "errors": [{"sheet": "", "row": 0, "column": "", "reason": message}]},
                         ensure_ascii=False))
    print(message, file=sys.stderr)
    return 2


def _print(args, payload: dict, *, bad: int, rows: int, saved: int | None, message: str = "") -> int:
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, default=str, indent=1))
    else:
        for error in payload["errors"]:
            print(_("%(sheet)s 第 %(row)s 行 %(column)s 列：%(reason)s") % error)
        print(message or _("共读取 %(n)s 条数据，%(b)s 条有错误。") % {"n": rows, "b": bad})
    if bad:
        return 1
    return 0
