"""The incidents of a case as a table: code, title, state, open legal elements, evidence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
    Signal,
)

from desktop.domain import db, scales
from desktop.domain.printable import printable
from desktop.gui.i18n import plural, scale_label, supports_label
from desktop.gui.qtmodels.rows_model import (
    ALIGNMENT,
    CELL,
    DISPLAY,
    EDIT,
    EDITABLE_CELL,
    NO_CELL,
    TOOLTIP,
    USER,
    RowsModel,
)
from desktop.gui.qtmodels.sources_model import SORT, Index
from desktop.services import incidents
from desktop.services.incidents import IncidentRow

_ANSWERED = frozenset((DISPLAY, SORT, EDIT, USER, TOOLTIP, ALIGNMENT))


class IncidentsModel(RowsModel):
    """Table of the case's incidents; the title is editable, but only by asking (a signal)."""

    #: An inline edit of a title: (incident id, new title). The model itself never writes.
    renameRequested = Signal(int, str, str)  # incident id, new title, the title shown

    COLUMNS = (QT_TRANSLATE_NOOP("IncidentsModel", "Code"),
               QT_TRANSLATE_NOOP("IncidentsModel", "Title"),
               QT_TRANSLATE_NOOP("IncidentsModel", "State"),
               QT_TRANSLATE_NOOP("IncidentsModel", "Open"),
               QT_TRANSLATE_NOOP("IncidentsModel", "Evidence"))
    CODE, TITLE, STATE, OPEN, EVIDENCE = range(5)

    def load(self) -> list[IncidentRow]:
        return incidents.incident_rows() if db.is_open() else []

    def load_ids(self, ids: frozenset[int]) -> list[IncidentRow]:
        return incidents.incident_rows(ids)

    def sort_key(self, row: IncidentRow) -> str:
        return row.code

    def incident_id(self, row: int) -> int:
        """The id of the incident shown in `row`."""
        return self._rows[row].id

    def incident_code(self, row: int) -> str:
        """The code (INC-nnn) of the incident shown in `row`."""
        return self._rows[row].code

    def header_extra(self, section: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and section == self.OPEN:
            return self.tr("Open elements: legal elements that no usable evidence covers yet")
        if role == Qt.ItemDataRole.ToolTipRole and section == self.EVIDENCE:
            return self.tr("Evidence spans linked to the incident")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_CELL
        return EDITABLE_CELL if index.column() == self.TITLE else CELL

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        item, column = self._rows[index.row()], index.column()
        if role in (DISPLAY, SORT):
            return self._display(item, column)
        if role == EDIT:
            return item.title if column == self.TITLE else None
        if role == USER:
            return item.id
        if role == TOOLTIP:
            return self._tooltip(item, column)
        if column in (self.OPEN, self.EVIDENCE):  # the alignment
            return Qt.AlignmentFlag.AlignCenter
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for a rename; the main window applies it as an undoable command and reloads."""
        if not index.isValid() or index.column() != self.TITLE or role != Qt.ItemDataRole.EditRole:
            return False
        item = self._rows[index.row()]
        title = str(value).strip()
        if title and title != item.title:
            self.renameRequested.emit(item.id, title, item.title)
        return False

    def _display(self, item: IncidentRow, column: int) -> Any:
        """The text of one cell (counts as numbers)."""
        if column == self.STATE:
            return scale_label(scales.INCIDENT_STATES, item.state)
        if column == self.OPEN:
            return len(item.open_elements)
        return (item.code, printable(item.title), None, None, item.evidence)[column]

    def _tooltip(self, item: IncidentRow, column: int) -> str | None:
        """The full title or state, or the evidence and which elements are still open."""
        if column == self.TITLE:
            return printable(item.title)
        if column == self.STATE:  # its column may be too narrow for it
            return scale_label(scales.INCIDENT_STATES, item.state)
        if column == self.OPEN:
            spans = plural(self.tr("%n evidence span(s) linked.", "", item.evidence),
                           item.evidence)
            if not item.open_elements:
                return spans
            lines = (f"• {supports_label(key)}" for key in item.open_elements)
            heading = self.tr("Open elements:")
            return f"{spans}\n{heading}\n" + "\n".join(lines)
        return None
