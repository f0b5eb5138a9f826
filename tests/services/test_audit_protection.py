"""The audit trail names protected people by pseudonym only, for every entry written while they
are protected; what was written before stays as it was, and the chain still verifies.

The person and the statements are fictional.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.domain import db
from desktop.domain.models import AuditEntry, Evidence, Incident, Source
from desktop.services import audit, evidence, incidents, integrity, protection, recovery, sources

#: Every way the name is written below, in the stored text: the surname's stems in Ukrainian,
#: Russian and Latin spellings cover each of its forms ("Вербицького", "Verbytskyi", …).
NAME_STEMS = ("вербицьк", "вербицк", "verbytsk")

STATEMENT = (
    "Свідчення Тараса Вербицького\n\n"
    "Я, Тарас Вербицький, бачив, як колону зупинили біля мосту. "
    "Пізніше Вербицькому показали фотографії. Taras Verbytskyi signed this statement.\n")


def audit_texts(path: Path, after_id: int = 0) -> list[tuple[int, str]]:
    """(id, summary + before + after) of each entry, read with plain sqlite3, as text and
    decoded (so a \\u escape could not hide a name either)."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT id, summary, before, after FROM audit_entry WHERE id > ? "
                           "ORDER BY id", (after_id,)).fetchall()
    finally:
        con.close()
    out = []
    for entry_id, summary, before, after in rows:
        decoded = [json.dumps(json.loads(v), ensure_ascii=False) for v in (before, after) if v]
        out.append((entry_id, "\n".join([summary or "", before or "", after or "", *decoded])))
    return out


def names_in(text: str) -> list[str]:
    low = text.casefold()
    return [stem for stem in NAME_STEMS if stem in low]


def raw_entry(path: Path, entry_id: int) -> tuple:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT * FROM audit_entry WHERE id = ?", (entry_id,)).fetchone()
    finally:
        con.close()


@pytest.fixture
def statement(tmp_path) -> Path:
    """A Ukrainian statement whose file name, title and text hold the name."""
    path = tmp_path / "Verbytskyi_svidchennia_2024.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    return path


def test_no_entry_written_while_protected_names_the_person(case, case_path, actor, statement,
                                                           tmp_path):
    # Before the protection: an incident whose narrative names him, and its entry.
    incident_id = incidents.create_incident(
        actor=actor, title="Зупинка колони", narrative="Свідок Вербицький бачив колону.").id
    before_protection = AuditEntry.select().order_by(AuditEntry.id.desc()).get().id
    kept = raw_entry(case_path, before_protection)
    assert names_in(kept[6] + kept[8])  # named in clear then: nobody was protected

    protection.add_protected("Тарас Вербицький\nTaras Verbytskyi", "witness", actor=actor)
    protected_at = AuditEntry.select().order_by(AuditEntry.id.desc()).get().id

    source_id = sources.import_files([statement], actor=actor, kind="witness").source_ids[0]
    text = sources.source_text(source_id)
    quote = "Тарас Вербицький, бачив, як колону зупинили"
    start = text.index(quote)
    span_id = evidence.add_evidence(source_id, start, start + len(quote), actor=actor).id
    declined = text.index("Свідчення Тараса Вербицького")
    evidence.add_evidence(source_id, declined, declined + len("Свідчення Тараса Вербицького"),
                          actor=actor)
    evidence.update_evidence(span_id, actor=actor, note="Вербицькому показали фотографії.")
    sources.update_source(source_id, actor=actor, title="Statement of Taras Verbytskyi")
    edit = incidents.update_incident(incident_id, actor=actor,
                                     narrative="Вербицького допитали двічі; Verbytskyi agreed.",
                                     perpetrators_named="Ніхто не назвав Вербицькому імен")
    # The undo keeps the values themselves, not the trail's redacted copy of them.
    edit.undo(actor)
    assert Incident.get_by_id(incident_id).narrative == "Свідок Вербицький бачив колону."
    evidence.remove_evidence(span_id, actor=actor).undo(actor)
    assert Evidence.get_by_id(span_id).note == "Вербицькому показали фотографії."
    assert Source.get_by_id(source_id).title == "Statement of Taras Verbytskyi"
    db.close_case()

    written = audit_texts(case_path, protected_at - 1)
    assert len(written) >= 10
    assert [(i, names_in(t)) for i, t in written if names_in(t)] == []
    assert any("W-001" in t for _, t in written[2:])  # the names became the pseudonym
    # The import entry keeps what must stay exact.
    entry = next(t for _, t in written if statement.stem.replace("Verbytskyi", "W-001") in t)
    assert sources.sha256_hex(statement.read_bytes()) in entry
    # What was written before the protection is byte for byte as it was, and the chain and
    # every source's fingerprint (checked against the import entry's) verify.
    assert raw_entry(case_path, before_protection) == kept
    db.open_case(case_path)
    report = integrity.verify_case()
    assert report.ok, report.problems


