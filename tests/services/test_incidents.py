"""Incidents: codes, the domain's rules on values, and delete that keeps evidence."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry, Evidence, Incident
from desktop.services import evidence, incidents, sources

pytestmark = pytest.mark.file_and_server


def test_incidents_get_consecutive_codes(case, actor):
    first = incidents.create_incident(actor=actor, title="16 POWs near Mykolaivka")
    second = incidents.create_incident(actor=actor, title="9 POWs near Zelenyy Shlyakh")
    assert (incidents.incident_code(first.id), incidents.incident_code(second.id)) == (
        "INC-001", "INC-002")


def test_each_change_is_audited_with_before_and_after(case, actor):
    incident = incidents.create_incident(actor=actor, title="Wounded soldier, Phenol plant")
    incidents.update_incident(incident.id, actor=actor, place="New York", time="10:00")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "incident.update"
    assert entry.before == {"place": "", "time": ""}
    assert entry.after == {"place": "New York", "time": "10:00"}
    assert entry.actor == actor


def test_an_edit_that_changes_nothing_writes_nothing(case, actor):
    incident = incidents.create_incident(actor=actor, title="Six POWs")
    count = AuditEntry.select().count()
    incidents.update_incident(incident.id, actor=actor, title="Six POWs")
    assert AuditEntry.select().count() == count


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"latitude": 91.0}, "latitude", "between -90 and 90"),
        ({"longitude": -181.0}, "longitude", "between -180 and 180"),
        ({"victims_min": 16, "victims_max": 9}, "victims_max", "smaller than the minimum"),
        ({"date_start": "2024-10-10", "date_end": "2024-10-01"}, "date_end", "before the start"),
        ({"date_start": "2099-01-01"}, "date_start", "in the future"),
        ({"date_start": "10/10/2024"}, "date_start", "YYYY-MM-DD"),
        ({"time": "25:00"}, "time", "HH:MM"),
        ({"qualifications": ["rs_9_9"]}, "qualifications", "Unknown legal qualification"),
        ({"victims_min": -1}, "victims_min", "negative"),
    ],
)
def test_values_that_break_a_rule_are_named_in_plain_words(values, field, message):
    problems = incidents.incident_problems(values, today=date(2025, 6, 1))
    assert message in problems[field]


def test_a_month_precision_date_is_accepted():
    assert incidents.incident_problems({"date_start": "2025-01", "date_precision": "month"},
                                       today=date(2025, 6, 1)) == {}


def test_an_invalid_update_is_refused_and_nothing_changes(case, actor):
    incident = incidents.create_incident(actor=actor, title="x", victims_min=9, victims_max=9)
    with pytest.raises(ValidationError, match="victims_max"):
        incidents.update_incident(incident.id, actor=actor, victims_min=16)
    assert Incident.get_by_id(incident.id).victims_min == 9


def test_deleting_an_incident_keeps_its_evidence_and_can_be_undone(case, actor, seed_files):
    source_id = sources.import_files(seed_files[3:4], actor=actor).source_ids[0]
    incident = incidents.create_incident(actor=actor, title="9 POWs near Zelenyy Shlyakh")
    span = evidence.add_evidence(source_id, 10, 40, actor=actor, incident=incident.id,
                                 supports="victims")
    deletion = incidents.delete_incident(incident.id, actor=actor)
    assert not Incident.select().exists()
    assert Evidence.get_by_id(span.id).incident is None
    deletion.undo(actor)
    assert Evidence.get_by_id(span.id).incident.code == "INC-001"
    actions = [a for (a,) in AuditEntry.select(AuditEntry.action).tuples()]
    assert actions[-2:] == ["incident.delete", "incident.restore"]


def test_open_elements_are_those_no_usable_evidence_covers(case, actor, seed_files):
    source_id = sources.import_files(seed_files[3:4], actor=actor).source_ids[0]
    incident = incidents.create_incident(actor=actor, title="x", qualifications=["rs_8_2_b_vi"])
    evidence.add_evidence(source_id, 0, 20, actor=actor, incident=incident.id,
                          supports="rs_8_2_b_vi:killing")
    rejected = evidence.add_evidence(source_id, 30, 50, actor=actor, incident=incident.id,
                                     supports="rs_8_2_b_vi:hors_de_combat")
    evidence.update_evidence(rejected.id, actor=actor, status="rejected")
    assert incidents.open_elements(Incident.get_by_id(incident.id)) == [
        "rs_8_2_b_vi:hors_de_combat", "rs_8_2_b_vi:hors_de_combat_knowledge",
        "rs_8_2_b_vi:armed_conflict", "rs_8_2_b_vi:conflict_knowledge"]


def test_incident_choices_list_every_incident_by_code(case, actor):
    second = incidents.create_incident(actor=actor, code="INC-002", title="Nine POWs")
    first = incidents.create_incident(actor=actor, code="INC-001", title="Six POWs")
    assert incidents.incident_choices() == [(first.id, "INC-001", "Six POWs", "draft"),
                                            (second.id, "INC-002", "Nine POWs", "draft")]
    assert incidents.incident_choices()[0].title == "Six POWs"


def test_incident_values_are_the_stored_fields_as_plain_values(case, actor):
    incident = incidents.create_incident(actor=actor, title="Six POWs", victims_min=6,
                                         latitude=48.1, qualifications=["rs_8_2_b_vi"])
    values = incidents.incident_values(incident.id)
    assert set(values) == {"code", *incidents.EDITABLE_FIELDS, "state", "state_comment",
                           "filled_from"}
    assert values["filled_from"] == {}  # nothing taken from a span yet
    assert (values["code"], values["title"], values["state"]) == ("INC-001", "Six POWs", "draft")
    assert (values["victims_min"], values["victims_max"], values["latitude"]) == (6, None, 48.1)
    assert values["qualifications"] == ["rs_8_2_b_vi"]
    assert incidents.incident_values(incident.id + 1) is None


def test_incident_exists_until_it_is_deleted(case, actor):
    incident = incidents.create_incident(actor=actor, title="Six POWs")
    assert incidents.incident_exists(incident.id)
    incidents.delete_incident(incident.id, actor=actor)
    assert not incidents.incident_exists(incident.id)


def test_incident_qualifications_are_the_chosen_codes(case, actor):
    chosen = incidents.create_incident(actor=actor, title="x", qualifications=["rs_8_2_b_vi"])
    none = incidents.create_incident(actor=actor, title="y")
    assert incidents.incident_qualifications(chosen.id) == ["rs_8_2_b_vi"]
    assert incidents.incident_qualifications(none.id) == []
    assert incidents.incident_qualifications(none.id + 1) == []


def test_an_incident_is_found_by_its_code(case, actor):
    incidents.create_incident(actor=actor, title="Six POWs")
    assert incidents.incident_id_by_code("INC-001") == Incident.get().id
    assert incidents.incident_id_by_code("INC-404") is None
