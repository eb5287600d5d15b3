"""Checking and preparing an uploaded photo or file before it is stored, by its bytes alone.

The name and the declared type are never trusted: the first bytes say what a file is
(JPEG, PNG, HEIC, PDF, or a Word / Excel package checked as imports are: its zip directory for bombs,
each XML part within its declared size and free of DOCTYPE/entity declarations).
Photos are decoded under a pixel limit, re-encoded as JPEG with the long side at most
2048 px, and lose all metadata; their EXIF time and GPS position are returned so the
attachment keeps them as evidence. Anything else is refused with a Chinese message.
Limits: `LUOSHI_UPLOAD_MAX_MB` (10), `LUOSHI_UPLOAD_MAX_PIXELS` (50 million).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from luoshi.core.errors import ServiceError
from luoshi.exchange.errors import WorkbookError
from luoshi.exchange.zipscan import MSG_ENTITIES, MSG_LYING_SIZE, inflate, overlapping, refuse_declarations

try:  # HEIC photos from iPhones need libheif; without it they are refused with advice
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - depends on the installation
    HEIC_SUPPORTED = False

LONG_SIDE = 2048
THUMB_SIDE = 320
JPEG = "image/jpeg"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_ZIP_MAX_RATIO = 100
_ZIP_MAX_TOTAL = 200 * 1024 * 1024
_ZIP_MAX_MEMBERS = 5000
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME_ORIGINAL, _DATETIME = 36867, 306


@dataclass(frozen=True)
class PreparedUpload:
    """What is stored for one upload: the bytes to keep and what is known about them."""

    name: str
    mime: str
    content: bytes
    width: int | None = None
    height: int | None = None
    taken_at: dt.datetime | None = None
    gps_lat: Decimal | None = None
    gps_lon: Decimal | None = None
    thumbnail: bytes | None = None

    @property
    def extension(self) -> str:
        return {JPEG: ".jpg", PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx"}[self.mime]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def max_bytes() -> int:
    return int(getattr(settings, "LUOSHI_UPLOAD_MAX_MB", 10)) * 1024 * 1024


def prepare_upload(upload) -> PreparedUpload:
    """Check one uploaded file by its content and return what to store; ServiceError otherwise."""
    name = _clean_name(getattr(upload, "name", "") or "file")
    data = _read_bounded(upload, name)
    kind = sniff(data)
    if kind == "image":
        return _prepare_image(name, data)
    if kind == "heif":
        if not HEIC_SUPPORTED:
            raise ServiceError(_("暂不支持 HEIC 照片“%(n)s”，请在手机相机设置中选择“兼容性最佳”后重拍") % {"n": name})
        return _prepare_image(name, data)
    if kind == PDF:
        return PreparedUpload(name=name, mime=PDF, content=data)
    if kind == "zip":
        return PreparedUpload(name=name, mime=_office_type(name, data), content=data)
    raise ServiceError(_("文件“%(n)s”不是照片（JPEG、PNG、HEIC）、PDF、Word（.docx）或 Excel（.xlsx）文件，"
                         "已拒绝上传") % {"n": name})


def sniff(data: bytes) -> str | None:
    """What the first bytes say the file is: "image", "heif", a PDF, "zip", or None."""
    if data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "heif"
    if data[:5] == b"%PDF-":
        return PDF
    if data[:4] == b"PK\x03\x04":
        return "zip"
    return None


def _read_bounded(upload, name: str) -> bytes:
    """Read at most the limit plus one byte: a declared size is not trusted either."""
    limit = max_bytes()
    if getattr(upload, "size", None) and upload.size > limit:
        raise _too_large(name, upload.size)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, len(data))
    if not data:
        raise ServiceError(_("文件“%(n)s”是空的") % {"n": name})
    return data


def _too_large(name: str, size: int) -> ServiceError:
    return ServiceError(_("文件“%(n)s”大小 %(s).1f MB，超过 %(m)d MB 的上限，请压缩后再上传") %
                        {"n": name, "s": size / 1024 / 1024, "m": max_bytes() // 1024 // 1024})


def _clean_name(name: str) -> str:
    name = PurePath(name.replace("\\", "/")).name.strip().replace("\x00", "")
    return "".join(c for c in name if c.isprintable())[:200] or "file"


# -- photos -------------------------------------------------------------------------------------


def _prepare_image(name: str, data: bytes) -> PreparedUpload:
    bad = ServiceError(_("照片“%(n)s”已损坏或无法识别，请重新拍摄后上传") % {"n": name})
    bomb = ServiceError(_("照片“%(n)s”的像素尺寸异常巨大（疑似解压炸弹），已拒绝上传") % {"n": name})
    limit = int(getattr(settings, "LUOSHI_UPLOAD_MAX_PIXELS", 50_000_000))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.width * probe.height > limit:
                    raise bomb
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.draft("RGB", (LONG_SIDE, LONG_SIDE))  # JPEG decodes straight at a smaller scale
                image.load()
                taken_at, lat, lon = read_exif(image)
                photo = _normalised(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise bomb from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise bad from exc
    return PreparedUpload(name=f"{PurePath(name).stem or 'photo'}.jpg", mime=JPEG, content=_jpeg(photo),
                          width=photo.width, height=photo.height, taken_at=taken_at, gps_lat=lat, gps_lon=lon,
                          thumbnail=_jpeg(_shrunk(photo, THUMB_SIDE), quality=75))


def _normalised(image: Image.Image) -> Image.Image:
    """Upright, RGB on white, long side at most 2048 px, with no metadata left."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    return _shrunk(image, LONG_SIDE)


