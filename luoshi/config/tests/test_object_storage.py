"""Files in S3-compatible object storage (LUOSHI_S3_BUCKET): every place that writes or reads a stored file works
on a bucket as it does on disk (moto stands in for the S3 server). e2e/test_scale_out.py does the same across
processes against moto's server."""

import json
import tarfile
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from luoshi.config.settings.base import S3_STORAGE

BUCKET = "luoshi-test-files"


@pytest.fixture
def bucket(settings, tmp_path):
    import boto3
    from moto import mock_aws

    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
        s3.create_bucket(Bucket=BUCKET)
        options = S3_STORAGE["OPTIONS"] | {"bucket_name": BUCKET, "endpoint_url": None, "access_key": "testing",
                                           "secret_key": "testing", "region_name": "us-east-1"}
        settings.MEDIA_ROOT = str(tmp_path / "media")  # must stay empty
        settings.STORAGES = settings.STORAGES | {"default": {"BACKEND": S3_STORAGE["BACKEND"], "OPTIONS": options}}
        yield s3


def _keys(s3) -> list[str]:
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def _nothing_on_disk(settings, tmp_path) -> bool:
    media = tmp_path / "media"
    return not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_the_default_install_needs_neither_redis_nor_s3():
    from luoshi.config.settings import base

    if not base.REDIS_URL:  # sessions in the database (org/sessions.py: Django's engine, its read built once)
        assert "CACHES" not in vars(base) and base.SESSION_ENGINE == "luoshi.org.sessions"
    if not base.S3_BUCKET:
        assert base.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_a_report_photo_and_its_thumbnail_go_to_the_bucket_and_come_back(bucket, world, settings, tmp_path):
    from luoshi.progress import services
    from luoshi.progress.models import Attachment
    from luoshi.progress.tests.factories import make_task, photo
    from luoshi.progress.views import file_response

    task = make_task(world)
    report = services.report_submit(actor=world.user("village"), task=task, text="现场", files=[photo(size=(800, 600))])
    attachment = Attachment.objects.unscoped("the report just written").get(owner_id=report.pk)
    keys = _keys(bucket)
    assert attachment.file.name in keys and attachment.thumbnail.name in keys
    assert _nothing_on_disk(settings, tmp_path)
    for thumbnail, stored in ((False, attachment.file.name), (True, attachment.thumbnail.name)):
        body = b"".join(file_response(attachment, thumbnail=thumbnail).streaming_content)
        assert body == bucket.get_object(Bucket=BUCKET, Key=stored)["Body"].read()
        assert body[:3] == b"\xff\xd8\xff"


def test_an_import_upload_is_copied_to_a_local_file_for_the_reader(bucket, world):
    from luoshi.exchange import jobs
    from luoshi.exchange.models import JobKind
    from luoshi.ledgers.import_views import _local

    data = b"PK\x03\x04 not really a workbook " + uuid.uuid4().bytes
    job = jobs.job_create(actor=world.user("office"), kind=JobKind.IMPORT, ledger="tasks",
                          source=ContentFile(data), source_name="任务.xlsx")
    assert job.source.name in _keys(bucket)
    local = _local(job)
    assert local.is_file() and local.read_bytes() == data


def test_an_export_job_writes_its_file_to_the_bucket(bucket, world, django_capture_on_commit_callbacks):
    from luoshi.ledgers import services
    from luoshi.ledgers.registry import get_ledger
    from luoshi.progress.tests.factories import make_task

    make_task(world, title="导出到对象存储")
    with django_capture_on_commit_callbacks(execute=True):  # the job runs at once (Huey immediate in tests)
        job = services.export_start(actor=world.user("office"), ledger=get_ledger("tasks"), params={})
    job.refresh_from_db()
    assert job.output.name in _keys(bucket)
    with job.output.open("rb") as handle:
        assert handle.read(2) == b"PK"


def test_speech_drafts_are_kept_fetched_and_swept_in_the_bucket(bucket, world):
    from luoshi.core.errors import OutOfScope
    from luoshi.plans import drafts_store

    office = world.user("office")
    key = drafts_store.draft_store(actor=office, draft={"items": [{"title": "人居环境整治"}]})
    assert f"drafts/{key}.json" in _keys(bucket)
    assert drafts_store.draft_fetch(actor=office, key=key)["items"][0]["title"] == "人居环境整治"
    with pytest.raises(OutOfScope):
        drafts_store.draft_fetch(actor=office, key=uuid.uuid4().hex)  # a missing one: 404, not a crash
    drafts_store.draft_store(actor=office, draft={"items": []}, key=key)  # saved again under its own key
    assert _keys(bucket).count(f"drafts/{key}.json") == 1
    drafts_store.draft_discard(actor=office, key=key)
    assert f"drafts/{key}.json" not in _keys(bucket)


@pytest.mark.django_db(transaction=True)
def test_a_backup_carries_the_buckets_files_and_a_restore_puts_back_the_missing(bucket, flushable_audit, world,
                                                                               tmp_path, monkeypatch):
    from luoshi.core import backup as backups

    default_storage.save("attachments/2026/12/现场.jpg", ContentFile(b"\xff\xd8\xff photo"))
    default_storage.save("exchange/out/2026/12/export.xlsx", ContentFile(b"PK workbook"))
    monkeypatch.setattr(backups, "_dump_database", lambda work: _fake_dump(work))
    monkeypatch.setattr(backups, "_load_database", lambda file: None)
    monkeypatch.setattr(backups, "_reanchor", lambda: None)
    archive = backups.backup(str(tmp_path / "copy"))
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        assert tar.extractfile("media/attachments/2026/12/现场.jpg").read() == b"\xff\xd8\xff photo"
    assert {"media/attachments/2026/12/现场.jpg", "media/exchange/out/2026/12/export.xlsx"} <= names
    default_storage.delete("attachments/2026/12/现场.jpg")
    backups.restore(str(archive))
    with default_storage.open("attachments/2026/12/现场.jpg", "rb") as handle:
        assert handle.read() == b"\xff\xd8\xff photo"
    assert _keys(bucket).count("exchange/out/2026/12/export.xlsx") == 1  # present already: left alone


def _fake_dump(work):
    from django.db import connection

    path = work / "database.sqlite3"
    path.write_text(json.dumps({"vendor": connection.vendor}))
    return path
