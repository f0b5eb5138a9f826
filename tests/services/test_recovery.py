"""Recover: what can be read of a damaged case is copied into a new file; the rest is named.

Damage is made the way a failing disk or an interrupted copy makes it: bytes of chosen b-tree
pages overwritten. The pages are found with SQLite's `dbstat` on the undamaged file, so the
damage is the same on every run.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.domain import db, models
from desktop.domain.errors import CaseOpenError
from desktop.domain.models import database
from desktop.services import evidence, integrity, recovery, search, sources
from tests.conftest import FIXTURES

PAGE = 4096
SPANS = 300
TABLES = ("source", "source_original", "incident", "evidence", "protected_person", "member",
          "audit_entry")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pages(path: Path, table: str, kind: str = "leaf") -> list[int]:
    """The numbers of a table's pages of one kind (leaf, overflow), in file order."""
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno",
            (table, kind))]
    finally:
        con.close()


def damage(path: Path, page: int, start: int, end: int, byte: int = 0xFF) -> None:
    """Overwrite bytes start…end of one page, as a bad sector would."""
    data = bytearray(path.read_bytes())
    base = (page - 1) * PAGE
    data[base + start:base + end] = bytes([byte]) * (end - start)
    path.write_bytes(bytes(data))


def rows(path: Path, table: str) -> dict[int, tuple]:
    """Every row of a table by id (of an undamaged or recovered file)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return {r[0]: r for r in con.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid')}
    finally:
        con.close()


def readable(path: Path, table: str, ids: list[int]) -> set[int]:
    """The ids a plain one-row read can still get from a damaged file."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    found = set()
    try:
        for row_id in ids:
            try:
                if con.execute(f'SELECT * FROM "{table}" WHERE rowid = ?', (row_id,)).fetchone():
                    found.add(row_id)
            except sqlite3.DatabaseError:
                pass
    finally:
        con.close()
    return found


def last_entry(path: Path) -> models.AuditEntry:
    db.open_case(path)
    try:
        return models.AuditEntry.select().order_by(models.AuditEntry.id.desc()).get()
    finally:
        db.close_case()


@pytest.fixture
def big_case(worked_case, case_path, actor):
    """The worked case with SPANS more evidence spans, so one damaged page loses only some."""
    pgo = worked_case["sources"]["003_b8c3f3517aeeccd0.txt"]
    with database.atomic():
        for i in range(SPANS):
            evidence.add_evidence(pgo, i * 10, i * 10 + 30, actor=actor, note=f"span {i}")
    db.close_case()
    return worked_case


