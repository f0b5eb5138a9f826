"""File → Export disclosure package…: asked for, written off the UI thread, cancellable."""

from __future__ import annotations

import zipfile

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.services import package
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)
from tests.protected_case import quoting_a_witness

STATEMENT = "Запис розмови. Остапа Вербицького бачили біля школи.\n"


def test_the_redacted_package_is_written_and_verifies(qtbot, casefile, tmp_path,  # noqa: F811
                                                      monkeypatch, messages):  # noqa: F811
    quoting_a_witness(casefile, tmp_path, STATEMENT, "Остап Вербицький")
    out = tmp_path / "package.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(package, "soffice", lambda: None)
    messages.answer = QMessageBox.StandardButton.Yes  # redacted, with the draft incident
    assert casefile.window.actions.export_package.isEnabled()
    casefile.window.actions.export_package.trigger()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    titles = [title for _, title, _ in messages.shown]
    assert titles[:2] == ["Full or redacted?", "Include drafts?"]
    assert "Disclosure package written" in titles
    assert "S-001" in messages.texts() and "No PDF: LibreOffice is not installed" in (
        messages.texts())
    assert package.verify_package(out).ok
    with zipfile.ZipFile(out) as z:
        assert not any(n.startswith("originals/") for n in z.namelist())  # it names the witness
        assert "Вербицьк" not in z.read("registers/evidence.csv").decode("utf-8-sig")


def test_a_cancelled_question_writes_nothing(qtbot, casefile, tmp_path, monkeypatch,  # noqa: F811
                                             messages):  # noqa: F811
    quoting_a_witness(casefile, tmp_path, STATEMENT, "Остап Вербицький")
    out = tmp_path / "package.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    messages.answer = QMessageBox.StandardButton.Cancel
    casefile.exchange.ask_export_package()
    assert not out.exists() and not casefile.background.busy()


def test_near_misses_are_shown_and_going_on_writes_the_package(qtbot, casefile, tmp_path,  # noqa: F811
                                                               monkeypatch, messages):  # noqa: F811
    from desktop.gui.widgets.dialogs import near_misses as dialog_module

    quoting_a_witness(casefile, tmp_path, "Запис. Остапа Гнатюшенка бачили; Гнатюшнко махав.\n",
                      "Остап Гнатюшенко")
    shown = []

    def go_on(dialog):
        shown.append(dialog)
        dialog.write.click()
        return 1

    monkeypatch.setattr(dialog_module.NearMissesDialog, "exec", go_on)
    out = tmp_path / "package.zip"
    casefile.exchange.export_package(out, package.PackageOptions(redacted=True, drafts=True,
                                                                 pdf=False))
    qtbot.waitUntil(lambda: "Disclosure package written" in messages.texts(), timeout=20_000)
    assert len(shown) == 1 and package.verify_package(out).ok
