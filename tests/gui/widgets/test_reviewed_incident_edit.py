"""Changing an incident that is waiting for review or signed off never sends it back to draft
silently: the first edit asks, No keeps it as it was, Yes says where it went."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.domain import db
from desktop.domain.models import Incident
from tests.fictional_case import build_fictional_case
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)


def signed_off(qtbot, casefile, tmp_path) -> int:  # noqa: F811
    path = tmp_path / "training.casefile"
    build_fictional_case(path, tmp_path)
    db.close_case()
    assert casefile.cases.open_case(path)
    incident = Incident.get().id
    casefile.editing.select_incident(incident)
    return incident


def test_no_keeps_the_signed_off_incident_as_it_was(qtbot, casefile, tmp_path, messages):  # noqa: F811
    incident = signed_off(qtbot, casefile, tmp_path)
    messages.answer = QMessageBox.StandardButton.No
    form = casefile.window.incident_form
    form.editor("place").setText("Інше село")
    form.flush()
    [(kind, title, text)] = [m for m in messages.shown if m[1] == "Change INC-001?"]
    assert kind == "question" and "signed off" in text and "back to draft" in text
    assert Incident.get_by_id(incident).state == "approved"
    assert form.editor("place").text() == "Вигадане (вигадане село)"  # the typed value undone


def test_yes_reopens_it_asks_once_and_says_so(qtbot, casefile, tmp_path, messages):  # noqa: F811
    incident = signed_off(qtbot, casefile, tmp_path)
    form = casefile.window.incident_form
    form.editor("place").setText("Інше село")
    form.flush()
    assert Incident.get_by_id(incident).state == "draft"
    assert "INC-001 went back to draft" in casefile.window.statusBar().currentMessage()
    form.editor("time").setText("08:00")
    form.flush()
    assert len([m for m in messages.shown if m[1] == "Change INC-001?"]) == 1
    casefile.editing.undo()
    casefile.editing.undo()
    assert Incident.get_by_id(incident).state == "approved"
