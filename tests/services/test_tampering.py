"""Every change made behind Casefile's back, with plain sqlite3, is found by verify and named.

Each case below is one change an outside SQLite tool can make to a case file: to the trail, to a
row the trail accounts for, to a source's bytes, text or search index. Verify must name the
item changed, in plain words, with the entry that last recorded it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop.domain import db, ledger
from desktop.services import evidence, integrity
from tests.services.conftest import REVIEWER
from tests.services.test_integrity import verify


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _run(path: Path, *statements: str | tuple[str, tuple]) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        sql, params = statement if isinstance(statement, tuple) else (statement, ())
        con.execute(sql, params)
    con.commit()
    con.close()


def _copy_row(path: Path, table: str, row_id: int, changes: str, params: tuple = ()) -> None:
    """Insert a copy of a row with some columns changed (`changes` as in an UPDATE's SET)."""
    con = sqlite3.connect(path)
    con.execute(f'CREATE TEMP TABLE copied AS SELECT * FROM "{table}" WHERE id = ?', (row_id,))
    if table == "source":  # its SHA-256 is unique: the copy gets its own
        con.execute("UPDATE copied SET sha256 = 'copy'")
    con.execute(f"UPDATE copied SET {changes}", params)
    con.execute(f'INSERT INTO "{table}" SELECT * FROM copied')
    con.commit()
    con.close()


def _problems(path: Path) -> list[str]:
    report = verify(path)
    assert not report.ok
    return report.problems


def _found(problems: list[str], *fragments: str) -> str:
    """The one problem that holds every fragment."""
    matching = [p for p in problems if all(f in p for f in fragments)]
    assert matching, problems
    assert all("\n" not in p for p in problems)
    return matching[0]


def test_the_pristine_case_verifies(copy):
    path, _, _ = copy
    report = verify(path)
    assert report.ok, report.problems
    assert report.rows > 10


#: One change each, made with plain sqlite3, and what verify must say of it. Span labels of the
#: worked case → E-numbers: time E-001, place E-002, killing E-003, un_count E-004; sources
#: S-001…S-005; incidents INC-001 and INC-002; the protected witness W-001; "{today}" is the
#: day the case was built.
TAMPERS = [
    pytest.param(
        ['UPDATE evidence SET start = start + 7, "end" = "end" + 7 WHERE id = 1'],
        ["E-001's start offset and end offset differ from what the trail recorded on {today} "
         "by Olena Documenter (entry #", "they were changed outside Casefile."],
        id="evidence offsets shifted"),
    pytest.param(
        ["UPDATE evidence SET quote = 'they were all released unharmed' WHERE id = 3"],
        [f"E-003's quote differs from what the trail recorded on {{today}} by {REVIEWER}",
         "it was changed outside Casefile."],
        id="evidence quote rewritten"),
    pytest.param(
        ["UPDATE evidence SET review_state = 'approved', reviewed_by = 'Chief Prosecutor' "
         "WHERE id = 1"],
        ["E-001's review decision and reviewer differ"], id="review decision forged"),
    pytest.param(
        ["UPDATE evidence SET reviewed_by = 'Chief Prosecutor' WHERE id = 3"],
        ["E-003's reviewer differs from what the trail recorded on", f"by {REVIEWER}"],
        id="reviewer of a decision changed"),
    pytest.param(
        ["UPDATE incident SET victims_min = 12, victims_max = 12, place = 'Elsewhere' "
         "WHERE code = 'INC-001'"],
        ["INC-001's place, lowest victim count and highest victim count differ"],
        id="incident facts changed"),
    pytest.param(
        ["UPDATE incident SET state = 'approved', decided_by = 'Chief Prosecutor' "
         "WHERE code = 'INC-002'"],
        ["INC-002's review state and sign-off's reviewer differ"], id="incident approved"),
    pytest.param(
        ["UPDATE evidence SET incident_id = 2 WHERE id = 2"], ["E-002's incident differs"],
        id="evidence moved to another incident"),
    pytest.param(
        ["DELETE FROM evidence WHERE id = 2"],
        ["E-002 is missing: the trail recorded it on {today} by Olena Documenter (entry #",
         "so it was deleted outside Casefile."], id="evidence row deleted"),
    pytest.param(
        ["UPDATE source SET title = 'A forged title', publisher = 'Nobody', reliability = 'A' "
         "WHERE id = 5"],
        ["S-005's title, publisher and reliability differ"], id="source metadata changed"),
    pytest.param(
        ["UPDATE source SET collected_by = 'Someone else', "
         "collected_at = '2020-01-01T00:00:00Z' WHERE id = 2"],
        ["S-002's collection time and collector differ"], id="custody record changed"),
    pytest.param(
        ["UPDATE \"case\" SET classification = 'public'"],
        ["The case's classification differs from what the trail recorded"],
        id="case classification changed"),
    pytest.param(
        ["UPDATE \"case\" SET title = 'Another case'"], ["The case's title differs"],
        id="case title changed"),
    pytest.param(
        ["DELETE FROM protected_person"], ["W-001 is missing: the trail recorded it on"],
        id="protected person deleted"),
    pytest.param(
        ["UPDATE protected_person SET names = 'Somebody Else'"],
        ["W-001's list of names differs"], id="protected person's names changed"),
    pytest.param(
        ["UPDATE member SET role = 'documenter'"], [f"Member {REVIEWER}'s role differs"],
        id="member's role changed"),
    pytest.param(
        ["INSERT INTO source_index (source_index, rowid, text) "
         "SELECT 'delete', id, text FROM source WHERE id = 3"],
        ["S-003's entry in the search index differs", "casefile reindex"],
        id="source taken out of the search index"),
    pytest.param(
        ["INSERT INTO source_index (rowid, text) VALUES (99, 'a fabricated confession')"],
        ["The search index holds a document (#99) that is not a source"],
        id="document added to the search index"),
    pytest.param(
        ["DROP TABLE source_index"], ["The search index is missing from the case"],
        id="search index dropped"),
    pytest.param(
        ["DELETE FROM source_index_data"],
        ["The search index is damaged or was changed outside Casefile: its word counts"],
        id="search index emptied"),
    pytest.param(
        ["INSERT INTO source_index (source_index, rowid, text) "
         "SELECT 'delete', id, text FROM source WHERE id = 4",
         "DELETE FROM evidence WHERE source_id = 4",
         "DELETE FROM source_original WHERE source_id = 4", "DELETE FROM source WHERE id = 4"],
        ["S-004 is missing: the trail recorded it on"], id="source deleted with its evidence"),
    pytest.param(
        ["INSERT INTO source_original (source_id, data) VALUES (77, x'00')"],
        ["original bytes for S-077, which is not a source of the case"],
        id="original bytes for no source"),
    pytest.param(
        ["UPDATE audit_entry SET summary = 'nothing happened' WHERE id = 5"],
        ["Audit entry #5 (", "changed outside Casefile"], id="audit entry edited"),
    pytest.param(
        ["DELETE FROM audit_entry WHERE id = 6"], ["Audit entry #6 is missing"],
        id="audit entry removed"),
    pytest.param(
        ["DELETE FROM audit_entry WHERE id > (SELECT max(id) - 3 FROM audit_entry)"],
        ["the newest 3 were removed outside Casefile"], id="newest audit entries removed"),
    pytest.param(
        ["UPDATE source SET text = replace(text, 'the', 'a') WHERE id = 1"],
        ["Source S-001 “", "extracted text was changed after import"],
        id="working text changed"),
    pytest.param(
        ["DELETE FROM source_original WHERE source_id = 5"],
        ["Source S-005 “", "original bytes are missing"], id="original bytes deleted"),
]


@pytest.mark.parametrize(("statements", "fragments"), TAMPERS)
def test_a_change_made_with_sqlite3_is_found_and_named(copy, statements, fragments):
    path, _, today = copy
    _run(path, *statements)
    _found(_problems(path), *(f.replace("{today}", today) for f in fragments))


def test_a_source_deleted_with_its_evidence_names_each_span(copy):
    path, _, _ = copy
    _run(path, "DELETE FROM evidence WHERE source_id = 4", "DELETE FROM source WHERE id = 4")
    problems = _problems(path)
    for span in ("E-001", "E-002", "E-003"):
        _found(problems, f"{span} is missing")


def test_a_fabricated_evidence_row(copy):
    path, _, _ = copy
    _copy_row(path, "evidence", 4, "id = 5, incident_id = 1, status = 'verified'")
    _found(_problems(path), "E-005 is not in the audit trail: no entry records it, so it was "
                            "added outside Casefile.")


def test_a_source_text_changed_with_its_fingerprint_recomputed(copy):
    path, _, _ = copy
    con = sqlite3.connect(path)
    text = con.execute("SELECT text FROM source WHERE id = 4").fetchone()[0]
    forged = text.replace("shot", "helped")
    con.execute("UPDATE source SET text = ?, text_sha256 = ? WHERE id = 4",
                (forged, _sha(forged.encode("utf-8"))))
    con.commit()
    con.close()
    _found(_problems(path), "S-004's text fingerprint differs from what the trail recorded")


def test_a_fabricated_source_with_matching_hashes(copy):
    path, _, _ = copy
    text = "Prisoners of war were released unharmed, the report says."
    data = text.encode("utf-8")
    new_id = 6
    _copy_row(path, "source", 1, "id = ?, title = 'Release report', text = ?, sha256 = ?, "
                                 "text_sha256 = ?, size = ?",
              (new_id, text, _sha(data), _sha(data), len(data)))
    con = sqlite3.connect(path)
    con.execute("INSERT INTO source_original (source_id, data) VALUES (?, ?)", (new_id, data))
    con.execute("INSERT INTO source_index (rowid, text) VALUES (?, ?)", (new_id, text))
    con.commit()
    con.close()
    _found(_problems(path), f"S-{new_id:03d} is not in the audit trail")


def test_a_removed_row_put_back(copy):
    path, worked, _ = copy
    db.open_case(path)
    removed = evidence.remove_evidence(worked["evidence"]["un_count"], actor="Olena Documenter")
    db.close_case()
    assert removed
    _copy_row(path, "evidence", 1, "id = 4, quote = 'anything'")
    _found(_problems(path), "E-004 was removed on", "is in the case again")


def test_row_digests_rewritten_to_match_a_forged_quote(copy):
    # The forger updates the row and the digest the trail holds for it: the chain breaks.
    path, _, _ = copy
    _run(path, "UPDATE evidence SET quote = 'released unharmed' WHERE id = 3")
    db.open_case(path)
    from desktop.domain import digests

    forged = digests.digests_of("evidence", 'WHERE "id" = 3')["evidence:3"]
    db.close_case()
    con = sqlite3.connect(path)
    entry_id = con.execute("SELECT max(e.id) FROM audit_entry AS e, json_each(e.row_digests) "
                           "AS j WHERE j.key = 'evidence:3'").fetchone()[0]
    con.execute("UPDATE audit_entry SET row_digests = json_set(row_digests, '$.\"evidence:3\"',"
                " ?) WHERE id = ?", (forged, entry_id))
    con.commit()
    con.close()
    _found(_problems(path), f"Audit entry #{entry_id} (", "does not match its fingerprint")


def test_an_entry_appended_to_account_for_a_forged_row(copy):
    # A forger who appends an entry recording the forged row must chain it; the case row's
    # head and count then disagree unless moved too, and a moved head is caught by a manifest.
    path, _, _ = copy
    _run(path, "UPDATE evidence SET quote = 'released unharmed' WHERE id = 3")
    con = sqlite3.connect(path)
    last_id, previous = con.execute("SELECT id, entry_hash FROM audit_entry ORDER BY id DESC "
                                    "LIMIT 1").fetchone()
    row = (last_id + 1, "2025-01-01T00:00:00Z", "Forger", "evidence.update", "evidence", 3,
           "", None, None, '{"evidence:3":"00"}')
    con.execute("INSERT INTO audit_entry (id, at, actor, action, object_type, object_id, "
                "summary, before, after, row_digests, entry_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*row, ledger.entry_digest(previous, row)))
    con.commit()
    con.close()
    problems = _problems(path)
    _found(problems, f"#{last_id + 1}–#{last_id + 1} were added outside Casefile")
    _found(problems, "E-003", "differs from what the trail recorded on 2025-01-01 by Forger")


def test_changed_original_bytes(copy):
    path, _, _ = copy
    _run(path, ("UPDATE source_original SET data = ? WHERE source_id = 2", (b"forged",)))
    _found(_problems(path), "Source S-002 “", "original bytes do not match the SHA-256")


def test_an_edit_through_casefile_is_accounted_for(copy):
    path, worked, _ = copy
    db.open_case(path)
    evidence.update_evidence(worked["evidence"]["time"], actor="Olena Documenter",
                             note="checked against the map")
    report = integrity.verify_case()
    db.close_case()
    assert report.ok, report.problems


def test_a_changed_search_index_is_rebuilt_and_the_rebuild_recorded(copy):
    from desktop.services import search

    path, _, _ = copy
    _run(path, "INSERT INTO source_index (source_index, rowid, text) "
               "SELECT 'delete', id, text FROM source WHERE id = 3",
         "INSERT INTO source_index (rowid, text) VALUES (3, 'nothing to see here')")
    db.open_case(path)
    assert not search.index_matches_text()
    assert [hit.source_id for hit in search.search("nothing to see")] == [3]
    assert "S-003's entry in the search index differs" in integrity.verify_case().summary()
    result = search.rebuild_index(actor="Olena Documenter")
    assert not result.matched and result.sources == 5
    assert "did not match their text" in result.summary()
    assert search.index_matches_text() and not search.search('"nothing to see"')
    report = integrity.verify_case()
    again = search.rebuild_index(actor="Olena Documenter")
    entry = integrity.database.execute_sql(
        "SELECT action, summary FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    db.close_case()
    assert report.ok, report.problems
    assert again.matched
    assert entry == ("search.reindex", "Rebuilt the search index of 5 sources: the old index "
                                       "matched their text")


@pytest.fixture
def with_ukrainian(copy, tmp_path) -> Path:
    """The copy with a Ukrainian statement imported through Casefile (S-006)."""
    from desktop.services import sources

    path, _, _ = copy
    statement = tmp_path / "pgo.txt"
    statement.write_text("Полонені були розстріляні біля Курська.", encoding="utf-8")
    db.open_case(path)
    sources.import_files([statement], actor="Olena Documenter")
    db.close_case()
    return path


def test_changed_dictionary_forms_are_found_by_reindex_and_made_anew(with_ukrainian):
    from desktop.services import search

    path = with_ukrainian
    assert verify(path).ok
    _run(path, "DELETE FROM search_lemma WHERE form = 'полонені'",
         "INSERT INTO search_lemma (lemma, form) VALUES ('полонений', 'курська')")
    # Verify fingerprints the text the table is made from; reindex checks the table itself.
    db.open_case(path)
    assert [hit.source_id for hit in search.search("полонених")] == [6]  # a wrong form's hit
    assert not search.rebuild_index(actor="Olena Documenter").matched
    assert [hit.snippet[s:e] for hit in search.search("полонених")
            for s, e in hit.highlights] == ["Полонені"]
    report = integrity.verify_case()
    db.close_case()
    assert report.ok, report.problems


def test_removed_dictionary_forms_are_told_and_rebuilt(with_ukrainian):
    from desktop.domain.errors import SearchQueryError
    from desktop.services import search

    path = with_ukrainian
    _run(path, "DROP TABLE search_lemma")
    _found(_problems(path), "dictionary forms are missing from the case", "casefile reindex")
    db.open_case(path)
    with pytest.raises(SearchQueryError, match="casefile reindex"):
        search.search("Курськ")
    assert not search.rebuild_index(actor="Olena Documenter").matched
    assert [hit.source_id for hit in search.search("Курськ")] == [6]
    report = integrity.verify_case()
    db.close_case()
    assert report.ok, report.problems


def test_an_upgraded_case_accounts_for_its_rows_from_the_upgrade_on(tmp_path):
    from desktop.domain import migrations
    from tests.conftest import FIXTURES

    path = tmp_path / "old.casefile"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    con.close()
    report = verify(path)  # upgraded when opened: the upgrade records every row
    assert report.ok, report.problems
    con = sqlite3.connect(path)
    actor, summary = con.execute("SELECT actor, summary FROM audit_entry WHERE action = "
                                 "'case.upgrade'").fetchone()
    con.close()
    assert actor == migrations.UPGRADE_ACTOR
    assert "changes made before the upgrade cannot be told apart" in summary
    _run(path, "UPDATE evidence SET quote = 'released unharmed'")
    _found(_problems(path), "E-001's quote differs from what the trail recorded on",
           f"by {migrations.UPGRADE_ACTOR}")


def test_a_recovered_case_accounts_for_every_row_it_kept(copy, tmp_path):
    from desktop.services import recovery

    path, _, _ = copy
    report = recovery.recover_case(path, tmp_path / "recovered.casefile", actor=REVIEWER)
    assert report.verify_problems == []
    assert "1 member" in report.summary()
    _run(tmp_path / "recovered.casefile", "UPDATE member SET role = 'documenter'")
    _found(_problems(tmp_path / "recovered.casefile"), f"Member {REVIEWER}'s role differs")


def test_a_row_a_recovery_could_not_keep_is_named_as_lost_then(copy, tmp_path):
    from desktop.services import recovery

    path, _, _ = copy
    _run(path, "DELETE FROM evidence WHERE id = 2")  # as if its page could not be read
    report = recovery.recover_case(path, tmp_path / "recovered.casefile", actor=REVIEWER)
    _found(report.verify_problems, "E-002 was lost when the case was recovered from a damaged "
                                   "file (entry #", "the trail last recorded it on")


@pytest.mark.parametrize("statement", [
    "DROP TABLE source_index", "DROP TABLE source_index_config", "DELETE FROM source_index_data",
    "UPDATE source_index_data SET block = zeroblob(length(block)) WHERE id > 10"])
def test_a_damaged_or_removed_search_index_is_made_anew(copy, statement):
    from desktop.domain.errors import SearchQueryError
    from desktop.services import search

    path, _, _ = copy
    _run(path, statement)
    db.open_case(path)
    try:
        try:
            found = search.search("Phenol")
        except SearchQueryError as exc:  # the index cannot be read at all
            assert "rebuild it with “casefile reindex”" in str(exc)
            found = []
        assert not [hit for hit in found if hit.source_id == 4]
        assert not search.rebuild_index(actor="Olena Documenter").matched
        assert [hit.source_id for hit in search.search("Phenol")] == [4]
        report = integrity.verify_case()
    finally:
        db.close_case()
    assert report.ok, report.problems
