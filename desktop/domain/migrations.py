"""Forward migrations of the case file schema: one function per version.

A case's schema version is SQLite's `user_version`. Each step runs in the same transaction as
the version bump, so a case is always at one whole version, never between two.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from peewee import BooleanField, CharField, Field, IntegerField, SqliteDatabase

from desktop.domain import digests, ledger, lemmas, models

#: Who an upgrade's audit entry names: Casefile itself, not a member of the case.
UPGRADE_ACTOR = "Casefile (file format upgrade)"


def _add_columns(db: SqliteDatabase, *columns: tuple[str, str, Field]) -> None:
    """Add (table, column, field) columns; playhouse.migrate is loaded only for an upgrade."""
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)
    migrate(*(migrator.add_column(table, name, column) for table, name, column in columns))


def _v2_search_index_and_report_date(db: SqliteDatabase) -> None:
    """Version 2: full-text search over sources; an incident's report date apart from its date."""
    _add_columns(db, ("incident", "report_date", CharField(default="")))
    models.SourceIndex.create_table()
    models.SourceIndex.rebuild()


def _v3_protected_people(db: SqliteDatabase) -> None:
    """Version 3: protected people with pseudonyms; sources can be marked confidential."""
    _add_columns(db, ("source", "confidential", BooleanField(default=False)))
    models.ProtectedPerson.create_table()


def _v4_hash_chain(db: SqliteDatabase) -> None:
    """Version 4: the audit trail becomes a hash chain; sources keep their text's hash."""
    _add_columns(db, ("audit_entry", "entry_hash", CharField(default="")),
                 ("source", "text_sha256", CharField(default="")),
                 ("case", "audit_head", CharField(default=ledger.GENESIS)),
                 ("case", "audit_count", IntegerField(default=0)))
    for source_id, text in db.execute_sql("SELECT id, text FROM source").fetchall():
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        db.execute_sql("UPDATE source SET text_sha256 = ? WHERE id = ?", (digest, source_id))
    previous, count = ledger.GENESIS, 0
    rows = db.execute_sql("SELECT id, at, actor, action, object_type, object_id, summary, "
                          "before, after FROM audit_entry ORDER BY id").fetchall()
    for row in rows:
        previous = ledger.entry_digest(previous, row)
        db.execute_sql("UPDATE audit_entry SET entry_hash = ? WHERE id = ?", (previous, row[0]))
        count += 1
    db.execute_sql('UPDATE "case" SET audit_head = ?, audit_count = ?', (previous, count))


def _v5_ids_never_reused(db: SqliteDatabase) -> None:
    """Version 5: ids of incidents, evidence and protected people are never reused.

    Without AUTOINCREMENT SQLite gives a deleted row's id to the next row, so an E-number in
    an earlier dossier or an audit entry could come to mean another span. Each table is rebuilt
    (SQLite cannot alter a key) and its counter starts past every id the trail has seen.
    """
    for table, object_type in (("incident", "incident"), ("evidence", "evidence"),
                               ("protected_person", "protected_person")):
        (ddl,) = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                                "name = ?", (table,)).fetchone()
        indexes = [sql for (sql,) in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND "
            "sql IS NOT NULL", (table,)).fetchall()]
        # A table that an earlier step created from today's model already has AUTOINCREMENT.
        if "AUTOINCREMENT" not in ddl.upper():
            rebuilt = ddl.replace(f'CREATE TABLE "{table}"', f'CREATE TABLE "{table}__v5"', 1)
            rebuilt = rebuilt.replace('"id" INTEGER NOT NULL PRIMARY KEY',
                                      '"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT', 1)
            db.execute_sql(rebuilt)
            db.execute_sql(f'INSERT INTO "{table}__v5" SELECT * FROM "{table}"')
            db.execute_sql(f'DROP TABLE "{table}"')
            db.execute_sql(f'ALTER TABLE "{table}__v5" RENAME TO "{table}"')
            for sql in indexes:
                db.execute_sql(sql)
        seen = db.execute_sql(
            f'SELECT max(coalesce((SELECT max(id) FROM "{table}"), 0), coalesce((SELECT '
            "max(object_id) FROM audit_entry WHERE object_type = ?), 0))",
            (object_type,)).fetchone()[0]
        db.execute_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
        db.execute_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seen))


