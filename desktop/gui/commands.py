"""Every user edit is one undoable command over a service call.

The first redo() calls the service, which writes the change and its audit entry in one
transaction and returns a `Change`; undo() runs that Change's inverse (again a service call,
audited as what it is), and the Change the inverse returns carries the redo. The command never
reads the case itself: what undo needs was taken by the service inside its own transaction.
After every step the Change goes to the panels through `CaseEvents`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Hashable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from desktop.domain import files
from desktop.domain.errors import CasefileError
from desktop.gui.events import CaseEvents
from desktop.services.changes import Change, Restore, Undo

log = logging.getLogger(__name__)

#: Edits with the same merge key closer than this merge into one undo step (a typing burst).
MERGE_WINDOW_SECONDS = 4.0
_MERGING = 1001  # Qt merges only commands whose id() is the same and not -1


class ServiceCommand(QUndoCommand):
    """An undoable service call: `call()` makes the edit and returns its Change.

    Exceptions cannot cross back into Qt's C++ undo stack: a failed step keeps its error in
    `error` for the caller to show, and a failed first edit makes the command obsolete so the
    stack drops it.
    """

    def __init__(self, text: str, call: Callable[[], Change], *, actor: str,
                 events: CaseEvents, merge_key: Hashable | None = None) -> None:
        super().__init__(text)
        self.actor, self.events, self.merge_key = actor, events, merge_key
        self.error: CasefileError | None = None
        self.change: Change | None = None  # the last step's Change
        self._call: Callable[[], Change] | None = call  # the first redo
        self._undo: Undo | None = None
        self._redo: Undo | None = None
        self._last_edit = time.monotonic()

    def id(self) -> int:
        return _MERGING if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        """A burst of edits of the same fields is one step: keep the first edit's undo (which
        now expects what the last one left)."""
        if not (isinstance(other, ServiceCommand) and other.merge_key == self.merge_key
                and other.error is None and self.error is None
                and other._last_edit - self._last_edit < MERGE_WINDOW_SECONDS):
            return False
        if isinstance(self._undo, Restore) and not self._undo.continued_by(other._undo):
            return False  # someone else's edit came between: undone on its own, not with it
        self._last_edit = other._last_edit
        self.change = other.change
        if isinstance(self._undo, Restore):  # what the case holds now is what `other` left
            self._undo = self._undo.expecting(other._undo)
        return True

    def redo(self) -> None:
        if self._call is not None:
            first, self._call = self._call, None
            self._step(first, first=True)
        else:
            self._step(lambda: self._redo(self.actor))

    def undo(self) -> None:
        self._step(lambda: self._undo(self.actor), undoing=True)

    def _step(self, step: Callable[[], Change], *, first: bool = False,
              undoing: bool = False) -> None:
        try:
            change = step()
        except CasefileError as exc:
            self._failed(exc, first)
            return
        except Exception as exc:  # never into Qt's undo stack: logged, and shown by the app
            log.exception("an edit could not be %s",
                          "undone" if undoing else "made" if first else "redone")
            # in the window's language, on one line (a server's reason comes in several)
            reason = " ".join(files.failure_reason(exc).split())
            self._failed(CasefileError(QCoreApplication.translate(
                "ServiceCommand", "The change could not be applied ({reason})").format(
                reason=reason)), first)
            return
        if undoing:
            self._redo = change.undo
        else:
            self._undo = change.undo
        self.change = change
        self.events.publish(change)

    def _failed(self, error: CasefileError, first: bool) -> None:
        self.error = error
        if first:
            self.setObsolete(True)
