"""Deployment document (.docx / .txt) → draft plan: title, sections and targets.

Pure Python, no Django: `plans/` saves what this returns. Offsets in the result index
into `read_document(path)` (for files) or the text given to `extract_text`.
"""

from .errors import ExtractionError
from .extract import extract_text
from .reader import read_document

__all__ = ["ExtractionError", "extract_path", "extract_text", "read_document"]


def extract_path(path) -> dict:
    """Read a .docx or .txt file and extract its draft plan; raises ExtractionError."""
    return extract_text(read_document(path))
