"""Recover a damaged case: copy every row that can still be read into a new case file.

A damaged case is refused by `db.open_case()`. Recovery reads it read-only (it is never written,
checkpointed or repaired in place), copies what can be read table by table into a new case of
the current format, rebuilds the search index, and says in plain words what was lost. The new
file's audit trail keeps the readable entries as they were, so verifying it shows the gaps, and
ends with a "case.recover" entry that records the recovery itself.

An encrypted case is read through SQLCipher with its passphrase: each page is decrypted and
checked (its HMAC) on its own, so a damaged page loses the rows on it and no more, and the new
case is encrypted with the same passphrase; no decrypted page is written to the disk.

The new case is written under a temporary name and appears under its own only when complete: a
recovery that is killed or fails leaves nothing that looks like a recovered case, and a retry
removes what the interrupted one left.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import Model

from desktop.domain import db, encryption, files, ledger, lemmas, models
from desktop.domain.errors import CaseOpenError
from desktop.domain.fileformat import looks_encrypted
from desktop.domain.models import (
    AuditEntry,
    Evidence,
    Incident,
    Member,
    ProtectedPerson,
    Source,
    SourceIndex,
    SourceOriginal,
    database,
)
from desktop.domain.refs import source_ref
from desktop.services import audit, integrity
from desktop.services.words import _

Progress = Callable[[int, int, str], None]

#: The tables copied, parents before children (foreign keys are enforced while copying).
TABLES: dict[str, type[Model]] = {
    "source": Source, "source_original": SourceOriginal, "incident": Incident,
    "evidence": Evidence, "protected_person": ProtectedPerson, "member": Member,
    "audit_entry": AuditEntry,
}
#: The case row's own fields copied from the damaged case (the chain head is set apart).
CASE_FIELDS = ("title", "reference", "classification", "description", "standard_of_proof",
               "created_at", "created_by")
BLOCK = 200  # rows read per statement; a block that fails is read again row by row
SLACK = 10_000  # ids scanned past the last row read (or the row count) before stopping

_NOUNS = {
    "source": ("source", "sources"),
    "source_original": ("original file", "original files"),
    "incident": ("incident", "incidents"),
    "evidence": ("evidence span", "evidence spans"),
    "protected_person": ("protected person", "protected people"),
    "member": ("member", "members"),
    "audit_entry": ("audit entry", "audit entries"),
}
_SINCE_FORMAT = {"protected_person": 3, "member": 7}  # tables older formats did not have
#: table → (its removal action, its restore action): ids removed in Casefile are not "lost".
_REMOVALS = {
    "evidence": ("evidence.remove", "evidence.restore"),
    "incident": ("incident.delete", "incident.restore"),
    "protected_person": ("protected.remove", "protected.restore"),
    "member": ("member.remove", "member.restore"),
}


@dataclass
class RecoveryReport:
    """What a recovery copied, what it could not, and what verifying the new file found."""

    source: Path
    dest: Path
    tables: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)
    verify_problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Nothing was lost and the recovered case verifies."""
        return not self.lost and not self.verify_problems

    def summary(self) -> str:
        """A short paragraph for the Recover dialog and the command line."""
        parts = [f"{self.dest.name} was recovered from {self.source.name}: "
                 f"{_counts_text(self.tables)}."]
        if self.lost:
            more = len(self.lost) - 3
            parts.append("Lost: " + "; ".join(self.lost[:3])
                         + (f"; and {more} more" if more > 0 else "") + ".")
        else:
            parts.append("Nothing was lost.")
        if self.verify_problems:
            count = len(self.verify_problems)
            parts.append(f"Verifying the recovered case found {count} "
                         f"problem{'s' if count > 1 else ''}: {self.verify_problems[0]}")
        else:
            parts.append("The recovered case verifies.")
        return " ".join(parts)


