"""Create, open and close case files: one SQLite file per case.

SQLite is used as an application file format: the file says it is a case (`application_id`),
which schema version it has (`user_version`), and holds everything the case needs. A file that
is not a case, or is damaged, or comes from a newer Casefile, is refused before anything is
written to it.

A case may be encrypted (see `encryption`): `new_case`, `inspect_case` and `open_case` then take
its passphrase, and every check above runs on it too, read-only, before anything is written.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from desktop.domain import encryption, ledger, migrations, models
from desktop.domain.encryption import PassphraseRequired
from desktop.domain.errors import CaseOpenError

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


def _connect(path: Path, passphrase: str | None = None) -> SqliteDatabase:
    # IMMEDIATE: a transaction takes the write lock when it begins, so two writers (the UI
    # and an import) queue for it instead of failing on a stale read.
    if passphrase is None:
        db = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")
    else:  # the same, with the key applied on each new connection (worker threads too)
        db = encryption.database(path, passphrase, pragmas=PRAGMAS, lock_type="IMMEDIATE")
    db.connect()
    models.database.initialize(db)
    return db


def new_case(path: Path | str, title: str, *, actor: str = "", reference: str = "",
             classification: str = "confidential",
             passphrase: str | None = None) -> SqliteDatabase:
    """Create a new, empty case file at `path` and open it; encrypted when given a passphrase."""
    path = Path(path)
    if path.exists():
        raise CaseOpenError(path, "already exists; choose another name or open it instead")
    if not path.parent.is_dir() or not os.access(path.parent, os.W_OK):
        raise CaseOpenError(path, f"cannot be created: the folder {path.parent} is not writable")
    if passphrase is not None:
        encryption.check_passphrase(path, passphrase)
        if not encryption.available():
            raise encryption.EncryptionUnavailable(path)
    try:
        db = _connect(path, passphrase)
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
        if isinstance(exc, CaseOpenError):
            raise
        raise CaseOpenError(path, f"cannot be created: {exc}") from exc
    return db


def _header(path: Path) -> bytes:
    """The file's first bytes, after checking that it is a non-empty, readable file."""
    if not path.exists():
        raise CaseOpenError(path, "does not exist")
    if not path.is_file():
        raise CaseOpenError(path, "is a folder, not a case file")
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CaseOpenError(path, f"cannot be read: {exc.strerror}") from exc
    if not header:
        raise CaseOpenError(path, "is empty (0 bytes): it is not a case file")
    return header


def _read_facts(con, path: Path, errors: type[Exception]) -> tuple[int, int, list[str]]:
    """application_id, user_version and quick_check's findings, read through `con`."""
    try:
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            damage = [r[0] for r in con.execute("PRAGMA quick_check(5)").fetchall()]
        finally:
            con.close()
    except errors as exc:
        raise CaseOpenError(path, f"is damaged and cannot be read ({exc})") from exc
    return app_id, version, damage


