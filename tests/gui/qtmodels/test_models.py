"""The Qt models over a case: structure (checked by Qt's own tester), values, filters, no writes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from desktop.domain.models import Evidence
from desktop.gui.qtmodels.evidence_model import (
    CredibilityDelegate,
    EvidenceFilterProxy,
    EvidenceModel,
)
from desktop.gui.qtmodels.incidents_model import IncidentsModel
from desktop.gui.qtmodels.sources_model import SourcesFilterProxy, SourcesModel
from desktop.services import evidence, incidents, sources

PGO = "003_b8c3f3517aeeccd0.txt"
UN = "000_834f49a7d7f9d56b.txt"
FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def cell(model, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    """The data of one cell."""
    return model.index(row, column).data(role)


def column_values(model, column: int) -> list:
    """The display values of one column, top to bottom."""
    return [cell(model, row, column) for row in range(model.rowCount())]


def add_incident_and_span(worked_case, actor) -> int:
    """Change the case behind a loaded model: a new incident with one span in the UN source."""
    incident = incidents.create_incident(actor=actor, title="Six POWs",
                                         qualifications=["rs_8_2_a_i"])
    un = worked_case["sources"][UN]
    text = sources.source_text(un)
    start = text.index("24 separate incidents")
    return evidence.add_evidence(un, start, start + 21, actor=actor, incident=incident.id,
                                 supports="rs_8_2_a_i:killing").id


@pytest.mark.parametrize("model_class", [SourcesModel, IncidentsModel, EvidenceModel])
def test_each_model_passes_qts_tester_across_reloads_and_changes(qtbot, worked_case, actor,
                                                                 model_class):
    model = model_class()
    QAbstractItemModelTester(model, FATAL)
    model.reload()
    rows = model.rowCount()
    assert rows > 0
    model.reload()
    add_incident_and_span(worked_case, actor)
    model.reload()
    assert model.rowCount() >= rows
    proxy = (EvidenceFilterProxy if model_class is EvidenceModel else SourcesFilterProxy)()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, FATAL)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    model.reload()


def test_sources_model_counts_spans_and_explains_the_grade(qtbot, worked_case):
    model = SourcesModel()
    model.reload()
    pgo = worked_case["sources"][PGO]
    row = model.row_of(pgo)
    assert model.source_id(row) == pgo
    assert cell(model, row, SourcesModel.EVIDENCE) == 3
    assert cell(model, row, SourcesModel.TITLE, Qt.ItemDataRole.UserRole) == pgo
    assert cell(model, row, SourcesModel.GRADE) == "B"
    assert "Usually reliable" in cell(model, row, SourcesModel.GRADE, Qt.ItemDataRole.ToolTipRole)
    assert sum(column_values(model, SourcesModel.EVIDENCE)) == 4
    assert model.row_of(99999) == -1


def test_sources_proxy_filters_on_title_and_publisher(qtbot, worked_case, actor):
    pgo = worked_case["sources"][PGO]
    sources.update_source(pgo, actor=actor, publisher="Ukrinform (republished)")
    model, proxy = SourcesModel(), SourcesFilterProxy()
    proxy.setSourceModel(model)
    model.reload()
    proxy.set_text("UKRINFORM (REPUB")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(Qt.ItemDataRole.UserRole) == pgo
    proxy.set_text("surrendered soldiers")  # in the title of source 003
    assert proxy.rowCount() == 1
    proxy.set_text("")
    assert proxy.rowCount() == 5


def test_sources_proxy_sorts_counts_as_numbers(qtbot, worked_case):
    model, proxy = SourcesModel(), SourcesFilterProxy()
    proxy.setSourceModel(model)
    model.reload()
    proxy.sort(SourcesModel.EVIDENCE, Qt.SortOrder.DescendingOrder)
    assert column_values(proxy, SourcesModel.EVIDENCE) == [3, 1, 0, 0, 0]


def test_incidents_model_counts_open_elements_and_evidence(qtbot, worked_case):
    model = IncidentsModel()
    model.reload()
    phenol = worked_case["incidents"]["INC-001"]
    row = model.row_of(phenol)
    assert model.incident_id(row) == phenol
    assert cell(model, row, IncidentsModel.CODE) == "INC-001"
    assert cell(model, row, IncidentsModel.STATE) == "Draft"
    assert cell(model, row, IncidentsModel.OPEN) == 4  # the killing is covered, 4 of 5 open
    assert cell(model, row, IncidentsModel.EVIDENCE) == 3
    tip = cell(model, row, IncidentsModel.OPEN, Qt.ItemDataRole.ToolTipRole)
    assert "hors de combat" in tip and "killed" not in tip
    pattern = model.row_of(worked_case["incidents"]["INC-002"])
    assert (cell(model, pattern, IncidentsModel.OPEN), cell(model, pattern,
                                                            IncidentsModel.EVIDENCE)) == (0, 1)


def test_open_elements_agree_with_the_service_and_ignore_rejected_evidence(qtbot, worked_case,
                                                                           actor):
    phenol = worked_case["incidents"]["INC-001"]
    evidence.update_evidence(worked_case["evidence"]["killing"], actor=actor, status="rejected")
    model = IncidentsModel()
    model.reload()
    expected = incidents.open_elements(incidents.Incident.get_by_id(phenol))
    assert cell(model, model.row_of(phenol), IncidentsModel.OPEN) == len(expected) == 5


def test_incidents_model_asks_for_a_rename_and_writes_nothing(qtbot, worked_case):
    model = IncidentsModel()
    model.reload()
    phenol = worked_case["incidents"]["INC-001"]
    index = model.index(model.row_of(phenol), IncidentsModel.TITLE)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.index(0, IncidentsModel.CODE).flags() & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.renameRequested) as blocker:
        assert model.setData(index, "  Execution near the Phenol plant ") is False
    assert blocker.args == [phenol, "Execution near the Phenol plant",
                            "Wounded soldier executed near the Phenol plant"]
    assert incidents.Incident.get_by_id(phenol).title.startswith("Wounded soldier")
    with qtbot.assertNotEmitted(model.renameRequested):
        model.setData(index, "   ")


def test_evidence_model_shows_each_span_as_people_read_it(qtbot, worked_case):
    model = EvidenceModel()
    model.reload()
    place = worked_case["evidence"]["place"]
    row = model.row_of(place)
    assert cell(model, row, EvidenceModel.ENO) == f"E-{place:03d}"
    assert cell(model, row, EvidenceModel.QUOTE) == "near the Phenol Plant in New York village"
    assert cell(model, row, EvidenceModel.INCIDENT) == "INC-001"
    assert cell(model, row, EvidenceModel.SUPPORTS) == "Place"
    assert cell(model, row, EvidenceModel.VALUE) == "New York"
    assert cell(model, row, EvidenceModel.STATUS) == "≈ Corroborated"
    assert cell(model, row, EvidenceModel.STATUS, Qt.ItemDataRole.BackgroundRole).name() == \
        "#b9dcf2"
    assert cell(model, row, EvidenceModel.CREDIBILITY) == "6 — Truth cannot be judged"
    assert cell(model, row, EvidenceModel.REVIEW) == "Pending review"
    assert cell(model, row, EvidenceModel.CREATED_AT) == \
        Evidence.get_by_id(place).created_at[:10]
    time_row = model.row_of(worked_case["evidence"]["time"])
    assert cell(model, time_row, EvidenceModel.CREDIBILITY) == "2 — Probably true"
    killing = model.row_of(worked_case["evidence"]["killing"])
    assert cell(model, killing, EvidenceModel.SUPPORTS).startswith("Rome Statute art. 8(2)(b)(vi)")


def test_long_quotes_are_elided_with_the_full_text_in_the_tooltip(qtbot, worked_case, actor):
    pgo = worked_case["sources"][PGO]
    span = evidence.add_evidence(pgo, 0, 300, actor=actor).id
    model = EvidenceModel()
    model.reload()
    row = model.row_of(span)
    shown = cell(model, row, EvidenceModel.QUOTE)
    assert len(shown) <= 80 and shown.endswith("…")
    full = " ".join(Evidence.get_by_id(span).quote.split()[:5])
    assert full in cell(model, row, EvidenceModel.QUOTE, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, row, EvidenceModel.INCIDENT) == "—"


def test_rejected_spans_are_struck_through_and_returned_ones_explain_why(qtbot, worked_case,
                                                                         actor):
    un_count = worked_case["evidence"]["un_count"]
    evidence.update_evidence(un_count, actor=actor, status="rejected")
    Evidence.update(review_state="returned", review_comment="Report date, not event date"
                    ).where(Evidence.id == un_count).execute()
    model = EvidenceModel()
    model.reload()
    row = model.row_of(un_count)
    assert cell(model, row, EvidenceModel.STATUS) == "✗ Rejected"
    assert cell(model, row, EvidenceModel.QUOTE, Qt.ItemDataRole.FontRole).strikeOut()
    place = model.row_of(worked_case["evidence"]["place"])
    assert cell(model, place, EvidenceModel.QUOTE, Qt.ItemDataRole.FontRole) is None
    assert cell(model, row, EvidenceModel.REVIEW) == "Returned"
    tip = cell(model, row, EvidenceModel.REVIEW, Qt.ItemDataRole.ToolTipRole)
    assert "Report date, not event date" in tip


def test_credibility_and_note_edits_are_requested_not_written(qtbot, worked_case):
    model = EvidenceModel()
    model.reload()
    place = worked_case["evidence"]["place"]
    row = model.row_of(place)
    credibility = model.index(row, EvidenceModel.CREDIBILITY)
    assert credibility.flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.index(row, EvidenceModel.STATUS).flags() & Qt.ItemFlag.ItemIsEditable
    assert credibility.data(Qt.ItemDataRole.EditRole) == "6"
    with qtbot.waitSignal(model.editRequested) as blocker:
        assert model.setData(credibility, "3") is False
    assert blocker.args == [[place], {"credibility": "3"}, {place: {"credibility": "6"}}]
    with qtbot.waitSignal(model.editRequested) as blocker:
        model.setData(model.index(row, EvidenceModel.NOTE), "Same place in the UN report")
    assert blocker.args == [[place], {"note": "Same place in the UN report"}, {place: {"note": ""}}]
    with qtbot.assertNotEmitted(model.editRequested):
        model.setData(credibility, "6")  # unchanged
        model.setData(credibility, "9")  # not a grade
    stored = Evidence.get_by_id(place)
    assert (stored.credibility, stored.note) == ("6", "")
    assert cell(model, row, EvidenceModel.CREDIBILITY).startswith("6")


def test_the_credibility_delegate_offers_the_six_grades_and_asks_for_the_pick(qtbot, worked_case):
    from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

    model = EvidenceModel()
    model.reload()
    index = model.index(model.row_of(worked_case["evidence"]["time"]), EvidenceModel.CREDIBILITY)
    parent = QWidget()
    qtbot.addWidget(parent)
    delegate = CredibilityDelegate(parent)
    combo = delegate.createEditor(parent, QStyleOptionViewItem(), index)
    delegate.setEditorData(combo, index)
    assert combo.count() == 6 and combo.currentData() == "2"
    combo.setCurrentIndex(combo.findData("1"))
    with qtbot.waitSignal(model.editRequested) as blocker:
        delegate.setModelData(combo, model, index)
    assert blocker.args[1] == {"credibility": "1"}


def test_the_scope_limits_the_model_to_one_incident(qtbot, worked_case):
    model = EvidenceModel()
    QAbstractItemModelTester(model, FATAL)
    model.set_incident_scope(worked_case["incidents"]["INC-002"])
    assert [model.evidence_id(r) for r in range(model.rowCount())] == \
        [worked_case["evidence"]["un_count"]]
    assert model.row_of(worked_case["evidence"]["place"]) == -1
    model.set_incident_scope(None)
    assert model.rowCount() == 4


def proxied_ids(proxy) -> list[int]:
    """Evidence ids in the proxy's order."""
    return [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())]


