"""观摩评比 (the township's on-site review) of assessment: a review set up with its criteria, sites and panel,
scored by the panel on their phones, frozen into a result per site that the schemes read."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.assessment.models import JUDGED, JUDGES, OFFICE
from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("筹备中")
    SCORING = "scoring", _("评分中")
    FROZEN = "frozen", _("已发布")


DROP_FROM = 5  # a site's highest and lowest sheet are dropped when at least this many panel members scored it


class SiteReview(ScopedModel):
    """观摩评比: on a date the township's panel visits sites (each a village's or a department's) and
    scores each against weighted criteria. Set up (筹备中), scored (评分中), then frozen (已发布): the
    results per site (`SiteResult`) are written once and never change."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("观摩名称"), max_length=200)
    date = models.DateField(_("观摩日期"))
    note = models.TextField(_("说明"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    frozen_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    scope_rule = ScopeRule(units=("unit",))
    policy = Policy.of(view=JUDGES, add=OFFICE, change=OFFICE, freeze={RoleCode.LEADER, RoleCode.OFFICE})

    class Meta:
        verbose_name = _("观摩评比")
        verbose_name_plural = _("观摩评比")
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title

    def audit_unit_path(self) -> str:
        return self.unit.path


class ReviewCriterion(ScopedModel):
    """One line of a review's standard: its weight (权重; a review's weights sum to 100) and the range a
    panel member's score on it may take (e.g. 0–10)."""

    review = models.ForeignKey(SiteReview, verbose_name=_("观摩评比"), on_delete=models.CASCADE,
                               related_name="criteria")
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("评分内容"), max_length=200)
    weight = models.DecimalField(_("权重"), max_digits=6, decimal_places=2)
    low = models.DecimalField(_("最低分"), max_digits=6, decimal_places=2, default=0)
    high = models.DecimalField(_("最高分"), max_digits=6, decimal_places=2, default=10)

    scope_rule = ScopeRule(units=("review__unit",))
    policy = SiteReview.policy

    class Meta:
        verbose_name = _("评分标准")
        verbose_name_plural = _("评分标准")
        ordering = ["review", "position", "id"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.review.unit.path


class ReviewSite(ScopedModel):
    """A stop of the review: a unit's site (观摩点), scored on one form by each panel member."""

    review = models.ForeignKey(SiteReview, verbose_name=_("观摩评比"), on_delete=models.CASCADE,
                               related_name="sites")
    position = models.PositiveSmallIntegerField(_("观摩顺序"), default=0)
    unit = models.ForeignKey("org.Unit", verbose_name=_("被观摩单位"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("观摩点"), max_length=200)

    scope_rule = ScopeRule(units=("review__unit", "unit"))
    policy = SiteReview.policy

    class Meta:
        verbose_name = _("观摩点")
        verbose_name_plural = _("观摩点")
        ordering = ["review", "position", "id"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.unit.path


class PanelMember(ScopedModel):
    """A person on a review's scoring panel (评委). A member sees the review through their seat,
    whatever their role, and scores every site on their phone."""

    review = models.ForeignKey(SiteReview, verbose_name=_("观摩评比"), on_delete=models.CASCADE,
                               related_name="panel")
    person = models.ForeignKey("org.Person", verbose_name=_("评委"), on_delete=models.PROTECT, related_name="+")

    scope_rule = ScopeRule(units=("review__unit",), people=("person",))
    policy = Policy.of(view=JUDGES | JUDGED | {RoleCode.CADRE}, add=OFFICE, delete=OFFICE)

    class Meta:
        verbose_name = _("评委")
        verbose_name_plural = _("评委")
        ordering = ["review", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "person"], name="panel_member_once")]

    def __str__(self):
        return str(self.person)

    def audit_unit_path(self) -> str:
        return self.review.unit.path


class ScoreSheet(ScopedModel):
    """One panel member's form for one site: a mark per criterion (`SheetMark`) and a comment.
    `total` (the weighted score out of 100) is written only by `reviews.sheet_save`, with the marks."""

    site = models.ForeignKey(ReviewSite, verbose_name=_("观摩点"), on_delete=models.CASCADE, related_name="sheets")
    member = models.ForeignKey(PanelMember, verbose_name=_("评委"), on_delete=models.PROTECT, related_name="sheets")
    total = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("评语"), blank=True)
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now=True)

    scope_rule = ScopeRule(units=("site__review__unit", "site__unit"), people=("member__person",))
    policy = Policy.of(view=JUDGES | JUDGED | {RoleCode.CADRE})

    class Meta:
        verbose_name = _("评分表")
        verbose_name_plural = _("评分表")
        ordering = ["site", "member_id"]
        constraints = [models.UniqueConstraint(fields=["site", "member"], name="one_sheet_per_site_member")]

    def audit_unit_path(self) -> str:
        return self.site.review.unit.path


class SheetMark(ScopedModel):
    """A panel member's score on one criterion of one site, within the criterion's range."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("评分表"), on_delete=models.CASCADE, related_name="marks")
    criterion = models.ForeignKey(ReviewCriterion, verbose_name=_("评分内容"), on_delete=models.PROTECT,
                                  related_name="+")
    score = models.DecimalField(_("分数"), max_digits=6, decimal_places=2)

    scope_rule = ScopeRule(units=("sheet__site__review__unit", "sheet__site__unit"),
                           people=("sheet__member__person",))
    policy = ScoreSheet.policy

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        ordering = ["sheet", "criterion__position", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="one_mark_per_sheet_criterion")]


class SiteResult(ScopedModel):
    """A site's frozen result: the sheets counted (the highest and lowest dropped when the panel had at
    least `DROP_FROM`), their average, and the ids of the sheets kept and dropped. Written once when
    the review is frozen; never updated."""

    site = models.OneToOneField(ReviewSite, verbose_name=_("观摩点"), on_delete=models.PROTECT,
                                related_name="result")
    unit = models.ForeignKey("org.Unit", verbose_name=_("被观摩单位"), on_delete=models.PROTECT, related_name="+")
    review_date = models.DateField(_("观摩日期"))
    sheets = models.PositiveSmallIntegerField(_("评分表数"))
    dropped = models.BooleanField(_("去掉最高分和最低分"), default=False)
    result = models.DecimalField(_("最终得分"), max_digits=6, decimal_places=2)
    kept = models.JSONField(_("计入的评分表"), default=list)
    left_out = models.JSONField(_("去掉的评分表"), default=list)

    scope_rule = ScopeRule(units=("unit", "site__review__unit"))
    policy = Policy.of(view=JUDGES | JUDGED)

    class Meta:
        verbose_name = _("观摩结果")
        verbose_name_plural = _("观摩结果")
        ordering = ["-review_date", "-result", "id"]

    def __str__(self):
        return f"{self.site} · {self.result}"

    def audit_unit_path(self) -> str:
        return self.unit.path
