"""Typed change records: each mutating service says what it touched, and its undo and redo put
the case back exactly as it was, every step audited."""

from __future__ import annotations

import pytest

from desktop.domain.models import AuditEntry, Evidence, Incident, ProtectedPerson, Source
from desktop.services import audit, evidence, incidents, protection, review, sources
from desktop.services import case as case_details
from desktop.services.changes import Change, Kind, everything

pytestmark = pytest.mark.file_and_server


def state() -> dict:
    """Every row a change could touch, as plain values (the audit trail aside)."""
    return {model.__name__: sorted(tuple(sorted(audit.snapshot(row).items(), key=str))
                                   for row in model.select())
            for model in (Source, Incident, Evidence, ProtectedPerson)}


def round_trip(change: Change, actor: str) -> dict:
    """Undo the change and redo it; the state after the undo is returned, and after the redo
    the case must be as after the change."""
    after = state()
    redo = change.undo(actor)
    undone = state()
    redo.undo(actor)
    assert state() == after
    return undone


def test_marking_touches_the_span_its_source_and_its_incident(worked_case, actor):
    source = worked_case["sources"]["003_b8c3f3517aeeccd0.txt"]
    incident = worked_case["incidents"]["INC-001"]
    before = state()
    change = evidence.add_evidence(source, 0, 20, actor=actor, incident=incident,
                                   supports="narrative")
    assert change.ids(Kind.EVIDENCE) == {change.id}
    assert change.ids(Kind.SOURCE) == {source} and change.ids(Kind.INCIDENT) == {incident}
    assert not change.touches(Kind.PROTECTED, Kind.CASE)
    assert round_trip(change, actor) == before


def test_relinking_a_span_touches_the_incident_it_leaves_and_the_one_it_joins(worked_case,
                                                                            actor):
    span = worked_case["evidence"]["time"]
    old, new = worked_case["incidents"]["INC-001"], worked_case["incidents"]["INC-002"]
    change = evidence.update_evidence(span, actor=actor, incident=new)
    assert change.ids(Kind.INCIDENT) == {old, new}
    round_trip(change, actor)


def test_an_edit_of_an_approved_span_is_undone_with_its_approval(worked_case, actor):
    span = worked_case["evidence"]["time"]
    review.review_evidence(span, "approved", actor="Mykola Reviewer")
    before = state()
    change = evidence.update_evidence(span, actor=actor, asserted_value="about 10:00")
    assert Evidence.get_by_id(span).review_state == "pending"
    assert round_trip(change, actor) == before  # the approval came back with the value


@pytest.mark.parametrize("edit", [
    lambda w, a: evidence.remove_evidence(list(w["evidence"].values()), actor=a),
    lambda w, a: incidents.delete_incident(w["incidents"]["INC-001"], actor=a),
    lambda w, a: incidents.update_incident(w["incidents"]["INC-002"], actor=a, place="Kursk"),
    lambda w, a: incidents.create_incident(actor=a, title="Six POWs"),
    lambda w, a: sources.update_source(w["sources"]["003_b8c3f3517aeeccd0.txt"], actor=a,
                                       reliability="A"),
    lambda w, a: review.review_evidence(w["evidence"]["place"], "returned", actor="Mykola",
                                        comment="Quote the whole sentence"),
    lambda w, a: review.submit_incident(w["incidents"]["INC-001"], actor=a),
    lambda w, a: protection.add_protected("Oleksandr Marchenko", "witness", actor=a),
    lambda w, a: case_details.update_case(actor=a, title="Executions of POWs, 2024–2025"),
], ids=["remove spans", "delete incident", "edit incident", "add incident", "grade source",
        "return span", "submit incident", "protect person", "retitle case"])
def test_every_edit_undoes_and_redoes_exactly_and_audits_each_step(worked_case, actor, edit):
    before, entries = state(), AuditEntry.select().count()
    change = edit(worked_case, actor)
    assert change.touched  # it says what it touched
    assert round_trip(change, actor) == before
    assert AuditEntry.select().count() >= entries + 3  # the edit, its undo and its redo


def test_removing_a_protected_person_is_undone_with_the_same_pseudonym(case, actor):
    person = protection.add_protected("Iryna Bondar", "witness", actor=actor).id
    removal = protection.remove_protected(person, actor=actor)
    removal.undo(actor)
    assert [(p.id, p.pseudonym) for p in ProtectedPerson.select()] == [(person, "W-001")]


def test_an_edit_that_changes_nothing_touches_nothing(worked_case, actor):
    incident = worked_case["incidents"]["INC-002"]
    title = Incident.get_by_id(incident).title
    change = incidents.update_incident(incident, actor=actor, title=title)
    assert not change.touched and change.undo(actor).touched == {}


def test_everything_names_every_kind_with_any_id():
    change = everything()
    assert all(change.ids(kind) is None for kind in Kind)
