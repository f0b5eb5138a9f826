"""Review in the real window: a documenter submits, a reviewer walks the pending evidence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog

from desktop.domain import db
from desktop.domain.errors import ValidationError
from desktop.domain.models import Evidence, Incident
from desktop.gui.app import CasefileApp
from desktop.gui.settings import Settings
from desktop.services import evidence
from desktop.services import review as review_service
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
    asked = []  # elements are not all supported: the sign-off asks why, and keeps the answer
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: (
        asked.append(a[2]) or ("Signed off on the Prosecutor General's account", True)))
    panel.approve_incident.click()
    assert Incident.get_by_id(incident).state == "approved"
    assert "not supported" in asked[0]
    assert Incident.get_by_id(incident).state_comment.startswith("Signed off on")
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


# ---------------------------------------------------------------- what a decision acts on
def reviewing(qtbot, tmp_path, worked_file) -> CasefileApp:
    """A reviewer's window on the worked case, in review mode."""
    path, _ = worked_file
    reviewer = window_as(qtbot, tmp_path, REVIEWER)
    assert reviewer.cases.open_case(path)
    reviewer.window.actions.review_mode.trigger()
    return reviewer


def click_row(qtbot, app: CasefileApp, span_id: int, modifier=Qt.KeyboardModifier.NoModifier):
    """Click the span's row in the evidence list, as a user does."""
    panel = app.window.evidence_panel
    model = panel.model()
    index = panel.proxy().mapFromSource(model.index(model.row_of(span_id), 0))
    assert index.isValid(), "the span is not shown in the list"
    panel.view.scrollTo(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     panel.view.visualRect(index).center())


def press(qtbot, app: CasefileApp, widget, key) -> None:
    """A key pressed while `widget` has the keyboard focus (shortcuts included)."""
    app.window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, key)


def states(*ids: int) -> list[str]:
    return [Evidence.get_by_id(i).review_state for i in ids]


def test_a_approves_the_span_selected_in_the_list_not_the_card_before(
        qtbot, tmp_path, worked_file, messages):  # noqa: F811
    _, worked = worked_file
    reviewer = reviewing(qtbot, tmp_path, worked_file)
    panel = reviewer.window.review_panel
    before = panel.current()
    chosen = next(i for i in worked["evidence"].values() if i != before)

    click_row(qtbot, reviewer, chosen)
    assert reviewer.window.evidence_panel.selected_ids() == [chosen]
    assert panel.current() == chosen  # the card follows the selection
    assert Evidence.get_by_id(chosen).quote in panel.card.text()
    press(qtbot, reviewer, reviewer.window.evidence_panel.view, Qt.Key.Key_A)

    assert Evidence.get_by_id(chosen).review_state == "approved"
    assert Evidence.get_by_id(before).review_state == "pending"
    assert panel.current() not in (None, chosen)  # on to the next pending span
    assert reviewer.window.evidence_panel.selected_ids() == [panel.current()]
    assert not messages.shown
    reviewer.cases.close_case()


def test_with_several_selected_only_the_span_on_the_card_is_decided(
        qtbot, tmp_path, worked_file):
    _, worked = worked_file
    spans = worked["evidence"]
    reviewer = reviewing(qtbot, tmp_path, worked_file)
    panel = reviewer.window.review_panel
    click_row(qtbot, reviewer, spans["time"])
    click_row(qtbot, reviewer, spans["un_count"], Qt.KeyboardModifier.ControlModifier)
    click_row(qtbot, reviewer, spans["killing"], Qt.KeyboardModifier.ControlModifier)
    assert len(reviewer.window.evidence_panel.selected_ids()) == 3
    assert panel.current() == spans["killing"]  # the row last clicked
    assert panel.selection_note.isVisibleTo(panel)
    assert "1 of 3 selected" in panel.selection_note.text()
    assert "E-003" in panel.selection_note.text()

    reviewer.window.actions.approve_evidence.trigger()
    assert states(spans["time"], spans["un_count"], spans["killing"]) == [
        "pending", "pending", "approved"]
    assert not panel.selection_note.isVisibleTo(panel)
    reviewer.cases.close_case()


