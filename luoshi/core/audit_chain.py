"""The audit log's chain: keyed hashes, signed purges, anchors outside the database, and the check of
all three (`luoshi audit verify`).

Each entry's hash is an HMAC-SHA256, under the audit key (LUOSHI_AUDIT_KEY, kept in the environment,
never in the database or its backups), of the previous entry's hash and the entry's fields. Whoever
can write to the database but has not the key cannot rewrite an entry and recompute the chain after it.

- Entries made before the chain had a key were chained by plain SHA-256. The migration that keyed the
  chain sealed them (core.AuditSeal: the last unkeyed id and its hash, signed), so they keep verifying
  and cannot be re-chained either.
- A retention purge deletes the oldest entries; its record (core.AuditPurge) is signed over what it
  purged, so a record written by anyone but `purge_expired` (which alone holds to the retention rule)
  is found, and the chain restarts at the newest purge's anchor.
- A daily anchor (`write_anchor`, job `audit.anchor`) writes the chain's head, signed, to a file under
  the backup directory (LUOSHI_BACKUP_DIR/audit-anchors/) and to the job's log, outside the database:
  entries cut from the newest end are missing when the anchor is checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.errors import ServiceError
from luoshi.core.models import AuditEntry, AuditPurge, AuditSeal

logger = logging.getLogger("luoshi.audit")

GENESIS = "0" * 64
HASHED_FIELDS = (
    "at", "actor_id", "actor_name", "unit_path", "ip", "request_id", "action", "object_type", "object_id",
    "object_repr", "parent_type", "parent_id", "message", "result", "before", "after",
)
ANCHOR_DIR = "audit-anchors"
_PG_LOCK_KEY = 7150_2024  # one advisory lock serialises appends to the chain on PostgreSQL


# -- keys, hashes and signatures ----------------------------------------------------------------------
def _key() -> bytes:
    key = getattr(settings, "LUOSHI_AUDIT_KEY", "")
    if not key:
        raise ImproperlyConfigured("LUOSHI_AUDIT_KEY is not set: the audit chain cannot be written or verified")
    return key.encode("utf-8")


def _payload(entry: AuditEntry) -> bytes:
    data = {name: _hash_value(getattr(entry, name)) for name in HASHED_FIELDS}
    text = entry.prev_hash + json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _hash_value(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    return value


def entry_hash(entry: AuditEntry) -> str:
    """The keyed hash of an entry (its `prev_hash` set)."""
    return hmac.new(_key(), _payload(entry), hashlib.sha256).hexdigest()


def legacy_hash(entry: AuditEntry) -> str:
    """The unkeyed hash entries had before the chain got its key."""
    return hashlib.sha256(_payload(entry)).hexdigest()


def sign(kind: str, *parts) -> str:
    """A signature, under the audit key, of a purge record, the seal or an anchor."""
    text = kind + "|" + json.dumps([str(p) for p in parts], ensure_ascii=False, separators=(",", ":"))
    return hmac.new(_key(), text.encode("utf-8"), hashlib.sha256).hexdigest()


def _signed(signature: str, kind: str, *parts) -> bool:
    return bool(signature) and hmac.compare_digest(signature, sign(kind, *parts))


def purge_signature(upto_id, anchor_hash: str, cutoff: dt.datetime | None, deleted) -> str:
    return sign("purge", upto_id, anchor_hash, cutoff.isoformat() if cutoff else "", deleted)


def seal_signature(legacy_upto_id, legacy_head: str) -> str:
    return sign("seal", legacy_upto_id, legacy_head)


# -- the head of the chain -----------------------------------------------------------------------------
def lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def head_hash() -> str:
    """The hash a new entry links to: the newest entry's, or the newest purge's anchor, or GENESIS.
    Read by plain SQL: every audited write asks it, and the ORM's building cost more than the read."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT hash FROM {table} ORDER BY id DESC LIMIT 1")  # the table name is ours
        row = cursor.fetchone()
    return (row[0] if row else "") or purge_anchor()


def purge_anchor() -> str:
    purge = AuditPurge.objects.order_by("-upto_id").first()
    return purge.anchor_hash if purge else GENESIS


