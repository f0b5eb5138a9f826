"""Hand-over copies and merging a reviewer's decisions back."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.domain import db
from desktop.domain.errors import CaseOpenError
from desktop.domain.models import AuditEntry, Evidence, Incident
from desktop.services import evidence, handover, integrity, review

REVIEWER = "Mykola Reviewer"


def test_a_copy_comes_with_a_manifest_that_fingerprints_it(worked_case, tmp_path, actor):
    copy = tmp_path / "handover" / "for-review.casefile"
    copy.parent.mkdir()
    manifest = handover.save_copy(copy, actor=actor)
    written = json.loads((copy.parent / "for-review.casefile.manifest.json").read_text())
    assert written == manifest
    assert manifest["sha256"] == handover.file_sha256(copy)
    assert manifest["counts"] == {"sources": 5, "incidents": 2, "evidence": 4}
    assert manifest["made_by"] == actor
    assert sorted(p.name for p in copy.parent.iterdir()) == [
        "for-review.casefile", "for-review.casefile.manifest.json"]
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).get().action == "case.handover"


def test_a_copy_taken_while_another_connection_writes_is_consistent(worked_case, case_path,
                                                                   tmp_path, actor):
    stop = threading.Event()
    source_id = worked_case["sources"]["000_834f49a7d7f9d56b.txt"]

    def keep_writing() -> None:
        start = 0
        while not stop.is_set():
            evidence.add_evidence(source_id, start % 300, start % 300 + 5, actor="writer")
            start += 7
        db.models.database.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copies = []
        for i in range(5):
            copies.append(tmp_path / f"copy-{i}.casefile")
            handover.save_copy(copies[-1], actor=actor)
    finally:
        stop.set()
        writer.join()
    db.close_case()
    for copy in copies:
        con = sqlite3.connect(copy)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        spans = con.execute("SELECT count(*) FROM evidence").fetchone()[0]
        adds = con.execute("SELECT count(*) FROM audit_entry WHERE action = 'evidence.add'"
                           ).fetchone()[0]
        con.close()
        assert spans == adds  # every span with its audit entry: no half-written edit
        db.open_case(copy)
        assert integrity.verify_case().ok
        db.close_case()


def test_a_copy_never_overwrites(worked_case, tmp_path, actor, case_path):
    with pytest.raises(CaseOpenError, match="test.casefile: already exists"):
        handover.save_copy(case_path, actor=actor)  # the open case itself
    existing = tmp_path / "taken.casefile"
    existing.write_text("keep")
    with pytest.raises(CaseOpenError, match="already exists"):
        handover.save_copy(existing, actor=actor)
    assert existing.read_text() == "keep"


@pytest.fixture
def reviewed_copy(worked_case, tmp_path, actor, case_path) -> Path:
    """A copy handed to a reviewer, who approves two spans and returns one, then closes it."""
    incident = worked_case["incidents"]["INC-001"]
    review.submit_incident(incident, actor=actor)
    copy = tmp_path / "reviewed.casefile"
    handover.save_copy(copy, actor=actor)
    db.close_case()
    db.open_case(copy)
    spans = worked_case["evidence"]
    review.review_evidence([spans["time"], spans["killing"]], "approved", actor=REVIEWER)
    review.review_evidence(spans["place"], "returned", actor=REVIEWER,
                           comment="Quote the whole sentence")
    db.close_case()
    db.open_case(case_path)
    return copy


def test_merging_brings_the_reviewers_decisions_in(reviewed_copy, worked_case, actor):
    report = handover.merge_review(reviewed_copy, actor=actor)
    spans = worked_case["evidence"]
    assert report.conflicts == []
    assert len(report.applied) == 3
    approved = Evidence.get_by_id(spans["time"])
    assert (approved.review_state, approved.reviewed_by) == ("approved", REVIEWER)
    assert Evidence.get_by_id(spans["place"]).review_comment == "Quote the whole sentence"
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).get().action == "case.merge_review"
    assert integrity.verify_case().ok


def test_a_conflicting_edit_is_reported_not_overwritten(reviewed_copy, worked_case, actor):
    spans = worked_case["evidence"]
    evidence.update_evidence(spans["time"], actor=actor, asserted_value="about 10:00")
    review.review_evidence(spans["killing"], "returned", actor="Another Reviewer",
                           comment="Needs the video")
    report = handover.merge_review(reviewed_copy, actor=actor)
    assert len(report.conflicts) == 2
    assert any(c.startswith("E-001: Mykola Reviewer approved it, but its asserted value "
                            "changed here") for c in report.conflicts)
    assert any("Another Reviewer already returned it here" in c for c in report.conflicts)
    assert Evidence.get_by_id(spans["time"]).review_state == "pending"
    assert Evidence.get_by_id(spans["killing"]).reviewed_by == "Another Reviewer"
    assert len(report.applied) == 1  # the returned place span


def test_incident_sign_off_is_merged_when_the_original_waits_for_it(worked_case, tmp_path,
                                                                   actor, case_path):
    copy = _signed_off_copy(worked_case, tmp_path, actor, case_path)
    incident = worked_case["incidents"]["INC-001"]
    report = handover.merge_review(copy, actor=actor)
    assert "INC-001: approved in review" in report.applied
    assert Incident.get_by_id(incident).state == "approved"


def test_merging_a_file_that_is_not_a_case_is_refused(worked_case, tmp_path, actor):
    bogus = tmp_path / "notes.casefile"
    bogus.write_text("notes")
    with pytest.raises(CaseOpenError, match="notes.casefile: is not a Casefile case"):
        handover.merge_review(bogus, actor=actor)


def test_a_rewritten_trail_is_caught_by_the_manifest(worked_case, tmp_path, actor):
    from desktop.domain import ledger

    copy = tmp_path / "copy.casefile"
    manifest = handover.save_copy(copy, actor=actor)
    db.close_case()
    db.open_case(copy)
    review.review_evidence(worked_case["evidence"]["time"], "approved", actor=REVIEWER)
    assert integrity.verify_against_manifest(manifest).ok  # later entries are allowed
    db.close_case()
    # Someone edits an early entry and recomputes the whole chain: verify alone cannot tell.
    con = sqlite3.connect(copy)
    con.execute("UPDATE audit_entry SET actor = 'Someone else' WHERE id = 2")
    previous = ledger.GENESIS
    for row in con.execute("SELECT id, at, actor, action, object_type, object_id, summary, "
                           "before, after, row_digests, row_before FROM audit_entry "
                           "ORDER BY id").fetchall():
        previous = ledger.entry_digest(previous, row)
        con.execute("UPDATE audit_entry SET entry_hash = ? WHERE id = ?", (previous, row[0]))
    con.execute('UPDATE "case" SET audit_head = ?', (previous,))
    con.commit()
    con.close()
    db.open_case(copy)
    assert integrity.verify_case().ok
    problems = integrity.verify_against_manifest(manifest).problems
    assert problems and "not the one recorded in the hand-over manifest" in problems[0]
    db.close_case()


def _signed_off_copy(worked_case, tmp_path, actor, case_path) -> Path:
    incident = worked_case["incidents"]["INC-001"]
    review.submit_incident(incident, actor=actor)
    copy = tmp_path / "signed.casefile"
    handover.save_copy(copy, actor=actor)
    db.close_case()
    db.open_case(copy)
    review.review_evidence(list(worked_case["evidence"].values()), "approved", actor=REVIEWER)
    review.approve_incident(incident, actor=REVIEWER, comment="Signed off on one line")
    db.close_case()
    db.open_case(case_path)
    return copy


def test_a_sign_off_of_facts_changed_since_is_a_conflict(worked_case, tmp_path, actor,
                                                         case_path):
    from desktop.services import incidents

    copy = _signed_off_copy(worked_case, tmp_path, actor, case_path)
    incident = worked_case["incidents"]["INC-001"]
    incidents.update_incident(incident, actor=actor, victims_min=2, victims_max=2)
    report = handover.merge_review(copy, actor=actor)
    # Editing an incident under review sent it back to draft: the sign-off does not apply.
    assert any(c.startswith("INC-001: approved in the copy, but it is draft here")
               for c in report.conflicts)
    assert Incident.get_by_id(incident).state != "approved"
    assert len(report.applied) == 4  # the span decisions still came in


def test_evidence_added_since_keeps_the_incident_open_but_not_the_rest(worked_case, tmp_path,
                                                                       actor, case_path):
    copy = _signed_off_copy(worked_case, tmp_path, actor, case_path)
    incident = worked_case["incidents"]["INC-001"]
    source_id = worked_case["sources"]["003_b8c3f3517aeeccd0.txt"]
    evidence.add_evidence(source_id, 0, 10, actor=actor, incident=incident, supports="title")
    # New evidence sent the incident back to draft here: the copy's sign-off is not taken.
    assert Incident.get_by_id(incident).state == "draft"
    report = handover.merge_review(copy, actor=actor)
    assert any(c.startswith("INC-001: approved in the copy, but it is draft here")
               for c in report.conflicts)
    assert Incident.get_by_id(incident).state == "draft"
    assert len(report.applied) == 4
    assert Evidence.get_by_id(worked_case["evidence"]["time"]).review_state == "approved"


@pytest.mark.parametrize("passphrase", [None, "seven silent witnesses at dawn"],
                         ids=["plain", "encrypted"])
def test_a_copy_opened_and_closed_without_a_change_still_matches_its_manifest(
        tmp_path, actor, seed_files, passphrase):
    """A receiving office opens the copy to read it, then checks it: its bytes are still the
    ones handed over (opening it switched it to WAL and rewrote its header)."""
    if passphrase:
        pytest.importorskip("sqlcipher3")
    original, copy = tmp_path / "original.casefile", tmp_path / "copy.casefile"
    db.new_case(original, "Executions of surrendered POWs", actor=actor, passphrase=passphrase)
    from desktop.services import sources

    sources.import_files(seed_files[:2], actor=actor)
    manifest = handover.save_copy(copy, actor=actor)
    db.close_case()
    for _ in range(2):
        db.open_case(copy, passphrase=passphrase)
        db.close_case()
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "copy.casefile", "copy.casefile.manifest.json", "original.casefile"]
        db.open_case(copy, passphrase=passphrase)
        try:
            report = integrity.verify_against_manifest(manifest, copy=copy)
        finally:
            db.close_case()
        assert report.ok, report.problems