def test_a_quote_cut_short_in_a_summary_keeps_no_piece_of_the_name(case, case_path, actor,
                                                                  tmp_path):
    protection.add_protected("Тарас Вербицький", "witness", actor=actor)
    lead = "Колону зупинили біля мосту о шостій ранку, і тоді пана "
    path = tmp_path / "statement.txt"
    path.write_text(f"Свідчення\n\n{lead}Вербицького відвели вбік.\n", encoding="utf-8")
    source_id = sources.import_files([path], actor=actor).source_ids[0]
    start = sources.source_text(source_id).index(lead)
    evidence.add_evidence(source_id, start, start + len(lead) + 20, actor=actor)
    summary = AuditEntry.select().order_by(AuditEntry.id.desc()).get().summary
    assert summary.startswith("Marked “Колону") and summary.endswith("пана …”")
    assert "Верб" not in summary


def test_without_protected_people_entries_are_stored_as_given(case, actor):
    incidents.create_incident(actor=actor, title="Вербицький", narrative="Verbytskyi")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.summary.endswith("Вербицький")
    assert entry.after["narrative"] == "Verbytskyi"


def test_a_snapshot_given_to_the_trail_is_not_changed(case, actor):
    from desktop.domain.models import database

    protection.add_protected("Taras Verbytskyi", "witness", actor=actor)
    after = {"narrative": "Taras Verbytskyi", "list": ["Verbytskyi"], "n": 3,
             "sha256": "ada" + "0" * 61, "nested": {"who": "Verbytskyi"}}
    with database.atomic():
        audit.record("test.record", actor=actor, summary="About Taras Verbytskyi",
                     after=after)
    assert after["narrative"] == "Taras Verbytskyi" and after["nested"]["who"] == "Verbytskyi"
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.summary == "About W-001"
    assert entry.after == {"narrative": "W-001", "list": ["W-001"], "n": 3,
                           "sha256": "ada" + "0" * 61, "nested": {"who": "W-001"}}


def test_the_redactor_is_built_once_while_the_people_stay(case, actor, monkeypatch):
    protection.add_protected("Taras Verbytskyi", "witness", actor=actor)
    built = []
    real_init = protection.Redactor.__init__

    def counting(self, people):
        built.append(1)
        real_init(self, people)

    monkeypatch.setattr(protection.Redactor, "__init__", counting)
    for n in range(3):
        incidents.create_incident(actor=actor, title=f"Verbytskyi {n}")
    assert built == []
    protection.add_protected("Iryna Kovalchuk-Fictional", "victim", actor=actor)
    incidents.create_incident(actor=actor, title="Kovalchuk-Fictional")
    assert len(built) == 1


def test_a_recovery_entry_names_the_person_by_pseudonym(case, case_path, actor, tmp_path):
    protection.add_protected("Taras Verbytskyi", "witness", actor=actor)
    db.close_case()
    damaged = tmp_path / "Verbytskyi-case.casefile"
    damaged.write_bytes(case_path.read_bytes())
    target = tmp_path / "recovered.casefile"
    recovery.recover_case(damaged, target, actor=actor)
    db.close_case()
    last = audit_texts(target)[-1][1]
    assert names_in(last) == [] and "W-001" in last