def test_a_span_hidden_by_a_filter_is_never_approved_and_the_filter_stays(
        qtbot, tmp_path, worked_file):
    _, worked = worked_file
    spans = worked["evidence"]
    reviewer = reviewing(qtbot, tmp_path, worked_file)
    panel, listed = reviewer.window.review_panel, reviewer.window.evidence_panel
    hidden = panel.current()
    assert hidden != spans["place"]

    listed.search.setText("Phenol")  # only the place span's quote has it
    assert [row.id for row in listed.shown_rows()] == [spans["place"]]
    assert panel.current() == spans["place"]  # the card left the span the filter hid
    assert listed.selected_ids() == [spans["place"]]
    assert panel.position.text() == "Pending 1 of 1"

    reviewer.window.actions.approve_evidence.trigger()
    assert Evidence.get_by_id(spans["place"]).review_state == "approved"
    assert Evidence.get_by_id(hidden).review_state == "pending"
    assert listed.search.text() == "Phenol"  # the filter is kept
    assert listed.proxy().filters()["text"] == "phenol"
    # Nothing the list shows waits any more; the others are said to be hidden, not reviewed.
    assert panel.current() is None
    assert panel.position.text() == "No span in the evidence list is waiting for review."
    assert "3 spans waiting for review are hidden" in panel.card.text()
    reviewer.window.actions.approve_evidence.trigger()  # nothing on the card: nothing decided
    assert states(*spans.values()).count("approved") == 1
    reviewer.cases.close_case()


def test_the_queue_keeps_the_lists_filters_after_each_approval(qtbot, tmp_path, worked_file):
    _, worked = worked_file
    spans = worked["evidence"]
    reviewer = reviewing(qtbot, tmp_path, worked_file)
    panel, listed = reviewer.window.review_panel, reviewer.window.evidence_panel
    listed.status_combo.setCurrentIndex(listed.status_combo.findData("unverified"))
    unverified = {spans["time"], spans["un_count"]}
    assert {row.id for row in listed.shown_rows()} == unverified
    assert panel.current() in unverified and panel.position.text() == "Pending 1 of 2"
    filters = listed.proxy().filters()

    first = panel.current()
    reviewer.window.actions.approve_evidence.trigger()
    assert listed.proxy().filters() == filters
    assert listed.status_combo.currentData() == "unverified"
    second = panel.current()
    assert second in unverified - {first}  # the next span the list shows
    reviewer.window.actions.next_pending.trigger()  # N walks only what the list shows
    assert panel.current() == second
    reviewer.window.actions.approve_evidence.trigger()
    assert listed.proxy().filters() == filters
    assert states(spans["place"], spans["killing"]) == ["pending", "pending"]
    reviewer.cases.close_case()


def test_the_queue_honours_current_incident_only(qtbot, tmp_path, worked_file):
    _, worked = worked_file
    spans, incident = worked["evidence"], worked["incidents"]["INC-001"]
    reviewer = reviewing(qtbot, tmp_path, worked_file)
    panel, listed = reviewer.window.review_panel, reviewer.window.evidence_panel
    reviewer.editing.select_incident(incident)
    listed.scope_box.setChecked(True)
    own = {spans["time"], spans["place"], spans["killing"]}
    assert set(reviewer.review.queue.ids) == own
    assert panel.current() in own and panel.position.text() == "Pending 1 of 3"

    seen = set()
    for _ in range(3):
        seen.add(panel.current())
        reviewer.window.actions.approve_evidence.trigger()
        assert listed.scope_box.isChecked()  # the queue never lifts the scope
    assert seen == own
    assert states(*own) == ["approved"] * 3
    assert Evidence.get_by_id(spans["un_count"]).review_state == "pending"
    assert panel.current() is None and "1 span waiting" in panel.card.text()
    assert listed.selected_ids() == []  # nothing selected as if it were next

    listed.scope_box.setChecked(False)  # the other incident's span comes into the queue
    assert panel.current() == spans["un_count"]
    reviewer.cases.close_case()


