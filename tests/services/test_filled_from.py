"""A filled value remembers which span it came from: set by click to fill and "use this
value", in the same audited transaction; forgotten when the value is typed by hand; put back
by undo; covered by the row's digest."""

from __future__ import annotations

import pytest

from desktop.domain.models import AuditEntry, Incident
from desktop.services import evidence, incidents, integrity, sources

pytestmark = pytest.mark.file_and_server


TEXT = ("On October 10, 2024 Russian forces executed nine Ukrainian prisoners of war near "
        "Zelenyy Shlyakh in the Kursk region.")


def _marked(tmp_path, actor, quote: str, incident: int, supports: str, fill: dict) -> int:
    path = tmp_path / "report.txt"
    if not path.exists():
        path.write_text(TEXT, encoding="utf-8")
        sources.import_files([path], actor=actor)
    start = TEXT.index(quote)
    return evidence.mark_and_fill(1, start, start + len(quote), actor=actor, fill=fill,
                                  incident=incident, supports=supports,
                                  asserted_value=str(next(iter(fill.values())))).id


def test_click_to_fill_records_the_span_each_field_came_from_in_its_own_entry(
        case, actor, tmp_path):
    incident = incidents.create_incident(actor=actor, title="Nine POWs").id
    date = _marked(tmp_path, actor, "October 10, 2024", incident, "date",
                   {"date_start": "2024-10-10", "date_precision": "day"})
    count = _marked(tmp_path, actor, "nine Ukrainian prisoners of war", incident, "victims",
                    {"victims_min": 9, "victims_max": 9})
    stored = incidents.incident_values(incident)
    assert stored["filled_from"] == {"date_start": date, "date_precision": date,
                                     "victims_min": count, "victims_max": count}
    entry = AuditEntry.select().where(AuditEntry.action == "incident.update") \
        .order_by(AuditEntry.id.desc()).get()
    assert entry.after["filled_from"]["victims_min"] == count
    assert entry.before["filled_from"] == {"date_start": date, "date_precision": date}
    assert integrity.verify_case().ok  # the column is in the row's digest, recorded by the trail


def test_typing_another_value_forgets_the_span_and_undo_remembers_it(case, actor, tmp_path):
    incident = incidents.create_incident(actor=actor, title="Nine POWs").id
    place = _marked(tmp_path, actor, "Zelenyy Shlyakh", incident, "place",
                    {"place": "Zelenyy Shlyakh"})
    typed = incidents.update_incident(incident, actor=actor, place="Zelenyi Shliakh")
    assert incidents.incident_values(incident)["filled_from"] == {}
    typed.undo(actor)
    stored = incidents.incident_values(incident)
    assert (stored["place"], stored["filled_from"]) == ("Zelenyy Shlyakh", {"place": place})
    # a hand edit of another field leaves the place's span alone
    incidents.update_incident(incident, actor=actor, country="Russia")
    assert incidents.incident_values(incident)["filled_from"] == {"place": place}


def test_a_value_used_from_a_span_replaces_the_span_it_came_from(case, actor, tmp_path):
    incident = incidents.create_incident(actor=actor, title="Nine POWs").id
    first = _marked(tmp_path, actor, "nine Ukrainian prisoners of war", incident, "victims",
                    {"victims_min": 9, "victims_max": 9})
    incidents.update_incident(incident, actor=actor, victims_max=12)
    assert incidents.incident_values(incident)["filled_from"] == {"victims_min": first}
    used = incidents.update_incident(incident, actor=actor, from_evidence=first, victims_max=9)
    assert incidents.incident_values(incident)["filled_from"] == {"victims_min": first,
                                                                  "victims_max": first}
    used.undo(actor)
    assert Incident.get_by_id(incident).filled_from == {"victims_min": first}


def test_undoing_a_mark_that_filled_forgets_both_and_redo_brings_both_back(
        case, actor, tmp_path):
    incident = incidents.create_incident(actor=actor, title="Nine POWs").id
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    sources.import_files([path], actor=actor)
    start = TEXT.index("Zelenyy Shlyakh")
    marked = evidence.mark_and_fill(1, start, start + 15, actor=actor, incident=incident,
                                    fill={"place": "Zelenyy Shlyakh"}, supports="place")
    back = marked.undo(actor)
    assert incidents.incident_values(incident)["filled_from"] == {}
    back.undo(actor)  # redo
    assert incidents.incident_values(incident)["filled_from"] == {"place": marked.id}
    assert integrity.verify_case().ok
