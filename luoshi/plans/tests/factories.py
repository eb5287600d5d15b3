"""Plans built in code for tests: one township plan with a line and tasks."""

import datetime as dt

from luoshi.plans import services


def make_plan(world, *, year: int = 2024):
    office = world.user("office")
    plan = services.plan_create(actor=office, unit=world.unit("township"), year=year, title=f"{year}年重点工作")
    line = services.line_create(actor=office, plan=plan, name="乡村振兴专线", number="三")
    return plan, line


def make_task(world, plan, line=None, *, deploy: bool = False, **fields):
    office = world.user("office")
    values = {"title": "完成路村公共卫生厕所建设", "requirement": "年底前建成并投入使用", "line": line,
              "lead_unit": world.unit("village"), "deadline": dt.date(plan.year, 12, 31)} | fields
    task = services.task_create(actor=office, plan=plan, **values)
    if deploy:
        task = services.task_deploy(actor=office, task=task)
    return task


def complete_task(world, task, *, requester: str = "village", checker: str = "office"):
    """A task carried to 已办结 the only way there is: signed if need be, 申请办结 by its people,
    验收 by someone else."""
    task.refresh_from_db()
    if task.status == "deployed":
        task = services.task_sign(actor=world.user(requester), task=task)
    task = services.task_request_close(actor=world.user(requester), task=task, note="已按要求完成")
    return services.task_accept(actor=world.user(checker), task=task)


def township_plan(world, *, year: int = 2024):
    """The township's plan of `year`, made by the admin (the ledger and import tests' plan)."""
    return services.plan_create(actor=world.admin, unit=world.unit("township"), year=year,
                                title=f"河口镇{year}年重点工作")
