"""Edit → Preferences…: the name recorded with every change, and the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import LANGUAGES
from desktop.gui.widgets.dialogs import Button, answer_buttons


class PreferencesDialog(QDialog):
    """Asks for the user's name and language; `values()` gives them (the app stores them)."""

    def __init__(self, user_name: str, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(440)
        self.name = QLineEdit(user_name)
        self.name.setPlaceholderText(self.tr("as it should appear in the case's history"))
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():  # each language named in itself
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        form = QFormLayout()
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("Interface language"), self.language)
        note = QLabel(self.tr("Your name is recorded with every change you make to a case. "
                              "A new interface language applies after Casefile is restarted."))
        note.setWordWrap(True)
        note.setStyleSheet("color:#555")
        buttons = answer_buttons(self, accept=Button.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        """{"user_name": the name typed (stripped), "language": "" | "en" | "uk"}."""
        return {"user_name": self.name.text().strip(), "language": self.language.currentData()}
