"""A protected person's consent to be named, the risk they run and the statements they gave.
The names are fictional."""

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry
from desktop.services import protection, sources


@pytest.fixture
def person(case, actor, tmp_path) -> dict:
    path = tmp_path / "statement.txt"
    path.write_text("Свідчення записано у квітні.\n", encoding="utf-8")
    source_id = sources.import_files([path], actor=actor).imported[0][1]
    person_id = protection.add_protected("Остап Вербицький", "witness", actor=actor).id
    return {"id": person_id, "source": source_id}


def row(person_id: int) -> protection.PersonRow:
    return next(p for p in protection.protected_people() if p.id == person_id)


def test_a_new_person_has_not_been_asked(person):
    assert (row(person["id"]).consent, row(person["id"]).risk_note,
            row(person["id"]).statements) == ("not_asked", "", ())


def test_consent_risk_and_statements_are_recorded_and_undone(person, actor):
    change = protection.update_protected(
        person["id"], actor=actor, consent="no", risk_note="Вербицький живе біля блокпоста",
        statements=[person["source"]])
    assert row(person["id"])[4:7] == ("no", "Вербицький живе біля блокпоста", (person["source"],))
    change.undo(actor)
    assert row(person["id"])[4:7] == ("not_asked", "", ())


def test_the_trail_keeps_no_risk_note(person, actor):
    protection.update_protected(person["id"], actor=actor, risk_note="Вербицький у Харкові")
    entry = AuditEntry.select().where(AuditEntry.action == "protected.update").get()
    assert "Харков" not in f"{entry.summary}{entry.before}{entry.after}"
    assert "W-001" in entry.summary


def test_wrong_values_are_refused(person, actor):
    with pytest.raises(ValidationError, match="consent must be one of"):
        protection.update_protected(person["id"], actor=actor, consent="maybe")
    with pytest.raises(ValidationError, match="a statement must be a source"):
        protection.update_protected(person["id"], actor=actor, statements=[404])


def test_removing_and_restoring_keeps_them(person, actor):
    protection.update_protected(person["id"], actor=actor, consent="yes",
                                statements=[person["source"]])
    protection.remove_protected(person["id"], actor=actor).undo(actor)
    assert row(person["id"])[4:7] == ("yes", "", (person["source"],))
