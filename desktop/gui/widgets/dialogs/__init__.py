"""Dialogs of the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

Button = QDialogButtonBox.StandardButton


def answer_buttons(dialog: QDialog, verb: str = "", *, on_accept: Callable[[], None] | None = None,
                   accept: Button = Button.Ok) -> QDialogButtonBox:
    """The dialog's accept/Cancel buttons; `verb` names what accepting does ("Mark", "Export")."""
    buttons = QDialogButtonBox(accept | Button.Cancel)
    if verb:
        buttons.button(accept).setText(verb)
    buttons.accepted.connect(on_accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
