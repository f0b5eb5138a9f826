"""Writing a file whole or not at all: the one way Casefile replaces a file on disk.

The new content goes to a temporary file beside the target (same folder, so the same file
system), is flushed to the disk, and is renamed over the target in one step; the folder is then
flushed so that the rename itself survives a crash. On any error, or a cancel, the temporary
file is removed and the target is left as it was.

A temporary file is named for its target and for the process writing it
(`.dossier.docx.partial-4242-9f3c01ab`), so that one left by a killed run (an encryption, a
recovery, a hand-over copy) is recognised and removed the next time: `sweep_partials`.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_NAME_ATTEMPTS = 100
#: A temporary file's name: its target's, the writing process's id, a random part, and the
#: companion suffix SQLite may add to a database written there. Casefile before 0.9 wrote
#: no process id.
_PARTIAL = re.compile(r"\.(?P<target>.+)\.partial-(?:(?P<pid>\d+)-)?[0-9a-f]{8}"
                      r"(?:-wal|-shm|-journal)?")


def _partial_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial-{os.getpid()}-{secrets.token_hex(4)}")


def _new_partial(target: Path) -> Path:
    """A new, empty file beside `target`, under a name nothing else uses."""
    for _ in range(_NAME_ATTEMPTS):
        partial = _partial_name(target)
        try:
            # "x", not mkstemp: the file gets the user's usual permissions, not 0600.
            partial.open("xb").close()
        except FileExistsError:
            continue
        return partial
    raise FileExistsError(errno.EEXIST, "no free temporary name in its folder",
                          str(target.parent))


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error (the file system's, SQLite's or SQLCipher's) says the disk is full, or
    was raised while handling one (a rollback after a commit the full disk refused)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if "database or disk is full" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


_ROOM = 1 << 20  # less free space than this, and SQLite's "disk I/O error" means a full disk


def means_disk_full(exc: BaseException, folder: Path) -> bool:
    """Whether a write in `folder` failed for want of space. SQLite tells a full disk as an I/O
    error when it cannot map its -shm file, so that error with no room left counts as one."""
    return is_disk_full(exc) or ("disk I/O error" in str(exc) and _free_space(folder) < _ROOM)


def failure_reason(exc: BaseException, folder: Path | None = None) -> str:
    """Why a write (in `folder`, when known) failed, for a one-line message: a full disk said
    as what to do about it."""
    if is_disk_full(exc) or (folder is not None and means_disk_full(exc, folder)):
        from desktop.services.words import _  # noqa: PLC0415 — the words a user reads

        return _("the disk is full; free space and try again")
    return getattr(exc, "strerror", None) or str(exc)


def _free_space(folder: Path) -> int:
    try:
        stat = os.statvfs(folder)
    except (OSError, AttributeError):  # Windows has no statvfs
        return _ROOM
    return stat.f_bavail * stat.f_frsize


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


_COMPANIONS = ("-wal", "-shm", "-journal")  # what SQLite may write beside a database


def _discard(partial: Path) -> None:
    """Remove a temporary file and what SQLite may have left beside it."""
    for leftover in (partial, *(partial.with_name(partial.name + s) for s in _COMPANIONS)):
        leftover.unlink(missing_ok=True)


@contextmanager
def replacing(target: Path | str, *, create: bool = True) -> Iterator[Path]:
    """A new, empty file beside `target` to fill; it replaces `target` only if the block ends
    without an error. Raises OSError when the folder cannot take the file.

    With `create=False` the name is given but no file is made there (for a case that SQLite
    creates itself); the block must leave no -wal or -shm beside it.
    """
    target = Path(target)
    partial = _new_partial(target) if create else _partial_name(target)
    try:
        yield partial
        _flush_file(partial)
        os.replace(partial, target)
    except BaseException:
        _discard(partial)
        raise
    _flush_folder(target.parent)


def _left_by_a_gone_process(match: re.Match) -> bool:
    """Whether a temporary file's writer has ended (killed, or crashed) without removing it."""
    if match["pid"] is None:
        return True  # an older Casefile's: it ended long ago, or it runs with this case closed
    return process_gone(int(match["pid"]))


def process_gone(pid: int) -> bool:
    """Whether no process of this id runs here any more (this one's own counts as running)."""
    if pid == os.getpid():
        return False  # this process's own work in progress (a background export)
    if os.name == "nt":  # no harmless probe there (os.kill ends the process); a file still
        return True  # being written cannot be removed there, so a sweep cannot harm it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process of that id: alive
        return False
    return False


def sweep_partials(folder: Path | str, target: str | None = None) -> list[Path]:
    """Remove the temporary files an interrupted Casefile left in `folder` (only those of
    `target`, a file name, when given), and return them. A file that cannot be removed (a
    read-only medium, a file in use) is left as it is."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _PARTIAL.fullmatch(name)
        if match is None or (target is not None and match["target"] != target):
            continue
        if not _left_by_a_gone_process(match):
            continue
        path = Path(folder) / name
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def write_replacing(target: Path | str, data: bytes) -> None:
    """Write `data` as the whole new content of `target`, never leaving half of it."""
    with replacing(target) as partial, partial.open("wb") as f:
        f.write(data)
