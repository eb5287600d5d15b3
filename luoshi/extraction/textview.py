"""A normalised view of the document text that still knows every original offset.

Rules run on `compact`: full-width digits and letters folded to ASCII, half-width
punctuation folded to the Chinese forms, and horizontal spaces removed (copy-paste from
PDFs leaves spaces inside words: "确 保新上"). `positions[i]` is the index in the original
text of compact character `i`, so every match maps back to an exact original slice.
"""

import re
from bisect import bisect_left, bisect_right

# Full-width ASCII becomes ASCII, except the punctuation Chinese text uses, which keeps
# (and half-width input takes) its Chinese form so one pattern covers both.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(c): ord(c) for c in "（），：；！？"})
_FOLD.update({ord(c): ord(t) for c, t in zip("(),:;!?", "（），：；！？", strict=True)})
_FOLD.update({ord("Ｘ"): ord("X"), ord("ｘ"): ord("X"), ord("x"): ord("X"), ord("．"): ord(".")})
_FOLD.update({ord("\r"): ord("\n")})

# Spaces, invisible marks, and a thousands separator between digits ("1,000").
_DROP = re.compile(
    r"[ \t\u3000\xa0\u2002-\u200b\u202f\u205f\ufeff\f\v]+|(?<=[0-9０-９]),(?=[0-9０-９]{3}(?![0-9０-９]))"
)


def fold(text: str) -> str:
    """Fold one string the way the compact view is folded (without removing spaces)."""
    return text.translate(_FOLD)


class TextView:
    """The compact, folded text plus the map back to the original."""

    def __init__(self, original: str) -> None:
        self.original = original
        folded = original.translate(_FOLD)
        parts: list[str] = []
        positions: list[int] = []
        last = 0
        for match in _DROP.finditer(folded):
            parts.append(folded[last : match.start()])
            positions.extend(range(last, match.start()))
            last = match.end()
        parts.append(folded[last:])
        positions.extend(range(last, len(folded)))
        self.compact = "".join(parts)
        self.positions = positions
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.compact)]

    def to_original(self, index: int) -> int:
        """Original offset of compact index `index` (the end maps to the original end)."""
        if index >= len(self.positions):
            return len(self.original)
        return self.positions[index]

    def to_compact(self, index: int) -> int:
        """Compact index of the first kept character at or after original offset `index`."""
        return bisect_left(self.positions, index)

    def original_slice(self, start: int, end: int) -> tuple[int, str]:
        """Original (offset, text) covering compact characters start..end."""
        if end <= start:
            begin = self.to_original(start)
            return begin, ""
        begin = self.positions[start]
        finish = self.positions[end - 1] + 1
        return begin, self.original[begin:finish]

    def line_index(self, index: int) -> int:
        """Number of the compact line holding `index`."""
        return bisect_right(self.line_starts, index) - 1

    def line_bounds(self, number: int) -> tuple[int, int]:
        """Compact (start, end) of line `number`, without its newline."""
        start = self.line_starts[number]
        if number + 1 < len(self.line_starts):
            return start, self.line_starts[number + 1] - 1
        return start, len(self.compact)

    def lines(self):
        """Yield (start, end, text) for every compact line."""
        for number in range(len(self.line_starts)):
            start, end = self.line_bounds(number)
            yield start, end, self.compact[start:end]
