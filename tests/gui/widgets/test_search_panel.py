"""The window's search panel: what its box says, hits that follow an import, a hit's whole row
opening its source."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.domain.models import Source
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)

UKRAINIAN = "Полонені українські військові були розстріляні поблизу Курської області."


def _search(qtbot, app, text: str) -> None:
    panel = app.window.search_panel
    panel.query.setText(text)
    panel.run()
    qtbot.waitUntil(lambda: not app.background.busy(), timeout=20_000)


def test_the_search_box_says_words_find_their_other_forms_and_phrases_are_exact(casefile):  # noqa: F811
    box = casefile.window.search_panel.query
    assert "any form" in box.placeholderText() and "exact phrase" in box.placeholderText()
    assert "word also finds its other forms" in box.toolTip()
    assert "in quotes is found exactly" in box.toolTip()


def test_hits_follow_an_import_and_a_hits_whole_row_opens_its_source(
        qtbot, casefile, tmp_path):  # noqa: F811
    assert casefile.cases.new_case(tmp_path / "pow.casefile", "Executions of surrendered POWs")
    window = casefile.window
    window.show_search()
    _search(qtbot, casefile, "полонених")
    assert window.search_panel.status.text() == "No source contains that."

    statement, other = tmp_path / "pgo.txt", tmp_path / "other.txt"
    statement.write_text(UKRAINIAN, encoding="utf-8")
    other.write_text("A statement on shelling in Kharkiv.", encoding="utf-8")
    casefile.exchange.import_paths([statement, other])
    qtbot.waitUntil(lambda: "1 source" in window.search_panel.status.text(), timeout=20_000)
    assert "<b" in window.search_panel.results.toHtml()
    _search(qtbot, casefile, "Курськ")  # the town's name finds "Курської" in the text
    assert window.search_panel.status.text().startswith("1 source")
    assert "Курської" in window.search_panel.results.toPlainText()
    casefile.reading.open_source(Source.get(Source.original_name == "other.txt").id)

    results = window.search_panel.results
    block = results.document().firstBlock()
    area = results.document().documentLayout().blockBoundingRect(block)
    below_the_title = QPoint(int(area.left() + area.width() / 2), int(area.bottom() - 16))
    assert not results.anchorAt(below_the_title)  # the snippet, not the title's link
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=below_the_title)
    wanted = Source.get(Source.original_name == "pgo.txt").id
    qtbot.waitUntil(lambda: window.source_view.source_id() == wanted, timeout=5_000)
