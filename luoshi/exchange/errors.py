"""The single exception of the exchange package.

Callers (pages, API, CLI, jobs) catch ``WorkbookError`` and show its message as is: it is
written in Chinese for the person who uploaded the file. Anything else escaping the
package is a bug, never a user's fault.
"""

__all__ = ["WorkbookError"]


class WorkbookError(Exception):
    """A workbook that cannot be read at all; ``message`` tells the user what to do."""

    def __init__(self, message: str) -> None:
        message = str(message)  # a lazy translation becomes the text the user reads
        super().__init__(message)
        self.message = message
