"""Build small .docx files for tests, the way Word splits text into runs."""

from pathlib import Path

from docx import Document


def build_docx(paragraphs: list[str], path: Path, *, run_size: int = 7) -> Path:
    """Write one Word paragraph per string, cut into runs of `run_size` characters.

    Word stores a paragraph as many runs (formatting changes, spell-check marks), so
    the reader must join runs back together; cutting them on purpose tests that.
    """
    document = Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        for start in range(0, max(len(text), 1), run_size):
            paragraph.add_run(text[start : start + run_size])
    document.save(str(path))
    return path
