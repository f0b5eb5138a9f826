"""File → Check out for offline work… and File → Check in to server…: a shared case taken
into a file in the window, worked on there, and brought back, with what came back shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from desktop.domain.models import Incident
from desktop.gui.widgets.dialogs.check_out import CheckOutDialog
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    import_seeds,
    messages,
    settings,
)
from tests.gui.widgets.test_shared_case import _shared_case


def test_a_shared_case_is_checked_out_worked_on_and_checked_in(
        qtbot, casefile, server_url, capsys, tmp_path, monkeypatch, messages):  # noqa: F811
    address = _shared_case(server_url, capsys)
    actions = casefile.window.actions
    assert casefile.cases.open_shared_case(address)
    import_seeds(qtbot, casefile)
    assert actions.check_out.isEnabled() and not actions.check_in.isEnabled()
    copy = tmp_path / "field.casefile"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))

    def plain_copy(dialog: CheckOutDialog) -> int:
        dialog.encrypt.setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CheckOutDialog, "exec", plain_copy)
    actions.check_out.trigger()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    assert messages.shown[-1][:2] == ("information", "Checked out"), messages.texts()
    assert copy.exists() and (tmp_path / "field.casefile.manifest.json").exists()

    assert casefile.cases.open_case(copy)
    assert actions.check_in.isEnabled() and not actions.check_out.isEnabled()
    mode = casefile.window.mode_label  # the status bar says what the file is
    assert mode.isVisible() and mode.text() == "Checked-out copy"
    assert address in mode.toolTip() and "Check in to server" in mode.toolTip()
    casefile.editing.add_incident()
    assert [i.code for i in Incident.select()] == ["INC-001"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (address, True))
    actions.check_in.trigger()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    kind, title, text = messages.shown[-1]
    assert (kind, title) == ("information", "Checked in"), messages.texts()
    assert text.splitlines()[2] == "INC-001 (offline INC-001)"
    assert casefile.session.server_role == "olena"  # the window shows the shared case now
    assert casefile.window.navigator.incidents_model.rowCount() == 1


def _checked_out_and_opened(qtbot, casefile, tmp_path, monkeypatch):  # noqa: F811
    """The open shared case checked out through the window into a plain copy, then opened."""
    copy = tmp_path / "field.casefile"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    monkeypatch.setattr(CheckOutDialog, "exec", lambda dialog: (
        dialog.encrypt.setChecked(False), QDialog.DialogCode.Accepted)[1])
    casefile.window.actions.check_out.trigger()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    assert casefile.cases.open_case(copy)
    return copy


def test_a_check_in_to_a_server_that_cannot_be_reached_leaves_the_copy_open(
        qtbot, casefile, server_url, capsys, tmp_path, monkeypatch, messages):  # noqa: F811
    address = _shared_case(server_url, capsys)
    assert casefile.cases.open_shared_case(address)
    copy = _checked_out_and_opened(qtbot, casefile, tmp_path, monkeypatch)
    gone = address.rsplit("/", 1)[0] + "/no_such_case"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (gone, True))
    casefile.window.actions.check_in.trigger()
    kind, title, text = messages.shown[-1]
    assert (kind, title) == ("warning", "The case could not be opened")
    assert "no_such_case" in text
    assert casefile.session.case_file == copy and casefile.session.server is None


def test_a_check_in_to_another_shared_case_is_refused_and_leaves_the_copy_open(
        qtbot, casefile, server_url, pg_cluster, capsys, tmp_path,  # noqa: F811
        monkeypatch, messages):  # noqa: F811
    pg_cluster.drop_database("case_another_one")
    other = _shared_case(pg_cluster.create_database("case_another_one"), capsys)
    address = _shared_case(server_url, capsys)
    try:
        assert casefile.cases.open_shared_case(address)
        copy = _checked_out_and_opened(qtbot, casefile, tmp_path, monkeypatch)
        casefile.editing.add_incident()  # offline work that must not be left behind unseen
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (other, True))
        casefile.window.actions.check_in.trigger()
        qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
        kind, title, text = messages.shown[-1]
        assert (kind, title) == ("warning", "The copy was not checked in"), messages.texts()
        assert "was not checked out from" in text and "nothing was done" in text
        # the window shows the copy again, with its offline work, not the other shared case
        assert casefile.session.case_file == copy and casefile.session.server is None
        assert casefile.window.navigator.incidents_model.rowCount() == 1
    finally:
        casefile.cases.close_case()
        pg_cluster.drop_database("case_another_one")


def test_a_case_file_that_was_not_checked_out_has_nothing_to_check_in(
        casefile, tmp_path):  # noqa: F811
    assert casefile.cases.new_case(tmp_path / "plain.casefile", "Plain")
    assert not casefile.window.actions.check_in.isEnabled()
    assert not casefile.window.mode_label.isVisible()  # a plain file: nothing to say
