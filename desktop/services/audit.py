"""The audit trail: every change to a case is recorded with who, when, what, before and after.

`record()` must be called inside the transaction of the change it describes, so the change and
its entry are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from peewee import Model

from desktop.domain import ledger
from desktop.domain.models import AuditEntry, database, plain_rows


def snapshot(obj: Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The stored values of a row (or some of its fields) as plain JSON-ready data."""
    data = obj.__data__
    names = fields if fields is not None else data.keys()
    return {name: data.get(name) for name in names}


def record(action: str, *, actor: str, object_type: str = "", object_id: int | None = None,
           summary: str = "", before: dict | None = None, after: dict | None = None) -> int:
    """Append one entry to the trail and return its id. Must run inside the change's
    transaction."""
    if not database.in_transaction():
        raise RuntimeError("an audit entry must be written in the transaction of its change")
    return ledger.append({
        "action": action, "actor": actor, "object_type": object_type, "object_id": object_id,
        "summary": summary, "before": before, "after": after})


def history(limit: int | None = None, newest_first: bool = True) -> list[AuditEntry]:
    """The case's change history."""
    order = AuditEntry.id.desc() if newest_first else AuditEntry.id
    query = AuditEntry.select().order_by(order)
    return list(query.limit(limit) if limit else query)


class HistoryRow(NamedTuple):
    """One audit entry as the history panel shows it; before and after stay JSON text until
    someone asks to see them (a tooltip), so listing the trail decodes nothing."""

    id: int
    at: str
    actor: str
    action: str
    summary: str
    before_json: str | None
    after_json: str | None


def history_rows(limit: int, *, after_id: int = 0) -> list[HistoryRow]:
    """The newest entries (at most `limit`, newest first), only those after `after_id`."""
    query = (AuditEntry.select(AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.action,
                               AuditEntry.summary, AuditEntry.before, AuditEntry.after)
             .where(AuditEntry.id > after_id).order_by(AuditEntry.id.desc()).limit(limit))
    return [HistoryRow(*row) for row in plain_rows(query)]
