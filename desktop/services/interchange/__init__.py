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


#: The largest annotation file read: an annotation takes about 1.3 KB, so this holds some
#: 50,000 of them (a case of 20,000 spans exports about 26 MB).
MAX_FILE_BYTES = 64 * 2**20
#: The deepest nesting read: an annotation collection is 7 levels deep.
MAX_DEPTH = 32
_TOO_DEEP = f"is nested more than {MAX_DEPTH} levels deep, so not an annotation file"


def read_json(path: Path | str) -> object:
    """The parsed JSON of an annotation file, or AnnotationFileError saying why it is not JSON
    (or is larger or more deeply nested than an annotation file can be)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AnnotationFileError(path, f"is {size / 2**20:,.0f} MB; annotation files "
                                            f"larger than {MAX_FILE_BYTES // 2**20} MB are not "
                                            "read (export one incident at a time)")
        raw = path.read_bytes()
    except OSError as exc:
        raise AnnotationFileError(path, f"cannot be read: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a BOM is what some Windows tools add
    except UnicodeDecodeError as exc:
        raise AnnotationFileError(path, "is not a text file in UTF-8, so not an annotation "
                                        "file") from exc
    except json.JSONDecodeError as exc:
        raise AnnotationFileError(path, f"is not JSON (line {exc.lineno}, column {exc.colno}: "
                                        f"{exc.msg}), so not an annotation file") from exc
    except RecursionError:  # deeper than Python's own limit
        raise AnnotationFileError(path, _TOO_DEEP) from None
    if _depth_exceeds(data, MAX_DEPTH):
        raise AnnotationFileError(path, _TOO_DEEP)
    return data


def _depth_exceeds(data: object, limit: int) -> bool:
    """Whether lists and objects in `data` nest deeper than `limit` (read without recursion,
    so any depth is measured)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = (value.values() if isinstance(value, dict) else
                    value if isinstance(value, list) else ())
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False
