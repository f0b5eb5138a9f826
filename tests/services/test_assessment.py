"""What the evidence establishes: lines of evidence by origin, claims over their periods,
coverage, and grades that claim a corroboration nobody gives."""

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry, Evidence
from desktop.services import assessment, evidence, incidents, review, sources

pytestmark = pytest.mark.file_and_server


REVIEWER = "Mykola Reviewer"
QUOTES = {  # a passage of each seed text, to mark as a count
    "000_834f49a7d7f9d56b.txt": "79 cases of execution",
    "001_f8134103c8dcf54a.txt": "79",
    "002_07fba7e951b246fe.txt": "79 executions took place",
    "004_e29c96a0d55b127c.txt": "more than 150",
}


@pytest.fixture
def counts(worked_case, actor):
    """One count marked in each seed text for a new incident; returns (incident, marker)."""
    incident = incidents.create_incident(actor=actor, title="Executions since August 2024").id
    marked = {}

    def mark(name: str, value: str, **claim) -> int:
        source = worked_case["sources"][name]
        text = sources.source_text(source)
        start = text.index(QUOTES[name])
        marked[name] = evidence.add_evidence(source, start, start + len(QUOTES[name]),
                                             actor=actor, incident=incident, supports="victims",
                                             asserted_value=value, **claim).id
        return marked[name]

    return incident, mark, worked_case["sources"]


def victims(incident: int) -> assessment.Assessment:
    return assessment.assess_incident(incident)["victims"]


def test_the_same_originator_twice_is_one_line(counts, actor):
    incident, mark, ids = counts
    for name in ("000_834f49a7d7f9d56b.txt", "002_07fba7e951b246fe.txt"):
        sources.update_source(ids[name], actor=actor, originator="UN HRMMU")
        mark(name, "79")
    assert victims(incident).independent_lines == 1


def test_a_source_relaying_another_is_one_line_with_it(counts, actor):
    incident, mark, ids = counts
    un, relay = ids["000_834f49a7d7f9d56b.txt"], ids["002_07fba7e951b246fe.txt"]
    sources.update_source(relay, actor=actor, relays=un)
    mark("000_834f49a7d7f9d56b.txt", "79")
    mark("002_07fba7e951b246fe.txt", "79")
    assert victims(incident).independent_lines == 1


def test_two_unknown_originators_are_never_merged(counts):
    incident, mark, _ = counts
    mark("000_834f49a7d7f9d56b.txt", "79")
    mark("002_07fba7e951b246fe.txt", "79")
    assert victims(incident).independent_lines == 2


def test_a_relay_cannot_go_round_in_a_circle(worked_case, actor):
    a, b = (worked_case["sources"][n] for n in ("000_834f49a7d7f9d56b.txt",
                                                 "002_07fba7e951b246fe.txt"))
    sources.update_source(a, actor=actor, relays=b)
    with pytest.raises(ValidationError, match="circle"):
        sources.update_source(b, actor=actor, relays=a)


def test_disagreeing_values_over_the_same_period_conflict_and_never_corroborate(counts):
    incident, mark, _ = counts
    un = mark("000_834f49a7d7f9d56b.txt", "79", status="corroborated")
    mark("004_e29c96a0d55b127c.txt", "150+", originator="HUR")
    found = victims(incident)
    assert found.conflict and found.coverage == "contested"
    assert found.independent_lines == 1  # each value rests on its own line only
    assert [m.evidence_id for m in found.mismatches] == [un]


def test_values_over_different_periods_are_not_a_conflict(counts):
    incident, mark, _ = counts
    mark("000_834f49a7d7f9d56b.txt", "79", period_start="2024-08", period_end="2024-12",
         scope="since the end of August 2024")
    mark("004_e29c96a0d55b127c.txt", "150+", period_end="2025-05-24",
         scope="as of 24 May 2025")
    found = victims(incident)
    assert not found.conflict and found.coverage == "linked"
    assert [c.period for c in found.claims] == ["since the end of August 2024",
                                                "as of 24 May 2025"]


def test_a_period_must_be_a_date(counts):
    _, mark, _ = counts
    with pytest.raises(ValidationError, match="period_end"):
        mark("000_834f49a7d7f9d56b.txt", "79", period_end="end of 2024")


def test_agreeing_independent_lines_corroborate(counts):
    incident, mark, _ = counts
    first = mark("000_834f49a7d7f9d56b.txt", "79", status="corroborated",
                 originator="UN HRMMU")
    mark("001_f8134103c8dcf54a.txt", "79", originator="Ombudsman")
    found = victims(incident)
    assert found.independent_lines == 2 and not found.mismatches
    assert found.claims[0].evidence[0] == first