@dataclass
class _Salvage:
    """What reading one table of the damaged case found, beside the rows themselves."""

    expected: int | None = None  # rows the table says it holds (count(*)), when readable
    last: int | None = None  # the highest id the table claims (max(rowid)), when readable
    seen: set[int] = field(default_factory=set)  # ids of the rows read
    unreadable: set[int] = field(default_factory=set)  # ids whose reading raised an error


def _counts_text(tables: dict[str, tuple[int, int | None]]) -> str:
    """'5 sources, 281 of 304 evidence spans, …' for the summary."""
    parts = []
    for table, (got, expected) in tables.items():
        noun = _NOUNS[table][0 if got == 1 else 1]
        if expected is None:
            parts.append(f"{got} {noun} (how many there were is unknown)")
        elif expected > got:
            parts.append(f"{got} of {expected} {_NOUNS[table][1]}")
        elif got or expected:
            parts.append(f"{got} {noun}")
    return ", ".join(parts) or "the case was empty"


def _ranges(ids: list[int]) -> list[tuple[int, int]]:
    """Consecutive ids as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _ids_text(table: str, ids: set[int] | list[int], limit: int = 8) -> str:
    """'ids 14–16, 20' (or 'S-004–S-006' for sources), shortened after `limit` runs."""
    label = source_ref if table in ("source", "source_original") else str
    runs = _ranges(list(ids))
    text = ", ".join(label(a) if a == b else f"{label(a)}–{label(b)}" for a, b in runs[:limit])
    if len(runs) > limit:
        text += ", …"
    if table in ("source", "source_original"):
        return text
    return ("id " if len(ids) == 1 else "ids ") + text


def _plural(table: str, n: int) -> str:
    """'1 evidence span', '3 evidence spans'."""
    return f"{n} {_NOUNS[table][0 if n == 1 else 1]}"


def _was(n: int) -> str:
    """The verb agreeing with a count."""
    return "was" if n == 1 else "were"


def _they(n: int) -> str:
    """The pronoun agreeing with a count."""
    return "it" if n == 1 else "they"


# Reading the damaged case ---------------------------------------------------------------


def _check_damaged(con: sqlite3.Connection, path: Path) -> tuple[int, dict[str, list[str]]]:
    """The damaged case's format version and its tables' columns; refuses what is not a case."""
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
        columns = {name: [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
                   for name in names}
    except sqlite3.DatabaseError as exc:
        if files.means_disk_full(exc, path.parent):  # the disk, not the case: it may be whole
            raise CaseOpenError(path, _("cannot be read while its disk is full: free space and "
                                        "try again — keep the {name}-wal file beside it")
                                .format(name=path.name)) from exc
        raise CaseOpenError(path, _("is too damaged to recover: its list of tables cannot be "
                                    "read ({reason})").format(reason=exc)) from exc
    if app_id != db.APPLICATION_ID:
        raise CaseOpenError(path, _("is not a Casefile case, so there is nothing to recover"))
    if version > db.SCHEMA_VERSION:
        raise CaseOpenError(path, _("was saved by a newer Casefile (file format {version}); "
                                    "recover it with that version").format(version=version))
    return version, columns


def _scalar(con: sqlite3.Connection, sql: str) -> int | None:
    """One number from the damaged case, or None when the pages it needs cannot be read."""
    try:
        return con.execute(sql).fetchone()[0]
    except sqlite3.DatabaseError:
        return None


def _probe(con: sqlite3.Connection, sql: str, ids: range | list[int],
           salvage: _Salvage) -> list[tuple]:
    """Rows read one id at a time: a damaged page can hide rows from a scan, not from a seek."""
    rows = []
    for row_id in ids:
        try:
            rows.extend(con.execute(f"{sql} = ?", (row_id,)).fetchall())
        except sqlite3.DatabaseError:
            salvage.unreadable.add(row_id)
    return rows


def _read_block(con: sqlite3.Connection, sql: str, lo: int, hi: int,
                salvage: _Salvage) -> list[tuple]:
    """Rows with ids lo…hi, in id order; ids the block read failed on or skipped are probed."""
    try:
        rows = con.execute(f"{sql} BETWEEN ? AND ? ORDER BY rowid", (lo, hi)).fetchall()
    except sqlite3.DatabaseError:
        return _probe(con, sql, range(lo, hi + 1), salvage)
    found = {row[0] for row in rows}
    gaps = [i for i in range(lo, hi + 1) if i not in found]
    return sorted(rows + _probe(con, sql, gaps, salvage)) if gaps else rows


def _read_table(con: sqlite3.Connection, table: str, columns: list[str],
                salvage: _Salvage) -> Iterator[tuple]:
    """Every readable row of `table` as (rowid, *columns), in id order, block by block.

    A damaged page can make max(rowid) claim any id, or fail, so the scan also stops SLACK ids
    past the last row read (or past the row count, when it is readable).
    """
    salvage.expected = _scalar(con, f'SELECT count(*) FROM "{table}"')
    salvage.last = _scalar(con, f'SELECT coalesce(max(rowid), 0) FROM "{table}"')
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'SELECT rowid, {names} FROM "{table}" WHERE rowid'
    lo, highest = 1, 0
    while True:
        end = max(salvage.expected or 0, highest) + SLACK
        if salvage.last is not None:
            end = min(salvage.last, end)
        if lo > end:
            break
        hi = min(lo + BLOCK - 1, end)
        for row in _read_block(con, sql, lo, hi, salvage):
            salvage.seen.add(row[0])
            highest = max(highest, row[0])
            yield row
        lo = hi + 1


# Writing the recovered case -------------------------------------------------------------


class _Copy:
    """The state of one recovery: the report being filled and the ids copied so far."""

    def __init__(self, con: sqlite3.Connection, damaged: Path, version: int,
                 columns: dict[str, list[str]], report: RecoveryReport) -> None:
        self.con, self.damaged, self.version = con, damaged, version
        self.columns, self.report = columns, report
        self.copied: dict[str, set[int]] = {}
        self.salvage: dict[str, _Salvage] = {}
        self.dropped: list[dict] = []  # readable evidence whose source was lost
        self.unlinked: dict[int, int] = {}  # evidence id → the lost incident it was linked to
        self.orphans: list[int] = []  # original bytes read whose source record was lost
        self.failed: dict[str, list[str]] = {}  # table → rows read but refused by the new case
        self.recorded_count: int | None = None

    def lose(self, line: str) -> None:
        """Add one plain-words line to what the report says was lost."""
        self.report.lost.append(line)


def _default(model: type[Model], name: str):
    """The stored form of a field's default, for columns an older format did not have."""
    f = model._meta.columns[name]
    value = f.default() if callable(f.default) else f.default
    return f.db_value(value)


