"""Check a server case out into a case file for the field, and check the file back in.

A check-out writes a one-file case (the normal format: the window and every command open
it) holding the server case's rows, the sources' original bytes and text, its search index
built, with a manifest beside it (`manifests`, as a hand-over copy's, plus the check-out's
facts). The two trails are kept apart, because a row's digest is the SHA-256 of its JSON as
its own database writes it, and SQLite's and PostgreSQL's JSON differ: the file's trail
begins with its own check-out entry, recording the file's digest of every row and the
server's URL, the entry the copy was read after (a snapshot) and the chain head there, and
the check-out id; the server's check-out entry records the file's name and SHA-256 and the
same id. At check-in each side is compared only with itself (`digests.changed_columns`): what
the copy changed since its check-out entry, what the server changed since the snapshot's
entry (the digests its trail recorded up to there, `digests.recorded(up_to=…)`).

Identity: a row of the file whose key ("evidence:12") the file's check-out entry records
came from the server and has the server's id; any other row was made offline, and is named
by the check-out id and its id in the file (the check-in's entry records both). Offline rows
get the server's numbers (ids, hence E- and S-numbers; INC- codes; pseudonyms) at check-in,
and references between them (evidence on an offline incident or source) are remapped.

A check-in is one server transaction with its audit entries: new sources, incidents,
evidence and protected people; edits of fields the server did not change since the
check-out; review decisions and sign-offs, as far as the server lets the connecting role
(a refusal is reported). Everything else is a conflict, reported and left for a person:
nothing is overwritten. A copy is checked in once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import DatabaseError, Model, SqliteDatabase

from desktop.domain import db, digests, encryption, files, ledger, lemmas, models, server
from desktop.domain.errors import CasefileError, CaseOpenError, ValidationError
from desktop.domain.excerpts import one_line
from desktop.domain.fileformat import APPLICATION_ID, SCHEMA_VERSION, read_only_connection
from desktop.domain.models import (
    Case,
    Evidence,
    Incident,
    Member,
    ProtectedPerson,
    SearchLemma,
    Source,
    SourceOriginal,
    database,
    insert_row,
    utc_now,
)
from desktop.domain.refs import evidence_ref, source_ref
from desktop.services import (
    anchoring,
    audit,
    case,
    evidence,
    handover,
    incidents,
    manifests,
    protection,
    review,
)
from desktop.services.words import _, ngettext

CHECKOUT = case.CHECKOUT
CHECKIN = "case.checkin"
MANIFEST_SUFFIX = handover.MANIFEST_SUFFIX

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

#: The models whose rows a check-out copies, in an order their references allow.
_COPIED = (Case, Source, SourceOriginal, SearchLemma, Incident, Evidence, ProtectedPerson,
           Member)
_MODEL = {m._meta.table_name: m for m in _COPIED}
#: How the trail names each table's rows (object_type) and the action of an edit of one.
_OBJECT = {"case": "case", "source": "source", "incident": "incident", "evidence": "evidence",
           "protected_person": "protected_person", "member": "member"}
_EDIT_ACTION = {"case": "case.update", "source": "source.update",
                "incident": "incident.update", "evidence": "evidence.update",
                "protected_person": "protected.update", "member": "member.update"}
#: A span's identity and content, and its review decision (the hand-over's rule).
_SPAN_PLACE = (*handover.SPAN_IDENTITY, *handover.SPAN_CONTENT)
_SPAN_DECISION = handover.DECISION
#: An incident's sign-off (approved or returned, by whom, when) and its facts.
_SIGN_OFF = ("state", "state_comment", "decided_by", "decided_at")
_INCIDENT_FACTS = handover.INCIDENT_CONTENT
#: Columns that hold ids of other rows: (table, column) → the table they point into.
_REFERENCES = {("source", "relays_id"): "source", ("evidence", "source_id"): "source",
               ("evidence", "incident_id"): "incident"}


class CheckoutCancelled(CasefileError):
    """The check-out was cancelled: no file was written, the server's trail is as it was."""


# ---------------------------------------------------------------------------------------
# Check-out


@dataclass(frozen=True)
class CheckedOut:
    """What a check-out wrote: the file, its manifest, and what the manifest records."""

    path: Path
    manifest_path: Path
    checkout: str
    sha256: str
    counts: dict


def _ddl_statements() -> list[str]:
    """The case file's schema as `db.new_case` makes it, written for SQLite whichever case
    the models are bound to."""
    sqlite = SqliteDatabase(None)
    statements = []
    for model in models.TABLES:
        schema = type(model._schema)(model, database=sqlite)
        for node in (schema._create_table(safe=False), *schema._create_indexes(safe=False)):
            statements.append(schema._create_context().sql(node).query()[0])
    return statements


