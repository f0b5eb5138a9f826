"""File → Export dossier…: which incidents, which edition, with or without the audit annex,
in which language (the interface's unless another is chosen), and whether a PDF is also
written (when LibreOffice is installed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scales
from desktop.gui.i18n import LANGUAGES, scale_label
from desktop.gui.widgets.dialogs import answer_buttons
from desktop.services import incidents, rendition, words
from desktop.services.export import DossierOptions


class ExportDossierDialog(QDialog):
    """Asks for the dossier's options and file; `options()` and `path()` give the answers.

    It opens with the choices made last time (`choices`, as `choices()` gives them), and is not
    accepted until they give a dossier: an approved incident exists when only approved ones
    are asked for, one is ticked when selected ones are, and overwriting an earlier dossier
    (whose fingerprint the case's trail recorded) is confirmed."""

    def __init__(self, default_path: Path, parent: QWidget | None = None,
                 choices: dict | None = None) -> None:
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
        listed = incidents.incident_choices()
        self._approved_count = sum(c.state == "approved" for c in listed)
        if not self._approved_count:
            self.approved.setText(self.tr("Approved incidents only (none is approved yet)"))
            self.approved.setEnabled(False)
            self.drafts.setChecked(True)
        for choice in listed:
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
        self.language = QComboBox()
        for code, name in LANGUAGES.items():  # each language named in itself
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(words.language())))
        language_row = QHBoxLayout()
        language_label = QLabel(self.tr("Language of the dossier"))
        language_label.setBuddy(self.language)
        language_row.addWidget(language_label)
        language_row.addWidget(self.language, 1)
        self.pdf = QCheckBox(self.tr("Also write a PDF (PDF/A, the contents with page numbers, "
                                     "made by LibreOffice)"))
        self.no_pdf = QLabel(self.tr("LibreOffice is not installed, so no PDF can be written: "
                                     "install LibreOffice Writer to have one."))
        self.no_pdf.setWordWrap(True)
        self.no_pdf.setContentsMargins(22, 0, 0, 0)
        self.no_pdf.setStyleSheet("color: #555;")
        self.pdf.setEnabled(rendition.soffice() is not None)
        self.no_pdf.setVisible(not self.pdf.isEnabled())

        self.file = QLineEdit(str(default_path))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("Save as")))
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.problem = QLabel()
        self.problem.setProperty("role", "problem")
        self.problem.setStyleSheet("color: #a4262c;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = answer_buttons(self, self.tr("Export"), on_accept=self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(which_box)
        layout.addWidget(edition_box)
        layout.addWidget(self.audit)
        layout.addWidget(self.pdf)
        layout.addWidget(self.no_pdf)
        layout.addLayout(language_row)
        layout.addLayout(file_row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._restore(choices or {})

    def _restore(self, choices: dict) -> None:
        which = {"approved": self.approved, "drafts": self.drafts,
                 "selected": self.selected}.get(choices.get("incidents"))
        if which is not None and which.isEnabled():
            which.setChecked(True)
        (self.redacted if choices.get("edition") == "redacted" else self.full).setChecked(True)
        self.audit.setChecked(bool(choices.get("audit_annex")))
        self.pdf.setChecked(bool(choices.get("pdf")) and self.pdf.isEnabled())

    def choices(self) -> dict:
        """What to remember for next time (never the incidents ticked: they change)."""
        options = self.options()
        return {"incidents": options.incidents, "edition": options.edition,
                "audit_annex": options.audit_annex, "pdf": self.wants_pdf()}

    def _refuse(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _accept(self) -> None:
        options, path = self.options(), self.path()
        if options.incidents == "selected" and not options.selected:
            return self._refuse(self.tr("Tick at least one incident, or choose another option."))
        if options.incidents == "approved" and not self._approved_count:
            return self._refuse(self.tr("No incident is approved yet: include drafts, or have "
                                        "incidents signed off first."))
        if not path.name or path.suffix.lower() != ".docx":
            return self._refuse(self.tr("Save the dossier as a Word file ending in .docx."))
        if not path.parent.is_dir():
            return self._refuse(self.tr("The folder {folder} does not exist.")
                                .format(folder=str(path.parent)))
        if path.exists() and QMessageBox.question(
                self, self.tr("Replace the earlier dossier?"),
                self.tr("{name} exists already. The case's history recorded its fingerprint "
                        "when it was exported; a new dossier under the same name replaces it "
                        "for good. Replace it? Choose No to pick another name.")
                .format(name=path.name),
                # A quick Enter keeps the earlier dossier: replacing it is what is asked.
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return None
        self.problem.hide()
        self.accept()
        return None

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export dossier"), self.file.text(),
                                              self.tr("Word documents (*.docx)"))
        if name:
            self.file.setText(name if name.lower().endswith(".docx") else name + ".docx")

    def path(self) -> Path:
        return Path(self.file.text().strip())

    def wants_pdf(self) -> bool:
        """Whether a PDF is also to be written beside the .docx."""
        return self.pdf.isEnabled() and self.pdf.isChecked()

    def options(self) -> DossierOptions:
        chosen = tuple(
            self.incidents.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.incidents.count())
            if self.incidents.item(i).checkState() == Qt.CheckState.Checked)
        which = ("selected" if self.selected.isChecked()
                 else "drafts" if self.drafts.isChecked() else "approved")
        return DossierOptions(incidents=which, selected=chosen if which == "selected" else (),
                              edition="redacted" if self.redacted.isChecked() else "full",
                              audit_annex=self.audit.isChecked(),
                              language=self.language.currentData())
