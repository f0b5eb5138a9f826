"""Background work: the one way to run long work off the UI thread, with progress and cancel.

A task is a plain function `work(progress, cancelled) -> result` that calls services; it runs
on a pool thread (peewee gives that thread its own connection, closed when the task ends) and
its result or error comes back to the UI thread by signal. With a window and a label, a
progress dialog shows after a moment; it has a Cancel button when the work can be cancelled.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.domain import db
from desktop.domain.errors import CasefileError

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class TaskSignals(QObject):
    """What a running task reports back to the UI thread."""

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """A unit of background work with a cancel flag."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self.cancelled)
        except Exception as exc:  # reported to the UI thread, which shows it
            if isinstance(exc, CasefileError):  # a refusal the user is told about: no fault
                log.info("background task refused: %s", exc)
            else:
                log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            db.close_thread_connection()


class BackgroundRunner(QObject):
    """Runs tasks on a small pool and keeps them alive until they end."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._running: set[Task] = set()

    def run(self, work: Work, *, on_done: Callable[[Any], None],
            on_failed: Callable[[Exception], None], window: QWidget | None = None,
            label: str = "", cancellable: bool = True) -> Task:
        """Start `work`; with a window and label, show a progress dialog (with Cancel when
        the work honours `cancelled`)."""
        task = Task(work)
        self._running.add(task)
        dialog = (_progress_dialog(window, label, task, cancellable)
                  if window is not None and label else None)

        def finish(handler: Callable[[Any], None], value: Any) -> None:
            self._running.discard(task)
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
            handler(value)

        task.signals.done.connect(lambda result: finish(on_done, result),
                                  Qt.ConnectionType.QueuedConnection)
        task.signals.failed.connect(lambda exc: finish(on_failed, exc),
                                    Qt.ConnectionType.QueuedConnection)
        self.pool.start(task)
        return task

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every task to end (used when closing a case and in tests)."""
        return self.pool.waitForDone(msecs)

    def busy(self) -> bool:
        return bool(self._running)


def _progress_dialog(window: QWidget, label: str, task: Task,
                     cancellable: bool) -> QProgressDialog:
    cancel = QCoreApplication.translate("BackgroundRunner", "Cancel") if cancellable else ""
    dialog = QProgressDialog(label, cancel, 0, 0, window)
    dialog.setWindowTitle("Casefile")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if cancellable:
        dialog.canceled.connect(task.cancel)

    def show_progress(done: int, total: int, name: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(f"{label}\n{name}")

    task.signals.progress.connect(show_progress, Qt.ConnectionType.QueuedConnection)
    return dialog
