"""The audit log: append-only, hash-chained, one row per thing a person did."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopeRule


class AuditAction(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    LOGIN = "login", _("登录")
    LOGOUT = "logout", _("退出")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKOUT = "lockout", _("账户锁定")
    DENIED = "denied", _("越权访问")
    EXPORT = "export", _("导出")
    READ_PERSONAL = "read_personal", _("查看个人信息")
    ACTION = "action", _("操作")


class AuditEntry(ScopedModel):
    """One audited event. Rows are never updated or deleted (database triggers refuse it),
    except by the retention purge; each row's hash covers the previous row's hash."""

    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
        on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    unit_path = models.CharField(_("所属单位路径"), max_length=255, blank=True, db_index=True)
    ip = models.CharField(_("IP 地址"), max_length=45, blank=True)
    request_id = models.CharField(_("请求编号"), max_length=64, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    parent_type = models.CharField(_("所属对象类型"), max_length=100, blank=True)
    parent_id = models.CharField(_("所属对象编号"), max_length=64, blank=True)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    result = models.CharField(_("结果"), max_length=20, default="ok")
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    # unique as a constraint, not `unique=True`: on PostgreSQL the field option adds a second index
    # (varchar_pattern_ops, for LIKE) that no read uses, and every entry's hash lands at a random place in
    # both: at county scale 125 MB each, the audit INSERT of every write 2-4 ms (benchmarks/RESULTS.md)
    hash = models.CharField(max_length=64)

    # The log is read by the office of the township the entry happened in.
    scope_rule = ScopeRule(paths=("unit_path",))
    policy = Policy.of(view={RoleCode.OFFICE})

    class Meta:
        verbose_name = _("操作日志")
        verbose_name_plural = _("操作日志")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["parent_type", "parent_id"], name="audit_parent"),
        ]
        constraints = [models.UniqueConstraint(fields=["hash"], name="audit_hash_unique")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.get_action_display()} {self.object_repr}"


class AuditPurge(models.Model):
    """A retention purge: entries up to `upto_id` may be deleted, and the chain restarts from
    `anchor_hash` (the hash of the last purged entry). Only the retention job's function writes one
    (core/audit_chain.py: purge_expired), signed with the audit key over what it purged and its cutoff;
    the database refuses one outside the retention rule, and any change or removal of one
    (core/audit_guard.py). Purges made before the chain had a key were signed when it got one."""

    at = models.DateTimeField(_("时间"), auto_now_add=True)
    upto_id = models.BigIntegerField()
    anchor_hash = models.CharField(max_length=64)
    deleted = models.PositiveIntegerField(default=0)
    cutoff = models.DateTimeField(_("清理截止时间"), null=True, blank=True)
    signature = models.CharField(max_length=64, blank=True, db_default="")

    class Meta:
        verbose_name = _("日志清理记录")
        ordering = ["-id"]

    def __str__(self):
        return f"purge ≤ {self.upto_id}"


class AuditSeal(models.Model):
    """Where the log's chain got its key. Entries up to `legacy_upto_id` were chained by plain SHA-256
    before the key existed (a hash anyone can recompute); `legacy_head` is the last one's hash. The
    seal is signed with the key, so that part can be neither rewritten and re-chained up to its head,
    nor stretched over later entries. Written once, by the migration that keyed the chain."""

    at = models.DateTimeField(_("时间"), auto_now_add=True)
    legacy_upto_id = models.BigIntegerField()
    legacy_head = models.CharField(max_length=64)
    signature = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("日志链密钥启用记录")
        ordering = ["id"]

    def __str__(self):
        return f"keyed after {self.legacy_upto_id}"


class JobStatus(models.TextChoices):
    """Where every job stands: a scheduled run, and an import or export between preview and file."""

    PENDING = "pending", _("排队中")
    RUNNING = "running", _("进行中")
    READY = "ready", _("待确认")  # an import read and previewed, waiting for its commit
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class JobRun(ScopedModel):
    """The one row of every job (NetBox jobs, Saleor export files): a scheduled or queued run —
    what ran, for which key, how often it was tried, how it ended — and, for an import or export
    of a ledger, its owner's uploaded and produced files. The key makes a run idempotent: a retry
    after success does nothing, so nothing is ever sent twice; an import or export has a key of its
    own (`new_key`)."""

    name = models.CharField(_("任务"), max_length=100, db_index=True)
    key = models.CharField(_("幂等键"), max_length=200, unique=True)
    status = models.CharField(_("状态"), max_length=20, choices=JobStatus.choices, default=JobStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    log = models.TextField(_("日志"), blank=True)
    # What went wrong: a traceback for a scheduled run (the office reads it), a sentence for an
    # import or export (its owner reads it).
    error = models.TextField(_("错误"), blank=True)
    result = models.JSONField(_("结果"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    # An import or export of a ledger: which, with what options, from which file, into which file.
    ledger = models.CharField(_("台账"), max_length=50, blank=True)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    source = models.FileField(_("上传文件"), upload_to="exchange/in/%Y/%m/", blank=True)
    source_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    output = models.FileField(_("结果文件"), upload_to="exchange/out/%Y/%m/", blank=True)
    row_count = models.PositiveIntegerField(_("行数"), default=0)

    # A job is its owner's own business: each user reads their own imports and exports. The
    # office monitors every run on its page (scheduled runs have no owner) through `unscoped`.
    scope_rule = ScopeRule(people=("actor__person",))
    policy = Policy.of(view=ANY_ROLE, add=ANY_ROLE, change=ANY_ROLE, monitor={RoleCode.OFFICE})

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} {self.key}"


class TableVersion(models.Model):
    """A stamp that changes whenever a watched table's rows change, written by database triggers
    (core/freshness.py), so a cached answer built from the table can tell it is still current.
    Stamps are random, never counted up: after a rollback or a restore a stamp never comes back
    meaning other rows."""

    name = models.CharField(max_length=63, primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("数据表版本")

    def __str__(self):
        return f"{self.name}@{self.version}"


class KeptRecord(ScopedModel):
    """What a register's row kept under its unit has: the unit's path for scope (`scope_path`, filled by
    its service), a version for optimistic locking, and when it was entered and last changed. The
    registers' abstract base (economy's talent, party, emergency), instead of a copy in each."""

    scope_path = models.CharField(max_length=255, db_index=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_rule = ScopeRule(paths=("scope_path",))

    class Meta:
        abstract = True

    def audit_unit_path(self) -> str:
        return self.scope_path
