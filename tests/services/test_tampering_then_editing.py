"""A change made behind Casefile's back stays found after Casefile itself writes the row.

Each entry records the rows it changed as they were before (file format 16), so an edit in
Casefile of a row changed with plain sqlite3 does not make the change good: verify compares the
row as the edit found it with what the trail last recorded, and names the row, the column and
both entries. The tampers are made on copies of the worked case (`copy`, in conftest).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from desktop.domain import db, migrations, models
from desktop.services import evidence, incidents, integrity, review
from tests.conftest import ACTOR
from tests.services.conftest import REVIEWER
from tests.services.test_tampering import _found, _run


def _edited(path: Path, edit) -> list[str]:
    """Verify's findings after `edit` ran in Casefile on the case at `path`."""
    db.open_case(path)
    try:
        edit()
        return integrity.verify_case().problems
    finally:
        db.close_case()


def test_an_edit_in_casefile_does_not_make_good_a_value_changed_outside_it(copy):
    path, _, today = copy
    _run(path, "UPDATE evidence SET asserted_value = 'forged' WHERE id = 1")
    problems = _edited(path, lambda: evidence.update_evidence(1, actor="Ada Osei",
                                                              note="checked again"))
    found = _found(problems, "E-001's asserted value had been changed outside Casefile when "
                             f"Casefile changed it on {today} by Ada Osei (entry #",
                   "it was not what the trail recorded on")
    assert "by Olena Documenter" in found
    # the row itself now matches the edit's record: only the edit's before digest tells
    assert not any("differs from what the trail recorded" in p for p in problems)


def test_a_status_change_of_many_spans_after_a_tamper_names_the_one_changed(copy):
    path, worked, _ = copy
    _run(path, "UPDATE evidence SET quote = 'forged' WHERE id = 2")
    ids = [worked["evidence"][label] for label in ("time", "place", "un_count")]
    problems = _edited(path, lambda: evidence.update_evidence(ids, actor="Ada Osei",
                                                              status="verified"))
    _found(problems, "E-002's quote had been changed outside Casefile when Casefile changed it")
    assert not any(p.startswith(("E-001", "E-004")) for p in problems), problems


def test_a_value_put_back_outside_casefile_after_an_edit_is_found_after_the_next(copy):
    path, _, _ = copy
    db.open_case(path)
    original = models.Evidence.get_by_id(1).note
    evidence.update_evidence(1, actor="Ada Osei", note="revised reading")
    db.close_case()
    _run(path, ("UPDATE evidence SET note = ? WHERE id = 1", (original,)))  # the old value
    problems = _edited(path, lambda: evidence.update_evidence(1, actor="Ada Osei",
                                                              note="third reading"))
    _found(problems, "E-001's note had been changed outside Casefile", "Ada Osei")


def test_removing_a_row_changed_outside_casefile_does_not_hide_the_change(copy):
    path, _, _ = copy
    _run(path, "UPDATE evidence SET start = start + 3 WHERE id = 4")
    problems = _edited(path, lambda: evidence.remove_evidence(4, actor="Ada Osei"))
    _found(problems, "E-004's start offset had been changed outside Casefile when Casefile "
                     "changed it")


def test_a_row_added_outside_casefile_and_then_edited_is_still_not_vouched_for(copy):
    path, _, _ = copy
    con = sqlite3.connect(path)
    con.execute("CREATE TEMP TABLE copied AS SELECT * FROM evidence WHERE id = 1")
    con.execute("UPDATE copied SET id = 99, start = start + 1")
    con.execute("INSERT INTO evidence SELECT * FROM copied")
    con.commit()
    con.close()
    problems = _edited(path, lambda: evidence.update_evidence(99, actor="Ada Osei",
                                                              note="looks fine"))
    _found(problems, "E-099 was not in the audit trail when Casefile changed it",
           "it had been added outside Casefile.")


def test_an_incident_changed_outside_casefile_and_then_edited_is_found(copy):
    path, worked, _ = copy
    _run(path, "UPDATE incident SET place = 'Somewhere else' WHERE id = 1")
    problems = _edited(path, lambda: incidents.update_incident(
        worked["incidents"]["INC-001"], actor="Ada Osei", title="Executions at Zelenyy Shlyakh"))
    _found(problems, "INC-001's place had been changed outside Casefile")


