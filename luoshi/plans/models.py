"""The year's deployment as data: Plan → WorkLines → Indicators and Tasks, with milestones
and extension requests (办什么事、由谁来办、什么时间干到什么程度)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule, arm_indexes

OFFICE = {RoleCode.OFFICE}
PLANNERS = {RoleCode.OFFICE, RoleCode.LEADER}
DOERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT, RoleCode.VILLAGE, RoleCode.CADRE}


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    DEPLOYED = "deployed", _("已部署")
    ARCHIVED = "archived", _("已归档")


class Plan(ScopedModel):
    """A year's deployment of one township, kept with the document it came from."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    deployed_at = models.DateTimeField(_("部署时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    # Plans are the township's: departments and villages work from their tasks instead.
    scope_rule = ScopeRule(units=("unit",))
    policy = Policy.of(view={RoleCode.LEADER, RoleCode.OFFICE, RoleCode.DISCIPLINE}, add=OFFICE, change=OFFICE,
                       delete=OFFICE, deploy=OFFICE)
    str_field = "title"  # what str() shows: lists and exports read a plan's title as a plain value

    class Meta:
        verbose_name = _("工作计划")
        verbose_name_plural = _("工作计划")
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title

    def audit_unit_path(self) -> str:
        return self.unit.path


class PlanSource(models.Model):
    """The document a plan was drafted from (`Plan.source_name`'s text), kept beside the plan rather
    than in it: every list of tasks reads their plan with them, and a speech of tens of KB travelled
    with each of a page's 50 rows. Read only through its plan, which carries the scope."""

    plan = models.OneToOneField(Plan, primary_key=True, on_delete=models.CASCADE, related_name="source",
                                verbose_name=_("工作计划"))
    text = models.TextField(_("来源原文"), blank=True)

    class Meta:
        verbose_name = _("计划来源原文")
        verbose_name_plural = _("计划来源原文")

    def __str__(self):
        return str(self.plan_id)


