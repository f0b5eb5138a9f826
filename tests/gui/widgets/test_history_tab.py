"""The History tab reads the trail when it is first shown, not when a case opens behind it;
what it shows then is the whole trail, and it follows every change after."""

from __future__ import annotations

from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)


def test_the_history_is_read_when_its_tab_is_shown(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "History")
    panel = casefile.window.history_panel
    assert not panel.isVisible() and panel._stale  # nothing read behind the Evidence tab
    casefile.editing.add_incident()
    casefile.window.bottom_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(panel.isVisible)
    rows = [panel._model.index(r, 2).data() for r in range(panel._model.rowCount())]
    assert rows[:2] == ["Incident added", "Case created"]
    casefile.editing.add_incident()
    assert panel._model.index(0, 2).data() == "Incident added"
    assert panel._model.rowCount() == 3