def test_a_span_clicked_in_the_source_goes_on_the_card(qtbot, tmp_path, worked_file):
    _, worked = worked_file
    spans = worked["evidence"]
    reviewer = reviewing(qtbot, tmp_path, worked_file)
    panel, view = reviewer.window.review_panel, reviewer.window.source_view
    listed = reviewer.window.evidence_panel
    reviewer.editing.select_incident(worked["incidents"]["INC-002"])
    listed.scope_box.setChecked(True)  # only the other incident's span in the list
    assert panel.current() == spans["un_count"]

    killing = evidence.evidence_rows(ids=[spans["killing"]])[0]
    reviewer.reading.open_source(killing.source_id)
    view.show_range(killing.start, killing.end)
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(killing.start + 3)
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton,
                     pos=edit.cursorRect(cursor).center())
    assert panel.current() == spans["killing"]
    assert listed.selected_ids() == [spans["killing"]]
    assert listed.scope_box.isChecked()  # the scope follows the span's incident
    assert reviewer.window.incident_form.incident_id() == worked["incidents"]["INC-001"]

    press(qtbot, reviewer, edit, Qt.Key.Key_A)
    assert states(spans["killing"], spans["un_count"]) == ["approved", "pending"]
    reviewer.cases.close_case()


def test_a_refused_decision_is_shown_and_the_card_stays(qtbot, tmp_path, worked_file,
                                                         messages, monkeypatch):  # noqa: F811
    _, worked = worked_file
    spans = worked["evidence"]
    reviewer = reviewing(qtbot, tmp_path, worked_file)
    panel = reviewer.window.review_panel
    click_row(qtbot, reviewer, spans["place"])

    def refuse(ids, decision, **kwargs):
        raise ValidationError("you marked E-002: another reviewer must approve it")

    monkeypatch.setattr(review_service, "review_evidence", refuse)
    press(qtbot, reviewer, reviewer.window.evidence_panel.view, Qt.Key.Key_A)
    assert messages.shown == [("warning", "The change was not made",
                               "you marked E-002: another reviewer must approve it")]
    assert states(*spans.values()) == ["pending"] * 4
    assert panel.current() == spans["place"]
    assert reviewer.window.evidence_panel.selected_ids() == [spans["place"]]
    assert reviewer.undo_stack.count() == 0

    panel.comment.setPlainText("The village is named, not the plant")
    panel.return_.click()  # a return refused the same way
    assert len(messages.shown) == 2 and states(spans["place"]) == ["pending"]
    assert panel.current() == spans["place"]
    reviewer.cases.close_case()


def test_after_a_restart_the_queue_lists_the_pending_spans(qtbot, tmp_path, worked_file):
    path, worked = worked_file
    reviewer = reviewing(qtbot, tmp_path, worked_file)
    reviewer.window.actions.approve_evidence.trigger()
    reviewer.window.close()  # saves the layout (the review panel open) and closes the case
    assert reviewer.case_file is None

    again = window_as(qtbot, tmp_path, REVIEWER)  # a new window on the same settings
    assert not again.window.review_dock.isVisible()  # no queue without a case
    assert again.cases.open_case(path)
    assert again.window.actions.review_mode.isChecked()
    assert again.window.review_dock.isVisible()
    panel = again.window.review_panel
    pending = {i for i in worked["evidence"].values()
               if Evidence.get_by_id(i).review_state == "pending"}
    assert len(pending) == 3 and set(again.review.queue.ids) == pending
    assert panel.position.text() == "Pending 1 of 3"
    assert panel.current() in pending
    assert again.window.actions.approve_evidence.isEnabled()
    again.cases.close_case()


def test_closing_the_review_panel_ends_review_mode(qtbot, tmp_path, worked_file):
    reviewer = reviewing(qtbot, tmp_path, worked_file)
    reviewer.window.review_dock.close()  # its own close button
    assert not reviewer.window.actions.review_mode.isChecked()
    assert not reviewer.window.actions.approve_evidence.isEnabled()
    reviewer.cases.close_case()
