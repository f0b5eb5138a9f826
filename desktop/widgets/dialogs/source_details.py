"""Edit a source's metadata, custody record and reliability grade (its text never changes)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scales
from desktop.domain.models import Source

_TEXT_FIELDS = (
    ("title", "Title"), ("publisher", "Publisher"), ("author", "Author"), ("url", "URL"),
    ("published", "Published (YYYY-MM-DD)"), ("language", "Language"),
    ("collected_at", "Collected on"), ("collected_by", "Collected by"),
    ("collected_from", "Collected from"), ("reliability_note", "Reliability note"),
)


class SourceDetailsDialog(QDialog):
    """Shows a source's fixed facts and lets the user edit the rest; `changes()` says what."""

    def __init__(self, source_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = Source.get_by_id(source_id)
        self.setWindowTitle("Source details")
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.kind = self._combo(scales.SOURCE_KINDS, self.source.kind)
        form.addRow("Kind", self.kind)
        self.edits: dict[str, QLineEdit] = {}
        for name, label in _TEXT_FIELDS:
            self.edits[name] = QLineEdit(getattr(self.source, name))
            form.addRow(label, self.edits[name])
        self.reliability = self._combo(scales.SOURCE_RELIABILITY, self.source.reliability,
                                       with_code=True)
        form.insertRow(form.rowCount() - 1, "Reliability", self.reliability)
        fixed = QLabel(
            f"<b>Original file</b> {self.source.original_name} · {self.source.media_type} · "
            f"{self.source.size:,} bytes<br><b>SHA-256</b> <code>{self.source.sha256}</code>"
            f"<br><b>Imported</b> {self.source.imported_at} by {self.source.imported_by}")
        fixed.setWordWrap(True)
        fixed.setStyleSheet("color: #444; background: #f4f4f2; padding: 8px; border-radius: 4px;")
        fixed.setTextInteractionFlags(fixed.textInteractionFlags()
                                      | fixed.textInteractionFlags().TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(fixed)
        layout.addWidget(buttons)

    @staticmethod
    def _combo(scale: tuple[scales.Grade, ...], current: str, with_code: bool = False
               ) -> QComboBox:
        combo = QComboBox()
        for grade in scale:
            combo.addItem(f"{grade.code} — {grade.label}" if with_code else grade.label,
                          grade.code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def changes(self) -> dict[str, str]:
        """Only the fields whose value the user changed."""
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        values["kind"] = self.kind.currentData()
        values["reliability"] = self.reliability.currentData()
        return {k: v for k, v in values.items() if v != getattr(self.source, k)}
