"""应急值守: an emergency (a period of epidemic control, a flood season, a 森林防火期) and the registers
that belong to it — returnees (返乡人员, with 到村报到), home isolations (居家隔离) with their daily
check-ins, duty shifts at checkpoints (卡口) and key places (重点场所) with the on-duty check-in and
the shift's light, and disinfection logs (消杀记录).

Phones and ID-card numbers are personal data: their ledger columns declare `personal=`, and each
register with personal data declares how long a closed record keeps it (`retention`, read by the
engine's retention job: the date field a record closes on and the days after it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.masking import mask_id_card
from luoshi.core.models import KeptRecord
from luoshi.core.permissions import Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopeRule
from luoshi.plans.models import Light

OFFICE = {RoleCode.OFFICE}
KEEPERS = {RoleCode.OFFICE, RoleCode.VILLAGE}  # the township office, and each village for its own
READERS = {RoleCode.LEADER, RoleCode.OFFICE, RoleCode.VILLAGE, RoleCode.DEPARTMENT, RoleCode.DISCIPLINE}
FIELD = READERS | {RoleCode.CADRE}  # who may hold a shift or watch an isolation: their own rows
ID_CARD = RegexValidator(r"^\d{17}[\dXx]$", _("身份证号应为18位，最后一位可为X"))
PERSONAL = {"phone": "phone", "id_card": "id_card"}


class EmergencyKind(models.TextChoices):
    EPIDEMIC = "epidemic", _("疫情防控")
    FLOOD = "flood", _("防汛")
    FOREST_FIRE = "forest_fire", _("森林防火")
    OTHER = "other", _("其他")




class Emergency(KeptRecord):
    """An emergency or a period of duty (事件 / 时期) the township declares; the registers below belong to
    it. `task` is the plan's task for it, if any: a missed shift is urged by a 督办单 on that task.
    The township's row is seen by its villages and departments too (they register under it)."""

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类别"), max_length=20, choices=EmergencyKind.choices)
    unit = models.ForeignKey("org.Unit", verbose_name=_("所属乡镇"), on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("尚未结束的不填"))
    task = models.ForeignKey("plans.Task", verbose_name=_("对应工作任务"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             help_text=_("督办缺岗时，以此任务发出督办单"))
    note = models.TextField(_("工作要求"), blank=True)

    # the township's own rows, and those its villages and departments see (subquery: a row never repeats)
    scope_rule = ScopeRule(paths=("scope_path",), unit_sets=("unit__children",))
    policy = Policy.of(view=FIELD, add=OFFICE, change=OFFICE, delete=OFFICE)

    class Meta:
        verbose_name = _("应急事件")
        verbose_name_plural = _("应急事件")
        ordering = ["-starts_on", "-id"]

    def __str__(self):
        return self.name


class Returnee(KeptRecord):
    """A person come back to a village (返乡人员): where from and when, and the day they reported to the
    village (到村报到). `scope_path` is the group's path, or the village's."""

    emergency = models.ForeignKey(Emergency, verbose_name=_("应急事件"), on_delete=models.CASCADE,
                                  related_name="returnees")
    name = models.CharField(_("姓名"), max_length=50)
    id_card = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[ID_CARD], db_index=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    village = models.ForeignKey("org.Unit", verbose_name=_("所属村"), on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("org.Unit", verbose_name=_("村民小组"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    came_from = models.CharField(_("从何地返回"), max_length=200)
    arrived_on = models.DateField(_("返乡日期"))
    reported_on = models.DateField(_("到村报到日期"), null=True, blank=True)
    address = models.CharField(_("现住址"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)

    personal_fields = PERSONAL  # kept 180 days after the emergency ends (its ledger's Retention)
    policy = Policy.of(view=READERS, add=KEEPERS, change=KEEPERS, delete=KEEPERS)

    class Meta:
        verbose_name = _("返乡人员")
        verbose_name_plural = _("返乡人员台账")
        ordering = ["scope_path", "-arrived_on", "id"]

    def __str__(self):
        return self.name

    @property
    def masked_id(self) -> str:
        return mask_id_card(self.id_card)


class Isolation(KeptRecord):
    """A home isolation (居家隔离): who, where, from when to when, and who watches it (包保人, who checks in
    every day from a phone). `ended_on` is the day it was lifted (解除隔离)."""

    emergency = models.ForeignKey(Emergency, verbose_name=_("应急事件"), on_delete=models.CASCADE,
                                  related_name="isolations")
    returnee = models.ForeignKey(Returnee, verbose_name=_("返乡人员"), null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="isolations")
    name = models.CharField(_("姓名"), max_length=50)
    id_card = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[ID_CARD])
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    village = models.ForeignKey("org.Unit", verbose_name=_("所属村"), on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("隔离地址"), max_length=200, blank=True)
    starts_on = models.DateField(_("隔离开始"))
    ends_on = models.DateField(_("计划解除"))
    ended_on = models.DateField(_("实际解除"), null=True, blank=True)
    watcher = models.ForeignKey("org.Person", verbose_name=_("包保人"), on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("备注"), blank=True)

    personal_fields = PERSONAL  # kept 180 days after the isolation ends (its ledger's Retention)
    scope_rule = ScopeRule(paths=("scope_path",), people=("watcher",))
    policy = Policy.of(view=FIELD, add=KEEPERS, change=KEEPERS, delete=KEEPERS, check_in=FIELD)

    class Meta:
        verbose_name = _("居家隔离")
        verbose_name_plural = _("居家隔离台账")
        ordering = ["-starts_on", "-id"]

    def __str__(self):
        return self.name

    @property
    def last_day(self) -> dt.date:
        """The last day a check-in is due: the day it was lifted, else the planned end."""
        return self.ended_on or self.ends_on


class HealthStatus(models.TextChoices):
    NORMAL = "normal", _("正常")
    SYMPTOMS = "symptoms", _("有症状")
    ABSENT = "absent", _("不在隔离点")


class IsolationCheck(models.Model):
    """One day's check-in of an isolation (测温打卡), made by its watcher from a phone."""

    isolation = models.ForeignKey(Isolation, verbose_name=_("居家隔离"), on_delete=models.CASCADE,
                                  related_name="checks")
    day = models.DateField(_("日期"))
    temperature = models.DecimalField(_("体温（℃）"), max_digits=4, decimal_places=1, null=True, blank=True,
                                      validators=[MinValueValidator(Decimal("34")), MaxValueValidator(Decimal("43"))])
    status = models.CharField(_("状况"), max_length=20, choices=HealthStatus.choices, default=HealthStatus.NORMAL)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("打卡人"), on_delete=models.PROTECT,
                                   related_name="+")
    checked_at = models.DateTimeField(_("打卡时间"))

    class Meta:
        verbose_name = _("隔离打卡")
        verbose_name_plural = _("隔离打卡")
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["isolation", "day"], name="isolation_check_once_a_day")]

    def __str__(self):
        return f"{self.isolation.name} {self.day:%Y-%m-%d}"


class PlaceKind(models.TextChoices):
    CHECKPOINT = "checkpoint", _("卡口")
    KEY_PLACE = "key_place", _("重点场所")


class DutyPlace(KeptRecord):
    """A checkpoint (卡口) or a key place (重点场所: a market, a school, a clinic) where people stand duty or
    that is disinfected; kept by its village (or the township)."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=20, choices=PlaceKind.choices)
    unit = models.ForeignKey("org.Unit", verbose_name=_("所在镇村"), on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("位置"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)

    policy = Policy.of(view=READERS, add=KEEPERS, change=KEEPERS, delete=KEEPERS)

    class Meta:
        verbose_name = _("值守点位")
        verbose_name_plural = _("卡口和重点场所")
        ordering = ["scope_path", "kind", "name"]

    def __str__(self):
        return self.name


class Shift(KeptRecord):
    """One person's duty shift at a place, on a day from a time to a time (a shift ending at or before it
    starts ends the next day). The person checks in from a phone within the shift's window; the shift's
    light (`duty.shift_light`, stored by `duty.shift_light_refresh` alone) is red when it ended with no
    check-in. `urge` is the 督办单 a missed shift was urged by."""

    emergency = models.ForeignKey(Emergency, verbose_name=_("应急事件"), on_delete=models.CASCADE,
                                  related_name="shifts")
    place = models.ForeignKey(DutyPlace, verbose_name=_("值守点位"), on_delete=models.PROTECT, related_name="shifts")
    day = models.DateField(_("日期"))
    starts_at = models.TimeField(_("开始时间"))
    ends_at = models.TimeField(_("结束时间"))
    person = models.ForeignKey("org.Person", verbose_name=_("值班人员"), on_delete=models.PROTECT, related_name="+")
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True, editable=False)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签到人"), null=True, blank=True,
                                      editable=False, on_delete=models.PROTECT, related_name="+")
    # A check-in captured on a phone without signal: `checked_in_at` is when it counts (the capture, within the
    # offline grace), this is when the server received it; empty for a check-in sent as it was made.
    check_in_received_at = models.DateTimeField(_("签到接收时间"), null=True, blank=True, editable=False)
    check_in_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    light = models.CharField(_("亮灯"), max_length=10, choices=Light.choices, default=Light.NONE, blank=True,
                             editable=False, db_index=True)
    light_reason = models.CharField(_("亮灯原因"), max_length=200, blank=True, editable=False)
    urge = models.ForeignKey("supervision.Urge", verbose_name=_("督办单"), null=True, blank=True, editable=False,
                             on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("备注"), max_length=300, blank=True)

    scope_rule = ScopeRule(paths=("scope_path",), people=("person",))
    policy = Policy.of(view=FIELD, add=KEEPERS, change=KEEPERS, delete=KEEPERS, check_in=FIELD,
                       urge={RoleCode.OFFICE, RoleCode.LEADER})

    class Meta:
        verbose_name = _("值班班次")
        verbose_name_plural = _("值班表")
        ordering = ["day", "starts_at", "id"]
        indexes = [models.Index(fields=["day", "light"], name="shift_day_light")]

    def __str__(self):
        return f"{self.place} {self.day} {self.starts_at:%H:%M}"


class Disinfection(KeptRecord):
    """A disinfection of a key place (消杀记录): who, when, which part, with what, and a photo."""

    place = models.ForeignKey(DutyPlace, verbose_name=_("场所"), on_delete=models.PROTECT,
                              related_name="disinfections")
    done_at = models.DateTimeField(_("消杀时间"))
    done_by = models.CharField(_("消杀人员"), max_length=100)
    area = models.CharField(_("消杀部位"), max_length=200, blank=True, help_text=_("如：门把手、公共卫生间、货架"))
    agent = models.CharField(_("消毒剂和方式"), max_length=200, help_text=_("如：84消毒液 1:100 喷洒"))
    # the stored file's name in the default storage (a plain name: the audit's snapshot records it as it is)
    photo = models.CharField(_("现场照片"), max_length=255, blank=True, editable=False)
    photo_mime = models.CharField(max_length=100, blank=True, editable=False)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    policy = Policy.of(view=READERS, add=KEEPERS, change=KEEPERS, delete=KEEPERS)

    class Meta:
        verbose_name = _("消杀记录")
        verbose_name_plural = _("消杀记录")
        ordering = ["-done_at", "-id"]

    def __str__(self):
        return f"{self.place} {self.done_at:%Y-%m-%d %H:%M}"
