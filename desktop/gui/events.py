"""One way for a change to reach the panels: every Change is published here.

Each panel connects its own `case_changed(change)` and decides for itself what to redraw from
the kinds and ids the Change names; nothing central needs to know which panel shows what.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.services.changes import Change


class CaseEvents(QObject):
    """Carries each Change of the open case to whoever shows it."""

    #: A Change (desktop.services.changes.Change) was made to the open case.
    changed = Signal(object)

    def publish(self, change: Change) -> None:
        """Tell every subscriber what changed."""
        self.changed.emit(change)
