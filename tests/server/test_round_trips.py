"""What marking a span asks of a server case: each thing once, no look-ups in the catalogue,
seven waits for the server, and what is written without an entry is never recorded by the
next one."""

from __future__ import annotations

import re

import pytest

from desktop.domain import db, models, server
from desktop.services import evidence, integrity, sources
from tests.conftest import ACTOR

TEXT = "The prisoners were lined up and executed at dawn by the roadside, witnesses said."
_CATALOGUE = re.compile(r"pg_catalog|information_schema|to_regclass|pg_tables|lastval|"
                        r"sqlite_master", re.IGNORECASE)


@pytest.fixture
def marked_source(server_url, tmp_path):
    db.new_case(server_url, "Executions of surrendered POWs", actor=ACTOR)
    path = tmp_path / "account.txt"
    path.write_text(TEXT, encoding="utf-8")
    [source_id] = sources.import_files([path], actor=ACTOR).source_ids
    evidence.add_evidence(source_id, 0, 13, actor=ACTOR)  # what a first mark sets up is done
    yield source_id
    db.close_case()


@pytest.fixture
def sent(monkeypatch) -> list[str]:
    """Every statement the open case's connection sends from now on."""
    statements: list[str] = []
    cursor = server._cursor_class()
    execute, executemany = cursor.execute, cursor.executemany

    def sending(self, query, params=None, **kwargs):
        statements.append(str(query))
        return execute(self, query, params, **kwargs)

    def sending_many(self, query, params_seq, **kwargs):
        statements.append(str(query))
        return executemany(self, query, params_seq, **kwargs)

    monkeypatch.setattr(cursor, "execute", sending)
    monkeypatch.setattr(cursor, "executemany", sending_many)
    return statements


def round_trips(trace: str) -> int:
    """How many times the client waited for the server in a libpq trace: each simple query,
    and each Sync that ends an extended-protocol exchange (or a pipeline)."""
    return sum(1 for line in trace.splitlines()
               if line.startswith("F\t") and line.split("\t")[2].split(" ")[0] in
               ("Query", "Sync"))


def test_marking_a_span_asks_each_thing_once_and_nothing_of_the_catalogue(marked_source,
                                                                          sent):
    evidence.add_evidence(marked_source, 20, 40, actor=ACTOR, note="second")
    assert sent, "the mark went through the case's connection"
    assert [q for q in sent if _CATALOGUE.search(q)] == []
    assert len(sent) == len(set(sent)), sent


def test_marking_a_span_waits_for_the_server_at_most_seven_times(marked_source, tmp_path):
    import psycopg.pq

    pgconn = models.database.connection().pgconn
    trace = tmp_path / "libpq.trace"
    with trace.open("w") as out:
        pgconn.trace(out.fileno())
        pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)
        try:
            evidence.add_evidence(marked_source, 20, 40, actor=ACTOR, note="second")
        finally:
            pgconn.untrace()
    # The source's text; BEGIN, the note emptied and the span's insert in one pipeline; the
    # protected names (to redact the entry); the chain lock with the last entry; the note
    # taken with what the rows' digests are made of; the entry and the head move in one
    # pipeline; COMMIT.
    assert round_trips(trace.read_text()) <= 7


def test_a_row_written_outside_a_transaction_is_left_to_verify_not_recorded(marked_source,
                                                                            server_url):
    span = models.Evidence.select(models.Evidence.id).scalar()
    models.database.execute_sql("UPDATE evidence SET note = 'changed unrecorded' "
                                "WHERE id = ?", (span,))
    evidence.add_evidence(marked_source, 20, 40, actor=ACTOR)  # records only its own rows
    db.close_case()
    db.open_read_only(server_url)
    report = integrity.verify_case()
    assert not report.ok
    assert [p for p in report.problems if p.startswith("E-001")], report.problems
    assert not [p for p in report.problems if p.startswith("E-002")], report.problems


def test_a_transaction_undone_or_empty_leaves_nothing_behind(marked_source):
    from psycopg.pq import TransactionStatus

    database = models.database
    with pytest.raises(ZeroDivisionError), database.atomic():
        database.execute_sql("UPDATE evidence SET note = 'lost'")
        1 / 0  # noqa: B018 — the transaction fails after its first statement
    with database.atomic():  # a transaction that sends nothing until its COMMIT
        pass
    assert models.Evidence.select(models.Evidence.note).scalar() != "lost"
    connection = database.connection()
    assert connection.info.transaction_status == TransactionStatus.IDLE
    assert not getattr(connection, "casefile_begin", None)
