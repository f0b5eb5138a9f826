"""Case files: created as one SQLite file, refused with a clear reason when they are not cases."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from desktop.domain import db, migrations, models
from desktop.domain.errors import CaseOpenError
from desktop.services import search
from tests.conftest import FIXTURES


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_case_is_one_sqlite_file_that_says_it_is_a_case(case, case_path):
    assert case.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert case.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert models.Case.get().reference == "UA-POW-2024-001"
    db.close_case()
    assert sorted(p.name for p in case_path.parent.iterdir()) == [case_path.name]
    con = sqlite3.connect(case_path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    con.close()


def test_creating_a_case_is_audited(case, actor):
    entry = models.AuditEntry.get()
    assert (entry.action, entry.actor) == ("case.create", actor)
    assert entry.after["title"] == "Executions of surrendered POWs"


def test_new_case_refuses_to_overwrite_a_file(tmp_path):
    existing = tmp_path / "existing.casefile"
    existing.write_bytes(b"precious")
    with pytest.raises(CaseOpenError, match="existing.casefile: already exists"):
        db.new_case(existing, "x")
    assert existing.read_bytes() == b"precious"


def test_a_closed_case_reopens_with_its_content(case, case_path):
    db.close_case()
    db.open_case(case_path)
    assert models.Case.get().title == "Executions of surrendered POWs"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"Incident notes, typed in a text editor\n" * 20, "not those of a case file"),
        (b"SQLite format 3\x00" + b"\x00" * 84, "damaged"),
    ],
)
def test_a_file_that_is_not_a_case_is_refused_untouched(tmp_path, content, reason):
    path = tmp_path / "notes.casefile"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(CaseOpenError, match=f"notes.casefile: .*{reason}"):
        db.open_case(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.casefile"]


def test_a_truncated_case_is_refused_untouched(case, case_path):
    db.close_case()
    data = case_path.read_bytes()
    case_path.write_bytes(data[: len(data) // 2])
    before = digest(case_path)
    with pytest.raises(CaseOpenError, match="damaged|not a complete case|not a Casefile"):
        db.open_case(case_path)
    assert digest(case_path) == before


def test_another_sqlite_database_is_not_a_case(tmp_path):
    path = tmp_path / "browser-history.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE visits (url TEXT)")
    con.commit()
    con.close()
    with pytest.raises(CaseOpenError, match="a database of another program, not a Casefile"):
        db.open_case(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CaseOpenError, match="gone.casefile: does not exist"):
        db.open_case(tmp_path / "gone.casefile")


def test_a_case_from_a_newer_casefile_is_refused(case, case_path):
    case.pragma("user_version", db.SCHEMA_VERSION + 1)
    db.close_case()
    with pytest.raises(CaseOpenError, match="newer Casefile"):
        db.open_case(case_path)


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_case_is_refused(case, case_path, monkeypatch, locked):
    # Simulated: the tests run as root in CI, and root may write to any file.
    db.close_case()
    target = case_path if locked == "file" else case_path.parent
    real_access = os.access
    monkeypatch.setattr(os, "access",
                        lambda p, mode: False if Path(p) == target else real_access(p, mode))
    with pytest.raises(CaseOpenError, match="test.casefile: is read-only"):
        db.open_case(case_path)


def v1_case(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    con.close()
    return path


def test_a_version_1_case_is_migrated_forward_and_keeps_its_data(tmp_path):
    path = v1_case(tmp_path / "old.casefile")
    db.open_case(path)
    assert db.models.database.obj.pragma("user_version") == migrations.LATEST
    incident = models.Incident.get(models.Incident.code == "INC-001")
    assert incident.report_date == ""
    assert incident.qualifications == ["rs_8_2_b_vi"]
    evidence = models.Evidence.get()
    assert evidence.quote == "executed nine Ukrainian prisoners of war"
    assert evidence.incident_id == incident.id  # rebuilding tables must not unlink anything
    assert models.SourceOriginal.select().count() == 1
    # the trail keeps its entry, and the upgrade to row digests adds its own, naming every row
    # (the steps after 14 add entries of their own after these)
    first, upgrade, forms, pages, filled, collected = list(
        models.AuditEntry.select().order_by(models.AuditEntry.id))[:6]
    assert upgrade.action == "case.upgrade" and upgrade.actor == migrations.UPGRADE_ACTOR
    assert "file format 10" in upgrade.summary
    assert {"case:1", "source:1", "incident:1", "evidence:1"} <= set(
        json.loads(upgrade.row_digests))
    assert forms.action == "case.upgrade" and "file format 11" in forms.summary
    assert pages.action == "case.upgrade" and "file format 12" in pages.summary
    assert set(json.loads(pages.row_digests)) == {"source:1"}
    assert (models.Source.get().pages, models.Source.get().extraction) == ([], {})
    assert filled.action == "case.upgrade" and "file format 13" in filled.summary
    assert set(json.loads(filled.row_digests)) == {"incident:1"}
    assert incident.filled_from == {}
    assert collected.action == "case.upgrade" and "file format 14" in collected.summary
    assert set(json.loads(collected.row_digests)) == {"source:1"}
    assert models.Source.get().collection == {}
    # the new full-text index was filled from the sources already in the case
    assert [h.source_id for h in search.search("Shlyakh")] == [1]
    assert models.Source.get().confidential is False
    assert models.ProtectedPerson.select().count() == 0
    db.close_case()


def test_migration_steps_are_recorded_by_version(tmp_path):
    path = v1_case(tmp_path / "old.casefile")
    database = db._connect(path)
    assert migrations.upgrade(database, 1)[:13] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
                                                     14]
    assert migrations.upgrade(database, migrations.LATEST) == []
    db.close_case()


def test_a_version_7_case_gains_consent_and_risk_for_its_protected_people(tmp_path):
    path = tmp_path / "seven.casefile"
    db.new_case(path, "Seven", actor="Olena")
    models.ProtectedPerson.create(pseudonym="W-001", role="witness", names="Остап Вербицький")
    db.close_case()
    with sqlite3.connect(path) as raw:  # the table as format 7 had it
        for column in ("consent", "risk_note", "statements"):
            raw.execute(f'ALTER TABLE "protected_person" DROP COLUMN "{column}"')
        raw.execute("PRAGMA user_version = 7")
    raw.close()
    db.open_case(path)
    person = models.ProtectedPerson.get()
    assert (person.pseudonym, person.consent, person.risk_note, person.statements) == (
        "W-001", "not_asked", "", [])
    db.close_case()


def test_a_version_10_case_gains_the_dictionary_forms_of_its_words_in_an_audited_step(
        tmp_path, actor):
    from desktop.services import integrity, sources

    path, text = tmp_path / "ten.casefile", tmp_path / "pgo.txt"
    text.write_text("Полонені були розстріляні біля Курська.", encoding="utf-8")
    db.new_case(path, "Ten", actor=actor)
    sources.import_files([text], actor=actor)
    db.close_case()
    with sqlite3.connect(path) as raw:  # the case as format 10 had it
        raw.execute('DROP TABLE "search_lemma"')
        raw.execute("PRAGMA user_version = 10")
    raw.close()
    db.open_case(path)
    assert [h.source_id for h in search.search("полонених")] == [1]
    upgrade = models.AuditEntry.get(models.AuditEntry.summary.contains("file format 11"))
    assert (upgrade.action, upgrade.actor) == ("case.upgrade", migrations.UPGRADE_ACTOR)
    assert "file format 11" in upgrade.summary and upgrade.after["words"] == 5
    assert integrity.verify_case().ok
    db.close_case()


def test_a_version_11_case_gains_pages_and_extraction_and_still_verifies(tmp_path, actor):
    from desktop.services import integrity, sources

    path, text = tmp_path / "eleven.casefile", tmp_path / "note.txt"
    text.write_text("Shelling of the school was reported at dawn.", encoding="utf-8")
    db.new_case(path, "Eleven", actor=actor)
    sources.import_files([text], actor=actor)
    db.close_case()
    with sqlite3.connect(path) as raw:  # the source table as format 11 had it
        for column in ("pages", "extraction"):
            raw.execute(f'ALTER TABLE "source" DROP COLUMN "{column}"')
        raw.execute("PRAGMA user_version = 11")
    raw.close()
    db.open_case(path)
    source = models.Source.get()
    assert (source.pages, source.extraction) == ([], {})
    upgrade = models.AuditEntry.get(models.AuditEntry.summary.contains("file format 12"))
    assert (upgrade.action, upgrade.actor) == ("case.upgrade", migrations.UPGRADE_ACTOR)
    assert "file format 12" in upgrade.summary and upgrade.after["sources"] == 1
    assert integrity.verify_case().ok
    db.close_case()


def test_a_version_12_case_gains_where_filled_values_came_from_and_still_verifies(
        tmp_path, actor):
    from desktop.services import incidents, integrity

    path = tmp_path / "twelve.casefile"
    db.new_case(path, "Twelve", actor=actor)
    incidents.create_incident(actor=actor, title="Nine POWs", place="Zelenyy Shlyakh")
    db.close_case()
    with sqlite3.connect(path) as raw:  # the incident table as format 12 had it
        raw.execute('ALTER TABLE "incident" DROP COLUMN "filled_from"')
        raw.execute("PRAGMA user_version = 12")
    raw.close()
    db.open_case(path)
    assert models.Incident.get().filled_from == {}
    upgrade = models.AuditEntry.get(models.AuditEntry.summary.contains("file format 13"))
    assert (upgrade.action, upgrade.actor) == ("case.upgrade", migrations.UPGRADE_ACTOR)
    assert "file format 13" in upgrade.summary and upgrade.after["incidents"] == 1
    assert integrity.verify_case().ok
    db.close_case()


def test_a_damaged_case_is_refused_untouched_and_recovery_is_suggested(case, case_path,
                                                                       seed_files, actor):
    from desktop.services import sources

    sources.import_files(seed_files, actor=actor)
    db.close_case()
    data = bytearray(case_path.read_bytes())
    page = 4096
    for offset in range(3 * page + 8, 3 * page + 200):  # a b-tree page's cells, not its header
        data[offset] = 0xFF
    case_path.write_bytes(bytes(data))
    before = digest(case_path)
    with pytest.raises(CaseOpenError, match="is damaged .*Recover"):
        db.open_case(case_path)
    assert digest(case_path) == before


def test_a_row_is_stored_with_its_defaults_and_its_json_as_any_json_tool_writes_it(case):
    with models.database.atomic():
        first = models.insert_row(models.Incident, {"code": "INC-001", "title": "Shelling"})
        second = models.insert_row(models.Incident, {"code": "INC-002",
                                                     "qualifications": ["wilful-killing"],
                                                     "filled_from": {"place": 3}})
    stored = {row[0]: row[1:] for row in models.database.execute_sql(
        "SELECT id, title, victim_status, qualifications, filled_from FROM incident")}
    assert stored[first] == ("Shelling", "unknown", "[]", "{}")
    assert stored[second][2:] == ('["wilful-killing"]', '{"place": 3}')


def test_a_hot_read_is_written_once_per_shape_and_checks_its_parameters(case, monkeypatch):
    """A query's SQL is kept by its shape: later reads of that shape run it with their own
    parameters, and a shape given its parameters in another order is refused."""
    with models.database.atomic():
        first = models.insert_row(models.Incident, {"code": "INC-001", "title": "Shelling"})
        second = models.insert_row(models.Incident, {"code": "INC-002", "title": "Detention"})
    built = []

    def titles(*ids):
        def query():
            built.append(ids)
            return (models.Incident.select(models.Incident.id, models.Incident.title)
                    .where(models.Incident.id.in_(list(ids)) & (models.Incident.code != "x"))
                    .order_by(models.Incident.id))
        return models.shaped_rows(("test titles", len(ids)), query, [*ids, "x"])

    assert titles(first) == [(first, "Shelling")]
    assert titles(second) == [(second, "Detention")]
    assert titles(first, second) == [(first, "Shelling"), (second, "Detention")]
    assert built == [(first,), (first, second)]  # one per shape: 1 id, then 2
    with pytest.raises(ValueError, match="takes"):
        models.shaped_rows("test order", lambda: models.Incident.select().where(
            (models.Incident.id == first) & (models.Incident.code == "INC-001")),
            ["INC-001", first])
