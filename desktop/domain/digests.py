"""The digests of a case's rows, and which rows a transaction wrote.

Every audit entry records the digest of each row its change left ("evidence:12" → digest), or
None for a row it deleted, so a check can account for every row of the case by the trail. A
digest is the SHA-256 of the row's columns as SQLite's `json_array` writes them, followed by
an 8-hex-digit fingerprint of each column (only to say which column differs; the SHA-256 is
what proves it). A source's text is bound by its `text_sha256` and its original bytes by its
`sha256`, which are covered; so is its entry in the search index (how many words it holds).

Which rows a transaction wrote is collected by temporary triggers on each audited table of the
connection, installed when a transaction begins (`watch_transactions`), so no service can
forget one: `drain()` turns them into digests when the entry is written.

Since format 16 the triggers also keep each updated or deleted row as it was before the change
(the first time the row is written for an entry), and the entry records that "before" digest
too (`row_before`). A row changed outside Casefile and then edited in Casefile is so still
found: the edit's before digest is not what the trail last recorded for the row
(`recorded(breaks=…)`), though its new digest matches the row.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from typing import Any

from peewee import Database, Model

from desktop.domain import models

#: The pseudo-column of a source that stands for its entry in the search index.
SEARCH_INDEX = "search_index"
_FINGERPRINT = 8  # hex digits per column
_WRITTEN = "temp.casefile_written"
#: The note of the rows written: each row once per entry, with its state before the first
#: write (NULL for a row the transaction inserted): what its digest is made of, the row's
#: JSON text and each column's, joined by a character JSON text never holds unescaped.
_NOTE = (f"CREATE TEMP TABLE IF NOT EXISTS {_WRITTEN.removeprefix('temp.')} "
         "(tbl TEXT NOT NULL, id INTEGER NOT NULL, before TEXT, PRIMARY KEY (tbl, id)) "
         "WITHOUT ROWID")
_MADE_SEPARATOR = "\x1f"
_TRIGGER = "casefile_written_{table}_{op}"

#: Columns a row keeps that are not its content: the case's chain head, which every entry
#: moves, and a source's text, bound by its text_sha256 (hashed once, by the source check).
_NOT_CONTENT = {"case": ("audit_head", "audit_count"), "source": ("text",)}
_MODELS: tuple[type[Model], ...] = (models.Case, models.Source, models.Incident,
                                    models.Evidence, models.ProtectedPerson, models.Member)


def _audited(model: type[Model]) -> tuple[tuple[str, str], ...]:
    """(column, SQL expression) of every column of `model`'s rows that a digest covers."""
    table = model._meta.table_name
    skipped = _NOT_CONTENT.get(table, ())
    columns = tuple((f.column_name, f'"{table}"."{f.column_name}"')
                    for f in model._meta.sorted_fields if f.column_name not in skipped)
    if model is models.Source:
        columns += ((SEARCH_INDEX, '(SELECT hex(sz) FROM "source_index_docsize" AS d '
                                   'WHERE d.id = "source"."id")'),)
    return columns


#: The audited tables, as SQL: a key naming another is no row of the case (a changed entry).
_TABLES = ", ".join(f"'{m._meta.table_name}'" for m in _MODELS)
#: An entry's recorded digests as rows, none when the text is not a JSON object (changed
#: outside Casefile: the chain check names the entry; its rows are then not accounted for).
_OBJECT = ("json_each(CASE WHEN json_valid({0}) THEN CASE WHEN json_type({0}) = 'object' "
           "THEN {0} END END)")

#: The same on a server (PostgreSQL 15 has no test of valid JSON that does not raise): only a
#: text of the one shape entries are written in is read as JSON.
_PAIR = '"[a-z_]+:[0-9]+":("[0-9a-f]*"|null)'
_SERVER_SHAPE = "'^[{]" + f"({_PAIR}(,{_PAIR})*)?" + "[}]$'"
_SERVER_OBJECT = "json_each_text(CASE WHEN {0} ~ " + _SERVER_SHAPE.replace(
    "{", "{{").replace("}", "}}") + " THEN {0}::json END)"

