"""Errors a user can act on: each names the file and says what is wrong in plain words."""

from __future__ import annotations

from pathlib import Path


class CasefileError(Exception):
    """Base of every error that is shown to the user as a one-line message."""


class CaseOpenError(CasefileError):
    """A case file cannot be opened or created (not a case, damaged, newer version, …)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class SourceImportError(CasefileError):
    """A source file cannot be imported; the case is left as it was."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class NeedsOcr(SourceImportError):
    """A scan or an image: it has no text until OCR reads it (imported with OCR asked for)."""


class SearchQueryError(CasefileError):
    """A search query the full-text engine cannot understand."""


class ValidationError(CasefileError):
    """A value a user entered that breaks a rule of the domain."""
