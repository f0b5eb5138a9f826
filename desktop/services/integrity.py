"""Verify a case: the audit trail's hash chain, every row against the trail, every source's
fingerprints and the search index (with its dictionary forms, made again from the text).

What it finds is said in plain words, first problem first, so a reviewer or a receiving office
knows which entry or source was changed outside Casefile.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain import digests, ledger, lemmas
from desktop.domain.models import Case, database
from desktop.domain.refs import evidence_ref, source_ref
from desktop.services.words import N_, _, ngettext

Progress = Callable[[int, int, str], None]

_AUDIT_ROWS = ("SELECT id, at, actor, action, object_type, object_id, summary, before, after, "
               "row_digests, row_before, entry_hash FROM audit_entry ORDER BY id")
# A source's row digest is read in the same pass as its text and bytes: its text lies in the
# middle of its row, so reading the row twice would read the text twice. The text is read as
# the UTF-8 bytes SQLite keeps (what text_sha256 is the hash of), not decoded and encoded again.
_SOURCE_ROWS = ("SELECT source.id, source.title, source.sha256, source.text_sha256, "
                "CAST(source.text AS BLOB), o.data, {row} FROM source "
                "LEFT JOIN source_original AS o ON o.source_id = source.id ORDER BY source.id")
#: The search index's tables (FTS5 keeps the index in the four beside the first).
_INDEX_TABLES = ("source_index", "source_index_data", "source_index_idx",
                 "source_index_docsize", "source_index_config")
_REBUILD = N_("rebuild it with “casefile reindex”")
_INDEX_MISSING = N_("The search index is missing from the case: it was removed outside "
                    "Casefile, and searches cannot find anything ({rebuild}).")
_IMPORTED_HASHES = ("SELECT object_id, json_extract(after, '$.sha256') FROM audit_entry "
                    "WHERE action = 'source.import'")


@dataclass
class IntegrityReport:
    """The outcome of a check: what was read and every mismatch found, in order."""

    entries: int = 0
    rows: int = 0
    sources: int = 0
    source_bytes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: all well, or the first problem and how many more."""
        if self.ok:
            entries = ngettext("{n} audit entry accounts", "{n} audit entries account",
                               self.entries).format(n=f"{self.entries:,}")
            records = ngettext("{n} record", "{n} records", self.rows).format(
                n=f"{self.rows:,}")
            matched = ngettext("{n} source ({size} MB) matches its fingerprint",
                               "{n} sources ({size} MB) match their fingerprints",
                               self.sources).format(n=f"{self.sources:,}",
                                                    size=f"{self.source_bytes / 1e6:,.1f}")
            return _("Integrity verified: {entries} for the case's {records}, and "
                     "{matched}.").format(entries=entries, records=records, matched=matched)
        more = len(self.problems) - 1
        return self.problems[0] + (" " + ngettext("(and {n} more problem)",
                                                  "(and {n} more problems)", more).format(n=more)
                                   if more else "")


def _check_chain(report: IntegrityReport) -> None:
    previous, expected_id, last_id = ledger.GENESIS, 1, 0
    for row in database.execute_sql(_AUDIT_ROWS):
        entry_id, stored = row[0], row[11]
        if entry_id != expected_id:
            report.problems.append(
                _("Audit entry #{id} is missing: it was removed from the trail outside "
                  "Casefile.").format(id=expected_id) if entry_id == expected_id + 1 else
                _("Audit entries #{first}–#{last} are missing: they were removed from the trail "
                  "outside Casefile.").format(first=expected_id, last=entry_id - 1))
        elif ledger.entry_digest(previous, row[:11]) != stored:
            report.problems.append(
                _("Audit entry #{id} ({action}, {at}) does not match its fingerprint: it was "
                  "changed outside Casefile after it was written.").format(
                    id=entry_id, action=row[3], at=row[1]))
        previous, expected_id, last_id = stored, entry_id + 1, entry_id
        report.entries += 1
    head, count = Case.select(Case.audit_head, Case.audit_count).tuples().get()
    if count > last_id:
        report.problems.append(
            _("The audit trail ends at entry #{last}, but the case recorded {count} entries: "
              "the newest {gone} were removed outside Casefile.").format(
                last=last_id, count=count, gone=count - last_id))
    elif count < last_id:
        report.problems.append(
            _("The audit trail has entries after #{count}, the last one the case recorded: "
              "#{first}–#{last} were added outside Casefile.").format(
                count=count, first=count + 1, last=last_id))
    elif previous != head:
        report.problems.append(_("The audit trail's last entry #{id} is not the one the case "
                                 "recorded: it was replaced outside Casefile.").format(id=last_id))


