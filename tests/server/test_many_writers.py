"""Many writers on one server case: every edit is one transaction with its audit entry, the
chain is extended one entry at a time (an advisory lock), and ids come from sequences."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import psycopg
import pytest

from desktop.domain import db
from desktop.services import integrity, sources, team
from tests.conftest import ACTOR, ROOT, SEEDS

WRITERS, EDITS = 8, 200

WRITER = textwrap.dedent("""
    import sys
    from desktop.domain import db
    from desktop.services import evidence

    url, writer, edits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    db.open_case(url)
    mine = []
    for n in range(edits):
        if n % 2 == 0:  # a new span, then a note on it: half additions, half edits
            start = (writer * edits + n) % 900
            mine.append(evidence.add_evidence(1, start, start + 12, actor=f"w{writer}").id)
        else:
            evidence.update_evidence(mine[-1], actor=f"w{writer}", note=f"w{writer} edit {n}")
    db.close_case()
    print(len(mine))
""")


@pytest.fixture
def shared_case(server_url):
    """A case on the server with its roles and rules, as a team's is, and one source."""
    db.new_case(server_url, "Many writers", actor=ACTOR)
    team.set_up_roles()
    sources.import_files(sorted(SEEDS.glob("*.txt"))[:1], actor=ACTOR)
    db.close_case()
    return server_url


@pytest.mark.slow
def test_eight_writers_at_once_keep_every_edit_in_one_chain(shared_case):
    with psycopg.connect(shared_case) as con:
        (before,) = con.execute("SELECT count(*) FROM audit_entry").fetchone()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, shared_case, str(w), str(EDITS)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for w in range(WRITERS)]
    results = [w.communicate(timeout=600) for w in writers]
    assert [w.returncode for w in writers] == [0] * WRITERS, [err for _, err in results]
    with psycopg.connect(shared_case) as con:
        spans = con.execute("SELECT id, created_by, note FROM evidence").fetchall()
        entries = [i for (i,) in con.execute("SELECT id FROM audit_entry ORDER BY id")]
        (waiting,) = con.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()
    assert len(spans) == WRITERS * EDITS // 2
    assert len({i for i, _, _ in spans}) == len(spans)  # no id given twice
    assert all(note.startswith(by) for _, by, note in spans)  # every edit of every span
    assert entries == list(range(1, before + WRITERS * EDITS + 1))  # one entry per edit
    assert waiting == 0
    db.open_read_only(shared_case)
    report = integrity.verify_case()
    db.close_case()
    assert report.ok, report.problems


def test_a_writing_transaction_holds_the_chain_before_it_touches_a_row(shared_case):
    """Writers meet at the chain first, so none can hold a row another writer waits for
    while waiting for the chain itself (a deadlock the server would end by killing one)."""
    from desktop.domain import models, server

    db.open_case(shared_case)
    try:
        with psycopg.connect(shared_case, autocommit=True) as other:
            with models.database.atomic():
                models.database.execute_sql("SELECT 1")
                (free,) = other.execute("SELECT pg_try_advisory_lock(%s)",
                                        (server.CHAIN_LOCK,)).fetchone()
                assert not free
            # A reading snapshot waits for nobody.
            with models.database.atomic(lock_type="DEFERRED"):
                models.database.execute_sql("SELECT 1")
                (free,) = other.execute("SELECT pg_try_advisory_lock(%s)",
                                        (server.CHAIN_LOCK,)).fetchone()
                assert free
                other.execute("SELECT pg_advisory_unlock(%s)", (server.CHAIN_LOCK,))
    finally:
        db.close_case()
