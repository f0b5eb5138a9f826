"""File → Case details…: the case's title, reference and marking, and the issuing block its
dossier prints near the cover (who issues it, to whom, for what, and its version)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desktop.domain import scales
from desktop.gui.i18n import scale_text
from desktop.gui.widgets.dialogs import Button, answer_buttons
from desktop.services import case

_TEXT_FIELDS = (
    ("title", QT_TRANSLATE_NOOP("CaseDetailsDialog", "Title")),
    ("reference", QT_TRANSLATE_NOOP("CaseDetailsDialog", "Reference")),
)
_ISSUING_FIELDS = (
    ("issuing_organisation", QT_TRANSLATE_NOOP("CaseDetailsDialog", "Issuing organisation"),
     QT_TRANSLATE_NOOP("CaseDetailsDialog", "the organisation that issues the dossier")),
    ("issued_by", QT_TRANSLATE_NOOP("CaseDetailsDialog", "Issued by"),
     QT_TRANSLATE_NOOP("CaseDetailsDialog", "name and role of who issues it")),
    ("addressee", QT_TRANSLATE_NOOP("CaseDetailsDialog", "Addressee"),
     QT_TRANSLATE_NOOP("CaseDetailsDialog", "e.g. Office of the Prosecutor General of Ukraine")),
    ("issued_for", QT_TRANSLATE_NOOP("CaseDetailsDialog", "Issued for"),
     QT_TRANSLATE_NOOP("CaseDetailsDialog", "the proceedings or request it answers")),
    ("dossier_version", QT_TRANSLATE_NOOP("CaseDetailsDialog", "Version"),
     QT_TRANSLATE_NOOP("CaseDetailsDialog", "e.g. 1.0")),
)


class CaseDetailsDialog(QDialog):
    """Shows the case's details and issuing block for editing; `changes()` says what changed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        about = case.summary()
        self.current = {"title": about.title, "reference": about.reference,
                        "classification": about.classification, **case.issuing()}
        self.setWindowTitle(self.tr("Case details"))
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name, label in _TEXT_FIELDS:
            self.edits[name] = QLineEdit(self.current[name])
            form.addRow(self.tr(label), self.edits[name])
        self.classification = QComboBox()
        for grade in scales.CLASSIFICATIONS:
            self.classification.addItem(scale_text(grade.label), grade.code)
        self.classification.setCurrentIndex(
            max(0, self.classification.findData(self.current["classification"])))
        form.addRow(self.tr("Classification"), self.classification)
        heading = QLabel(self.tr("<b>Issuing block</b> — printed near the dossier's cover"))
        form.addRow(heading)
        for name, label, hint in _ISSUING_FIELDS:
            self.edits[name] = QLineEdit(self.current[name])
            self.edits[name].setPlaceholderText(self.tr(hint))
            form.addRow(self.tr(label), self.edits[name])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(answer_buttons(self, accept=Button.Save))

    def changes(self) -> dict[str, str]:
        """Only the fields whose value the user changed (a title is never emptied)."""
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        values["classification"] = self.classification.currentData()
        if not values["title"]:
            values["title"] = self.current["title"]
        return {k: v for k, v in values.items() if v != self.current[k]}
