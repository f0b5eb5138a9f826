"""Whole copies of a case through SQLCipher: encrypted, decrypted, and encrypted in place.

Each copy reads its source inside one transaction (a consistent snapshot, also while the case
is open), is checked to open as a case, and appears under its name only when complete
(`files.replacing`). Moved here from `encryption`, which `fileformat` needs and so cannot
need `fileformat` back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from desktop.domain import encryption, fileformat, files
from desktop.domain.encryption import check_passphrase, connect_readonly
from desktop.domain.errors import CaseOpenError


def _export(con: Any, dest: Path, key: str, application_id: int, user_version: int) -> None:
    """Copy the open database `con` into the new file `dest`, encrypted with `key` ('' = plain).

    The export reads every table inside one transaction: a consistent snapshot even while
    another connection writes to the case.
    """
    con.execute("ATTACH DATABASE ? AS target KEY ?", (str(dest), key))
    try:
        con.execute("BEGIN")
        try:
            con.execute("SELECT sqlcipher_export('target')").fetchall()
            # sqlcipher_export copies schema and rows, not the header's fields: set them too.
            con.execute(f"PRAGMA target.application_id = {int(application_id)}")
            con.execute(f"PRAGMA target.user_version = {int(user_version)}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.execute("DETACH DATABASE target")


def _header_fields(con: Any) -> tuple[int, int]:
    return (con.execute("PRAGMA application_id").fetchone()[0],
            con.execute("PRAGMA user_version").fetchone()[0])


def _export_checked(con: Any, partial: Path, key: str) -> None:
    """Export `con` into the temporary file `partial` and check that it opens as a case."""
    _export(con, partial, key, *_header_fields(con))
    fileformat.inspect_case(partial, key or None)


def _copy(con: Any, dest: Path, key: str) -> None:
    """Export to a temporary file beside `dest`, check that it opens as a case, rename it."""
    with files.replacing(dest) as partial:
        _export_checked(con, partial, key)


def _refuse_existing(dest: Path) -> None:
    if dest.exists():
        raise CaseOpenError(dest, "already exists; choose another name")


@contextmanager
def _reading_from(con: Any, named: Path, failure: str) -> Iterator[Any]:
    """`con`, closed afterwards; a database error meanwhile is told as `named`'s `failure`."""
    try:
        yield con
    except encryption.database_error(named) as exc:
        raise CaseOpenError(named, f"{failure}: {files.failure_reason(exc, named.parent)}") \
            from None
    finally:
        con.close()


def encrypt_copy(src: Path | str, dest: Path | str, passphrase: str) -> None:
    """Write an encrypted copy of the plain case `src` to the new file `dest`.

    `src` is only read (it may be open meanwhile); `dest` appears only when
    complete (written to a temporary file beside it, then renamed). `src` stays as it was.
    """
    src, dest = Path(src), Path(dest)
    check_passphrase(dest, passphrase)
    _refuse_existing(dest)
    encryption.require(dest)  # EncryptionUnavailable before anything is read
    fileformat.inspect_case(src)
    with _reading_from(encryption.connect_plain_readonly(src), dest, "cannot be written") as con:
        _copy(con, dest, passphrase)


def decrypt_copy(src: Path | str, dest: Path | str, passphrase: str) -> None:
    """Write a plain (unencrypted) copy of the encrypted case `src` to the new file `dest`.

    The copy can be read by anyone who has it: meant for a hand-over that needs it, or for
    giving up encryption. `src` is only read; `dest` appears only when complete.
    """
    src, dest = Path(src), Path(dest)
    _refuse_existing(dest)
    fileformat.inspect_case(src, passphrase)
    with _reading_from(connect_readonly(src, passphrase), dest, "cannot be written") as con:
        _copy(con, dest, "")


def snapshot_into(database: SqliteDatabase, partial: Path) -> None:
    """Write a consistent copy of an open encrypted case into the new, empty file `partial`
    (a temporary file its caller renames), with the same passphrase, and check it opens.

    The passphrase stays where it already is (the open connection's parameters): a hand-over
    copy of an encrypted case is encrypted too, and its reader needs the passphrase.
    """
    _export_checked(database.connection(), partial, database.connect_params["passphrase"])


def keep_in_wal_mode(path: Path, key: str = "") -> None:
    """Put the closed case file `path` (encrypted with `key`, '' = plain) in WAL mode, as
    Casefile keeps a case file: opening it then does not rewrite its header."""
    con = encryption.connect_new(path, key) if key else sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode = WAL").fetchone()
    finally:
        con.close()  # the last connection to close removes the -wal and -shm files


def _settle_wal(path: Path) -> None:
    """Fold a plain case's -wal into the file, so that the file alone is the whole case."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()  # the last connection to close removes the -wal and -shm files
    if Path(f"{path}-wal").exists():
        raise CaseOpenError(path, "is open in another program; close it there first")


def encrypt_in_place(path: Path, passphrase: str) -> None:
    """Replace the plain, closed case at `path` by its encrypted copy, in one step.

    If anything fails, the plain file is kept as it was. Renaming does not wipe the plain
    bytes from the disk (nor from backups and earlier copies).
    """
    _settle_wal(path)  # refuses a case that another program has open
    files.sweep_partials(path.parent, path.name)  # what an interrupted encryption left
    try:
        with files.replacing(path) as partial:
            plain = encryption.connect_plain_readonly(path)
            with _reading_from(plain, path, "cannot be encrypted") as con:
                _export_checked(con, partial, passphrase)
            _settle_wal(path)  # no plain -wal/-shm may stay beside the encrypted file
    except OSError as exc:
        raise CaseOpenError(path, "cannot be encrypted: "
                                  f"{files.failure_reason(exc, path.parent)}") from exc
