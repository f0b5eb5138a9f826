"""JSON from a file that came from outside (an annotation file, a hand-over manifest): read
within a size limit, parsed within a depth limit, so no file can exhaust memory or the stack.

A device or a pipe (`/dev/urandom`) is refused before it is read; a file larger than the limit
is refused by its size, and one that grows while it is read is cut at the limit and refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.services.words import _  # Qt-free, of no layer: the words a user reads

#: The deepest nesting of lists and objects read (Casefile's own files nest 7 levels or fewer).
MAX_DEPTH = 32


class JsonRefused(ValueError):
    """The file is not read as JSON: `reason` says why, in words that follow its name."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`, a regular file of at most `max_bytes`; JsonRefused otherwise,
    OSError when it cannot be read."""
    if not path.is_file() and path.exists():
        raise JsonRefused(_("is not a file but a device, a pipe or a folder"))
    size = path.stat().st_size
    if size > max_bytes:
        raise JsonRefused(_too_large(size, max_bytes))
    with path.open("rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise JsonRefused(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return _("is {size} MB; files over {limit} MB are not read").format(
        size=f"{size / 2**20:,.0f}", limit=max_bytes // 2**20)


def parse(text: str, max_depth: int = MAX_DEPTH) -> object:
    """The JSON value of `text`; JsonRefused when it nests deeper than `max_depth`,
    json.JSONDecodeError (a ValueError) when it is not JSON."""
    try:
        data = json.loads(text)
    except RecursionError:  # deeper than Python's own limit
        raise JsonRefused(too_deep(max_depth)) from None
    if _depth_exceeds(data, max_depth):
        raise JsonRefused(too_deep(max_depth))
    return data


def too_deep(max_depth: int = MAX_DEPTH) -> str:
    """The reason given for JSON nested too deeply."""
    return _("is nested more than {depth} levels deep").format(depth=max_depth)


def _depth_exceeds(data: object, limit: int) -> bool:
    """Whether lists and objects in `data` nest deeper than `limit` (measured without
    recursion, so any depth is measured)."""
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
