"""Edit a source's metadata, custody record and reliability grade (its text never changes)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scales
from desktop.domain.printable import printable
from desktop.domain.refs import source_ref
from desktop.gui.i18n import format_datetime, format_number, plural, scale_text
from desktop.gui.widgets.dialogs import Button, answer_buttons
from desktop.gui.widgets.dialogs.collection_record import CollectionRecordBox
from desktop.services import sources

_TEXT_FIELDS = (
    ("title", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Title")),
    ("publisher", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Publisher")),
    ("originator", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Originated by")),
    ("author", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Author")),
    ("url", QT_TRANSLATE_NOOP("SourceDetailsDialog", "URL")),
    ("published", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Published (YYYY-MM-DD)")),
    ("language", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Language")),
    ("collected_at", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Collected on")),
    ("collected_by", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Collected by")),
    ("collected_from", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Collected from")),
    ("reliability_note", QT_TRANSLATE_NOOP("SourceDetailsDialog", "Reliability note")),
)


class SourceDetailsDialog(QDialog):
    """Shows a source's fixed facts and lets the user edit the rest; `changes()` says what."""

    def __init__(self, source_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = sources.source_details(source_id)
        self.setWindowTitle(self.tr("Source details"))
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.kind = self._combo(scales.SOURCE_KINDS, self.source.kind)
        form.addRow(self.tr("Kind"), self.kind)
        self.edits: dict[str, QLineEdit] = {}
        for name, label in _TEXT_FIELDS:
            self.edits[name] = QLineEdit(getattr(self.source, name))
            form.addRow(self.tr(label), self.edits[name])
        self.reliability = self._combo(scales.SOURCE_RELIABILITY, self.source.reliability,
                                       with_code=True)
        form.insertRow(form.rowCount() - 1, self.tr("Reliability"), self.reliability)
        self.edits["originator"].setPlaceholderText(self.tr(
            "the body that observed, counted or stated it (UN mission, Prosecutor General…)"))
        self.relays = QComboBox()
        self.relays.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.relays.setMinimumContentsLength(40)  # long titles elide, the dialog stays narrow
        self.relays.addItem(self.tr("— no other source"), None)
        for other, title in sources.source_titles().items():
            if other != source_id:
                self.relays.addItem(f"{source_ref(other)} {title}", other)
        self.relays.setCurrentIndex(max(0, self.relays.findData(self.source.relays)))
        self.relays.setToolTip(self.tr("A source that only retells another (a news item on a "
                                       "press release) is one line of evidence with it"))
        form.insertRow(3, self.tr("Relays"), self.relays)
        fixed = QLabel(self.tr(
            "<b>Original file</b> {name} · {media_type} · {size} bytes<br>"
            "<b>SHA-256</b> <code>{sha256}</code><br><b>Imported</b> {at} by {by}").format(
                name=self.source.original_name, media_type=self.source.media_type,
                size=format_number(self.source.size), sha256=self.source.sha256,
                at=format_datetime(self.source.imported_at), by=self.source.imported_by)
            + self._ocr_record() + self._tracked_deletions())
        fixed.setWordWrap(True)
        fixed.setStyleSheet("color: #444; background: #f4f4f2; padding: 8px; border-radius: 4px;")
        fixed.setTextInteractionFlags(fixed.textInteractionFlags()
                                      | fixed.textInteractionFlags().TextSelectableByMouse)
        self.collection = CollectionRecordBox(self.source.collection, self)
        buttons = answer_buttons(self, accept=Button.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.collection)
        layout.addWidget(fixed)
        layout.addWidget(buttons)

    def _ocr_record(self) -> str:
        """How OCR read a scan's text (engine, languages, confidence), for the fixed facts."""
        extraction = self.source.extraction or {}
        if extraction.get("method") != "OCR":
            return ""
        uncertain = len(extraction.get("low_confidence") or ())
        return "<br>" + plural(self.tr(
            "<b>Text read by OCR</b> {tool} {version} · {languages} · mean word confidence "
            "{mean}% · %n word(s) read with low confidence", "", uncertain), uncertain).format(
            tool=extraction.get("tool", ""), version=extraction.get("version", ""),
            languages=extraction.get("languages", ""),
            mean=f"{extraction.get('mean_confidence', 0):g}")

    def _tracked_deletions(self) -> str:
        """How many tracked deletions a Word document held, left out of its text."""
        count = len((self.source.extraction or {}).get("tracked_deletions") or ())
        if not count:
            return ""
        return "<br>" + plural(self.tr(
            "<b>Tracked changes</b> %n deletion(s) left out of the text (listed in the "
            "dossier's source annex)", "", count), count)

    @staticmethod
    def _combo(scale: tuple[scales.Grade, ...], current: str, with_code: bool = False
               ) -> QComboBox:
        combo = QComboBox()
        for grade in scale:
            label = scale_text(grade.label)
            combo.addItem(f"{grade.code} — {label}" if with_code else label,
                          grade.code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def changes(self) -> dict[str, str]:
        """Only the fields whose value the user changed."""
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        values["kind"] = self.kind.currentData()
        values["reliability"] = self.reliability.currentData()
        values["relays"] = self.relays.currentData()
        found = {k: v for k, v in values.items() if v != getattr(self.source, k)}
        record = self.collection.values()
        kept = {k: v for k, v in self.source.collection.items() if k != "hash_checked"}
        if record != kept:
            found["collection"] = record
        return found

    def accept(self) -> None:
        problem = self.collection.problem()
        if problem:
            QMessageBox.warning(self, self.tr("The collection record cannot be kept"),
                                printable(problem))
            return
        super().accept()
