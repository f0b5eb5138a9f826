"""Forward migrations of the case file schema: one function per version.

A case's schema version is SQLite's `user_version`. Each step runs in the same transaction as
the version bump, so a case is always at one whole version, never between two.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from peewee import BooleanField, CharField, IntegerField, SqliteDatabase
from playhouse.migrate import SqliteMigrator, migrate

from desktop.domain import ledger, models


def _v2_search_index_and_report_date(db: SqliteDatabase) -> None:
    """Version 2: full-text search over sources; an incident's report date apart from its date."""
    migrator = SqliteMigrator(db)
    migrate(migrator.add_column("incident", "report_date", CharField(default="")))
    models.SourceIndex.create_table()
    models.SourceIndex.rebuild()


def _v3_protected_people(db: SqliteDatabase) -> None:
    """Version 3: protected people with pseudonyms; sources can be marked confidential."""
    migrator = SqliteMigrator(db)
    migrate(migrator.add_column("source", "confidential", BooleanField(default=False)))
    models.ProtectedPerson.create_table()


def _v4_hash_chain(db: SqliteDatabase) -> None:
    """Version 4: the audit trail becomes a hash chain; sources keep their text's hash."""
    migrator = SqliteMigrator(db)
    migrate(migrator.add_column("audit_entry", "entry_hash", CharField(default="")),
            migrator.add_column("source", "text_sha256", CharField(default="")),
            migrator.add_column("case", "audit_head", CharField(default=ledger.GENESIS)),
            migrator.add_column("case", "audit_count", IntegerField(default=0)))
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


# version → the step that brings a case from version-1 to it.
STEPS: dict[int, Callable[[SqliteDatabase], None]] = {
    2: _v2_search_index_and_report_date,
    3: _v3_protected_people,
    4: _v4_hash_chain,
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