#: How a column is named in a finding, where its name alone would not say it.
_COLUMN_WORDS = {"start": N_("start offset"), "end": N_("end offset"), "source_id": N_("source"),
                 "incident_id": N_("incident"), "relays_id": N_("relayed source"),
                 "sha256": "SHA-256", "text_sha256": N_("text fingerprint"),
                 "review_state": N_("review decision"), "state": N_("review state"),
                 "names": N_("list of names"), "reviewed_by": N_("reviewer"),
                 "reviewed_at": N_("review time"), "decided_by": N_("sign-off's reviewer"),
                 "decided_at": N_("sign-off time"), "collected_by": N_("collector"),
                 "collected_at": N_("collection time"),
                 "collected_from": N_("collection place"),
                 "victims_min": N_("lowest victim count"),
                 "victims_max": N_("highest victim count"),
                 digests.SEARCH_INDEX: N_("search index entry")}
_NAMED_BY = {"incident": "code", "protected_person": "pseudonym", "member": "name"}
_NOUNS = {"incident": N_("Incident #{id}"), "protected_person": N_("Protected person #{id}"),
          "member": N_("Member #{id}")}


def _row_name(table: str, row_id: int) -> str:
    """How a finding names a row: E-012, S-004, INC-001, W-001, Member Ada Osei, the case."""
    if table == "case":
        return _("The case")
    if table == "evidence":
        return evidence_ref(row_id)
    if table == "source":
        return source_ref(row_id)
    column = _NAMED_BY[table]
    found = database.execute_sql(f'SELECT "{column}" FROM "{table}" WHERE id = ?',
                                 (row_id,)).fetchone()
    if found is None:  # a deleted row: named as the trail last named it
        found = database.execute_sql(
            f"SELECT coalesce(json_extract(after, '$.{column}'), json_extract(before, "
            f"'$.{column}'), json_extract(before, '$.{table}.{column}')) AS name "
            "FROM audit_entry WHERE object_type = ? AND object_id = ? AND name IS NOT NULL "
            "ORDER BY id DESC LIMIT 1", (table, row_id)).fetchone()
    if found is None:
        return _(_NOUNS[table]).format(id=row_id)
    return _("Member {name}").format(name=found[0]) if table == "member" else str(found[0])


def _recorded_when(entry: tuple) -> str:
    _digest, entry_id, at, actor = entry
    if actor:
        return _("on {date} by {actor} (entry #{id})").format(date=at[:10], actor=actor,
                                                              id=entry_id)
    return _("on {date} (entry #{id})").format(date=at[:10], id=entry_id)


def _changed(table: str, row_id: int, entry: tuple, columns: list[str] | None) -> str:
    name, when = _row_name(table, row_id), _recorded_when(entry)
    if columns == [digests.SEARCH_INDEX]:
        return _("{name}'s entry in the search index differs from what the trail recorded "
                 "{when}: the index was changed outside Casefile ({rebuild}).").format(
            name=name, when=when, rebuild=_(_REBUILD))
    if not columns:
        return _("{name} differs from what the trail recorded {when}: it was changed outside "
                 "Casefile.").format(name=name, when=when)
    return ngettext("{name}'s {fields} differs from what the trail recorded {when}: it was "
                    "changed outside Casefile.",
                    "{name}'s {fields} differ from what the trail recorded {when}: they were "
                    "changed outside Casefile.", len(columns)).format(
        name=name, fields=_fields(columns), when=when)


