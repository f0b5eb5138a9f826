"""The base of Casefile's table models: rows read by one query, shown read-only by column.

Each model says how to load its rows (tuples with an `id`, or plain tuples) and what a cell
shows; the base keeps the rows, answers Qt's size and header questions, and finds a row by id.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

Index = QModelIndex


class RowsModel(QAbstractTableModel):
    """Rows loaded by `load()`, columns named in COLUMNS (marked for translation)."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def load(self) -> list:
        """The rows to show, read again from the case (empty when no case is open)."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the rows again (after anything they show changed)."""
        self.beginResetModel()
        self._rows = self.load()
        self.endResetModel()

    def row_of(self, item_id: int) -> int:
        """The row showing the item with this id, or -1 when it is not in the model."""
        return next((i for i, item in enumerate(self._rows) if item.id == item_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def header_extra(self, section: int, role: int) -> Any:
        """A column header's tooltip or alignment, when a model has one; None otherwise."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            # The context is the concrete model's class, where the names were marked.
            return QCoreApplication.translate(type(self).__name__, self.COLUMNS[section])
        return self.header_extra(section, role)
