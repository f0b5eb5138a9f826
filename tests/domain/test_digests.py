"""Which rows a transaction wrote is collected for its audit entry, whoever wrote them."""

from __future__ import annotations

import json
import threading

from desktop.domain import digests, ledger
from desktop.domain.models import AuditEntry, Evidence, Incident, database
from desktop.services import evidence, incidents


def _recorded(entry_id: int) -> dict:
    return json.loads(AuditEntry.get_by_id(entry_id).row_digests or "{}")


def _append(action: str) -> int:
    return ledger.append({"actor": "Olena", "action": action})


def test_an_entry_records_the_rows_its_transaction_wrote(case):
    with database.atomic():
        first = Incident.create(code="INC-001", title="First").id
        second = Incident.create(code="INC-002", title="Second").id
        entry = _append("incident.create")
    assert set(_recorded(entry)) == {f"incident:{first}", f"incident:{second}"}
    with database.atomic():
        Incident.update(title="Renamed").where(Incident.id == first).execute()
        Incident.delete().where(Incident.id == second).execute()
        entry = _append("incident.update")
    recorded = _recorded(entry)
    assert recorded[f"incident:{second}"] is None
    assert recorded[f"incident:{first}"] == digests.digests_of(
        "incident", 'WHERE "id" = ?', (first,))[f"incident:{first}"]


def test_each_entry_records_what_was_written_since_the_one_before(case):
    with database.atomic():
        first = Incident.create(code="INC-001").id
        one = _append("incident.create")
        second = Incident.create(code="INC-002").id
        two = _append("incident.create")
    assert set(_recorded(one)) == {f"incident:{first}"}
    assert set(_recorded(two)) == {f"incident:{second}"}


def test_the_chain_head_moving_is_not_a_change_of_the_case(case):
    with database.atomic():
        one = _append("dossier.export")
        two = _append("dossier.export")
    assert _recorded(one) == {} and _recorded(two) == {}


def test_a_write_outside_any_transaction_is_not_put_on_the_next_entry(case):
    Incident.create(code="INC-001")  # autocommit: no entry records it, verify will say so
    with database.atomic():
        entry = _append("case.handover")
    assert _recorded(entry) == {}


def test_a_rolled_back_transaction_leaves_nothing_for_the_next_entry(case):
    try:
        with database.atomic():
            Incident.create(code="INC-001")
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass
    with database.atomic():
        entry = _append("case.handover")
    assert _recorded(entry) == {}


def test_a_service_records_every_row_it_touched(worked_case):
    incident = worked_case["incidents"]["INC-001"]
    linked = [i for (i,) in Evidence.select(Evidence.id).where(Evidence.incident == incident)
              .tuples()]
    incidents.delete_incident(incident, actor="Olena")
    last = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    recorded = json.loads(last.row_digests)
    assert recorded[f"incident:{incident}"] is None
    assert {f"evidence:{i}" for i in linked} <= set(recorded)  # unlinked, so changed


def test_a_write_on_another_threads_connection_is_recorded_too(worked_case):
    span = worked_case["evidence"]["time"]
    done = []

    def edit() -> None:
        evidence.update_evidence(span, actor="Olena", note="from a background task")
        done.append(AuditEntry.select().order_by(AuditEntry.id.desc()).get().row_digests)
        database.close()

    worker = threading.Thread(target=edit)
    worker.start()
    worker.join()
    assert f"evidence:{span}" in json.loads(done[0])


def test_entries_written_together_each_record_their_own_rows_and_the_last_the_rest(case):
    with database.atomic():
        first = Incident.create(code="INC-001").id
        second = Incident.create(code="INC-002").id
        third = Incident.create(code="INC-003").id
        head_before = database.execute_sql('SELECT audit_count FROM "case"').fetchone()[0]
        ids = ledger.append_all([
            {"actor": "Olena", "action": "incident.create", "rows": [f"incident:{first}"]},
            {"actor": "Olena", "action": "incident.create", "rows": [f"incident:{second}"]}])
    assert set(_recorded(ids[0])) == {f"incident:{first}"}
    assert set(_recorded(ids[1])) == {f"incident:{second}", f"incident:{third}"}
    head, count = database.execute_sql('SELECT audit_head, audit_count FROM "case"').fetchone()
    assert (head, count) == (AuditEntry.get_by_id(ids[1]).entry_hash, head_before + 2)


def test_writing_no_entries_keeps_the_rows_for_the_next_one(case):
    with database.atomic():
        incident = Incident.create(code="INC-001").id
        assert ledger.append_all([]) == []
        entry = _append("incident.create")
    assert set(_recorded(entry)) == {f"incident:{incident}"}


def test_a_digest_is_its_rows_sha256_and_each_columns_whatever_was_digested_before(
        case, monkeypatch):
    monkeypatch.setattr(digests, "_REMEMBERED_VALUES", 3)  # forgotten and learnt again
    with database.atomic():
        for n in range(8):  # a long title is never remembered, short ones are
            Incident.create(code=f"INC-{n:03}", title="Shelling " + ("long " * 80) * (n % 2))
        _append("incident.create")
    columns = [sql for _, sql in digests.AUDITED["incident"]]
    rows = database.execute_sql(
        f'SELECT id, json_array({", ".join(columns)}), '
        f'{", ".join(f"json_quote({sql})" for sql in columns)} FROM "incident"').fetchall()
    by_hand = {f"incident:{row[0]}": digests.sha256_text(row[1])
               + "".join(digests.sha256_text(value)[:8] for value in row[2:]) for row in rows}
    assert len(by_hand) == 8
    assert digests.digests_of("incident") == by_hand
    assert digests.digests_of("incident") == by_hand  # the second time from what it recalls