@pytest.fixture
def evidence_proxy(qtbot, worked_case):
    model, proxy = EvidenceModel(), EvidenceFilterProxy()
    proxy.setSourceModel(model)
    model.reload()
    return proxy


def test_the_evidence_proxy_filters_by_status_incident_source_and_text(evidence_proxy,
                                                                       worked_case):
    proxy, spans = evidence_proxy, worked_case["evidence"]
    proxy.set_status("verified")
    assert proxied_ids(proxy) == [spans["killing"]]
    proxy.set_status(None)
    proxy.set_incident(worked_case["incidents"]["INC-002"])
    assert proxied_ids(proxy) == [spans["un_count"]]
    proxy.set_incident(None)
    proxy.set_source(worked_case["sources"][PGO])
    assert sorted(proxied_ids(proxy)) == sorted([spans["time"], spans["place"], spans["killing"]])
    proxy.set_text("NEW YORK")  # matches the quote and the asserted value of the place span
    assert proxied_ids(proxy) == [spans["place"]]
    proxy.set_source(None)
    proxy.set_text("UN mission reports 79")  # the UN source's title
    assert proxied_ids(proxy) == [spans["un_count"]]
    proxy.set_text("")
    assert proxy.rowCount() == 4


def test_the_evidence_proxy_sorts_numbers_numerically(evidence_proxy, worked_case, actor):
    proxy = evidence_proxy
    pgo = worked_case["sources"][PGO]
    extra = [evidence.add_evidence(pgo, i * 10, i * 10 + 5, actor=actor).id for i in range(8)]
    proxy.sourceModel().reload()
    proxy.sort(EvidenceModel.ENO, Qt.SortOrder.AscendingOrder)
    ids = proxied_ids(proxy)
    assert ids == sorted(ids) and ids[-1] == extra[-1] >= 10  # E-010 after E-009
    proxy.sort(EvidenceModel.CREDIBILITY, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, EvidenceModel.CREDIBILITY).data().startswith("2")
    proxy.sort(EvidenceModel.STATUS, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, EvidenceModel.STATUS).data() == "✓ Verified"


