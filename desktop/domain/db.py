"""Create, open and close case files: one SQLite file per case, or a case on a PostgreSQL
server named by its URL (`server`), behind the same functions.

A file is opened only once `fileformat.inspect_case` says it is a case this version can open
(not a case, damaged, or from a newer Casefile: refused before anything is written to it); an
older case is upgraded when opened.

A case may be encrypted (see `encryption`): `new_case`, `inspect_case` and `open_case` then take
its passphrase, and every check runs on it too, read-only, before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from peewee import Database, DatabaseError, SqliteDatabase

from desktop.domain import digests, encryption, files, ledger, migrations, models, server
from desktop.domain.errors import CaseOpenError

# The file format's names, for callers that open cases: one import for both.
from desktop.domain.fileformat import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    SQLITE_MAGIC,
    SUFFIX,
    inspect_case,
    is_encrypted_file,
    read_only_connection,
    read_only_uri,
)
from desktop.services.words import N_, _  # Qt-free, of no layer: the words a user reads

__all__ = [
    "APPLICATION_ID", "PRAGMAS", "SCHEMA_VERSION", "SQLITE_MAGIC", "SUFFIX", "case_path",
    "case_url", "close_case", "convert_to_encrypted", "file_format", "inspect_case",
    "is_encrypted_file", "is_open", "is_server", "is_writable", "new_case", "open_case",
    "open_read_only", "read_only_connection", "read_only_uri",
]

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
    if server.is_server_url(path):
        return _new_server_case(str(path), title, actor=actor, reference=reference,
                                classification=classification)
    path = Path(path)
    if path.exists():
        raise CaseOpenError(path, _("already exists; choose another name or open it instead"))
    if not path.parent.is_dir() or not os.access(path.parent, os.W_OK):
        raise CaseOpenError(path, _("cannot be created: the folder {folder} is not writable")
                            .format(folder=path.parent))
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
            _first_rows(title, actor, reference, classification)
    except Exception as exc:
        close_case()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, CaseOpenError):
            raise
        raise CaseOpenError(path, _("cannot be created: {reason}").format(
            reason=files.failure_reason(exc, path.parent))) from exc
    return db


def _first_rows(title: str, actor: str, reference: str, classification: str) -> None:
    """The case row of a new case and the first entry of its trail."""
    models.Case.create(title=title, reference=reference, classification=classification,
                       created_by=actor)
    ledger.append({
        "actor": actor, "action": "case.create", "object_type": "case", "object_id": 1,
        "summary": _("Created case “{title}”").format(title=title),  # the writer's language
        "after": {"title": title, "reference": reference, "classification": classification}})


def _new_server_case(url: str, title: str, *, actor: str, reference: str,
                     classification: str) -> Database:
    """A new case in the empty database at `url` (see `server`): its schema, case row and
    first entry in one transaction, so a failure leaves the database empty. Its creator is
    the role the connection authenticated as, whatever `actor` says."""
    close_case()
    db = server.new_case(url)
    models.database.initialize(db)
    try:
        with db.atomic():
            server.create_schema(db)
            # On a server the actor is the role the connection authenticated as.
            actor = db.execute_sql("SELECT current_user").fetchone()[0]
            _first_rows(title, actor, reference, classification)
    except Exception as exc:
        close_case()
        raise server.ServerCaseError(url, f"cannot be created: {exc}") from exc
    return db


def open_case(path: Path | str, passphrase: str | None = None, *,
              inspected: int | None = None) -> Database:
    """Open an existing case file, upgrading its schema when it is older than this version.

    An encrypted case needs its passphrase; it is checked (read-only) before anything is written.
    A URL (`postgresql://HOST[:PORT]/DB`) opens a case on a server. `inspected` is the file
    format `inspect_case` has just returned for this file, when the caller checked it itself
    (the window does, before it closes the case it has open): the check, whose integrity scan
    reads the whole file, then runs once per open.
    """
    if server.is_server_url(path):
        return _open_server_case(str(path), read_only=False)
    path = Path(path)
    version = inspect_case(path, passphrase) if inspected is None else inspected
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise CaseOpenError(path, _("is read-only (the file or its folder cannot be written)"))
    files.sweep_partials(path.parent)  # what a killed encryption, recovery or export left
    close_case()
    try:
        db = _connect(path, passphrase)
        if version < SCHEMA_VERSION:
            migrations.upgrade(db, version)
        # The triggers that note the rows each transaction writes (domain/digests) are made
        # on this connection as the case opens, not by the first edit, which a user waits for.
        digests.watch(db)
    except Exception as exc:
        close_case()
        raise CaseOpenError(path, _("cannot be opened: {reason}").format(
            reason=files.failure_reason(exc, path.parent))) from exc
    return db


def _open_server_case(url: str, *, read_only: bool) -> Database:
    close_case()
    db = server.open_case(url, read_only=read_only)
    models.database.initialize(db)
    if db.file_format < SCHEMA_VERSION:
        try:
            server.upgrade(db, db.file_format)
        except Exception as exc:
            close_case()
            raise server.ServerCaseError(url, f"cannot be upgraded: {exc}") from exc
    return db


#: A case opened to be read only: no journal mode is set (that would rewrite the header) and
#: SQLite refuses any write, so not a byte of the file changes.
READ_ONLY_PRAGMAS = {"query_only": 1, "foreign_keys": 1, "busy_timeout": 5000,
                     "cache_size": -32_000}


def is_writable(path: Path | str) -> bool:
    """Whether a command may write to the case at `path`: the file and its folder are writable
    (not on read-only media, not an archive made read-only)."""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


class _InMemoryCopy(SqliteDatabase):
    """A plain case read whole into memory when connected: what is done to it (an upgrade, an
    export's audit entry) stays in memory, and the file is only read."""

    def __init__(self, path: Path, **options) -> None:
        super().__init__(":memory:", **options)
        self.case_file = path

    def _connect(self):
        con = super()._connect()
        source = read_only_connection(self.case_file)
        try:
            source.backup(con)
        finally:
            source.close()
        return con


#: Why an encrypted case cannot be read into memory, by whether it is an older one: its
#: decrypted pages would all be held there, and SQLCipher copies no encrypted case there.
_WHY_IN_MEMORY = {
    True: N_("is encrypted and from an older Casefile: it is upgraded only when opened for "
             "editing (on a read-only medium, copy it somewhere writable first)"),
    False: N_("is encrypted and read-only, so an export from it cannot be recorded in its "
              "audit trail nor made without writing to it: copy it somewhere writable and "
              "export from the copy"),
}


def open_read_only(path: Path | str, passphrase: str | None = None, *,
                   in_memory: bool = False) -> SqliteDatabase:
    """Open a case to read it without changing a byte of it (also on read-only media).

    The file is read through SQLite's read-only (or immutable) mode, and no -wal or -shm file
    is made beside it. An older case, or one opened `in_memory`, is read whole into memory and
    upgraded there; an encrypted one cannot be (its plain pages would be held in memory whole).
    A server case is read in read-only transactions (`in_memory` is a file's concern).
    """
    if server.is_server_url(path):
        return _open_server_case(str(path), read_only=True)
    path = Path(path)
    version = inspect_case(path, passphrase)
    in_memory = in_memory or version < SCHEMA_VERSION
    if in_memory and passphrase is not None:
        raise CaseOpenError(path, _(_WHY_IN_MEMORY[version < SCHEMA_VERSION]))
    close_case()
    try:
        if in_memory:
            db = _InMemoryCopy(path, pragmas={"foreign_keys": 1})
        elif passphrase is None:
            db = SqliteDatabase(read_only_uri(path), uri=True, pragmas=READ_ONLY_PRAGMAS)
        else:
            db = encryption.database(read_only_uri(path), passphrase, uri=True,
                                     pragmas=READ_ONLY_PRAGMAS)
        db.case_file, db.read_only_case, db.file_format = path, True, version
        db.connect()
        models.database.initialize(db)
        if version < SCHEMA_VERSION:
            migrations.upgrade(db, version)
    except Exception as exc:
        close_case()
        raise CaseOpenError(path, _("cannot be read: {reason}").format(reason=exc)) from exc
    return db


def convert_to_encrypted(path: Path | str, passphrase: str) -> None:
    """Encrypt the plain case at `path` in place (closing it first if it is the open case).

    The encrypted copy is written beside it, checked to open with the passphrase, and then
    renamed over the original in one step: if anything fails, the plain file is kept as it was.
    Renaming does not wipe the plain bytes from the disk (nor from backups and earlier copies).
    """
    path = Path(path)
    inspect_case(path)
    encryption.require(path)
    encryption.check_passphrase(path, passphrase)
    current = case_path()
    if current is not None and current.resolve() == path.resolve():
        close_case()
    from desktop.domain import copies  # only when a case is converted

    copies.encrypt_in_place(path, passphrase)


class CaseNotCompacted(CaseOpenError):
    """The case was closed with its last changes still in its -wal file (the disk is full): they
    are saved there, and the next open folds them in. Said once, after what did commit."""

    def __init__(self, path: Path, failure: Exception) -> None:
        full = files.means_disk_full(failure, path.parent)
        super().__init__(path, "the case could not be compacted: "
                         + ("the disk is full; free space and open it again"
                            if full else f"{failure}; open it again")
                         + f" — keep the {path.name}-wal file beside it")


def _checkpoint(db: SqliteDatabase) -> Exception | None:
    """Fold the -wal file into the case; the error when that cannot be done (a full disk)."""
    try:
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except DatabaseError as exc:  # peewee's, for SQLite's and SQLCipher's alike
        return exc
    return None


def close_case() -> None:
    """Close the open case (if any): the WAL is checkpointed so the case is one file again.

    When that fails the case is closed all the same, whole in its file and its -wal file, and
    CaseNotCompacted says so.
    """
    db = models.database.obj
    if db is None:
        return
    failure = None
    if not db.is_closed():
        try:
            if not getattr(db, "read_only_case", False) and not is_server():
                failure = _checkpoint(db)
        finally:
            db.close()
    models.database.initialize(None)
    if failure is not None:
        raise CaseNotCompacted(Path(db.database), failure) from failure


def file_format() -> int:
    """The file format of the open case's file: this version's, unless an older case was
    opened read-only (then read upgraded in memory, its file as it was)."""
    return getattr(models.database.obj, "file_format", SCHEMA_VERSION)


def is_open() -> bool:
    """Whether a case is open (a file, or a case on a server)."""
    return models.database.obj is not None


def is_server() -> bool:
    """Whether the open case is on a server (`server`) rather than in a file."""
    return getattr(models.database.obj, "server", False)


def case_url() -> str | None:
    """The URL of the open case when it is on a server, or None."""
    return getattr(models.database.obj, "case_url", None)


def case_path() -> Path | None:
    """The file of the open case, or None (also for a case on a server: see `case_url`)."""
    db = models.database.obj
    if db is None or is_server():
        return None
    return getattr(db, "case_file", None) or Path(db.database)


def close_thread_connection() -> None:
    """Close this thread's connection to the open case (a background task's, when it ends);
    other threads' connections and the open case stay as they are."""
    db = models.database.obj
    if db is not None and not db.is_closed():
        db.close()