def _fields(columns: list[str]) -> str:
    """Columns in words: "quote", "start offset and end offset"."""
    words = [_(_COLUMN_WORDS.get(c, c.replace("_", " "))) for c in columns]
    return words[0] if len(words) == 1 else _("{first} and {last}").format(
        first=", ".join(words[:-1]), last=words[-1])


def _check_row(report: IntegrityReport, recorded: dict, table: str, row_id: int,
               digest: str, *, search_index: bool = True) -> None:
    """One row against the latest digest the trail holds for it (taken out of `recorded`).
    Without the search index (already reported missing) a source's entry in it is not told."""
    report.rows += 1
    entry = recorded.pop(digests.key(table, row_id), None)
    if entry is None:
        report.problems.append(
            _("{name} is not in the audit trail: no entry records it, so it was added outside "
              "Casefile.").format(name=_row_name(table, row_id)))
    elif entry[0] is None:
        report.problems.append(
            _("{name} was removed {when}, but it is in the case again: it was put back outside "
              "Casefile.").format(name=_row_name(table, row_id), when=_recorded_when(entry)))
    elif digests.row_digest(entry[0]) != digest:
        columns = digests.differing_columns(table, row_id, entry[0], search_index=search_index)
        if not search_index and columns is not None:
            columns = [c for c in columns if c != digests.SEARCH_INDEX]
            if not columns:
                return
        report.problems.append(_changed(table, row_id, entry, columns))


def _check_breaks(report: IntegrityReport, breaks: list[digests.Break]) -> None:
    """Rows that were not, when Casefile changed them, as the trail had last recorded them:
    changed, added or put back outside Casefile before that change (which then recorded
    the row as it left it, so the row itself matches the trail again)."""
    for row_key, was, last, (entry_id, at, actor) in breaks:
        table, row_id = digests.split_key(row_key)
        name, then = _row_name(table, row_id), _recorded_when((was, entry_id, at, actor))
        if last is None:
            report.problems.append(
                _("{name} was not in the audit trail when Casefile changed it {then}: it had "
                  "been added outside Casefile.").format(name=name, then=then))
        elif last[0] is None:
            report.problems.append(
                _("{name} was removed {when}, but it was in the case again when Casefile "
                  "changed it {then}: it had been put back outside Casefile.").format(
                    name=name, when=_recorded_when(last), then=then))
        else:
            columns = digests.changed_columns(table, last[0], was)
            report.problems.append(
                _("{name}'s {fields} had been changed outside Casefile when Casefile changed it "
                  "{then}: it was not what the trail recorded {when}.").format(
                    name=name, fields=_fields(columns), then=then, when=_recorded_when(last))
                if columns else
                _("{name} had been changed outside Casefile when Casefile changed it {then}: "
                  "it was not what the trail recorded {when}.").format(
                    name=name, then=then, when=_recorded_when(last)))


def _check_rows(report: IntegrityReport, recorded: dict) -> None:
    """Every row but the sources' (checked with their bytes) against the trail."""
    for table in digests.AUDITED:
        if table != "source":
            for row_id, digest in digests.scan(table):
                _check_row(report, recorded, table, row_id, digest)


