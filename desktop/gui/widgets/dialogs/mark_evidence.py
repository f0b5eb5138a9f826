"""The compact popup that turns a selected passage into an evidence span.

Everything has a sensible default (the current incident, unverified, credibility 6), and what
the passage supports is suggested from the passage itself (a date, a time, a count of people,
a place; see `services.suggestions`), never carried over from the last mark. Its value is
offered as the fact's value in the incident form: E, then Enter, marks the passage and fills
the fact. Tab walks the fields for keyboard-only use.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scales
from desktop.gui.i18n import scale_label, scale_text, supports_label
from desktop.gui.widgets.dialogs import answer_buttons
from desktop.services import incidents, suggestions

MAX_PREFILL = 120
MAX_WIDTH = 720  # the popup never grows past this (long element names are elided)
_GAP = 6  # between the marked passage and the popup standing clear of it
_FRAME_ALLOWANCE = 32  # a title bar the window manager adds, not in the size before showing


def _supports_choices(qualifications: list[str]) -> list[tuple[str, str | None, str]]:
    """(label, code, tooltip) of every form field, then, as a second list, the elements of
    each of the incident's qualifications under a heading naming it (code None)."""
    choices = [(scale_text(g.label), g.code, scale_text(g.label))
               for g in scales.INCIDENT_FIELDS]
    for code in qualifications:
        qualification = scales.QUALIFICATIONS_BY_CODE.get(code)
        if qualification is None:
            continue
        instrument = scale_text(qualification.instrument)
        choices.append((instrument, None, instrument))
        choices += [(f"    {scale_text(e.label)}", scales.element_key(code, e.code),
                     f"{instrument} — {scale_text(e.label)}") for e in qualification.elements]
    return choices


