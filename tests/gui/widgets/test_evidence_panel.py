"""The evidence panel: filters, the incident scope, selection by id, and requests by signal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox

from desktop.domain.models import Evidence
from desktop.gui.qtmodels.evidence_model import EvidenceModel
from desktop.gui.widgets.evidence_panel import EvidencePanel
from desktop.services import evidence, sources

PGO = "003_b8c3f3517aeeccd0.txt"


@pytest.fixture
def panel(qtbot, worked_case):
    widget = EvidencePanel()
    qtbot.addWidget(widget)
    widget.resize(1200, 260)
    widget.reload()
    widget.show()
    return widget


def shown_ids(panel: EvidencePanel) -> list[int]:
    proxy = panel.proxy()
    return [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())]


def pick(combo: QComboBox, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_a_panel_can_be_built_before_a_case_is_open(qtbot):
    panel = EvidencePanel()
    qtbot.addWidget(panel)
    panel.reload()  # what the main window does when a case is closed
    assert panel.model().rowCount() == 0 and panel.selected_ids() == []
    assert panel.source_combo.count() == panel.incident_combo.count() == 1


def test_the_filter_bar_narrows_the_table(panel, worked_case):
    spans = worked_case["evidence"]
    assert len(shown_ids(panel)) == 4
    assert panel.status_combo.itemText(0) == "All statuses"
    pick(panel.status_combo, "verified")
    assert shown_ids(panel) == [spans["killing"]]
    assert panel.count_label.text() == "1 of 4 spans"
    panel.status_combo.setCurrentIndex(0)
    pick(panel.incident_combo, worked_case["incidents"]["INC-002"])
    assert shown_ids(panel) == [spans["un_count"]]
    panel.incident_combo.setCurrentIndex(0)
    pick(panel.source_combo, worked_case["sources"][PGO])
    assert sorted(shown_ids(panel)) == sorted([spans["time"], spans["place"], spans["killing"]])
    assert panel.search.placeholderText() == "Filter quotes and notes…"
    panel.search.setText("phenol")
    assert shown_ids(panel) == [spans["place"]]
    panel.clear_filters()
    assert len(shown_ids(panel)) == 4


def test_current_incident_only_limits_the_table_to_that_incident(panel, worked_case):
    spans = worked_case["evidence"]
    assert not panel.scope_box.isEnabled()  # no incident chosen yet
    panel.set_current_incident(worked_case["incidents"]["INC-002"])
    assert len(shown_ids(panel)) == 4  # the box is not ticked
    panel.scope_box.setChecked(True)
    assert shown_ids(panel) == [spans["un_count"]]
    assert not panel.incident_combo.isEnabled()
    assert panel.incident_combo.currentText().startswith("INC-002")
    panel.set_current_incident(worked_case["incidents"]["INC-001"])
    assert sorted(shown_ids(panel)) == sorted([spans["time"], spans["place"], spans["killing"]])
    assert panel.incident_combo.currentText().startswith("INC-001")
    panel.set_current_incident(None)
    assert len(shown_ids(panel)) == 4 and not panel.scope_box.isEnabled()
    assert panel.incident_combo.isEnabled() and panel.incident_combo.currentIndex() == 0


def test_double_click_and_enter_activate_a_span(qtbot, panel, worked_case):
    place = worked_case["evidence"]["place"]
    panel.select_evidence(place)
    view = panel.view
    center = view.visualRect(view.currentIndex().siblingAtColumn(EvidenceModel.QUOTE)).center()
    with qtbot.waitSignal(panel.evidenceActivated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == [place]
    with qtbot.waitSignal(panel.evidenceActivated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert blocker.args == [place]


def test_select_evidence_selects_scrolls_and_lifts_what_hides_it(qtbot, panel, worked_case):
    spans = worked_case["evidence"]
    panel.set_current_incident(worked_case["incidents"]["INC-002"])
    panel.scope_box.setChecked(True)
    pick(panel.status_combo, "rejected")
    with qtbot.waitSignal(panel.selectionChangedIds) as blocker:
        assert panel.select_evidence(spans["killing"])
    assert blocker.args == [[spans["killing"]]]
    assert panel.selected_ids() == [spans["killing"]]
    assert not panel.scope_box.isChecked() and panel.status_combo.currentIndex() == 0
    assert not panel.select_evidence(99999)


def test_extended_selection_reports_every_selected_id(qtbot, panel, worked_case):
    panel.view.selectAll()
    assert sorted(panel.selected_ids()) == sorted(worked_case["evidence"].values())


def test_reload_keeps_the_selection_and_shows_new_evidence(qtbot, panel, worked_case, actor):
    spans = worked_case["evidence"]
    panel.select_evidence(spans["killing"])
    pgo = worked_case["sources"][PGO]
    new = evidence.add_evidence(pgo, 0, 20, actor=actor).id
    evidence.update_evidence(spans["killing"], actor=actor, note="Seen on the footage")
    with qtbot.assertNotEmitted(panel.selectionChangedIds):
        panel.reload()
    assert panel.selected_ids() == [spans["killing"]]
    assert new in shown_ids(panel)
    model = panel.model()
    note = model.index(model.row_of(spans["killing"]), EvidenceModel.NOTE).data()
    assert note == "Seen on the footage"


def test_reload_refreshes_the_filter_choices(panel, worked_case, actor):
    pgo = worked_case["sources"][PGO]
    pick(panel.source_combo, pgo)
    sources.update_source(pgo, actor=actor, title="PGO statement")
    panel.reload()
    assert panel.source_combo.currentData() == pgo
    assert panel.source_combo.currentText() == "PGO statement"
    assert panel.incident_combo.count() == 3  # all + two incidents


def test_edits_are_forwarded_and_not_written(qtbot, panel, worked_case):
    place = worked_case["evidence"]["place"]
    model = panel.model()
    index = panel.proxy().mapFromSource(
        model.index(model.row_of(place), EvidenceModel.CREDIBILITY))
    with qtbot.waitSignal(panel.editRequested) as blocker:
        panel.proxy().setData(index, "2")
    assert blocker.args[:2] == [[place], {"credibility": "2"}]
    assert Evidence.get_by_id(place).credibility == "6"


def test_the_credibility_cell_is_edited_with_a_combo(qtbot, panel, worked_case):
    place = worked_case["evidence"]["place"]
    panel.select_evidence(place)
    index = panel.view.currentIndex().siblingAtColumn(EvidenceModel.CREDIBILITY)
    panel.view.setCurrentIndex(index)
    panel.view.edit(index)
    combo = panel.view.viewport().findChild(QComboBox)
    assert combo is not None and combo.count() == 6
    with qtbot.waitSignal(panel.editRequested) as blocker:
        combo.setCurrentIndex(combo.findData("1"))  # a pick in the popup does both
        combo.activated.emit(combo.currentIndex())
    assert blocker.args[:2] == [[place], {"credibility": "1"}]


def test_the_table_sorts_by_a_clicked_column(qtbot, panel):
    header = panel.view.horizontalHeader()
    x = header.sectionViewportPosition(EvidenceModel.ENO) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))
    ids = shown_ids(panel)
    assert ids in (sorted(ids), sorted(ids, reverse=True))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))
    assert shown_ids(panel) == ids[::-1]


def test_the_count_follows_a_span_removed_and_put_back(panel, worked_case, actor):
    span = worked_case["evidence"]["killing"]
    snapshot = evidence.snapshot_of(span)
    panel.case_changed(evidence.remove_evidence(span, actor=actor))
    assert panel.count_label.text() == "3 spans"  # not "3 of 4": no filter hides a span
    panel.case_changed(evidence.restore_evidence(snapshot, actor=actor))
    assert panel.count_label.text() == "4 spans"
