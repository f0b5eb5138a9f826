"""Evidence linked to an incident submitted or signed off sends it back to draft: the server
holds the rule the services keep (incidents.reopened_by_edit, evidence.add_evidence), also
for a member who links evidence with psql or a plain psycopg connection."""

from __future__ import annotations

import subprocess

import psycopg
import pytest

from desktop.domain import server_roles
from desktop.services import evidence, incidents, integrity, review
from tests.server.conftest import as_role, working_as
from tests.server.test_roles import insert_span_like_e001


@pytest.fixture
def signed_off(team_case):
    """The team's case with INC-001 signed off by bob (E-001, alice's, approved by carol),
    and E-002 marked by alice in no incident."""
    with working_as(team_case, "alice"):
        evidence.add_evidence(1, 30, 60, actor="alice")
    _sign_off(team_case)
    return team_case


def _sign_off(team_case) -> None:
    """E-001 approved by carol, INC-001 submitted by alice and signed off by bob."""
    with working_as(team_case, "carol"):
        review.review_evidence(1, "approved", actor="carol")
    with working_as(team_case, "alice"):
        review.submit_incident(1, actor="alice")
    with working_as(team_case, "bob"):
        review.approve_incident(1, actor="bob", comment="What can be proved here is.")


def state_of(url: str, incident: int = 1) -> str:
    with psycopg.connect(url) as con:
        return con.execute("SELECT state FROM incident WHERE id = %s", (incident,)).fetchone()[0]


def incident_of(url: str, span: int) -> int | None:
    with psycopg.connect(url) as con:
        return con.execute("SELECT incident_id FROM evidence WHERE id = %s",
                           (span,)).fetchone()[0]


def test_the_services_and_the_server_name_the_same_reviewed_states():
    assert server_roles.REVIEWED_STATES == incidents.REVIEWED_STATES