@pytest.fixture
def damaged(big_case, case_path, tmp_path):
    """(damaged file, undamaged copy): an evidence page, an audit page and a source's bytes hit.

    The evidence page's cell content is overwritten (reading its block fails; rows are probed
    one by one); the audit page's cell pointers are (its rows silently vanish from reads); and
    a few bytes inside a stored original file change (only its fingerprint can tell).
    """
    intact = tmp_path / "intact.casefile"
    shutil.copyfile(case_path, intact)
    spans = pages(intact, "evidence")
    entries = pages(intact, "audit_entry")
    originals = pages(intact, "source_original", "overflow")
    damage(case_path, spans[len(spans) // 2], 2000, 2300)
    damage(case_path, entries[len(entries) // 2], 8, 200)
    damage(case_path, originals[0], 100, 110, ord("#"))
    return case_path, intact


@pytest.fixture
def recovered(damaged, tmp_path, actor):
    """(report, damaged file, undamaged copy, digest of the damaged file before recovery)."""
    path, intact = damaged
    before = digest(path)
    report = recovery.recover_case(path, tmp_path / "recovered.casefile", actor=actor)
    return report, path, intact, before


def test_the_damaged_case_is_refused_by_open(damaged):
    path, _ = damaged
    with pytest.raises(CaseOpenError, match="is damaged .*Recover"):
        db.open_case(path)


def test_recovery_never_writes_to_the_damaged_file(recovered):
    report, path, _, before = recovered
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        ["intact.casefile", path.name, report.dest.name])


def test_every_readable_row_is_kept_as_it_was(recovered):
    report, path, intact, _ = recovered
    for table in TABLES:
        original, copied = rows(intact, table), rows(report.dest, table)
        if table == "audit_entry":
            copied.pop(max(copied))  # the recovery's own entry
        changed = [i for i, row in copied.items() if row != original[i]]
        # only the original file whose bytes were overwritten differs: it is copied as read
        assert changed == ([] if table != "source_original" else changed[:1]), table
        assert readable(path, table, list(original)) <= set(copied), table
        assert report.tables[table] == (len(copied), len(original)), table


def test_the_damage_loses_some_rows_and_says_which(recovered):
    report, _, intact, _ = recovered
    for table, noun in (("evidence", "evidence spans"), ("audit_entry", "audit entries")):
        missing = sorted(set(rows(intact, table)) - set(rows(report.dest, table)))
        got, expected = report.tables[table]
        assert 0 < len(missing) < expected // 2 and got == expected - len(missing)
        first, last = missing[0], missing[-1]
        assert last - first + 1 == len(missing)  # one page: consecutive ids
        assert f"{len(missing)} {noun} could not be read (ids {first}–{last})" in report.lost
    assert report.tables["source"] == (5, 5) and report.tables["incident"] == (2, 2)


def test_a_changed_original_file_is_named(recovered):
    report, *_ = recovered
    named = [line for line in report.lost if line.startswith("the original bytes of source S-")]
    assert len(named) == 1 and named[0].endswith("are damaged: its fingerprint no longer matches")
    assert any("original bytes do not match the SHA-256" in p for p in report.verify_problems)


def test_the_recovered_case_opens_searches_and_verifies_with_its_gaps_named(recovered, big_case):
    report, *_ = recovered
    db.open_case(report.dest)
    try:
        pgo = big_case["sources"]["003_b8c3f3517aeeccd0.txt"]
        assert [h.source_id for h in search.search("Phenol")] == [pgo]
        assert integrity.verify_case().problems == report.verify_problems
        assert models.Case.get().title == "Executions of surrendered POWs"
        assert models.Case.get().reference == "UA-POW-2024-001"
    finally:
        db.close_case()
    assert any(p.startswith("Audit entries #") and "are missing" in p
               for p in report.verify_problems)
    assert report.verify_problems[-1].startswith("This case was recovered from a damaged file")


def test_the_recovered_trail_ends_with_the_audited_recovery(recovered, actor):
    report, path, *_ = recovered
    entry = last_entry(report.dest)
    assert (entry.action, entry.actor) == ("case.recover", actor)
    assert entry.after["from"] == path.name
    assert entry.after["lost"] == report.lost
    assert entry.after["recovered"] == {t: n for t, (n, _) in report.tables.items()}


def test_the_summary_says_what_was_recovered_and_lost(recovered):
    report, *_ = recovered
    text = report.summary()
    assert text.startswith("recovered.casefile was recovered from test.casefile: 5 sources")
    assert "Lost: " in text and "Verifying the recovered case found" in text


def test_a_lost_source_drops_its_evidence_and_a_lost_incident_unlinks(worked_case, case_path,
                                                                     tmp_path, actor):
    pgo = worked_case["sources"]["003_b8c3f3517aeeccd0.txt"]
    sha = sources.list_sources()[pgo - 1][5]
    db.close_case()
    data = case_path.read_bytes()
    page = next(p for p in pages(case_path, "source")
                if sha.encode() in data[(p - 1) * PAGE:p * PAGE])
    [incident_page] = pages(case_path, "incident")
    damage(case_path, page, 8, 100)
    damage(case_path, incident_page, 8, 100)
    report = recovery.recover_case(case_path, tmp_path / "r.casefile", actor=actor)
    assert report.tables["source"] == (4, 5) and report.tables["incident"] == (0, 2)
    spans = worked_case["evidence"]
    dropped = sorted(v for k, v in spans.items() if k != "un_count")
    assert report.tables["evidence"] == (1, 4)
    assert any(line.startswith(f"1 source could not be read (S-{pgo:03d} “")
               for line in report.lost)
    assert "2 incidents could not be read (ids 1–2)" in report.lost
    assert f"3 evidence spans (ids {dropped[0]}–{dropped[-1]}) were dropped: they quote a " \
        f"source that could not be read (S-{pgo:03d}); the recovery's audit entry keeps their " \
        "records" in report.lost
    assert any(line.startswith(f"the original bytes of S-{pgo:03d} “") for line in report.lost)
    assert f"1 evidence span (id {spans['un_count']}) was linked to an incident that could not " \
        "be read (id 2): it is kept without an incident" in report.lost
    db.open_case(report.dest)
    try:
        kept = models.Evidence.get_by_id(spans["un_count"])
        assert kept.incident_id is None and kept.quote == "79 cases of execution"
    finally:
        db.close_case()
    entry = last_entry(report.dest)
    assert sorted(v["id"] for v in entry.after["dropped"]) == dropped


def test_an_undamaged_case_is_recovered_whole_and_verifies(worked_case, case_path, tmp_path,
                                                          actor):
    db.close_case()
    calls = []
    report = recovery.recover_case(case_path, tmp_path / "copy.casefile", actor=actor,
                                   progress=lambda *args: calls.append(args))
    assert report.lost == [] and report.verify_problems == []
    assert all(got == expected for got, expected in report.tables.values())
    assert "Nothing was lost. The recovered case verifies." in report.summary()
    for table in TABLES:
        original, copied = rows(case_path, table), rows(report.dest, table)
        if table == "audit_entry":
            assert copied.pop(max(copied))[4] == "case.recover"
        assert copied == original, table
    steps = len(TABLES) + 1
    assert calls == [(1, steps, "case")] + [(i, steps, t) for i, t in enumerate(TABLES, start=2)]


def test_recovery_refuses_to_overwrite_an_existing_file(worked_case, case_path, tmp_path,
                                                        actor):
    db.close_case()
    existing = tmp_path / "existing.casefile"
    existing.write_bytes(b"precious")
    with pytest.raises(CaseOpenError, match="existing.casefile: already exists"):
        recovery.recover_case(case_path, existing, actor=actor)
    assert existing.read_bytes() == b"precious"


def test_a_file_that_is_not_a_case_is_refused(tmp_path, actor):
    path = tmp_path / "notes.casefile"
    path.write_bytes(b"Incident notes\n" * 50)
    with pytest.raises(CaseOpenError, match="notes.casefile: is not a case file"):
        recovery.recover_case(path, tmp_path / "r.casefile", actor=actor)
    assert not (tmp_path / "r.casefile").exists()


def test_the_case_open_before_recovery_stays_open(worked_case, case_path, tmp_path, actor):
    other = tmp_path / "other.casefile"
    db.close_case()
    shutil.copyfile(case_path, other)
    db.open_case(case_path)
    recovery.recover_case(other, tmp_path / "r.casefile", actor=actor)
    assert db.case_path() == case_path
    assert models.Case.get().title == "Executions of surrendered POWs"


def v1_case(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    con.close()
    return path


def test_a_version_1_case_is_recovered_into_the_current_format(tmp_path, actor):
    old = v1_case(tmp_path / "old.casefile")
    report = recovery.recover_case(old, tmp_path / "new.casefile", actor=actor)
    assert report.lost == [] and report.verify_problems == []
    assert report.tables["protected_person"] == (0, 0)
    db.open_case(report.dest)
    try:
        assert database.pragma("user_version") == db.SCHEMA_VERSION
        incident = models.Incident.get(models.Incident.code == "INC-001")
        assert incident.report_date == "" and incident.qualifications == ["rs_8_2_b_vi"]
        assert models.Evidence.get().incident_id == incident.id
        assert models.Source.get().confidential is False
        assert [h.source_id for h in search.search("Shlyakh")] == [1]
        assert models.Case.get().title == "Executions of POWs (2024)"
        assert [e.action for e in models.AuditEntry.select().order_by(models.AuditEntry.id)] \
            == ["case.create", "case.recover"]
    finally:
        db.close_case()


def test_a_damaged_version_1_case_is_recovered(tmp_path, actor):
    old = v1_case(tmp_path / "old.casefile")
    [page] = pages(old, "evidence")
    damage(old, page, 8, 100)
    report = recovery.recover_case(old, tmp_path / "new.casefile", actor=actor)
    assert report.tables["evidence"] == (0, 1)
    assert report.lost == ["1 evidence span could not be read (which ones is unknown)"]
    assert report.verify_problems == []


def test_committed_changes_still_in_the_wal_are_recovered_and_the_wal_left(case, case_path,
                                                                         tmp_path, seed_files,
                                                                         actor):
    case.execute_sql("PRAGMA wal_autocheckpoint = 0")
    sources.import_files(seed_files[:2], actor=actor)
    copy = tmp_path / "copy.casefile"
    shutil.copyfile(case_path, copy)  # as a backup tool would copy a case in use
    shutil.copyfile(f"{case_path}-wal", f"{copy}-wal")
    wal = digest(Path(f"{copy}-wal"))
    before = digest(copy)
    report = recovery.recover_case(copy, tmp_path / "r.casefile", actor=actor)
    assert report.tables["source"] == (2, 2) and report.lost == []
    assert digest(copy) == before and digest(Path(f"{copy}-wal")) == wal


def test_a_row_the_current_schema_refuses_is_named(worked_case, case_path, tmp_path, actor):
    db.close_case()
    con = sqlite3.connect(case_path)  # as an outside tool could leave a case: a duplicate
    con.execute("DROP INDEX source_sha256")
    con.execute("INSERT INTO source (id, kind, title, publisher, author, url, published, "
                "language, collected_at, collected_by, collected_from, original_name, "
                "media_type, size, sha256, text_sha256, encoding, text, reliability, "
                "reliability_note, confidential, imported_at, imported_by, extra) "
                "SELECT 6, kind, title, publisher, author, url, published, language, "
                "collected_at, collected_by, collected_from, original_name, media_type, size, "
                "sha256, text_sha256, encoding, text, reliability, reliability_note, "
                "confidential, imported_at, imported_by, extra FROM source WHERE id = 1")
    con.commit()
    con.close()
    report = recovery.recover_case(case_path, tmp_path / "r.casefile", actor=actor)
    assert report.tables["source"] == (5, 6)
    assert report.lost == ["source S-006 was read but could not be copied (UNIQUE constraint "
                           "failed: source.sha256)"]


def test_a_case_row_read_with_holes_keeps_what_it_has_and_says_what_it_lost(
        worked_case, case_path, tmp_path, actor):
    """A damaged page can give NULLs for the case's own details: the recovered case keeps
    what was read, its own defaults for the rest, and names what was lost."""
    db.close_case()
    con = sqlite3.connect(case_path)  # as damage can leave it: a title that reads as nothing
    con.execute("PRAGMA writable_schema = ON")
    con.execute("UPDATE sqlite_master SET sql = replace(sql, '\"title\" TEXT NOT NULL', "
                "'\"title\" TEXT') WHERE name = 'case'")
    con.commit()
    con.close()
    con = sqlite3.connect(case_path)
    con.execute('UPDATE "case" SET title = NULL, reference = \'UA-POW-2024-001\'')
    con.commit()
    con.close()
    report = recovery.recover_case(case_path, tmp_path / "r.casefile", actor=actor)
    assert "the case's title could not be read" in report.lost
    db.open_case(report.dest)
    row = database.execute_sql('SELECT title, reference FROM "case"').fetchone()
    assert row[0] and row[1] == "UA-POW-2024-001"


def evidence_leaf(path: Path, passphrase: str) -> int:
    """An encrypted case's page that holds evidence rows, neither the first nor the last: the
    one whose damage makes a scan of the evidence fail while its first and last rows stay
    readable (SQLCipher has no dbstat to ask)."""
    from desktop.domain import encryption

    key = recovery._derived_key(path, passphrase)  # one key derivation, not one per page
    intact = path.read_bytes()

    def fails(sql: str) -> bool:
        try:
            con = encryption.connect_readonly(path, key)
        except encryption.WrongPassphrase:  # the page is one of the list of tables
            return True
        try:
            con.execute(sql).fetchall()
        except encryption.database_error(path):
            return True
        finally:
            con.close()
        return False

    for page in range(2, len(intact) // PAGE + 1):
        damage(path, page, 2000, 2010)
        found = (fails("SELECT * FROM evidence")
                 and not fails("SELECT * FROM evidence WHERE rowid = 1")
                 and not fails("SELECT * FROM evidence WHERE rowid = (SELECT max(rowid) "
                               "FROM evidence)"))
        path.write_bytes(intact)
        if found:
            return page
    raise AssertionError("no evidence page found")


def test_an_encrypted_case_with_a_damaged_page_is_recovered_into_an_encrypted_case(
        big_case, case_path, tmp_path, actor):
    from desktop.domain import copies, encryption

    locked = tmp_path / "locked.casefile"
    copies.encrypt_copy(case_path, locked, "correct horse")
    damage(locked, evidence_leaf(locked, "correct horse"), 2000, 2010)  # its HMAC fails
    with pytest.raises(CaseOpenError, match="is damaged"):
        db.inspect_case(locked, "correct horse")
    dest = tmp_path / "recovered.casefile"
    report = recovery.recover_case(locked, dest, actor=actor, passphrase="correct horse")
    got, expected = report.tables["evidence"]
    assert 0 < expected - got < 40 and report.lost  # the rows of one page, no more
    assert report.tables["source"][0] == len(big_case["sources"])
    assert report.tables["audit_entry"][0] == report.tables["audit_entry"][1]
    assert not dest.read_bytes().startswith(db.SQLITE_MAGIC)  # encrypted, like the damaged one
    with pytest.raises(encryption.PassphraseRequired):
        db.inspect_case(dest)
    db.open_case(dest, "correct horse")
    try:
        assert models.Evidence.select().count() == got
        assert models.AuditEntry.select().order_by(models.AuditEntry.id.desc()).get().action \
            == "case.recover"
    finally:
        db.close_case()


def test_an_encrypted_case_is_recovered_only_with_its_passphrase(worked_case, case_path,
                                                                 tmp_path, actor):
    from desktop.domain import copies, encryption

    db.close_case()
    locked = tmp_path / "locked.casefile"
    copies.encrypt_copy(case_path, locked, "correct horse")
    with pytest.raises(encryption.PassphraseRequired):
        recovery.recover_case(locked, tmp_path / "r.casefile", actor=actor)
    with pytest.raises(encryption.WrongPassphrase):
        recovery.recover_case(locked, tmp_path / "r.casefile", actor=actor, passphrase="wrong")
    with pytest.raises(CaseOpenError, match="is not encrypted"):
        recovery.recover_case(case_path, tmp_path / "r.casefile", actor=actor, passphrase="x")
    assert not [p for p in tmp_path.iterdir() if "r.casefile" in p.name]


def test_a_failed_recovery_leaves_nothing_and_a_retry_succeeds(worked_case, case_path,
                                                               tmp_path, actor, monkeypatch):
    db.close_case()
    before = sorted(p.name for p in tmp_path.iterdir())

    def disk_fails():
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(integrity, "verify_case", disk_fails)
        with pytest.raises(CaseOpenError, match="r.casefile: cannot be written: the disk is full"):
            recovery.recover_case(case_path, tmp_path / "r.casefile", actor=actor)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    report = recovery.recover_case(case_path, tmp_path / "r.casefile", actor=actor)
    assert report.complete


def test_a_retry_removes_what_a_killed_recovery_left(worked_case, case_path, tmp_path, actor):
    db.close_case()
    # What a recovery killed by process 999999999 (none has that id) left behind.
    left = [tmp_path / f".r.casefile.partial-999999999-0123abcd{s}" for s in ("", "-wal")]
    for path in left:
        path.write_bytes(b"half a case")
    report = recovery.recover_case(case_path, tmp_path / "r.casefile", actor=actor)
    assert report.complete and not any(path.exists() for path in left)
