"""The navigator: filtering and opening sources, choosing and managing incidents, by id."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from desktop.gui.qtmodels.incidents_model import IncidentsModel
from desktop.gui.widgets.navigator import Navigator
from desktop.services import incidents, sources

PGO = "003_b8c3f3517aeeccd0.txt"


@pytest.fixture
def navigator(qtbot, worked_case):
    widget = Navigator()
    qtbot.addWidget(widget)
    widget.resize(300, 700)
    widget.reload()
    widget.show()
    return widget


def shown_source_ids(navigator: Navigator) -> list[int]:
    proxy = navigator.sources_proxy
    return [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())]


def test_the_filter_box_narrows_the_sources(navigator, worked_case, actor):
    pgo = worked_case["sources"][PGO]
    sources.update_source(pgo, actor=actor, publisher="Office of the Prosecutor General")
    navigator.reload()
    assert navigator.source_filter.placeholderText() == "Filter sources…"
    assert len(shown_source_ids(navigator)) == 5
    navigator.source_filter.setText("prosecutor GENERAL")
    assert shown_source_ids(navigator) == [pgo]
    assert navigator.sources_title.text() == "Sources (1 of 5)"
    navigator.source_filter.clear()
    assert len(shown_source_ids(navigator)) == 5


def test_double_click_and_enter_open_a_source(qtbot, navigator, worked_case):
    pgo = worked_case["sources"][PGO]
    assert navigator.select_source(pgo)
    view = navigator.sources_view
    rect = view.visualRect(view.currentIndex())
    with qtbot.waitSignal(navigator.sourceActivated) as blocker:
        # QTest's double click alone has no press before it; a view wants both.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [pgo]
    with qtbot.waitSignal(navigator.sourceActivated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [pgo]


def test_the_context_menu_asks_to_edit_source_details(qtbot, navigator, worked_case):
    pgo = worked_case["sources"][PGO]
    menu = navigator.source_menu(pgo)
    edit = next(a for a in menu.actions() if a.text() == "Edit source details…")
    with qtbot.waitSignal(navigator.sourceEditRequested) as blocker:
        edit.trigger()
    assert blocker.args == [pgo]


def test_selecting_an_incident_emits_its_id_once(qtbot, navigator, worked_case):
    phenol = worked_case["incidents"]["INC-001"]
    with qtbot.waitSignal(navigator.incidentSelected) as blocker:
        navigator.select_incident(phenol)
    assert blocker.args == [phenol]
    assert navigator.current_incident_id() == phenol
    with qtbot.assertNotEmitted(navigator.incidentSelected):
        navigator.select_incident(phenol)
        navigator.reload()
    view = navigator.incidents_view
    pattern = worked_case["incidents"]["INC-002"]
    row = navigator.incidents_proxy.match(navigator.incidents_proxy.index(0, 0),
                                          Qt.ItemDataRole.UserRole, pattern)[0].row()
    with qtbot.waitSignal(navigator.incidentSelected) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(view.model().index(row, 0)).center())
    assert blocker.args == [pattern]


def test_add_and_delete_ask_and_do_not_act(qtbot, navigator, worked_case):
    phenol = worked_case["incidents"]["INC-001"]
    with qtbot.waitSignal(navigator.incidentAddRequested):
        navigator.add_button.click()
    assert not navigator.delete_button.isEnabled()  # nothing selected yet
    navigator.select_incident(phenol)
    with qtbot.waitSignal(navigator.incidentDeleteRequested) as blocker:
        navigator.delete_button.click()
    assert blocker.args == [phenol]
    with qtbot.waitSignal(navigator.incidentDeleteRequested) as blocker:
        qtbot.keyClick(navigator.incidents_view, Qt.Key.Key_Delete)
    assert blocker.args == [phenol]
    assert navigator.incidents_model.rowCount() == 2


def test_rename_edits_the_title_in_place_and_asks_for_the_change(qtbot, navigator, worked_case):
    phenol = worked_case["incidents"]["INC-001"]
    navigator.select_incident(phenol)
    navigator.rename_button.click()
    view = navigator.incidents_view
    assert view.state() == QAbstractItemView.State.EditingState
    editor = view.viewport().findChild(QLineEdit)
    editor.setText("Execution of a wounded soldier, Phenol plant")
    with qtbot.waitSignal(navigator.incidentRenameRequested) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert blocker.args[:2] == [phenol, "Execution of a wounded soldier, Phenol plant"]
    assert incidents.Incident.get_by_id(phenol).title.startswith("Wounded soldier")


def test_reload_keeps_the_selections_and_shows_changes(qtbot, navigator, worked_case, actor):
    pgo = worked_case["sources"][PGO]
    pattern = worked_case["incidents"]["INC-002"]
    navigator.select_source(pgo)
    navigator.select_incident(pattern)
    incidents.create_incident(actor=actor, code="INC-000", title="Sorted first")
    incidents.update_incident(pattern, actor=actor, title="Pattern, renamed")
    navigator.reload()
    assert navigator.current_source_id() == pgo
    assert navigator.current_incident_id() == pattern
    model = navigator.incidents_model
    assert model.index(model.row_of(pattern), IncidentsModel.TITLE).data() == "Pattern, renamed"
    assert navigator.incidents_title.text() == "Incidents (3)"


def test_a_deleted_incident_clears_the_selection(qtbot, navigator, worked_case, actor):
    pattern = worked_case["incidents"]["INC-002"]
    navigator.select_incident(pattern)
    incidents.delete_incident(pattern, actor=actor)
    with qtbot.waitSignal(navigator.incidentSelectionCleared):
        navigator.reload()
    assert navigator.current_incident_id() is None
    assert not navigator.rename_button.isEnabled()


def test_selecting_a_filtered_out_source_clears_the_filter(navigator, worked_case):
    navigator.source_filter.setText("no such source")
    assert navigator.select_source(worked_case["sources"][PGO])
    assert navigator.source_filter.text() == ""
    assert not navigator.select_source(99999)


def test_reload_without_an_open_case_empties_the_navigator(qtbot):
    navigator = Navigator()
    qtbot.addWidget(navigator)
    navigator.reload()
    assert navigator.sources_model.rowCount() == navigator.incidents_model.rowCount() == 0
    assert navigator.current_incident_id() is None


def test_filtering_does_not_move_the_source_selection(navigator, worked_case):
    pgo = worked_case["sources"][PGO]
    navigator.select_source(pgo)
    navigator.source_filter.setText("military intelligence")
    assert navigator.current_source_id() is None
    navigator.source_filter.clear()
    assert navigator.current_source_id() == pgo


def test_a_source_hidden_by_the_filter_stays_chosen_across_a_reload(navigator, worked_case):
    pgo = worked_case["sources"][PGO]
    navigator.select_source(pgo)
    navigator.source_filter.setText("military intelligence")
    navigator.reload()
    assert navigator.source_filter.text() == "military intelligence"  # the user's filter stays
    navigator.source_filter.clear()
    assert navigator.current_source_id() == pgo


def test_columns_fit_what_the_rows_show_and_widen_for_a_changed_row(navigator, worked_case,
                                                                     actor):
    """Columns are fitted to the rows on screen; a change redraws its row, and widens its
    column only when the row no longer fits (no other row is measured again)."""
    from desktop.services import review

    view, model = navigator.incidents_view, navigator.incidents_model
    navigator.resize(600, 700)  # room for every column: none gives way to the title
    header, state = view.horizontalHeader(), IncidentsModel.STATE
    fits = max(view.sizeHintForIndex(navigator.incidents_proxy.index(r, state)).width()
               for r in range(navigator.incidents_proxy.rowCount()))
    assert header.sectionSize(state) == max(fits, header.sectionSizeHint(state))
    incident = worked_case["incidents"]["INC-002"]
    header.resizeSection(state, 10)  # as if what was shown so far were narrower
    navigator.case_changed(review.submit_incident(incident, actor=actor))
    shown = navigator.incidents_proxy.mapFromSource(model.index(model.row_of(incident), state))
    assert shown.data() == "In review"
    assert header.sectionSize(state) == view.sizeHintForIndex(shown).width()