def _v6_status_index(db: SqliteDatabase) -> None:
    """Version 6: an index on the evidence's status, so the counts by status that the window's
    status bar shows after every edit read the index, not every span."""
    db.execute_sql('CREATE INDEX IF NOT EXISTS "evidence_status" ON "evidence" ("status")')


def _v7_origin_scope_members(db: SqliteDatabase) -> None:
    """Version 7: who originated a source's information and which source it relays; each
    claim's originator and period; the case's members and roles, one-person cases; who
    decided an incident's sign-off and when; an index to find who had a hand in a span."""
    for table, column, default in (
            ("source", "originator", "''"), ("case", "one_person", "0"),
            ("incident", "decided_by", "''"), ("incident", "decided_at", "''"),
            ("evidence", "originator", "''"), ("evidence", "period_start", "''"),
            ("evidence", "period_end", "''"), ("evidence", "scope", "''")):
        kind = "INTEGER" if default == "0" else "TEXT"
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {kind} NOT NULL '
                       f"DEFAULT {default}")
    # A self-reference SQLite can add as a column (NULL for every existing source).
    db.execute_sql('ALTER TABLE "source" ADD COLUMN "relays_id" INTEGER '
                   'REFERENCES "source" ("id") ON DELETE SET NULL')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "source_relays_id" ON "source" ("relays_id")')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "audit_entry_object_type_object_id" '
                   'ON "audit_entry" ("object_type", "object_id")')
    models.Member.create_table()


def _v8_consent_and_risk(db: SqliteDatabase) -> None:
    """Version 8: each protected person's consent to be named, a note on the risk they run,
    and the statements (sources) they have already given. (A case older than version 3
    has them already: version 3 creates the table as the model is now.)"""
    present = {row[1] for row in db.execute_sql('PRAGMA table_info("protected_person")')}
    for column, default in (("consent", "'not_asked'"), ("risk_note", "''"),
                            ("statements", "'[]'")):
        if column in present:
            continue
        db.execute_sql(f'ALTER TABLE "protected_person" ADD COLUMN "{column}" TEXT NOT NULL '
                       f"DEFAULT {default}")


def _v9_excluded_forms(db: SqliteDatabase) -> None:
    """Version 9: the forms of a protected person's name that the user took out of the
    generated ones (a form that is also a common word), so the list can be edited."""
    present = {row[1] for row in db.execute_sql('PRAGMA table_info("protected_person")')}
    if "excluded_forms" not in present:
        db.execute_sql('ALTER TABLE "protected_person" ADD COLUMN "excluded_forms" TEXT '
                       "NOT NULL DEFAULT '[]'")


def _record_upgrade(summary: str, after: dict, **extra: object) -> None:
    """The audited entry of an upgrade step, in Casefile's own name."""
    ledger.append({"actor": UPGRADE_ACTOR, "action": "case.upgrade", "object_type": "case",
                   "object_id": 1, "summary": summary, "after": after, "restated": True,
                   **extra})


def _v10_row_digests(db: SqliteDatabase) -> None:
    """Version 10: each audit entry records the digests of the rows its change left, so the
    trail accounts for every row. An audited entry records every row as it stands now: what
    was changed before the upgrade cannot be told, and the entry says so."""
    present = {row[1] for row in db.execute_sql('PRAGMA table_info("audit_entry")')}
    if "row_digests" not in present:  # a case made by this version and marked older has it
        db.execute_sql('ALTER TABLE "audit_entry" ADD COLUMN "row_digests" TEXT')
    _source_pages_and_extraction(db)  # a digest covers the columns the models have now
    _source_collection(db)
    _incident_filled_from(db)
    _case_issuing(db)
    rows = digests.every_row()
    _record_upgrade(f"Upgraded the case to file format 10: recorded the digests of its "
                    f"{len(rows):,} rows as they stand, so that a verification can account "
                    "for every row; changes made before the upgrade cannot be told apart",
                    {"format": 10, "rows": len(rows)}, row_digests=rows)


