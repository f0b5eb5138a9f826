"""Evidence spans as a table, a proxy to filter and sort them, and a credibility editor.

Edits never reach the database from here: `setData` emits `editRequested` and the main window
turns it into an undoable command; the Change it makes brings the rows it names up to date.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.domain import db, scales
from desktop.domain.pages import span_pages
from desktop.domain.printable import printable
from desktop.gui.i18n import (
    format_date,
    format_datetime,
    scale_description,
    scale_label,
    supports_label,
)
from desktop.gui.qtmodels.rows_model import (
    BACKGROUND,
    CELL,
    DISPLAY,
    EDIT,
    EDITABLE_CELL,
    FONT,
    FOREGROUND,
    NO_CELL,
    TOOLTIP,
    USER,
    RowsModel,
)
from desktop.gui.qtmodels.sources_model import SORT, SORT_ROLE, Index
from desktop.gui.widgets.actions import guard_typed_keys
from desktop.services import pages as page_service
from desktop.services.evidence import EvidenceRow, SpanPlace, evidence_rows, span_places

QUOTE_LIMIT = 80
#: Text on the light status colours: dark whatever the palette, so it stays readable.
STATUS_TEXT = QColor("#1a1a1a")
_STATUS_ORDER = {code: i for i, code in enumerate(scales.STATUS_CODES)}
_REVIEW_ORDER = {code: i for i, code in enumerate(scales.REVIEW_CODES)}
_ANSWERED = frozenset((DISPLAY, EDIT, USER, TOOLTIP, BACKGROUND, FOREGROUND, FONT, SORT))


def elided(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def credibility_text(code: str) -> str:
    """A credibility grade as read in the table: "2 — Probably true"."""
    return f"{code} — {scale_label(scales.INFORMATION_CREDIBILITY, code)}"


def status_text(code: str) -> str:
    """A status with its mark, so colour is never the only cue: "✓ Verified"."""
    look = scales.STATUS_LOOKS.get(code)
    name = scale_label(scales.VERIFICATION_STATUSES, code)
    return f"{look.mark} {name}" if look else name


def _rich(text: str) -> str:
    """Tooltip text as rich text, which Qt word-wraps (plain tooltips are one long line)."""
    from html import escape  # html loads with the first tooltip

    return f"<p>{escape(text)}</p>"


class EvidenceModel(RowsModel):
    """Evidence spans of the case, or of one incident; Qt.UserRole gives a row's evidence id."""

    #: (evidence ids, changes) — e.g. ([7], {"credibility": "3"}) or ([7], {"note": "…"}).
    editRequested = Signal(list, dict, object)  # ids, changes, {id: {field: the value shown}}

    COLUMNS = (QT_TRANSLATE_NOOP("EvidenceModel", "E-no."),
               QT_TRANSLATE_NOOP("EvidenceModel", "Quote"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Source"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Incident"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Supports"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Value"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Status"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Credibility"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Review"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Note"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Created by"),
               QT_TRANSLATE_NOOP("EvidenceModel", "Created at"))
    (ENO, QUOTE, SOURCE, INCIDENT, SUPPORTS, VALUE, STATUS, CREDIBILITY, REVIEW, NOTE,
     CREATED_BY, CREATED_AT) = range(12)
    EDITABLE = {CREDIBILITY: "credibility", NOTE: "note"}

    #: Rows read at once around one the view asks for (the rows on screen, and a scroll's).
    READ_AROUND = 64, 192

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: A row not read yet is its SpanPlace (id, source, start: its place in the order);
        #: it is read, with those around it, when a view first asks what it shows.
        self._rows: list[EvidenceRow | SpanPlace] = []
        self._scope: int | None = None
        self._starts: dict[int, list[int]] = {}  # where each page of the rows' sources starts

    def load(self) -> list[SpanPlace]:
        """The place of every span in scope (one read of an index; none when no case is
        open), and where the pages of their sources start: a big case's rows are read as
        they come on screen, or all at once for a sort, a filter or a review queue."""
        rows = [] if not db.is_open() else span_places(incident_id=self._scope)
        self._starts = page_service.page_starts({row.source_id for row in rows})
        return rows

    def _read(self, positions: range | None = None) -> None:
        """Read the rows at these positions that are still places (None: every row)."""
        rows = self._rows
        if positions is None:
            fresh = {row.id: row for row in evidence_rows(incident_id=self._scope)}
            positions = range(len(rows))
        else:
            unread = [rows[i].id for i in positions if type(rows[i]) is SpanPlace]
            fresh = {row.id: row for row in evidence_rows(ids=unread)} if unread else {}
        for i in positions:
            if type(rows[i]) is SpanPlace and rows[i].id in fresh:
                rows[i] = fresh[rows[i].id]

    def _read_around(self, row: int) -> EvidenceRow | SpanPlace:
        before, after = self.READ_AROUND
        self._read(range(max(0, row - before), min(len(self._rows), row + after)))
        return self._rows[row]

    def load_ids(self, ids: frozenset[int]) -> list[EvidenceRow]:
        rows = evidence_rows(incident_id=self._scope, ids=ids)
        self._starts.update(page_service.page_starts(
            row.source_id for row in rows if row.source_id not in self._starts))
        return rows

    def page_citation(self, row: EvidenceRow) -> str:
        """The pages a span of a paged source lies on: "p. 14", "pp. 14–15"; else ""."""
        found = span_pages(self._starts.get(row.source_id, ()), row.start, row.end)
        if found is None:
            return ""
        first, last = found
        if first == last:
            return self.tr("p. {page}").format(page=first)
        return self.tr("pp. {first}–{last}").format(first=first, last=last)

    def sort_key(self, row: EvidenceRow) -> tuple[int, int, int]:
        return row.source_id, row.start, row.id

    def set_incident_scope(self, incident_id: int | None) -> None:
        """Show only one incident's evidence (None: the whole case), and reload."""
        self._scope = incident_id
        self.reload()

    def incident_scope(self) -> int | None:
        """The incident the model is limited to, or None for the whole case."""
        return self._scope

    def row_at(self, row: int) -> EvidenceRow:
        """The evidence shown in `row` (asked for row after row: every row is read at once)."""
        if type(self._rows[row]) is SpanPlace:
            self._read()
        return self._rows[row]

    def source_id(self, row: int) -> int:
        """The source of the evidence shown in `row` (known without reading the row)."""
        return self._rows[row].source_id

    def evidence_id(self, row: int) -> int:
        """The id of the evidence shown in `row`."""
        return self._rows[row].id

    def header_extra(self, section: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and section == self.VALUE:
            return self.tr("The value the passage asserts for the fact it supports")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_CELL
        return EDITABLE_CELL if index.column() in self.EDITABLE else CELL

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if type(row) is SpanPlace:
            if role == USER:
                return row.id
            row = self.row_at(index.row()) if role == SORT else self._read_around(index.row())
            if type(row) is SpanPlace:
                return None  # removed meanwhile: the Change that says so is on its way
        if role == DISPLAY:
            return self._display(row, column)
        if role == EDIT:
            return self._edit_value(row, column)
        if role == USER:
            return row.id
        if role == SORT:
            return self._sort_key(row, column)
        if role == TOOLTIP:
            return self._tooltip(row, column)
        return self._look(row, column, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the edit by signal; returns False because nothing changed (yet)."""
        field = self.EDITABLE.get(index.column()) if index.isValid() else None
        if field is None or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.row_at(index.row())
        value = str(value if value is not None else "")
        if field == "credibility" and value not in scales.CREDIBILITY_CODES:
            return False
        if value != getattr(row, field):
            shown = {row.id: {field: getattr(row, field)}}  # refused if saved anew meanwhile
            self.editRequested.emit([row.id], {field: value}, shown)
        return False

    def _display(self, row: EvidenceRow, column: int) -> str:
        """The text of one cell."""
        match column:
            case self.ENO:
                return row.ref
            case self.QUOTE:
                return elided(row.quote)
            case self.SOURCE:
                cited = self.page_citation(row)
                return printable(row.source_title) + (f" · {cited}" if cited else "")
            case self.INCIDENT:
                return row.incident_code or "—"
            case self.SUPPORTS:
                return supports_label(row.supports) if row.supports else ""
            case self.VALUE:
                return row.asserted_value
            case self.STATUS:
                return status_text(row.status)
            case self.CREDIBILITY:
                return credibility_text(row.credibility)
            case self.REVIEW:
                return scale_label(scales.REVIEW_STATES, row.review_state)
            case self.NOTE:
                return " ".join(row.note.split())
            case self.CREATED_BY:
                return printable(row.created_by)
            case _:
                return format_date(row.created_at)

    def _edit_value(self, row: EvidenceRow, column: int) -> str | None:
        """What an editor starts from: the stored code or text."""
        if column == self.CREDIBILITY:
            return row.credibility
        if column == self.NOTE:
            return row.note
        return self._display(row, column)

    def _sort_key(self, row: EvidenceRow, column: int) -> Any:
        """Numbers and scale positions sort as such; text sorts without regard to case."""
        match column:
            case self.ENO:
                return row.id
            case self.CREDIBILITY:
                return int(row.credibility) if row.credibility.isdigit() else 99
            case self.STATUS:
                return _STATUS_ORDER.get(row.status, 99)
            case self.REVIEW:
                return _REVIEW_ORDER.get(row.review_state, 99)
            case self.INCIDENT:
                return row.incident_code or ""
            case self.CREATED_AT:
                return row.created_at
            case _:
                return self._display(row, column).casefold()

    def _tooltip(self, row: EvidenceRow, column: int) -> str | None:
        """The full text behind an elided or coded cell."""
        match column:
            case self.QUOTE:
                return _rich(row.quote)
            case self.SOURCE:
                grade = scale_label(scales.SOURCE_RELIABILITY, row.source_reliability)
                by = f" — {row.source_publisher}" if row.source_publisher else ""
                return _rich(self.tr("{title}{by} (reliability {code}: {grade})").format(
                    title=row.source_title, by=by, code=row.source_reliability, grade=grade))
            case self.SUPPORTS if row.supports:
                return _rich(supports_label(row.supports))
            case self.STATUS:
                return scale_description(scales.VERIFICATION_STATUSES, row.status) or None
            case self.CREDIBILITY:
                description = scale_description(scales.INFORMATION_CREDIBILITY, row.credibility)
                return f"{credibility_text(row.credibility)}: {description}" if description \
                    else None
            case self.REVIEW if row.review_state == "returned":
                return _rich(self.tr("Returned: {comment}").format(
                    comment=row.review_comment or self.tr("(no comment)")))
            case self.NOTE if row.note:
                return _rich(row.note)
            case self.INCIDENT if not row.incident_code:
                return self.tr("Not linked to an incident")
            case self.CREATED_AT:
                return format_datetime(row.created_at)
        return None

    def _look(self, row: EvidenceRow, column: int, role: int) -> Any:
        """Status colour on the status cell; rejected spans struck through across the row."""
        look = scales.STATUS_LOOKS.get(row.status)
        if role == BACKGROUND and column == self.STATUS and look:
            return QColor(look.colour)
        if role == FOREGROUND and column == self.STATUS and look:
            return STATUS_TEXT
        if role == FONT and look and look.strike:
            return _struck_font()
        return None


@functools.cache
def _struck_font() -> QFont:
    """The font of a struck-through row (made once: a view asks for it for every cell)."""
    font = QFont()
    font.setStrikeOut(True)
    return font


class EvidenceFilterProxy(QSortFilterProxyModel):
    """Sorts evidence per column and filters it by status, incident, source and text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status: str | None = None
        self._incident: int | None = None
        self._source: int | None = None
        self._text = ""
        self.setSortRole(SORT_ROLE)

    def set_status(self, code: str | None) -> None:
        """Keep only spans in this verification status (None: any)."""
        if code == self._status:
            return
        self.beginFilterChange()
        self._status = code
        self._rows_changed()

    def set_incident(self, incident_id: int | None) -> None:
        """Keep only spans linked to this incident (None: any)."""
        if incident_id == self._incident:
            return
        self.beginFilterChange()
        self._incident = incident_id
        self._rows_changed()

    def set_source(self, source_id: int | None) -> None:
        """Keep only spans marked in this source (None: any)."""
        if source_id == self._source:
            return
        self.beginFilterChange()
        self._source = source_id
        self._rows_changed()

    def set_text(self, text: str) -> None:
        """Keep only spans whose quote, note, value or source title contains `text`."""
        text = text.strip().casefold()
        if text == self._text:
            return
        self.beginFilterChange()
        self._text = text
        self._rows_changed()

    def _rows_changed(self) -> None:
        """Refilter rows only: the columns never change."""
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filters(self) -> dict[str, Any]:
        """The filters in force (for tests and for restoring a panel)."""
        return {"status": self._status, "incident": self._incident, "source": self._source,
                "text": self._text}

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._status is None and self._incident is None and self._source is None \
                and not self._text:
            return True  # asked for every row when a big case opens
        row = self.sourceModel().row_at(source_row)
        if self._status is not None and row.status != self._status:
            return False
        if self._incident is not None and row.incident_id != self._incident:
            return False
        if self._source is not None and row.source_id != self._source:
            return False
        if not self._text:
            return True
        haystack = "\n".join((row.quote, row.note, row.asserted_value, row.source_title))
        return self._text in haystack.casefold()


class CredibilityDelegate(QStyledItemDelegate):
    """Edits a credibility grade with a combo of the six grades; a pick commits at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        for grade in scales.INFORMATION_CREDIBILITY:
            combo.addItem(credibility_text(grade.code), grade.code)
            combo.setItemData(combo.count() - 1,
                              scale_description(scales.INFORMATION_CREDIBILITY, grade.code),
                              Qt.ItemDataRole.ToolTipRole)
        combo.activated.connect(lambda _=0: self._commit(combo))
        guard_typed_keys(combo)  # "3" picks a grade here, never grades the selection
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        code = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(code)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def _commit(self, combo: QComboBox) -> None:
        """A choice in the list is the whole edit: commit it and close the editor."""
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)
