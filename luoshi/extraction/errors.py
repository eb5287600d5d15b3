"""The one exception the extractor lets out, always with a Chinese message for the user."""


class ExtractionError(Exception):
    """A document could not be read; `message` is shown to the user as is (in Chinese)."""

    def __init__(self, message: str) -> None:
        message = str(message)  # a lazy translation is read when the error is raised
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
