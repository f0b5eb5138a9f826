"""Forward migrations of the case file schema: one function per version.

A case's schema version is SQLite's `user_version`. Each step runs in the same transaction as
the version bump, so a case is always at one whole version, never between two.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import BooleanField, CharField, SqliteDatabase
from playhouse.migrate import SqliteMigrator, migrate

from desktop.domain import models


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


# version → the step that brings a case from version-1 to it.
STEPS: dict[int, Callable[[SqliteDatabase], None]] = {
    2: _v2_search_index_and_report_date,
    3: _v3_protected_people,
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
