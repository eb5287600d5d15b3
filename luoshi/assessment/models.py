"""Assessment (考核): per-unit statistics (no table of their own: `statistics.py` counts other apps'
rows), the year's schemes and their items, entered points with evidence (maker-checker), scoring runs
that freeze, their scores and rankings, and the commitments (实事承诺); the on-site review (观摩评比) is in
models_reviews.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule

OFFICE = {RoleCode.OFFICE}
JUDGES = {RoleCode.LEADER, RoleCode.OFFICE, RoleCode.DISCIPLINE}
JUDGED = {RoleCode.DEPARTMENT, RoleCode.VILLAGE}

# Who may read a unit's statistics: the leaders and the office for every unit they see, a department
# or a village for its own, 纪委 for the units it supervises. An aid cadre sees only their own rows.
STATISTICS_POLICY = Policy.of(view=JUDGES | JUDGED)


class AssessedKind(models.TextChoices):
    VILLAGE = "village", _("村")
    DEPARTMENT = "department", _("部门")


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ACTIVE = "active", _("已发布")


class AssessmentScheme(ScopedModel):
    """考核方案: how one kind of unit (the villages, or the departments) of a township is judged in a
    year. Its items carry the weights; its runs the scores."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("制定单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    assessed_kind = models.CharField(_("考核对象"), max_length=20, choices=AssessedKind.choices)
    title = models.CharField(_("方案名称"), max_length=200)
    note = models.TextField(_("说明"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(units=("unit",))
    policy = Policy.of(view=JUDGES, add=OFFICE, change=OFFICE, score=OFFICE, review={RoleCode.LEADER, RoleCode.OFFICE},
                       freeze={RoleCode.LEADER})

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year", "assessed_kind", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "assessed_kind"],
                                               name="one_scheme_per_township_year_kind")]

    def __str__(self):
        return self.title

    def audit_unit_path(self) -> str:
        return self.unit.path


class ItemKind(models.TextChoices):
    COMPUTED = "computed", _("数据自动计分")
    BONUS = "bonus", _("加分项")
    DEDUCTION = "deduction", _("减分项")
    VETO = "veto", _("一票否决")


class VetoEffect(models.TextChoices):
    ZERO = "zero", _("总分计零")
    CAP = "cap", _("总分封顶")


