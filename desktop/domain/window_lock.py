"""The lock file a Casefile window keeps beside the case it has open (`CASE.casefile.lock`).

The window takes it (QLockFile) so that a second window does not open the same case; the
command line reads it so that it does not write into a case someone is editing in a window,
whose panels and undo history would not know of the change. The window holds the lock file
open with an advisory lock for as long as the case is open, so a lock file left by a window
that has gone is not a lock.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

LOCK_SUFFIX = ".lock"


def lock_path(case: Path | str) -> Path:
    """The lock file of `case`: its name with `.lock` added."""
    return Path(str(case) + LOCK_SUFFIX)


def window_holding(case: Path | str) -> str | None:
    """Who holds `case` open in a window ("process 4121 on lab-pc"), or None if nobody does."""
    path = lock_path(case)
    try:
        with open(path, "rb") as f:
            content = f.read(4096)
            if not _held(f.fileno(), path):
                return None
    except OSError:
        return None
    lines = content.decode("utf-8", "replace").splitlines()
    pid = lines[0].strip() if lines else ""
    host = lines[2].strip() if len(lines) > 2 else ""
    if not pid.isdigit():
        return "a process"
    return f"process {pid}" + (f" on {host}" if host and host != socket.gethostname() else "")


def _held(fd: int, path: Path) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: the holder opened the file without sharing it for writing
        try:
            with open(path, "r+b"):
                return False
        except PermissionError:
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # a file system without locks: trust the file only if its process lives
        return _process_alive(path)
    fcntl.flock(fd, fcntl.LOCK_UN)
    return False


def _process_alive(path: Path) -> bool:
    try:
        pid = int(path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0])
        os.kill(pid, 0)
    except PermissionError:  # alive, another user's
        return True
    except (OSError, ValueError):
        return False
    return True