def _copy_case_row(copy: _Copy) -> None:
    """Put the damaged case's own details (title, reference, …) on the new case's row."""
    present = [c for c in (*CASE_FIELDS, "audit_count") if c in copy.columns.get("case", [])]
    try:
        row = copy.con.execute(f'SELECT {", ".join(present)} FROM "case" ORDER BY rowid '
                               "LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if row is None:
        copy.lose("the case's own details (title, reference, description) could not be read")
        return
    values = dict(zip(present, row, strict=True))
    copy.recorded_count = values.pop("audit_count", None)
    unreadable = sorted(name for name, value in values.items() if value is None)
    if unreadable:  # a damaged page gives NULLs: the new case keeps its own values for them
        copy.lose(f"the case's {', '.join(n.replace('_', ' ') for n in unreadable)} could not "
                  "be read")
        values = {name: value for name, value in values.items() if value is not None}
    if values:
        sets = ", ".join(f'"{c}" = ?' for c in values)
        database.execute_sql(f'UPDATE "case" SET {sets}', tuple(values.values()))


def _fill_row(copy: _Copy, table: str, row: tuple) -> dict:
    """A row for the current schema: the damaged row's columns, defaults for newer ones."""
    model = TABLES[table]
    present = dict(zip(copy.columns[table], row[1:], strict=True))
    values = {}
    for name in model._meta.columns:
        values[name] = present[name] if name in present else _default(model, name)
    values[model._meta.primary_key.column_name] = row[0]
    if table == "source" and "text_sha256" not in present and values["text"] is not None:
        values["text_sha256"] = hashlib.sha256(values["text"].encode("utf-8")).hexdigest()
    return values


def _keep_row(copy: _Copy, table: str, values: dict) -> bool:
    """Whether a row can be kept given what was lost of its parents (evidence may be unlinked)."""
    sources = copy.copied.get("source", set())
    if table == "source_original" and values["source_id"] not in sources:
        copy.orphans.append(values["source_id"])
        return False
    if table == "evidence" and values["source_id"] not in sources:
        copy.dropped.append(values)
        return False
    if table == "evidence" and values["incident_id"] is not None \
            and values["incident_id"] not in copy.copied.get("incident", set()):
        copy.unlinked[values["id"]] = values["incident_id"]
        values["incident_id"] = None
    return True


def _insert(table: str, values: dict) -> None:
    """One row into the new case, with its id."""
    names = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" * len(values))
    database.execute_sql(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                         tuple(values.values()))


def _copy_table(copy: _Copy, table: str) -> None:
    """Copy every readable row of one table; note what could not be read or kept."""
    salvage = copy.salvage[table] = _Salvage()
    copied = copy.copied[table] = set()
    if table not in copy.columns:
        if copy.version >= _SINCE_FORMAT.get(table, 1):
            copy.lose(f"the {_NOUNS[table][1]} could not be found in the damaged case")
        else:
            salvage.expected = 0
        return
    for row in _read_table(copy.con, table, copy.columns[table], salvage):
        values = _fill_row(copy, table, row)
        if not _keep_row(copy, table, values):
            continue
        try:
            _insert(table, values)
        except PeeweeDatabaseError as exc:
            copy.failed.setdefault(table, []).append(
                f"{_NOUNS[table][0]} {_ids_text(table, [row[0]])} was read but could not be "
                f"copied ({exc})")
            continue
        copied.add(row[0])


def _restore_audit_head(copy: _Copy) -> None:
    """Chain old-format entries and point the case at the copied trail's head and count."""
    rows = database.execute_sql(
        "SELECT id, at, actor, action, object_type, object_id, summary, before, after, "
        "entry_hash FROM audit_entry ORDER BY id").fetchall()
    previous = ledger.GENESIS
    for row in rows:
        if "entry_hash" not in copy.columns.get("audit_entry", []):
            # Format 1–3 kept no fingerprints: chain the entries as the upgrade to format 4 does.
            digest = ledger.entry_digest(previous, row[:9])
            database.execute_sql("UPDATE audit_entry SET entry_hash = ? WHERE id = ?",
                                 (digest, row[0]))
            previous = digest
        else:
            previous = row[9]
    last_id = rows[-1][0] if rows else 0
    count = copy.recorded_count if copy.recorded_count is not None else last_id
    database.execute_sql('UPDATE "case" SET audit_head = ?, audit_count = ?', (previous, count))


def _removed_ids(table: str) -> set[int]:
    """Ids the (copied) audit trail says were removed in Casefile, and not restored since."""
    if table not in _REMOVALS:
        return set()
    removal, restore = _REMOVALS[table]
    removed: set[int] = set()
    for action, object_id in database.execute_sql(
            "SELECT action, object_id FROM audit_entry WHERE action IN (?, ?) ORDER BY id",
            (removal, restore)):
        (removed.add if action == removal else removed.discard)(object_id)
    return removed


def _source_names(ids: list[int]) -> str:
    """'S-004 “title”, …' from the sources' import entries in the copied audit trail."""
    titles = {}
    for object_id, after in database.execute_sql(
            "SELECT object_id, after FROM audit_entry WHERE action = 'source.import'"):
        try:
            titles[object_id] = json.loads(after or "{}").get("title", "")
        except (ValueError, AttributeError):
            continue
    names = [f"{source_ref(i)} “{titles[i]}”" if titles.get(i) else source_ref(i)
             for i in ids[:10]]
    return ", ".join(names) + (", …" if len(ids) > 10 else "")


def _referenced_ids(copy: _Copy, table: str) -> set[int]:
    """Ids of a table that other rows or the audit trail show existed."""
    object_type = "source" if table == "source_original" else table
    ids = {r[0] for r in database.execute_sql(
        "SELECT DISTINCT object_id FROM audit_entry WHERE object_type = ? AND object_id > 0",
        (object_type,))}
    if table in ("source", "source_original"):
        ids |= {v["source_id"] for v in copy.dropped} | set(copy.orphans)
    elif table == "incident":
        ids |= set(copy.unlinked.values()) | {v["incident_id"] for v in copy.dropped
                                              if v["incident_id"] is not None}
    elif table == "audit_entry" and copy.recorded_count:
        ids.add(copy.recorded_count)
    return ids


def _lost_rows_lines(copy: _Copy, table: str) -> None:
    """The plain-words lines for rows of one table that could not be read."""
    salvage = copy.salvage[table]
    if table not in copy.columns:
        return
    # max(rowid) is believed only when its row was read; otherwise what is known bounds it.
    end_read = salvage.last is not None and (salvage.last in salvage.seen or salvage.last == 0)
    # An unreadable seek shows a damaged page, not that a row with that id existed.
    top = salvage.last if end_read else max(
        [*salvage.seen, *_referenced_ids(copy, table)], default=0)
    absent = set(range(1, top + 1)) - salvage.seen - salvage.unreadable
    missing = {i for i in salvage.unreadable if i <= top} | (absent - _removed_ids(table))
    read = len(salvage.seen)
    count = salvage.expected - read if salvage.expected is not None else len(missing)
    if count > 0:
        if table == "source":
            where = _source_names(sorted(missing))
        elif missing:
            where = ("among " if len(missing) != count else "") + _ids_text(table, missing)
        else:
            where = "which ones is unknown"
        copy.lose(f"{_plural(table, count)} could not be read ({where})")
    if not end_read and salvage.expected is None:
        copy.lose(f"the end of the {_NOUNS[table][1]} could not be read: "
                  + (f"{_NOUNS[table][1]} after id {top} may be lost too" if top
                     else "how many there were is unknown"))


def _link_lines(copy: _Copy) -> None:
    """Lines for rows that were read but lost a parent: dropped, unlinked or not kept."""
    if copy.dropped:
        ids = [v["id"] for v in copy.dropped]
        lost = sorted({v["source_id"] for v in copy.dropped})
        copy.lose(f"{_plural('evidence', len(ids))} ({_ids_text('evidence', ids)}) "
                  f"{_was(len(ids))} dropped: {_they(len(ids))} quote "
                  f"{'a source' if len(lost) == 1 else 'sources'} that could not be read "
                  f"({_ids_text('source', lost)}); the recovery's audit entry keeps "
                  f"{'its record' if len(ids) == 1 else 'their records'}")
    if copy.unlinked:
        ids, lost = list(copy.unlinked), sorted(set(copy.unlinked.values()))
        copy.lose(f"{_plural('evidence', len(ids))} ({_ids_text('evidence', ids)}) "
                  f"{_was(len(ids))} linked to "
                  f"{'an incident' if len(lost) == 1 else 'incidents'} that could not be read "
                  f"({_ids_text('incident', lost)}): {_they(len(ids))} "
                  f"{'is' if len(ids) == 1 else 'are'} kept without an incident")
    if copy.orphans:
        copy.lose(f"the original bytes of {_source_names(sorted(copy.orphans))} were read, but "
                  "not the source record they belong to, so they could not be kept")
    for lines in copy.failed.values():
        copy.report.lost.extend(lines)


def _fingerprint_lines(copy: _Copy) -> None:
    """Lines for sources whose bytes or text were read but no longer match their SHA-256."""
    rows = database.execute_sql(
        "SELECT s.id, s.title, s.sha256, s.text_sha256, s.text, o.data FROM source AS s "
        "JOIN source_original AS o ON o.source_id = s.id ORDER BY s.id").fetchall()
    checks_text = "text_sha256" in copy.columns.get("source", [])
    for source_id, title, sha, text_sha, text, data in rows:
        name = f"source {source_ref(source_id)} “{title}”"
        if hashlib.sha256(data).hexdigest() != sha:
            copy.lose(f"the original bytes of {name} are damaged: its fingerprint no longer "
                      "matches")
        if checks_text and text_sha and \
                hashlib.sha256(text.encode("utf-8")).hexdigest() != text_sha:
            copy.lose(f"the text of {name} is damaged: its fingerprint no longer matches")


def _record_recovery(copy: _Copy, actor: str) -> None:
    """Append the audited "case.recover" entry: where from, what was copied, what was lost."""
    after: dict = {"from": copy.damaged.name,
                   "recovered": {t: n for t, (n, _) in copy.report.tables.items()},
                   "lost": list(copy.report.lost)}
    if copy.dropped:
        after["dropped"] = copy.dropped  # readable evidence that could not be kept: its record
    # Written straight to the ledger, but redacted as audit.record does: the damaged file's
    # name and the dropped evidence may hold a protected name.
    ledger.append(audit.protected_texts({
        "actor": actor, "action": "case.recover", "object_type": "case", "object_id": 1,
        "summary": f"Recovered from {copy.damaged.name}", "after": after, "restated": True}))


def _copy_all(copy: _Copy, actor: str, progress: Progress | None) -> None:
    """Fill the new case from the damaged one, in one transaction, and audit it."""
    steps = len(TABLES) + 1
    with database.atomic():
        database.execute_sql("DELETE FROM audit_entry")  # the trail is the damaged case's
        _copy_case_row(copy)
        if progress:
            progress(1, steps, "case")
        for done, table in enumerate(TABLES, start=2):
            _copy_table(copy, table)
            if progress:
                progress(done, steps, table)
        _restore_audit_head(copy)
        SourceIndex.rebuild()
        lemmas.rebuild()
        for table in TABLES:
            _lost_rows_lines(copy, table)
        _link_lines(copy)
        _fingerprint_lines(copy)
        copy.report.tables = {t: (len(copy.copied[t]), copy.salvage[t].expected)
                              for t in TABLES}
        _record_recovery(copy, actor)


def _title(con: sqlite3.Connection, damaged: Path) -> str:
    """The damaged case's title, or one naming the file when the case row cannot be read."""
    try:
        row = con.execute('SELECT title FROM "case" ORDER BY rowid LIMIT 1').fetchone()
    except sqlite3.DatabaseError:
        row = None
    return row[0] if row and row[0] else f"Recovered from {damaged.name}"


class _Rows(list):
    """Rows already fetched, read as a cursor's."""

    def fetchone(self) -> tuple | None:
        return self[0] if self else None

    def fetchall(self) -> list[tuple]:
        return list(self)


class _Decrypting:
    """A read-only SQLCipher connection to a damaged encrypted case.

    A page whose HMAC fails leaves SQLCipher's connection refusing every later read, so after
    an error the connection is opened again, with the key already derived (no second
    derivation per damaged page). SQLCipher's errors are raised as sqlite3's, the one kind the
    reading code catches, so both kinds of case are read by the same code.
    """

    def __init__(self, damaged: Path, passphrase: str) -> None:
        self._con = encryption.connect_readonly(damaged, passphrase)  # WrongPassphrase
        self._errors = encryption.database_error(damaged)
        self._damaged, self._key = damaged, _derived_key(damaged, passphrase)
        try:
            encryption.connect_readonly(damaged, self._key).close()
        except encryption.WrongPassphrase:  # not SQLCipher's default key derivation
            self._key = passphrase

    def execute(self, sql: str, params: tuple = ()) -> _Rows:
        try:
            return _Rows(self._con.execute(sql, params).fetchall())
        except self._errors as exc:
            self._con.close()
            self._con = encryption.connect_readonly(self._damaged, self._key)
            raise sqlite3.DatabaseError(str(exc)) from None

    def close(self) -> None:
        self._con.close()


def _derived_key(damaged: Path, passphrase: str) -> str:
    """The key SQLCipher derives from the passphrase (its default PBKDF2-HMAC-SHA512 with
    256,000 iterations and the salt in the file's first 16 bytes), as a raw key."""
    with damaged.open("rb") as f:
        salt = f.read(16)
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, 256_000, 32)
    return f"x'{key.hex()}'"