def _for_file(value: Any) -> Any:
    """A server's value as the case file stores it (a boolean as 0 or 1, bytes as bytes)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, memoryview):
        return value.tobytes()
    return value


#: Rows read from the server at a time (a source's row holds its text): the case need not
#: fit in memory, and a cancel is looked at between them.
_BATCH = 200


def _copy_table(con: Any, model: type[Model], cancelled: Cancelled | None) -> None:
    table = model._meta.table_name
    columns = [f.column_name for f in model._meta.sorted_fields]
    listed = ", ".join(f'"{c}"' for c in columns)
    insert = (f'INSERT INTO "{table}" ({listed}) VALUES ({", ".join("?" * len(columns))})')
    if model is SearchLemma:  # two short words a row, keyed by both
        rows = database.execute_sql(f'SELECT {listed} FROM "{table}"').fetchall()
        con.executemany(insert, rows)
        return
    key = model._meta.primary_key.column_name
    batch = 1 if model is SourceOriginal else _BATCH  # an original can be large on its own
    after = -1
    while True:
        if cancelled and cancelled():
            raise CheckoutCancelled(_("the check-out was cancelled; nothing was written"))
        rows = database.execute_sql(f'SELECT {listed} FROM "{table}" WHERE "{key}" > ? '
                                    f'ORDER BY "{key}" LIMIT {batch}', (after,)).fetchall()
        if not rows:
            return
        con.executemany(insert, ([_for_file(v) for v in row] for row in rows))
        after = rows[-1][columns.index(key)]


def _write_file(partial: Path, passphrase: str | None, facts: dict, *, progress: Progress | None,
                cancelled: Cancelled | None) -> dict:
    """Fill the empty file `partial` with the server case's rows and the file's own first
    entry; returns what its manifest records (`manifests.facts`, read from the file)."""
    con = (encryption.connect_new(partial, passphrase) if passphrase
           else sqlite3.connect(partial))
    try:
        for statement in _ddl_statements():
            con.execute(statement)
        for n, model in enumerate(_COPIED, start=1):
            if progress:
                progress(n, len(_COPIED) + 1, model._meta.table_name)
            _copy_table(con, model, cancelled)
        con.execute('INSERT INTO "source_index" ("rowid", "text") SELECT id, text FROM source')
        entry = ledger.first_entry({
            "actor": facts["actor"], "action": CHECKOUT, "object_type": "case", "object_id": 1,
            "at": facts["at"],
            "summary": _("Checked out from {server} for offline work (check-out {id})").format(
                server=facts["server"], id=facts["checkout"]),
            "after": {key: facts[key] for key in ("checkout", "server", "server_entry",
                                                  "server_head")},
            "row_digests": digests.file_rows(con.execute)})
        con.execute("INSERT INTO audit_entry (id, at, actor, action, object_type, object_id, "
                    "summary, before, after, row_digests, entry_hash) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry)
        con.execute('UPDATE "case" SET audit_head = ?, audit_count = 1', (entry[-1],))
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.commit()
        # As Casefile keeps a case file (one file once closed): opening the copy to work on it
        # then changes none of its bytes, so a copy with no offline work still matches its
        # manifest (switching it to WAL on opening rewrote its header)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("BEGIN")
        recorded = manifests.facts(con.execute)
        con.rollback()
    finally:
        con.close()
    if progress:
        progress(len(_COPIED) + 1, len(_COPIED) + 1, "audit_entry")
    return recorded


def check_out(dest: Path | str, *, passphrase: str | None = None,
              progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> CheckedOut:
    """Write the open server case into the new case file `dest` (encrypted with
    `passphrase` when given) and its manifest beside it; the server's trail records it.

    The rows are read in one snapshot, so the file is the case as it stood after one entry,
    the one its manifest and both trails name; the server's entry follows the file.
    """
    if not db.is_server():
        raise CasefileError(_("a check-out is made from a case on a server; this case is a "
                              "file (hand a copy over instead)"))
    dest = Path(dest)
    manifest_path = dest.with_name(dest.name + MANIFEST_SUFFIX)
    for name in (dest.name, manifest_path.name):
        files.sweep_partials(dest.parent, name)
    if dest.exists() or manifest_path.exists():
        raise CaseOpenError(dest, _("already exists; choose another name"))
    if passphrase is not None:
        encryption.check_passphrase(dest, passphrase)
        encryption.require(dest)
    url = server.display_name(db.case_url() or "")
    checkout_id = str(uuid.uuid4())
    placed = False
    try:
        with files.replacing(dest) as partial:
            # One snapshot of the case (REPEATABLE READ), read without the chain's lock:
            # writers go on meanwhile. It is the case as it stood after entry `last_id`, as
            # the trail up to there records every row (what a check-in compares with).
            with database.atomic(lock_type="DEFERRED"):
                actor = database.execute_sql("SELECT current_user").fetchone()[0]
                last_id, head = database.execute_sql(
                    "SELECT id, entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1"
                ).fetchone()
                facts = {"checkout": checkout_id, "server": url, "server_entry": last_id,
                         "server_head": head, "actor": actor, "at": utc_now()}
                recorded = _write_file(partial, passphrase, facts, progress=progress,
                                       cancelled=cancelled)
            recorded["checkout"] = {k: facts[k] for k in ("checkout", "server",
                                                          "server_entry", "server_head")}
            manifest = manifests.manifest(partial, recorded, actor=actor, passphrase=passphrase)
            manifest["file"], manifest["checkout"] = dest.name, checkout_id
            text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
            files.write_replacing(manifest_path, text.encode("utf-8"))
            placed = True
            with database.atomic():
                ledger.append({
                    "actor": actor, "action": CHECKOUT, "object_type": "case", "object_id": 1,
                    "summary": _("Checked out into {file} for offline work (check-out {id}, "
                                 "SHA-256 {sha}…)").format(file=dest.name, id=checkout_id,
                                                          sha=manifest["sha256"][:16]),
                    "after": {"file": dest.name, "sha256": manifest["sha256"],
                              "size": manifest["size"], "checkout": checkout_id,
                              "server_entry": last_id,
                              "encrypted": passphrase is not None}})
    except BaseException as exc:
        if placed:
            manifest_path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CaseOpenError(dest, _("cannot be written: {reason}").format(
                reason=files.failure_reason(exc, dest.parent))) from exc
        raise
    return CheckedOut(dest, manifest_path, checkout_id, manifest["sha256"], recorded["counts"])


# ---------------------------------------------------------------------------------------
# Check-in


@dataclass
class CheckinReport:
    """What a check-in brought in, and what it left for a person to decide."""

    file: str
    checkout: str
    actors: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)  # "E-012 (offline E-007)"
    edits: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def summary(self) -> str:
        new, edits = len(self.numbers), len(self.edits)
        decisions, conflicts = len(self.decisions), len(self.conflicts)
        return _("Brought in {new}, {edits} and {decisions}; {conflicts} left for a person "
                 "to decide.").format(
            new=ngettext("{n} new record", "{n} new records", new).format(n=new),
            edits=ngettext("{n} edit", "{n} edits", edits).format(n=edits),
            decisions=ngettext("{n} decision", "{n} decisions", decisions).format(n=decisions),
            conflicts=ngettext("{n} conflict", "{n} conflicts", conflicts).format(
                n=conflicts))


@dataclass
class _Copy:
    """What a checked-out file holds, read once, before the server is written to."""

    name: str
    sha256: str
    checkout: dict
    then: dict[str, str]  # the file's digests at its check-out entry
    now: dict[str, str]  # the file's digests now
    rows: dict[str, dict[int, dict]]  # table → id → column → value (python)
    texts: dict[int, str]
    originals: dict[int, bytes]
    actors: list[str]


def _columns(table: str) -> dict[str, Any]:
    return {f.column_name: f for f in _MODEL[table]._meta.sorted_fields}


def _read_rows(execute: Any, table: str) -> dict[int, dict]:
    fields = {c: f for c, f in _columns(table).items() if (table, c) != ("source", "text")}
    listed = ", ".join(f'"{c}"' for c in fields)
    return {row[0]: {c: f.python_value(v) for (c, f), v in zip(fields.items(), row[1:],
                                                                 strict=True)}
            for row in execute(f'SELECT "id", {listed} FROM "{table}"')}


def _read_copy(path: Path, passphrase: str | None) -> _Copy:
    """The file's rows, digests and check-out facts, once its manifest vouches for it."""
    manifest_path = path.with_name(path.name + MANIFEST_SUFFIX)
    version = db.inspect_case(path, passphrase)
    manifest = manifests.read(manifest_path)
    if version != SCHEMA_VERSION:
        raise CaseOpenError(path, _("is at file format {version}; open it once in this "
                                    "Casefile, then check it in").format(version=version))
    con = read_only_connection(path, passphrase)
    try:
        con.execute("BEGIN")
        first = con.execute("SELECT action, after, row_digests FROM audit_entry WHERE id = 1"
                            ).fetchone()
        if first is None or first[0] != CHECKOUT or not isinstance(manifest.get("checkout"),
                                                                    str):
            raise CaseOpenError(path, _("is not a case checked out from a server (its trail "
                                        "does not begin with a check-out); nothing was done"))
        checkout = json.loads(first[1])
        if checkout.get("checkout") != manifest["checkout"]:
            raise CaseOpenError(path, _("does not match its manifest {name}: it names another "
                                        "check-out; nothing was done").format(
                name=manifest_path.name))
        problems = manifests.check(manifest, con.execute, copy=path, passphrase=passphrase)
        if problems:
            raise CaseOpenError(path, _("does not match its check-out manifest ({problem}); "
                                        "nothing was done").format(problem=problems[0]))
        rows = {table: _read_rows(con.execute, table) for table in _MODEL
                if table in digests.AUDITED}
        then = json.loads(first[2])
        new_sources = [i for i in rows["source"] if digests.key("source", i) not in then]
        texts, originals = {}, {}
        for source_id in new_sources:
            texts[source_id] = con.execute("SELECT text FROM source WHERE id = ?",
                                           (source_id,)).fetchone()[0]
            found = con.execute("SELECT data FROM source_original WHERE source_id = ?",
                                (source_id,)).fetchone()
            originals[source_id] = bytes(found[0]) if found else b""
        actors = sorted({a for (a,) in con.execute(
            "SELECT DISTINCT actor FROM audit_entry WHERE id > 1")})
        now = digests.file_rows(con.execute)
        _check_accounted(path, con.execute, now, rows)
    finally:
        con.close()
    return _Copy(path.name, manifests.file_sha256(path), checkout, then, now, rows, texts,
                 originals, actors)


