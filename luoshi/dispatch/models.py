"""Roll-call dispatch (调度点名, "一三五点名"): a schedule over people and their tasks, and each
roll call held on it, which ends as a Word bulletin."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule
from luoshi.plans.periods import WEEKDAY_NAMES

OFFICE = {RoleCode.OFFICE}
WATCHERS = {RoleCode.OFFICE, RoleCode.LEADER}


class Dispatch(ScopedModel):
    """A roll-call schedule: on `weekdays` at `time`, everyone in `people` is asked to report on
    `tasks`; the round stays open for `window_minutes`. `weekdays` holds Python weekday numbers
    ("0,2,4" = Monday, Wednesday, Friday). An inactive schedule opens no rounds; `version` makes
    an edit saved on a stale page a conflict instead of a silent overwrite."""

    name = models.CharField(_("名称"), max_length=100)
    unit = models.ForeignKey("org.Unit", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+")
    weekdays = models.CharField(_("点名日"), max_length=20, default="0,2,4")
    time = models.TimeField(_("点名时间"), default=dt.time(8, 30))
    window_minutes = models.PositiveIntegerField(_("上报时长（分钟）"), default=120)
    people = models.ManyToManyField("org.Person", verbose_name=_("点名人员"), related_name="+")
    tasks = models.ManyToManyField("plans.Task", verbose_name=_("调度任务"), related_name="+")
    active = models.BooleanField(_("启用"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    scope_rule = ScopeRule(units=("unit",))
    policy = Policy.of(view=WATCHERS, add=OFFICE, change=OFFICE, run=OFFICE)

    class Meta:
        verbose_name = _("调度点名")
        verbose_name_plural = _("调度点名")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        return self.unit.path

    @property
    def weekday_list(self) -> list[int]:
        return sorted({int(d) for d in self.weekdays.split(",") if d.strip().isdigit() and int(d) < 7})

    @property
    def weekdays_label(self) -> str:
        """每周一、三、五"""
        return str(_("每周")) + "、".join(str(WEEKDAY_NAMES[d]) for d in self.weekday_list)


class RoundStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("待点名")
    OPEN = "open", _("点名中")
    CLOSED = "closed", _("已结束")


class DispatchRound(ScopedModel):
    """One roll call of a schedule on one day; closed, it keeps its counts and its bulletin. When it
    opens, each person the schedule names who can report on one of its tasks gets an entry (is
    called); the others are kept in `skipped` ([{"person_id", "name", "unit"}]) so the round page
    says who was left out and why, instead of counting them as 未上报 and urging them."""

    dispatch = models.ForeignKey(Dispatch, verbose_name=_("调度点名"), on_delete=models.CASCADE,
                                 related_name="rounds")
    date = models.DateField(_("日期"))
    period = models.CharField(_("周期"), max_length=20, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.SCHEDULED)
    opened_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    closes_at = models.DateTimeField(_("截止时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    expected_count = models.PositiveIntegerField(_("应到"), default=0)
    reported_count = models.PositiveIntegerField(_("已上报"), default=0)
    red_count = models.PositiveIntegerField(_("红灯任务"), default=0)
    skipped = models.JSONField(_("未点名人员"), default=list, blank=True)
    bulletin = models.FileField(_("通报"), upload_to="dispatch/%Y/%m/", blank=True)
    # the bulletin's document number (发文字号 〔year〕serial号), given once from its township's count
    # (BulletinCounter) and kept, so a bulletin written again keeps it
    number_unit = models.ForeignKey("org.Unit", verbose_name=_("编号单位"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    number_year = models.PositiveSmallIntegerField(_("编号年度"), null=True, blank=True)
    number_serial = models.PositiveIntegerField(_("编号"), null=True, blank=True)
    red_titles = models.JSONField(_("红灯任务名称"), default=list, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("结束人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    scope_rule = ScopeRule(units=("dispatch__unit",))
    policy = Policy.of(view=WATCHERS, run=OFFICE, download=WATCHERS)

    class Meta:
        verbose_name = _("点名记录")
        verbose_name_plural = _("点名记录")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "date"], name="dispatch_round_once_a_day"),
            models.UniqueConstraint(fields=["number_unit", "number_year", "number_serial"],
                                    name="dispatch_bulletin_number_once"),
        ]

    def __str__(self):
        return f"{self.dispatch} {self.date:%Y-%m-%d}"

    @property
    def bulletin_number(self) -> str:
        """〔2024〕3号, or "" before the bulletin is written."""
        if self.number_serial is None:
            return ""
        return str(_("〔%(year)s〕%(serial)s号") % {"year": self.number_year, "serial": self.number_serial})

    def audit_unit_path(self) -> str:
        return self.dispatch.unit.path

    @property
    def missing_count(self) -> int:
        return max(self.expected_count - self.reported_count, 0)


class RollCallEntry(ScopedModel):
    """One person called in one round: the round's tasks they were called to report on (`task_ids`,
    the ones they could report on when it opened), whether and what they reported, and whether
    they were urged. Their roll-call notice closes once they have reported on each of `task_ids`,
    or when the round closes (an entry of a round opened before `task_ids` was kept has none, and
    waits for the close)."""

    round = models.ForeignKey(DispatchRound, verbose_name=_("点名记录"), on_delete=models.CASCADE,
                              related_name="entries")
    person = models.ForeignKey("org.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("姓名"), max_length=50)
    unit_name = models.CharField(_("单位"), max_length=100, blank=True)
    task_ids = models.JSONField(_("点名任务"), default=list, blank=True)
    report = models.ForeignKey("progress.ProgressReport", verbose_name=_("上报"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField(_("上报时间"), null=True, blank=True)
    task_title = models.CharField(_("任务"), max_length=500, blank=True)
    text = models.TextField(_("上报内容"), blank=True)
    difficulties = models.TextField(_("困难和问题"), blank=True)
    urged_at = models.DateTimeField(_("催办时间"), null=True, blank=True)
    # the schedule's unit path, kept here for scope: read through round → dispatch → unit, a unit's count of
    # entries joined four tables, too many for PostgreSQL to start from the unit's few people (8 ms → 0.5 ms).
    # Written when the round opens; dispatch_update rewrites it when a schedule moves to another unit.
    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)

    scope_rule = ScopeRule(paths=("scope_path",), people=("person",))
    policy = DispatchRound.policy

    class Meta:
        verbose_name = _("点名人员")
        verbose_name_plural = _("点名人员")
        ordering = ["round", "reported_at", "person_name", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="roll_call_once_per_person")]

    def __str__(self):
        return f"{self.round} · {self.person_name}"


class BulletinCounter(models.Model):
    """How many roll-call bulletins a township has numbered in a year: the next one is `last + 1`.
    The count only goes up (a round deleted with its schedule does not give its number back), so
    a number is never given twice; the round keeps the one it was given."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已编号"), default=0)

    class Meta:
        verbose_name = _("通报编号")
        verbose_name_plural = _("通报编号")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="bulletin_counter_once_a_year")]

    def __str__(self):
        return f"{self.unit_id} {self.year}: {self.last}"
