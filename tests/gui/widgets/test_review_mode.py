"""Review in the real window: a documenter submits, a reviewer walks the pending evidence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog

from desktop.domain import db
from desktop.domain.models import Evidence, Incident
from desktop.gui.app import CasefileApp
from desktop.gui.settings import Settings
from tests.conftest import ACTOR
from tests.gui.widgets.test_main_window import messages  # noqa: F401  (fixture)
from tests.worked_case import build_worked_case

REVIEWER = "Mykola Reviewer"


@pytest.fixture
def worked_file(tmp_path, seed_files):
    """The worked seed case as a closed file, as a documenter hands it to a reviewer."""
    path = tmp_path / "review.casefile"
    db.new_case(path, "Review", actor=ACTOR)
    worked = build_worked_case(seed_files, ACTOR)
    db.close_case()
    return path, worked


def window_as(qtbot, tmp_path, user: str) -> CasefileApp:
    settings = Settings(QSettings(str(tmp_path / f"{user}.ini"), QSettings.Format.IniFormat))
    settings.user_name = user
    app = CasefileApp(settings)
    qtbot.addWidget(app.window)
    app.window.show()
    return app


def test_review_from_submission_to_sign_off(qtbot, tmp_path, worked_file, messages,  # noqa: F811
                                            monkeypatch):
    path, worked = worked_file
    incident = worked["incidents"]["INC-001"]
    spans = [worked["evidence"][k] for k in ("time", "place", "killing")]

    documenter = window_as(qtbot, tmp_path, ACTOR)
    assert documenter.cases.open_case(path)
    documenter.editing.select_incident(incident)
    documenter.window.actions.submit_incident.trigger()
    assert Incident.get_by_id(incident).state == "in_review"
    documenter.cases.close_case()

    reviewer = window_as(qtbot, tmp_path, REVIEWER)
    assert reviewer.cases.open_case(path)
    reviewer.editing.select_incident(incident)
    reviewer.window.actions.review_mode.trigger()
    panel = reviewer.window.review_panel
    assert reviewer.window.review_dock.isVisible()
    assert panel.position.text() == "Pending 1 of 4"
    first = panel.current()
    assert first in spans
    assert reviewer.window.source_view.selected_span_ids() == [first]  # shown in its source

    focus = reviewer.window.source_view.text_edit()
    reviewer.window.activateWindow()
    focus.setFocus()
    qtbot.waitUntil(focus.hasFocus)
    qtbot.keyClick(focus, Qt.Key.Key_A)  # approve, then on to the next
    assert Evidence.get_by_id(first).review_state == "approved"
    assert Evidence.get_by_id(first).reviewed_by == REVIEWER
    assert panel.position.text() == "Pending 1 of 3"

    second = panel.current()
    panel.comment.setPlainText("The quote names the village, not the plant")
    panel.return_.click()
    returned = Evidence.get_by_id(second)
    assert (returned.review_state, returned.review_comment) == (
        "returned", "The quote names the village, not the plant")

    qtbot.keyClick(focus, Qt.Key.Key_N)
    qtbot.keyClick(focus, Qt.Key.Key_P)
    assert not panel.approve_incident.isEnabled()  # evidence still waits
    reviewer.cases.close_case()

    documenter.cases.open_case(path)
    documenter.window.evidence_panel.select_evidence(second)
    model = documenter.window.evidence_panel.model()
    row = model.row_of(second)
    review_cell = [model.index(row, c).data() for c in range(model.columnCount())]
    assert "Returned" in review_cell
    documenter.window.actions.resubmit_evidence.trigger()
    assert Evidence.get_by_id(second).review_state == "pending"
    documenter.cases.close_case()

    reviewer.cases.open_case(path)
    reviewer.editing.select_incident(incident)
    reviewer.window.actions.review_mode.setChecked(False)
    reviewer.window.actions.review_mode.setChecked(True)
    for _ in range(3):
        current = reviewer.window.review_panel.current()
        if current in spans:
            reviewer.review.approve_current()
        else:
            reviewer.review.move(1)
    assert all(Evidence.get_by_id(s).review_state == "approved" for s in spans)
    assert panel.approve_incident.isEnabled()
    panel.approve_incident.click()
    assert Incident.get_by_id(incident).state == "approved"
    reviewer.undo_stack.undo()
    assert Incident.get_by_id(incident).state == "in_review"
    reviewer.cases.close_case()
    assert not messages.shown


def test_returning_by_key_asks_for_a_comment(qtbot, tmp_path, worked_file, monkeypatch,
                                            messages):  # noqa: F811
    path, worked = worked_file
    reviewer = window_as(qtbot, tmp_path, REVIEWER)
    reviewer.cases.open_case(path)
    reviewer.window.actions.review_mode.trigger()
    current = reviewer.window.review_panel.current()
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *args, **kwargs: ("Needs the original video", True))
    reviewer.window.actions.return_evidence.trigger()
    assert Evidence.get_by_id(current).review_comment == "Needs the original video"
    reviewer.cases.close_case()


def test_review_keys_do_nothing_outside_review_mode(qtbot, tmp_path, worked_file):
    path, _ = worked_file
    documenter = window_as(qtbot, tmp_path, ACTOR)
    documenter.cases.open_case(path)
    assert not documenter.window.actions.approve_evidence.isEnabled()
    documenter.window.actions.review_mode.trigger()
    assert documenter.window.actions.approve_evidence.isEnabled()
    documenter.cases.close_case()
