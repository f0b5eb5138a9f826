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

import contextlib
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from peewee import SqliteDatabase

from desktop.domain.errors import CaseOpenError

INSTALL_HINT = "needs the optional SQLCipher support: pip install 'casefile[encryption]'"
#: The shortest passphrase a new encrypted case is given (the window and the command line).
MIN_PASSPHRASE = 12


class EncryptionUnavailable(CaseOpenError):
    """An encrypted case is asked for, but the optional SQLCipher support is not installed."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, INSTALL_HINT)


class PassphraseRequired(CaseOpenError):
    """The file looks like an encrypted case and no passphrase was given."""

    def __init__(self, path: Path | str) -> None:
        from desktop.services.words import _  # noqa: PLC0415 — the words a user reads

        super().__init__(path, _("is encrypted; enter its passphrase"))


class WrongPassphrase(CaseOpenError):
    """The passphrase does not open the file (deliberately without detail that helps guessing).

    SQLCipher cannot tell a wrong passphrase from a file whose first page is damaged or that is
    not a case at all: all three read as this.
    """

    def __init__(self, path: Path | str) -> None:
        from desktop.services.words import _  # noqa: PLC0415 — the words a user reads

        super().__init__(path, _("the passphrase is not right for this case"))


def _dbapi(path: Path | str) -> ModuleType:
    """The sqlcipher3 DB-API module, imported on first use; EncryptionUnavailable without it."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:
        raise EncryptionUnavailable(path) from exc
    _quiet(dbapi2)
    return dbapi2


_QUIETED = False  # SQLCipher's log is turned off once per process


def _quiet(dbapi: ModuleType) -> None:
    """Keep SQLCipher's own log (three lines for every wrong passphrase) off the terminal:
    the error Casefile raises says it in a sentence. The setting holds for the process."""
    global _QUIETED
    if not _QUIETED:
        with contextlib.closing(dbapi.connect(":memory:")) as con:
            con.execute("PRAGMA cipher_log_level = NONE")
        _QUIETED = True


def require(path: Path | str) -> None:
    """Refuse (EncryptionUnavailable naming `path`) when SQLCipher support is not installed."""
    _dbapi(path)


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


def connect_readonly(path: Path, passphrase: str, uri: str | None = None) -> Any:
    """A read-only sqlcipher3 connection to an encrypted case; WrongPassphrase if it will not open.

    Opening reads page 1 only: nothing is written to the file. `uri` (`fileformat.read_only_uri`)
    also keeps SQLite from making -wal and -shm files beside it.
    """
    check_passphrase(path, passphrase)
    dbapi = _dbapi(path)
    con = dbapi.connect(uri or f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        con.execute(f"PRAGMA key = {_quoted(passphrase)}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError:
        con.close()
        raise WrongPassphrase(path) from None
    return con


def connect_new(path: Path, passphrase: str) -> Any:
    """A sqlcipher3 connection that writes a new encrypted case into the empty file `path`
    (a case file made by Casefile itself, table by table: a server case checked out), or
    finishes one just written (a hand-over copy put in WAL mode)."""
    check_passphrase(path, passphrase)
    con = _dbapi(path).connect(str(path))
    con.execute(f"PRAGMA key = {_quoted(passphrase)}")
    return con


def connect_plain_readonly(path: Path) -> Any:
    """A read-only sqlcipher3 connection to a plain case, to export it encrypted from."""
    return _dbapi(path).connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def is_encrypted(database: SqliteDatabase) -> bool:
    """Whether a peewee database is an encrypted case (opened with a passphrase)."""
    return bool(getattr(database, "connect_params", {}).get("passphrase"))


def seal(data: bytes, passphrase: str) -> bytes:
    """`data` encrypted with `passphrase` the way a case is: the bytes of a one-row SQLCipher
    database (for a hand-over manifest that must not say in clear what it records)."""
    dbapi = _dbapi("")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sealed"
        with contextlib.closing(dbapi.connect(str(path))) as con:
            con.execute(f"PRAGMA key = {_quoted(passphrase)}")
            con.execute("CREATE TABLE sealed (data BLOB NOT NULL)")
            con.execute("INSERT INTO sealed VALUES (?)", (data,))
            con.commit()
        return path.read_bytes()


def unseal(sealed: bytes, passphrase: str) -> bytes:
    """The data `seal` sealed with `passphrase`; WrongPassphrase if it does not open."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sealed"
        path.write_bytes(sealed)
        con = connect_readonly(path, passphrase)
        try:
            return bytes(con.execute("SELECT data FROM sealed").fetchone()[0])
        except _dbapi(path).DatabaseError:
            raise WrongPassphrase(path) from None
        finally:
            con.close()

