"""Before a redacted dossier is written, the window lists the words that look like a protected
name but would not be replaced, and lets the user go on or cancel. Fictional names."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.domain.models import AuditEntry
from desktop.services.export import DossierOptions
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)
from tests.protected_case import quoting_a_witness

STATEMENT = "Запис розмови. Остапа Гнатюшенка бачили біля школи; Гнатюшнко махав рукою.\n"
TITLE = "Names that may not be redacted"


def misspelt_case(casefile, tmp_path) -> None:  # noqa: F811
    quoting_a_witness(casefile, tmp_path, STATEMENT, "Остап Гнатюшенко")


def _export(qtbot, casefile, out, edition="redacted"):  # noqa: F811
    casefile.exchange.export_dossier(out, DossierOptions(incidents="drafts", edition=edition))
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)


def test_the_window_lists_near_misses_and_cancel_writes_nothing(
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    misspelt_case(casefile, tmp_path)
    messages.answer = QMessageBox.StandardButton.No
    out = tmp_path / "redacted.docx"
    _export(qtbot, casefile, out)
    [(kind, _, text)] = [m for m in messages.shown if m[1] == TITLE]
    assert kind == "question"
    assert "“Гнатюшнко” looks like W-001, in E-001 quote" in text
    assert not out.exists()
    assert "Dossier written" not in messages.texts()


def test_going_on_writes_the_redacted_edition(qtbot, casefile, tmp_path, messages):  # noqa: F811
    misspelt_case(casefile, tmp_path)
    messages.answer = QMessageBox.StandardButton.Yes
    out = tmp_path / "redacted.docx"
    _export(qtbot, casefile, out)
    qtbot.waitUntil(lambda: "Dossier written" in messages.texts(), timeout=20_000)
    assert out.exists()
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "dossier.export" and entry.after["near_misses_accepted"] == 2


def test_the_full_edition_asks_nothing(qtbot, casefile, tmp_path, messages):  # noqa: F811
    misspelt_case(casefile, tmp_path)
    _export(qtbot, casefile, tmp_path / "full.docx", edition="full")
    qtbot.waitUntil(lambda: "Dossier written" in messages.texts(), timeout=20_000)
    assert not [m for m in messages.shown if m[1] == TITLE]
