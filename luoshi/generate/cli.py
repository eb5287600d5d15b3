"""`luoshi gen --scale tiny|township|county [--seed N] [--anchor YYYY-MM-DD]`."""

from __future__ import annotations

import datetime as dt

from django.test.utils import override_settings


def run_gen(args) -> int:
    from luoshi.config.env import VAR_DIR
    from luoshi.core.errors import ServiceError
    from luoshi.generate.build import generate, write_logins

    try:
        anchor = dt.date.fromisoformat(args.anchor) if args.anchor else None
    except ValueError:
        print(f"锚定日期格式应为 YYYY-MM-DD：{args.anchor}")
        return 2
    print(f"正在生成 {args.scale} 规模数据（种子 {args.seed}）…", flush=True)
    try:
        with override_settings(DEBUG=False):  # a debug cursor would keep every bulk INSERT in memory
            result = generate(scale=args.scale, seed=args.seed, anchor=anchor, log=lambda m: print(m, flush=True))
    except ServiceError as error:
        print(error.message)
        return 1
    path = VAR_DIR / "gen-logins.json"
    write_logins(path, result["logins"])
    print(f"完成：{result['totals']}（锚定日期 {result['anchor']}，种子 {result['seed']}）")
    print(f"全部 {len(result['logins'])} 个生成账号共用密码：{result['password']}（已写入 {path}，权限 600）")
    seen = set()
    for row in result["logins"]:
        if row["role"] not in seen:
            seen.add(row["role"])
            print(f"  {row['role']:<11} {row['username']:<14} {row['unit']}")
    return 0
