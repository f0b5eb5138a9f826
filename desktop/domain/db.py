"""Create, open and close case files: one SQLite file per case.

SQLite is used as an application file format: the file says it is a case (`application_id`),
which schema version it has (`user_version`), and holds everything the case needs. A file that
is not a case, or is damaged, or comes from a newer Casefile, is refused before anything is
written to it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from desktop.domain import ledger, migrations, models
from desktop.domain.errors import CaseFileError

SUFFIX = ".casefile"
APPLICATION_ID = 0x43415345  # "CASE"
SCHEMA_VERSION = migrations.LATEST
SQLITE_MAGIC = b"SQLite format 3\x00"

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # A committed edit survives a crash of the app and of the machine: evidence is not redone.
    "synchronous": "full",
    "busy_timeout": 5000,
    "cache_size": -32_000,  # 32 MB
}


def _connect(path: Path) -> SqliteDatabase:
    # IMMEDIATE: a transaction takes the write lock when it begins, so two writers (the UI
    # and an import) queue for it instead of failing on a stale read.
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")
    db.connect()
    models.database.initialize(db)
    return db


def new_case(path: Path | str, title: str, *, actor: str = "", reference: str = "",
             classification: str = "confidential") -> SqliteDatabase:
    """Create a new, empty case file at `path` and open it."""
    path = Path(path)
    if path.exists():
        raise CaseFileError(path, "already exists; choose another name or open it instead")
    if not path.parent.is_dir() or not os.access(path.parent, os.W_OK):
        raise CaseFileError(path, f"cannot be created: the folder {path.parent} is not writable")
    try:
        db = _connect(path)
        with db.atomic():
            db.create_tables(models.TABLES)
            db.pragma("application_id", APPLICATION_ID)
            db.pragma("user_version", SCHEMA_VERSION)
            models.Case.create(title=title, reference=reference,
                               classification=classification, created_by=actor)
            ledger.append({
                "actor": actor, "action": "case.create", "object_type": "case", "object_id": 1,
                "summary": f"Created case “{title}”",
                "after": {"title": title, "reference": reference,
                          "classification": classification}})
    except Exception as exc:
        close_case()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, CaseFileError):
            raise
        raise CaseFileError(path, f"cannot be created: {exc}") from exc
    return db


def inspect_case(path: Path | str) -> int:
    """Check, without writing to it, that `path` is a case this version can open.

    Returns the file's schema version; raises CaseFileError naming the reason otherwise.
    """
    path = Path(path)
    if not path.exists():
        raise CaseFileError(path, "does not exist")
    if not path.is_file():
        raise CaseFileError(path, "is a folder, not a case file")
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CaseFileError(path, f"cannot be read: {exc.strerror}") from exc
    if not header:
        raise CaseFileError(path, "is empty (0 bytes): it is not a case file")
    if header != SQLITE_MAGIC:
        raise CaseFileError(path, "is not a Casefile case (it is not an SQLite database)")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            damage = [r[0] for r in con.execute("PRAGMA quick_check(5)").fetchall()]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise CaseFileError(path, f"is damaged and cannot be read ({exc})") from exc
    if app_id != APPLICATION_ID:
        raise CaseFileError(path, "is an SQLite database but not a Casefile case")
    if damage != ["ok"]:
        first = next((line for line in "\n".join(damage).splitlines()
                      if line.strip() and not line.startswith("***")), "integrity check failed")
        raise CaseFileError(path, f"is damaged ({first.strip()}); it was not opened, so nothing "
                                  "more is lost: use Case → Recover… (or `casefile recover`) "
                                  "to salvage what can be read into a new file")
    if version > SCHEMA_VERSION:
        raise CaseFileError(
            path, f"was saved by a newer Casefile (file format {version}; this version reads up "
                  f"to {SCHEMA_VERSION}); update Casefile to open it")
    if version < 1:
        raise CaseFileError(path, "has no schema version: it is not a complete case file")
    return version


def open_case(path: Path | str) -> SqliteDatabase:
    """Open an existing case file, upgrading its schema when it is older than this version."""
    path = Path(path)
    version = inspect_case(path)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise CaseFileError(path, "is read-only (the file or its folder cannot be written)")
    close_case()
    try:
        db = _connect(path)
        if version < SCHEMA_VERSION:
            migrations.upgrade(db, version)
    except Exception as exc:
        close_case()
        raise CaseFileError(path, f"cannot be opened: {exc}") from exc
    return db


def close_case() -> None:
    """Close the open case (if any): the WAL is checkpointed so the case is one file again."""
    db = models.database.obj
    if db is None:
        return
    if not db.is_closed():
        try:
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
    models.database.initialize(None)


def case_path() -> Path | None:
    """The file of the open case, or None."""
    db = models.database.obj
    return Path(db.database) if db is not None else None
