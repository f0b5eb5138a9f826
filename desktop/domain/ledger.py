"""The audit trail as a hash chain: each entry's hash covers its content and the previous hash.

Editing or deleting an entry with an outside SQLite tool breaks the chain from that entry on;
removing the newest entries is caught by the chain head kept in the case row. (Someone who
recomputes the whole chain is caught only against a head recorded outside the file, such as a
hand-over manifest.)

Since format 10 each entry also records the digests of the rows its change left (see `digests`),
in `row_digests`, which its hash covers: so the trail accounts for every row of the case. Since
format 16 it records, in `row_before`, the digests of the rows it changed or removed as they
were before, so a row changed outside Casefile is not made good by an edit in Casefile.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from desktop.domain import digests, models

GENESIS = "0" * 64
_SEPARATOR = "\x1f"  # a character that never occurs in the stored fields' text

_SQL_LAST = 'SELECT id, entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1'
_SQL_INSERT = ('INSERT INTO audit_entry (id, at, actor, action, object_type, object_id, '
               'summary, before, after, row_digests, entry_hash) '
               'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
#: With the rows' states before the change (format 16): the steps that upgrade an older case
#: write entries before the column exists, and record no such states (`restated`).
_SQL_INSERT_BEFORE = ('INSERT INTO audit_entry (id, at, actor, action, object_type, '
                      'object_id, summary, before, after, row_digests, row_before, entry_hash) '
                      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
#: The one case row, named by its rowid: an UPDATE that could touch several rows opens a
#: statement journal, which makes the search index (FTS5) flush its pending words each time
#: (a third of an import's time when every entry moved the head that way).
_SQL_HEAD = ('UPDATE "case" SET audit_head = ?, audit_count = audit_count + ? '
             'WHERE rowid = (SELECT rowid FROM "case" LIMIT 1)')


def entry_digest(previous: str, row: tuple) -> str:
    """The hash of one entry: SHA-256 over the previous hash and the entry's stored fields.

    `row` is (id, at, actor, action, object_type, object_id, summary, before, after) exactly as
    stored (before/after as their JSON text), so a check reads the same bytes the write hashed,
    and then row_digests and row_before; an entry without them (written before format 10, or
    recording no row's earlier state) is hashed as it was then.
    """
    while len(row) > 9 and row[-1] is None:
        row = row[:-1]
    text = _SEPARATOR.join("" if v is None else str(v) for v in (previous, *row))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def append(values: dict) -> int:
    """Write one audit entry chained to the last one and move the case's chain head to it.

    The entry records the digests of the rows this transaction wrote since the last entry,
    and of any given in values["row_digests"] (key → digest, None for a deleted row), and the
    digests of the rows it changed or removed as they were before, unless values["restated"]:
    an entry that records rows anew, whose earlier states do not compare with the trail (an
    upgrade's rows gained columns; a recovery's are those of another file's trail).
    """
    return append_all([values])[0]


def append_all(entries: Sequence[dict]) -> list[int]:
    """Write several entries of one transaction at once, chained in order, and move the head
    once: the rows written since the last entry are drained once, each entry records those
    named in its values["rows"] (keys such as "source:12"), and the last entry all the others,
    so every row written is still recorded, by the entry of its own change.
    """
    if not entries:
        return []
    db = models.database
    lock_chain = getattr(db.obj, "lock_chain", None)
    if lock_chain is not None:  # on a server, writers take turns at the head: one chain
        last = lock_chain(_SQL_LAST)
    written, before = digests.drain()
    if lock_chain is None:
        last = db.execute_sql(_SQL_LAST).fetchone()
    entry_id, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
    fields = models.AuditEntry._meta.fields
    rows, ids = [], []
    for n, values in enumerate(entries):
        own = {k: written.pop(k) for k in values.get("rows", ()) if k in written}
        if n == len(entries) - 1:
            own.update(written)
        own.update(values.get("row_digests", {}))
        was = {} if values.get("restated") else {k: before[k] for k in own if k in before}
        row = (entry_id, values.get("at") or models.utc_now(), values["actor"],
               values["action"], values.get("object_type", ""), values.get("object_id"),
               values.get("summary", ""), fields["before"].db_value(values.get("before")),
               fields["after"].db_value(values.get("after")), _json(own), _json(was))
        previous = entry_digest(previous, row)
        rows.append((*row, previous))
        ids.append(entry_id)
        entry_id += 1
    insert = _SQL_INSERT_BEFORE
    if all(row[10] is None for row in rows):
        insert, rows = _SQL_INSERT, [(*row[:10], row[11]) for row in rows]
    write_entries = getattr(db.obj, "write_entries", None)
    if write_entries is not None:  # a server's, sent together
        write_entries(insert, rows, _SQL_HEAD, (previous, len(rows)))
    else:
        db.cursor().executemany(insert, rows)
        db.execute_sql(_SQL_HEAD, (previous, len(rows)))
    return ids


def _json(digests_by_key: dict) -> str | None:
    return (json.dumps(digests_by_key, sort_keys=True, separators=(",", ":"))
            if digests_by_key else None)


def first_entry(values: dict) -> tuple:
    """The stored row (the fields `_SQL_INSERT` takes, its hash last) of the first entry of a
    trail written through a connection of its own (a case file made from a server case, not
    the open case): `values` as `append` takes them, every row it records given in
    values["row_digests"]."""
    fields = models.AuditEntry._meta.fields
    recorded = values.get("row_digests") or {}
    row = (1, values.get("at") or models.utc_now(), values["actor"], values["action"],
           values.get("object_type", ""), values.get("object_id"), values.get("summary", ""),
           fields["before"].db_value(values.get("before")),
           fields["after"].db_value(values.get("after")),
           _json(recorded))
    return (*row, entry_digest(GENESIS, row))