# -- retention -----------------------------------------------------------------------------------------
def purge_expired(*, days: int, now: dt.datetime | None = None) -> int:
    """Delete the entries older than `days` (never fewer than the retention setting), leaving a signed
    purge record so the rest still verifies. The database refuses a purge outside the rule too."""
    rule = settings.LUOSHI_AUDIT_RETENTION_DAYS
    if days < rule:
        raise ServiceError(_("保存期限不能短于系统设置的 %(days)d 天") % {"days": rule}, field="days")
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    entries = AuditEntry.objects.unscoped("retention purge")
    with transaction.atomic():
        lock_chain()
        last = entries.filter(at__lt=cutoff).order_by("-id").first()
        if last is None:
            return 0
        count = entries.filter(id__lte=last.id).count()
        AuditPurge.objects.create(upto_id=last.id, anchor_hash=last.hash, deleted=count, cutoff=cutoff,
                                  signature=purge_signature(last.id, last.hash, cutoff, count))
        deleted, _rows = entries.filter(id__lte=last.id).delete()
    return deleted


# -- anchors outside the database --------------------------------------------------------------------
def anchor_dir() -> Path:
    return Path(settings.LUOSHI_BACKUP_DIR) / ANCHOR_DIR


def write_anchor(*, now: dt.datetime | None = None, directory: Path | None = None) -> dict:
    """Write the chain's head, signed, to the day's anchor file (mode 600) and return it."""
    now = now or timezone.now()
    head = AuditEntry.objects.unscoped("the chain's head").order_by("-id").values("id", "hash").first()
    head_id, head = (head["id"], head["hash"]) if head else (0, purge_anchor())
    anchor = {"at": now.isoformat(), "head_id": head_id, "head_hash": head,
              "signature": sign("anchor", now.isoformat(), head_id, head)}
    directory = directory or anchor_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"audit-anchor-{timezone.localtime(now):%Y-%m-%d}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(anchor, ensure_ascii=False, indent=1))
    temporary.chmod(0o600)
    temporary.replace(path)
    logger.info("audit anchor %s: entry %s, hash %s", path.name, head_id, head)
    return anchor | {"file": str(path)}


def set_aside_anchors(*, reason: str, directory: Path | None = None) -> Path | None:
    """Move every anchor file into a dated subfolder (a restore rolled the log back on purpose: its
    anchors describe a log that no longer is), leaving them for whoever audits the restore."""
    directory = directory or anchor_dir()
    files = sorted(directory.glob("audit-anchor-*.json")) if directory.is_dir() else []
    if not files:
        return None
    aside = directory / f"{reason}-{timezone.localtime():%Y%m%d-%H%M%S}"
    aside.mkdir()
    for path in files:
        path.replace(aside / path.name)
    return aside


# -- verification --------------------------------------------------------------------------------------
CHAIN, PURGE, SEAL, ANCHOR = "chain", "purge", "seal", "anchor"
PARTS = {CHAIN: gettext_lazy("哈希链"), PURGE: gettext_lazy("清理记录"), SEAL: gettext_lazy("密钥启用记录"),
         ANCHOR: gettext_lazy("链外锚点")}


@dataclass(frozen=True)
class ChainReport:
    """What `verify_chain` found: the entries walked, and the first thing broken, by part."""

    checked: int
    broken_id: int | None = None
    reason: str = ""
    part: str = ""
    purges: int = 0
    anchors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reason

    @property
    def part_name(self) -> str:
        return str(PARTS.get(self.part, ""))