def _check_accounted(path: Path, execute: Any, now: dict[str, str],
                     rows: dict[str, dict[int, dict]]) -> None:
    """Refuse a copy holding a row that is not as its own trail last recorded it (added,
    changed or removed outside Casefile): the manifest passes every row an entry names, so
    a change made with SQLite after an edit of the row would otherwise come in as an edit."""
    recorded: dict[str, str | None] = {}
    for row_key, value in execute("SELECT j.key, j.value FROM audit_entry AS e, "
                                  "json_each(e.row_digests) AS j "
                                  "WHERE e.row_digests IS NOT NULL ORDER BY e.id"):
        recorded[row_key] = value
    present = {k for k, v in recorded.items() if v is not None}
    for row_key in sorted(set(now) | present, key=digests.split_key):
        then, found = recorded.get(row_key), now.get(row_key)
        if then is not None and found is not None and \
                digests.row_digest(then) == digests.row_digest(found):
            continue
        table, row_id = digests.split_key(row_key)
        raise CaseOpenError(path, _("{name} was changed in the copy outside Casefile (its trail "
                                    "does not record it as it is); nothing was done").format(
            name=_name(table, row_id, rows.get(table, {}).get(row_id))))


def _name(table: str, row_id: int, row: dict | None) -> str:
    """How a report names a row: S-004, INC-002, E-012, W-001, member alice, the case."""
    if table == "source":
        return source_ref(row_id)
    if table == "evidence":
        return evidence_ref(row_id)
    if table == "incident" and row:
        return row["code"]
    if table == "protected_person" and row:
        return row["pseudonym"]
    if table == "member" and row:
        return _("member {name}").format(name=row["name"])
    return _("the case") if table == "case" else f"{table} #{row_id}"


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "“" + one_line(text, 60) + "”"


