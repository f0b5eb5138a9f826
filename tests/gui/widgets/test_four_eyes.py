"""Four eyes in the window: the documenter who marked a span cannot approve it, nor sign off
the incident; a one-person case is declared, and then they can."""

from __future__ import annotations

from desktop.domain.models import Evidence, Incident
from desktop.services import case as case_service
from desktop.services import review as review_service
from tests.conftest import ACTOR
from tests.gui.widgets.test_main_window import messages  # noqa: F401  (fixture)
from tests.gui.widgets.test_review_mode import window_as, worked_file  # noqa: F401


def test_the_marker_of_a_span_is_refused_its_approval_in_the_window(qtbot, tmp_path,
                                                                   worked_file,  # noqa: F811
                                                                   messages):  # noqa: F811
    path, worked = worked_file
    span = worked["evidence"]["time"]
    documenter = window_as(qtbot, tmp_path, ACTOR)
    assert documenter.cases.open_case(path)
    documenter.window.actions.review_mode.setChecked(True)
    documenter.window.evidence_panel.select_evidence(span)
    documenter.window.actions.approve_evidence.trigger()
    assert Evidence.get_by_id(span).review_state == "pending"
    assert "four eyes" in messages.texts()
    documenter.cases.close_case()


def test_a_one_person_case_lets_its_documenter_review(qtbot, tmp_path, worked_file,  # noqa: F811
                                                      messages):  # noqa: F811
    path, worked = worked_file
    documenter = window_as(qtbot, tmp_path, ACTOR)
    assert documenter.cases.open_case(path)
    case_service.update_case(actor=ACTOR, one_person=True)
    span = worked["evidence"]["time"]
    documenter.window.actions.review_mode.setChecked(True)
    documenter.window.evidence_panel.select_evidence(span)
    documenter.window.actions.approve_evidence.trigger()
    assert Evidence.get_by_id(span).review_state == "approved"
    review_service.submit_incident(worked["incidents"]["INC-002"], actor=ACTOR)
    assert Incident.get_by_id(worked["incidents"]["INC-002"]).state == "in_review"
    documenter.cases.close_case()
