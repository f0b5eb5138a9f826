"""Encrypted cases (SQLCipher): unreadable without the passphrase, whole with it."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3", reason="the optional SQLCipher support (sqlcipher3) is not "
                                          "installed: pip install --only-binary sqlcipher3 "
                                          "-e '.[encryption]'")

from desktop.domain import copies, db, encryption, models  # noqa: E402
from desktop.domain.encryption import (  # noqa: E402
    EncryptionUnavailable,
    PassphraseRequired,
    WrongPassphrase,
)
from desktop.domain.errors import CaseOpenError  # noqa: E402
from desktop.services import integrity, search, sources  # noqa: E402
from tests.conftest import ACTOR, FIXTURES  # noqa: E402

PASSPHRASE = "correct horse ☃ O'Brien battery"
TITLE = "Executions near the Phenol Plant"
SECRETS = (b"Phenol Plant", b"Zelenyy Shlyakh", TITLE.encode())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw_bytes(path: Path) -> bytes:
    """The case file's bytes and its -wal file's, as anyone who copies them gets them."""
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def files(folder: Path) -> list[str]:
    """The folder's files, leaving out the empty -wal/-shm a read-only look at a case leaves."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def messages(exc: BaseException) -> str:
    """Every message of an exception and of the exceptions chained to it."""
    parts = []
    while exc is not None:
        parts += [str(exc), repr(exc)]
        exc = exc.__cause__ or exc.__context__
    return "\n".join(parts)


@pytest.fixture
def encrypted(case_path, seed_files):
    """An encrypted case with the seed texts imported, open for the test."""
    database = db.new_case(case_path, TITLE, actor=ACTOR, passphrase=PASSPHRASE)
    report = sources.import_files(seed_files, actor=ACTOR)
    assert len(report.imported) == len(seed_files)
    yield database
    db.close_case()


def plain_case(path: Path, seed_files: list[Path]) -> Path:
    db.new_case(path, TITLE, actor=ACTOR)
    sources.import_files(seed_files, actor=ACTOR)
    db.close_case()
    return path