def _check_missing(report: IntegrityReport, recorded: dict) -> None:
    """Rows the trail recorded, and no entry removes, that the case no longer holds. A row
    last recorded before the case was recovered was lost then (the recovery records every row
    it kept)."""
    recovered = database.execute_sql("SELECT max(id) FROM audit_entry WHERE action = "
                                     "'case.recover'").fetchone()[0] or 0
    for row_key, entry in recorded.items():
        if entry[0] is None:
            continue
        table, row_id = digests.split_key(row_key)
        if entry[1] < recovered:
            report.problems.append(
                _("{name} was lost when the case was recovered from a damaged file (entry "
                  "#{id}): the trail last recorded it {when}.").format(
                    name=_row_name(table, row_id), id=recovered, when=_recorded_when(entry)))
        else:
            report.problems.append(
                _("{name} is missing: the trail recorded it {when} and no entry removes it, so "
                  "it was deleted outside Casefile.").format(name=_row_name(table, row_id),
                                                             when=_recorded_when(entry)))


def _varints(data: bytes) -> list[int]:
    """The numbers in FTS5's varint encoding (7 bits a byte, high bit: more follow)."""
    numbers, value, length = [], 0, 0
    for byte in data:
        value, length = (value << 7) | (byte & 0x7F), length + 1
        if not byte & 0x80 or length == 9:
            numbers.append(value)
            value, length = 0, 0
    return numbers


def _check_server_search_index(report: IntegrityReport) -> bool:
    """On a server the index is a table of one row per source (the server's keys keep out a
    row that is no source's): it is there, and every source has its row."""
    if not database.table_exists("source_index"):
        report.problems.append(_(_INDEX_MISSING).format(rebuild=_(_REBUILD)))
        return False
    for (source_id,) in database.execute_sql(
            "SELECT id FROM source WHERE id NOT IN (SELECT rowid FROM source_index)"):
        report.problems.append(
            _("The search index has no entry for {ref}: it was removed outside Casefile "
              "({rebuild}).").format(ref=source_ref(source_id), rebuild=_(_REBUILD)))
    return True


def _check_search_index(report: IntegrityReport) -> bool:
    """The search index is whole, its word counts add up to its documents' and it holds no
    document that is not a source; False when its tables are gone (nothing more is told)."""
    if getattr(database.obj, "server", False):
        return _check_server_search_index(report)
    names = ", ".join(f"'{t}'" for t in _INDEX_TABLES)
    present = {name for (name,) in database.execute_sql(
        f"SELECT name FROM sqlite_master WHERE name IN ({names})")}
    if len(present) < len(_INDEX_TABLES):
        report.problems.append(_(_INDEX_MISSING).format(rebuild=_(_REBUILD)))
        return False
    docs, words = 0, 0
    for (size,) in database.execute_sql('SELECT sz FROM "source_index_docsize"'):
        docs, words = docs + 1, words + sum(_varints(size or b""))
    totals = database.execute_sql('SELECT block FROM "source_index_data" WHERE id = 1'
                                  ).fetchone()
    structure = database.execute_sql('SELECT count(*) FROM "source_index_data" WHERE id = 10'
                                     ).fetchone()[0]
    counted = _varints(totals[0] or b"") if totals else []
    never_filled = docs == 0 and counted[:1] in ([], [0])  # a case with no source yet
    if not never_filled and (not structure or counted[:1] != [docs]
                             or sum(counted[1:]) != words):
        report.problems.append(
            _("The search index is damaged or was changed outside Casefile: its word counts do "
              "not add up to its documents' ({rebuild}).").format(rebuild=_(_REBUILD)))
    for (doc_id,) in database.execute_sql(
            'SELECT id FROM "source_index_docsize" WHERE id NOT IN (SELECT id FROM source)'):
        report.problems.append(
            _("The search index holds a document (#{id}) that is not a source of the case: it "
              "was added outside Casefile ({rebuild}).").format(id=doc_id, rebuild=_(_REBUILD)))
    return True


def _check_strays(report: IntegrityReport) -> None:
    """Original bytes that belong to no source of the case."""
    for (source_id,) in database.execute_sql(
            "SELECT source_id FROM source_original WHERE source_id NOT IN "
            "(SELECT id FROM source)"):
        report.problems.append(
            _("The case holds original bytes for {ref}, which is not a source of the case: "
              "they were added outside Casefile.").format(ref=source_ref(source_id)))


