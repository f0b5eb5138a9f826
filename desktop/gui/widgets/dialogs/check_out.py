"""File → Check out for offline work…: whether the copy is encrypted, and its passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.gui.widgets.dialogs import answer_buttons
from desktop.gui.widgets.dialogs.new_case import PassphraseFields


class CheckOutDialog(QDialog):
    """The copy's encryption: on by default (a laptop in the field can be lost or taken)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check out for offline work"))
        self.setMinimumWidth(480)
        intro = QLabel(self.tr("{name} will hold the whole case, its sources' originals "
                               "included, for work without the server. Check it in to the "
                               "server afterwards.").format(name=name))
        intro.setWordWrap(True)
        self.encrypt = QCheckBox(self.tr("Encrypt the copy with a passphrase"))
        self.encrypt.setChecked(True)
        form = QFormLayout()
        self.passphrase_fields = PassphraseFields(form)
        self.encrypt.toggled.connect(self.passphrase_fields.set_enabled)
        self.problem = QLabel("")
        self.problem.setStyleSheet("color:#a40000")
        buttons = answer_buttons(self, self.tr("Check out"), on_accept=self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.encrypt)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        problem = self.passphrase_fields.problem() if self.encrypt.isChecked() else ""
        self.problem.setText(problem)
        if not problem:
            self.accept()

    def passphrase(self) -> str | None:
        """The copy's passphrase, or None for a plain copy."""
        return self.passphrase_fields.value() if self.encrypt.isChecked() else None
