"""What every flow shares: the window it talks to, messages, and the one way to call services.

A flow is one feature's dialogs and messages (case files, editing, review, exchange…). It turns
a user's request into a service call: an edit through an undoable command (`push`), a quick
call that may be refused (`attempt`), or long work through the background runner
(`run_in_background`); a service's refusal is shown in plain words, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from desktop.domain import files
from desktop.domain.errors import CasefileError, EditCollision
from desktop.gui.commands import ServiceCommand
from desktop.services.changes import Change

if TYPE_CHECKING:
    from desktop.gui.app import CasefileApp

T = TypeVar("T")


class Flow(QObject):
    """Base of the feature flows: the app they belong to and the helpers they all use."""

    def __init__(self, app: CasefileApp) -> None:
        super().__init__(app)
        self.app = app

    @property
    def window(self):
        return self.app.window

    def user(self) -> str:
        """Who acts: the name recorded with every change."""
        return self.app.session.user_name()

    # ---------------------------------------------------------------- messages
    def warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self.window, title, message)

    def inform(self, title: str, message: str) -> None:
        QMessageBox.information(self.window, title, message)

    def ask(self, title: str, message: str) -> bool:
        answer = QMessageBox.question(self.window, title, message)
        return answer == QMessageBox.StandardButton.Yes

    def status(self, message: str, msecs: int = 5000) -> None:
        self.window.statusBar().showMessage(message, msecs)

    # ---------------------------------------------------------------- calling services
    def push(self, text: str, call: Callable[[], Change],
             merge_key: Hashable | None = None,
             collided: Callable[[EditCollision], None] | None = None) -> ServiceCommand | None:
        """Make an edit as an undoable command; its error, if any, shown in plain words (an
        edit refused for a newer value saved meanwhile by `collided`, where the editor shows
        it, when given)."""
        command = ServiceCommand(text, call, actor=self.user(), events=self.app.events,
                                 merge_key=merge_key)
        self.app.undo_stack.push(command)
        if command.error is not None:
            if collided is not None and isinstance(command.error, EditCollision):
                collided(command.error)
            else:
                self.warn(self.tr("The change was not made"), str(command.error))
            return None
        return command

    def attempt(self, failed_title: str, call: Callable[[], T]) -> tuple[bool, T | None]:
        """Run a quick service call; when it refuses, say why under `failed_title`."""
        try:
            return True, call()
        except CasefileError as exc:
            self.warn(failed_title, str(exc))
            return False, None

    def run_in_background(self, label: str, work: Callable[..., Any], *,
                          done: Callable[[Any], None], failed_title: str,
                          failed: Callable[[Exception], None] | None = None,
                          cancellable: bool = False) -> None:
        """Long work off the UI thread with a progress dialog (and Cancel, when `work` honours
        its `cancelled` argument); `work` gets (progress, cancelled) callables. An error is
        shown under `failed_title`."""
        self.app.background.run(
            work, on_done=done, window=self.window, label=label, cancellable=cancellable,
            on_failed=failed or (lambda exc: self.warn(
                failed_title, str(exc) if isinstance(exc, CasefileError)
                else files.failure_reason(exc))))

    def publish(self, change: Change) -> None:
        """Tell the panels about a change made outside an undoable command."""
        self.app.events.publish(change)
