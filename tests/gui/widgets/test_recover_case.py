"""Recover… in the window: an encrypted case asks for its passphrase and is recovered into an
encrypted case, which then opens."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.domain import copies, db
from desktop.domain.models import Case
from desktop.gui.app import CasefileApp
from tests.gui.widgets.test_encrypted_case import SECRET, answers
from tests.gui.widgets.test_main_window import casefile, messages, settings  # noqa: F401

pytest.importorskip("sqlcipher3", reason="encryption is optional; make test installs it")


def test_an_encrypted_case_is_recovered_with_its_passphrase(casefile: CasefileApp,  # noqa: F811
                                                           tmp_path, qtbot, monkeypatch,
                                                           messages):  # noqa: F811
    plain, sealed = tmp_path / "plain.casefile", tmp_path / "sealed.casefile"
    db.new_case(plain, "Sealed case")
    db.close_case()
    copies.encrypt_copy(plain, sealed, SECRET)
    dest = tmp_path / "sealed recovered.casefile"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sealed), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    prompts = answers(monkeypatch, SECRET, SECRET)  # to recover it, then to open the new case
    casefile.cases.ask_recover_case()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    assert prompts[0] == "sealed.casefile is encrypted. Its passphrase:"
    assert "Nothing was lost." in messages.texts()
    assert casefile.case_file == dest and Case.get().title == "Sealed case"
    assert db.is_encrypted_file(dest)


def test_cancelling_the_passphrase_recovers_nothing(casefile: CasefileApp,  # noqa: F811
                                                    tmp_path, monkeypatch,
                                                    messages):  # noqa: F811
    plain, sealed = tmp_path / "plain.casefile", tmp_path / "sealed.casefile"
    db.new_case(plain, "Sealed case")
    db.close_case()
    copies.encrypt_copy(plain, sealed, SECRET)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sealed), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "r.casefile"), ""))
    answers(monkeypatch)
    casefile.cases.ask_recover_case()
    assert not casefile.background.busy() and not messages.shown
    assert not (tmp_path / "r.casefile").exists()
