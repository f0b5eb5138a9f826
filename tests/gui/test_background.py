"""The one background runner: work off the UI thread, its progress, its cancel, its errors."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMainWindow, QProgressDialog, QPushButton

from desktop.domain.errors import ValidationError
from desktop.gui.background import BackgroundRunner


def run(qtbot, work, **options):
    """Start `work` and wait for it to end; (result or None, error or None)."""
    runner, outcome = BackgroundRunner(), {}
    task = runner.run(work, on_done=lambda r: outcome.setdefault("done", r),
                      on_failed=lambda e: outcome.setdefault("failed", e), **options)
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    assert not runner.busy()
    return outcome.get("done"), outcome.get("failed"), task


def test_work_runs_off_the_ui_thread_and_its_result_comes_back(qtbot):
    ui = threading.get_ident()
    done, failed, _ = run(qtbot, lambda progress, cancelled: threading.get_ident())
    assert failed is None and done != ui


def test_an_error_in_the_work_comes_back_to_be_shown_not_raised(qtbot):
    def refuse(progress, cancelled):
        raise ValidationError("S-004: changed on disk while it was being imported")

    done, failed, _ = run(qtbot, refuse)
    assert done is None and str(failed) == "S-004: changed on disk while it was being imported"


def test_progress_is_shown_and_cancel_is_seen_by_the_work(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    started, seen = threading.Event(), []

    def long_work(progress, cancelled):
        for step in range(1000):
            progress(step, 1000, f"file {step}")
            started.set()
            if cancelled():
                return f"stopped at {step}"
            threading.Event().wait(0.005)
        return "finished"

    runner, outcome = BackgroundRunner(), {}
    task = runner.run(long_work, on_done=lambda r: outcome.setdefault("done", r),
                      on_failed=lambda e: outcome.setdefault("failed", e), window=window,
                      label="Importing 1,000 files…")
    started.wait(5)
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is not None)
    dialog = window.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: dialog.maximum() == 1000 and dialog.value() > 0)
    seen.append(dialog.labelText())
    dialog.findChild(QPushButton).click()  # the user presses Cancel
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    assert task.cancelled()
    assert outcome["done"].startswith("stopped at")
    assert seen[0].startswith("Importing 1,000 files…\nfile ")


def test_work_that_cannot_stop_half_way_offers_no_cancel(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    release = threading.Event()
    runner, outcome = BackgroundRunner(), {}
    runner.run(lambda progress, cancelled: release.wait(10), window=window,
               label="Merging the review…", cancellable=False,
               on_done=lambda r: outcome.setdefault("done", r),
               on_failed=lambda e: outcome.setdefault("failed", e))
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is not None)
    dialog = window.findChild(QProgressDialog)
    assert dialog.findChild(QPushButton) is None or not dialog.findChild(QPushButton).isVisible()
    dialog.canceled.emit()  # Escape, say: the work goes on to its end
    release.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    assert outcome == {"done": True}


def test_a_refusal_is_logged_as_information_without_a_traceback(qtbot, caplog):
    """A refused export or import is the user's ordinary mistake: told to them, not an error
    in the log with a traceback. A fault that nobody expected still is."""
    import logging

    from desktop.domain.errors import CasefileError
    from desktop.gui.background import Task

    def refused(_progress, _cancelled):
        raise CasefileError("no approved incident to export")

    def broken(_progress, _cancelled):
        raise KeyError("nobody expected this")

    with caplog.at_level(logging.INFO, logger="desktop"):
        Task(refused).run()
        Task(broken).run()
    refusal, fault = caplog.records[-2:]
    assert refusal.levelno == logging.INFO and refusal.exc_info is None
    assert "no approved incident" in refusal.getMessage()
    assert fault.levelno == logging.ERROR and fault.exc_info is not None
