"""A case on a PostgreSQL server: created by URL, worked on through the same services, and
verified there (its chain, every row against the trail, every source's bytes)."""

from __future__ import annotations

import psycopg
import pytest

from desktop.domain import db, server
from desktop.domain.errors import CaseOpenError
from desktop.services import integrity
from tests.conftest import ACTOR


@pytest.fixture
def server_case(server_url):
    database = db.new_case(server_url, "Executions of surrendered POWs", actor=ACTOR,
                           reference="UA-POW-2024-001")
    yield database
    db.close_case()


@pytest.fixture
def worked_server_case(server_case, seed_files):
    from tests.worked_case import build_worked_case

    return build_worked_case(seed_files, ACTOR)


def verify(url: str) -> integrity.IntegrityReport:
    db.open_read_only(url)
    try:
        return integrity.verify_case()
    finally:
        db.close_case()


def test_a_new_server_case_is_at_this_versions_format_with_its_first_entry(server_case,
                                                                          server_url):
    assert db.is_server() and db.case_url() == server_url and db.case_path() is None
    db.close_case()
    with psycopg.connect(server_url) as con:
        meta = dict(con.execute("SELECT name, value FROM casefile_meta").fetchall())
        entries = con.execute("SELECT actor, action FROM audit_entry").fetchall()
    assert meta["file_format"] == str(db.SCHEMA_VERSION)
    assert entries == [("casefile_test", "case.create")]  # the role, not a typed name


def test_a_worked_server_case_verifies(worked_server_case, server_url):
    db.close_case()
    report = verify(server_url)
    assert report.ok, report.problems
    assert report.sources == 5 and report.entries > 10 and report.rows > 5


def test_a_source_changed_with_plain_sql_is_named_by_verify(worked_server_case, server_url):
    db.close_case()
    with psycopg.connect(server_url) as con:
        con.execute("UPDATE source_original SET data = 'forged'::bytea WHERE source_id = 1")
        con.execute("UPDATE evidence SET quote = 'forged' WHERE id = 1")
    report = verify(server_url)
    assert not report.ok
    assert any("original bytes do not match" in p for p in report.problems)
    assert any(p.startswith("E-001's quote differs") for p in report.problems)


def test_an_audit_entry_changed_with_plain_sql_breaks_the_chain(worked_server_case, server_url):
    db.close_case()
    with psycopg.connect(server_url) as con:  # as the owner can: its trigger taken off first
        con.execute("ALTER TABLE audit_entry DISABLE TRIGGER casefile_append_only")
        con.execute("UPDATE audit_entry SET actor = 'Someone else' WHERE id = 3")
    report = verify(server_url)
    assert any(p.startswith("Audit entry #3") for p in report.problems)