class _Checkin:
    """One check-in, run inside the server transaction."""

    def __init__(self, copy: _Copy, actor: str, report: CheckinReport) -> None:
        self.copy, self.actor, self.report = copy, actor, report
        self.ids: dict[str, dict[int, int]] = {t: {} for t in _MODEL}  # offline → server
        self.decisions: list[tuple[int, dict, str]] = []  # span (server id), theirs, name
        self.sign_offs: list[tuple[int, dict, str]] = []
        self.filled_later: list[tuple[int, dict]] = []

    # -- what the copy and the server changed since the check-out

    def from_server(self, table: str, row_id: int) -> bool:
        return digests.key(table, row_id) in self.copy.then

    def changed_in_copy(self, table: str, row_id: int) -> list[str] | None:
        row_key = digests.key(table, row_id)
        now = self.copy.now.get(row_key)
        if now is None:
            return None
        found = digests.changed_columns(table, self.copy.then[row_key], now)
        return found if found is not None else [n for n, _ in digests.AUDITED[table]]

    def server_id(self, table: str, row_id: int | None) -> int | None:
        if row_id is None:
            return None
        if self.from_server(table, row_id):
            return row_id
        return self.ids[table].get(row_id)

    def mapped(self, table: str, column: str, value: Any) -> Any:
        """A value of the copy with the ids of offline rows it holds put as the server's."""
        target = _REFERENCES.get((table, column))
        if target is not None:
            return self.server_id(target, value)
        if (table, column) == ("incident", "filled_from") and isinstance(value, dict):
            return {k: self.server_id("evidence", v) for k, v in value.items()
                    if self.server_id("evidence", v) is not None}
        if (table, column) == ("protected_person", "statements") and isinstance(value, list):
            return [self.server_id("source", v) for v in value
                    if self.server_id("source", v) is not None]
        return value

    def conflict(self, text: str) -> None:
        self.report.conflicts.append(text)

    # -- rows made offline

    def offline(self, table: str) -> list[int]:
        return sorted(i for i in self.copy.rows[table] if not self.from_server(table, i))

    def values_of(self, table: str, row: dict, *left_out: str) -> dict:
        """A row of the copy as the server's model takes it (by field name), its references
        to offline rows remapped, without its id and the `left_out` columns."""
        return {f.name: self.mapped(table, c, row[c]) for c, f in _columns(table).items()
                if c not in ("id", *left_out)}

    def numbered(self, ref: str, offline: str) -> None:
        """Report the number the server gave a row made offline."""
        self.report.numbers.append(_("{ref} (offline {offline})").format(ref=ref,
                                                                         offline=offline))

    def record_new(self, action: str, table: str, server_id: int, offline: tuple[int, dict],
                   summary: str, after: dict) -> None:
        """The audit entry of a row made offline and brought in: what it holds, and the copy,
        offline name, maker and time it came with."""
        row_id, row = offline
        came = {"file": self.copy.name, "checkout": self.copy.checkout["checkout"],
                "offline": _name(table, row_id, row),
                "by": row.get("created_by") or row.get("imported_by") or "",
                "at": row.get("created_at") or row.get("imported_at") or ""}
        audit.record(action, actor=self.actor, object_type=_OBJECT[table], object_id=server_id,
                     summary=summary, after={**after, "checked_in": came})

    def new_sources(self) -> None:
        imported: dict[int, int] = {}
        for row_id in self.offline("source"):
            row = self.copy.rows["source"][row_id]
            known = Source.get_or_none(Source.sha256 == row["sha256"])
            if known is not None:
                self.ids["source"][row_id] = known.id
                self.report.numbers.append(_("{ref} (offline {offline}): already on the server; "
                                             "not imported again").format(
                    ref=source_ref(known.id), offline=source_ref(row_id)))
                continue
            if not self._intact(row_id, row):
                continue
            values = self.values_of("source", row, "text")
            values["text"] = self.copy.texts[row_id]
            source_id = insert_row(Source, values)
            insert_row(SourceOriginal, {"source": source_id,
                                        "data": self.copy.originals[row_id]})
            database.execute_sql('INSERT INTO "source_index" ("rowid", "text") VALUES (?, ?)',
                                 (source_id, values["text"]))
            lemmas.index_texts([values["text"]])
            self.ids["source"][row_id] = imported[row_id] = source_id
            self.record_new("source.import", "source", source_id, (row_id, row),
                            _("Imported {name} from the checked-out copy {file} (offline "
                              "{offline})").format(name=row["original_name"],
                                                   file=self.copy.name,
                                                   offline=source_ref(row_id)),
                            {key: row[key] for key in ("title", "original_name", "sha256",
                                                       "size", "media_type", "extraction")})
            self.numbered(source_ref(source_id), source_ref(row_id))
        for row_id, source_id in imported.items():  # one relaying a source imported after it
            relayed = self.copy.rows["source"][row_id]["relays_id"]
            if relayed is not None and not self.from_server("source", relayed):
                Source.update(relays=self.server_id("source", relayed)).where(
                    Source.id == source_id).execute()

    def _intact(self, row_id: int, row: dict) -> bool:
        """Whether a source made offline holds the bytes and text its fingerprints name (a
        copy's trail can be rewritten after its first entry; the server's cannot)."""
        data, text = self.copy.originals[row_id], self.copy.texts[row_id]
        if hashlib.sha256(data).hexdigest() == row["sha256"] and (
                hashlib.sha256(text.encode("utf-8")).hexdigest() == row["text_sha256"]):
            return True
        self.conflict(_("{ref} (offline): its original or its text does not match its "
                        "fingerprints (changed outside Casefile); not brought in").format(
            ref=source_ref(row_id)))
        return False

    def new_incidents(self) -> None:
        for row_id in self.offline("incident"):
            row = self.copy.rows["incident"][row_id]
            values = self.values_of("incident", row, "code")
            values["code"] = incidents.next_code()
            signed = row["state"] in ("approved", "returned")
            if signed:  # signed off below, once its evidence is in, as the server lets
                values.update(state="in_review", decided_by="", decided_at="")
            incident_id = insert_row(Incident, values)
            if signed:
                self.sign_offs.append((incident_id, row, values["code"]))
            self.ids["incident"][row_id] = incident_id
            if row["filled_from"]:
                self.filled_later.append((incident_id, row["filled_from"]))
            self.record_new("incident.create", "incident", incident_id, (row_id, row),
                            _("Created {code} {title} from the checked-out copy {file} "
                              "(offline {offline})").format(
                                code=values["code"], title=row["title"], file=self.copy.name,
                                offline=row["code"]),
                            audit.snapshot(Incident.get_by_id(incident_id)))
            self.numbered(values["code"], row["code"])

    def new_evidence(self) -> None:
        for row_id in self.offline("evidence"):
            row = self.copy.rows["evidence"][row_id]
            source_id = self.server_id("source", row["source_id"])
            if source_id is None or not Source.select().where(Source.id == source_id).exists():
                self.conflict(_("{ref} (offline): its source is not on the server; not brought "
                                "in").format(ref=evidence_ref(row_id)))
                continue
            text = Source.select(Source.text).where(Source.id == source_id).scalar()
            try:
                placed = anchoring.quote_at(text, row["start"], row["end"]).exact
            except ValueError:
                placed = None
            if placed != row["quote"]:
                self.conflict(_("{ref} (offline): its quote is not the text of {source} at its "
                                "place (changed outside Casefile); not brought in").format(
                    ref=evidence_ref(row_id), source=source_ref(source_id)))
                continue
            values = self.values_of("evidence", row)
            incident = values.get("incident")
            if incident is not None and not Incident.select().where(
                    Incident.id == incident).exists():
                values["incident"] = None  # deleted on the server since
            # The server takes a mark as the connecting role's (its row-level security); who
            # marked it in the copy is in the entry.
            values.update(created_by=self.actor, review_state="pending", review_comment="",
                          reviewed_by="", reviewed_at="")
            span_id = insert_row(Evidence, values)
            self.ids["evidence"][row_id] = span_id
            self.record_new("evidence.add", "evidence", span_id, (row_id, row),
                            _("Marked {ref} from the checked-out copy {file} (offline "
                              "{offline}, marked by {name})").format(
                                ref=evidence_ref(span_id), file=self.copy.name,
                                offline=evidence_ref(row_id), name=row["created_by"]),
                            audit.snapshot(Evidence.get_by_id(span_id)))
            if values["incident"] is not None and self.from_server("incident",
                                                                   row["incident_id"]):
                # What was submitted or signed off on the server did not have this evidence.
                incidents.back_to_draft(values["incident"], incidents.EVIDENCE_AFTER_REVIEW,
                                        actor=self.actor)
            if row["review_state"] != "pending":
                self.decisions.append((span_id, row, evidence_ref(span_id)))
            self.numbered(evidence_ref(span_id), evidence_ref(row_id))

    def new_people(self) -> None:
        for row_id in self.offline("protected_person"):
            row = self.copy.rows["protected_person"][row_id]
            values = self.values_of("protected_person", row, "pseudonym")
            values["pseudonym"] = protection.next_pseudonym(row["role"])
            person_id = insert_row(ProtectedPerson, values)
            self.ids["protected_person"][row_id] = person_id
            # The entry names the pseudonym only: the trail may be printed in a dossier.
            self.record_new("protected.add", "protected_person", person_id, (row_id, row),
                            _("Protected a person as {pseudonym} from the checked-out copy "
                              "{file} (offline {offline})").format(
                                pseudonym=values["pseudonym"], file=self.copy.name,
                                offline=row["pseudonym"]),
                            {"pseudonym": values["pseudonym"], "role": row["role"],
                             "spellings": len(row["names"].splitlines())})
            self.numbered(values["pseudonym"], row["pseudonym"])
        for row_id in self.offline("member"):
            self.conflict(_("{name}: added in the copy; a server case's members are added "
                            "with `casefile server add-member`; not brought in").format(
                name=_name("member", row_id, self.copy.rows["member"][row_id])))

    def filled_from(self) -> None:
        """New incidents' record of which span filled a field, once offline spans are in."""
        for incident_id, filled in self.filled_later:
            mapped = self.mapped("incident", "filled_from", filled)
            Incident.update(filled_from=mapped).where(Incident.id == incident_id).execute()

    # -- rows from the server, changed in the copy

    def changes(self, server_then: dict[str, str], server_now: dict[str, str]) -> None:
        for table in ("case", "source", "incident", "evidence", "protected_person", "member"):
            for row_key in sorted(k for k in self.copy.then if k.startswith(table + ":")):
                row_id = digests.split_key(row_key)[1]
                mine = self.changed_in_copy(table, row_id)
                if mine == []:
                    continue
                theirs = self._server_changes(table, row_key, server_then, server_now)
                self._row(table, row_id, mine, theirs)

    @staticmethod
    def _server_changes(table: str, row_key: str, then: dict[str, str],
                        now: dict[str, str]) -> list[str] | None:
        if now.get(row_key) is None:
            return None
        if then.get(row_key) is None:
            return [n for n, _ in digests.AUDITED[table]]
        found = digests.changed_columns(table, then[row_key], now[row_key])
        return found if found is not None else [n for n, _ in digests.AUDITED[table]]

    def _row(self, table: str, row_id: int, mine: list[str] | None,
             theirs: list[str] | None) -> None:
        ours = self.copy.rows[table].get(row_id)
        name = _name(table, row_id, ours or self._server_row(table, row_id))
        if mine is None and theirs is None:
            return  # removed on both sides: they agree
        if mine is None:
            self.conflict(_("{name}: removed in the copy; kept on the server (remove it there "
                            "if that was meant)").format(name=name))
            return
        if theirs is None:
            self.conflict(_("{name}: changed in the copy ({fields}), but removed from the "
                            "server since; not brought back").format(
                name=name, fields=audit.field_names(_OBJECT[table], mine)))
            return
        decision: list[str] = []
        if table == "evidence" and ours["review_state"] != "pending":
            decision = [c for c in mine if c in _SPAN_DECISION]
        if table == "incident" and ours["state"] in ("approved", "returned"):
            decision = [c for c in mine if c in _SIGN_OFF]
        fields = [c for c in mine if c not in decision and c != digests.SEARCH_INDEX]
        server_row = self._server_row(table, row_id)
        applied = {}
        for column in fields:
            value = self.mapped(table, column, ours[column])
            if value == server_row[column]:
                continue  # the same on both sides (or a column told changed by an upgrade)
            if self._unlinked_by_removal(table, column, value, server_row):
                continue  # the removal is kept from the server, so is what came with it
            if column in theirs:
                self.conflict(_("{name}: {field} changed on both sides: in the copy "
                                "{copy}, on the server {server}; the server's is kept")
                              .format(name=name,
                                      field=audit.field_names(_OBJECT[table], [column]),
                                      copy=_shown(value), server=_shown(server_row[column])))
                continue
            applied[column] = value
        if applied:
            self._edit(table, row_id, name, server_row, applied,
                       also=_after_review(table, server_row, applied))
        if decision:
            self._decision(table, row_id, name, ours, theirs)

    def _unlinked_by_removal(self, table: str, column: str, value: Any,
                             server_row: dict) -> bool:
        """Whether a span's link was cut by the removal of its incident in the copy (a
        removal is never brought in, so the incident keeps its evidence)."""
        if (table, column) != ("evidence", "incident_id") or value is not None:
            return False
        linked = server_row[column]
        return linked is not None and self.from_server("incident", linked) and \
            self.changed_in_copy("incident", linked) is None

    @staticmethod
    def _server_row(table: str, row_id: int) -> dict | None:
        return _read_rows(lambda sql: database.execute_sql(sql + ' WHERE "id" = ?', (row_id,)),
                          table).get(row_id)

    def _edit(self, table: str, row_id: int, name: str, before: dict, edited: dict, *,
              also: dict) -> None:
        """Write the copy's `edited` fields of a server row (and what such an edit `also`
        changes there) with its entry, naming the fields the copy changed."""
        columns, values = _columns(table), {**edited, **also}
        try:
            with database.atomic():  # a savepoint: a refusal by the server undoes this alone
                database.execute_sql(
                    f'UPDATE "{table}" SET ' + ", ".join(f'"{c}" = ?' for c in values)
                    + ' WHERE "id" = ?',
                    (*(columns[c].db_value(v) for c, v in values.items()), row_id))
                audit.record(_EDIT_ACTION[table], actor=self.actor, object_type=_OBJECT[table],
                             object_id=row_id,
                             summary=_("Edited {fields} of {name} in the checked-out copy "
                                       "{file}").format(
                                 fields=audit.field_names(_OBJECT[table], edited), name=name,
                                 file=self.copy.name),
                             before={c: before[c] for c in values},
                             after={**values, "checked_in": {
                                 "file": self.copy.name,
                                 "checkout": self.copy.checkout["checkout"]}})
                if table == "evidence" and edited.get("incident_id") is not None:
                    # Moved into an incident submitted or signed off (on the server since):
                    # what was signed off did not have it, as on the server.
                    incidents.back_to_draft(edited["incident_id"],
                                            incidents.EVIDENCE_AFTER_REVIEW, actor=self.actor)
        except DatabaseError as exc:
            refused = server.refusal(exc)
            if refused is None:
                raise
            self.conflict(_("{name}: {fields} edited in the copy, but the server refused it: "
                            "{reason}").format(name=name,
                                               fields=audit.field_names(_OBJECT[table], edited),
                                               reason=refused))
            return
        self.report.edits.append(f"{name}: {audit.field_names(_OBJECT[table], edited)}")

    def _decision(self, table: str, row_id: int, name: str, ours: dict,
                  theirs: list[str]) -> None:
        place = _SPAN_PLACE if table == "evidence" else (*_INCIDENT_FACTS, "state")
        moved = [c for c in theirs if c in place]
        if moved:
            self.conflict(_("{name}: decided in the copy, but its {fields} changed on the "
                            "server since; review it again").format(
                name=name, fields=audit.field_names(_OBJECT[table], moved)))
            return
        decided = _SPAN_DECISION if table == "evidence" else _SIGN_OFF
        if any(c in theirs for c in decided):
            self.conflict(_("{name}: decided in the copy and also on the server since; the "
                            "server's decision is kept").format(name=name))
            return
        (self.decisions if table == "evidence" else self.sign_offs).append((row_id, ours, name))

    # -- decisions, as far as the server lets the connecting role

    def _refusable(self, name: str, what: str, run: Callable[[], Any]) -> bool:
        try:
            with database.atomic():
                run()
        except (DatabaseError, ValidationError) as exc:
            refused = server.refusal(exc) if isinstance(exc, DatabaseError) else str(exc)
            if refused is None:
                raise
            self.conflict(_("{name}: {what} in the copy, but not brought in: {reason}").format(
                name=name, what=what, reason=refused))
            return False
        return True

    def apply_decisions(self) -> None:
        for span_id, theirs, name in self.decisions:
            def decide(span_id: int = span_id, theirs: dict = theirs) -> None:
                # Checked against the reviewer who decided it in the copy, as a sign-off is
                # (the server checks the connecting role): a member reviewer, four eyes.
                review.may_review(theirs["reviewed_by"])
                review.four_eyes([span_id], theirs["reviewed_by"],
                                 also=theirs["created_by"])
                review.record_decision(span_id, theirs["review_state"],
                                       comment=theirs["review_comment"],
                                       reviewer=theirs["reviewed_by"],
                                       at=theirs["reviewed_at"], actor=self.actor,
                                       taken_from=self.copy.name)
            what = _("{state} by {name}").format(state=theirs["review_state"],
                                                 name=theirs["reviewed_by"])
            if self._refusable(name, what, decide):
                self.report.decisions.append(f"{name}: {what}")
        for incident_id, theirs, name in self.sign_offs:
            taken = review.TakenOver(theirs["decided_by"] or self.actor,
                                     theirs["decided_at"] or "", self.copy.name)

            def sign(incident_id: int = incident_id, theirs: dict = theirs,
                     taken: review.TakenOver = taken) -> None:
                if Incident.get_by_id(incident_id).state == "draft":  # submitted in the copy
                    review.submit_incident(incident_id, actor=self.actor)
                if theirs["state"] == "approved":
                    review.approve_incident(incident_id, actor=self.actor,
                                            comment=theirs["state_comment"] or "",
                                            taken_over=taken)
                else:
                    review.return_incident(incident_id,
                                           theirs["state_comment"] or "(returned in review)",
                                           actor=self.actor, taken_over=taken)
            what = _("{state} by {name}").format(state=theirs["state"], name=taken.decided_by)
            if self._refusable(name, what, sign):
                self.report.decisions.append(f"{name}: {what}")


