"""The incident form: loading, debounced valid edits, inline problems, badges and conflicts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop.domain.models import Incident
from desktop.gui.widgets.incident_form import EMPTY_TEXT, IncidentForm
from desktop.services import evidence, incidents, sources


@pytest.fixture
def form(qtbot, worked_case) -> IncidentForm:
    """The form showing INC-001 (the wounded soldier near the Phenol plant)."""
    widget = IncidentForm()
    qtbot.addWidget(widget)
    widget.resize(400, 900)
    widget.set_incident(worked_case["incidents"]["INC-001"])
    widget.show()
    return widget


def _retype(qtbot, editor: QLineEdit, text: str) -> None:
    """Select all and type, as a user replacing a value would."""
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def test_set_incident_loads_the_stored_values(form):
    assert form.editor("title").text() == "Wounded soldier executed near the Phenol plant"
    assert form.editor("date_start").text() == "2024-09-06"
    assert form.editor("time").text() == "10:00"
    assert form.editor("place").text() == "New York"
    assert form.editor("victims_min").text() == "1"
    assert form.editor("latitude").text() == ""
    assert form.editor("victim_status").currentData() == "wounded"
    assert form.qualification_box("rs_8_2_b_vi").isChecked()
    assert not form.qualification_box("rs_8_2_a_i").isChecked()
    assert form.problems() == {}


def test_typing_a_title_emits_it_after_a_pause_and_writes_nothing(qtbot, form, worked_case):
    incident_id = worked_case["incidents"]["INC-001"]
    with qtbot.waitSignal(form.fieldsEdited, timeout=3000) as blocker:
        _retype(qtbot, form.editor("title"), "Execution at the Phenol plant")
    assert blocker.args == [incident_id, {"title": "Execution at the Phenol plant"},
                            {"title": "Wounded soldier executed near the Phenol plant"}]
    stored = Incident.get_by_id(incident_id).title
    assert stored == "Wounded soldier executed near the Phenol plant"


def test_quick_keystrokes_make_one_emission(qtbot, form):
    emitted = []
    form.fieldsEdited.connect(lambda _id, changes: emitted.append(changes))
    form.editor("place").end(False)  # append, as a user who clicks after the text
    qtbot.keyClicks(form.editor("place"), " village")
    qtbot.wait(1500)
    assert emitted == [{"place": "New York village"}]


def test_flush_emits_a_pending_edit_at_once(qtbot, form):
    form.editor("country").end(False)
    qtbot.keyClicks(form.editor("country"), "-")
    with qtbot.waitSignal(form.fieldsEdited, timeout=100) as blocker:
        form.flush()
    assert blocker.args[1] == {"country": "Ukraine-"}


def test_an_invalid_latitude_stays_unsent_until_fixed(qtbot, form):
    editor = form.editor("latitude")
    with qtbot.assertNotEmitted(form.fieldsEdited, wait=1200):
        _retype(qtbot, editor, "91")
    assert "latitude" in form.problems()
    assert editor.text() == "91"
    assert editor.property("problem") is True
    with qtbot.waitSignal(form.fieldsEdited, timeout=3000) as blocker:
        _retype(qtbot, editor, "48.1")
    assert blocker.args[1] == {"latitude": 48.1}
    assert form.problems() == {}
    assert not editor.property("problem")


def test_text_that_is_not_a_number_is_a_problem(qtbot, form):
    form.editor("longitude").setText("east")
    form.flush()
    assert "longitude" in form.problems()


def test_victims_min_above_max_is_flagged_on_max(qtbot, form):
    with qtbot.assertNotEmitted(form.fieldsEdited, wait=1200):
        _retype(qtbot, form.editor("victims_min"), "16")
        _retype(qtbot, form.editor("victims_max"), "9")
    assert set(form.problems()) == {"victims_max"}
    with qtbot.waitSignal(form.fieldsEdited, timeout=3000) as blocker:
        _retype(qtbot, form.editor("victims_max"), "20")
    assert blocker.args[1] == {"victims_min": 16, "victims_max": 20}


def test_a_future_date_is_flagged(qtbot, form):
    future = (date.today() + timedelta(days=30)).isoformat()
    with qtbot.assertNotEmitted(form.fieldsEdited, wait=1200):
        _retype(qtbot, form.editor("report_date"), future)
    assert form.problems() == {"report_date": "This date is in the future."}


def test_a_combo_choice_emits_at_once(qtbot, form):
    combo = form.editor("victim_status")
    with qtbot.waitSignal(form.fieldsEdited, timeout=100) as blocker:
        combo.setCurrentIndex(combo.findData("pow"))
    assert blocker.args[1] == {"victim_status": "pow"}


def test_checking_a_qualification_emits_at_once_and_lists_its_elements(qtbot, form):
    with qtbot.waitSignal(form.fieldsEdited, timeout=100) as blocker:
        form.qualification_box("rs_8_2_a_i").setChecked(True)
    assert blocker.args[1] == {"qualifications": ["rs_8_2_b_vi", "rs_8_2_a_i"]}
    assert form.badge("rs_8_2_a_i:protected_status").isVisibleTo(form)
    assert form.coverage("rs_8_2_b_vi:killing") == "linked, not verified"  # not yet approved
    assert form.badge("rs_8_2_b_vi:killing").text() == "1 ▸"
    assert form.coverage("rs_8_2_b_vi:hors_de_combat") == "open"
    assert form.coverage("rs_8_2_a_i:killing") == "open"
    assert not form.badge("rs_8_2_b_xii:declaration").isVisibleTo(form)


def test_the_time_badge_lists_its_span_and_jumps_to_it(qtbot, form, worked_case):
    badge = form.badge("time")
    assert badge.text() == "1 ▸"
    assert form.badge("title").text() == "0"
    actions = badge.menu().actions()
    assert len(actions) == 1
    assert "around 10:00 on September 6, 2024" in actions[0].text()
    assert "(unverified)" in actions[0].text()
    with qtbot.waitSignal(form.evidenceActivated, timeout=100) as blocker:
        actions[0].trigger()
    assert blocker.args == [worked_case["evidence"]["time"]]


def test_disagreeing_sources_show_a_conflict_note(qtbot, form, worked_case, actor):
    ids = worked_case["sources"]
    un, ombudsman, hur = (ids["000_834f49a7d7f9d56b.txt"], ids["001_f8134103c8dcf54a.txt"],
                          ids["004_e29c96a0d55b127c.txt"])
    sources.update_source(un, actor=actor, publisher="UN HRMMU")
    sources.update_source(ombudsman, actor=actor, publisher="Ombudsman")
    pattern = worked_case["incidents"]["INC-002"]
    form.set_incident(pattern)
    assert form.conflict_note("victims") == ""  # one span, one value: nothing to disagree on
    for source_id, quote, value in ((ombudsman, "at least 177 Ukrainian prisoners", "177"),
                                    (hur, "more than 150 cases", "150+")):
        start = sources.source_text(source_id).index(quote)
        evidence.add_evidence(source_id, start, start + len(quote), actor=actor,
                              incident=pattern, supports="victims", asserted_value=value)
    form.refresh_backing()
    note = form.conflict_note("victims")
    assert note.startswith("Sources disagree: ")
    assert "79 (UN HRMMU)" in note
    assert "177 (Ombudsman)" in note
    assert "150+ (" in note
    assert form.badge("victims").text() == "3 ▸"
    assert form.editor("victims_min").text() == ""  # never overwritten by the sources


def test_refresh_shows_an_edit_made_elsewhere(qtbot, form, worked_case, actor):
    incident_id = worked_case["incidents"]["INC-001"]
    incidents.update_incident(incident_id, actor=actor, place="Niu-York", victims_max=2)
    form.refresh()
    assert form.editor("place").text() == "Niu-York"
    assert form.editor("victims_max").text() == "2"


def test_refresh_keeps_an_invalid_value_the_user_typed(qtbot, form, worked_case, actor):
    form.editor("time").setText("25:99")
    form.flush()
    incidents.update_incident(worked_case["incidents"]["INC-001"], actor=actor, title="Renamed")
    form.refresh()
    assert form.editor("time").text() == "25:99"
    assert "time" in form.problems()
    assert form.editor("title").text() == "Renamed"


def test_set_incident_none_shows_the_empty_state(qtbot, form):
    form.set_incident(None)
    assert form.incident_id() is None
    empty = form.findChild(QLabel, "incidentFormEmpty")
    assert empty.text() == EMPTY_TEXT == "Select or add an incident in the list on the left"
    assert empty.isVisibleTo(form)
    assert not form.editor("title").isVisibleTo(form)


def test_a_multi_line_field_is_debounced_too(qtbot, form):
    editor = form.editor("place_alternatives")
    with qtbot.waitSignal(form.fieldsEdited, timeout=3000) as blocker:
        editor.setFocus()
        qtbot.keyClicks(editor, "Niu-York")
    assert blocker.args[1] == {"place_alternatives": "Niu-York"}


def test_every_emission_is_accepted_by_update_incident(qtbot, form, worked_case, actor):
    incident_id = worked_case["incidents"]["INC-001"]
    form.fieldsEdited.connect(lambda i, changes: incidents.update_incident(i, actor=actor,
                                                                           **changes))
    form.editor("latitude").setText("48,25")
    form.editor("longitude").setText("37.9")
    form.editor("victims_max").setText("")
    form.editor("date_end").setText("2024-09-07")
    form.editor("narrative").setPlainText("Shot while lying unarmed.")
    form.flush()
    form.qualification_box("cc_ua_438").setChecked(True)
    stored = Incident.get_by_id(incident_id)
    assert (stored.latitude, stored.longitude, stored.victims_max) == (48.25, 37.9, None)
    assert stored.date_end == "2024-09-07"
    assert stored.narrative == "Shot while lying unarmed."
    assert stored.qualifications == ["rs_8_2_b_vi", "cc_ua_438"]
    assert stored.state == "draft"  # the state moves only through review
    assert not form.editor("state").isEnabled()
    assert form.problems() == {}


def test_selecting_the_same_incident_again_keeps_typing(qtbot, form, worked_case):
    form.editor("time").setText("25:99")
    form.set_incident(worked_case["incidents"]["INC-001"])
    assert form.editor("time").text() == "25:99"


def test_an_incident_deleted_elsewhere_empties_the_form(qtbot, form, worked_case, actor):
    form.editor("title").setText("Half-typed")
    incidents.delete_incident(worked_case["incidents"]["INC-001"], actor=actor)
    with qtbot.assertNotEmitted(form.fieldsEdited):
        form.refresh()
    assert form.incident_id() is None


def test_a_grade_no_other_line_bears_out_is_named_on_its_fact(form, worked_case):
    """The worked case grades the place "corroborated", but only the Prosecutor General's
    report says it: the form says so beside the fact, as the dossier does."""
    place = worked_case["evidence"]["place"]
    assert f"E-{place:03d} is graded as confirmed by other sources" in form.badge(
        "place").toolTip()
    assert "graded as confirmed" not in form.badge("time").toolTip()


def test_a_badge_is_styled_empty_or_backed_as_its_evidence_comes_and_goes(qtbot, form,
                                                                         worked_case, actor):
    """A badge looks empty without evidence and backed with it, after each refresh (it is
    restyled only when that changes)."""
    badge = form.badge("title")
    assert (badge.text(), badge.property("empty")) == ("0", True)
    pgo = worked_case["sources"]["003_b8c3f3517aeeccd0.txt"]
    marked = evidence.add_evidence(pgo, 10, 30, actor=actor, supports="title",
                                   incident=worked_case["incidents"]["INC-001"])
    form.refresh()
    assert (badge.text(), badge.property("empty")) == ("1 ▸", False)
    form.refresh()
    assert badge.property("empty") is False
    evidence.remove_evidence(marked.id, actor=actor)
    form.refresh()
    assert (badge.text(), badge.property("empty")) == ("0", True)