class WorkLine(ScopedModel):
    """A line of work (工作专线), e.g. one of the seed's eleven."""

    plan = models.ForeignKey(Plan, verbose_name=_("工作计划"), on_delete=models.CASCADE, related_name="lines")
    number = models.CharField(_("序号"), max_length=20, blank=True)
    name = models.CharField(_("名称"), max_length=200)
    leader = models.ForeignKey("org.Person", verbose_name=_("分管领导"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    lead_unit = models.ForeignKey("org.Unit", verbose_name=_("牵头单位"), null=True, blank=True, db_index=False,
                                  on_delete=models.SET_NULL, related_name="+")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    scope_rule = ScopeRule(units=("plan__unit", "lead_unit"))
    policy = Policy.of(view=ANY_ROLE, add=OFFICE, change=OFFICE, delete=OFFICE)
    str_field = "name"  # what str() shows: lists and exports read a line's name as a plain value

    class Meta:
        verbose_name = _("工作专线")
        verbose_name_plural = _("工作专线")
        ordering = ["plan", "sort_order", "id"]
        indexes = arm_indexes("workline", "lead_unit")  # the scope's arm, where set

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.plan.unit.path


class Strength(models.TextChoices):
    MUST = "must", _("确保")
    STRIVE = "strive", _("力争")


class Indicator(ScopedModel):
    """A quantified target ("确保新上亿元项目×个"); a township target may be split into
    village or department sub-targets (children), whose values sum to its actual."""

    plan = models.ForeignKey(Plan, verbose_name=_("工作计划"), on_delete=models.CASCADE, related_name="indicators")
    line = models.ForeignKey(WorkLine, verbose_name=_("工作专线"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="indicators")
    parent = models.ForeignKey("self", verbose_name=_("上级指标"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    unit = models.ForeignKey("org.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("指标名称"), max_length=200)
    measure = models.CharField(_("计量单位"), max_length=20, blank=True)
    target = models.DecimalField(_("目标值"), max_digits=16, decimal_places=2, null=True, blank=True)
    baseline = models.DecimalField(_("基数"), max_digits=16, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("完成值"), max_digits=16, decimal_places=2, null=True, blank=True)
    strength = models.CharField(_("要求"), max_length=10, choices=Strength.choices, default=Strength.MUST)
    qualifier = models.CharField(_("限定"), max_length=20, blank=True)
    source_offset = models.IntegerField(_("原文位置"), null=True, blank=True)
    source_text = models.TextField(_("原文"), blank=True)
    # 指标来源于台账: the key of the register measure (plans.measures) that computes the actual, or ""
    # when the field reports it. Not `measure`, which is the 计量单位.
    register_measure = models.CharField(_("台账统计口径"), max_length=60, blank=True, default="")

    scope_rule = ScopeRule(units=("unit", "plan__unit"))
    policy = Policy.of(view=ANY_ROLE, add=OFFICE, change=OFFICE, delete=OFFICE)

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["plan", "line", "id"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.unit.path


class TaskStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    DEPLOYED = "deployed", _("待签收")
    SIGNED = "signed", _("办理中")
    RETURNED = "returned", _("已退回")
    CLOSING = "closing", _("待验收")
    COMPLETED = "completed", _("已办结")


class Recurrence(models.TextChoices):
    """How often a task (or a problem) owes a report: the one vocabulary of models, imports and
    extraction (words → values: plans.periods.recurrence_of); each value's periods: plans.periods."""

    NONE = "", _("一次性")
    DAILY = "daily", _("每日")
    MON_WED_FRI = "mon_wed_fri", _("每周一三五")
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    SEMIANNUAL = "semiannual", _("每半年")
    YEARLY = "yearly", _("每年")
    ONGOING = "ongoing", _("长期坚持")


class Light(models.TextChoices):
    NONE = "", _("未部署")
    GREEN = "green", _("绿灯")
    YELLOW = "yellow", _("黄灯")
    RED = "red", _("红灯")
    # A finished task is counted on its own, never as green: "6 绿灯" must not hide what is done.
    DONE = "done", _("已办结")


class Task(ScopedModel):
    """A task: what (title), to what extent (requirement), who (leader, lead unit, co-units,
    owner), by when (deadline or recurrence). `scope_path` copies the lead unit's path so a
    unit's task list needs no join; the services keep it in step."""

    plan = models.ForeignKey(Plan, verbose_name=_("工作计划"), on_delete=models.CASCADE, related_name="tasks")
    line = models.ForeignKey(WorkLine, verbose_name=_("工作专线"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="tasks")
    parent = models.ForeignKey("self", verbose_name=_("上级任务"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    title = models.CharField(_("工作任务"), max_length=500)
    requirement = models.TextField(_("目标要求"), blank=True)
    leader = models.ForeignKey("org.Person", verbose_name=_("责任领导"), null=True, blank=True, db_index=False,
                               on_delete=models.SET_NULL, related_name="+")
    lead_unit = models.ForeignKey("org.Unit", verbose_name=_("牵头单位"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    co_units = models.ManyToManyField("org.Unit", verbose_name=_("配合单位"), blank=True, related_name="+")
    owner = models.ForeignKey("org.Person", verbose_name=_("责任人"), null=True, blank=True, db_index=False,
                              on_delete=models.SET_NULL, related_name="+")
    informed = models.ManyToManyField("org.Person", verbose_name=_("阅知领导"), blank=True, related_name="+")
    indicators = models.ManyToManyField(Indicator, verbose_name=_("相关指标"), blank=True, related_name="tasks")
    # the year's close: an unfinished task carried into next year's plan points back at the one it continues
    carried_from = models.ForeignKey("self", verbose_name=_("上年结转自"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="carried_to")
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True, db_index=True)
    deadline_text = models.CharField(_("时限原文"), max_length=100, blank=True)
    recurrence = models.CharField(_("周期"), max_length=20, choices=Recurrence.choices, default="", blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.DRAFT)
    progress = models.PositiveSmallIntegerField(_("完成进度（%）"), default=0)
    light = models.CharField(_("灯"), max_length=10, choices=Light.choices, default="", blank=True)
    light_reason = models.CharField(_("亮灯原因"), max_length=300, blank=True)
    last_report_at = models.DateTimeField(_("最近上报"), null=True, blank=True)
    # The periods of a recurring task reported so far, each between spaces (" 2026-W01 2026-W02 "):
    # kept by each report (plans.services.task_apply_report), so its light and its page need no
    # pass over its reports.
    reported_periods = models.TextField(blank=True, default="", editable=False)
    deployed_at = models.DateTimeField(_("部署时间"), null=True, blank=True)
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签收人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    return_reason = models.CharField(_("退回理由"), max_length=500, blank=True)
    # 申请办结 → 验收 (plans.task_flow): who asked, with what note, and who accepted or sent it back
    close_requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请办结人"), null=True,
                                           blank=True, on_delete=models.SET_NULL, related_name="+")
    close_requested_at = models.DateTimeField(_("申请办结时间"), null=True, blank=True)
    close_note = models.TextField(_("办结说明"), blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("验收人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    flow_reason = models.CharField(_("退回或重新办理理由"), max_length=500, blank=True)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    source_offset = models.IntegerField(_("原文位置"), null=True, blank=True)
    source_text = models.TextField(_("原文"), blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(paths=("scope_path",), people=("owner", "leader"), unit_sets=("co_units",))
    policy = Policy.of(view=ANY_ROLE, add=OFFICE, change=OFFICE, delete=OFFICE, deploy=OFFICE,
                       sign=DOERS, report=DOERS, extend=DOERS, decide=PLANNERS, urge=PLANNERS,
                       request_close=DOERS, accept=PLANNERS, send_back=PLANNERS, reopen=OFFICE,
                       check=PLANNERS)

    class Meta:
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        ordering = ["plan", "line", "deadline", "id"]
        indexes = [
            models.Index(fields=["scope_path", "status", "deadline"], name="task_unit_status_deadline"),
            models.Index(fields=["plan", "line", "light"], name="task_plan_line_light"),
            # the plan page's drafts and unsigned tasks: a plan's few in one status, not its 5,000 filtered
            models.Index(fields=["plan", "status"], name="task_plan_status"),
            # a plan's whole tasks (what a leader counts: the plan page, the battle map, the year's close):
            # its 200, not the county's 4,000 whole tasks filtered by plan
            models.Index(fields=["plan", "parent"], name="task_plan_parent"),
            *arm_indexes("task", "owner", "leader"),  # the scope's arms, where set
        ]

    def __str__(self):
        return self.title[:60]

    def audit_unit_path(self) -> str:
        return self.scope_path


class Milestone(ScopedModel):
    """A dated step of a task (时间节点): the seed's county → city → province → national checks."""

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("节点"), max_length=200)
    due_date = models.DateField(_("时限"))
    # marked done with evidence by the task's people, then checked by the office (plans.task_flow)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("完成填报人"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    done_note = models.TextField(_("完成情况"), blank=True)
    checked_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核验人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    scope_rule = ScopeRule(paths=("task__scope_path",), people=("task__owner",))
    policy = Task.policy

    class Meta:
        verbose_name = _("时间节点")
        verbose_name_plural = _("时间节点")
        ordering = ["task", "due_date"]

    def __str__(self):
        return self.title


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已同意")
    REFUSED = "refused", _("未同意")


class Extension(ScopedModel):
    """A request for a later deadline, made before the deadline passes; both dates are kept."""

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                     related_name="+")
    old_deadline = models.DateField(_("原时限"))
    new_deadline = models.DateField(_("申请时限"))
    reason = models.TextField(_("理由"))
    status = models.CharField(_("状态"), max_length=20, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)

    scope_rule = ScopeRule(paths=("task__scope_path",), people=("task__owner",))
    policy = Task.policy

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.task} → {self.new_deadline}"
