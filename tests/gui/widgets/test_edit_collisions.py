"""An edit in the incident form of a value someone else saved meanwhile is refused: the form
shows the newer value, says who saved it, and keeps what the user typed at hand (“Use mine”);
an undo or redo that would overwrite a newer value is refused the same way."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QLineEdit

from desktop import cli
from desktop.domain.models import AuditEntry, Incident
from desktop.services import incidents
from tests.conftest import ROOT
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)
from tests.gui.widgets.test_shared_case import ANOTHER_WINDOW_ON, _shared_case


def _type(qtbot, editor: QLineEdit, text: str) -> None:
    """Select all and type, as a user replacing a value would."""
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def _incident_with_place(qtbot, casefile, place: str) -> int:  # noqa: F811
    """A new incident in the form, its place typed and saved."""
    casefile.editing.add_incident()
    form = casefile.window.incident_form
    _type(qtbot, form.editor("place"), place)
    form.flush()
    incident = form.incident_id()
    assert Incident.get_by_id(incident).place == place
    return incident


def test_a_stale_edit_in_the_form_is_refused_and_the_newer_value_shown(
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    assert casefile.cases.new_case(tmp_path / "pow.casefile", "Executions of POWs")
    incident = _incident_with_place(qtbot, casefile, "Zelenyy Shlyakh")
    incidents.update_incident(incident, actor="olena", place="Zelenyi Shliakh")  # elsewhere
    entries = AuditEntry.select().count()
    form = casefile.window.incident_form
    _type(qtbot, form.editor("place"), "Zelenyy Shlyakh, Kursk region")
    form.flush()
    assert Incident.get_by_id(incident).place == "Zelenyi Shliakh"
    assert AuditEntry.select().count() == entries
    assert form.editor("place").text() == "Zelenyi Shliakh"
    note = form.collision_note("place")
    assert "olena saved “Zelenyi Shliakh” at " in note
    assert "what you typed, “Zelenyy Shlyakh, Kursk region”, was not saved." in note
    status = casefile.window.statusBar().currentMessage()
    assert status.startswith("INC-001 Place was changed by olena at ")
    assert status.endswith("to “Zelenyi Shliakh”; your edit was not saved")
    assert not messages.shown  # no dialog to answer: said where the user is looking

    form.use_mine("place")
    assert Incident.get_by_id(incident).place == "Zelenyy Shlyakh, Kursk region"
    assert form.collision_note("place") == ""
    casefile.editing.undo()  # the undo of “Use mine” expects what it saved: it goes through
    assert Incident.get_by_id(incident).place == "Zelenyi Shliakh"


def test_another_field_saves_while_a_field_changed_elsewhere_is_shown(
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    assert casefile.cases.new_case(tmp_path / "pow.casefile", "Executions of POWs")
    incident = _incident_with_place(qtbot, casefile, "Zelenyy Shlyakh")
    incidents.update_incident(incident, actor="olena", place="Zelenyi Shliakh")
    form = casefile.window.incident_form
    _type(qtbot, form.editor("region"), "Kursk region")
    form.flush()
    stored = Incident.get_by_id(incident)
    assert (stored.place, stored.region) == ("Zelenyi Shliakh", "Kursk region")
    assert form.collision_note("region") == "" and not messages.shown


def test_an_undo_that_would_overwrite_a_newer_value_is_refused(
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    assert casefile.cases.new_case(tmp_path / "pow.casefile", "Executions of POWs")
    incident = _incident_with_place(qtbot, casefile, "Zelenyy Shlyakh")
    incidents.update_incident(incident, actor="olena", place="Zelenyi Shliakh")
    casefile.editing.undo()
    assert Incident.get_by_id(incident).place == "Zelenyi Shliakh"
    form = casefile.window.incident_form
    assert form.editor("place").text() == "Zelenyi Shliakh"
    assert "; it was not emptied again. " in form.collision_note("place")
    assert "your edit was not saved" in casefile.window.statusBar().currentMessage()
    assert not messages.shown
    assert casefile.undo_stack.count() == 0  # the history no longer matches the case


def test_a_redo_that_would_overwrite_a_newer_value_is_refused(
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    assert casefile.cases.new_case(tmp_path / "pow.casefile", "Executions of POWs")
    incident = _incident_with_place(qtbot, casefile, "Zelenyy Shlyakh")
    casefile.editing.undo()
    assert Incident.get_by_id(incident).place == ""
    incidents.update_incident(incident, actor="olena", place="Zelenyi Shliakh")
    casefile.editing.redo()
    assert Incident.get_by_id(incident).place == "Zelenyi Shliakh"
    form = casefile.window.incident_form
    assert form.editor("place").text() == "Zelenyi Shliakh"
    assert "“Zelenyy Shlyakh” was not put back." in form.collision_note("place")
    assert not messages.shown


OTHER_WINDOW = ANOTHER_WINDOW_ON + """
from desktop.services import incidents
incident = int(sys.argv[2])
app.editing.select_incident(incident)
form = app.window.incident_form
form.editor("place").setText("Zelenyi Shliakh")  # as Mykola types the place
form.flush()
assert incidents.incident_values(incident)["place"] == "Zelenyi Shliakh"
app.cases.close_case()
"""


def test_two_windows_on_a_shared_case_edit_the_same_place(
        qtbot, casefile, server_url, capsys, messages):  # noqa: F811
    address = _shared_case(server_url, capsys)
    assert cli.main(["server", "add-member", server_url, "mykola", "--as", "documenter"]) == 0
    assert casefile.cases.open_shared_case(address)
    incident = _incident_with_place(qtbot, casefile, "Zelenyy Shlyakh")
    form = casefile.window.incident_form
    _type(qtbot, form.editor("place"), "Zelenyy Shliakh")  # Olena is typing…
    form._timer.stop()  # …and has not paused yet
    subprocess.run([sys.executable, "-c", OTHER_WINDOW, address.replace("olena@", "mykola@"),
                    str(incident)], cwd=ROOT, check=True, timeout=120)
    # Mykola's edit arrives; what Olena is typing stays in her editor.
    qtbot.waitUntil(lambda: form.stored("place") == "Zelenyi Shliakh", timeout=5_000)
    assert form.editor("place").text() == "Zelenyy Shliakh"
    form.flush()
    assert Incident.get_by_id(incident).place == "Zelenyi Shliakh"
    assert form.editor("place").text() == "Zelenyi Shliakh"
    note = form.collision_note("place")
    assert "mykola saved “Zelenyi Shliakh” at " in note
    assert "“Zelenyy Shliakh”, was not saved" in note
    assert casefile.window.statusBar().currentMessage().startswith(
        "INC-001 Place was changed by mykola at ")
    assert not messages.shown


def test_case_details_saved_elsewhere_while_the_dialog_was_open_are_not_overwritten(
        qtbot, casefile, tmp_path, messages, monkeypatch):  # noqa: F811
    from PySide6.QtWidgets import QDialog

    from desktop.gui.widgets.dialogs.case_details import CaseDetailsDialog
    from desktop.services import case

    assert casefile.cases.new_case(tmp_path / "pow.casefile", "Executions of POWs")

    def answer(dialog: CaseDetailsDialog) -> int:
        case.update_case(actor="olena", addressee="Office of the Prosecutor General")
        dialog.edits["addressee"].setText("War Crimes Department")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CaseDetailsDialog, "exec", answer)
    casefile.window.actions.case_details.trigger()
    assert case.issuing()["addressee"] == "Office of the Prosecutor General"
    _, title, text = messages.shown[-1]
    assert title == "The change was not made"
    assert text.startswith("Case Addressee was changed by olena at ")
    assert text.endswith("to “Office of the Prosecutor General”; your edit was not saved")


def test_a_note_saved_elsewhere_is_not_overwritten_from_the_evidence_list(
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    from desktop.domain.models import Evidence
    from desktop.gui.qtmodels.evidence_model import EvidenceModel
    from desktop.services import evidence
    from tests.gui.widgets.test_main_window import import_seeds

    assert casefile.cases.new_case(tmp_path / "pow.casefile", "Executions of POWs")
    import_seeds(qtbot, casefile)
    span = casefile.editing.add_evidence(1, 0, 20, {})
    evidence.update_evidence(span, actor="olena", note="Same count in the UN report")
    panel = casefile.window.evidence_panel
    model = panel.model()
    note = model.index(model.row_of(span), EvidenceModel.NOTE)
    assert note.data() == ""  # the list still shows what it read
    panel.proxy().setData(panel.proxy().mapFromSource(note), "Count differs from HUR's")
    assert Evidence.get_by_id(span).note == "Same count in the UN report"
    assert casefile.window.statusBar().currentMessage().startswith(
        "E-001 Note was changed by olena at ")
    assert model.index(model.row_of(span), EvidenceModel.NOTE).data() == \
        "Same count in the UN report"
    assert not messages.shown


def test_a_rename_in_the_list_after_someone_renamed_the_incident_is_refused(
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    from desktop.gui.qtmodels.incidents_model import IncidentsModel

    assert casefile.cases.new_case(tmp_path / "pow.casefile", "Executions of POWs")
    casefile.editing.add_incident()
    incident = casefile.window.incident_form.incident_id()
    incidents.update_incident(incident, actor="olena", title="Nine POWs near Zelenyy Shlyakh")
    model = casefile.window.navigator.incidents_model
    title = model.index(model.row_of(incident), IncidentsModel.TITLE)
    assert title.data() == "New incident"  # the list still shows what it read
    model.setData(title, "Six POWs")
    assert Incident.get_by_id(incident).title == "Nine POWs near Zelenyy Shlyakh"
    assert model.index(model.row_of(incident), IncidentsModel.TITLE).data() == \
        "Nine POWs near Zelenyy Shlyakh"
    assert casefile.window.statusBar().currentMessage().startswith(
        "INC-001 Title was changed by olena at ")
    assert not messages.shown
