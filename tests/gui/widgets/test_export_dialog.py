"""File → Export dossier… refuses, while it is open, what would give no dossier; asks before
replacing an earlier dossier; and opens with the choices made last time."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.gui.widgets.dialogs import export_dossier
from desktop.services import incidents
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)


def dialog_for(casefile, tmp_path, name="dossier.docx"):  # noqa: F811
    return export_dossier.ExportDossierDialog(tmp_path / name, casefile.window,
                                              casefile.settings.export_choices())


def test_with_nothing_approved_drafts_are_offered_first(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Export")
    incidents.create_incident(actor="Olena", title="Shelling")
    dialog = dialog_for(casefile, tmp_path)
    assert not dialog.approved.isEnabled() and "none is approved yet" in dialog.approved.text()
    assert dialog.drafts.isChecked()


def test_selected_with_none_ticked_stays_open_and_says_why(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Export")
    incidents.create_incident(actor="Olena", title="Shelling")
    dialog = dialog_for(casefile, tmp_path)
    dialog.selected.setChecked(True)
    dialog._accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Tick at least one incident" in dialog.problem.text()
    dialog.file.setText(str(tmp_path / "no such folder" / "d.docx"))
    dialog.drafts.setChecked(True)
    dialog._accept()
    assert "does not exist" in dialog.problem.text()


def test_an_earlier_dossier_is_replaced_only_when_confirmed(
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Export")
    incidents.create_incident(actor="Olena", title="Shelling")
    (tmp_path / "dossier.docx").write_bytes(b"the earlier dossier")
    dialog = dialog_for(casefile, tmp_path)
    messages.answer = QMessageBox.StandardButton.No
    dialog._accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    [(_, title, text)] = [m for m in messages.shown if m[1] == "Replace the earlier dossier?"]
    assert "dossier.docx exists already" in text
    messages.answer = QMessageBox.StandardButton.Yes
    dialog._accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_at_the_replace_question_keeps_the_earlier_dossier(
        qtbot, casefile, tmp_path, monkeypatch):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Export")
    incidents.create_incident(actor="Olena", title="Shelling")
    (tmp_path / "dossier.docx").write_bytes(b"the earlier dossier")
    dialog = dialog_for(casefile, tmp_path)

    def enter(parent, title, text, buttons=None, default=None):
        return default  # what Enter answers
    monkeypatch.setattr(QMessageBox, "question", enter)
    dialog._accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert (tmp_path / "dossier.docx").read_bytes() == b"the earlier dossier"


def test_the_choices_are_remembered(qtbot, casefile, tmp_path, monkeypatch):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Export")
    incidents.create_incident(actor="Olena", title="Shelling")
    started = []

    def answer(dialog):
        dialog.redacted.setChecked(True)
        dialog.audit.setChecked(True)
        dialog.pdf.setChecked(True)
        dialog.file.setText(str(tmp_path / "first.docx"))
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(export_dossier.ExportDossierDialog, "exec", answer)
    monkeypatch.setattr(casefile.exchange, "export_dossier",
                        lambda path, options, pdf: started.append((path, options, pdf)))
    monkeypatch.setattr(export_dossier.rendition, "soffice", lambda: "/usr/bin/soffice")
    casefile.exchange.ask_export_dossier()
    assert started and started[0][1].edition == "redacted" and started[0][2] is True
    again = dialog_for(casefile, tmp_path)
    assert again.redacted.isChecked() and again.audit.isChecked() and again.drafts.isChecked()
    assert again.pdf.isChecked()