#: The SQL that differs on a server case (domain/server): the row's JSON text, a column's,
#: a source's entry in the search index, the tables there are, the rows a transaction wrote,
#: an entry's recorded digests.
_DIALECT = {
    False: {"row": "json_array({})", "column": "json_quote({})", "index": None,
            "tables": "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name IN ",
            "written": _WRITTEN, "recorded": _OBJECT.format("e.row_digests"),
            "before": _OBJECT.format("e.row_before"),
            "digest": "j.type IN ('text', 'null') AND j.key GLOB '[a-z]*:[0-9]*' "
                      "AND j.key NOT GLOB '*:*[^0-9]*' "
                      f"AND substr(j.key, 1, instr(j.key, ':') - 1) IN ({_TABLES})"},
    True: {"row": "json_build_array({})::text", "column": "coalesce(to_json({})::text, 'null')",
           "index": '(SELECT length(d.document)::text FROM "source_index" AS d '
                    'WHERE d.rowid = "source"."id")',
           "tables": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                     "AND tablename IN ",
           "written": "pg_temp.casefile_written",
           "recorded": _SERVER_OBJECT.format("e.row_digests"),
           "before": _SERVER_OBJECT.format("e.row_before"),
           "digest": f"j.key ~ '^[a-z_]+:[0-9]+$' AND split_part(j.key, ':', 1) IN ({_TABLES})"},
}


def _sql(name: str, server: bool | None = None) -> str | None:
    if server is None:
        server = getattr(models.database.obj, "server", False)
    return _DIALECT[server][name]


#: table → its covered columns, in the order their fingerprints are recorded.
AUDITED: dict[str, tuple[tuple[str, str], ...]] = {
    m._meta.table_name: _audited(m) for m in _MODELS}


def key(table: str, row_id: int) -> str:
    """How the trail names a row: "evidence:12"."""
    return f"{table}:{row_id}"


def split_key(row_key: str) -> tuple[str, int]:
    """("evidence", 12) for "evidence:12"."""
    table, _, row_id = row_key.rpartition(":")
    return table, int(row_id)


def _expressions(table: str, search_index: bool, server: bool | None = None) -> list[str]:
    # Without its search index (removed from the case) a source's entry in it is NULL.
    index = _sql("index", server) if search_index else "NULL"
    return [sql if name != SEARCH_INDEX else index or sql for name, sql in AUDITED[table]]


def row_json(table: str, *, search_index: bool = True, server: bool | None = None) -> str:
    """The SQL expression for a row of `table` whose text its digest is the SHA-256 of (a
    query over the table can select it beside other columns: one pass over the rows), in the
    SQL of the case's database (or of a server's, or a file's, when `server` says)."""
    return _sql("row", server).format(", ".join(_expressions(table, search_index, server)))


def made_of(table: str, row: str | None = None, *, search_index: bool = True,
            server: bool | None = None) -> list[str]:
    """The SQL expressions of what a digest of `table`'s row is made of: its JSON text, then
    each column's (`_digest` takes them after the id). Read through the name `row` where not
    the table's own (OLD in a trigger); in the SQL of the case's database, or of a server's or
    a file's when `server` says."""
    column = _sql("column", server)
    made = [row_json(table, search_index=search_index, server=server),
            *(column.format(sql) for sql in _expressions(table, search_index, server))]
    own = f'"{table}".'
    return made if row is None else [expression.replace(own, f"{row}.") for expression in made]


def _select(table: str, where: str, *, with_columns: bool, search_index: bool = True) -> str:
    parts = [f'"{table}"."id"', *(made_of(table, search_index=search_index) if with_columns
                                  else [row_json(table, search_index=search_index)])]
    return f'SELECT {", ".join(parts)} FROM "{table}" {where}'


