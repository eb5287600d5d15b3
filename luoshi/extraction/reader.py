"""Turn a file into "the document's text", the string every offset refers to.

The document's text is: for .txt, the decoded text (UTF-8, UTF-8 with BOM, UTF-16 with
BOM, GBK/GB18030) with the BOM removed and \\r\\n and \\r normalised to \\n; for .docx,
the paragraphs (table cells included, in document order) joined by "\\n", except that a
task table (任务分解表), or a progress report's table, is one line per row, its cells separated by
"\\t" and paragraph breaks inside a cell written as U+2028 (see docx_tables.py).
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .docx_reader import read_docx_text
from .errors import ExtractionError

MAX_FILE_BYTES = 50 * 1024 * 1024

_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0", _("这是旧版 Word 文档（.doc），暂不支持。请在 Word 或 WPS 中“另存为” .docx 格式后再上传。")),
    (b"%PDF", _("这是 PDF 文件，无法直接识别文字。请上传 .docx 或 .txt 格式的讲话稿。")),
    (b"\x89PNG", _("这是图片文件（PNG），无法识别文字。请上传 .docx 或 .txt 格式的讲话稿。")),
    (b"\xff\xd8\xff", _("这是图片文件（JPG），无法识别文字。请上传 .docx 或 .txt 格式的讲话稿。")),
    (b"GIF8", _("这是图片文件（GIF），无法识别文字。请上传 .docx 或 .txt 格式的讲话稿。")),
    (b"Rar!", _("这是压缩包（RAR），请解压后上传其中的 .docx 或 .txt 文件。")),
)


def read_document(path) -> str:
    """Return the document's text; raise ExtractionError with a Chinese message otherwise."""
    data = _read_bytes(Path(path))
    for magic, message in _SIGNATURES:
        if data.startswith(magic):
            raise ExtractionError(message)
    if data.startswith(b"PK\x03\x04"):
        return read_docx_text(data)
    if Path(path).suffix.lower() == ".docx":
        raise ExtractionError(_("文件扩展名是 .docx，但内容不是有效的 Word 文档，可能已损坏或被改了扩展名。"))
    return decode_text(data)


def _read_bytes(path: Path) -> bytes:
    """Read the whole file, refusing what cannot be a deployment document."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ExtractionError(_("“%(name)s”是文件夹，不是文件。") % {"name": path.name})
        if size > MAX_FILE_BYTES:
            raise ExtractionError(_("文件过大（超过 50 MB），请确认上传的是讲话稿或工作要点。"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(_("找不到文件：%(path)s") % {"path": path}) from None
    except PermissionError:
        raise ExtractionError(_("没有权限读取文件：%(path)s") % {"path": path}) from None
    except OSError as error:
        raise ExtractionError(_("读取文件失败：%(error)s") % {"error": error.strerror or error}) from None
    if not data.strip():
        raise ExtractionError(_("文件是空的，没有可识别的内容。"))
    return data


def decode_text(data: bytes) -> str:
    """Decode plain-text bytes, trying the encodings township computers actually produce."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _normalise_newlines(_decode(data, "utf-16"))
    if data.startswith(b"\xef\xbb\xbf"):
        return _normalise_newlines(_decode(data[3:], "utf-8"))
    if b"\x00" in data[:4096]:
        raise ExtractionError(_("文件不是文本格式（可能是二进制文件），请上传 .docx 或 .txt 格式的讲话稿。"))
    for encoding in ("utf-8", "gb18030"):
        try:
            return _normalise_newlines(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ExtractionError(_("无法识别文件编码，请将文件另存为 UTF-8 或 GBK 编码的 .txt 后再上传。"))


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError:
        raise ExtractionError(_("文件编码有误，无法读取，请另存为 UTF-8 编码后再上传。")) from None


def _normalise_newlines(text: str) -> str:
    """\\r\\n and lone \\r become \\n, so offsets match what every editor shows."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