def verify_chain(chunk: int = 5000, *, anchors: Path | None = None) -> ChainReport:
    """Check the purge records and the seal (signed with the key), walk the chain in id order (each
    entry's link and keyed hash), then check every anchor file against the entries it names."""
    purges = list(AuditPurge.objects.order_by("id"))
    for number, purge in enumerate(purges, 1):
        if not _signed(purge.signature, "purge", purge.upto_id, purge.anchor_hash,
                       purge.cutoff.isoformat() if purge.cutoff else "", purge.deleted):
            return ChainReport(0, reason=_("第 %(n)s 条清理记录（删除至第 %(upto)s 号）签名不符：不是保留期任务写入的，"
                                                    "其覆盖的记录被删除") % {"n": number, "upto": purge.upto_id},
                               part=PURGE)
        if number > 1 and purge.upto_id <= purges[number - 2].upto_id:
            return ChainReport(0, reason=_("第 %(n)s 条清理记录的范围倒退") % {"n": number}, part=PURGE)
    seals = list(AuditSeal.objects.order_by("id"))
    if len(seals) > 1 or (seals and not _signed(seals[0].signature, "seal", seals[0].legacy_upto_id,
                                                 seals[0].legacy_head)):
        return ChainReport(0, reason=_("密钥启用记录被伪造或改动"), part=SEAL)
    report = _walk(chunk, seals[0] if seals else None, purges[-1].anchor_hash if purges else GENESIS)
    if not report.ok:
        return report
    return _check_anchors(report.checked, len(purges), purges[-1].upto_id if purges else 0, anchors)


def _walk(chunk: int, seal: AuditSeal | None, start: str) -> ChainReport:
    expected_prev, checked, last_id = start, 0, 0
    legacy_upto = seal.legacy_upto_id if seal else 0
    base = AuditEntry.objects.unscoped("verifying the whole chain").order_by("id")
    while True:
        rows = list(base.filter(id__gt=last_id)[:chunk])
        if not rows:
            return ChainReport(checked=checked)
        for entry in rows:
            if entry.prev_hash != expected_prev:
                return ChainReport(checked, entry.id, _("上一条记录的哈希不一致（记录被删除或插入）"), CHAIN)
            digest = legacy_hash(entry) if entry.id <= legacy_upto else entry_hash(entry)
            if not hmac.compare_digest(digest, entry.hash):
                return ChainReport(checked, entry.id, _("记录内容与哈希不一致（记录被篡改）"), CHAIN)
            if entry.id == legacy_upto and entry.hash != seal.legacy_head:
                return ChainReport(checked, entry.id, _("启用密钥前的记录被改写后重新计算了哈希"), CHAIN)
            expected_prev, checked, last_id = entry.hash, checked + 1, entry.id


def _check_anchors(checked: int, purges: int, purged_upto: int, directory: Path | None) -> ChainReport:
    directory = directory or anchor_dir()
    files = sorted(directory.glob("audit-anchor-*.json")) if directory.is_dir() else []
    anchors = []
    for path in files:
        try:
            data = json.loads(path.read_text())
            valid = _signed(data["signature"], "anchor", data["at"], data["head_id"], data["head_hash"])
        except (OSError, ValueError, KeyError, TypeError):
            valid = False
        if not valid:
            return ChainReport(checked, reason=_("锚点文件 %(f)s 无法读取或签名不符") % {"f": path.name}, part=ANCHOR,
                                   purges=purges)
        anchors.append((path.name, int(data["head_id"]), data["head_hash"]))
    ids = [head_id for _name, head_id, _hash in anchors if head_id > purged_upto]
    found = dict(AuditEntry.objects.unscoped("checking anchors").filter(id__in=ids).values_list("id", "hash"))
    newest = AuditEntry.objects.unscoped("the chain's head").order_by("-id").values_list("id", flat=True).first()
    for name, head_id, head in anchors:
        if head_id <= purged_upto:
            continue  # the anchored entry has since been purged within the retention rule
        if head_id not in found:
            return ChainReport(checked, head_id, _("锚点 %(a)s 记录到第 %(head)s 号，数据库中的记录只到第 %(newest)s 号：最新的记录被截断")
                                   % {"a": name, "head": head_id, "newest": newest or 0}, ANCHOR, purges)
        if found[head_id] != head:
            return ChainReport(checked, head_id, _("第 %(head)s 号记录与锚点 %(a)s 不一致") % {"head": head_id, "a": name}, ANCHOR,
                                   purges)
    return ChainReport(checked, purges=purges, anchors=[name for name, _id, _hash in anchors])
