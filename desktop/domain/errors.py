"""Errors a user can act on: each names the file and says what is wrong in plain words."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple


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


class NewerValue(NamedTuple):
    """A field someone else saved after an editor loaded it: what the case holds now, who
    saved it and when (from the trail; "" when the trail does not say), and what the refused
    edit would have written."""

    ref: str  # what the value belongs to, as people cite it (INC-003, E-012, S-004)
    field: str
    value: Any
    actor: str
    at: str  # ISO 8601, UTC, as the trail stores it
    yours: Any


class EditCollision(CasefileError):
    """An edit of values someone else changed since the editor loaded them: refused whole,
    nothing written. `newer` names each such field with its newer value."""

    def __init__(self, message: str, newer: Iterable[NewerValue]) -> None:
        super().__init__(message)
        self.newer = tuple(newer)
