"""Review: decisions carry the reviewer and time; incidents are signed off only when reviewed."""

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry, Evidence, Incident
from desktop.services import review
from desktop.services.changes import Kind

pytestmark = pytest.mark.file_and_server


REVIEWER = "Mykola Reviewer"


def test_approving_records_the_reviewer_and_time(worked_case):
    span = worked_case["evidence"]["time"]
    review.review_evidence(span, "approved", actor=REVIEWER)
    stored = Evidence.get_by_id(span)
    assert (stored.review_state, stored.reviewed_by) == ("approved", REVIEWER)
    assert stored.reviewed_at.endswith("Z")
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).get().action == "evidence.approve"


def test_a_return_needs_a_comment_and_can_be_resubmitted(worked_case, actor):
    span = worked_case["evidence"]["place"]
    with pytest.raises(ValidationError, match="say why"):
        review.review_evidence(span, "returned", actor=REVIEWER)
    review.review_evidence(span, "returned", actor=REVIEWER,
                           comment="The quote gives the village, not the plant")
    assert Evidence.get_by_id(span).review_comment.startswith("The quote gives")
    assert review.resubmit_evidence(span, actor=actor).ids(Kind.EVIDENCE) == {span}
    assert Evidence.get_by_id(span).review_state == "pending"


def test_an_incident_is_approved_only_when_its_evidence_is(worked_case, actor):
    incident = worked_case["incidents"]["INC-001"]
    review.submit_incident(incident, actor=actor)
    with pytest.raises(ValidationError, match="3 evidence span"):
        review.approve_incident(incident, actor=REVIEWER)
    review.review_evidence(list(worked_case["evidence"].values()), "approved", actor=REVIEWER)
    review.approve_incident(incident, actor=REVIEWER,
                            comment="Signed off on the Prosecutor General's statement")
    assert Incident.get_by_id(incident).state == "approved"


def test_a_returned_incident_goes_back_to_its_documenter(worked_case, actor):
    incident = worked_case["incidents"]["INC-002"]
    review.submit_incident(incident, actor=actor)
    review.return_incident(incident, "Add the Ombudsman's count", actor=REVIEWER)
    returned = Incident.get_by_id(incident)
    assert (returned.state, returned.state_comment) == ("returned",
                                                        "Add the Ombudsman's count")
    review.submit_incident(incident, actor=actor)
    assert Incident.get_by_id(incident).state == "in_review"


def test_a_draft_cannot_be_approved(worked_case):
    with pytest.raises(ValidationError, match="is draft"):
        review.approve_incident(worked_case["incidents"]["INC-002"], actor=REVIEWER)
    assert Incident.get_by_id(worked_case["incidents"]["INC-002"]).state == "draft"


def test_editing_an_approved_span_sends_it_back_to_review(worked_case, actor):
    from desktop.services import evidence

    span = worked_case["evidence"]["time"]
    review.review_evidence(span, "approved", actor=REVIEWER)
    evidence.update_evidence(span, actor=actor, asserted_value="11:00")
    stored = Evidence.get_by_id(span)
    assert (stored.review_state, stored.reviewed_by) == ("pending", "")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.before["review_state"] == "approved" and entry.after["review_state"] == "pending"


def test_a_returned_span_keeps_its_comment_when_edited(worked_case, actor):
    from desktop.services import evidence

    span = worked_case["evidence"]["time"]
    review.review_evidence(span, "returned", actor=REVIEWER, comment="Quote the whole sentence")
    evidence.update_evidence(span, actor=actor, note="Widened")
    assert Evidence.get_by_id(span).review_comment == "Quote the whole sentence"


def test_editing_a_signed_off_incident_sends_it_back_to_draft(worked_case, actor):
    from desktop.services import incidents

    incident = worked_case["incidents"]["INC-002"]
    review.submit_incident(incident, actor=actor)
    incidents.update_incident(incident, actor=actor, victims_min=79, victims_max=177)
    stored = Incident.get_by_id(incident)
    assert stored.state == "draft" and "submit it again" in stored.state_comment
