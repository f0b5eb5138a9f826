"""Writing a file whole or not at all: the one way Casefile replaces a file on disk.

The new content goes to a temporary file beside the target (same folder, so the same file
system), is flushed to the disk, and is renamed over the target in one step; the folder is then
flushed so that the rename itself survives a crash. On any error, or a cancel, the temporary
file is removed and the target is left as it was.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_NAME_ATTEMPTS = 100


def _new_partial(target: Path) -> Path:
    """A new, empty file beside `target`, under a name nothing else uses."""
    for _ in range(_NAME_ATTEMPTS):
        partial = target.with_name(f".{target.name}.partial-{secrets.token_hex(4)}")
        try:
            # "x", not mkstemp: the file gets the user's usual permissions, not 0600.
            partial.open("xb").close()
        except FileExistsError:
            continue
        return partial
    raise FileExistsError(errno.EEXIST, "no free temporary name in its folder",
                          str(target.parent))


def _flush_file(path: Path) -> None:
    """Make the file's bytes durable, whoever wrote them (python-docx, SQLite, …)."""
    fd = os.open(path, os.O_RDWR)  # Windows flushes only a handle opened for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; a folder cannot be opened for this on Windows."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def replacing(target: Path | str) -> Iterator[Path]:
    """A new, empty file beside `target` to fill; it replaces `target` only if the block ends
    without an error. Raises OSError when the folder cannot take the file."""
    target = Path(target)
    partial = _new_partial(target)
    try:
        yield partial
        _flush_file(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _flush_folder(target.parent)


def write_replacing(target: Path | str, data: bytes) -> None:
    """Write `data` as the whole new content of `target`, never leaving half of it."""
    with replacing(target) as partial, partial.open("wb") as f:
        f.write(data)