def _check_dictionary_forms(report: IntegrityReport) -> None:
    """The search's table of dictionary forms is there. It is made from the sources' text,
    which verify fingerprints; a word-by-word check costs as much as making it again, so it
    is `casefile reindex`'s, as for the index itself (a changed table only makes a search
    miss or add inflected forms: what the case holds is checked above)."""
    if not lemmas.present():
        report.problems.append(
            _("The search index's dictionary forms are missing from the case: they were "
              "removed outside Casefile, and a word no longer finds its inflected forms "
              "({rebuild}).").format(rebuild=_(_REBUILD)))


def _check_sources(report: IntegrityReport, progress: Progress | None,
                   recorded: dict, search_index: bool) -> None:
    imported = dict(database.execute_sql(_IMPORTED_HASHES).fetchall())
    total = database.execute_sql("SELECT count(*) FROM source").fetchone()[0]
    for done, (source_id, title, sha, text_sha, text, data, row) in enumerate(
            database.execute_sql(_SOURCE_ROWS.format(
                row=digests.row_json("source", search_index=search_index))), start=1):
        _check_row(report, recorded, "source", source_id, digests.sha256_text(row),
                   search_index=search_index)
        name = _("Source {ref} “{title}”").format(ref=source_ref(source_id), title=title)
        if data is None:
            report.problems.append(_("{name}: its original bytes are missing from the case.")
                                   .format(name=name))
        else:
            report.source_bytes += len(data)
            if hashlib.sha256(data).hexdigest() != sha:
                report.problems.append(
                    _("{name}: its original bytes do not match the SHA-256 recorded at import "
                      "({digest}…); they were changed outside Casefile.").format(
                        name=name, digest=sha[:16]))
        if text_sha and hashlib.sha256(text).hexdigest() != text_sha:
            report.problems.append(_("{name}: its extracted text was changed after import.")
                                   .format(name=name))
        if imported.get(source_id) not in (None, sha):
            report.problems.append(_("{name}: its recorded fingerprint differs from the one in "
                                     "the audit trail's import entry.").format(name=name))
        report.sources += 1
        if progress and done % 50 == 0:
            progress(done, total, title)
    _check_dictionary_forms(report)


def verify_case(progress: Progress | None = None) -> IntegrityReport:
    """Recompute the audit chain, every row's digest and every source's hashes of the open
    case, and check them against each other."""
    report = IntegrityReport()
    with database.atomic(lock_type="DEFERRED"):  # one consistent read, no write lock
        breaks: list[digests.Break] = []
        recorded = digests.recorded(breaks=breaks)
        _check_chain(report)
        _check_breaks(report, breaks)
        _check_rows(report, recorded)
        search_index = _check_search_index(report)
        _check_strays(report)
        _check_sources(report, progress, recorded, search_index)
        _check_missing(report, recorded)
        recovered = database.execute_sql(
            "SELECT count(*) FROM audit_entry WHERE action = 'case.recover'").fetchone()[0]
    if recovered and report.problems:
        report.problems.append(_("This case was recovered from a damaged file: what was lost "
                                 "then is listed in its “case.recover” audit entry."))
    return report


def verify_against_manifest(manifest: dict, report: IntegrityReport | None = None, *,
                            copy: Path | None = None) -> IntegrityReport:
    """Check the open case, a hand-over copy (its file `copy`, when given), against its
    manifest: the file's bytes, its case, counts and rows, and the audit chain's head.

    Entries added after the hand-over are allowed, and so are the changes they record; the
    differences are told first by what the manifest can name (`manifests.check`).
    """
    from desktop.services import manifests

    report = report or IntegrityReport()
    passphrase = getattr(database.obj, "connect_params", {}).get("passphrase")
    with database.atomic(lock_type="DEFERRED"):  # one consistent read, no write lock
        report.problems.extend(manifests.check(manifest, database.execute_sql, copy=copy,
                                               passphrase=passphrase))
    return report
