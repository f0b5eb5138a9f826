"""What the first paint does not show is built when it is first shown: the Search and History
tabs' contents and the source view's page pane. Each appears whole the first time it is used.
What a killed export left in the trail is settled once the case is on screen."""

from __future__ import annotations

from desktop.domain.models import AuditEntry
from desktop.gui.app import CasefileApp
from desktop.services import outgoing
from tests.conftest import ACTOR
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)


def test_the_search_tab_is_built_when_it_is_first_shown(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Waits")
    window, panel = casefile.window, casefile.window.search_panel
    window.show()
    qtbot.waitExposed(window)
    assert panel._parts is None  # behind the case's tab: not built for the first paint
    casefile.reading.focus_search()  # Ctrl+F's way there
    qtbot.waitUntil(panel.isVisible)
    assert panel.query.isVisible() and panel.results.isVisible() and panel.query.hasFocus()
    assert panel.query.isEnabled()  # a case is open
    panel.query.setText("nothing")
    panel.run()
    qtbot.waitUntil(lambda: panel.status.text() == "No source contains that.")


def test_the_history_table_is_built_when_its_tab_is_first_shown(qtbot, casefile,  # noqa: F811
                                                                 tmp_path):
    casefile.cases.new_case(tmp_path / "c.casefile", "Waits")
    window, panel = casefile.window, casefile.window.history_panel
    window.show()
    qtbot.waitExposed(window)
    assert panel._table is None
    window.bottom_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(panel.isVisible)
    assert panel.table.isVisible() and panel.table.model().rowCount() == 1  # "Case created"


def test_a_closed_case_clears_a_search_tab_never_shown(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "c.casefile", "Waits")
    casefile.cases.close_case()
    assert casefile.window.search_panel._parts is None
    assert not casefile.window.search_panel.isEnabled()


def test_an_interrupted_export_is_settled_once_the_case_is_on_screen(  # noqa: F811
        qtbot, settings, messages, tmp_path):  # noqa: F811
    path = tmp_path / "c.casefile"
    app = CasefileApp(settings)
    qtbot.addWidget(app.window)
    app.cases.new_case(path, "Waits")
    intent = outgoing.intend("dossier.export", tmp_path / "dossier.docx", "0" * 64,
                             summary="Exported the dossier", after={}, actor=ACTOR)
    outgoing._in_flight.discard(intent.entry_id)  # as a process killed before its rename left it
    app.cases.close_case()
    app.window.show()  # as at start-up: shown, then the case opened before the first paint
    assert app.cases.open_case(path)
    assert messages.shown == []  # nothing said over a window not yet painted
    qtbot.waitUntil(lambda: messages.shown != [])
    assert [(kind, title) for kind, title, _ in messages.shown] == [
        ("information", "An interrupted export was settled")]
    last = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert last.action == "dossier.export" + outgoing.ABANDONED
    panel = app.window.history_panel
    app.window.bottom_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(panel.isVisible)
    assert panel.model.rowCount() == AuditEntry.select().count()  # the settling told to it
    app.cases.close_case()


def test_the_review_panel_is_built_when_review_mode_first_shows_it(qtbot, casefile,  # noqa: F811
                                                                  tmp_path):
    casefile.cases.new_case(tmp_path / "c.casefile", "Waits")
    window, panel = casefile.window, casefile.window.review_panel
    qtbot.waitExposed(window)
    assert not panel._built  # its dock is hidden outside review mode
    casefile.editing.add_incident()  # the incident form tells the panel about it, unbuilt
    window.actions.review_mode.setChecked(True)
    qtbot.waitUntil(panel.isVisible)
    assert panel._built and panel.card.isVisible() and panel.comment.isVisible()
    assert not panel.selection_note.isVisible()  # shown only while several spans are selected
    assert panel.position.text() == "No evidence is waiting for review."
    assert not panel.approve.isEnabled()


def test_a_review_panel_part_asked_for_builds_them_all(qtbot):
    from desktop.gui.widgets.review_panel import ReviewPanel

    panel = ReviewPanel()
    qtbot.addWidget(panel)
    panel.show_incident("INC-001", "draft", 2)
    assert not panel._built
    assert panel.submit_incident.isEnabled() and not panel.approve_incident.isEnabled()
    assert panel._built and "INC-001" in panel.incident_label.text()


def test_a_case_opened_at_start_up_is_not_collected_before_the_first_paint(
        casefile, tmp_path, monkeypatch):  # noqa: F811
    """The entry point turns the collector off until the window is painted: opening the case
    then collects nothing (a collection would look at all that start-up made)."""
    import gc

    path = tmp_path / "c.casefile"
    casefile.cases.new_case(path, "Waits")
    casefile.cases.close_case()
    collections: list[tuple] = []
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(args) or 0)
    gc.disable()
    try:
        assert casefile.cases.open_case(path)
        assert collections == [] and gc.get_freeze_count() > 0 and not gc.isenabled()
    finally:
        gc.enable()
