"""File → New case…: title, reference, marking, and whether to encrypt it from the start."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import encryption, scales
from desktop.gui.i18n import scale_text
from desktop.gui.widgets.dialogs import answer_buttons

MIN_PASSPHRASE = encryption.MIN_PASSPHRASE


class PassphraseFields:
    """A passphrase typed twice, with the rule it must meet; shared by New case and Encrypt."""

    def __init__(self, form: QFormLayout) -> None:
        self.first = QLineEdit()
        self.second = QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        # Not a QObject: its texts are in the "PassphraseFields" context.
        self.first.setPlaceholderText(QCoreApplication.translate(
            "PassphraseFields", "at least {count} characters; a few words").format(
                count=MIN_PASSPHRASE))
        form.addRow(QCoreApplication.translate("PassphraseFields", "Passphrase"), self.first)
        form.addRow(QCoreApplication.translate("PassphraseFields", "Again",
                                               "the passphrase typed a second time"),
                    self.second)

    def set_enabled(self, on: bool) -> None:
        self.first.setEnabled(on)
        self.second.setEnabled(on)

    def problem(self) -> str:
        """Why the passphrase cannot be used, or "" when it can."""
        if len(self.first.text()) < MIN_PASSPHRASE:
            return QCoreApplication.translate(
                "PassphraseFields", "Use a passphrase of at least {count} characters.").format(
                    count=MIN_PASSPHRASE)
        if self.first.text() != self.second.text():
            return QCoreApplication.translate("PassphraseFields", "The two passphrases differ.")
        return ""

    def value(self) -> str:
        return self.first.text()


class NewCaseDialog(QDialog):
    """The new case's description; `values()` and `passphrase()` give the answers."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New case"))
        self.setMinimumWidth(460)
        self.title = QLineEdit(title)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("e.g. UA-POW-2024-017"))
        self.classification = QComboBox()
        for grade in scales.CLASSIFICATIONS:
            self.classification.addItem(scale_text(grade.label), grade.code)
        self.classification.setCurrentIndex(self.classification.findData("confidential"))
        self.encrypt = QCheckBox(self.tr("Encrypt this case with a passphrase"))
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Reference"), self.reference)
        form.addRow(self.tr("Classification"), self.classification)
        form.addRow("", self.encrypt)
        self.passphrase_fields = PassphraseFields(form)
        self.passphrase_fields.set_enabled(False)
        self.encrypt.toggled.connect(self.passphrase_fields.set_enabled)
        hint = QLabel(self.tr("Encryption protects the case file if the laptop is lost or "
                              "seized. Nobody can open it without the passphrase — keep it safe; "
                              "it cannot be recovered."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        if not encryption.available():
            self.encrypt.setEnabled(False)
            hint.setText(self.tr("Encryption needs the optional SQLCipher support: "
                                 "pip install 'casefile[encryption]'."))
        self.problem = QLabel("")
        self.problem.setStyleSheet("color:#a40000")
        buttons = answer_buttons(self, self.tr("Create"), on_accept=self._accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        problem = self.passphrase_fields.problem() if self.encrypt.isChecked() else ""
        if not self.title.text().strip():
            problem = self.tr("Give the case a title.")
        self.problem.setText(problem)
        if not problem:
            self.accept()

    def values(self) -> dict:
        return {"title": self.title.text().strip(), "reference": self.reference.text().strip(),
                "classification": self.classification.currentData()}

    def passphrase(self) -> str | None:
        return self.passphrase_fields.value() if self.encrypt.isChecked() else None


class EncryptCaseDialog(QDialog):
    """Case → Encrypt with a passphrase…: the passphrase, typed twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypt the case"))
        form = QFormLayout()
        self.passphrase_fields = PassphraseFields(form)
        note = QLabel(self.tr("The case is rewritten encrypted. Copies made before, backups and "
                              "the old file's blocks on the disk are not erased: for sensitive "
                              "material, create cases encrypted from the start."))
        note.setWordWrap(True)
        note.setStyleSheet("color:#555")
        self.problem = QLabel("")
        self.problem.setStyleSheet("color:#a40000")
        buttons = answer_buttons(self, self.tr("Encrypt"), on_accept=self._accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        problem = self.passphrase_fields.problem()
        self.problem.setText(problem)
        if not problem:
            self.accept()

    def passphrase(self) -> str:
        return self.passphrase_fields.value()
