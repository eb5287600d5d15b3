"""Low-level, bounded reading of the parts of an .xlsx package for ``safety.py``.

The zip directory can lie about sizes, so each XML part is inflated here with zlib in
bounded steps and compared with what the directory declared; nothing is ever inflated
beyond its declared size. While a worksheet streams by, its cell references are scanned
for the size of the grid a reader would have to build.
"""

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

from .errors import WorkbookError
from .text import column_index

__all__ = ["SheetExtent", "inflate", "overlapping", "refuse_declarations"]

_CHUNK = 1 << 20
_OVERLAP = 64  # longer than any tag the scanners look for, so none is cut in two
_LOCAL_HEADER = struct.Struct("<4s22xHH")
# The last group is "/>" or "></c>" for a cell without a value (styled only), ">" otherwise.
_CELL_REF = re.compile(rb'<c\s[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*?(/>|>(?:</c>)?)')
_ANY_CELL = re.compile(rb"<c[\s>/]")
_ANY_ROW = re.compile(rb"<row[\s>/]")
_ROW_REF = re.compile(rb'<row\s[^>]*?\br="(\d{1,7})"')
_MARKUP_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")

MSG_LYING_SIZE = _("文件内部大小与目录记录不符（疑似压缩炸弹），已拒绝导入")
MSG_ENTITIES = _("文件包含不安全的 XML 声明（DOCTYPE/实体定义），已拒绝导入")


@dataclass
class SheetExtent:
    """The grid a worksheet spans: the last row and column holding a value (1-based).

    Cells written without an ``r`` reference (rare writers) are placed by position, so
    for them the extent falls back to counting rows and cells: an over-estimate, which
    errs on the side of refusing.
    """

    rows: int = 0
    columns: int = 0
    _row_tags: int = 0
    _unreferenced: int = 0

    def scan(self, window: bytes) -> None:
        """Grow the extent by the cells holding a value in this window of sheet XML."""
        window = window[: window.rfind(b">") + 1]  # a tag cut at the end is counted next time
        refs = _CELL_REF.findall(window)
        valued = [(col, row) for col, row, end in refs if end == b">"]
        if valued:
            self.rows = max(self.rows, max(int(row) for _, row in valued))
            widest = max((col for col, _ in valued), key=lambda col: (len(col), col))
            self.columns = max(self.columns, column_index(widest.decode()) + 1)
        self._row_tags += len(_ANY_ROW.findall(window))
        self._unreferenced += max(len(_ANY_CELL.findall(window)) - len(refs), 0)
        if self._unreferenced:
            row_refs = [int(row) for row in _ROW_REF.findall(window)]
            self.rows = max(self.rows, self._row_tags, *row_refs)
            self.columns = max(self.columns, self._unreferenced)


def inflate(fp: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The uncompressed bytes of one member, refusing to go past its declared size."""
    budget = info.file_size
    decompressor = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    for raw in _raw_chunks(fp, info):
        while raw:
            if decompressor is None:
                out, raw = raw, b""
            else:
                out = decompressor.decompress(raw, _CHUNK)
                raw = decompressor.unconsumed_tail
            budget -= len(out)
            if budget < 0:
                raise WorkbookError(MSG_LYING_SIZE)
            yield out
    if decompressor is not None and len(decompressor.flush()) > budget:
        raise WorkbookError(MSG_LYING_SIZE)


def _raw_chunks(fp: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    fp.seek(info.header_offset)
    header = fp.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise WorkbookError(_("文件已损坏，无法作为 .xlsx 打开"))
    name_len, extra_len = _LOCAL_HEADER.unpack(header)[1:]
    fp.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    left = info.compress_size
    while left > 0:
        raw = fp.read(min(_CHUNK, left))
        if not raw:
            raise WorkbookError(_("文件已损坏（内容不完整），无法作为 .xlsx 打开"))
        left -= len(raw)
        yield raw


def overlapping(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Chunks with the tail of the previous one prepended, so no tag is split."""
    tail = b""
    for chunk in chunks:
        window = tail + chunk
        yield window
        tail = window[-_OVERLAP:]


def refuse_declarations(window: bytes) -> None:
    """XML parts of a workbook never declare a DOCTYPE; one that does is an attack."""
    if any(marker in window for marker in _MARKUP_DECLARATIONS):
        raise WorkbookError(MSG_ENTITIES)
