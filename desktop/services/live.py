"""Live updates of a server case: what other writers changed, as the Changes panels redraw by.

The server announces every audit entry as its transaction commits (domain/server's
EntryListener); an entry records the rows its change left (`row_digests`), so the Change of
a batch of entries names exactly those rows, and the spans' sources and incidents (their
counts follow), without reading anything that did not change.
"""

from __future__ import annotations

import json

from desktop.domain import digests, server
from desktop.domain.models import AuditEntry, Evidence, database
from desktop.services.changes import Change, Kind, touched

#: The kind of each audited table's rows (a member belongs to the case's description).
_KINDS = {"case": Kind.CASE, "member": Kind.CASE, "source": Kind.SOURCE,
          "incident": Kind.INCIDENT, "evidence": Kind.EVIDENCE,
          "protected_person": Kind.PROTECTED}


def change_of(entry_ids: list[int]) -> Change:
    """What these audit entries changed: the rows they record, by kind."""
    ids: dict[Kind, set[int]] = {}
    rows = (AuditEntry.select(AuditEntry.object_type, AuditEntry.object_id,
                              AuditEntry.row_digests)
            .where(AuditEntry.id.in_(entry_ids)).tuples())
    for object_type, object_id, recorded in rows:
        keys = list(json.loads(recorded)) if recorded else []
        if object_type in _KINDS and object_id is not None:
            keys.append(digests.key(object_type, object_id))
        for table, row_id in map(digests.split_key, keys):
            if table in _KINDS:
                ids.setdefault(_KINDS[table], set()).add(row_id)
    spans = sorted(ids.get(Kind.EVIDENCE, ()))
    for _, source_id, incident_id in (Evidence.select(Evidence.id, Evidence.source,
                                                      Evidence.incident)
                                      .where(Evidence.id.in_(spans)).tuples()):
        ids.setdefault(Kind.SOURCE, set()).add(source_id)
        if incident_id is not None:
            ids.setdefault(Kind.INCIDENT, set()).add(incident_id)
    return Change(touched(**{kind.value: found for kind, found in ids.items()}))


class LiveUpdates:
    """Listens to the open server case: `take()` gives the Change of what others committed
    since the last call (None when nothing), `fileno()` the socket to wait on."""

    def __init__(self) -> None:
        self._listener = server.EntryListener(database.obj)

    def fileno(self) -> int:
        return self._listener.fileno()

    def take(self, wait: float = 0) -> Change | None:
        entries = self._listener.entries(wait)
        return change_of(entries) if entries else None

    def close(self) -> None:
        self._listener.close()
