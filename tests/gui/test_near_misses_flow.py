"""Before a redacted dossier is written, the window lists the words that look like a protected
name but would not be replaced, and lets the user add them as spellings, go on or cancel.
Fictional names."""

from __future__ import annotations

import pytest

from desktop.domain.models import AuditEntry
from desktop.gui.widgets.dialogs import near_misses as dialog_module
from desktop.services import protection
from desktop.services.export import DossierOptions
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)
from tests.protected_case import quoting_a_witness

STATEMENT = "Запис розмови. Остапа Гнатюшенка бачили біля школи; Гнатюшнко махав рукою.\n"


@pytest.fixture
def answers(monkeypatch) -> list:
    """The near-miss dialogs shown, answered by the functions put in the list (first first)."""
    state: dict = {"todo": [], "shown": []}

    def exec_(dialog):
        state["shown"].append(dialog)
        answer = state["todo"].pop(0)
        answer(dialog)
        return 1

    monkeypatch.setattr(dialog_module.NearMissesDialog, "exec", exec_)
    return state


def misspelt_case(casefile, tmp_path) -> None:  # noqa: F811
    quoting_a_witness(casefile, tmp_path, STATEMENT, "Остап Гнатюшенко")


def _export(qtbot, casefile, out, edition="redacted"):  # noqa: F811
    casefile.exchange.export_dossier(out, DossierOptions(incidents="drafts", edition=edition))
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)


def texts(dialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def test_the_window_lists_near_misses_and_cancel_writes_nothing(
        qtbot, casefile, tmp_path, messages, answers):  # noqa: F811
    misspelt_case(casefile, tmp_path)
    answers["todo"].append(lambda dialog: dialog.reject())
    out = tmp_path / "redacted.docx"
    _export(qtbot, casefile, out)
    [dialog] = answers["shown"]
    assert any("“Гнатюшнко” looks like W-001, in E-001 quote" in t for t in texts(dialog))
    assert not dialog.add.isEnabled()  # nothing ticked yet
    assert not out.exists()
    assert "Dossier written" not in messages.texts()


def test_going_on_writes_the_redacted_edition(qtbot, casefile, tmp_path, messages,  # noqa: F811
                                              answers):
    misspelt_case(casefile, tmp_path)
    answers["todo"].append(lambda dialog: dialog.write.click())
    out = tmp_path / "redacted.docx"
    _export(qtbot, casefile, out)
    qtbot.waitUntil(lambda: "Dossier written" in messages.texts(), timeout=20_000)
    assert out.exists()
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "dossier.export" and entry.after["near_misses_accepted"] == 2


def test_a_ticked_word_becomes_a_spelling_and_the_check_runs_again(
        qtbot, casefile, tmp_path, messages, answers):  # noqa: F811
    misspelt_case(casefile, tmp_path)

    def tick_the_misspelling(dialog):
        for index in [i for i, t in enumerate(texts(dialog)) if "“Гнатюшнко”" in t]:
            dialog.tick(index)
        assert dialog.add.isEnabled()
        dialog.add.click()

    answers["todo"] += [tick_the_misspelling, lambda dialog: dialog.write.click()]
    out = tmp_path / "redacted.docx"
    _export(qtbot, casefile, out)
    qtbot.waitUntil(lambda: len(answers["shown"]) == 2 or "Dossier written" in messages.texts(),
                    timeout=20_000)
    assert "Гнатюшнко" in protection.protected_people()[0].spellings
    if len(answers["shown"]) == 2:  # what is left is asked again, without the added word
        assert not any("“Гнатюшнко”" in t for t in texts(answers["shown"][1]))
    qtbot.waitUntil(lambda: "Dossier written" in messages.texts(), timeout=20_000)
    casefile.editing.undo()
    assert "Гнатюшнко" not in protection.protected_people()[0].spellings


def test_the_full_edition_asks_nothing(qtbot, casefile, tmp_path, messages,  # noqa: F811
                                       answers):
    misspelt_case(casefile, tmp_path)
    _export(qtbot, casefile, tmp_path / "full.docx", edition="full")
    qtbot.waitUntil(lambda: "Dossier written" in messages.texts(), timeout=20_000)
    assert not answers["shown"]
