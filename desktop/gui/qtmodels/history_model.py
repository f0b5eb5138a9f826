"""The case's audit trail as a table, newest first: when, who, what."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt

from desktop.domain import db
from desktop.domain.printable import printable
from desktop.gui.i18n import action_words, format_datetime
from desktop.gui.qtmodels.rows_model import RowsModel
from desktop.services import audit
from desktop.services.audit import HistoryRow

#: How many entries the panel shows; the whole trail is in the case and in the dossier annex.
SHOWN = 500


def _json(stored: str | None) -> str:
    """A stored JSON value laid out for reading ("" for none)."""
    value = json.loads(stored) if stored else None
    return "" if value is None else json.dumps(value, ensure_ascii=False, indent=1)


class HistoryModel(RowsModel):
    """The latest audit entries; every change, undo and redo adds its own at the top."""

    COLUMNS = (QT_TRANSLATE_NOOP("HistoryModel", "When (UTC)"),
               QT_TRANSLATE_NOOP("HistoryModel", "Who"),
               QT_TRANSLATE_NOOP("HistoryModel", "What"),
               QT_TRANSLATE_NOOP("HistoryModel", "Details"))

    def load(self) -> list[HistoryRow]:
        return audit.history_rows(SHOWN) if db.is_open() else []

    def add_newer(self) -> None:
        """Put the entries written since the newest one shown at the top (every change adds
        at least one); the oldest beyond SHOWN drop off the end."""
        newest = self._rows[0].id if self._rows else 0
        fresh = audit.history_rows(SHOWN, after_id=newest)
        if not fresh:
            return
        if len(fresh) >= SHOWN or not self._rows:
            self.reload()
            return
        self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
        self._rows[:0] = fresh
        self.endInsertRows()
        if len(self._rows) > SHOWN:
            self.beginRemoveRows(QModelIndex(), SHOWN, len(self._rows) - 1)
            del self._rows[SHOWN:]
            self.endRemoveRows()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        _, at, actor, action, summary, before, after = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_datetime(at), printable(actor), action_words(action),
                    printable(summary))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and (before or after):
            return self.tr("Before:\n{before}\n\nAfter:\n{after}").format(
                before=_json(before) or "—", after=_json(after) or "—")
        return None