class MarkEvidenceDialog(QDialog):
    """Asks what a selected passage proves; `values()` gives the fields for add_evidence."""

    def __init__(self, quote: str, incident_id: int | None, parent: QWidget | None = None,
                 supports: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark as evidence"))
        self.setMinimumWidth(460)
        self.setMaximumWidth(MAX_WIDTH)
        excerpt = " ".join(quote.split())
        self._quote = excerpt
        self._suggested = suggestions.suggest(excerpt)
        shown = QLabel(f"“{excerpt[:300]}{'…' if len(excerpt) > 300 else ''}”")
        shown.setWordWrap(True)
        shown.setStyleSheet("color: #333; font-style: italic; padding: 4px 0 8px 0;")

        self.incident = QComboBox()
        self.incident.addItem(self.tr("— not linked to an incident —"), None)
        for choice in incidents.incident_choices():
            self.incident.addItem(f"{choice.code}  {choice.title}", choice.id)
        if incident_id is not None:
            self.incident.setCurrentIndex(max(0, self.incident.findData(incident_id)))
        self.supports = QComboBox()
        # Long legal element names are cut short (their full text is the tooltip), so the
        # popup keeps its width.
        self.supports.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.supports.setMinimumContentsLength(40)
        self.value = QLineEdit(self._suggested.value or (excerpt if len(excerpt) <= MAX_PREFILL
                                                         else ""))
        self.value.setPlaceholderText(
            self.tr("the value this passage asserts, e.g. 16 or 2024-09-06"))
        self.status = QComboBox()
        for grade in scales.VERIFICATION_STATUSES:
            mark = scales.STATUS_LOOKS[grade.code].mark
            self.status.addItem(f"{mark}  {scale_text(grade.label)}",
                                grade.code)
        self.credibility = QComboBox()
        for grade in scales.INFORMATION_CREDIBILITY:
            self.credibility.addItem(f"{grade.code} — {scale_text(grade.label)}", grade.code)
        self.credibility.setCurrentIndex(len(scales.INFORMATION_CREDIBILITY) - 1)
        # Who said it, and for which window, when the source relays several bodies' figures.
        self.originator = QLineEdit()
        self.originator.setPlaceholderText(self.tr("who counted or stated it, if not the "
                                                   "source's originator"))
        self.period_start, self.period_end = QLineEdit(), QLineEdit()
        self.period_start.setPlaceholderText(self.tr("from (YYYY-MM)"))
        self.period_end.setPlaceholderText(self.tr("to, or as of"))
        self.scope = QLineEdit()
        self.scope.setPlaceholderText(self.tr("in words, e.g. 2024 only"))
        period = QHBoxLayout()
        for part, stretch in ((self.period_start, 1), (self.period_end, 1), (self.scope, 2)):
            period.addWidget(part, stretch)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(56)
        self.fill = QCheckBox()
        self.fill_note = QLabel()
        self.fill_note.setWordWrap(True)
        self.fill_note.setStyleSheet("color: #555;")
        self.incident.currentIndexChanged.connect(lambda: self._fill_supports(""))
        self._fill_supports(supports or self._suggested.supports)
        self._user_chose_supports = False
        self.supports.activated.connect(self._supports_chosen)
        self.supports.currentIndexChanged.connect(lambda _i: self._show_fill())
        self.value.textEdited.connect(lambda _t: self._show_fill())
        self.incident.currentIndexChanged.connect(lambda _i: self._show_fill())

        form = QFormLayout()
        form.addRow(self.tr("Incident"), self.incident)
        form.addRow(self.tr("Supports"), self.supports)
        form.addRow(self.tr("Asserted value"), self.value)
        form.addRow("", self.fill)
        form.addRow("", self.fill_note)
        form.addRow(self.tr("Originated by"), self.originator)
        form.addRow(self.tr("Period"), period)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Credibility"), self.credibility)
        form.addRow(self.tr("Note"), self.note)
        buttons = answer_buttons(self, self.tr("Mark"))
        layout = QVBoxLayout(self)
        layout.addWidget(shown)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._show_fill()
        self.supports.setFocus()

    def _supports_chosen(self, _index: int) -> None:
        """The user picked what the passage supports: read its value for that fact."""
        found = suggestions.value_for(self.supports.currentData() or "", self._quote)
        if found.value:
            self.value.setText(found.value)
        self._show_fill()

    def fill_fields(self) -> dict:
        """The incident fields marking this passage fills (empty when the tick is off)."""
        return self._fill().fields if self.fill.isChecked() else {}

    def _fill(self) -> suggestions.Fill:
        incident_id = self.incident.currentData()
        stored = incidents.incident_values(incident_id) if incident_id is not None else None
        if stored is None:
            return suggestions.Fill({}, {})
        return suggestions.fills(self.supports.currentData() or "", self.value.text(), stored)

    def _show_fill(self) -> None:
        """Offer the value as the fact's value: ticked when it only fills empty fields."""
        found = self._fill()
        self.fill.setVisible(bool(found.fields))
        self.fill_note.setVisible(bool(found.replaces))
        if not found.fields:
            self.fill.setChecked(False)
            return
        shown = ", ".join(f"{scale_label(scales.EDITABLE_FIELD_WORDS, f)} = {v}"
                          for f, v in found.fields.items() if f != "date_precision")
        self.fill.setText(self.tr("Fill the form: {fields}").format(fields=shown))
        self.fill.setChecked(not found.replaces)
        if found.replaces:
            self.fill_note.setText(self.tr("The form says {old} now: tick to replace it.").format(
                old=", ".join(f"{scale_label(scales.EDITABLE_FIELD_WORDS, f)} = {v}"
                              for f, v in found.replaces.items())))
        fact = self.supports.currentData() or ""
        self.fill.setToolTip(self.tr("The value of {fact} in the incident form, taken from "
                                     "this passage").format(fact=supports_label(fact)))

    def _fill_supports(self, preferred: str) -> None:
        incident_id = self.incident.currentData()
        qualifications = (incidents.incident_qualifications(incident_id)
                          if incident_id is not None else [])
        current = preferred or self.supports.currentData()
        self.supports.clear()
        for text, code, tooltip in _supports_choices(qualifications):
            if code is None:  # a qualification's heading, above its elements: not a choice
                self.supports.insertSeparator(self.supports.count())
            self.supports.addItem(text, code)
            row = self.supports.count() - 1
            self.supports.setItemData(row, tooltip, Qt.ItemDataRole.ToolTipRole)
            if code is None:
                heading = self.supports.model().item(row)
                heading.setEnabled(False)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
        index = self.supports.findData(current) if current else -1
        self.supports.setCurrentIndex(max(0, index))

    def stand_clear_of(self, passage: QRect) -> None:
        """Open below the marked passage (`passage`, on screen), or above it when the screen
        has no room below, so the passage stays in view while its fact is chosen; Qt's place
        (over the window) when neither fits."""
        self.adjustSize()
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        size = self.size() + QSize(0, _FRAME_ALLOWANCE)
        # over the window where it is wide enough, else anywhere on the screen
        window = self.parentWidget().window().frameGeometry() if self.parentWidget() else screen
        across = window.intersected(screen) if window.width() >= size.width() else screen
        x = max(across.left(), min(passage.left(), across.right() - size.width()))
        below, above = passage.bottom() + _GAP, passage.top() - _GAP - size.height()
        if below + size.height() <= screen.bottom():
            self.move(x, below)
        elif above >= screen.top():
            self.move(x, above)

    def values(self) -> dict:
        """The fields of the new span, as services.evidence.add_evidence takes them."""
        return {
            "incident": self.incident.currentData(),
            "supports": self.supports.currentData() or "",
            "asserted_value": self.value.text().strip(),
            "status": self.status.currentData(),
            "credibility": self.credibility.currentData(),
            "note": self.note.toPlainText().strip(),
            "originator": self.originator.text().strip(),
            "period_start": self.period_start.text().strip(),
            "period_end": self.period_end.text().strip(),
            "scope": self.scope.text().strip(),
        }
