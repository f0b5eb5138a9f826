"""Case → Protected people…: the names a redacted dossier replaces, their pseudonyms, and for
each person their consent to be named, the risk they run and the statements they have given."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scales
from desktop.domain.refs import source_ref
from desktop.gui.i18n import scale_label, scale_text
from desktop.services import protection, sources


class ProtectedPeopleDialog(QDialog):
    """Lists protected people; adding and removing are asked of the app (undoable edits)."""

    addRequested = Signal(str, str)  # names (one spelling per line), role
    removeRequested = Signal(int)
    #: person id, {consent, risk_note, statements} or {spellings, excluded_forms}
    updateRequested = Signal(int, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protected people"))
        self.resize(680, 700)
        intro = QLabel(self.tr("Names of witnesses and of people not publicly named. Each is "
                               "marked in the sources and replaced by its pseudonym in redacted "
                               "dossiers — in quotes too. Give every spelling the sources use, "
                               "one per line."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Pseudonym"), self.tr("Role"),
                                              self.tr("Spellings"), self.tr("Consent"),
                                              self.tr("Statements")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.names = QPlainTextEdit()
        self.names.setPlaceholderText(self.tr("Oleksandr Marchenko\nО. Марченко"))
        self.names.setFixedHeight(64)
        self.role = QComboBox()
        for grade in scales.PROTECTED_ROLES:
            self.role.addItem(f"{scale_text(grade.label)} ({grade.description}-…)", grade.code)
        add = QPushButton(self.tr("Protect"))
        remove = QPushButton(self.tr("Stop protecting the selected person"))
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        adding = QGroupBox(self.tr("Protect another person"))
        form = QFormLayout(adding)
        form.addRow(self.tr("Spellings"), self.names)
        row = QHBoxLayout()
        row.addWidget(self.role, 1)
        row.addWidget(add)
        form.addRow(self.tr("Role"), row)
        self.person_box = self._person_editor()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.person_box)
        layout.addWidget(adding)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._show_person)
        self.reload()

    def _person_editor(self) -> QGroupBox:
        """The person selected in the table: consent, risk and statements on one tab, the
        spellings and every form the redaction matches on the other."""
        box = QGroupBox(self.tr("The selected person"))
        tabs = QTabWidget()
        tabs.addTab(self._consent_tab(), self.tr("Consent, risk, statements"))
        tabs.addTab(self._forms_tab(), self.tr("Name forms"))
        self.tabs = tabs
        QVBoxLayout(box).addWidget(tabs)
        box.setEnabled(False)
        return box

    def _forms_tab(self) -> QWidget:
        """The spellings (editable) and every form of the name the analyser generated, each
        one a tick: untick a form that is also a common word to stop replacing it."""
        tab = QWidget()
        self.spellings = QPlainTextEdit()
        self.spellings.setFixedHeight(64)
        self.forms_label = QLabel()
        self.forms_label.setWordWrap(True)
        self.forms = QListWidget()
        self.forms.setFlow(QListWidget.Flow.LeftToRight)
        self.forms.setWrapping(True)
        self.forms.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.forms.setSpacing(2)
        self.forms.setMinimumHeight(120)
        self.save_forms = QPushButton(self.tr("Save spellings and forms"))
        self.save_forms.clicked.connect(self._update_forms)
        form = QFormLayout(tab)
        form.addRow(self.tr("Spellings"), self.spellings)
        form.addRow(self.forms_label)
        form.addRow(self.forms)
        form.addRow("", self.save_forms)
        return tab

    def _consent_tab(self) -> QWidget:
        """Consent, risk and statements of the person selected in the table."""
        tab = QWidget()
        self.consent = QComboBox()
        for grade in scales.CONSENT_LEVELS:
            self.consent.addItem(scale_text(grade.label), grade.code)
        self.risk_note = QPlainTextEdit()
        self.risk_note.setPlaceholderText(self.tr("What endangers this person if they are "
                                                  "identified (kept in the case only)"))
        self.risk_note.setFixedHeight(52)
        self.statements = QListWidget()
        self.statements.setFixedHeight(96)
        for source_id, title, *_ in sources.list_sources():
            item = QListWidgetItem(f"{source_ref(source_id)}  {title}")
            item.setData(Qt.ItemDataRole.UserRole, source_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.statements.addItem(item)
        self.save = QPushButton(self.tr("Save consent, risk and statements"))
        self.save.clicked.connect(self._update)
        form = QFormLayout(tab)
        form.addRow(self.tr("Consent to be named"), self.consent)
        form.addRow(self.tr("Risk"), self.risk_note)
        form.addRow(self.tr("Statements already given"), self.statements)
        form.addRow("", self.save)
        return tab

    def selected_person(self) -> protection.PersonRow | None:
        row = self.table.currentRow()
        if row < 0 or self.table.item(row, 0) is None:
            return None
        person_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        return next((p for p in self._people if p.id == person_id), None)

    def _show_person(self) -> None:
        person = self.selected_person()
        self.person_box.setEnabled(person is not None)
        if person is None:
            return
        self.consent.setCurrentIndex(max(0, self.consent.findData(person.consent)))
        self.risk_note.setPlainText(person.risk_note)
        for i in range(self.statements.count()):
            item = self.statements.item(i)
            given = item.data(Qt.ItemDataRole.UserRole) in person.statements
            item.setCheckState(Qt.CheckState.Checked if given else Qt.CheckState.Unchecked)
        self._show_forms(person)

    def _show_forms(self, person: protection.PersonRow) -> None:
        self.spellings.setPlainText("\n".join(person.spellings))
        excluded = set(person.excluded_forms)
        generated = protection.matched_forms(person.spellings)
        self.forms.clear()
        for text in generated:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if text in excluded
                               else Qt.CheckState.Checked)
            self.forms.addItem(item)
        matched = len(generated) - len(excluded & set(generated))
        self.forms_label.setText(self.tr(
            "Also matches {matched} forms of these spellings (every grammatical case, both "
            "scripts, with initials). Untick a form that is also a common word to stop "
            "replacing it; the spellings as written are always replaced.").format(
                matched=matched))

    def _update_forms(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        excluded = [self.forms.item(i).text() for i in range(self.forms.count())
                    if self.forms.item(i).checkState() == Qt.CheckState.Unchecked]
        self.updateRequested.emit(person.id, {
            "spellings": self.spellings.toPlainText(), "excluded_forms": excluded})

    def _update(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        given = [self.statements.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.statements.count())
                 if self.statements.item(i).checkState() == Qt.CheckState.Checked]
        self.updateRequested.emit(person.id, {
            "consent": self.consent.currentData(),
            "risk_note": self.risk_note.toPlainText(), "statements": given})

    def reload(self) -> None:
        selected = self.selected_person() if hasattr(self, "_people") else None
        people = self._people = protection.protected_people()
        self.table.setRowCount(len(people))
        for r, person in enumerate(people):
            cells = (person.pseudonym, scale_label(scales.PROTECTED_ROLES, person.role),
                     " · ".join(person.spellings),
                     scale_label(scales.CONSENT_LEVELS, person.consent),
                     " ".join(source_ref(s) for s in person.statements))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                self.table.setItem(r, c, item)
        if selected is not None:
            again = [r for r, p in enumerate(people) if p.id == selected.id]
            if again:
                self.table.selectRow(again[0])
        self._show_person()

    def _add(self) -> None:
        names = self.names.toPlainText().strip()
        if names:
            self.addRequested.emit(names, self.role.currentData())
            self.names.clear()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.removeRequested.emit(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))
