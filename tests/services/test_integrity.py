"""Verify: a change made to a case outside Casefile is found and named in plain words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.domain import db
from desktop.services import integrity
from tests.conftest import FIXTURES


@pytest.fixture
def closed_case(worked_case, case_path) -> Path:
    """The worked case, closed, so a test can tamper with it as an outside tool would."""
    db.close_case()
    return case_path


def tamper(path: Path, *statements: str, params: tuple = ()) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement, params if "?" in statement else ())
    con.commit()
    con.close()


def verify(path: Path) -> integrity.IntegrityReport:
    db.open_case(path)
    try:
        return integrity.verify_case()
    finally:
        db.close_case()


def test_an_untouched_case_verifies(closed_case):
    report = verify(closed_case)
    assert report.ok, report.problems
    assert report.sources == 5 and report.entries > 10
    assert report.summary().startswith("Integrity verified:")


def test_an_edited_audit_entry_is_found(closed_case):
    tamper(closed_case, "UPDATE audit_entry SET actor = 'Someone else' WHERE id = 3")
    report = verify(closed_case)
    assert report.problems == [
        report.problems[0]] and report.problems[0].startswith("Audit entry #3 (")
    assert "changed outside Casefile" in report.summary()


def test_a_removed_audit_entry_is_found(closed_case):
    tamper(closed_case, "DELETE FROM audit_entry WHERE id = 4")
    report = verify(closed_case)
    assert report.problems[0] == ("Audit entry #4 is missing: it was removed from the trail "
                                  "outside Casefile.")


def test_removing_the_newest_entries_is_found(closed_case):
    tamper(closed_case, "DELETE FROM audit_entry WHERE id > (SELECT max(id) - 2 FROM "
                        "audit_entry)")
    report = verify(closed_case)
    assert "the newest 2 were removed outside Casefile" in report.problems[0]


def test_a_changed_source_byte_is_found(closed_case):
    con = sqlite3.connect(closed_case)
    data = bytearray(con.execute("SELECT data FROM source_original WHERE source_id = 4")
                     .fetchone()[0])
    data[100] ^= 0x01
    con.execute("UPDATE source_original SET data = ? WHERE source_id = 4", (bytes(data),))
    con.commit()
    con.close()
    report = verify(closed_case)
    assert len(report.problems) == 1
    assert report.problems[0].startswith("Source S-004 “")
    assert "original bytes do not match the SHA-256 recorded at import" in report.problems[0]


def test_a_rewritten_working_text_is_found(closed_case):
    tamper(closed_case, "UPDATE source SET text = replace(text, 'nine', 'ten') WHERE id = 4")
    assert "extracted text was changed after import" in verify(closed_case).summary()


def test_a_forged_fingerprint_still_disagrees_with_the_import_entry(closed_case):
    con = sqlite3.connect(closed_case)
    con.execute("UPDATE source_original SET data = CAST('forged' AS BLOB) WHERE source_id = 2")
    con.execute("UPDATE source SET sha256 = "
                "'c2b6c2fa8d8a8e5c6d8f0e5d2f3a6d9c1b4e7f0a3d6c9b2e5f8a1d4c7b0e3f6a' "
                "WHERE id = 2")
    con.commit()
    con.close()
    problems = verify(closed_case).problems
    assert any("differs from the one in the audit trail's import entry" in p for p in problems)


def test_an_old_case_gets_a_valid_chain_when_upgraded(tmp_path):
    path = tmp_path / "old.casefile"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    con.close()
    assert verify(path).ok


def test_an_entry_appended_outside_casefile_is_found(closed_case):
    from desktop.domain import ledger

    con = sqlite3.connect(closed_case)
    last_id, previous = con.execute("SELECT id, entry_hash FROM audit_entry ORDER BY id DESC "
                                    "LIMIT 1").fetchone()
    row = (last_id + 1, "2025-01-01T00:00:00Z", "Forger", "incident.approved", "incident", 1,
           "INC-001 → approved", None, '{"state": "approved"}')
    con.execute("INSERT INTO audit_entry (id, at, actor, action, object_type, object_id, "
                "summary, before, after, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*row, ledger.entry_digest(previous, row)))
    con.commit()
    con.close()
    report = verify(closed_case)
    assert report.problems and "were added outside Casefile" in report.problems[0]


def test_a_new_case_with_no_source_verifies(tmp_path):
    from desktop.domain import db
    from desktop.services import integrity

    db.new_case(tmp_path / "empty.casefile", "Nothing imported yet", actor="Olena")
    try:
        report = integrity.verify_case()
        assert report.ok, report.problems
    finally:
        db.close_case()
