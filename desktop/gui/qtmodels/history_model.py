"""The case's audit trail as a table, newest first: when, who, what."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt

from desktop.domain import db
from desktop.domain.models import AuditEntry
from desktop.gui.i18n import format_datetime
from desktop.gui.qtmodels.rows_model import RowsModel

#: How many entries the panel shows; the whole trail is in the case and in the dossier annex.
SHOWN = 500


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, indent=1)


class HistoryModel(RowsModel):
    """The latest audit entries; reloaded after every change, undo and redo."""

    COLUMNS = (QT_TRANSLATE_NOOP("HistoryModel", "When (UTC)"),
               QT_TRANSLATE_NOOP("HistoryModel", "Who"),
               QT_TRANSLATE_NOOP("HistoryModel", "What"),
               QT_TRANSLATE_NOOP("HistoryModel", "Details"))

    def load(self) -> list[tuple]:
        if db.case_path() is None:
            return []
        return list(AuditEntry.select(AuditEntry.at, AuditEntry.actor, AuditEntry.action,
                                      AuditEntry.summary, AuditEntry.before, AuditEntry.after)
                    .order_by(AuditEntry.id.desc()).limit(SHOWN).tuples())

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        at, actor, action, summary, before, after = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_datetime(at), actor, action, summary)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and (before or after):
            return self.tr("Before:\n{before}\n\nAfter:\n{after}").format(
                before=_json(before) or "—", after=_json(after) or "—")
        return None
