"""The log file in the user's data folder, and the handler for errors nobody expected.

An unexpected error must never close the window or lose the case: it is written to the log
with its traceback and shown to the user in plain words. Every edit is committed when it is
made, so what the window showed as saved is on disk.
"""

from __future__ import annotations

import atexit
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths

log = logging.getLogger("desktop")


def log_path() -> Path:
    """Where Casefile writes its log: <user data folder>/logs/casefile.log."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".casefile") / "logs" / "casefile.log"


class _Held(logging.Handler):
    """The records logged before the log file is opened, kept to be written to it then."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def hold_records() -> None:
    """Keep the app's log records until `start_logging` opens the log file, at exit at the
    latest. The window opens it once it is first painted: the file's handler imports
    logging.handlers (with pickle and queue, ~3.6 ms), which the first paint does not need."""
    root = logging.getLogger()
    if not any(isinstance(handler, _Held) for handler in root.handlers):
        root.addHandler(_Held())
        atexit.register(start_logging)  # records held at exit still reach the file
    root.setLevel(logging.INFO)


def start_logging() -> Path:
    """Send the app's log records to the log file (rotated, so it never grows without end),
    first those held since start-up (`hold_records`)."""
    from logging.handlers import RotatingFileHandler  # noqa: PLC0415 (see hold_records)

    path = log_path()
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, RotatingFileHandler)), None)
    if handler is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    for held in [h for h in root.handlers if isinstance(h, _Held)]:
        root.removeHandler(held)
        for record in held.records:
            handler.handle(record)
    return path


def install_excepthook(show: Callable[[str, str], None]) -> None:
    """Log every uncaught exception and show it with `show(summary, details)`."""

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("Unexpected error\n%s", details)
        try:
            show(f"{kind.__name__}: {error}", details)
        except Exception:  # the dialog itself failed: the log still has the details
            log.exception("could not show the error dialog")

    sys.excepthook = hook