def test_edits_of_untouched_rows_record_their_earlier_state_and_verify(copy):
    path, worked, _ = copy
    db.open_case(path)
    try:
        evidence.update_evidence(1, actor=ACTOR, note="a")
        evidence.update_evidence(1, actor=ACTOR, note="b")
        review.review_evidence(worked["evidence"]["time"], "approved", actor=REVIEWER)
        evidence.remove_evidence(worked["evidence"]["un_count"], actor=ACTOR)
        last = models.AuditEntry.select().order_by(models.AuditEntry.id.desc()).get()
        assert set(json.loads(last.row_before)) >= {"evidence:4"}
        assert json.loads(last.row_digests)["evidence:4"] is None
        assert integrity.verify_case().ok, integrity.verify_case().problems
    finally:
        db.close_case()


def test_a_changed_before_digest_breaks_the_entry_hash(copy):
    path, _, _ = copy
    db.open_case(path)
    evidence.update_evidence(1, actor="Ada Osei", note="a")
    entry = models.AuditEntry.select().order_by(models.AuditEntry.id.desc()).get().id
    db.close_case()
    _run(path, ("UPDATE audit_entry SET row_before = replace(row_before, 'a', 'b') "
                "WHERE id = ?", (entry,)))
    db.open_case(path)
    try:
        problems = integrity.verify_case().problems
    finally:
        db.close_case()
    _found(problems, f"Audit entry #{entry} ", "does not match its fingerprint")


def test_a_case_of_format_15_upgrades_and_checks_the_edits_after(tmp_path, actor, seed_files):
    from desktop.services import sources

    path = tmp_path / "fifteen.casefile"
    db.new_case(path, "Fifteen", actor=actor)
    source = sources.import_files(seed_files[:1], actor=actor).source_ids[0]
    evidence.add_evidence(source, 0, 20, actor=actor)
    db.close_case()
    with sqlite3.connect(path) as raw:  # the trail as format 15 kept it
        raw.execute('ALTER TABLE "audit_entry" DROP COLUMN "row_before"')
        raw.execute("PRAGMA user_version = 15")
    raw.close()
    db.open_case(path)
    try:
        assert db.models.database.obj.pragma("user_version") == migrations.LATEST
        upgrade = models.AuditEntry.get(models.AuditEntry.summary.contains("file format 16"))
        assert upgrade.actor == migrations.UPGRADE_ACTOR and upgrade.row_before is None
        assert integrity.verify_case().ok
    finally:
        db.close_case()
    _run(path, "UPDATE evidence SET quote = 'forged' WHERE id = 1")
    problems = _edited(path, lambda: evidence.update_evidence(1, actor=actor, note="n"))
    _found(problems, "E-001's quote had been changed outside Casefile")


def test_an_entrys_digests_made_unreadable_are_a_finding_not_a_failure(copy):
    """Digests that are not JSON, not an object, or hold keys and values no entry writes:
    verify names the entry (its hash no longer matches) and goes on."""
    path, _, _ = copy
    db.open_case(path)
    evidence.update_evidence(1, actor=ACTOR, note="a")
    last = models.AuditEntry.select().order_by(models.AuditEntry.id.desc()).get().id
    db.close_case()
    _run(path, "UPDATE audit_entry SET row_digests = '{not json' WHERE id = 3",
         "UPDATE audit_entry SET row_digests = '[1, 2]' WHERE id = 4",
         """UPDATE audit_entry SET row_digests = '{"evidence:1x": "a", "x": 5}' WHERE id = 5""",
         """UPDATE audit_entry SET row_digests = '{"invoice:1": "ab"}' WHERE id = 6""",
         ("UPDATE audit_entry SET row_before = 'garbled' WHERE id = ?", (last,)))
    db.open_case(path)
    try:
        problems = integrity.verify_case().problems
    finally:
        db.close_case()
    for entry in (3, 4, 5, 6, last):
        _found(problems, f"Audit entry #{entry} ", "does not match its fingerprint")
