"""Encrypted cases in the window: the passphrase is asked for, three tries at most."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from desktop.domain import db
from desktop.domain.models import Case
from desktop.gui.app import CasefileApp
from tests.gui.widgets.test_main_window import casefile, messages, settings  # noqa: F401

pytest.importorskip("sqlcipher3", reason="encryption is optional; make test installs it")

SECRET = "seven silent witnesses at dawn"


@pytest.fixture
def encrypted(tmp_path):
    path = tmp_path / "sealed.casefile"
    db.new_case(path, "Sealed case", passphrase=SECRET)
    db.close_case()
    return path


def answers(monkeypatch, *typed: str) -> list[str]:
    """The passphrases a user types into the prompt, in order; returns the prompts shown."""
    queue, prompts = list(typed), []

    def ask(parent, title, label, *args, **kwargs):
        prompts.append(label)
        return (queue.pop(0), True) if queue else ("", False)

    monkeypatch.setattr(QInputDialog, "getText", ask)
    return prompts


def test_the_passphrase_opens_it_after_a_wrong_try(casefile: CasefileApp, encrypted,  # noqa: F811
                                                   monkeypatch, messages):  # noqa: F811
    prompts = answers(monkeypatch, "wrong guess", SECRET)
    assert casefile.cases.open_case(encrypted)
    assert Case.get().title == "Sealed case"
    assert prompts[0] == "sealed.casefile is encrypted. Its passphrase:"
    assert "not right" in prompts[1] and "2 tries left" in prompts[1]
    assert not messages.shown


def test_three_wrong_passphrases_keep_it_closed(casefile: CasefileApp, encrypted,  # noqa: F811
                                                monkeypatch, messages):  # noqa: F811
    before = encrypted.read_bytes()
    answers(monkeypatch, "one", "two", "three", "four")
    assert not casefile.cases.open_case(encrypted)
    assert "the passphrase was not right 3 times" in messages.texts()
    assert casefile.case_file is None
    assert encrypted.read_bytes() == before


def test_cancelling_the_prompt_opens_nothing_and_says_nothing(casefile: CasefileApp,  # noqa: F811
                                                              encrypted, monkeypatch,
                                                              messages):  # noqa: F811
    answers(monkeypatch)
    assert not casefile.cases.open_case(encrypted)
    assert not messages.shown


def test_a_new_case_can_be_encrypted_from_the_start(casefile: CasefileApp, tmp_path):  # noqa: F811
    path = tmp_path / "new-sealed.casefile"
    assert casefile.cases.new_case(path, "Witness statements", passphrase=SECRET)
    casefile.cases.close_case()
    assert b"Witness statements" not in path.read_bytes()