def sha256_text(text: str) -> str:
    """The SHA-256 of a row's `row_json` text: what `scan` yields and a digest begins with."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: Columns' fingerprints remembered: most columns of a table's rows hold one of a few values
#: (the importer, the time of an import, an empty field). Short values only, a bounded number.
_FINGERPRINTS: dict[str, str] = {}
_REMEMBERED_CHARS, _REMEMBERED_VALUES = 256, 4096


def _digest(row: tuple) -> str:
    """A row's recorded digest from (id, json_array, json_quote of each column…)."""
    known = _FINGERPRINTS
    parts = [sha256_text(row[1])]
    for value in row[2:]:
        fingerprint = known.get(value)
        if fingerprint is None:
            fingerprint = sha256_text(value)[:_FINGERPRINT]
            if len(value) <= _REMEMBERED_CHARS:
                if len(known) >= _REMEMBERED_VALUES:
                    known.clear()
                known[value] = fingerprint
        parts.append(fingerprint)
    return "".join(parts)


def row_digest(recorded: str) -> str:
    """The SHA-256 part of a recorded digest (what `scan` yields)."""
    return recorded[:64]


def scan(table: str) -> Iterator[tuple[int, str]]:
    """(id, SHA-256 of its columns) of every row of `table`, in one pass."""
    for row_id, text in models.database.execute_sql(_select(table, "", with_columns=False)):
        yield row_id, sha256_text(text)


def differing_columns(table: str, row_id: int, recorded: str, *,
                      search_index: bool = True) -> list[str] | None:
    """The columns of a row whose fingerprints differ from `recorded`, or None when they
    cannot be told (the row's columns are not the ones recorded)."""
    row = models.database.execute_sql(_select(table, 'WHERE "id" = ?', with_columns=True,
                                              search_index=search_index),
                                      (row_id,)).fetchone()
    now = _digest(row)[64:]
    then = recorded[64:]
    if len(now) != len(then):
        return None
    names = [name for name, _ in AUDITED[table]]
    return [names[i] for i in range(len(names))
            if now[i * _FINGERPRINT:(i + 1) * _FINGERPRINT]
            != then[i * _FINGERPRINT:(i + 1) * _FINGERPRINT]]


def changed_columns(table: str, then: str, now: str) -> list[str] | None:
    """The columns whose fingerprints differ between two recorded digests of one row written
    by the same kind of database, or None when they cannot be told (other columns)."""
    names = [name for name, _ in AUDITED[table]]
    if len(then) != len(now) or len(now) != 64 + _FINGERPRINT * len(names):
        return None
    return [names[i] for i in range(len(names))
            if then[64 + i * _FINGERPRINT:64 + (i + 1) * _FINGERPRINT]
            != now[64 + i * _FINGERPRINT:64 + (i + 1) * _FINGERPRINT]]


def file_rows(execute: Callable[..., Any]) -> dict[str, str]:
    """key → recorded digest of every audited row of a case file read through its own
    connection (`con.execute` of sqlite3 or sqlcipher3), as SQLite writes them, whichever
    case the models are bound to (a server case checked out into the file)."""
    found = {}
    for table in AUDITED:
        parts = [f'"{table}"."id"', *made_of(table, server=False)]
        for row in execute(f'SELECT {", ".join(parts)} FROM "{table}"'):
            found[key(table, row[0])] = _digest(row)
    return found


def digests_of(table: str, where: str = "", params: tuple = ()) -> dict[str, str]:
    """key → recorded digest of the rows of `table` that match `where` (every row without)."""
    rows = models.database.execute_sql(_select(table, where, with_columns=True), params)
    return {key(table, row[0]): _digest(row) for row in rows}


def every_row() -> dict[str, str]:
    """The digest of every audited row of the case (an upgrade records them all at once)."""
    found: dict[str, str] = {}
    for table in _present(models.database):
        found.update(digests_of(table))
    return found


def _present(db: Database | Any) -> list[str]:
    names = ", ".join(f"'{t}'" for t in AUDITED)
    return [name for (name,) in db.execute_sql(f"{_sql('tables')}({names})")]


