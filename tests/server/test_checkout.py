"""Check-out for the field and check-in: a server case written into a case file, worked on
offline, and brought back, with conflicts reported and never overwritten."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from desktop import cli
from desktop.domain import db, digests, ledger
from desktop.domain.errors import CaseOpenError
from desktop.services import (
    case,
    checkout,
    evidence,
    incidents,
    members,
    protection,
    review,
    search,
    sources,
)
from tests.conftest import ROOT, SEEDS
from tests.server.conftest import as_role, verified

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def check_out(url: str, dest, role: str = "alice", **options) -> checkout.CheckedOut:
    db.open_case(as_role(url, role))
    try:
        return checkout.check_out(dest, **options)
    finally:
        db.close_case()


def check_in(url: str, copy, role: str, **options) -> checkout.CheckinReport:
    db.open_case(as_role(url, role))
    try:
        return checkout.check_in(copy, **options)
    finally:
        db.close_case()


def test_a_check_out_is_a_case_file_that_verifies_and_holds_the_rows(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    assert made.manifest_path.name == "field.casefile.manifest.json"
    assert made.counts == {"sources": 2, "incidents": 1, "evidence": 1}
    report = verified(made.path)
    assert report.ok, report.problems
    db.open_read_only(made.path)
    try:
        assert [r.code for r in incidents.incident_rows()] == ["INC-001"]
        assert sources.original_bytes(1) == SEED_FILES[0].read_bytes()
        word = SEED_FILES[0].read_text(encoding="utf-8").split()[3].strip(".,:;«»\"")
        assert 1 in [hit.source_id for hit in search.search(word)]
        names = {m.name for m in members.members()}
    finally:
        db.close_case()
    assert names == {"alice", "bob", "carol"}
    with psycopg.connect(team_case) as con:
        action, actor, after = con.execute(
            "SELECT action, actor, after FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    assert (action, actor) == ("case.checkout", "alice")
    assert '"file": "field.casefile"' in after and made.checkout in after
    assert made.sha256 in after


def work_offline(copy, *, title: str = "Executions near Pokrovsk, August 2024") -> None:
    """In the field: alice imports a third seed, makes an incident with a span of it and
    edits INC-001's title; bob approves E-001."""
    db.open_case(copy)
    try:
        new_source = sources.import_files([SEED_FILES[2]], actor="alice").source_ids[0]
        new_incident = incidents.create_incident(actor="alice", title="Shooting at Robotyne")
        evidence.add_evidence(new_source, 0, 30, actor="alice", incident=new_incident.id)
        incidents.update_incident(1, actor="alice", title=title)
        protection.add_protected("Олександр Петренко", "witness", actor="alice")
        review.review_evidence(1, "approved", actor="bob")
    finally:
        db.close_case()


def server_moves_on(url: str) -> None:
    """Meanwhile on the server: carol imports another seed, makes INC-002 and marks E-002."""
    db.open_case(as_role(url, "carol"))
    try:
        source_id = sources.import_files([SEED_FILES[3]], actor="carol").source_ids[0]
        incident = incidents.create_incident(actor="carol", title="Another incident")
        evidence.add_evidence(source_id, 0, 10, actor="carol", incident=incident.id)
    finally:
        db.close_case()


