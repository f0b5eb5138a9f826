"""What makes a file a case: the checks a file passes, read-only, before Casefile writes to it.

SQLite is used as an application file format: the file says it is a case (`application_id`),
which schema version it has (`user_version`), and holds everything the case needs. A file that
is not a case, or is damaged, or comes from a newer Casefile, is refused with the reason.
An encrypted case passes the same checks once its passphrase opens it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from desktop.domain import encryption, files, migrations
from desktop.domain.encryption import PassphraseRequired
from desktop.domain.errors import CaseOpenError
from desktop.services.words import _  # Qt-free, depends on nothing of a layer: words a user reads

SUFFIX = ".casefile"
APPLICATION_ID = 0x43415345  # "CASE"
SCHEMA_VERSION = migrations.LATEST
SQLITE_MAGIC = b"SQLite format 3\x00"
PAGE = 512  # an encrypted file's size is a whole number of pages, every page size a multiple


def _header(path: Path) -> bytes:
    """The file's first bytes, after checking that it is a non-empty, readable file."""
    if not path.exists():
        raise CaseOpenError(path, _("does not exist"))
    if not path.is_file():
        raise CaseOpenError(path, _("is a folder, not a case file"))
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CaseOpenError(path, _("cannot be read: {reason}").format(
            reason=exc.strerror)) from exc
    if not header:
        raise CaseOpenError(path, _("is empty (0 bytes): it is not a case file"))
    return header


def looks_encrypted(path: Path, header: bytes) -> bool:
    """Whether a file that is not plain SQLite may be an encrypted case (whole pages, no magic)."""
    size = path.stat().st_size
    return header != SQLITE_MAGIC and size > 0 and size % PAGE == 0


def _read_facts(con: Any, path: Path, errors: type[Exception]) -> tuple[int, int, list[str]]:
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
        raise _unreadable(path, exc) from exc
    return app_id, version, damage


def _unreadable(path: Path, exc: Exception) -> CaseOpenError:
    """A file SQLite cannot read: damaged, or (SQLite cannot tell them apart by its error) on a
    disk too full for the -shm file it needs beside a -wal file."""
    if files.means_disk_full(exc, path.parent):
        return CaseOpenError(path, _("cannot be read while its disk is full: free space and try "
                                     "again — keep the {name}-wal file beside it").format(
            name=path.name))
    return CaseOpenError(path, _("is damaged and cannot be read ({reason})").format(reason=exc))


def is_encrypted_file(path: Path | str) -> bool:
    """Whether the file at `path` is (or looks like) an encrypted case rather than a plain one;
    CaseOpenError if it is missing, a folder, empty or unreadable."""
    path = Path(path)
    return looks_encrypted(path, _header(path))


def _in_rollback_mode(path: Path) -> bool:
    """Whether a plain file is in rollback-journal mode (header byte 18 is 1; WAL is 2)."""
    try:
        with path.open("rb") as f:
            header = f.read(19)
    except OSError:
        return False
    return header[:16] == SQLITE_MAGIC and header[18:19] == b"\x01"


def read_only_uri(path: Path) -> str:
    """An SQLite URI that reads `path` without changing a byte of it or creating anything
    beside it, also on read-only media.

    SQLite's read-only mode, with its locks, when a -wal file is there (another program may
    have the case open; its changes are read too) or the file keeps a rollback journal (a copy
    made by an older Casefile or another tool); `immutable` otherwise, since a WAL-mode file
    opened read-only would need a -shm file made beside it.
    """
    path = Path(path)
    locked = Path(f"{path}-wal").exists() or _in_rollback_mode(path)
    return f"{path.resolve().as_uri()}?mode=ro" + ("" if locked else "&immutable=1")


def read_only_connection(path: Path, passphrase: str | None = None) -> Any:
    """A connection that reads a case (plain, or encrypted with `passphrase`) and writes
    nothing to it or beside it."""
    if passphrase:
        return encryption.connect_readonly(path, passphrase, read_only_uri(path))
    return sqlite3.connect(read_only_uri(path), uri=True)


def _wal_unreadable_here(path: Path) -> bool:
    """Whether the file's -wal holds changes that SQLite cannot read where it is: it needs a
    -shm file beside it, and there is none and the folder cannot be written."""
    wal = Path(f"{path}-wal")
    return (wal.exists() and wal.stat().st_size > 0 and not Path(f"{path}-shm").exists()
            and not os.access(path.parent, os.W_OK))


def _plain_facts(path: Path) -> tuple[int, int, list[str]]:
    if _wal_unreadable_here(path):
        raise CaseOpenError(path, _("has changes in its -wal file that cannot be read in a "
                                    "read-only folder without the -shm file beside them: copy "
                                    "the case with its -wal file somewhere writable"))
    try:
        con = read_only_connection(path)
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc
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
            raise CaseOpenError(path, _("is not encrypted: open it without a passphrase"))
        facts = _plain_facts(path)
    elif looks_encrypted(path, header):
        if passphrase is None:
            raise PassphraseRequired(path)
        facts = _encrypted_facts(path, passphrase)
    else:
        raise CaseOpenError(path, _("is not a Casefile case (its contents are not those of a "
                                    "case file)"))
    return _check_facts(path, *facts)


def _check_facts(path: Path, app_id: int, version: int, damage: list[str]) -> int:
    """The schema version of a file whose header fields and quick_check say it is a case."""
    if app_id != APPLICATION_ID:
        raise CaseOpenError(path, _("is a database of another program, not a Casefile case"))
    if damage != ["ok"]:
        first = next((line for line in "\n".join(damage).splitlines()
                      if line.strip() and not line.startswith("***")), "integrity check failed")
        raise CaseOpenError(path, _("is damaged ({problem}); it was not opened, so nothing more "
                                    "is lost: use Case → Recover… (or `casefile recover`) to "
                                    "salvage what can be read into a new file").format(
            problem=first.strip()))
    if version > SCHEMA_VERSION:
        raise CaseOpenError(
            path, _("was saved by a newer Casefile (file format {version}; this version reads up "
                    "to {newest}); update Casefile to open it").format(version=version,
                                                                      newest=SCHEMA_VERSION))
    if version < 1:
        raise CaseOpenError(path, _("has no schema version: it is not a complete case file"))
    return version