def _after_review(table: str, server_row: dict, applied: dict) -> dict:
    """What an edit also changes on the server, as the same edit made there would: an
    approved span goes back to review, an incident under review or approved back to draft
    (an approval covers what was approved; the copy may not have seen it)."""
    if table == "evidence" and set(applied) - set(_SPAN_DECISION):
        reset = evidence.reset_by_edit(server_row["review_state"])
        return {k: v for k, v in reset.items() if k not in applied}
    if table == "incident" and set(applied) - set(_SIGN_OFF) and "state" not in applied:
        return incidents.reopened_by_edit(server_row["state"])
    return {}


def _entry_naming(action: str, checkout: str) -> tuple | None:
    """(id, at, actor) of the server's `action` entry for the check-out `checkout`, if any."""
    return database.execute_sql(
        "SELECT id, at, actor FROM audit_entry WHERE action = ? "
        "AND json_extract(after, '$.checkout') = ?", (action, checkout)).fetchone()


def _check_checkout(copy: _Copy, url: str) -> None:
    """Refuse a copy the open server case did not check out, or checked in already."""
    checkout = copy.checkout["checkout"]
    found = _entry_naming(CHECKOUT, checkout)
    head = database.execute_sql("SELECT entry_hash FROM audit_entry WHERE id = ?",
                                (copy.checkout.get("server_entry"),)).fetchone()
    if found is None or head is None or head[0] != copy.checkout.get("server_head"):
        raise CaseOpenError(Path(copy.name), _("was not checked out from {server} (its "
                                               "check-out is not in that case's trail); "
                                               "nothing was done").format(server=url))
    done = _entry_naming(CHECKIN, checkout)
    if done is not None:
        raise CaseOpenError(Path(copy.name), _(
            "was already checked in to {server} (entry #{id}, {at}, by {actor}); a copy is "
            "checked in once; nothing was done").format(server=url, id=done[0], at=done[1],
                                                       actor=done[2]))