def _v11_dictionary_forms(db: SqliteDatabase) -> None:
    """Version 11: the dictionary forms of the sources' Ukrainian and Russian words, so that a
    search finds a word's inflected forms; made from the text already in the case, in an
    audited step that says how many words it holds."""
    models.SearchLemma.create_table()
    words = lemmas.rebuild()
    _record_upgrade(f"Upgraded the case to file format 11: indexed the dictionary forms of the "
                    f"{words:,} Ukrainian and Russian words of its sources, so that a search "
                    "finds their inflected forms", {"format": 11, "words": words})


def _source_pages_and_extraction(db: SqliteDatabase) -> None:
    """The source columns of version 12, where they are missing (version 10 records every
    row's digest, which covers them, so a case older than 10 gains them there)."""
    present = {row[1] for row in db.execute_sql('PRAGMA table_info("source")')}
    for column, default in (("pages", "'[]'"), ("extraction", "'{}'")):
        if column not in present:
            db.execute_sql(f'ALTER TABLE "source" ADD COLUMN "{column}" TEXT NOT NULL '
                           f"DEFAULT {default}")


def _v12_pages_and_extraction(db: SqliteDatabase) -> None:
    """Version 12: where each page of a source starts in its text, and how its text was
    extracted (tool, version, method). Sources imported before it have neither (nothing in
    the case says); their rows are recorded again in an audited step, as the columns are
    part of what a row's digest covers."""
    _source_pages_and_extraction(db)
    rows = digests.digests_of("source")
    _record_upgrade(f"Upgraded the case to file format 12: sources keep where their pages "
                    f"start and how their text was extracted (not known for sources imported "
                    f"before); recorded the digests of its {len(rows):,} sources again, as "
                    "they cover both",
                    {"format": 12, "sources": len(rows)}, row_digests=rows)


def _incident_filled_from(db: SqliteDatabase) -> None:
    """The incident column of version 13, where it is missing (version 10 records every
    row's digest, which covers it, so a case older than 10 gains it there)."""
    present = {row[1] for row in db.execute_sql('PRAGMA table_info("incident")')}
    if "filled_from" not in present:
        db.execute_sql('ALTER TABLE "incident" ADD COLUMN "filled_from" TEXT NOT NULL '
                       "DEFAULT '{}'")


def _v13_filled_from(db: SqliteDatabase) -> None:
    """Version 13: which evidence span each filled field of an incident was taken from. An
    incident filled before it records none (nothing in the case says); its rows are recorded
    again in an audited step, as the column is part of what a row's digest covers."""
    _incident_filled_from(db)
    rows = digests.digests_of("incident")
    _record_upgrade(f"Upgraded the case to file format 13: an incident's fields keep which "
                    f"evidence their value was taken from; recorded the digests of its "
                    f"{len(rows):,} incidents, filled before and recording none",
                    {"format": 13, "incidents": len(rows)}, row_digests=rows)


def _source_collection(db: SqliteDatabase) -> None:
    """The source column of version 14, where it is missing (version 10 records every row's
    digest, which covers it, so a case older than 10 gains it there)."""
    present = {row[1] for row in db.execute_sql('PRAGMA table_info("source")')}
    if "collection" not in present:
        db.execute_sql('ALTER TABLE "source" ADD COLUMN "collection" TEXT NOT NULL '
                       "DEFAULT '{}'")