class SchemeItem(ScopedModel):
    """One line of a scheme: a computed item (its formula by key, `formulas.FORMULAS`), a 加分/减分
    item entered with evidence (its weight the most it may add or take), or a 一票否决 item."""

    scheme = models.ForeignKey(AssessmentScheme, verbose_name=_("考核方案"), on_delete=models.CASCADE,
                               related_name="items")
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("考核项目"), max_length=200)
    kind = models.CharField(_("计分方式"), max_length=20, choices=ItemKind.choices, default=ItemKind.COMPUTED)
    formula = models.CharField(_("计算公式"), max_length=40, blank=True)
    weight = models.DecimalField(_("分值"), max_digits=7, decimal_places=2, default=0)
    step = models.DecimalField(_("每次扣（加）分"), max_digits=7, decimal_places=2, default=0)
    veto_effect = models.CharField(_("否决方式"), max_length=10, choices=VetoEffect.choices, blank=True)
    cap = models.DecimalField(_("封顶分"), max_digits=7, decimal_places=2, null=True, blank=True)
    # A computed item of a work line reads that line's tasks (and their urges, problems, reports,
    # indicators) only; the line's items make the unit's ranking on the line.
    line = models.ForeignKey("plans.WorkLine", verbose_name=_("工作专线"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    scope_rule = ScopeRule(units=("scheme__unit",))
    policy = AssessmentScheme.policy

    class Meta:
        verbose_name = _("考核项目")
        verbose_name_plural = _("考核项目")
        ordering = ["scheme", "position", "id"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.scheme.unit.path


class AdjustmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("待审核")
    APPROVED = "approved", _("已审核")
    REJECTED = "rejected", _("已驳回")


class ScoreAdjustment(ScopedModel):
    """加分 / 减分 / 一票否决 for one unit under one entered item: points (positive), the reason and
    the evidence, proposed by one person and approved by another (maker-checker). Only approved ones
    count, from their date on."""

    item = models.ForeignKey(SchemeItem, verbose_name=_("考核项目"), on_delete=models.PROTECT,
                             related_name="adjustments")
    unit = models.ForeignKey("org.Unit", verbose_name=_("被考核单位"), on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("发生日期"))
    points = models.DecimalField(_("分值"), max_digits=7, decimal_places=2, default=0)
    reason = models.CharField(_("事由"), max_length=500)
    evidence = models.CharField(_("依据材料"), max_length=500)
    status = models.CharField(_("状态"), max_length=20, choices=AdjustmentStatus.choices,
                              default=AdjustmentStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出人"), on_delete=models.PROTECT,
                                    related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)

    scope_rule = ScopeRule(units=("item__scheme__unit", "unit"))
    policy = Policy.of(view=JUDGES | JUDGED, add=OFFICE | {RoleCode.DISCIPLINE},
                       approve={RoleCode.LEADER, RoleCode.OFFICE, RoleCode.DISCIPLINE})

    class Meta:
        verbose_name = _("加减分")
        verbose_name_plural = _("加减分")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.item} · {self.reason[:30]}"

    def audit_unit_path(self) -> str:
        return self.unit.path


class RunStatus(models.TextChoices):
    COMPUTED = "computed", _("已计算")
    REVIEWED = "reviewed", _("已审核")
    FROZEN = "frozen", _("已发布")


class ScoringRun(ScopedModel):
    """One computation of a scheme at a date: every unit's score per item and its rank. Reviewed,
    then frozen (published); a frozen run never changes, and recomputing makes a new run."""

    scheme = models.ForeignKey(AssessmentScheme, verbose_name=_("考核方案"), on_delete=models.PROTECT,
                               related_name="runs")
    number = models.PositiveIntegerField(_("批次"))
    as_of = models.DateField(_("计分截止日期"))
    start = models.DateField(_("统计起始日期"))
    previous = models.ForeignKey("self", verbose_name=_("上一批次"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("状态"), max_length=20, choices=RunStatus.choices, default=RunStatus.COMPUTED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("计算人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("计算时间"), auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    frozen_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    scope_rule = ScopeRule(units=("scheme__unit",))
    policy = AssessmentScheme.policy

    class Meta:
        verbose_name = _("考核计分")
        verbose_name_plural = _("考核计分")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="run_number_once_per_scheme")]

    def __str__(self):
        return f"{self.scheme} · {self.number}"

    def audit_unit_path(self) -> str:
        return self.scheme.unit.path


class Score(ScopedModel):
    """One unit's points on one item of a run, with what produced them: the counts the formula read
    and the ids of the rows behind each (`evidence`: {statistic: [ids]}; for entered items the
    adjustments). Written once by the run that owns it; never updated."""

    run = models.ForeignKey(ScoringRun, verbose_name=_("考核计分"), on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey("org.Unit", verbose_name=_("被考核单位"), on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(SchemeItem, verbose_name=_("考核项目"), on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("得分"), max_digits=8, decimal_places=2)
    counts = models.JSONField(_("计算依据"), default=dict)
    evidence = models.JSONField(_("明细"), default=dict)
    explanation = models.CharField(_("计算过程"), max_length=500, blank=True)

    scope_rule = ScopeRule(units=("unit", "run__scheme__unit"))
    policy = Policy.of(view=JUDGES | JUDGED)

    class Meta:
        verbose_name = _("得分")
        verbose_name_plural = _("得分")
        ordering = ["run", "unit", "item__position", "item_id"]
        constraints = [models.UniqueConstraint(fields=["run", "unit", "item"], name="score_once_per_run_unit_item")]

    def audit_unit_path(self) -> str:
        return self.unit.path


class Ranking(ScopedModel):
    """A unit's total and place in a run, and its place in the run before (movement = before − now)."""

    run = models.ForeignKey(ScoringRun, verbose_name=_("考核计分"), on_delete=models.CASCADE,
                            related_name="rankings")
    unit = models.ForeignKey("org.Unit", verbose_name=_("被考核单位"), on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(_("总分"), max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(_("名次"))
    previous_rank = models.PositiveIntegerField(_("上次名次"), null=True, blank=True)
    vetoed = models.BooleanField(_("一票否决"), default=False)

    scope_rule = ScopeRule(units=("unit", "run__scheme__unit"))
    policy = Score.policy

    class Meta:
        verbose_name = _("排名")
        verbose_name_plural = _("排名")
        ordering = ["run", "rank", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["run", "unit"], name="ranking_once_per_run_unit")]

    @property
    def movement(self) -> int | None:
        return None if self.previous_rank is None else self.previous_rank - self.rank

    def audit_unit_path(self) -> str:
        return self.unit.path


class LineRanking(ScopedModel):
    """A unit's place in a run on one work line (工作专线): its total over the scheme's items of that
    line and its place on the same line in the run before. Written once by the run; never updated."""

    run = models.ForeignKey(ScoringRun, verbose_name=_("考核计分"), on_delete=models.CASCADE,
                            related_name="line_rankings")
    line = models.ForeignKey("plans.WorkLine", verbose_name=_("工作专线"), null=True, on_delete=models.SET_NULL,
                             related_name="+")
    line_name = models.CharField(_("工作专线"), max_length=200)
    unit = models.ForeignKey("org.Unit", verbose_name=_("被考核单位"), on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(_("专线得分"), max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(_("名次"))
    previous_rank = models.PositiveIntegerField(_("上次名次"), null=True, blank=True)

    scope_rule = ScopeRule(units=("unit", "run__scheme__unit"))
    policy = Score.policy

    class Meta:
        verbose_name = _("专线排名")
        verbose_name_plural = _("专线排名")
        ordering = ["run", "line_name", "rank", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["run", "line_name", "unit"],
                                               name="line_ranking_once_per_run_line_unit")]

    @property
    def movement(self) -> int | None:
        return None if self.previous_rank is None else self.previous_rank - self.rank

    def audit_unit_path(self) -> str:
        return self.unit.path


# ---- 实事承诺: a village secretary's public commitments, each carried out as a task -------------------

COMMITMENT_KEEPERS = {RoleCode.OFFICE}


class Commitment(ScopedModel):
    """One 实事 a village's party secretary promised for the people at the deployment meeting: what, by
    when and the standard of done. It is carried out as a task of the year's plan (`task`, made when
    the commitment is recorded; reports, evidence, the light and 办结 are the task's), so its state is
    the task's and is never stored here."""

    village = models.ForeignKey("org.Unit", verbose_name=_("村"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("承诺事项"), max_length=300, help_text=_("为群众办的一件实事，如：硬化村内道路 1.2 公里"))
    deadline = models.DateField(_("承诺完成时限"))
    standard = models.TextField(_("完成标准"), help_text=_("怎样算办成，验收时据此核对"))
    promised_by = models.CharField(_("承诺人"), max_length=50, help_text=_("村党支部书记姓名"))
    promised_on = models.DateField(_("承诺日期"), null=True, blank=True, help_text=_("作出承诺的会议日期"))
    line = models.ForeignKey("plans.WorkLine", verbose_name=_("工作专线"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    task = models.OneToOneField("plans.Task", verbose_name=_("落实任务"), null=True, blank=True, editable=False,
                                on_delete=models.PROTECT, related_name="commitment")
    note = models.TextField(_("备注"), blank=True)
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(paths=("scope_path",))
    policy = Policy.of(view=JUDGES | JUDGED, add=COMMITMENT_KEEPERS, change=COMMITMENT_KEEPERS)

    class Meta:
        verbose_name = _("承诺实事")
        verbose_name_plural = _("实事承诺台账")
        ordering = ["-year", "scope_path", "deadline", "id"]

    def __str__(self):
        return self.title

    def audit_unit_path(self) -> str:
        return self.scope_path


# the on-site review's models live beside these (models_reviews.py); Django finds them through this module
from luoshi.assessment.models_reviews import (  # noqa: E402, F401
    DROP_FROM,
    PanelMember,
    ReviewCriterion,
    ReviewSite,
    ReviewStatus,
    ScoreSheet,
    SheetMark,
    SiteResult,
    SiteReview,
)
