"""In-app notifications and the outbound deliveries behind them (e-mail, group robots, WeCom)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule


class Notification(ScopedModel):
    """One notice in a person's bell list. `key` (kind:object:date) makes a reminder land once.

    `target` names the object the notice asks about ("task:12"), so the service that does what
    it asked (signing the task, reporting on it) closes it for everyone it asked: `resolved_at`
    is set, and `read_at` too when nobody had opened it, since a notice that asks for nothing
    more no longer needs its reader's attention (see notify.services.notifications_resolve)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(_("类型"), max_length=30)
    key = models.CharField(_("幂等键"), max_length=200)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    target = models.CharField(_("关于"), max_length=100, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    # A notice is its recipient's alone, whatever else their roles let them see.
    scope_rule = ScopeRule(people=("recipient__person",))
    policy = Policy.of(view=ANY_ROLE, change=ANY_ROLE)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread"),
                   models.Index(fields=["target", "kind"], name="notification_target")]

    def __str__(self):
        return self.title


class DeliveryChannel(models.TextChoices):
    """The outbound channels of notify/channels.py, by their names there."""

    EMAIL = "email", _("电子邮件")
    ROBOT = "robot", _("群机器人")
    WECOM = "wecom", _("企业微信")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SUCCEEDED = "succeeded", _("已送达")
    FAILED = "failed", _("失败")


class Delivery(ScopedModel):
    """One message to one address through one outbound channel, written BEFORE it is sent.

    `key` (kind:object:date:channel[:recipient]) is unique, so a reminder is queued once;
    `status` with `lease_until` lets exactly one worker hold the send at a time, and a worker
    that died mid-send is found by its expired lease and retried with the same key, which the
    receiving side uses to drop the duplicate (see notify/services.py).

    `unit_path` is the unit the message concerns, fixed when it is queued: its recipient's unit,
    or for a group post the smallest unit covering every recipient. The office of that unit (or
    above) reads the row in the delivery log; another township's office does not."""

    channel = models.CharField(_("渠道"), max_length=20, choices=DeliveryChannel.choices)
    key = models.CharField(_("幂等键"), max_length=250, unique=True)
    kind = models.CharField(_("类型"), max_length=30)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    unit_path = models.CharField(_("所属单位路径"), max_length=255, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    scope_rule = ScopeRule(paths=("unit_path",), people=("recipient__person",))
    policy = Policy.of(view={RoleCode.OFFICE}, retry={RoleCode.OFFICE})

    class Meta:
        verbose_name = _("外发记录")
        verbose_name_plural = _("外发记录")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.channel} {self.key}"

    def audit_unit_path(self) -> str:
        return self.unit_path
