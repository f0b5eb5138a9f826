"""The window speaks in words, never internal names: undo steps, the history, plurals; Ctrl+Y
redoes; a new incident's title is selected so typing replaces it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop.domain import scales
from desktop.gui import i18n
from desktop.services import incidents
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)

INTERNAL = ("date_start", "victims_max", "in_review", "evidence.", "incident.", "(s)")


def test_undo_steps_name_fields_in_words(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Words")
    incident = incidents.create_incident(actor="Olena", title="Shelling").id
    casefile.editing.edit_incident(incident, {"date_start": "2024-10-10", "victims_max": 9})
    text = casefile.undo_stack.undoText()
    assert text == "Edit Date of the event (from), Victims (at most) of INC-001"
    assert not any(word in text for word in INTERNAL)


def test_the_history_says_what_happened_in_words(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Words")
    casefile.editing.add_incident()
    model = casefile.window.history_panel.model
    model.reload()
    shown = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert "Incident added" in shown and "Case created" in shown
    assert not any(word in cell for cell in shown for word in INTERNAL)


def test_every_action_the_services_record_has_words():
    assert i18n.action_words("incident.in_review") == "Incident submitted for review"
    assert i18n.action_words("dossier.export.intent") == "Dossier exported (started)"
    assert i18n.action_words("dossier.export.abandoned") == "Dossier exported (not completed)"
    assert len(set(scales.AUDIT_ACTION_CODES)) == len(scales.AUDIT_ACTIONS)


def test_ctrl_y_redoes(qtbot, casefile):  # noqa: F811
    shortcuts = casefile.window.actions.redo.shortcuts()
    assert QKeySequence("Ctrl+Y") in shortcuts and QKeySequence("Ctrl+Shift+Z") in shortcuts


def test_typing_a_new_incidents_title_replaces_the_placeholder(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Words")
    casefile.editing.add_incident()
    title = casefile.window.incident_form.editor("title")
    qtbot.keyClicks(title, "Shelling of Kupiansk")
    assert title.text() == "Shelling of Kupiansk"
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert incidents.incident_values(casefile.window.incident_form.incident_id())["title"] == \
        "Shelling of Kupiansk"
