"""The History panel: what was done to the case, by whom and when (the audit trail)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from desktop.gui.qtmodels.history_model import HistoryModel
from desktop.services.changes import Change, Kind


class HistoryPanel(QWidget):
    """A read-only table of the latest audit entries, newest first. A case opened while its
    tab is hidden is read when the tab is first shown (or its model asked for), so opening a
    case does not read the trail for a table nobody sees."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = HistoryModel(self)
        self._stale = False
        self._table: QTableView | None = None  # built when the tab is first shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def table(self) -> QTableView:
        """The entries' table: built the first time it is shown or asked for (start-up paints
        the window without it, behind the Evidence tab)."""
        return self._ensure_table()

    def _ensure_table(self) -> QTableView:
        if self._table is None:
            self._table = self._build_table()
            self.layout().addWidget(self._table)
            if self.isVisible():  # shown now, not a turn of the event loop later
                self._table.show()
        return self._table

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self._model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(22)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # fit the rows on screen: every change adds one
        return table

    @property
    def model(self) -> HistoryModel:
        """The table's model, up to date with the trail."""
        self._catch_up()
        return self._model

    def reload(self) -> None:
        self._stale = False
        self._model.reload()

    def _catch_up(self) -> None:
        if self._stale:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self._ensure_table()  # before its first paint
        self._catch_up()
        super().showEvent(event)

    def case_changed(self, change: Change) -> None:
        """Every change writes to the trail: its entries go on top (all again on a new case)."""
        if change.ids(Kind.TRAIL) is None:  # a case opened or merged: the whole trail
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # read when the tab is shown
        elif not self._stale:
            self._model.add_newer()
