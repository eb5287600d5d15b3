"""`luoshi backup` / `luoshi restore`: a consistent online copy of the database and the files.

SQLite is copied with its online backup API (a consistent snapshot while the server runs);
PostgreSQL with pg_dump (one transaction snapshot). Attachments go alongside: MEDIA_ROOT as it is, or each
file of the object storage (LUOSHI_S3_BUCKET) copied in, and put back by a restore where it is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.errors import ServiceError

_SQLITE_NAME = "database.sqlite3"
_PG_NAME = "database.pgdump"


def backup(path: str) -> Path:
    target = Path(path)
    if target.suffix not in (".gz", ".tgz"):
        target = target.with_name(target.name + ".tar.gz")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db_file = _dump_database(work)
        manifest = {"created_at": timezone.now().isoformat(), "vendor": connection.vendor, "database": db_file.name}
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
        with tarfile.open(target, "w:gz") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(db_file, arcname=db_file.name)
            if not _remote_storage():
                if Path(settings.MEDIA_ROOT).is_dir():
                    tar.add(settings.MEDIA_ROOT, arcname="media")
            else:
                _add_stored_files(tar)
    os.chmod(target, 0o600)
    return target


def _remote_storage() -> bool:
    from django.core.files.storage import FileSystemStorage, storages

    return not isinstance(storages["default"], FileSystemStorage)


def _stored_names(folder: str = ""):
    from django.core.files.storage import default_storage

    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _stored_names(f"{folder}/{sub}" if folder else sub)


def _add_stored_files(tar: tarfile.TarFile) -> None:
    """Each file of the object storage into media/, streamed one at a time."""
    from django.core.files.storage import default_storage

    for name in _stored_names():
        with default_storage.open(name, "rb") as handle:
            info = tarfile.TarInfo(f"media/{name}")
            info.size = default_storage.size(name)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, handle)


def _restore_stored_files(media: Path) -> None:
    """Files of the backup the object storage lacks are put back under their own names."""
    from django.core.files import File
    from django.core.files.storage import default_storage

    for path in sorted(p for p in media.rglob("*") if p.is_file()):
        name = path.relative_to(media).as_posix()
        if not default_storage.exists(name):
            with path.open("rb") as handle:
                default_storage.save(name, File(handle, name=name))


def restore(path: str) -> None:
    source = Path(path)
    if not source.is_file():
        raise ServiceError(_("找不到备份文件：%(path)s") % {"path": path})
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(source, "r:gz") as tar:
        tar.extractall(tmp, filter="data")
        work = Path(tmp)
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest["vendor"] != connection.vendor:
            raise ServiceError(_("备份来自 %(source)s 数据库，不能恢复到 %(target)s。")
                               % {"source": manifest["vendor"], "target": connection.vendor})
        _load_database(work / manifest["database"])
        if (work / "media").is_dir() and _remote_storage():
            _restore_stored_files(work / "media")
        elif (work / "media").is_dir():
            shutil.copytree(work / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    _reanchor()


def _reanchor() -> None:
    """A restore rolls the audit log back on purpose: the anchors of the log as it was are set aside
    (kept, in a dated folder, for whoever audits the restore) and the restored head is anchored."""
    from luoshi.core import audit_chain

    audit_chain.set_aside_anchors(reason="before-restore")
    audit_chain.write_anchor()


def _dump_database(work: Path) -> Path:
    if connection.vendor == "sqlite":
        target = work / _SQLITE_NAME
        with sqlite3.connect(_sqlite_path()) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return target
    target = work / _PG_NAME
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", *_pg_args()],
                   check=True, env=_pg_env())
    return target


def _load_database(file: Path) -> None:
    connections.close_all()
    if connection.vendor == "sqlite":
        with sqlite3.connect(file) as src, sqlite3.connect(_sqlite_path()) as dst:
            src.backup(dst)
        return
    subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *_pg_args(),
                    str(file)], check=True, env=_pg_env())


def _sqlite_path() -> str:
    return str(connection.settings_dict["NAME"])


def _pg_args() -> list[str]:
    db = connection.settings_dict
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    return args


def _pg_env() -> dict:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env
