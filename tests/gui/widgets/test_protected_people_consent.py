"""The Protected people dialog records consent, risk and statements (fictional names)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services import protection, sources
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)


def test_consent_risk_and_statements_are_edited_and_undone(qtbot, casefile, tmp_path,  # noqa: F811
                                                           monkeypatch):
    from desktop.gui.widgets.dialogs import protected_people

    casefile.cases.new_case(tmp_path / "c.casefile", "Свідки")
    path = tmp_path / "statement.txt"
    path.write_text("Свідчення записано у квітні.\n", encoding="utf-8")
    source_id = sources.import_files([path], actor="Olena").imported[0][1]
    casefile.editing.push("Protect", lambda: protection.add_protected(
        "Остап Вербицький", "witness", actor="Olena"))
    shown = []
    monkeypatch.setattr(protected_people.ProtectedPeopleDialog, "exec",
                        lambda dialog: shown.append(dialog))
    casefile.editing.show_protected_people()
    dialog = shown[0]
    assert not dialog.person_box.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.person_box.isEnabled()
    dialog.consent.setCurrentIndex(dialog.consent.findData("yes"))
    dialog.risk_note.setPlainText("Виїхав з міста")
    dialog.statements.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.save.click()
    person = protection.protected_people()[0]
    assert (person.consent, person.risk_note, person.statements) == ("yes", "Виїхав з міста",
                                                                     (source_id,))
    assert dialog.table.item(0, 3).text() == "Agreed to be named"
    assert dialog.table.item(0, 4).text() == "S-001"
    assert dialog.consent.currentData() == "yes"  # the selection stays on the person
    casefile.editing.undo()
    assert protection.protected_people()[0].consent == "not_asked"


def test_the_forms_of_a_name_are_seen_and_edited(qtbot, casefile, tmp_path,  # noqa: F811
                                                 monkeypatch):
    from desktop.gui.widgets.dialogs import protected_people

    casefile.cases.new_case(tmp_path / "c.casefile", "Свідки")
    casefile.editing.push("Protect", lambda: protection.add_protected(
        "Іван Коваль", "witness", actor="Olena"))
    shown = []
    monkeypatch.setattr(protected_people.ProtectedPeopleDialog, "exec",
                        lambda dialog: shown.append(dialog))
    casefile.editing.show_protected_people()
    dialog = shown[0]
    dialog.table.selectRow(0)
    forms = {dialog.forms.item(i).text(): dialog.forms.item(i)
             for i in range(dialog.forms.count())}
    assert {"коваля", "ковалем", "івана"} <= set(forms)
    assert all(item.checkState() == Qt.CheckState.Checked for item in forms.values())
    assert f"Also matches {len(forms)} forms" in dialog.forms_label.text()
    forms["коваля"].setCheckState(Qt.CheckState.Unchecked)
    dialog.spellings.setPlainText("Іван Коваль\nIvan Kowal")
    dialog.save_forms.click()
    person = protection.protected_people()[0]
    assert person.spellings == ("Іван Коваль", "Ivan Kowal")
    assert person.excluded_forms == ("коваля",)
    assert protection.Redactor.for_case()("коваля і Ivan Kowal") == "коваля і W-001"
    again = {dialog.forms.item(i).text(): dialog.forms.item(i).checkState()
             for i in range(dialog.forms.count())}
    assert again["коваля"] == Qt.CheckState.Unchecked  # reloaded on the same person
    casefile.editing.undo()
    assert protection.protected_people()[0].excluded_forms == ()
