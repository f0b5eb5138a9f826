"""A filled value remembers which span it came from: after E, Enter the form says “from
E-00n” under the date, the place and the count, a click on it goes to the span, and it is
still there after the case is reopened; typing another value by hand forgets it, undo brings
it back, and a badge's “Use …” records the span it takes the value from."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.domain import refs
from desktop.domain.models import Evidence
from desktop.services import incidents
from tests.gui.widgets.test_click_to_fill import FACTS, enter_pressed  # noqa: F401 (fixture)
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    import_seeds,
    messages,
    select_quote,
    settings,
    source_id_of,
)


def _mark_the_three_facts(qtbot, casefile, tmp_path) -> tuple[int, dict[str, int]]:  # noqa: F811
    path = tmp_path / "fill.casefile"
    casefile.cases.new_case(path, "Zelenyy Shlyakh")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()
    incident = casefile.window.incident_form.incident_id()
    casefile.reading.open_source(source_id_of("003_b8c3f3517aeeccd0.txt"))
    edit = casefile.window.source_view.text_edit()
    spans = {}
    for quote, fact, _filled in FACTS:
        select_quote(casefile, quote)
        qtbot.waitUntil(edit.hasFocus)
        qtbot.keyClick(edit, Qt.Key.Key_E)
        spans[fact] = Evidence.select().order_by(Evidence.id.desc()).get().id
    return incident, spans


def _origin_text(form, fact: str) -> str:
    return form._origins[fact].text()


def test_e_enter_shows_where_each_value_came_from_and_it_survives_reopening(
        qtbot, casefile, tmp_path, enter_pressed):  # noqa: F811
    incident, spans = _mark_the_three_facts(qtbot, casefile, tmp_path)
    form = casefile.window.incident_form
    for fact, span in spans.items():
        assert form.filled_from(fact) == [span]
        assert refs.evidence_ref(span) in _origin_text(form, fact)
    assert "Zelenyy Shlyakh" in form.editor("place").toolTip()
    assert refs.evidence_ref(spans["victims"]) in form.editor("victims_min").toolTip()
    path = casefile.cases.case_file
    assert casefile.cases.close_case()
    assert casefile.cases.open_case(path)
    casefile.editing.select_incident(incident)
    form = casefile.window.incident_form
    assert {fact: form.filled_from(fact) for fact in spans} == {
        fact: [span] for fact, span in spans.items()}


def test_a_click_on_from_goes_to_the_span(qtbot, casefile, tmp_path, enter_pressed):  # noqa: F811
    _incident, spans = _mark_the_three_facts(qtbot, casefile, tmp_path)
    casefile.window.evidence_panel.select_evidence(spans["victims"])  # the last one marked
    form = casefile.window.incident_form
    label = form._origins["date"]
    form._scroll.ensureWidgetVisible(label)
    qtbot.waitUntil(label.isVisible)
    words = label.fontMetrics()
    plain = label.text().split("<a")[0]  # "from " in the interface language
    link_at = QPoint(words.horizontalAdvance(plain) + words.horizontalAdvance("E-0") // 2,
                     label.height() // 2)
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=link_at)
    assert casefile.window.evidence_panel.current_id() == spans["date"]
    assert casefile.window.source_view._selected == spans["date"]


def test_typing_another_place_forgets_its_span_and_undo_brings_it_back(
        qtbot, casefile, tmp_path, enter_pressed):  # noqa: F811
    incident, spans = _mark_the_three_facts(qtbot, casefile, tmp_path)
    form = casefile.window.incident_form
    place = form.editor("place")
    place.setFocus()
    place.selectAll()
    qtbot.keyClicks(place, "Zelenyi Shliakh")
    qtbot.keyClick(place, Qt.Key.Key_Tab)  # leaving the editor ends the edit
    qtbot.waitUntil(lambda: incidents.incident_values(incident)["place"] == "Zelenyi Shliakh")
    assert form.filled_from("place") == [] and not _origin_text(form, "place")
    assert form.filled_from("victims") == [spans["victims"]]  # other facts keep theirs
    assert "place" not in incidents.incident_values(incident)["filled_from"]
    casefile.editing.undo()
    assert incidents.incident_values(incident)["place"] == "Zelenyy Shlyakh"
    assert form.filled_from("place") == [spans["place"]]


def test_use_this_value_records_the_span_it_takes_the_value_from(
        qtbot, casefile, tmp_path, enter_pressed):  # noqa: F811
    incident, spans = _mark_the_three_facts(qtbot, casefile, tmp_path)
    form = casefile.window.incident_form
    count = form.editor("victims_min")
    count.setFocus()
    count.selectAll()
    qtbot.keyClicks(count, "7")
    qtbot.keyClick(count, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: incidents.incident_values(incident)["victims_min"] == 7)
    assert incidents.incident_values(incident)["filled_from"].get("victims_min") is None
    menu = form.badge("victims").menu()
    use = next(a for a in menu.actions() if a.text().startswith("Use “9”"))
    use.trigger()
    stored = incidents.incident_values(incident)
    assert (stored["victims_min"], stored["filled_from"]["victims_min"]) == (9, spans["victims"])
    assert form.filled_from("victims") == [spans["victims"]]
