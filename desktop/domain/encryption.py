"""Optional encryption at rest: a case file encrypted whole with SQLCipher.

An encrypted case is the same SQLite case, every page encrypted (AES-256, HMAC per page; the key
derived from the passphrase with SQLCipher's default PBKDF2-HMAC-SHA512, 256,000 iterations,
and a random salt kept in the file's first 16 bytes, where a plain file says "SQLite format 3").
Its -wal file is encrypted too; temporary tables stay in memory (the build's TEMP_STORE=2).

SQLCipher comes from the optional `sqlcipher3` wheel (`pip install 'casefile[encryption]'`),
imported only when an encrypted case is used, so Casefile runs without it for plain cases.

The passphrase is held in memory only, by the open case's database object, so that every new
connection (the UI thread's and each worker thread's) applies it. It is never written to the
case, the audit trail, a log or an error message.

Protects: a lost, stolen or seized laptop, and a copied case file, when the case is closed.
Does not protect: a machine compromised while the case is open, a weak passphrase, files
exported from the case (dossiers, hand-over copies made in plain form), nor plain-text remnants
of a case that was plain before it was converted (old disk blocks, backups, earlier copies).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from peewee import SqliteDatabase

from desktop.domain.errors import CaseOpenError

INSTALL_HINT = "needs the optional SQLCipher support: pip install 'casefile[encryption]'"
PAGE = 512  # an encrypted file's size is a whole number of pages, every page size a multiple
SQLITE_MAGIC = b"SQLite format 3\x00"


class EncryptionUnavailable(CaseOpenError):
    """An encrypted case is asked for, but the optional SQLCipher support is not installed."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, INSTALL_HINT)


class PassphraseRequired(CaseOpenError):
    """The file looks like an encrypted case and no passphrase was given."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "is encrypted; enter its passphrase")


class WrongPassphrase(CaseOpenError):
    """The passphrase does not open the file (deliberately without detail that helps guessing).

    SQLCipher cannot tell a wrong passphrase from a file whose first page is damaged or that is
    not a case at all: all three read as this.
    """

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "the passphrase is not right for this case")


def _dbapi(path: Path | str) -> ModuleType:
    """The sqlcipher3 DB-API module, imported on first use; EncryptionUnavailable without it."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:
        raise EncryptionUnavailable(path) from exc
    return dbapi2


def available() -> bool:
    """Whether encrypted cases can be created and opened here (sqlcipher3 is installed)."""
    try:
        _dbapi("")
    except EncryptionUnavailable:
        return False
    return True


def check_passphrase(path: Path | str, passphrase: str) -> None:
    """Refuse a passphrase SQLCipher cannot take as text: empty, or with a NUL character."""
    if not isinstance(passphrase, str) or not passphrase or "\x00" in passphrase:
        raise CaseOpenError(path, "needs a passphrase of at least one character (and no NUL)")


def looks_encrypted(path: Path, header: bytes) -> bool:
    """Whether a file that is not plain SQLite may be an encrypted case (whole pages, no magic)."""
    size = path.stat().st_size
    return header != SQLITE_MAGIC and size > 0 and size % PAGE == 0


def _quoted(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA key takes no bound parameter)."""
    return "'" + passphrase.replace("'", "''") + "'"


def database(path: Path | str, passphrase: str, **options: Any) -> SqliteDatabase:
    """A peewee database on an encrypted file: the key is applied on every new connection."""
    check_passphrase(path, passphrase)
    _dbapi(path)
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    return SqlCipherDatabase(str(path), passphrase=passphrase, **options)


def database_error(path: Path | str = "") -> type[Exception]:
    """sqlcipher3's DatabaseError class, for code that catches errors of raw connections."""
    return _dbapi(path).DatabaseError


def connect_readonly(path: Path, passphrase: str) -> Any:
    """A read-only sqlcipher3 connection to an encrypted case; WrongPassphrase if it will not open.

    Opening reads page 1 only: nothing is written to the file.
    """
    check_passphrase(path, passphrase)
    dbapi = _dbapi(path)
    con = dbapi.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        con.execute(f"PRAGMA key = {_quoted(passphrase)}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError:
        con.close()
        raise WrongPassphrase(path) from None
    return con


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


def _copy(con: Any, dest: Path, key: str) -> None:
    """Export to a temporary file beside `dest`, check that it opens as a case, rename it."""
    from desktop.domain import db  # db imports this module

    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent)
    os.close(fd)
    partial = Path(name)
    try:
        _export(con, partial, key, *_header_fields(con))
        db.inspect_case(partial, key or None)
        os.replace(partial, dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _refuse_existing(dest: Path) -> None:
    if dest.exists():
        raise CaseOpenError(dest, "already exists; choose another name")


def encrypt_copy(src: Path | str, dest: Path | str, passphrase: str) -> None:
    """Write an encrypted copy of the plain case `src` to the new file `dest`.

    `src` is only read (it may be open meanwhile); `dest` appears only when
    complete (written to a temporary file beside it, then renamed). `src` stays as it was.
    """
    from desktop.domain import db  # db imports this module

    src, dest = Path(src), Path(dest)
    check_passphrase(dest, passphrase)
    _refuse_existing(dest)
    dbapi = _dbapi(dest)
    db.inspect_case(src)
    con = dbapi.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _copy(con, dest, passphrase)
    except dbapi.DatabaseError as exc:
        raise CaseOpenError(dest, f"cannot be written: {exc}") from None
    finally:
        con.close()


def decrypt_copy(src: Path | str, dest: Path | str, passphrase: str) -> None:
    """Write a plain (unencrypted) copy of the encrypted case `src` to the new file `dest`.

    The copy can be read by anyone who has it: meant for a hand-over that needs it, or for
    giving up encryption. `src` is only read; `dest` appears only when complete.
    """
    from desktop.domain import db  # db imports this module

    src, dest = Path(src), Path(dest)
    _refuse_existing(dest)
    db.inspect_case(src, passphrase)
    con = connect_readonly(src, passphrase)
    dbapi = _dbapi(dest)
    try:
        _copy(con, dest, "")
    except dbapi.DatabaseError as exc:
        raise CaseOpenError(dest, f"cannot be written: {exc}") from None
    finally:
        con.close()



def is_encrypted(database: SqliteDatabase) -> bool:
    """Whether a peewee database is an encrypted case (opened with a passphrase)."""
    return bool(getattr(database, "connect_params", {}).get("passphrase"))


def snapshot_copy(database: SqliteDatabase, dest: Path) -> None:
    """Write a consistent copy of an open encrypted case to `dest`, with the same passphrase.

    The passphrase stays where it already is (the open connection's parameters): a hand-over
    copy of an encrypted case is encrypted too, and its reader needs the passphrase.
    """
    _refuse_existing(dest)
    _copy(database.connection(), dest, database.connect_params["passphrase"])