def test_models_hold_nothing_for_an_invalid_index(qtbot, worked_case):
    for model in (SourcesModel(), IncidentsModel(), EvidenceModel()):
        model.reload()
        assert model.data(QModelIndex()) is None
        assert model.rowCount(model.index(0, 0)) == 0


def test_models_are_empty_when_no_case_is_open(qtbot):
    for model in (SourcesModel(), IncidentsModel(), EvidenceModel()):
        model.reload()
        assert model.rowCount() == 0


def test_a_long_evidence_list_reads_the_rows_it_shows_and_all_of_them_to_sort(
        qtbot, worked_case, actor, monkeypatch):
    """A big case's list holds each span's place and reads a row, with those around it, when
    a view asks what it shows; a sort reads every row at once. What it shows is the same."""
    import desktop.gui.qtmodels.evidence_model as evidence_model

    pgo = worked_case["sources"][PGO]
    for i in range(36):
        evidence.add_evidence(pgo, 1000 + i * 10, 1000 + i * 10 + 5, actor=actor)
    expected = evidence.evidence_rows()
    read = []
    reader = evidence_model.evidence_rows
    monkeypatch.setattr(evidence_model, "evidence_rows",
                        lambda **kw: read.append(rows := reader(**kw)) or rows)
    monkeypatch.setattr(EvidenceModel, "READ_AROUND", (2, 8))
    model = EvidenceModel()
    model.reload()
    assert model.rowCount() == len(expected) == 40 and read == []
    assert cell(model, 20, EvidenceModel.ENO) == expected[20].ref
    assert [len(rows) for rows in read] == [10]  # rows 18 to 27
    assert cell(model, 21, EvidenceModel.QUOTE) == expected[21].quote  # read already
    assert cell(model, 35, EvidenceModel.ENO, Qt.ItemDataRole.UserRole) == expected[35].id
    assert len(read) == 1  # a row's id is known without reading it
    proxy = EvidenceFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(EvidenceModel.ENO, Qt.SortOrder.DescendingOrder)
    assert proxied_ids(proxy) == sorted((row.id for row in expected), reverse=True)
    assert [len(rows) for rows in read] == [10, 40]
    assert [model.row_at(row) for row in range(model.rowCount())] == expected


