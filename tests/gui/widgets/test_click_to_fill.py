"""The core loop: select a passage, press E, Enter, press a status key. The fact is then filled
with the normalised value, linked and graded — for a date, a place and a count of the seed
text about the prisoners of war at Zelenyy Shlyakh. The popup suggests what the passage
supports from the passage itself, never from the last mark."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.domain.models import Evidence, Incident
from desktop.gui.widgets.dialogs.mark_evidence import MAX_WIDTH, MarkEvidenceDialog
from desktop.services import incidents, sources
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    import_seeds,
    messages,
    select_quote,
    settings,
    source_id_of,
)

FACTS = [
    ("October 10, 2024", "date", {"date_start": "2024-10-10", "date_precision": "day"}),
    ("Zelenyy Shlyakh", "place", {"place": "Zelenyy Shlyakh"}),
    ("nine Ukrainian prisoners of war", "victims", {"victims_min": 9, "victims_max": 9}),
]


@pytest.fixture
def enter_pressed(monkeypatch) -> list:
    """The popup, shown and answered with Enter: its defaults as they are."""
    shown: list[MarkEvidenceDialog] = []

    def press_enter(dialog: MarkEvidenceDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MarkEvidenceDialog, "exec", press_enter)
    return shown


def test_e_enter_and_a_status_key_fill_link_and_grade_each_fact(
        qtbot, casefile, tmp_path, enter_pressed):  # noqa: F811
    casefile.cases.new_case(tmp_path / "fill.casefile", "Zelenyy Shlyakh")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    incident = casefile.window.incident_form.incident_id()
    casefile.reading.open_source(source_id_of("003_b8c3f3517aeeccd0.txt"))
    edit = casefile.window.source_view.text_edit()
    for quote, fact, filled in FACTS:
        select_quote(casefile, quote)
        qtbot.waitUntil(edit.hasFocus)
        qtbot.keyClick(edit, Qt.Key.Key_E)
        assert enter_pressed[-1].supports.currentData() == fact  # suggested, not remembered
        span = Evidence.select().order_by(Evidence.id.desc()).get()
        assert (span.quote, span.supports, span.incident_id) == (quote, fact, incident)
        select_quote(casefile, quote)
        qtbot.keyClick(edit, Qt.Key.Key_3)  # verified
        assert Evidence.get_by_id(span.id).status == "verified"
        stored = incidents.incident_values(incident)
        assert {f: stored[f] for f in filled} == filled
        form = casefile.window.incident_form
        assert form.editor(next(iter(filled))).text() == str(next(iter(filled.values())))
    casefile.editing.undo()  # the status of the count
    casefile.editing.undo()  # the count's mark and its fill, as one step
    stored = Incident.get_by_id(incident)
    assert stored.victims_min is None and stored.place == "Zelenyy Shlyakh"


def test_a_value_that_would_replace_the_form_is_offered_unticked(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "fill.casefile", "Counts")
    incident = incidents.create_incident(actor="Olena", title="Shelling").id
    incidents.update_incident(incident, actor="Olena", victims_min=7, victims_max=7)
    dialog = MarkEvidenceDialog("nine Ukrainian prisoners of war", incident, casefile.window)
    assert dialog.supports.currentData() == "victims" and dialog.value.text() == "9"
    assert not dialog.fill.isChecked()
    assert "now" in dialog.fill_note.text() and "7" in dialog.fill_note.text()
    assert dialog.fill_fields() == {}
    dialog.fill.setChecked(True)
    assert dialog.fill_fields() == {"victims_min": 9, "victims_max": 9}


def test_choosing_another_fact_reads_the_value_for_it(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "fill.casefile", "Dates")
    incident = incidents.create_incident(actor="Olena", title="Shelling").id
    dialog = MarkEvidenceDialog("the report of 10 жовтня 2024 року", incident,
                                casefile.window)
    dialog.supports.setCurrentIndex(dialog.supports.findData("report_date"))
    dialog._supports_chosen(dialog.supports.currentIndex())
    assert dialog.value.text() == "2024-10-10"
    assert dialog.fill_fields() == {"report_date": "2024-10-10"}


def test_the_popup_stays_narrow_with_legal_elements(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "fill.casefile", "Elements")
    incident = incidents.create_incident(actor="Olena", title="Shelling").id
    incidents.update_incident(incident, actor="Olena", qualifications=["rs_8_2_b_vi"])
    dialog = MarkEvidenceDialog("The prisoners were shot.", incident, casefile.window)
    dialog.show()
    assert dialog.width() <= MAX_WIDTH <= 1000


def test_a_badge_offers_each_backing_spans_value(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "fill.casefile", "Counts")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    incident = casefile.window.incident_form.incident_id()
    source = source_id_of("003_b8c3f3517aeeccd0.txt")
    text = sources.source_text(source)
    start = text.index("nine Ukrainian prisoners of war")
    casefile.editing.add_evidence(source, start, start + 31, {
        "incident": incident, "supports": "victims", "asserted_value": "9"})
    incidents.update_incident(incident, actor="Olena", victims_min=7, victims_max=7)
    form = casefile.window.incident_form
    form.refresh()
    menu = form.badge("victims").menu()
    [use] = [a for a in menu.actions() if a.text().startswith("Use “9”")]
    assert "(E-001)" in use.text()
    use.trigger()
    stored = incidents.incident_values(incident)
    assert (stored["victims_min"], stored["victims_max"]) == (9, 9)
    form.refresh()
    menu = form.badge("victims").menu()
    assert not [a for a in menu.actions() if a.text().startswith("Use")]  # it holds it now


def test_the_popup_stands_clear_of_the_passage_it_marks(
        qtbot, casefile, tmp_path, enter_pressed):  # noqa: F811
    casefile.cases.new_case(tmp_path / "fill.casefile", "Zelenyy Shlyakh")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    casefile.reading.open_source(source_id_of("003_b8c3f3517aeeccd0.txt"))
    select_quote(casefile, "Russian forces have executed a wounded Ukrainian soldier")
    passage = casefile.window.source_view.selection_area()
    assert passage is not None and passage.height() > 0
    casefile.editing.mark_evidence()
    dialog = enter_pressed[-1]
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_Moved)  # placed, not centred over it
    assert not dialog.geometry().intersects(passage)
    window = casefile.window.frameGeometry().intersected(dialog.screen().availableGeometry())
    assert window.left() <= dialog.x() and dialog.geometry().right() <= window.right()


@pytest.mark.parametrize(("quote", "fact", "value"), [
    ("October 10, 2024", "date", "2024-10-10"),
    ("близько 10:00", "time", "10:00"),
    ("дев'ятьох військовополонених", "victims", "9"),
    ("Zelenyy Shlyakh", "place", "Zelenyy Shlyakh"),
    ("Russian troops", "perpetrator", "Russian troops"),
    ("The prisoners were lined up and shot.", "narrative", None),
])
def test_the_popup_suggests_by_what_the_passage_is(
        qtbot, casefile, tmp_path, quote, fact, value):  # noqa: F811
    casefile.cases.new_case(tmp_path / "fill.casefile", "Suggestions")
    incident = incidents.create_incident(actor="Olena", title="Shelling").id
    previous = MarkEvidenceDialog("Zelenyy Shlyakh", incident, casefile.window)
    previous.supports.setCurrentIndex(previous.supports.findData("report_date"))
    previous.accept()  # the last choice, which the next popup must not take
    dialog = MarkEvidenceDialog(quote, incident, casefile.window)
    assert dialog.supports.currentData() == fact
    if value is not None:  # what happened has no value of its own to read
        assert dialog.value.text() == value


def test_legal_elements_are_a_second_list_under_their_qualification(
        qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "fill.casefile", "Elements")
    incident = incidents.create_incident(actor="Olena", title="Shelling").id
    incidents.update_incident(incident, actor="Olena", qualifications=["rs_8_2_b_vi"])
    dialog = MarkEvidenceDialog("The prisoners were shot.", incident, casefile.window)
    combo, model = dialog.supports, dialog.supports.model()
    heading = next(r for r in range(combo.count()) if combo.itemText(r).startswith("Rome"))
    assert combo.itemData(heading) is None and not model.item(heading).isEnabled()
    assert combo.itemText(heading - 1) == ""  # a separator above it
    elements = [r for r in range(heading + 1, combo.count())]
    assert elements and all(str(combo.itemData(r)).startswith("rs_8_2_b_vi:") for r in elements)
    first = combo.itemText(elements[0])
    assert "Rome" not in first  # compact: the heading names the statute once
    assert combo.itemData(elements[0], Qt.ItemDataRole.ToolTipRole).endswith(first.strip())
    assert combo.currentData() == "narrative"  # never the heading
