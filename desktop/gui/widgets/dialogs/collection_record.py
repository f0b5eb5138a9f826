"""The collection record of a source (the Berkeley Protocol): the fields a collector fills in
when importing files, and when editing a source's details later."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import collection
from desktop.domain.errors import ValidationError
from desktop.domain.printable import printable
from desktop.gui.widgets.dialogs import answer_buttons

_FIELDS = (
    ("tool", QT_TRANSLATE_NOOP("CollectionRecordBox", "Tool and version"),
     QT_TRANSLATE_NOOP("CollectionRecordBox",
                       "Hunchly 2.4, wget 1.21, Chrome 131 “Save as”")),
    ("method", QT_TRANSLATE_NOOP("CollectionRecordBox", "Capture method"),
     QT_TRANSLATE_NOOP("CollectionRecordBox",
                       "full-page capture, download, screen recording")),
    ("captured_at", QT_TRANSLATE_NOOP("CollectionRecordBox", "Captured at"),
     QT_TRANSLATE_NOOP("CollectionRecordBox", "2025-01-23T13:05:00Z")),
    ("time_source", QT_TRANSLATE_NOOP("CollectionRecordBox", "Time source"),
     QT_TRANSLATE_NOOP("CollectionRecordBox",
                       "the clock the time comes from: laptop, NTP")),
    ("identity", QT_TRANSLATE_NOOP("CollectionRecordBox", "Identity used"),
     QT_TRANSLATE_NOOP("CollectionRecordBox",
                       "the account or persona the collector used")),
    ("hash_at_collection", QT_TRANSLATE_NOOP("CollectionRecordBox", "Hash at collection"),
     QT_TRANSLATE_NOOP("CollectionRecordBox",
                       "sha256:… taken where it was collected; checked against the file")),
)


class CollectionRecordBox(QGroupBox):
    """The record's fields; `values()` gives what is filled in, `check()` whether it is valid."""

    def __init__(self, record: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Collection record"), parent)
        record = record or {}
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for name, label, hint in _FIELDS:
            edit = QLineEdit(record.get(name, ""))
            edit.setPlaceholderText(self.tr(hint))
            edit.setObjectName(f"collection_{name}")
            self.edits[name] = edit
            form.addRow(self.tr(label), edit)
        if record.get("hash_checked"):
            checked = QLabel(self.tr("The hash matches the bytes imported."))
            checked.setStyleSheet("color: #2e6b30;")
            form.addRow("", checked)

    def values(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()
                if edit.text().strip()}

    def problem(self) -> str:
        """Why the record cannot be kept ("" when it can)."""
        try:
            collection.record(**self.values())
        except ValidationError as exc:
            return str(exc)
        return ""


class CollectionRecordDialog(QDialog):
    """Before an import: how the files were collected, said once for all of them."""

    def __init__(self, paths: Sequence[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import with a collection record"))
        self.setMinimumWidth(560)
        names = ", ".join(printable(path.name) for path in paths[:3])
        more = len(paths) - 3
        intro = QLabel(self.tr("How {files} were collected. A web capture's own tool and "
                               "capture time are taken where you leave them empty. A hash at "
                               "collection names one file.").format(
            files=names + (self.tr(" and {n} more").format(n=more) if more > 0 else "")))
        intro.setWordWrap(True)
        self.box = CollectionRecordBox(parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.box)
        layout.addWidget(answer_buttons(self, self.tr("Import")))
        self.paths = list(paths)

    def accept(self) -> None:
        problem = self.box.problem()
        if not problem and "hash_at_collection" in self.box.values() and len(self.paths) != 1:
            problem = self.tr("A hash taken at collection names one file: import that file on "
                              "its own.")
        if problem:
            QMessageBox.warning(self, self.tr("The collection record cannot be kept"),
                                printable(problem))
            return
        super().accept()

    def values(self) -> dict[str, str]:
        return self.box.values()
