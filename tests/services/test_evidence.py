"""Evidence spans: marked by offsets, stored with their quote, audited on every change."""

from __future__ import annotations

import json

import pytest
from peewee import fn

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry, Evidence
from desktop.services import audit, evidence, incidents, review, sources
from desktop.services.changes import Kind

pytestmark = pytest.mark.file_and_server


QUOTE = "The incident occurred around 10:00 on September 6, 2024"


@pytest.fixture
def pgo(case, actor, seed_files):
    """The Prosecutor General's report (seed 003) and an incident for it."""
    source_id = sources.import_files(seed_files[3:4], actor=actor).source_ids[0]
    incident = incidents.create_incident(actor=actor, title="Wounded soldier, Phenol plant")
    return source_id, incident.id, sources.source_text(source_id)


def test_a_span_stores_its_quote_and_context(pgo, actor):
    source_id, incident_id, text = pgo
    start = text.index(QUOTE)
    span = evidence.add_evidence(source_id, start, start + len(QUOTE), actor=actor,
                                 incident=incident_id, supports="time", asserted_value="10:00",
                                 credibility="2")
    stored = Evidence.get_by_id(span.id)
    assert stored.quote == QUOTE
    assert text[start - len(stored.prefix):start] == stored.prefix
    assert stored.suffix.startswith(", near the Phenol Plant")
    assert (stored.status, stored.review_state, stored.created_by) == ("unverified", "pending",
                                                                        actor)


def test_adding_changing_and_removing_are_each_audited(pgo, actor):
    source_id, incident_id, _ = pgo
    span = evidence.add_evidence(source_id, 0, 30, actor=actor, incident=incident_id,
                                 supports="narrative")
    evidence.update_evidence(span.id, actor=actor, status="corroborated", note="Also in UN report")
    snapshot = evidence.snapshot_of(span.id)
    evidence.remove_evidence(span.id, actor=actor)
    entries = list(AuditEntry.select().where(AuditEntry.object_type == "evidence"))
    assert [e.action for e in entries] == ["evidence.add", "evidence.update", "evidence.remove"]
    assert entries[1].before == {"status": "unverified", "note": ""}
    assert entries[1].after == {"status": "corroborated", "note": "Also in UN report"}
    assert entries[2].before["quote"] == snapshot["quote"]


def test_a_removed_span_is_restored_exactly(pgo, actor):
    source_id, incident_id, _ = pgo
    span = evidence.add_evidence(source_id, 5, 25, actor=actor, incident=incident_id,
                                 supports="date", asserted_value="2024-09-06", credibility="3")
    snapshot = evidence.snapshot_of(span.id)
    removal = evidence.remove_evidence(span.id, actor=actor)
    removal.undo(actor)
    assert audit.snapshot(Evidence.get_by_id(span.id)) == snapshot


def test_a_bulk_status_change_is_one_transaction(pgo, actor, monkeypatch, audit_fails_at):
    source_id, incident_id, _ = pgo
    ids = [evidence.add_evidence(source_id, i * 10, i * 10 + 5, actor=actor).id for i in range(5)]
    audit_fails_at(4)
    with pytest.raises(RuntimeError):
        evidence.update_evidence(ids, actor=actor, status="verified")
    assert {e.status for e in Evidence.select()} == {"unverified"}
    monkeypatch.undo()  # the disk has room again
    changed = evidence.update_evidence(ids, actor=actor, status="verified")
    assert len(changed.ids(Kind.EVIDENCE)) == 5


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"status": "probable"}, "status must be one of"),
        ({"credibility": "7"}, "credibility must be one of"),
        ({"supports": "weather"}, "neither an incident field nor a legal element"),
        ({"incident": 999}, "no incident with id 999"),
    ],
)
def test_invalid_values_are_refused(pgo, actor, values, message):
    source_id, _, _ = pgo
    with pytest.raises(ValidationError, match=message):
        evidence.add_evidence(source_id, 0, 10, actor=actor, **values)
    assert not Evidence.select().exists()


def test_a_span_outside_the_text_is_refused(pgo, actor):
    source_id, _, text = pgo
    with pytest.raises(ValidationError, match="not inside the source text"):
        evidence.add_evidence(source_id, len(text) - 2, len(text) + 10, actor=actor)