def test_offline_work_is_brought_in_with_server_numbers(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    work_offline(made.path)
    server_moves_on(team_case)
    report = check_in(team_case, made.path, "bob")
    assert report.conflicts == []
    assert report.numbers == ["S-004 (offline S-003)", "INC-003 (offline INC-002)",
                              "E-003 (offline E-002)", "W-001 (offline W-001)"]
    assert report.edits == ["INC-001: title"]
    assert report.decisions == ["E-001: approved by bob"]
    assert report.actors == ["alice", "bob"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT title FROM incident WHERE id = 1").fetchone() == (
            "Executions near Pokrovsk, August 2024",)
        assert con.execute("SELECT source_id, incident_id, created_by FROM evidence "
                           "WHERE id = 3").fetchone() == (4, 3, "bob")
        assert con.execute("SELECT code, title FROM incident WHERE id = 3").fetchone() == (
            "INC-003", "Shooting at Robotyne")
        assert con.execute("SELECT review_state, reviewed_by FROM evidence WHERE id = 1"
                           ).fetchone() == ("approved", "bob")
        (data,) = con.execute("SELECT data FROM source_original WHERE source_id = 4"
                              ).fetchone()
        assert bytes(data) == SEED_FILES[2].read_bytes()
        action, actor, after = con.execute(
            "SELECT action, actor, after::json FROM audit_entry ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert (action, actor) == ("case.checkin", "bob")
    assert after["checkout"] == made.checkout and after["actors"] == ["alice", "bob"]
    assert after["numbers"] == {"source:3": 4, "incident:2": 3, "evidence:2": 3,
                                "protected_person:1": 1}
    for location in (team_case, made.path):
        report = verified(location)
        assert report.ok, (location, report.problems)


def test_a_field_changed_on_both_sides_is_a_conflict_and_neither_is_overwritten(team_case,
                                                                               tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    work_offline(made.path, title="Offline title")
    db.open_case(as_role(team_case, "carol"))
    incidents.update_incident(1, actor="carol", title="Server title")
    db.close_case()
    report = check_in(team_case, made.path, "bob")
    assert report.conflicts == ["INC-001: title changed on both sides: in the copy “Offline "
                                "title”, on the server “Server title”; the server's is kept"]
    assert report.edits == []
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT title FROM incident WHERE id = 1").fetchone() == (
            "Server title",)
    with sqlite3.connect(made.path) as con:
        assert con.execute("SELECT title FROM incident WHERE id = 1").fetchone() == (
            "Offline title",)
    assert verified(team_case).ok


def test_a_decision_on_a_span_changed_on_the_server_is_a_conflict(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(made.path)
    review.review_evidence(1, "approved", actor="bob")
    db.close_case()
    db.open_case(as_role(team_case, "alice"))
    evidence.update_evidence(1, actor="alice", note="seen again")
    db.close_case()
    report = check_in(team_case, made.path, "bob")
    assert report.decisions == []
    assert report.conflicts == ["E-001: decided in the copy, but its note changed on the "
                                "server since; review it again"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT review_state FROM evidence WHERE id = 1").fetchone() == (
            "pending",)


def test_an_offline_edit_of_a_span_approved_on_the_server_since_sends_it_back_to_review(
        team_case, tmp_path):
    """An approval covers the span as it was approved, as when the edit is made on the
    server: the note comes in, the approval does not stay on what carol never saw."""
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(as_role(team_case, "carol"))
    review.review_evidence(1, "approved", actor="carol")
    db.close_case()
    db.open_case(made.path)
    evidence.update_evidence(1, actor="alice", note="seen in the original")
    db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.conflicts == [] and report.edits == ["E-001: note"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT note, review_state, reviewed_by FROM evidence WHERE id = 1"
                           ).fetchone() == ("seen in the original", "pending", "")
    assert verified(team_case).ok


def test_an_offline_edit_of_an_incident_submitted_on_the_server_since_sends_it_back(
        team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(as_role(team_case, "alice"))
    review.submit_incident(1, actor="alice")
    db.close_case()
    work_offline(made.path)
    report = check_in(team_case, made.path, "alice")
    assert report.edits == ["INC-001: title"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT title, state, state_comment FROM incident WHERE id = 1"
                           ).fetchone() == ("Executions near Pokrovsk, August 2024", "draft",
                                            incidents.EDITED_AFTER_REVIEW)
    assert verified(team_case).ok


def test_a_span_moved_offline_into_an_incident_submitted_since_sends_it_back(team_case,
                                                                           tmp_path):
    db.open_case(as_role(team_case, "alice"))
    other = incidents.create_incident(actor="alice", title="Shooting at Robotyne").id
    db.close_case()
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(as_role(team_case, "alice"))
    review.submit_incident(other, actor="alice")
    db.close_case()
    db.open_case(made.path)
    evidence.update_evidence(1, actor="alice", incident=other)
    db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.edits == ["E-001: incident_id"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT incident_id FROM evidence WHERE id = 1").fetchone() == (
            other,)
        assert con.execute("SELECT state, state_comment FROM incident WHERE id = %s",
                           (other,)).fetchone() == ("draft", incidents.EVIDENCE_AFTER_REVIEW)
    assert verified(team_case).ok


def test_a_documenter_checking_in_brings_the_rest_and_reports_the_refused_decision(
        team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    work_offline(made.path)
    report = check_in(team_case, made.path, "alice")
    assert report.edits == ["INC-001: title"] and len(report.numbers) == 4
    assert report.conflicts == ["E-001: approved by bob in the copy, but not brought in: "
                                "alice is not a reviewer of this case: only its reviewers "
                                "approve, return and sign off"]
    assert verified(team_case).ok


def test_a_copy_is_checked_in_once(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    work_offline(made.path)
    check_in(team_case, made.path, "bob")
    with pytest.raises(CaseOpenError, match="was already checked in to .*; nothing was done"):
        check_in(team_case, made.path, "bob")
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT count(*) FROM audit_entry WHERE action = 'case.checkin'"
                           ).fetchone() == (1,)


def test_a_tampered_copy_is_refused_and_nothing_is_written(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    with sqlite3.connect(made.path) as con:
        con.execute("UPDATE incident SET title = 'Rewritten' WHERE id = 1")
    with psycopg.connect(team_case) as con:
        (before,) = con.execute("SELECT count(*) FROM audit_entry").fetchone()
    with pytest.raises(CaseOpenError, match="does not match its check-out manifest"):
        check_in(team_case, made.path, "bob")
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT count(*) FROM audit_entry").fetchone() == (before,)


def test_a_copy_without_its_manifest_is_refused_naming_the_manifest(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    made.manifest_path.unlink()
    with pytest.raises(CaseOpenError, match=r"^field\.casefile\.manifest\.json: cannot be read"):
        check_in(team_case, made.path, "bob")
    with pytest.raises(CaseOpenError, match=r"^elsewhere\.casefile: "):
        check_in(team_case, tmp_path / "elsewhere.casefile", "bob")


def test_a_row_changed_behind_the_app_after_an_edit_of_it_is_refused(team_case, tmp_path):
    """An entry naming E-001 (its note edited in Casefile) lets the manifest pass the row;
    what was changed after it with SQLite is not what that entry recorded."""
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(made.path)
    evidence.update_evidence(1, actor="alice", note="Seen in the original")
    db.close_case()
    with sqlite3.connect(made.path) as con:
        con.execute("UPDATE evidence SET status = 'verified', quote = 'Words nobody wrote' "
                    "WHERE id = 1")
    with psycopg.connect(team_case) as con:
        (before,) = con.execute("SELECT count(*) FROM audit_entry").fetchone()
    with pytest.raises(CaseOpenError, match=r"E-001 was changed in the copy outside Casefile "
                                            r"\(its trail does not record it as it is\); "
                                            r"nothing was done"):
        check_in(team_case, made.path, "bob")
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT count(*) FROM audit_entry").fetchone() == (before,)
        assert con.execute("SELECT status, note FROM evidence WHERE id = 1").fetchone() == (
            "unverified", "")


def forge_offline_span(copy, quote: str) -> None:
    """What someone with SQLite could do to a copy: a span added with a chained entry of its
    own (recording the row's digest, as Casefile's would), whose quote is not the source's
    text at its place."""
    with sqlite3.connect(copy) as con:
        con.execute("INSERT INTO evidence (id, source_id, start, end, quote, prefix, suffix, "
                    "supports, asserted_value, status, credibility, note, created_at, "
                    "created_by, review_state, review_comment, reviewed_at, reviewed_by) "
                    "VALUES (9, 1, 0, 5, ?, '', '', '', '', 'unverified', '6', '', '', "
                    "'alice', 'pending', '', '', '')", (quote,))
        last, previous = con.execute("SELECT id, entry_hash FROM audit_entry ORDER BY id DESC "
                                     "LIMIT 1").fetchone()
        recorded = json.dumps({"evidence:9": digests.file_rows(con.execute)["evidence:9"]})
        row = (last + 1, "2025-01-01T00:00:00Z", "alice", "evidence.add", "evidence", 9, "",
               None, None, recorded)
        entry = ledger.entry_digest(previous, row)
        con.execute("INSERT INTO audit_entry (id, at, actor, action, object_type, object_id, "
                    "summary, before, after, row_digests, entry_hash) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row, entry))
        con.execute('UPDATE "case" SET audit_head = ?, audit_count = ?', (entry, last + 1))


def forge_approval(copy, span: int, reviewer: str) -> None:
    """What someone with SQLite could do to a copy: a span approved in `reviewer`'s name,
    with a chained entry recording the row's digest, as Casefile's would."""
    with sqlite3.connect(copy) as con:
        con.execute("UPDATE evidence SET review_state = 'approved', reviewed_by = ?, "
                    "reviewed_at = '2025-01-01T00:00:00Z' WHERE id = ?", (reviewer, span))
        last, previous = con.execute("SELECT id, entry_hash FROM audit_entry ORDER BY id DESC "
                                     "LIMIT 1").fetchone()
        row_key = f"evidence:{span}"
        recorded = json.dumps({row_key: digests.file_rows(con.execute)[row_key]})
        row = (last + 1, "2025-01-01T00:00:00Z", reviewer, "evidence.approve", "evidence", span,
               "", None, None, recorded)
        entry = ledger.entry_digest(previous, row)
        con.execute("INSERT INTO audit_entry (id, at, actor, action, object_type, object_id, "
                    "summary, before, after, row_digests, entry_hash) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row, entry))
        con.execute('UPDATE "case" SET audit_head = ?, audit_count = ?', (entry, last + 1))


def test_a_decision_in_the_copy_by_whoever_marked_the_span_is_not_brought_in(team_case,
                                                                              tmp_path):
    """Four eyes hold for a decision taken over from a copy as for a sign-off: checked
    against the reviewer who decided it there, not only against who checks it in."""
    db.open_case(as_role(team_case, "carol"))
    evidence.add_evidence(1, 30, 50, actor="carol")
    db.close_case()
    made = check_out(team_case, tmp_path / "field.casefile")
    forge_approval(made.path, 1, "alice")
    forge_approval(made.path, 2, "carol")
    report = check_in(team_case, made.path, "bob")
    assert report.decisions == []
    assert report.conflicts == [
        "E-001: approved by alice in the copy, but not brought in: alice is not a reviewer "
        "of this case: only its reviewers approve, return and sign off",
        "E-002: approved by carol in the copy, but not brought in: carol marked or edited "
        "E-002: another reviewer must approve or return it (four eyes)"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT review_state FROM evidence ORDER BY id").fetchall() == [
            ("pending",), ("pending",)]

def test_a_span_whose_quote_is_not_its_sources_text_is_not_brought_in(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    forge_offline_span(made.path, "Words nobody wrote")
    report = check_in(team_case, made.path, "alice")
    assert report.numbers == []
    assert report.conflicts == ["E-009 (offline): its quote is not the text of S-001 at its "
                                "place (changed outside Casefile); not brought in"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT count(*) FROM evidence").fetchone() == (1,)


def test_a_copy_of_another_case_is_refused(team_case, pg_cluster, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    other = pg_cluster.create_database("case_checkout_other")
    try:
        db.new_case(other, "Another case")
        db.close_case()
        with pytest.raises(CaseOpenError, match="was not checked out from"):
            db.open_case(other)
            try:
                checkout.check_in(made.path)
            finally:
                db.close_case()
    finally:
        pg_cluster.drop_database("case_checkout_other")


def test_an_encrypted_check_out_opens_with_its_passphrase_and_checks_in(team_case, tmp_path):
    pytest.importorskip("sqlcipher3")
    made = check_out(team_case, tmp_path / "field.casefile", passphrase="field secret")
    assert db.is_encrypted_file(made.path)
    assert verified(made.path, "field secret").ok
    db.open_case(made.path, "field secret")
    incidents.update_incident(1, actor="alice", narrative="Seen from the road.")
    db.close_case()
    report = check_in(team_case, made.path, "alice", passphrase="field secret")
    assert report.edits == ["INC-001: narrative"] and report.conflicts == []


def test_a_cancelled_check_out_writes_nothing(team_case, tmp_path):
    with psycopg.connect(team_case) as con:
        (entries,) = con.execute("SELECT count(*) FROM audit_entry").fetchone()
    with pytest.raises(checkout.CheckoutCancelled):
        check_out(team_case, tmp_path / "field.casefile", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT count(*) FROM audit_entry").fetchone() == (entries,)


def test_a_span_removed_in_the_copy_stays_on_the_server_as_a_conflict(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(made.path)
    evidence.remove_evidence(1, actor="alice")
    db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.conflicts == ["E-001: removed in the copy; kept on the server (remove it "
                                "there if that was meant)"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT count(*) FROM evidence").fetchone() == (1,)


def test_a_span_removed_on_both_sides_is_no_conflict(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    for location in (made.path, as_role(team_case, "alice")):
        db.open_case(location)
        evidence.remove_evidence(1, actor="alice")
        db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.conflicts == []
    assert verified(team_case).ok


def test_an_incident_removed_in_the_copy_keeps_its_evidence_on_the_server(team_case, tmp_path):
    """The removal is not brought in, nor the unlinking of its evidence that came with it."""
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(made.path)
    incidents.delete_incident(1, actor="alice")
    db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.conflicts == ["INC-001: removed in the copy; kept on the server (remove it "
                                "there if that was meant)"]
    assert report.edits == []
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT incident_id FROM evidence WHERE id = 1").fetchone() == (1,)


def test_an_incident_edited_in_the_copy_and_deleted_on_the_server_is_a_conflict(team_case,
                                                                               tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(made.path)
    incidents.update_incident(1, actor="alice", title="Edited in the field")
    db.close_case()
    db.open_case(as_role(team_case, "alice"))
    incidents.delete_incident(1, actor="alice")
    db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.conflicts == ["INC-001: changed in the copy (title), but removed from the "
                                "server since; not brought back"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT count(*) FROM incident").fetchone() == (0,)
    assert verified(team_case).ok


def test_evidence_marked_offline_on_an_incident_submitted_since_sends_it_back_to_draft(
        team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(made.path)
    evidence.add_evidence(2, 0, 25, actor="alice", incident=1)
    db.close_case()
    db.open_case(as_role(team_case, "alice"))
    review.submit_incident(1, actor="alice")
    db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.numbers == ["E-002 (offline E-002)"] and report.conflicts == []
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT state FROM incident WHERE id = 1").fetchone() == ("draft",)
    assert verified(team_case).ok


def test_a_sign_off_in_the_copy_is_brought_in_for_a_reviewer(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(made.path)
    review.submit_incident(1, actor="alice")
    review.review_evidence(1, "approved", actor="bob")
    review.approve_incident(1, actor="bob", comment="All that can be proved here is.")
    db.close_case()
    report = check_in(team_case, made.path, "bob")
    assert report.conflicts == []
    assert report.decisions == ["E-001: approved by bob", "INC-001: approved by bob"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT state, decided_by FROM incident WHERE id = 1").fetchone() == (
            "approved", "bob")
    assert verified(team_case).ok


ANOTHER_WRITER = """
import sys
from desktop.domain import db
from desktop.services import incidents
db.open_case(sys.argv[1])
incidents.update_incident(1, actor="carol", title="Changed while the copy was written")
db.close_case()
"""


def test_an_edit_committed_while_the_copy_is_written_counts_as_the_servers(team_case, tmp_path,
                                                                          monkeypatch):
    write_file = checkout._write_file

    def meanwhile(*args, **kwargs):
        recorded = write_file(*args, **kwargs)
        subprocess.run([sys.executable, "-c", ANOTHER_WRITER, as_role(team_case, "carol")],
                       cwd=ROOT, check=True)
        return recorded

    monkeypatch.setattr(checkout, "_write_file", meanwhile)
    made = check_out(team_case, tmp_path / "field.casefile")
    with sqlite3.connect(made.path) as con:  # the copy is the case before that edit
        assert con.execute("SELECT title FROM incident").fetchone() == (
            "Executions near Pokrovsk",)
    assert verified(team_case).ok
    db.open_case(made.path)
    incidents.update_incident(1, actor="alice", title="Edited in the field")
    db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.conflicts == ["INC-001: title changed on both sides: in the copy “Edited in "
                                "the field”, on the server “Changed while the copy was "
                                "written”; the server's is kept"]


def test_what_the_server_refuses_the_role_is_reported_and_the_rest_comes_in(team_case,
                                                                          tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(made.path)
    case.update_case(actor="alice", title="Renamed in the field")
    incidents.update_incident(1, actor="alice", narrative="Seen from the road.")
    db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.edits == ["INC-001: narrative"]
    assert report.conflicts == ["the case: title edited in the copy, but the server refused "
                                "it: permission denied for table case"]
    with psycopg.connect(team_case) as con:
        assert con.execute('SELECT title FROM "case"').fetchone() == ("POW executions",)
    assert verified(team_case).ok


def test_offline_sources_relaying_each_other_keep_their_relay(team_case, tmp_path):
    made = check_out(team_case, tmp_path / "field.casefile")
    db.open_case(made.path)
    first, second = sources.import_files(SEED_FILES[2:4], actor="alice").source_ids
    sources.update_source(first, actor="alice", relays=second)
    db.close_case()
    db.open_case(as_role(team_case, "carol"))  # the server's S-003 is another source now
    sources.import_files([SEED_FILES[4]], actor="carol")
    db.close_case()
    report = check_in(team_case, made.path, "alice")
    assert report.numbers == ["S-004 (offline S-003)", "S-005 (offline S-004)"]
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT relays_id FROM source WHERE id = 4").fetchone() == (5,)
    assert verified(team_case).ok


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_cli_checks_out_and_in_and_says_what_came_back(team_case, tmp_path, capsys):
    copy = tmp_path / "field.casefile"
    alice = as_role(team_case, "alice")
    status, out, err = run(capsys, "checkout", alice, str(copy))
    assert status == 0, err
    first, wrote = out.splitlines()
    assert first.startswith("Checked out postgresql://alice@127.0.0.1:")
    assert first.endswith(": 2 sources, 1 incident, 1 evidence span")
    assert wrote.startswith(f"Wrote {copy.name} and {copy.name}.manifest.json (SHA-256 ")
    status, out, _ = run(capsys, "verify", str(copy), "--manifest",
                         f"{copy}.manifest.json")
    assert status == 0 and out.startswith("Integrity verified")
    assert out.splitlines()[-1] == f"It matches its hand-over manifest {copy.name}.manifest.json."
    work_offline(copy)
    status, out, err = run(capsys, "checkin", str(copy), as_role(team_case, "bob"))
    assert status == 0, err
    lines = out.splitlines()
    assert "New: S-003 (offline S-003)" in lines and "New: E-002 (offline E-002)" in lines
    assert "Edited: INC-001: title" in lines and "Decided: E-001: approved by bob" in lines
    assert lines[-1] == ("Brought in 4 new records, 1 edit and 1 decision; 0 conflicts left "
                         "for a person to decide.")
    status, _, err = run(capsys, "checkin", str(copy), as_role(team_case, "bob"))
    assert status == 1 and "already checked in" in err and len(err.splitlines()) == 1


def test_the_cli_exits_3_when_conflicts_are_left(team_case, tmp_path, capsys):
    copy = tmp_path / "field.casefile"
    assert run(capsys, "checkout", as_role(team_case, "alice"), str(copy))[0] == 0
    work_offline(copy, title="Offline title")
    db.open_case(as_role(team_case, "carol"))
    incidents.update_incident(1, actor="carol", title="Server title")
    db.close_case()
    status, out, _ = run(capsys, "checkin", str(copy), as_role(team_case, "bob"))
    assert status == cli.CONFLICTS_LEFT == 3
    assert ("Conflict: INC-001: title changed on both sides: in the copy “Offline title”, on "
            "the server “Server title”; the server's is kept") in out.splitlines()


def test_the_cli_refuses_to_check_in_a_copy_open_in_a_window(team_case, tmp_path, capsys):
    """What the window would do to the copy after a check-in from a terminal would never come
    back: the command line leaves the copy to the window that has it open."""
    import subprocess
    import sys

    from tests.cli.test_cli_concurrency import WINDOW

    copy = tmp_path / "field.casefile"
    assert run(capsys, "checkout", as_role(team_case, "alice"), str(copy))[0] == 0
    work_offline(copy)
    window = subprocess.Popen([sys.executable, "-c", WINDOW, str(copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert window.stdout.readline().strip() == "open"
        status, out, err = run(capsys, "checkin", str(copy), as_role(team_case, "bob"))
    finally:
        window.stdin.close()
        window.wait(timeout=30)
    assert status == 1 and out == ""
    assert err.startswith(f"casefile: {copy.name}: is open in a Casefile window (process ")
    assert len(err.splitlines()) == 1
    status, _, err = run(capsys, "checkin", str(copy), as_role(team_case, "bob"))
    assert status == 0, err  # nothing was taken in while the window had it


def test_a_copy_checked_in_without_offline_work_says_so(team_case, tmp_path, capsys):
    copy = tmp_path / "field.casefile"
    assert run(capsys, "checkout", as_role(team_case, "alice"), str(copy))[0] == 0
    status, out, err = run(capsys, "checkin", str(copy), as_role(team_case, "bob"))
    assert status == 0, err
    first = out.splitlines()[0]
    assert first.startswith(f"Checked in {copy.name} to postgresql://bob@")
    assert first.endswith(", no offline work in it)")
    assert out.splitlines()[-1] == ("Brought in 0 new records, 0 edits and 0 decisions; "
                                    "0 conflicts left for a person to decide.")


def test_a_copy_opened_in_casefile_without_offline_work_still_checks_in(team_case, tmp_path,
                                                                        capsys):
    copy = tmp_path / "field.casefile"
    assert run(capsys, "checkout", as_role(team_case, "alice"), str(copy))[0] == 0
    assert not Path(f"{copy}-wal").exists()
    handed = hashlib.sha256(copy.read_bytes()).hexdigest()
    db.open_case(copy)  # as the window does, to read it and close it again
    db.close_case()
    assert run(capsys, "import", str(copy), str(SEED_FILES[0]))[0] == 0  # a duplicate only
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == handed
    status, out, err = run(capsys, "checkin", str(copy), as_role(team_case, "bob"))
    assert status == 0, err
    assert out.splitlines()[0].endswith(", no offline work in it)")