def _reading(damaged: Path, passphrase: str | None):
    """A read-only connection to the damaged case; refuses what cannot be a case."""
    if not damaged.is_file():
        raise CaseOpenError(damaged, _("does not exist") if not damaged.exists()
                            else _("is a folder, not a case file"))
    with damaged.open("rb") as f:
        header = f.read(len(db.SQLITE_MAGIC))
    if header == db.SQLITE_MAGIC:
        if passphrase is not None:
            raise CaseOpenError(damaged, _("is not encrypted: recover it without a passphrase"))
        return db.read_only_connection(damaged)  # nothing is written to it or beside it
    if not looks_encrypted(damaged, header):
        raise CaseOpenError(damaged, _("is not a case file (plain or encrypted), so there is "
                                       "nothing to recover"))
    if passphrase is None:
        raise encryption.PassphraseRequired(damaged)
    return _Decrypting(damaged, passphrase)


def _not_written(dest: Path, exc: Exception) -> CaseOpenError:
    """Why the recovered case could not be written, named for the file the user asked for
    (not its temporary name, which is gone with what was written to it)."""
    if isinstance(exc, db.CaseNotCompacted) and exc.__cause__ is not None:
        exc = exc.__cause__  # the temporary case could not be closed whole: it is gone
    elif isinstance(exc, CaseOpenError) and not files.is_disk_full(exc):
        return CaseOpenError(dest, exc.reason)
    return CaseOpenError(dest, _("cannot be written: {reason}").format(
        reason=files.failure_reason(exc, dest.parent)))


