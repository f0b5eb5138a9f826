"""The base of Casefile's table models: rows read by one query, shown read-only by column.

Each model says how to load its rows (plain rows with an `id`) and what a cell shows; the base
keeps the rows in order, answers Qt's size and header questions, finds a row by id, and brings
only the rows a Change names up to date (`update`), so a mark in a big case redraws one row.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

Index = QModelIndex

#: The roles the models answer, as plain ints: a view asks for a dozen roles per cell it paints
#: or measures, and comparing with Qt's enum members costs more than answering.
DISPLAY, EDIT, USER, TOOLTIP, ALIGNMENT, BACKGROUND, FOREGROUND, FONT = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.UserRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole))

#: A cell's flags as a table model gives them (QAbstractTableModel.flags of a valid index), and
#: those of an editable one: made once, as a view asks for them for every cell it paints or
#: selects (Qt's enum members are slow to combine in Python).
CELL = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
EDITABLE_CELL = CELL | Qt.ItemFlag.ItemIsEditable
NO_CELL = Qt.ItemFlag.NoItemFlags


class RowsModel(QAbstractTableModel):
    """Rows loaded by `load()`, columns named in COLUMNS (marked for translation)."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list = []
        #: Where `update` last put the rows it read (id → row), tried first by `row_of`: a
        #: span just marked is selected next, and a big case's rows are too many to look
        #: through after every mark. Checked before it is trusted, so a stale one costs nothing.
        self._placed: dict[int, int] = {}

    def load(self) -> list:
        """The rows to show, read again from the case (empty when no case is open)."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the rows again (after anything they show changed)."""
        self.beginResetModel()
        self._rows = self.load()
        self.endResetModel()

    def load_ids(self, ids: frozenset[int]) -> list:
        """The rows with these ids that the model shows (those gone or out of scope missing)."""
        raise NotImplementedError

    def sort_key(self, row: Any) -> Any:
        """The order rows are kept in (the order `load()` returns them); it must never change
        for a row (ids, codes, a span's place), so a row read again is found by it."""
        return row.id

    #: More rows appearing or disappearing at once than this: one reset is cheaper.
    RESET_OVER = 64

    def update(self, ids: Iterable[int] | None) -> bool:
        """Read again only the rows with these ids (None: all of them), in place. True when
        the model was reset instead (views then lose their selection)."""
        if ids is None:
            self.reload()
            return True
        ids = frozenset(ids)
        if not ids:
            return False
        fresh = {row.id: row for row in self.load_ids(ids)}
        where = self._positions(fresh, ids)
        gone = sorted((where[i] for i in ids if i in where and i not in fresh), reverse=True)
        new = [row for item_id, row in fresh.items() if item_id not in where]
        if len(gone) + len(new) > self.RESET_OVER:
            kept = [row for row in self._rows if row.id not in ids]
            self.beginResetModel()
            self._rows = sorted(kept + list(fresh.values()), key=self.sort_key)
            self.endResetModel()
            return True
        self._replace({where[i]: row for i, row in fresh.items() if i in where})
        for position in gone:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()
        self._placed = {i: where[i] for i in fresh if i in where and not gone}
        for row in sorted(new, key=self.sort_key):
            position = bisect.bisect_right(self._rows, self.sort_key(row), key=self.sort_key)
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, row)
            self.endInsertRows()
            self._placed[row.id] = position
        return False

    def _positions(self, fresh: dict[int, Any], ids: frozenset[int]) -> dict[int, int]:
        """Where the rows with these ids are now: a row read again is found by its sort key
        (the rows are kept in that order, and a row's key never changes); one pass over the
        rows finds only those that are gone."""
        where: dict[int, int] = {}
        for item_id, row in fresh.items():
            i = bisect.bisect_left(self._rows, self.sort_key(row), key=self.sort_key)
            if i < len(self._rows) and self._rows[i].id == item_id:
                where[item_id] = i
        gone = ids - fresh.keys()
        if gone:
            where.update((row.id, i) for i, row in enumerate(self._rows) if row.id in gone)
        return where

    def _replace(self, rows: dict[int, Any]) -> None:
        """Put new values in these rows and tell the views, one signal per run of rows."""
        changed = sorted(r for r, row in rows.items() if self._rows[r] != row)
        for r in changed:
            self._rows[r] = rows[r]
        last = self.columnCount() - 1
        start = None
        for i, r in enumerate(changed):
            start = r if start is None else start
            if i + 1 == len(changed) or changed[i + 1] != r + 1:
                self.dataChanged.emit(self.index(start, 0), self.index(r, last))
                start = None

    def rows_of(self, ids: Iterable[int]) -> dict[int, int]:
        """Row by id of those of these items that the model shows (one pass over the rows)."""
        wanted = set(ids)
        return {row.id: i for i, row in enumerate(self._rows) if row.id in wanted}

    def row_of(self, item_id: int) -> int:
        """The row showing the item with this id, or -1 when it is not in the model."""
        placed = self._placed.get(item_id)
        if placed is not None and placed < len(self._rows) and self._rows[placed].id == item_id:
            return placed
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