def test_coverage_levels(worked_case, actor):
    phenol = worked_case["incidents"]["INC-001"]
    facts = assessment.assess_incident(phenol)
    assert facts["rs_8_2_b_vi:killing"].coverage == "linked"  # verified, not yet approved
    assert facts["rs_8_2_b_vi:hors_de_combat"].coverage == "open"
    review.review_evidence(worked_case["evidence"]["killing"], "approved", actor=REVIEWER)
    assert assessment.assess_incident(phenol)["rs_8_2_b_vi:killing"].coverage == "supported"
    evidence.update_evidence(worked_case["evidence"]["killing"], actor=actor,
                             status="contested")
    assert assessment.assess_incident(phenol)["rs_8_2_b_vi:killing"].coverage == "contested"


def test_a_passage_is_one_piece_of_evidence_with_one_status(worked_case, actor):
    span = worked_case["evidence"]["killing"]
    row = Evidence.get_by_id(span)
    again = evidence.add_evidence(row.source_id, row.start, row.end, actor=actor,
                                  incident=row.incident_id, supports="rs_8_2_a_i:killing").id
    evidence.update_evidence(again, actor=actor, status="contested", credibility="4")
    assert {(e.status, e.credibility) for e in Evidence.select().where(
        Evidence.id.in_([span, again]))} == {("contested", "4")}
    found = assessment.assess_incident(row.incident_id)
    assert found["rs_8_2_b_vi:killing"].passages == 1


def test_four_eyes_a_marker_never_reviews_their_own_evidence(worked_case, actor):
    span = worked_case["evidence"]["time"]
    with pytest.raises(ValidationError, match="four eyes"):
        review.review_evidence(span, "approved", actor=actor)
    with pytest.raises(ValidationError, match="four eyes"):
        review.review_evidence(span, "returned", actor=actor, comment="no")
    assert Evidence.get_by_id(span).review_state == "pending"


def test_four_eyes_whoever_edited_a_span_does_not_approve_it(worked_case, actor):
    span = worked_case["evidence"]["time"]
    evidence.update_evidence(span, actor="Iryna Editor", note="checked the hour")
    with pytest.raises(ValidationError, match="Iryna Editor marked or edited"):
        review.review_evidence(span, "approved", actor="Iryna Editor")


def test_a_one_person_case_is_declared_and_lifts_four_eyes(worked_case, actor):
    from desktop.services import case

    case.update_case(actor=actor, one_person=True)
    review.review_evidence(worked_case["evidence"]["time"], "approved", actor=actor)
    assert Evidence.get_by_id(worked_case["evidence"]["time"]).reviewed_by == actor


def test_only_the_reviewers_of_a_case_review_once_it_names_them(worked_case, actor):
    from desktop.services import members

    members.add_member(REVIEWER, "reviewer", actor=actor)
    with pytest.raises(ValidationError, match="not a reviewer"):
        review.review_evidence(worked_case["evidence"]["time"], "approved", actor="Someone")
    review.review_evidence(worked_case["evidence"]["time"], "approved", actor=REVIEWER)


def test_whoever_marked_an_incidents_evidence_does_not_sign_it_off(worked_case, actor):
    phenol = worked_case["incidents"]["INC-001"]
    review.review_evidence(list(worked_case["evidence"].values()), "approved", actor=REVIEWER)
    review.submit_incident(phenol, actor=actor)
    with pytest.raises(ValidationError, match="four eyes"):
        review.approve_incident(phenol, actor=actor, comment="fine")


def test_a_sign_off_with_facts_not_supported_needs_a_written_reason(worked_case, actor):
    phenol = worked_case["incidents"]["INC-001"]
    review.review_evidence(list(worked_case["evidence"].values()), "approved", actor=REVIEWER)
    review.submit_incident(phenol, actor=actor)
    with pytest.raises(ValidationError, match="not supported"):
        review.approve_incident(phenol, actor=REVIEWER)
    review.approve_incident(phenol, actor=REVIEWER, comment="Signed off on one official line")
    row = incidents.incident_values(phenol)
    assert (row["state"], row["state_comment"]) == ("approved", "Signed off on one official "
                                                                 "line")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.actor, entry.after["decided_by"]) == (
        "incident.approved", REVIEWER, REVIEWER)


def test_review_decisions_taken_over_from_a_file_are_audited_as_such(worked_case, actor,
                                                                     tmp_path):
    from desktop.services.interchange import w3c

    review.review_evidence(worked_case["evidence"]["time"], "approved", actor=REVIEWER)
    out = tmp_path / "ours.jsonld"
    w3c.write_annotations(out, actor=actor)
    evidence.remove_evidence(list(worked_case["evidence"].values()), actor=actor)
    w3c.import_annotations(w3c.read_annotation_file(out), actor="Olha Importer",
                           keep_review=True, taken_from=out.name)
    taken = [e for e in AuditEntry.select().where(AuditEntry.action == "evidence.approve")
             if e.after.get("taken_from")]
    assert len(taken) == 1
    assert (taken[0].actor, taken[0].after["reviewed_by"], taken[0].after["taken_from"]) == (
        "Olha Importer", REVIEWER, "ours.jsonld")
    assert "taken over from ours.jsonld" in taken[0].summary
