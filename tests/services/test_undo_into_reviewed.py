"""An undo that puts a span back into an incident submitted or signed off since the span left
it sends the incident back to draft, as linking evidence to it does: what was reviewed did not
have the span. A span put back into the incident it left after the review keeps its state:
what was reviewed had it. The same on a case file and on a server."""

from __future__ import annotations

import pytest

from desktop.domain import db
from desktop.domain.models import Evidence, Incident
from desktop.services import evidence, incidents, review
from tests.fictional_case import DOCUMENTER, REVIEWER, build_fictional_case


@pytest.fixture(params=["file", "server"])
def training(request, tmp_path):
    """The training case (one incident, signed off), open: in a case file, then on a server."""
    where = (request.getfixturevalue("server_url") if request.param == "server"
             else tmp_path / "training.casefile")
    build_fictional_case(where, tmp_path)
    yield
    db.close_case()


def _signed_off_again(incident_id: int) -> None:
    review.submit_incident(incident_id, actor=DOCUMENTER)
    review.approve_incident(incident_id, actor=REVIEWER,
                            comment="Signed off again without the passage moved out")
    assert Incident.get_by_id(incident_id).state == "approved"


@pytest.mark.parametrize("how", ["moved out", "removed"])
def test_a_span_that_left_before_the_sign_off_reopens_the_incident_when_put_back(training, how):
    incident = Incident.get().id
    span = Evidence.select().where(Evidence.incident == incident).first().id
    incidents.update_incident(incident, actor=DOCUMENTER, title="Затримання жителів")
    assert Incident.get_by_id(incident).state == "draft"
    change = (evidence.update_evidence(span, actor=DOCUMENTER, incident=None)
              if how == "moved out" else evidence.remove_evidence(span, actor=DOCUMENTER))
    _signed_off_again(incident)
    redo = change.undo(DOCUMENTER)
    assert Evidence.get_by_id(span).incident_id == incident
    again = Incident.get_by_id(incident)
    assert (again.state, again.state_comment) == ("draft", incidents.EVIDENCE_AFTER_REVIEW)
    redo.undo(DOCUMENTER)  # the span leaves again, and the sign-off is what it was
    assert Incident.get_by_id(incident).state == "approved"
    assert not Evidence.select().where(Evidence.id == span,
                                       Evidence.incident == incident).exists()


@pytest.mark.parametrize("how", ["moved out", "removed"])
def test_a_span_that_left_after_the_sign_off_comes_back_without_reopening(training, how):
    incident = Incident.get().id
    span = Evidence.select().where(Evidence.incident == incident).first().id
    change = (evidence.update_evidence(span, actor=DOCUMENTER, incident=None)
              if how == "moved out" else evidence.remove_evidence(span, actor=DOCUMENTER))
    assert Incident.get_by_id(incident).state == "approved"
    change.undo(DOCUMENTER)
    assert Evidence.get_by_id(span).incident_id == incident
    assert Incident.get_by_id(incident).state == "approved"