def recover_case(damaged: Path | str, dest: Path | str, *, actor: str,
                 progress: Progress | None = None,
                 passphrase: str | None = None) -> RecoveryReport:
    """Copy what can be read of a damaged case (encrypted: give its passphrase) into the new
    case file `dest`, and report. The new case is encrypted when the damaged one is.

    The damaged file is only read. The case open before the call (if any) stays open; the
    recovered case is closed afterwards, ready to be opened.
    """
    damaged, dest = Path(damaged), Path(dest)
    files.sweep_partials(dest.parent, dest.name)  # what an interrupted recovery left
    if dest.exists():
        raise CaseOpenError(dest, _("already exists; recover into a new file"))
    report = RecoveryReport(source=damaged, dest=dest)
    previous = models.database.obj
    con = _reading(damaged, passphrase)
    try:
        version, columns = _check_damaged(con, damaged)
        try:
            with files.replacing(dest, create=False) as partial:
                db.new_case(partial, _title(con, damaged), actor=actor, passphrase=passphrase)
                try:
                    _copy_all(_Copy(con, damaged, version, columns, report), actor, progress)
                    report.verify_problems = integrity.verify_case().problems
                finally:
                    db.close_case()
        except (OSError, CaseOpenError, PeeweeDatabaseError) as exc:
            raise _not_written(dest, exc) from exc
    finally:
        con.close()
        models.database.initialize(previous)
    return report
