"""A value the rules refuse is never lost without a word: closing the case or the window asks,
and "No" goes back to the field. (Once this crashed: the form flushed into a closed case.)"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.domain import db
from desktop.domain.models import Incident
from desktop.services import incidents
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)

TITLE = "A value was not saved"


def typed_a_wrong_time(casefile, tmp_path) -> int:  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Unsaved")
    incident = incidents.create_incident(actor="Olena", title="Shelling").id
    casefile.window.incident_form.set_incident(incident)
    form = casefile.window.incident_form
    form.editor("place").setText("Kupiansk")  # valid: saved on the way out
    form.editor("time").setText("25:99")
    return incident


def test_closing_the_case_asks_and_no_goes_back(qtbot, casefile, tmp_path, messages):  # noqa: F811
    incident = typed_a_wrong_time(casefile, tmp_path)
    messages.answer = QMessageBox.StandardButton.No
    assert casefile.cases.close_case() is False
    [(kind, title, text)] = [m for m in messages.shown if m[1] == TITLE]
    assert kind == "question" and "INC-001" in text and "“25:99”" in text
    assert db.case_path() is not None  # still open, the typed value still there
    assert casefile.window.incident_form.editor("time").text() == "25:99"
    assert Incident.get_by_id(incident).place == "Kupiansk"


def test_closing_anyway_closes_cleanly(qtbot, casefile, tmp_path, messages):  # noqa: F811
    typed_a_wrong_time(casefile, tmp_path)
    messages.answer = QMessageBox.StandardButton.Yes
    assert casefile.cases.close_case() is True
    assert db.case_path() is None
    # Every case action after closing is disabled, and the form is empty: nothing can touch
    # the closed case.
    assert not casefile.window.actions.close_case.isEnabled()
    assert casefile.window.incident_form.incident_id() is None
    assert not [m for m in messages.shown if m[0] in ("critical", "warning")]


def test_the_window_close_button_asks_too(qtbot, casefile, tmp_path, messages):  # noqa: F811
    typed_a_wrong_time(casefile, tmp_path)
    messages.answer = QMessageBox.StandardButton.No
    assert casefile.window.close() is False  # the ✕ (and Quit, which closes the window)
    assert casefile.window.isVisible()
    messages.answer = QMessageBox.StandardButton.Yes
    assert casefile.window.close() is True
    assert db.case_path() is None


def test_nothing_is_asked_when_everything_is_saved(qtbot, casefile, tmp_path, messages):  # noqa: F811
    typed_a_wrong_time(casefile, tmp_path)
    casefile.window.incident_form.editor("time").setText("10:30")
    assert casefile.cases.close_case() is True
    assert not [m for m in messages.shown if m[1] == TITLE]


def test_quit_asks_too_and_no_keeps_the_window_and_the_value(
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    typed_a_wrong_time(casefile, tmp_path)
    messages.answer = QMessageBox.StandardButton.No
    casefile.window.actions.quit.trigger()
    assert casefile.window.isVisible() and db.case_path() is not None
    assert casefile.window.incident_form.editor("time").text() == "25:99"
    assert [m[1] for m in messages.shown] == [TITLE]  # asked, and nothing went wrong
    messages.answer = QMessageBox.StandardButton.Yes
    casefile.window.actions.quit.trigger()
    assert not casefile.window.isVisible() and db.case_path() is None
    assert [m[1] for m in messages.shown] == [TITLE, TITLE]
