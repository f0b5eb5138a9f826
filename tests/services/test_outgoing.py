"""A dossier's or hand-over copy's audit entry: an intent before the rename, the entry after,
and what opening the case settles when something came between."""

from __future__ import annotations

import os

import pytest
from peewee import OperationalError

from desktop.domain.models import AuditEntry
from desktop.services import audit, handover, outgoing
from desktop.services.export import DossierOptions, export_dossier
from tests.conftest import ACTOR


def last(n: int) -> list[AuditEntry]:
    return list(AuditEntry.select().order_by(AuditEntry.id.desc()).limit(n))[::-1]


def test_a_dossier_written_when_the_trail_cannot_take_its_entry_is_said_and_settled_later(
        worked_case, tmp_path, monkeypatch):
    real_record = audit.record

    def full_after_the_intent(action, **kwargs):
        if action == "dossier.export":
            raise OperationalError("database or disk is full")
        return real_record(action, **kwargs)

    out = tmp_path / "dossier.docx"
    with monkeypatch.context() as patched:
        patched.setattr(audit, "record", full_after_the_intent)
        with pytest.raises(outgoing.NotRecorded, match=r"^dossier.docx was written, but the "
                           r"audit trail could not record it yet \(the disk is full\); it is "
                           r"recorded when the case is next opened$"):
            export_dossier(out, DossierOptions(incidents="drafts"), actor=ACTOR)
    assert out.exists() and last(1)[0].action == "dossier.export.intent"
    settled = outgoing.reconcile(actor=ACTOR)
    assert len(settled) == 1 and settled[0].startswith("Exported the full dossier dossier.docx")
    entry = last(1)[0]
    assert entry.action == "dossier.export" and entry.after["recorded_on_open"]
    assert entry.after["sha256"] == handover.file_sha256(out)
    assert outgoing.reconcile(actor=ACTOR) == []


def test_an_intent_of_a_process_still_running_is_left_to_it(worked_case, tmp_path):
    out = tmp_path / "dossier.docx"
    outgoing.intend("dossier.export", out, "0" * 64, summary="Exported", after={},
                    actor=ACTOR)
    entry = last(1)[0]
    after = {**entry.after, "pid": os.getppid()}  # as another process, still running, wrote it
    AuditEntry.update(after=after).where(AuditEntry.id == entry.id).execute()
    assert outgoing.reconcile(actor=ACTOR) == []
    AuditEntry.update(after=entry.after).where(AuditEntry.id == entry.id).execute()


def test_a_finished_export_leaves_nothing_to_settle(worked_case, tmp_path):
    export_dossier(tmp_path / "dossier.docx", DossierOptions(incidents="drafts"), actor=ACTOR)
    handover.save_copy(tmp_path / "copy.casefile", actor=ACTOR)
    assert [e.action for e in last(4)] == ["dossier.export.intent", "dossier.export",
                                           "case.handover.intent", "case.handover"]
    assert outgoing.reconcile(actor=ACTOR) == []