def _unwatched(db: Database | Any) -> list[str]:
    """Audited tables of the case that this connection's triggers do not cover in full yet
    (partly: a table an upgrade has not given every column yet)."""
    watched = {name for (name,) in db.execute_sql(
        "SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")}
    return [t for t in _present(db) if _TRIGGER.format(table=t, op="delete") not in watched]


def _watch(db: Database | Any, tables: list[str]) -> None:
    """Triggers that note each row written. A table with every column a digest covers (and,
    for the sources, a search index) gets triggers that keep each row's state before the
    change; one an upgrade is still building gets triggers that only note the row, made again
    in full once the table is complete (an upgrade records no earlier states: `restated`)."""
    indexed = bool(db.execute_sql("SELECT 1 FROM main.sqlite_master WHERE name = "
                                  "'source_index_docsize'").fetchone())
    for table in tables:
        present = {row[1] for row in db.execute_sql(f'PRAGMA main.table_info("{table}")')}
        covered = [name for name, _ in AUDITED[table] if name != SEARCH_INDEX]
        complete = present.issuperset(covered) and (table != "source" or indexed)
        made = (" || char(31) || ".join(made_of(table, "OLD", server=False)) if complete
                else "NULL")
        columns = ", ".join(f'"{name}"' for name in covered if name in present)
        for op, event, row, before in (("insert", "INSERT", "NEW", "NULL"),
                                       ("update", f"UPDATE OF {columns}", "OLD", made),
                                       ("delete", "DELETE", "OLD", made)):
            name = _TRIGGER.format(table=table, op=op)
            partial = f"{name}_partial"
            if complete:
                db.execute_sql(f'DROP TRIGGER IF EXISTS temp."{partial}"')
            # A temporary trigger's statements name the temporary table unqualified; the
            # first write of a row for an entry keeps its state before it (OR IGNORE).
            db.execute_sql(f'CREATE TEMP TRIGGER IF NOT EXISTS "{name if complete else partial}" '
                           f'AFTER {event} ON main."{table}" BEGIN INSERT OR IGNORE INTO '
                           f"casefile_written VALUES ('{table}', {row}.id, {before}); END")


def watch(db: Database | Any) -> None:
    """Before a transaction begins: make sure this connection notes every audited row written,
    and forget rows written outside a transaction (they have no entry to be recorded in).
    A connection that only reads (query_only) writes nothing, not even to this note. A server
    connection's note is its own, emptied as each writing transaction begins."""
    if getattr(db, "server", False) or db.execute_sql("PRAGMA query_only").fetchone()[0]:
        return
    db.execute_sql(_NOTE)
    _watch(db, _unwatched(db))
    db.execute_sql(f"DELETE FROM {_WRITTEN}")


def drain() -> tuple[dict[str, str | None], dict[str, str]]:
    """The digests of the rows this transaction wrote since the last entry (None: deleted),
    and of those it updated or deleted as they were before (key → digest), and forget them.
    A table created in this transaction has no trigger yet: all its rows are new, so all are
    taken, and it is watched from now on."""
    db, noted = models.database, _sql("written")
    found: dict[str, str | None] = {}
    before: dict[str, str] = {}
    if getattr(db.obj, "server", False):  # a server's triggers are in its schema; one trip
        for table, row_id, made, was in db.execute_sql(_server_drain()):
            row_key = key(table, row_id)
            found[row_key] = None if made is None else _digest((row_id, *made))
            if was is not None:
                before[row_key] = _digest((row_id, *was))
        return found, before
    db.execute_sql(_NOTE)
    created = _unwatched(db)
    for table in created:
        found.update(digests_of(table))
    _watch(db, created)
    written = db.execute_sql(f"SELECT tbl, id, before FROM {noted}").fetchall()
    if not written:
        return found, before
    for table in {t for t, _, _ in written}:
        found.update(dict.fromkeys((key(t, i) for t, i, _ in written if t == table), None))
        found.update(digests_of(table, f'WHERE "id" IN (SELECT id FROM {noted} '
                                       "WHERE tbl = ?)", (table,)))
    for table, row_id, was in written:
        if was is not None:
            before[key(table, row_id)] = _digest((row_id, *was.split(_MADE_SEPARATOR)))
    db.execute_sql(f"DELETE FROM {noted}")
    return found, before


