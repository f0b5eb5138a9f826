"""Before a redacted edition is written: the words that look like a protected person's name
but would not be replaced. The user ticks the real names among them to add as spellings (and
the check runs again), writes the edition with the words as they are, or writes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui import i18n


class Choice(Enum):
    CANCEL = "cancel"  # write nothing
    ADD = "add"  # add the ticked words as spellings, then check again
    WRITE = "write"  # write the edition with the words as they are


class NearMissesDialog(QDialog):
    """Lists near_misses.NearMiss items, each a tick (unticked: a tick says "this is the
    person's name"); `choice` and `ticked()` say what the user decided."""

    def __init__(self, found: Sequence, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Names that may not be redacted"))
        self.resize(640, 420)
        self.choice = Choice.CANCEL
        self._found = list(found)
        intro = QLabel(i18n.plural(self.tr(
            "%n word(s) in the redacted edition look like a protected person's name but would "
            "not be replaced by a pseudonym. Tick the real names among them to add them as "
            "spellings of that person.", "", len(found)), len(found)))
        intro.setWordWrap(True)
        self.list = QListWidget()
        for miss in self._found:
            item = QListWidgetItem(self.tr("“{word}” looks like {pseudonym}, in {where}: "
                                           "…{context}…").format(
                word=miss.word, pseudonym=miss.pseudonym, where=miss.where,
                context=miss.context))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox()
        self.add = QPushButton(self.tr("Add the ticked words as spellings and check again"))
        self.write = QPushButton(self.tr("Write with these words as they are"))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.add, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.write, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.add.clicked.connect(lambda: self._decide(Choice.ADD))
        self.write.clicked.connect(lambda: self._decide(Choice.WRITE))
        cancel.clicked.connect(self.reject)
        self.add.setEnabled(False)
        self.list.itemChanged.connect(lambda _: self.add.setEnabled(bool(self.ticked())))
        cancel.setDefault(True)  # the safe answer for a hurried Enter
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _decide(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def tick(self, index: int) -> None:
        self.list.item(index).setCheckState(Qt.CheckState.Checked)

    def ticked(self) -> list:
        """The near misses ticked as real names."""
        return [miss for i, miss in enumerate(self._found)
                if self.list.item(i).checkState() == Qt.CheckState.Checked]
