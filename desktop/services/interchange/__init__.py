"""Evidence in and out of other annotation tools: W3C Web Annotation and Hypothesis.

`w3c` writes a case's evidence as a W3C Web Annotation collection and reads one back (from
another case, or another tool); `hypothesis` reads annotations exported from Hypothesis. Both
place what they read with `w3c.place_candidates`: every annotation ends either written to the
case (anchored) or reported with the reason it was not (unplaced) — none is dropped silently.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.domain import json_input
from desktop.domain.errors import CasefileError
from desktop.services.words import _


class AnnotationFileError(CasefileError):
    """An annotation file cannot be read or written; the case is left as it was."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


#: The largest annotation file read: an annotation takes about 1.3 KB, so this holds some
#: 50,000 of them (a case of 20,000 spans exports about 26 MB).
MAX_FILE_BYTES = 64 * 2**20


def read_json(path: Path | str) -> object:
    """The parsed JSON of an annotation file, or AnnotationFileError saying why it is not JSON
    (or is larger or more deeply nested than an annotation file can be)."""
    path = Path(path)
    try:
        raw = json_input.read_bounded(path, MAX_FILE_BYTES)
    except json_input.JsonRefused as exc:
        raise AnnotationFileError(path, exc.reason) from None
    except OSError as exc:
        raise AnnotationFileError(path, _("cannot be read: {reason}").format(
            reason=exc.strerror or exc)) from exc
    try:
        return json_input.parse(raw.decode("utf-8-sig"))  # a BOM is what some Windows tools add
    except UnicodeDecodeError as exc:
        raise AnnotationFileError(path, _("is not a text file in UTF-8, so not an annotation "
                                          "file")) from exc
    except json.JSONDecodeError as exc:
        raise AnnotationFileError(path, _("is not JSON (line {line}, column {column}: "
                                          "{problem}), so not an annotation file").format(
            line=exc.lineno, column=exc.colno, problem=exc.msg)) from exc
    except json_input.JsonRefused as exc:
        raise AnnotationFileError(path, _("{reason}, so not an annotation file").format(
            reason=exc.reason)) from None
