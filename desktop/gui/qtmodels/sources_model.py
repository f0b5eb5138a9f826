"""The sources of a case as a table: title, publisher, date, reliability grade, evidence count."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.domain import db, scales
from desktop.domain.printable import printable
from desktop.gui.i18n import scale_label
from desktop.gui.qtmodels.rows_model import ALIGNMENT, DISPLAY, TOOLTIP, USER, RowsModel
from desktop.services import sources
from desktop.services.sources import SourceRow

#: Role under which a cell gives the value to sort by (numbers stay numbers).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT = int(SORT_ROLE)  # as `data` compares it (see rows_model.DISPLAY)

Index = QModelIndex | QPersistentModelIndex


class SourcesModel(RowsModel):
    """Read-only table of the case's sources; Qt.UserRole gives a row's source id."""

    COLUMNS = (QT_TRANSLATE_NOOP("SourcesModel", "Title"),
               QT_TRANSLATE_NOOP("SourcesModel", "Publisher"),
               QT_TRANSLATE_NOOP("SourcesModel", "Date"),
               QT_TRANSLATE_NOOP("SourcesModel", "Grade"),
               QT_TRANSLATE_NOOP("SourcesModel", "Evidence"))
    TITLE, PUBLISHER, DATE, GRADE, EVIDENCE = range(5)

    def load(self) -> list[SourceRow]:
        return sources.source_rows() if db.is_open() else []

    def load_ids(self, ids: frozenset[int]) -> list[SourceRow]:
        return sources.source_rows(ids)

    def source_id(self, row: int) -> int:
        """The id of the source shown in `row`."""
        return self._rows[row].id

    def header_extra(self, section: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and section == self.GRADE:
            return self.tr("Source reliability (Admiralty code A–F)")
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (self.GRADE, self.EVIDENCE):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        item, column = self._rows[index.row()], index.column()
        if role == DISPLAY:
            return self._display(item, column)
        if role == USER:
            return item.id
        if role == SORT:
            return item.evidence if column == self.EVIDENCE else self._display(item, column)
        if role == TOOLTIP:
            return self._tooltip(item, column)
        if column in (self.GRADE, self.EVIDENCE):  # the alignment
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _display(self, item: SourceRow, column: int) -> Any:
        """The text of one cell."""
        return (printable(item.title), printable(item.publisher), item.published,
                item.reliability, item.evidence)[column]

    def _tooltip(self, item: SourceRow, column: int) -> str | None:
        """Full title with its publisher (titles are elided), or the grade's meaning."""
        if column == self.GRADE:
            grade = scale_label(scales.SOURCE_RELIABILITY, item.reliability)
            return f"{item.reliability} — {grade}"
        if column == self.TITLE:
            byline = " · ".join(part for part in (item.publisher, item.published) if part)
            return printable(item.title) + (f"\n{printable(byline)}" if byline else "")
        return None


_ANSWERED = frozenset((DISPLAY, USER, SORT, TOOLTIP, ALIGNMENT))


class SourcesFilterProxy(QSortFilterProxyModel):
    """Sorts the sources and keeps those whose title or publisher contains the filter text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        """Show only sources whose title or publisher contains `text` (any case)."""
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._text:
            return True
        model = self.sourceModel()
        title = model.index(source_row, SourcesModel.TITLE, source_parent).data()
        publisher = model.index(source_row, SourcesModel.PUBLISHER, source_parent).data()
        return self._text in f"{title}\n{publisher}".casefold()