def check_in(path: Path | str, *, passphrase: str | None = None) -> CheckinReport:
    """Bring what was done offline in the checked-out file `path` (encrypted: give its
    passphrase) into the open server case, in one transaction with its audit entries."""
    if not db.is_server():
        raise CasefileError(_("a copy is checked in to the case on the server it was checked "
                              "out from; this case is a file"))
    path = Path(path)
    copy = _read_copy(path, passphrase)
    url = server.display_name(db.case_url() or "")
    report = CheckinReport(copy.name, copy.checkout["checkout"], copy.actors)
    with database.atomic():
        database.obj.lock_chain()
        _check_checkout(copy, url)
        # The server's rows at the check-out: as its trail recorded them up to the entry the
        # copy was made after (each side is compared only with itself).
        then = {key: found[0] for key, found in digests.recorded(
            up_to=copy.checkout["server_entry"]).items() if found[0] is not None}
        actor = database.execute_sql("SELECT current_user").fetchone()[0]
        run = _Checkin(copy, actor, report)
        run.new_sources()
        run.new_incidents()
        run.new_evidence()
        run.new_people()
        run.changes(then, digests.every_row())
        run.filled_from()
        run.apply_decisions()
        numbers = {f"{table}:{offline}": server_id for table, ids in run.ids.items()
                   for offline, server_id in ids.items()}
        audit.record(CHECKIN, actor=actor, object_type="case", object_id=1,
                     summary=_("Checked in {file} (check-out {id}, worked on by {actors}): "
                               "{report}").format(file=copy.name, id=copy.checkout["checkout"],
                                                  actors=", ".join(copy.actors) or actor,
                                                  report=report.summary()),
                     after={"checkout": copy.checkout["checkout"], "file": copy.name,
                            "sha256": copy.sha256, "actors": copy.actors, "numbers": numbers,
                            "edits": report.edits, "decisions": report.decisions,
                            "conflicts": report.conflicts})
    return report
