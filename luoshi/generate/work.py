"""One township's plan, lines, indicators, tasks, milestones and a year of progress reports.

Everything a task stores about its reports is derived from the reports generated for it, the
way `report_submit` would have left it: `progress` is the percent of the latest report that
gave one (100 once completed), `last_report_at` the latest report's time, `light` and
`light_reason` what `compute_light` says on the anchor date. Reports copy their task's
`scope_path`; indicator actuals are the sum over units of each unit's latest value, and a
split target's actual the sum of its shares (progress.rollups)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from luoshi.core.models import AuditAction
from luoshi.generate import names
from luoshi.plans import lights
from luoshi.plans.models import Indicator, Milestone, Plan, PlanStatus, Strength, Task, TaskStatus, WorkLine
from luoshi.plans.periods import RECURRING, period_bounds, period_key
from luoshi.progress.models import IndicatorValue, ProgressReport

_RECURRENCES = [("", 78.2), ("monthly", 12), ("quarterly", 4), ("weekly", 1.5), ("ongoing", 4), ("mon_wed_fri", 0.3)]
_FORCED = {len(names.LINES) + 1: 0.99, len(names.LINES) + 2: 0.98}  # one draft, one returned, whatever the size
_DEADLINE_TEXT = {"monthly": "每月", "quarterly": "每季度", "weekly": "每周", "ongoing": "长期坚持",
                  "mon_wed_fri": "每周一三五"}


class Work:
    """Builds and saves one township's work; `ctx` carries rng, anchor, audit batch and admin."""

    def __init__(self, ctx, org):
        self.ctx, self.org, self.rng = ctx, org, ctx.rng
        self.reports: list[ProgressReport] = []
        self.values: list[IndicatorValue] = []
        self.milestones: list[Milestone] = []

    # -- plan, lines, indicators ---------------------------------------------------------------
    def build(self) -> dict[str, int]:
        ctx, org = self.ctx, self.org
        self.office = org.office[0]
        deployed = ctx.stamp(ctx.day(8))
        self.plan = Plan(unit=org.township, year=ctx.year, title=f"{ctx.year}年{org.township.name}重点工作",
                         status=PlanStatus.DEPLOYED, deployed_at=deployed, created_at=ctx.stamp(ctx.day(5)),
                         source_name=f"{org.township.name}{ctx.year}年重点工作部署会议讲话.docx")
        self.plan.save(force_insert=True)
        self._audit(self.plan.created_at, self.office, self.plan, org.township.path, after={"title": self.plan.title})
        self._lines()
        self._indicators()
        tasks = self._tasks()
        self._save(tasks)
        return {"tasks": len(tasks), "reports": len(self.reports), "milestones": len(self.milestones),
                "indicators": len(self.indicators), "values": len(self.values)}

    def _audit(self, at, actor, obj, path, parent=None, after=None, action=AuditAction.CREATE, message=""):
        if action == AuditAction.CREATE:
            self.ctx.audit.create(at=at, actor=actor, obj=obj, unit_path=path, parent=parent, after=after,
                                  message=message)
        else:
            self.ctx.audit.add(at=at, actor=actor, action=action, obj_type=obj._meta.label_lower, obj_id=obj.pk,
                               repr_=str(obj), unit_path=path, parent_type=parent._meta.label_lower if parent else "",
                               parent_id=parent.pk if parent else "", message=message, after=after)

    def _lines(self):
        org, at = self.org, self.plan.created_at
        self.lines = [WorkLine(plan=self.plan, number=num, name=name, sort_order=i, lead_unit=org.departments[dept],
                               leader=org.leaders[i % len(org.leaders)])
                      for i, (num, name, dept) in enumerate(names.LINES)]
        WorkLine.objects.bulk_create(self.lines)
        for line in self.lines:
            self._audit(at, self.office, line, org.township.path, parent=self.plan, after={"name": line.name})

    def _indicators(self):
        rng, scale, org = self.rng, self.ctx.scale, self.org
        tops = []
        for line in self.lines:
            for name, measure in names.INDICATORS[line.number][: scale.indicators_per_line]:
                tops.append(Indicator(plan=self.plan, line=line, unit=line.lead_unit, name=name, measure=measure,
                                      strength=rng.choice((Strength.MUST, Strength.MUST, Strength.STRIVE)),
                                      target=Decimal(rng.randrange(2, 60) * 5), qualifier=rng.choice(("", "以上"))))
        split = tops[:: max(1, len(tops) // scale.split_indicators)][: scale.split_indicators]
        for top in split:
            top.target = Decimal(0)
        Indicator.objects.bulk_create(tops)
        children = []
        for top in split:
            for village in org.villages:
                share = Decimal(rng.randrange(1, 6))
                top.target += share
                children.append(Indicator(plan=self.plan, line=top.line, parent=top, unit=village, name=top.name,
                                          measure=top.measure, strength=top.strength, target=share))
        Indicator.objects.unscoped("targets of split indicators are their shares' sum").bulk_update(split, ["target"])
        Indicator.objects.bulk_create(children, batch_size=1000)
        self.indicators, self.top_indicators = tops + children, tops
        self.share = {(c.parent_id, c.unit_id): c for c in children}
        self.split_ids = {t.pk for t in split}
        for ind in self.indicators:
            self._audit(self.plan.created_at, self.office, ind, ind.unit.path, parent=self.plan,
                        after={"name": ind.name, "target": str(ind.target), "unit_id": ind.unit_id})

    # -- tasks -----------------------------------------------------------------------------------
    def _tasks(self) -> list[Task]:
        rng, scale, org = self.rng, self.ctx.scale, self.org
        self.top, self.children = [], []
        recurrences, weights = zip(*_RECURRENCES, strict=True)
        by_line = {line.pk: [i for i in self.top_indicators if i.line_id == line.pk] for line in self.lines}
        for k in range(scale.top_tasks):
            line = self.lines[k % len(self.lines)]
            title, requirement = rng.choice(names.TASKS[line.number])
            lead = line.lead_unit if rng.random() < 0.7 else rng.choice(list(org.departments.values()))
            recurrence = rng.choices(recurrences, weights)[0]
            owner_login = org.dept_head[lead.pk]
            if k % 25 == 3 and org.cadres:  # some aid and liaison work is personally a cadre's
                owner_login = org.cadres[k % len(org.cadres)]
            deadline = self._deadline(recurrence)
            task = Task(plan=self.plan, line=line, title=title, requirement=requirement, leader=line.leader,
                        lead_unit=lead, owner=owner_login._gen_person, deadline=deadline, recurrence=recurrence,
                        deadline_text=_DEADLINE_TEXT.get(recurrence) or (f"{deadline.month}月底前" if deadline else ""),
                        scope_path=lead.path, source_text=requirement)
            task._gen_reporter = owner_login
            inds = by_line[line.pk]
            task._gen_indicator = inds[k % len(inds)] if inds else None
            task._gen_co_units = rng.sample([u for u in org.departments.values() if u != lead],
                                            rng.choice((0, 0, 0, 1, 2)))
            self.top.append(task)
        for parent in self.top[: scale.split_tasks]:
            for village in org.villages:
                head = org.village_head[village.pk]
                child = Task(plan=self.plan, line=parent.line, parent=parent, title=f"{parent.title}（{village.name}）",
                             requirement=parent.requirement, leader=parent.leader, lead_unit=village,
                             owner=head._gen_person, deadline=parent.deadline, recurrence=parent.recurrence,
                             deadline_text=parent.deadline_text, scope_path=village.path)
                child._gen_reporter, child._gen_indicator, child._gen_co_units = head, parent._gen_indicator, []
                self.children.append(child)
        tasks = self.top + self.children
        for index, task in enumerate(tasks):
            self._simulate(task, forced=_FORCED.get(index))
        self._light_split_tasks()
        return tasks

    def _light_split_tasks(self) -> None:
        """A split task under way shows its worst part's light, as plans.light_store stores it."""
        parts: dict[int, list] = {}
        for child in self.children:
            parts.setdefault(id(child.parent), []).append((child.light, child.light_reason, child.lead_unit.name))
        for parent in self.top[: self.ctx.scale.split_tasks]:
            if parent.status in (TaskStatus.DRAFT, TaskStatus.RETURNED, TaskStatus.COMPLETED):
                continue
            combined = lights.combine_parts(parts.get(id(parent), []))
            if combined is not None:
                parent.light, parent.light_reason = combined[0], lights.join_reasons(combined[1])

    def _deadline(self, recurrence: str) -> dt.date | None:
        year = self.ctx.year
        if recurrence == "ongoing":
            return None
        if recurrence:
            return dt.date(year, 12, 31)
        month = self.rng.choices(range(3, 13), (3, 4, 8, 6, 10, 6, 8, 10, 10, 14))[0]
        day = self.rng.choice((15, 20, 0, 0, 0))
        return dt.date(year, month, day) if day else _month_end(year, month)

    def _simulate(self, task: Task, forced: float | None = None) -> None:
        """Status, dates, reports and milestones of one task, then its stored progress and light."""
        ctx, rng = self.ctx, self.rng
        anchor = ctx.anchor
        task._gen_reports, task._gen_milestones = [], []
        task.created_at = ctx.stamp(ctx.day(rng.randrange(5, 8)))
        roll = rng.random() if forced is None else forced
        late_start = roll < 0.04 and (task.deadline is None or task.deadline > anchor)
        if roll > 0.985:
            task.status = TaskStatus.DRAFT
        elif roll > 0.975:
            task.status, task.return_reason = TaskStatus.RETURNED, "完成时限与实际不符，请重新明确时间节点"
            task.deployed_at = ctx.stamp(ctx.day(rng.randrange(8, 20)))
        elif late_start:  # added later in the year, not yet signed
            task.status = TaskStatus.DEPLOYED
            task.created_at = task.deployed_at = ctx.stamp(anchor - dt.timedelta(days=rng.randrange(1, 20)))
        else:
            task.deployed_at = ctx.stamp(ctx.day(rng.randrange(8, 20)))
            task.signed_at = task.deployed_at + dt.timedelta(days=rng.randrange(1, 5), hours=rng.randrange(0, 5))
            task.signed_by = task._gen_reporter
            task.status = TaskStatus.SIGNED
            self._reports(task)
        task.updated_at = task.last_report_at or task.signed_at or task.deployed_at or task.created_at
        periods = frozenset(r.period for r in task._gen_reports if r.period)
        task.reported_periods = "".join(f" {p} " for p in sorted(periods))  # as task_apply_report keeps it
        summary = lights.ReportsSummary(
            last_report_on=ctx.localdate(task.last_report_at) if task.last_report_at else None, periods=periods)
        states = [lights.MilestoneState(m.title, m.due_date, m.done_at is not None) for m in task._gen_milestones]
        light, reasons = lights.compute_light(task, today=anchor, summary=summary, milestones=states, rules=ctx.rules)
        task.light, task.light_reason = light, lights.join_reasons(reasons)

    def _reports(self, task: Task) -> None:
        ctx, rng, anchor = self.ctx, self.rng, self.ctx.anchor
        diligence = rng.random()
        start = ctx.localdate(task.signed_at)
        end = min(anchor - dt.timedelta(days=1), task.deadline or anchor)
        completes = task.deadline is not None and (
            (task.deadline < anchor and diligence > 0.2) or (task.deadline >= anchor and diligence > 0.92))
        if completes:
            done = task.deadline + dt.timedelta(days=rng.randrange(-40, 8 if diligence < 0.6 else 1))
            end = max(start + dt.timedelta(days=1), min(done, anchor - dt.timedelta(days=1)))
        elif diligence < 0.2:  # a laggard stops reporting part-way
            end = start + dt.timedelta(days=int((end - start).days * rng.uniform(0.3, 0.8)))
        days = self._report_days(task, start, end, diligence)
        if completes and (not days or days[-1] < end):
            days.append(end)
        expected = lights.expected_percent(task, anchor) or 50
        final = 100 if completes else max(0, min(95, expected + int((diligence - 0.5) * 40)))
        for i, day in enumerate(days):
            last = i == len(days) - 1
            percent = round(final * (i + 1) / len(days)) if (last or rng.random() < 0.9) else None
            self._report(task, day, percent)
        if completes:  # 申请办结 with the last report; one in ten still waits for 验收 on the anchor
            task.close_requested_at, task.close_requested_by = task.last_report_at, task.signed_by
            task.close_note = "已按要求完成，资料已归档"
            if 0.5 <= diligence < 0.6:
                task.status, task.progress = TaskStatus.CLOSING, 100
            else:
                task.status, task.progress = TaskStatus.COMPLETED, 100
                task.completed_at = task.last_report_at + dt.timedelta(minutes=rng.randrange(5, 90))
                task.closed_by = self.office
        self._milestones(task, diligence)

    def _report_days(self, task: Task, start: dt.date, end: dt.date, diligence: float) -> list[dt.date]:
        rng = self.rng
        if end <= start:
            return []
        if task.recurrence in RECURRING:
            keep = 0.95 if diligence > 0.3 else 0.6
            days, day, seen = [], start, set()
            while day <= end:
                key = period_key(task.recurrence, day)
                if key not in seen:
                    seen.add(key)
                    first, last = period_bounds(task.recurrence, day)
                    if rng.random() < keep:
                        span = (min(last, end) - max(first, start)).days
                        days.append(max(first, start) + dt.timedelta(days=rng.randrange(span + 1)))
                    day = last + dt.timedelta(days=1)
            return days
        n = max(1, round(rng.gauss(self.ctx.scale.one_off_reports, self.ctx.scale.one_off_reports / 2)))
        span = (end - start).days
        return sorted(start + dt.timedelta(days=rng.randrange(1, span + 1)) for _ in range(n))

    def _report(self, task: Task, day: dt.date, percent: int | None) -> None:
        ctx, rng = self.ctx, self.rng
        reporter = task._gen_reporter
        person = reporter._gen_person
        at = ctx.stamp(day)
        if task.last_report_at and at <= task.last_report_at:  # two reports in a day: in order
            at = task.last_report_at + dt.timedelta(minutes=rng.randrange(1, 60))
        report = ProgressReport(task=task, reporter=reporter, reporter_name=person.name, unit=person.unit,
                                period=period_key(task.recurrence, day), text=names.report_text(rng, percent),
                                percent=percent, scope_path=task.scope_path, created_at=at,
                                difficulties=names.difficulties(rng) if rng.random() < 0.15 else "")
        report._gen_value = self._value(task, person.unit, percent) if rng.random() < 0.5 else None
        self.reports.append(report)
        task._gen_reports.append(report)
        if percent is not None:
            task.progress = percent
        task.last_report_at = report.created_at

    def _value(self, task: Task, unit, percent):
        """What `resolve_values` would accept: the unit's share of a split target, else the target."""
        linked = task._gen_indicator
        if linked is None:
            return None
        target = self.share.get((linked.pk, unit.pk)) if linked.pk in self.split_ids else linked
        if target is None:
            return None
        fraction = Decimal(percent if percent is not None else 50) / 100
        return target, (target.target * fraction).quantize(Decimal("0.01"))

    def _milestones(self, task: Task, diligence: float) -> None:
        rng, ctx = self.rng, self.ctx
        if task.recurrence or not task.deadline or rng.random() > 0.3:
            return
        start = ctx.localdate(task.deployed_at)
        span = (task.deadline - start).days
        for i in range(rng.randrange(1, 4)):
            due = start + dt.timedelta(days=span * (i + 1) // 4)
            done = None
            if due < ctx.anchor and (task.status == TaskStatus.COMPLETED or rng.random() < 0.5 + diligence / 2):
                done = ctx.stamp(max(start, due - dt.timedelta(days=rng.randrange(0, 10))))
            milestone = Milestone(task=task, title=names.milestone_title(rng), due_date=due, done_at=done)
            task._gen_milestones.append(milestone)
            self.milestones.append(milestone)

    # -- saving ------------------------------------------------------------------------------------
    def _save(self, tasks: list[Task]) -> None:
        Task.objects.bulk_create(self.top, batch_size=1000)
        Task.objects.bulk_create(self.children, batch_size=1000)
        co = Task.co_units.through
        co.objects.bulk_create([co(task=t, unit=u) for t in self.top for u in t._gen_co_units], batch_size=5000)
        link = Task.indicators.through
        link.objects.bulk_create([link(task=t, indicator=t._gen_indicator) for t in tasks if t._gen_indicator],
                                 batch_size=5000)
        Milestone.objects.bulk_create(self.milestones, batch_size=2000)
        self.reports.sort(key=lambda r: r.created_at)  # ids follow time, as they would in life
        ProgressReport.objects.bulk_create(self.reports, batch_size=2000)
        self._save_values()
        self._audit_tasks(tasks)

    def _save_values(self) -> None:
        latest: dict[tuple[int, int], Decimal] = {}
        for report in self.reports:
            if report._gen_value:
                indicator, value = report._gen_value
                self.values.append(IndicatorValue(report=report, indicator=indicator, value=value))
                latest[(indicator.pk, report.unit_id)] = value
        IndicatorValue.objects.bulk_create(self.values, batch_size=5000)
        actual: dict[int, Decimal] = {}
        for (indicator_id, _unit), value in latest.items():
            actual[indicator_id] = actual.get(indicator_id, Decimal(0)) + value
        for ind in self.indicators:
            ind.actual = actual.get(ind.pk)
        for top in self.top_indicators:
            if top.pk in self.split_ids:
                shares = [c.actual for c in self.indicators if c.parent_id == top.pk and c.actual is not None]
                top.actual = sum(shares, Decimal(0)) if shares else None
        Indicator.objects.unscoped("actuals follow the generated reports").bulk_update(self.indicators, ["actual"],
                                                                                        batch_size=1000)

    def _audit_tasks(self, tasks: list[Task]) -> None:
        office, plan = self.office, self.plan
        for task in tasks:
            path = task.scope_path
            self._audit(task.created_at, office, task, path, parent=plan,
                        after={"title": task.title, "lead_unit_id": task.lead_unit_id, "status": "draft",
                               "deadline": task.deadline.isoformat() if task.deadline else None})
            if task.deployed_at:
                self._audit(task.deployed_at, office, task, path, plan, action=AuditAction.UPDATE, message="部署任务",
                            after={"status": "deployed"})
            if task.signed_at:
                self._audit(task.signed_at, task.signed_by, task, path, plan, action=AuditAction.UPDATE,
                            message="签收任务", after={"status": "signed"})
            for report in task._gen_reports:
                value = report._gen_value
                self._audit(report.created_at, report.reporter, report, path, parent=task,
                            after={"task_id": task.pk, "percent": report.percent, "period": report.period,
                                   "values": {str(value[0].pk): str(value[1])} if value else {}, "attachments": []})
            if task.close_requested_at:
                self._audit(task.close_requested_at, task.signed_by, task, path, plan, action=AuditAction.UPDATE,
                            message=f"申请办结：{task.close_note}", after={"status": "closing"})
            if task.completed_at:  # 验收 by the office, never by whoever asked
                self._audit(task.completed_at, office, task, path, plan, action=AuditAction.UPDATE,
                            message="验收办结", after={"status": "completed", "progress": 100})


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
