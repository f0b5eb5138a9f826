"""File → Export dossier…: which incidents, which edition, with or without the audit annex."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scales
from desktop.gui.i18n import scale_label
from desktop.gui.widgets.dialogs import answer_buttons
from desktop.services import incidents
from desktop.services.export import DossierOptions


class ExportDossierDialog(QDialog):
    """Asks for the dossier's options and file; `options()` and `path()` give the answers."""

    def __init__(self, default_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export dossier"))
        self.setMinimumWidth(520)
        self.approved = QRadioButton(self.tr("Approved incidents only"))
        self.drafts = QRadioButton(self.tr("All incidents (those not approved are marked DRAFT)"))
        self.selected = QRadioButton(self.tr("Selected incidents:"))
        self.approved.setChecked(True)
        self.which = QButtonGroup(self)
        for button in (self.approved, self.drafts, self.selected):
            self.which.addButton(button)
        self.incidents = QListWidget()
        self.incidents.setMaximumHeight(140)
        for choice in incidents.incident_choices():
            state_label = scale_label(scales.INCIDENT_STATES, choice.state)
            item = QListWidgetItem(f"{choice.code}  {choice.title}  ({state_label})")
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.incidents.addItem(item)
        self.incidents.setEnabled(False)
        self.selected.toggled.connect(self.incidents.setEnabled)
        which_box = QGroupBox(self.tr("Incidents"))
        which_layout = QVBoxLayout(which_box)
        for widget in (self.approved, self.drafts, self.selected, self.incidents):
            which_layout.addWidget(widget)

        self.full = QRadioButton(self.tr("Full edition"))
        self.redacted = QRadioButton(self.tr("Redacted edition"))
        redaction = QLabel(self.tr("Protected names are replaced by their pseudonyms, in quotes "
                                   "too, and the URLs of confidential sources are left out."))
        redaction.setWordWrap(True)
        redaction.setContentsMargins(22, 0, 0, 0)
        redaction.setStyleSheet("color: #555;")
        self.full.setChecked(True)
        edition_box = QGroupBox(self.tr("Edition"))
        edition_layout = QVBoxLayout(edition_box)
        edition_layout.addWidget(self.full)
        edition_layout.addWidget(self.redacted)
        edition_layout.addWidget(redaction)
        self.audit = QCheckBox(self.tr("Include the audit annex (the case's change history)"))

        self.file = QLineEdit(str(default_path))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("Save as")))
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        buttons = answer_buttons(self, self.tr("Export"))
        layout = QVBoxLayout(self)
        layout.addWidget(which_box)
        layout.addWidget(edition_box)
        layout.addWidget(self.audit)
        layout.addLayout(file_row)
        layout.addWidget(buttons)

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export dossier"), self.file.text(),
                                              self.tr("Word documents (*.docx)"))
        if name:
            self.file.setText(name if name.lower().endswith(".docx") else name + ".docx")

    def path(self) -> Path:
        return Path(self.file.text().strip())

    def options(self) -> DossierOptions:
        chosen = tuple(
            self.incidents.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.incidents.count())
            if self.incidents.item(i).checkState() == Qt.CheckState.Checked)
        which = ("selected" if self.selected.isChecked()
                 else "drafts" if self.drafts.isChecked() else "approved")
        return DossierOptions(incidents=which, selected=chosen if which == "selected" else (),
                              edition="redacted" if self.redacted.isChecked() else "full",
                              audit_annex=self.audit.isChecked())