def test_nobody_changes_or_removes_an_audit_entry_not_even_the_owner(server_case, server_url):
    db.close_case()
    with psycopg.connect(server_url, autocommit=True) as con:
        for statement in ("UPDATE audit_entry SET summary = 'x'", "DELETE FROM audit_entry",
                          "TRUNCATE audit_entry"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                con.execute(statement)
        assert con.execute("SELECT count(*) FROM audit_entry").fetchone() == (1,)


def test_a_database_that_holds_other_tables_is_refused_by_name(server_url):
    with psycopg.connect(server_url) as con:
        con.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(CaseOpenError, match=r"postgresql://.*already holds tables"):
        db.new_case(server_url, "A case")
    with pytest.raises(CaseOpenError, match="is not a Casefile case"):
        db.open_case(server_url)


def test_a_server_that_cannot_be_reached_is_said_in_one_line(pg_cluster):
    url = f"postgresql://nobody@127.0.0.1:{pg_cluster.port}/no_such_database"
    with pytest.raises(CaseOpenError) as caught:
        db.open_case(url)
    assert str(caught.value).startswith(f"{url}: cannot connect: ")
    assert "role \"nobody\" does not exist" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_sqlite_style_sql_is_run_the_servers_way():
    assert server.sqlite_dialect("SELECT a FROM t WHERE b = ? AND c LIKE '50%'") == (
        "SELECT a FROM t WHERE b = %s AND c LIKE '50%%'")
    assert server.sqlite_dialect("SELECT '?' FROM t WHERE x = %s") == (
        "SELECT '?' FROM t WHERE x = %s")
    assert server.sqlite_dialect("INSERT OR IGNORE INTO t (a) VALUES (?)") == (
        "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING")
    assert server.sqlite_dialect("SELECT CAST(source.text AS BLOB) FROM source", False) == (
        "SELECT convert_to(source.text, 'UTF8') FROM source")


def test_a_search_index_changed_on_the_server_is_found_and_rebuilt(worked_server_case,
                                                                   server_url):
    from desktop.services import search

    assert search.rebuild_index(actor=ACTOR).matched
    db.close_case()
    with psycopg.connect(server_url) as con:
        con.execute("UPDATE source_index SET document = to_tsvector('simple', 'nothing') "
                    "WHERE rowid = 4")
    problems = verify(server_url).problems
    assert any("entry in the search index differs" in p for p in problems), problems
    db.open_case(server_url)
    assert not search.rebuild_index(actor=ACTOR).matched
    assert [h.source_id for h in search.search("Phenol")] == [4]
    db.close_case()
    assert verify(server_url).ok


def test_a_server_case_from_an_older_casefile_gains_the_new_columns_and_verifies(
        worked_server_case, server_url):
    """As a server case made before format 13 holds its incidents: without filled_from."""
    db.close_case()
    with psycopg.connect(server_url) as con:
        con.execute("ALTER TABLE incident DROP COLUMN filled_from CASCADE")
        con.execute("UPDATE casefile_meta SET value = '12' WHERE name = 'file_format'")
    with pytest.raises(CaseOpenError, match="open it for editing once"):
        db.open_read_only(server_url)
    db.open_case(server_url)
    db.close_case()
    with psycopg.connect(server_url) as con:
        (version,) = con.execute("SELECT value FROM casefile_meta "
                                 "WHERE name = 'file_format'").fetchone()
        filled = con.execute("SELECT DISTINCT filled_from FROM incident").fetchall()
        (summary,) = con.execute("SELECT summary FROM audit_entry ORDER BY id DESC LIMIT 1"
                                 ).fetchone()
    assert version == str(db.SCHEMA_VERSION) and filled == [("{}",)]
    assert summary.startswith(f"Upgraded the case on the server from file format 12 to "
                              f"{db.SCHEMA_VERSION}: new columns in incident")
    report = verify(server_url)
    assert report.ok, report.problems


def test_the_server_schema_has_every_column_of_the_models(server_case):
    """Made from the models, so a column a new file format adds is on the server too."""
    from desktop.domain import models

    for model in models.TABLES:
        if model is models.SourceIndex:
            continue
        table = model._meta.table_name
        on_server = {c.name for c in server_case.get_columns(table)} - {"rowid"}
        assert on_server == {f.column_name for f in model._meta.sorted_fields}, table


def test_a_connection_the_server_dropped_is_made_again_for_the_next_change(server_case,
                                                                           server_url):
    from desktop.services import incidents

    first = incidents.create_incident(actor=ACTOR, title="Executions near Pokrovsk").id
    dropped = server_case.connection().info.backend_pid
    with psycopg.connect(server_url, autocommit=True) as con:  # as a restarted server does
        con.execute("SELECT pg_terminate_backend(%s, 10000)", (dropped,))  # waits for its end
    # the next change and read go through on a new connection, and the chain holds
    second = incidents.create_incident(actor=ACTOR, title="Executions near Robotyne").id
    assert server_case.connection().info.backend_pid != dropped
    with psycopg.connect(server_url) as con:
        titles = [t for (t,) in con.execute("SELECT title FROM incident ORDER BY id")]
    assert titles == ["Executions near Pokrovsk", "Executions near Robotyne"]
    assert second > first
    report = verify(server_url)
    assert report.ok, report.problems


def test_a_server_that_cannot_be_reached_is_said_in_the_users_language(pg_cluster):
    from desktop.services import words

    url = f"postgresql://nobody@127.0.0.1:{pg_cluster.port}/no_such_database"
    with words.in_language("uk"), pytest.raises(CaseOpenError) as caught:
        db.open_case(url)
    assert str(caught.value).startswith(f"{url}: не вдалося з'єднатися: ")


def test_an_edit_in_casefile_does_not_make_good_a_row_changed_on_the_server(
        worked_server_case, server_url):
    from desktop.services import evidence

    db.close_case()
    with psycopg.connect(server_url) as con:
        con.execute("UPDATE evidence SET asserted_value = 'forged' WHERE id = 1")
    db.open_case(server_url)
    evidence.update_evidence(1, actor=ACTOR, note="checked again")
    evidence.update_evidence([1, 2], actor=ACTOR, status="verified")
    db.close_case()
    problems = verify(server_url).problems
    assert any(p.startswith("E-001's asserted value had been changed outside Casefile when "
                            "Casefile changed it") for p in problems), problems
    assert not any(p.startswith("E-002") for p in problems), problems


def test_a_server_case_of_format_15_records_earlier_states_once_upgraded(
        worked_server_case, server_url):
    """As a server case of format 15 is: no row_before, the note function of then."""
    from desktop.services import evidence

    db.close_case()
    with psycopg.connect(server_url) as con:
        con.execute("ALTER TABLE audit_entry DROP COLUMN row_before")
        con.execute("CREATE OR REPLACE FUNCTION casefile_note_written() RETURNS trigger "
                    "LANGUAGE plpgsql AS $$ BEGIN IF TG_OP <> 'INSERT' THEN INSERT INTO "
                    "pg_temp.casefile_written VALUES (TG_TABLE_NAME, OLD.id) ON CONFLICT DO "
                    "NOTHING; ELSE INSERT INTO pg_temp.casefile_written VALUES "
                    "(TG_TABLE_NAME, NEW.id) ON CONFLICT DO NOTHING; END IF; RETURN NULL; "
                    "END $$")
        con.execute("UPDATE casefile_meta SET value = '15' WHERE name = 'file_format'")
    db.open_case(server_url)
    evidence.update_evidence(1, actor=ACTOR, note="after the upgrade")
    db.close_case()
    with psycopg.connect(server_url) as con:
        (before,) = con.execute("SELECT row_before FROM audit_entry ORDER BY id DESC LIMIT 1"
                                ).fetchone()
        con.execute("UPDATE evidence SET quote = 'forged' WHERE id = 1")
    assert "evidence:1" in before
    db.open_case(server_url)
    evidence.update_evidence(1, actor=ACTOR, note="once more")
    db.close_case()
    problems = verify(server_url).problems
    assert any(p.startswith("E-001's quote had been changed outside Casefile") for p in problems)


def test_an_entrys_digests_made_unreadable_on_the_server_are_a_finding(worked_server_case,
                                                                       server_url):
    db.close_case()
    with psycopg.connect(server_url) as con:  # as the owner can: its trigger taken off first
        con.execute("ALTER TABLE audit_entry DISABLE TRIGGER casefile_append_only")
        con.execute("UPDATE audit_entry SET row_digests = '{not json' WHERE id = 3")
        con.execute("""UPDATE audit_entry SET row_digests = '{"evidence:1x": 5}' WHERE id = 4""")
        con.execute("""UPDATE audit_entry SET row_before = '{"invoice:1": "ab"}' WHERE id = 5""")
    problems = verify(server_url).problems
    assert any(p.startswith("Audit entry #3 ") for p in problems), problems
    assert any(p.startswith("Audit entry #4 ") for p in problems), problems
    assert any(p.startswith("Audit entry #5 ") for p in problems), problems
