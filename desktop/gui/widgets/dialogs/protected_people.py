"""Case → Protected people…: the names a redacted dossier replaces, and their pseudonyms."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scales
from desktop.gui.i18n import scale_label, scale_text
from desktop.services import protection


class ProtectedPeopleDialog(QDialog):
    """Lists protected people; adding and removing are asked of the app (undoable edits)."""

    addRequested = Signal(str, str)  # names (one spelling per line), role
    removeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protected people"))
        self.resize(640, 460)
        intro = QLabel(self.tr("Names of witnesses and of people not publicly named. Each is "
                               "marked in the sources and replaced by its pseudonym in redacted "
                               "dossiers — in quotes too. Give every spelling the sources use, "
                               "one per line."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Pseudonym"), self.tr("Role"),
                                              self.tr("Spellings")])
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
        form = QFormLayout()
        form.addRow(self.tr("Spellings"), self.names)
        row = QHBoxLayout()
        row.addWidget(self.role, 1)
        row.addWidget(add)
        form.addRow(self.tr("Role"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        people = protection.protected_people()
        self.table.setRowCount(len(people))
        for r, person in enumerate(people):
            cells = (person.pseudonym, scale_label(scales.PROTECTED_ROLES, person.role),
                     " · ".join(person.spellings))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                self.table.setItem(r, c, item)

    def _add(self) -> None:
        names = self.names.toPlainText().strip()
        if names:
            self.addRequested.emit(names, self.role.currentData())
            self.names.clear()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.removeRequested.emit(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))