def test_without_the_passphrase_the_bytes_say_nothing(encrypted, case_path):
    assert Path(f"{case_path}-wal").exists()  # open, in WAL mode: the -wal is encrypted too
    data = raw_bytes(case_path)
    for secret in SECRETS:
        assert secret not in data
    db.close_case()
    data = raw_bytes(case_path)
    assert not data.startswith(db.SQLITE_MAGIC)
    for secret in SECRETS:
        assert secret not in data
    con = sqlite3.connect(case_path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        con.execute("SELECT * FROM sqlite_master").fetchall()
    con.close()


def test_with_the_passphrase_everything_is_there(encrypted, case_path, seed_files):
    db.close_case()
    assert db.inspect_case(case_path, PASSPHRASE) == db.SCHEMA_VERSION
    database = db.open_case(case_path, PASSPHRASE)
    assert type(database).__name__ == "SqlCipherDatabase"
    assert models.database.obj is database
    assert database._lock_type == "IMMEDIATE"
    pragmas = {name: database.execute_sql(f"PRAGMA {name}").fetchone()[0]
               for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")}
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2,
                       "busy_timeout": 5000}
    settings = {row[0] for row in database.execute_sql("PRAGMA cipher_settings")}
    assert {"PRAGMA kdf_iter = 256000;",  # SQLCipher 4's defaults, not weakened
            "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512;"} <= settings
    assert models.Case.get().title == TITLE
    assert models.Source.select().count() == len(seed_files)
    hits = search.search("Zelenyy Shlyakh")  # FTS5 works in the SQLCipher build
    assert hits and "Zelenyy" in hits[0].snippet
    assert integrity.verify_case().ok


def test_a_wrong_passphrase_is_refused_plainly_and_writes_nothing(encrypted, case_path):
    db.close_case()
    before = digest(case_path)
    for call in (db.inspect_case, db.open_case):
        with pytest.raises(WrongPassphrase) as caught:
            call(case_path, "correct horse ☃ O'Brien batterz")
        assert str(caught.value) == "test.casefile: the passphrase is not right for this case"
        assert caught.value.__cause__ is None  # no detail that helps guessing
    assert digest(case_path) == before
    assert models.database.obj is None


def test_an_encrypted_case_asks_for_its_passphrase(encrypted, case_path):
    db.close_case()
    before = digest(case_path)
    for call in (db.inspect_case, db.open_case):
        with pytest.raises(PassphraseRequired, match="test.casefile: is encrypted; enter its "
                                                     "passphrase"):
            call(case_path)
    assert digest(case_path) == before


def test_a_plain_case_is_not_opened_with_a_passphrase(case, case_path):
    db.close_case()
    with pytest.raises(CaseOpenError, match="is not encrypted"):
        db.open_case(case_path, PASSPHRASE)


def test_an_empty_passphrase_is_refused_before_anything_is_created(case_path):
    with pytest.raises(CaseOpenError, match="needs a passphrase"):
        db.new_case(case_path, TITLE, passphrase="")
    assert not case_path.exists()


def test_a_damaged_encrypted_case_is_refused_untouched(encrypted, case_path):
    db.close_case()
    data = bytearray(case_path.read_bytes())
    page = 4096
    for offset in range(3 * page + 100, 3 * page + 200):
        data[offset] ^= 0xFF
    case_path.write_bytes(bytes(data))
    before = digest(case_path)
    with pytest.raises(CaseOpenError, match="damaged"):
        db.open_case(case_path, PASSPHRASE)
    assert digest(case_path) == before


def test_a_plain_case_encrypted_and_decrypted_again(tmp_path, seed_files):
    plain = plain_case(tmp_path / "plain.casefile", seed_files)
    locked = tmp_path / "locked.casefile"
    copies.encrypt_copy(plain, locked, PASSPHRASE)
    for secret in SECRETS:
        assert secret not in locked.read_bytes()
    db.open_case(locked, PASSPHRASE)
    assert [h.source_id for h in search.search("Phenol")]
    assert integrity.verify_case().ok
    db.close_case()
    with pytest.raises(CaseOpenError, match="already exists"):
        copies.encrypt_copy(plain, locked, PASSPHRASE)

    back = tmp_path / "back.casefile"
    copies.decrypt_copy(locked, back, PASSPHRASE)
    assert back.read_bytes().startswith(db.SQLITE_MAGIC)
    db.open_case(back)
    assert models.Source.select().count() == len(seed_files)
    assert integrity.verify_case().ok
    db.close_case()
    with pytest.raises(WrongPassphrase):
        copies.decrypt_copy(locked, tmp_path / "other.casefile", "guess")
    assert files(tmp_path) == ["back.casefile", "locked.casefile", "plain.casefile"]


def test_an_old_case_encrypted_is_migrated_when_opened(tmp_path):
    old = tmp_path / "old.casefile"
    con = sqlite3.connect(old)
    con.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    con.close()
    locked = tmp_path / "old-locked.casefile"
    copies.encrypt_copy(old, locked, PASSPHRASE)
    db.open_case(locked, PASSPHRASE)
    assert models.database.obj.pragma("user_version") == db.SCHEMA_VERSION
    assert [h.source_id for h in search.search("Shlyakh")] == [1]
    db.close_case()


def test_a_case_converted_in_place(tmp_path, seed_files):
    path = plain_case(tmp_path / "case.casefile", seed_files)
    db.open_case(path)  # the open case is closed first
    db.convert_to_encrypted(path, PASSPHRASE)
    assert models.database.obj is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.casefile"]
    for secret in SECRETS:
        assert secret not in path.read_bytes()
    db.open_case(path, PASSPHRASE)
    assert models.Source.select().count() == len(seed_files)
    assert integrity.verify_case().ok
    db.close_case()


def test_a_failed_conversion_keeps_the_plain_case(tmp_path, seed_files, monkeypatch):
    path = plain_case(tmp_path / "case.casefile", seed_files)
    before = digest(path)

    def fail(*args, **kwargs):
        raise CaseOpenError(path, "cannot be written: disk full")

    monkeypatch.setattr(copies, "_export", fail)
    with pytest.raises(CaseOpenError, match="disk full"):
        db.convert_to_encrypted(path, PASSPHRASE)
    assert digest(path) == before
    assert files(tmp_path) == ["case.casefile"]


def test_an_import_on_a_worker_thread_uses_the_passphrase(encrypted, case_path, seed_files):
    db.close_case()
    db.open_case(case_path, PASSPHRASE)
    extra = case_path.parent / "extra.txt"
    extra.write_text("A statement taken at the Phenol Plant checkpoint.\n", encoding="utf-8")
    outcome: dict = {}

    def work() -> None:  # as desktop.gui.background does: its own connection, closed at the end
        try:
            outcome["connection"] = id(models.database.connection())
            outcome["report"] = sources.import_files([extra], actor=ACTOR)
        except Exception as exc:
            outcome["error"] = exc
        finally:
            models.database.close()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["connection"] != id(models.database.connection())
    assert len(outcome["report"].imported) == 1
    assert models.Source.select().count() == len(seed_files) + 1
    assert integrity.verify_case().ok


def test_the_passphrase_is_never_written_or_told(case_path, seed_files, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    told = []
    db.new_case(case_path, TITLE, actor=ACTOR, passphrase=PASSPHRASE)
    sources.import_files(seed_files, actor=ACTOR)
    db.close_case()
    for attempt in (lambda: db.open_case(case_path, PASSPHRASE[:-1]),
                    lambda: db.open_case(case_path),
                    lambda: copies.decrypt_copy(case_path, tmp_path / "x", "nope"),
                    lambda: db.new_case(case_path, TITLE, passphrase=PASSPHRASE)):
        with pytest.raises(CaseOpenError) as caught:
            attempt()
        told.append(messages(caught.value))
    db.open_case(case_path, PASSPHRASE)
    trail = [str(row) for row in models.AuditEntry.select().tuples()]
    case_row = str(models.Case.select().tuples().get())
    db.close_case()
    for text in (*told, *trail, case_row, caplog.text):
        assert PASSPHRASE not in text
        assert PASSPHRASE[:-1] not in text
    assert PASSPHRASE.encode() not in raw_bytes(case_path)


@pytest.fixture
def no_sqlcipher(monkeypatch):
    """As on a machine without the optional sqlcipher3 package."""
    for name in ("sqlcipher3", "sqlcipher3.dbapi2", "playhouse.sqlcipher_ext"):
        monkeypatch.setitem(sys.modules, name, None)


def test_without_sqlcipher_plain_cases_work_and_encryption_says_how(
        tmp_path, seed_files, no_sqlcipher):
    hint = "needs the optional SQLCipher support: pip install 'casefile\\[encryption\\]'"
    assert not encryption.available()
    plain = plain_case(tmp_path / "plain.casefile", seed_files)
    db.open_case(plain)
    assert integrity.verify_case().ok
    db.close_case()

    new = tmp_path / "new.casefile"
    with pytest.raises(EncryptionUnavailable, match=f"new.casefile: {hint}"):
        db.new_case(new, TITLE, passphrase=PASSPHRASE)
    assert not new.exists()
    with pytest.raises(EncryptionUnavailable, match=hint):
        copies.encrypt_copy(plain, tmp_path / "locked.casefile", PASSPHRASE)
    with pytest.raises(EncryptionUnavailable, match=hint):
        db.convert_to_encrypted(plain, PASSPHRASE)
    assert files(tmp_path) == ["plain.casefile"]


def test_without_sqlcipher_an_encrypted_case_says_how(encrypted, case_path, monkeypatch):
    db.close_case()
    for name in ("sqlcipher3", "sqlcipher3.dbapi2", "playhouse.sqlcipher_ext"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(PassphraseRequired):
        db.open_case(case_path)
    with pytest.raises(EncryptionUnavailable, match="pip install 'casefile"):
        db.open_case(case_path, PASSPHRASE)


def test_a_hand_over_copy_of_an_encrypted_case_is_encrypted_and_merges(tmp_path, seed_files):
    from desktop.domain.models import Evidence
    from desktop.services import evidence, handover, review, sources

    path = tmp_path / "secret.casefile"
    db.new_case(path, "Secret", actor="Olena", passphrase=PASSPHRASE)
    source_id = sources.import_files(seed_files[3:4], actor="Olena").source_ids[0]
    span = evidence.add_evidence(source_id, 0, 30, actor="Olena").id
    copy = tmp_path / "for-review.casefile"
    handover.save_copy(copy, actor="Olena")
    db.close_case()
    assert b"Phenol" not in copy.read_bytes()
    with pytest.raises(encryption.PassphraseRequired):
        db.open_case(copy)
    db.open_case(copy, passphrase=PASSPHRASE)
    review.review_evidence(span, "approved", actor="Reviewer")
    db.close_case()
    db.open_case(path, passphrase=PASSPHRASE)
    report = handover.merge_review(copy, actor="Olena", passphrase=PASSPHRASE)
    assert len(report.applied) == 1
    assert Evidence.get_by_id(span).reviewed_by == "Reviewer"
    db.close_case()
