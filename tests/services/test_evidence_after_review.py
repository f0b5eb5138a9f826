"""Evidence linked to an incident that was submitted or signed off sends it back to draft, as
an edit of its facts does: what was signed off did not have it. Undo puts both back."""

from __future__ import annotations

import pytest

from desktop.domain import db
from desktop.domain.models import AuditEntry, Evidence, Incident
from desktop.services import evidence, incidents, sources
from tests.fictional_case import DOCUMENTER, build_fictional_case

pytestmark = pytest.mark.file_and_server


def _mark_two_days(**values):
    """The training case's "дві доби" marked by its documenter, with `values`."""
    source = sources.list_sources()[0][0]
    start = sources.source_text(source).index("дві доби")
    return evidence.add_evidence(source, start, start + len("дві доби"), actor=DOCUMENTER,
                                 **values)


def test_new_evidence_reopens_a_signed_off_incident_and_undo_restores_it(tmp_path):
    build_fictional_case(tmp_path / "training.casefile", tmp_path)
    try:
        incident = Incident.get()
        assert incident.state == "approved"
        change = _mark_two_days(incident=incident.id, supports="narrative")
        again = Incident.get_by_id(incident.id)
        assert again.state == "draft"
        assert again.state_comment == incidents.EVIDENCE_AFTER_REVIEW
        entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
        assert entry.action == "incident.update" and entry.after["state"] == "draft"
        redo = change.undo(DOCUMENTER)
        assert Incident.get_by_id(incident.id).state == "approved"
        assert not Evidence.select().where(Evidence.id == change.id).exists()
        redo.undo(DOCUMENTER)
        assert Evidence.select().where(Evidence.id == change.id).exists()
        assert Incident.get_by_id(incident.id).state == "draft"
    finally:
        db.close_case()


def test_evidence_for_a_draft_changes_nothing_else(case, actor, tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Shelling at dawn.\n", encoding="utf-8")
    source = sources.import_files([path], actor=actor).source_ids[0]
    incident = incidents.create_incident(actor=actor, title="Shelling").id
    entries = AuditEntry.select().count()
    evidence.add_evidence(source, 0, 8, actor=actor, incident=incident)
    assert Incident.get_by_id(incident).state == "draft"
    assert AuditEntry.select().count() == entries + 1


def test_a_span_moved_into_a_signed_off_incident_reopens_it_and_undo_restores_it(tmp_path):
    build_fictional_case(tmp_path / "training.casefile", tmp_path)
    try:
        incident = Incident.get()
        assert incident.state == "approved"
        loose = _mark_two_days().id
        change = evidence.update_evidence(loose, actor=DOCUMENTER, incident=incident.id)
        again = Incident.get_by_id(incident.id)
        assert (again.state, again.state_comment) == ("draft", incidents.EVIDENCE_AFTER_REVIEW)
        change.undo(DOCUMENTER)
        assert Incident.get_by_id(incident.id).state == "approved"
        assert Evidence.get_by_id(loose).incident_id is None
    finally:
        db.close_case()