def _v14_collection_record(db: SqliteDatabase) -> None:
    """Version 14: each source's collection record (tool, method, capture time and its
    source, the identity used, the hash taken at collection). Sources imported before it
    have none (nothing in the case says); their rows are recorded again in an audited step,
    as the column is part of what a row's digest covers."""
    _source_collection(db)
    rows = digests.digests_of("source")
    _record_upgrade(f"Upgraded the case to file format 14: sources keep how they were "
                    f"collected (tool, method, capture time, identity, hash at collection; not "
                    f"known for sources imported before); recorded the digests of its "
                    f"{len(rows):,} sources again, as they cover it",
                    {"format": 14, "sources": len(rows)}, row_digests=rows)


#: The case's columns of version 15: who issues its dossier, to whom, for what, which version.
_ISSUING = ("issuing_organisation", "addressee", "dossier_version", "issued_by", "issued_for")


def _case_issuing(db: SqliteDatabase) -> None:
    """The case columns of version 15, where they are missing (version 10 records every row's
    digest, which covers them, so a case older than 10 gains them there)."""
    present = {row[1] for row in db.execute_sql('PRAGMA table_info("case")')}
    for column in _ISSUING:
        if column not in present:
            db.execute_sql(f'ALTER TABLE "case" ADD COLUMN "{column}" TEXT NOT NULL '
                           "DEFAULT ''")


def _v15_issuing_block(db: SqliteDatabase) -> None:
    """Version 15: who issues the case's dossier, to whom, for what, and its version (the
    dossier's issuing block); empty until someone sets them. The case row is recorded again in
    an audited step, as its digest covers the new columns."""
    _case_issuing(db)
    rows = digests.digests_of("case")
    _record_upgrade("Upgraded the case to file format 15: the case can say who issues its "
                    "dossier, to whom, for what and in which version (none set yet)",
                    {"format": 15}, row_digests=rows)


def _v16_rows_before(db: SqliteDatabase) -> None:
    """Version 16: each audit entry also records the digests of the rows it changed or removed
    as they were before, so a row changed outside Casefile is still found after Casefile edits
    it (the edit's record no longer vouches for the change). Entries before the upgrade have
    none: a row changed outside Casefile and then edited before it cannot be told."""
    present = {row[1] for row in db.execute_sql('PRAGMA table_info("audit_entry")')}
    if "row_before" not in present:  # a case made by this version and marked older has it
        db.execute_sql('ALTER TABLE "audit_entry" ADD COLUMN "row_before" TEXT')
    _record_upgrade("Upgraded the case to file format 16: each entry records the rows it "
                    "changes as they were before, so that a verification finds a row changed "
                    "outside Casefile even after Casefile edits it",
                    {"format": 16})


# version → the step that brings a case from version-1 to it.
STEPS: dict[int, Callable[[SqliteDatabase], None]] = {
    2: _v2_search_index_and_report_date,
    3: _v3_protected_people,
    4: _v4_hash_chain,
    5: _v5_ids_never_reused,
    6: _v6_status_index,
    7: _v7_origin_scope_members,
    8: _v8_consent_and_risk,
    9: _v9_excluded_forms,
    10: _v10_row_digests,
    11: _v11_dictionary_forms,
    12: _v12_pages_and_extraction,
    13: _v13_filled_from,
    14: _v14_collection_record,
    15: _v15_issuing_block,
    16: _v16_rows_before,
}

LATEST = max(STEPS)


def upgrade(db: SqliteDatabase, from_version: int) -> list[int]:
    """Run every step above `from_version`; return the versions applied.

    SQLite adds some columns by rebuilding the table; with foreign keys enforced, dropping the
    old table would cascade (unlinking evidence from incidents, deleting original bytes). So
    keys are off during the steps, as SQLite's own procedure for schema changes says, and
    checked before each step commits.
    """
    applied = []
    db.pragma("foreign_keys", 0)
    try:
        for version in range(from_version + 1, LATEST + 1):
            with db.atomic():
                STEPS[version](db)
                broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"upgrade to format {version} broke {len(broken)} links")
                db.pragma("user_version", version)
            applied.append(version)
    finally:
        db.pragma("foreign_keys", 1)
    return applied