@functools.cache
def _server_drain() -> str:
    """On a server, one statement: the notes emptied, and for each row they name what its
    digest is made of (its JSON text, then each column's), NULL for a row deleted since."""
    made = []
    for table in AUDITED:
        made.append(f'SELECT ARRAY[{", ".join(made_of(table, server=True))}] AS made '
                    f'FROM "{table}" '
                    f"WHERE w.tbl = '{table}' AND \"{table}\".\"id\" = w.id")
    return (f"WITH w AS (DELETE FROM {_DIALECT[True]['written']} RETURNING tbl, id, before) "
            "SELECT w.tbl, w.id, d.made, w.before FROM w "
            f"LEFT JOIN LATERAL ({' UNION ALL '.join(made)}) AS d ON true")


#: (row key, its digest before an entry's change, what the trail last recorded of the row
#: before that entry — (digest or None, entry id, time, actor), None if nothing —, and the
#: entry that changed it: (id, time, actor)).
Break = tuple[str, str, tuple[str | None, int, str, str] | None, tuple[int, str, str]]


def recorded(up_to: int | None = None, *, breaks: list[Break] | None = None,
             ) -> dict[str, tuple[str | None, int, str, str]]:
    """The latest digest the trail holds for each row: key → (digest or None when deleted,
    entry id, entry time, actor); with `up_to`, as the trail held them after that entry.

    With `breaks`, each entry's before digests are compared, in the same walk, with what the
    trail held of the row just before that entry, and every row whose state before a change
    in Casefile is not the one recorded is added to it: changed, added or put back outside
    Casefile since its last record, whatever Casefile did to it afterwards."""
    limit = 2**62 if up_to is None else up_to
    befores: list = []
    if breaks is not None:
        befores = models.database.execute_sql(
            "SELECT e.id, j.key, j.value, e.at, e.actor FROM audit_entry AS e, "
            f"{_sql('before')} AS j WHERE e.row_before IS NOT NULL AND e.id <= ? "
            f"AND {_sql('digest')} ORDER BY e.id", (limit,)).fetchall()
    latest: dict[str, tuple[str | None, int, str, str]] = {}
    pending = 0

    def compare(upto: int) -> None:
        nonlocal pending
        while pending < len(befores) and befores[pending][0] <= upto:
            entry_id, row_key, was, at, actor = befores[pending]
            last = latest.get(row_key)
            if last is None or last[0] is None or row_digest(last[0]) != row_digest(was):
                breaks.append((row_key, was, last, (entry_id, at, actor)))
            pending += 1

    for row_key, value, entry_id, at, actor in models.database.execute_sql(
            "SELECT j.key, j.value, e.id, e.at, e.actor FROM audit_entry AS e, "
            f"{_sql('recorded')} AS j WHERE e.row_digests IS NOT NULL AND e.id <= ? "
            f"AND {_sql('digest')} ORDER BY e.id", (limit,)):
        if befores:
            compare(entry_id)  # an entry's before digests against the rows before it
        latest[row_key] = (value, entry_id, at, actor)
    if befores:
        compare(limit)
    return latest


def watch_transactions(db: Database | None) -> None:
    """Give a case's database a `begin` that first runs `watch` on the thread's connection
    (every transaction, on every thread, begins there). Called as the models' database is set."""
    if db is None or getattr(db, "_casefile_watched", False):
        return
    begin = db.begin

    def begin_watched(*args: Any, **kwargs: Any) -> None:
        watch(db)
        begin(*args, **kwargs)

    db.begin = begin_watched
    db._casefile_watched = True


models.database.attach_callback(watch_transactions)
