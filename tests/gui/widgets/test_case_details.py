"""File → Case details…: the issuing block the dossier prints, set in the window, one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.gui.widgets.dialogs.case_details import CaseDetailsDialog
from desktop.services import case
from tests.gui.widgets.test_main_window import casefile, messages, settings  # noqa: F401

ADDRESSEE = "Office of the Prosecutor General of Ukraine"


def test_the_issuing_block_is_set_in_the_case_details_and_undone(qtbot, casefile, tmp_path,  # noqa: F811
                                                                 monkeypatch):
    assert casefile.cases.new_case(tmp_path / "pow.casefile", "Executions of POWs")
    action = casefile.window.actions.case_details
    assert action.isEnabled() and action in casefile.window.actions.in_menu("File")

    def answer(dialog: CaseDetailsDialog) -> int:
        assert dialog.edits["title"].text() == "Executions of POWs"
        dialog.edits["issuing_organisation"].setText("Truth Hounds")
        dialog.edits["addressee"].setText(f"  {ADDRESSEE} ")
        dialog.edits["dossier_version"].setText("1.0")
        dialog.edits["title"].setText("")  # a title is never emptied
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CaseDetailsDialog, "exec", answer)
    action.trigger()
    assert case.issuing() == {"issuing_organisation": "Truth Hounds", "addressee": ADDRESSEE,
                              "dossier_version": "1.0", "issued_by": "", "issued_for": ""}
    assert case.summary().title == "Executions of POWs"
    assert casefile.undo_stack.undoText() == "Edit case details"
    casefile.undo_stack.undo()
    assert case.issuing()["addressee"] == ""