def test_psql_cannot_link_evidence_to_a_signed_off_incident(signed_off):
    command = ["psql", "-X", "-v", "ON_ERROR_STOP=1", as_role(signed_off, "alice"), "-c",
               "UPDATE evidence SET incident_id = 1 WHERE id = 2"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode != 0
    assert ("E-002 was linked to INC-001, which is approved: an incident submitted or signed "
            "off goes back to draft when evidence is linked to it") in done.stderr
    assert incident_of(signed_off, 2) is None and state_of(signed_off) == "approved"


def test_a_span_inserted_into_a_submitted_incident_is_refused_as_it_commits(signed_off):
    with psycopg.connect(signed_off) as con:
        con.execute("UPDATE incident SET state = 'in_review' WHERE id = 1")
    with psycopg.connect(as_role(signed_off, "alice")) as con:
        insert_span_like_e001(con, start=40, created_by="alice", review_state="pending",
                              reviewed_by="")  # accepted as the statement runs: deferred
        with pytest.raises(psycopg.errors.CheckViolation, match="which is in review"):
            con.commit()
    with psycopg.connect(signed_off) as con:
        assert con.execute("SELECT count(*) FROM evidence WHERE start = 40").fetchone() == (0,)


def test_touching_the_incident_in_the_same_transaction_does_not_let_it_through(signed_off):
    with psycopg.connect(as_role(signed_off, "alice")) as con:
        con.execute("UPDATE evidence SET incident_id = 1 WHERE id = 2")
        con.execute("UPDATE incident SET title = title || '' WHERE id = 1")
        with pytest.raises(psycopg.errors.CheckViolation, match="E-002 was linked to INC-001"):
            con.commit()
    assert incident_of(signed_off, 2) is None


def test_linking_and_sending_back_to_draft_in_one_transaction_is_accepted(signed_off):
    with psycopg.connect(as_role(signed_off, "alice")) as con:
        con.execute("UPDATE evidence SET incident_id = 1 WHERE id = 2")
        con.execute("UPDATE incident SET state = 'draft' WHERE id = 1")
    assert incident_of(signed_off, 2) == 1 and state_of(signed_off) == "draft"


def test_a_span_moved_on_before_the_commit_is_not_held_against_the_incident(signed_off):
    with psycopg.connect(as_role(signed_off, "alice")) as con:
        con.execute("UPDATE evidence SET incident_id = 1 WHERE id = 2")
        con.execute("UPDATE evidence SET incident_id = NULL WHERE id = 2")
    assert incident_of(signed_off, 2) is None and state_of(signed_off) == "approved"


def test_marking_into_a_signed_off_incident_through_casefile_sends_it_back_and_verifies(
        signed_off):
    with working_as(signed_off, "alice"):
        mark = evidence.add_evidence(1, 70, 90, actor="alice", incident=1)
        report = integrity.verify_case()
    assert report.ok, report.problems
    assert state_of(signed_off) == "draft" and incident_of(signed_off, mark.id) == 1


@pytest.fixture
def submitted(team_case):
    """The team's case with INC-001 submitted by alice, holding E-001 and E-002 (pending)."""
    with working_as(team_case, "alice"):
        evidence.add_evidence(1, 30, 60, actor="alice", incident=1)
        review.submit_incident(1, actor="alice")
    return team_case


def test_undoing_the_removal_of_a_span_of_a_submitted_incident_puts_it_back(submitted):
    with working_as(submitted, "alice"):
        evidence.remove_evidence(2, actor="alice").undo("alice")
    assert incident_of(submitted, 2) == 1 and state_of(submitted) == "in_review"


def test_a_move_out_of_a_submitted_incident_is_undone_and_redone(submitted):
    with working_as(submitted, "alice"):
        incidents.create_incident(actor="alice", title="Another incident")
        redo = evidence.update_evidence(2, actor="alice", incident=2).undo("alice")
        assert incident_of(submitted, 2) == 1 and state_of(submitted) == "in_review"
        redo.undo("alice")
    assert incident_of(submitted, 2) == 2 and state_of(submitted) == "in_review"


def test_psql_cannot_move_a_span_back_into_a_submitted_incident_it_was_never_in(submitted):
    with working_as(submitted, "alice"):
        incidents.create_incident(actor="alice", title="Another incident")
        evidence.add_evidence(1, 70, 90, actor="alice", incident=2)
    with psycopg.connect(as_role(submitted, "alice")) as con, \
            pytest.raises(psycopg.errors.CheckViolation, match="E-003 was linked to INC-001"):
        con.execute("UPDATE evidence SET incident_id = 1 WHERE id = 3")
        con.commit()


def test_psql_cannot_bring_back_a_span_that_left_the_incident_before_it_was_signed_off(
        team_case):
    with working_as(team_case, "alice"):
        evidence.add_evidence(1, 30, 60, actor="alice", incident=1)
        incidents.create_incident(actor="alice", title="Another incident")
        evidence.update_evidence(2, actor="alice", incident=2)  # moved out of the draft
    _sign_off(team_case)
    with psycopg.connect(as_role(team_case, "alice")) as con, \
            pytest.raises(psycopg.errors.CheckViolation, match="E-002 was linked to INC-001"):
        con.execute("UPDATE evidence SET incident_id = 1 WHERE id = 2")  # what bob never saw
        con.commit()
    assert incident_of(team_case, 2) == 2 and state_of(team_case) == "approved"


def test_a_signed_off_incident_deleted_comes_back_with_its_evidence(signed_off):
    with working_as(signed_off, "bob"):
        incidents.delete_incident(1, actor="bob").undo("bob")
    assert incident_of(signed_off, 1) == 1 and state_of(signed_off) == "approved"


@pytest.mark.file_and_server
def test_evidence_imported_into_a_submitted_incident_sends_it_back_to_draft(case, seed_files):
    from desktop.services import sources

    source_id = sources.import_files(seed_files[:1], actor="alice").source_ids[0]
    incident = incidents.create_incident(actor="alice", title="Executions near Pokrovsk").id
    evidence.add_evidence(source_id, 0, 20, actor="alice", incident=incident)
    review.submit_incident(incident, actor="alice")
    imported = evidence.ImportedSpan(source_id, 30, 60, incident, {}, {}, "exact", {})
    evidence.import_evidence([imported], actor="alice")
    row = incidents.incident_values(incident)
    assert row["state"] == "draft" and "Evidence was linked" in row["state_comment"]


def test_what_a_transaction_noted_is_cleared_by_the_next_and_restored_rows_too(signed_off):
    with psycopg.connect(signed_off) as con:  # a row as a restore from another server leaves
        con.execute("INSERT INTO casefile_state_set VALUES ('123456789'::xid8, 1)")
    with psycopg.connect(as_role(signed_off, "alice")) as con:
        con.execute("UPDATE incident SET state = 'in_review' WHERE id = 1")
        (mine,) = con.execute("SELECT pg_current_xact_id()::text").fetchone()
    with psycopg.connect(signed_off) as con:
        assert con.execute("SELECT xact::text, incident FROM casefile_state_set").fetchall() == [
            (mine, 1)]