def read_only_uri(path: Path) -> str:
    """An SQLite URI that reads `path` without creating or changing anything beside it.

    `immutable` keeps SQLite from making -wal/-shm files next to a file it only inspects; it
    is safe only when no write-ahead log holds changes not yet in the file itself.
    """
    wal = Path(f"{path}-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    return f"{path.resolve().as_uri()}?mode=ro" + ("" if pending else "&immutable=1")


def read_only_connection(path: Path, passphrase: str | None = None):
    """A connection that reads a case (plain, or encrypted with `passphrase`) and writes
    nothing to it or beside it."""
    if passphrase:
        return encryption.connect_readonly(path, passphrase)
    return sqlite3.connect(read_only_uri(path), uri=True)


def _plain_facts(path: Path) -> tuple[int, int, list[str]]:
    try:
        con = read_only_connection(path)
    except sqlite3.DatabaseError as exc:
        raise CaseOpenError(path, f"is damaged and cannot be read ({exc})") from exc
    return _read_facts(con, path, sqlite3.DatabaseError)


def _encrypted_facts(path: Path, passphrase: str) -> tuple[int, int, list[str]]:
    con = read_only_connection(path, passphrase)
    return _read_facts(con, path, encryption.database_error(path))


def inspect_case(path: Path | str, passphrase: str | None = None) -> int:
    """Check, without writing to it, that `path` is a case this version can open.

    An encrypted case needs its passphrase (PassphraseRequired without one, WrongPassphrase for
    another); a plain case is opened without one. Returns the file's schema version; raises
    CaseOpenError naming the reason otherwise.
    """
    path = Path(path)
    header = _header(path)
    if header == SQLITE_MAGIC:
        if passphrase is not None:
            raise CaseOpenError(path, "is not encrypted: open it without a passphrase")
        facts = _plain_facts(path)
    elif encryption.looks_encrypted(path, header):
        if passphrase is None:
            raise PassphraseRequired(path)
        facts = _encrypted_facts(path, passphrase)
    else:
        raise CaseOpenError(path, "is not a Casefile case (it is not an SQLite database)")
    return _check_facts(path, *facts)


def _check_facts(path: Path, app_id: int, version: int, damage: list[str]) -> int:
    """The schema version of a file whose header fields and quick_check say it is a case."""
    if app_id != APPLICATION_ID:
        raise CaseOpenError(path, "is an SQLite database but not a Casefile case")
    if damage != ["ok"]:
        first = next((line for line in "\n".join(damage).splitlines()
                      if line.strip() and not line.startswith("***")), "integrity check failed")
        raise CaseOpenError(path, f"is damaged ({first.strip()}); it was not opened, so nothing "
                                  "more is lost: use Case → Recover… (or `casefile recover`) "
                                  "to salvage what can be read into a new file")
    if version > SCHEMA_VERSION:
        raise CaseOpenError(
            path, f"was saved by a newer Casefile (file format {version}; this version reads up "
                  f"to {SCHEMA_VERSION}); update Casefile to open it")
    if version < 1:
        raise CaseOpenError(path, "has no schema version: it is not a complete case file")
    return version


def open_case(path: Path | str, passphrase: str | None = None) -> SqliteDatabase:
    """Open an existing case file, upgrading its schema when it is older than this version.

    An encrypted case needs its passphrase; it is checked (read-only) before anything is written.
    """
    path = Path(path)
    version = inspect_case(path, passphrase)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise CaseOpenError(path, "is read-only (the file or its folder cannot be written)")
    close_case()
    try:
        db = _connect(path, passphrase)
        if version < SCHEMA_VERSION:
            migrations.upgrade(db, version)
    except Exception as exc:
        close_case()
        raise CaseOpenError(path, f"cannot be opened: {exc}") from exc
    return db


def _settle_wal(path: Path) -> None:
    """Fold a plain case's -wal into the file, so that the file alone is the whole case."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()  # the last connection to close removes the -wal and -shm files
    if Path(f"{path}-wal").exists():
        raise CaseOpenError(path, "is open in another program; close it there first")


def convert_to_encrypted(path: Path | str, passphrase: str) -> None:
    """Encrypt the plain case at `path` in place (closing it first if it is the open case).

    The encrypted copy is written beside it, checked to open with the passphrase, and then
    renamed over the original in one step: if anything fails, the plain file is kept as it was.
    Renaming does not wipe the plain bytes from the disk (nor from backups and earlier copies).
    """
    path = Path(path)
    inspect_case(path)
    if not encryption.available():
        raise encryption.EncryptionUnavailable(path)
    encryption.check_passphrase(path, passphrase)
    current = case_path()
    if current is not None and current.resolve() == path.resolve():
        close_case()
    _settle_wal(path)  # refuses a case that another program has open
    encrypted = path.with_name(f".{path.name}.encrypted")
    encrypted.unlink(missing_ok=True)  # a leftover of an earlier, interrupted conversion
    try:
        encryption.encrypt_copy(path, encrypted, passphrase)
        _settle_wal(path)  # no plain -wal/-shm may stay beside the encrypted file
        os.replace(encrypted, path)
    except BaseException as exc:
        encrypted.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CaseOpenError(path, f"cannot be encrypted: {exc}") from exc
        raise


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