def _shrunk(image: Image.Image, side: int) -> Image.Image:
    if max(image.size) <= side:
        return image.copy()
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    return copy


def _jpeg(image: Image.Image, quality: int = 85) -> bytes:
    out = io.BytesIO()
    clean = Image.new("RGB", image.size)  # a fresh image carries no info, EXIF, XMP or comments
    clean.paste(image)
    clean.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def read_exif(image: Image.Image) -> tuple[dt.datetime | None, Decimal | None, Decimal | None]:
    """The photo's original time and GPS position, when its EXIF has them and they make sense."""
    try:
        exif = image.getexif()
        stamp = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
        gps = exif.get_ifd(_GPS_IFD)
    except Exception:  # noqa: BLE001 - broken EXIF is not a reason to refuse a photo
        return None, None, None
    return _exif_time(stamp), _coordinate(gps.get(2), gps.get(1), 90), _coordinate(gps.get(4), gps.get(3), 180)


def _exif_time(value) -> dt.datetime | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    try:
        naive = dt.datetime.strptime(str(value).strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except (TypeError, ValueError):
        return None
    return timezone.make_aware(naive)  # cameras write local time without a zone


def _coordinate(parts, ref, bound: int) -> Decimal | None:
    try:
        degrees, minutes, seconds = (float(p) for p in parts)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if str(ref).strip("\x00 ").upper() in ("S", "W"):
        value = -value
    if not -bound <= value <= bound:
        return None
    return Decimal(f"{value:.6f}")


# -- Word and Excel packages ------------------------------------------------------------------------


def _office_type(name: str, data: bytes) -> str:
    refused = ServiceError(_("文件“%(n)s”是压缩包而不是 Word（.docx）或 Excel（.xlsx）文件，已拒绝上传") % {"n": name})
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise refused from exc
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if len(members) > _ZIP_MAX_MEMBERS or total > _ZIP_MAX_TOTAL or total / packed > _ZIP_MAX_RATIO:
        raise ServiceError(_("文件“%(n)s”解压后异常巨大（疑似压缩炸弹），已拒绝上传") % {"n": name})
    names = {m.filename for m in members}
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        kind = DOCX
    elif "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        kind = XLSX
    else:
        raise refused
    _scan_parts(name, data, members)
    return kind


def _scan_parts(name: str, data: bytes, members: list[zipfile.ZipInfo]) -> None:
    """The checks an imported workbook gets (exchange.zipscan), for a Word or Excel attachment: each
    XML part inflated within the size its directory declares, and none declaring a DOCTYPE or an
    entity; an encrypted part or an unknown compression is refused before anything is inflated."""
    for member in members:
        if member.flag_bits & 0x1 or member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ServiceError(_("文件“%(n)s”经过加密或使用了不支持的压缩方式，已拒绝上传") % {"n": name})
    stream = io.BytesIO(data)
    try:
        for member in members:
            if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                for window in overlapping(inflate(stream, member)):
                    refuse_declarations(window)
    except WorkbookError as error:
        reason = (_("含有不安全的 XML 声明（DOCTYPE/实体定义）") if error.message == str(MSG_ENTITIES)
                  else _("内部大小与目录记录不符（疑似压缩炸弹）") if error.message == str(MSG_LYING_SIZE)
                  else _("已损坏"))
        raise ServiceError(_("文件“%(n)s”%(why)s，已拒绝上传") % {"n": name, "why": reason}) from error
