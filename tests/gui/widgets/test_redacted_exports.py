"""The window asks whether annotations and registers leave the case full or redacted."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)
from tests.protected_case import quoting_a_witness

STATEMENT = "Запис розмови. Остапа Вербицького бачили біля школи.\n"


def protected_case(casefile, tmp_path) -> None:  # noqa: F811
    quoting_a_witness(casefile, tmp_path, STATEMENT, "Остап Вербицький")


def test_the_registers_leave_redacted_when_asked(qtbot, casefile, tmp_path, monkeypatch,  # noqa: F811
                                                 messages):  # noqa: F811
    protected_case(casefile, tmp_path)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    messages.answer = QMessageBox.StandardButton.Yes
    casefile.exchange.ask_export_registers()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=10_000)
    assert any(title == "Full or redacted?" for _, title, _ in messages.shown)
    text = (tmp_path / "w-evidence.csv").read_text(encoding="utf-8-sig")
    assert "W-001" in text and "Вербицьк" not in text
    assert "Redacted registers written" in messages.texts()


def test_the_annotations_leave_full_when_asked(qtbot, casefile, tmp_path, monkeypatch,  # noqa: F811
                                               messages):  # noqa: F811
    protected_case(casefile, tmp_path)
    out = tmp_path / "a.jsonld"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    messages.answer = QMessageBox.StandardButton.No
    casefile.exchange.ask_export_annotations()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=10_000)
    assert "Вербицького" in out.read_text(encoding="utf-8")


def test_cancelling_the_question_writes_nothing(qtbot, casefile, tmp_path, monkeypatch,  # noqa: F811
                                                messages):  # noqa: F811
    protected_case(casefile, tmp_path)
    out = tmp_path / "a.jsonld"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    messages.answer = QMessageBox.StandardButton.Cancel
    casefile.exchange.ask_export_annotations()
    assert not out.exists()