def test_an_audit_entry_cannot_be_written_outside_a_transaction(case, actor):
    with pytest.raises(RuntimeError, match="transaction"):
        audit.record("case.update", actor=actor)


def test_counts_by_status(pgo, actor):
    source_id, _, _ = pgo
    ids = [evidence.add_evidence(source_id, i * 10, i * 10 + 5, actor=actor).id for i in range(3)]
    evidence.update_evidence(ids[:2], actor=actor, status="contested")
    assert evidence.counts_by_status() == {"contested": 2, "unverified": 1}


def test_the_source_of_a_span_is_read_alone(pgo, actor):
    source_id, _, _ = pgo
    span = evidence.add_evidence(source_id, 10, 20, actor=actor).id
    assert evidence.source_of(span) == source_id
    evidence.remove_evidence(span, actor=actor)
    assert evidence.source_of(span) is None


def test_conflicting_counts_are_listed_with_who_says_what(pgo, actor):
    source_id, incident_id, _ = pgo
    for start, value in ((0, "79"), (40, "177"), (80, " 79 "), (120, "150+")):
        evidence.add_evidence(source_id, start, start + 20, actor=actor, incident=incident_id,
                              supports="victims", asserted_value=value)
    rejected = evidence.add_evidence(source_id, 160, 180, actor=actor, incident=incident_id,
                                     supports="victims", asserted_value="93")
    evidence.update_evidence(rejected.id, actor=actor, status="rejected")
    found = evidence.conflicts(incident_id)
    assert set(found) == {"victims"}
    assert sorted(found["victims"]) == ["150+", "177", "79"]
    assert len(found["victims"]["79"]) == 2


def test_agreeing_values_are_not_a_conflict(pgo, actor):
    source_id, incident_id, _ = pgo
    for start in (0, 40):
        evidence.add_evidence(source_id, start, start + 20, actor=actor, incident=incident_id,
                              supports="date", asserted_value="2024-09-06")
    assert evidence.conflicts(incident_id) == {}
    assert len(evidence.backing(incident_id)["date"]) == 2


def test_ids_codes_and_pseudonyms_are_never_reused(pgo, actor):
    from desktop.services import protection

    source_id, incident_id, _ = pgo
    last = evidence.add_evidence(source_id, 0, 10, actor=actor).id
    evidence.remove_evidence(last, actor=actor)
    assert evidence.add_evidence(source_id, 0, 10, actor=actor).id == last + 1
    newest = incidents.create_incident(actor=actor, title="to be deleted")
    incidents.delete_incident(newest.id, actor=actor)
    again = incidents.create_incident(actor=actor, title="another")
    assert (again.id, incidents.incident_code(again.id)) != (newest.id, "INC-002")
    assert incidents.incident_code(again.id) == "INC-003"
    witness = protection.add_protected("A. B.", "witness", actor=actor)
    protection.remove_protected(witness.id, actor=actor)
    person = protection.add_protected("C. D.", "witness", actor=actor)
    assert [p.pseudonym for p in protection.protected_people() if p.id == person.id] == ["W-002"]


def test_a_bulk_status_change_records_one_entry_per_span_with_its_own_row(pgo, actor):
    source_id, incident_id, _ = pgo
    ids = [evidence.add_evidence(source_id, i * 10, i * 10 + 5, actor=actor).id for i in range(4)]
    review.review_evidence([ids[0]], "approved", actor="Mykola Reviewer")
    last = AuditEntry.select(fn.MAX(AuditEntry.id)).scalar()
    change = evidence.update_evidence(ids, actor=actor, status="verified")
    entries = sorted(AuditEntry.select().where(AuditEntry.id > last), key=lambda e: e.object_id)
    assert [(e.action, e.object_id) for e in entries] == [("evidence.update", i) for i in ids]
    assert [sorted(json.loads(e.row_digests)) for e in entries] == [[f"evidence:{i}"]
                                                                    for i in ids]
    assert entries[0].after["review_state"] == "pending"  # the approval went with the edit
    assert {e.status for e in Evidence.select()} == {"verified"}
    change.undo(actor)
    assert {e.status for e in Evidence.select()} == {"unverified"}
    assert Evidence.get_by_id(ids[0]).review_state == "approved"
