"""One click opens a source; the evidence list's current span is the one outlined in the source,
so a status key acts on what the user sees."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain.models import Evidence
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    import_seeds,
    messages,
    settings,
)


def test_one_click_on_a_source_opens_it(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Clicks")
    import_seeds(qtbot, casefile)
    view = casefile.window.navigator.sources_view
    index = view.model().index(1, 0)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert casefile.window.source_view.source_id() == index.data(Qt.ItemDataRole.UserRole)


def test_the_list_row_clicked_is_the_span_outlined_and_graded(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Clicks")
    import_seeds(qtbot, casefile)
    source = casefile.window.navigator.sources_view.model().index(0, 0).data(
        Qt.ItemDataRole.UserRole)
    casefile.reading.open_source(source)
    first = casefile.editing.add_evidence(source, 0, 20, {})
    second = casefile.editing.add_evidence(source, 30, 50, {})
    view = casefile.window.source_view
    casefile.reading.show_evidence(first)
    assert view._selected == first
    panel = casefile.window.evidence_panel
    panel.select_evidence(second)  # as a click on its row does
    assert view._selected == second
    panel.view.setFocus()
    casefile.editing.set_status("verified")
    assert Evidence.get_by_id(second).status == "verified"
    assert Evidence.get_by_id(first).status != "verified"
