"""Plans, tasks and uploads for the progress tests, built through the plans services."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from luoshi.core.roles import RoleCode
from luoshi.org.testing import make_user
from luoshi.plans import services as plans


def make_plan(world, year: int = 2024):
    return plans.plan_create(actor=world.user("office"), unit=world.unit("township"), year=year,
                             title=f"{year}年重点工作")


def make_task(world, plan=None, *, unit: str = "village", title: str = "人居环境整治", deploy: bool = True,
              start=None, deadline=None, recurrence: str = "", indicators=(), **fields):
    """A deployed task of `unit`; by default it runs from 60 days ago to 40 days ahead (序时进度 60%)."""
    today = timezone.localdate()
    plan = plan or make_plan(world, today.year)
    if deadline is None and not recurrence:
        deadline = today + dt.timedelta(days=40)
    task = plans.task_create(actor=world.user("office"), plan=plan, title=title, requirement="按时保质完成",
                             lead_unit=world.unit(unit), start_date=start or today - dt.timedelta(days=60),
                             deadline=deadline, recurrence=recurrence, indicators=indicators, **fields)
    if deploy:
        task = plans.task_deploy(actor=world.user("office"), task=task)
    return task


def second_village_user(world):
    unit = world.unit("other_village_same_township")
    return make_user(world.admin, "village2", unit, RoleCode.VILLAGE, unit)


def jpeg_bytes(size=(64, 48), color="red", exif=None) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def photo(name="现场.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
