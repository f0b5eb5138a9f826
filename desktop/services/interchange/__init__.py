"""Evidence in and out of other annotation tools: W3C Web Annotation and Hypothesis.

`w3c` writes a case's evidence as a W3C Web Annotation collection and reads one back (from
another case, or another tool); `hypothesis` reads annotations exported from Hypothesis. Both
place what they read with `w3c.place_candidates`: every annotation ends either written to the
case (anchored) or reported with the reason it was not (unplaced) — none is dropped silently.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.domain.errors import CasefileError


class AnnotationFileError(CasefileError):
    """An annotation file cannot be read or written; the case is left as it was."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


def read_json(path: Path | str) -> object:
    """The parsed JSON of an annotation file, or AnnotationFileError saying why it is not JSON."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnnotationFileError(path, f"cannot be read: {exc.strerror or exc}") from exc
    try:
        return json.loads(raw.decode("utf-8-sig"))  # a BOM is what some Windows tools add
    except UnicodeDecodeError as exc:
        raise AnnotationFileError(path, "is not a text file in UTF-8, so not an annotation "
                                        "file") from exc
    except json.JSONDecodeError as exc:
        raise AnnotationFileError(path, f"is not JSON (line {exc.lineno}, column {exc.colno}: "
                                        f"{exc.msg}), so not an annotation file") from exc