def test_a_row_is_found_by_id_where_it_is_after_rows_come_before_it(qtbot, worked_case, actor):
    """row_of tries first where update() last put a row: that place must never be trusted once
    a later row moved it."""
    model = EvidenceModel()
    model.reload()
    un = worked_case["sources"][UN]
    text = sources.source_text(un)
    later = evidence.add_evidence(un, len(text) - 30, len(text) - 10, actor=actor).id
    model.update([later])
    assert model.evidence_id(model.row_of(later)) == later
    earlier = evidence.add_evidence(un, 0, 12, actor=actor).id
    evidence.update_evidence(later, actor=actor, note="read again")
    # One update: `later` read again in its place, then `earlier` put in before it, in text
    # order, which moves `later` down one row from where this update first found it.
    model.update([later, earlier])
    for span in (later, earlier):
        assert model.evidence_id(model.row_of(span)) == span
    evidence.remove_evidence(earlier, actor=actor)
    model.update([earlier])
    assert model.row_of(earlier) == -1
    assert model.evidence_id(model.row_of(later)) == later
    assert [model.evidence_id(model.row_of(e.id)) for e in Evidence.select()] == \
        [e.id for e in Evidence.select()]
    assert model.flags(model.index(0, EvidenceModel.NOTE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, EvidenceModel.QUOTE)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
