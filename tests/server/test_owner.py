"""The case's owner (the role that ran `casefile server init` and owns its tables) writes under
the same row-level security as everyone, and no member can switch the rules off."""

from __future__ import annotations

import psycopg
import pytest

from desktop import cli
from desktop.services import evidence, sources
from tests.conftest import SEEDS
from tests.server.conftest import as_role, verified, working_as
from tests.server.test_roles import insert_span_like_e001

OWNER = "case_keeper"


@pytest.fixture
def owned_case(server_url, pg_cluster, capsys):
    """A case set up by its own administrator (no superuser: a login role that may create
    roles and owns the database), with dana in its admin group and alice a documenter;
    alice marked E-001."""
    name = server_url.rsplit("/", 1)[1]
    with pg_cluster.admin() as con:
        if con.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (OWNER,)).fetchone() is None:
            con.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE")
        con.execute(f'ALTER DATABASE "{name}" OWNER TO {OWNER}')
    url = as_role(server_url, OWNER)
    assert cli.main(["server", "init", url, "--title", "POW executions"]) == 0
    for role, group in (("alice", "documenter"), ("dana", "admin")):
        assert cli.main(["server", "add-member", url, role, "--as", group]) == 0
    capsys.readouterr()
    with working_as(server_url, "alice"):
        source_id = sources.import_files(sorted(SEEDS.glob("*.txt"))[:1], actor="alice"
                                         ).source_ids[0]
        evidence.add_evidence(source_id, 0, 20, actor="alice")
    return server_url


def test_the_tables_are_the_administrators_and_their_row_security_is_forced(owned_case):
    with psycopg.connect(owned_case) as con:
        rows = con.execute("SELECT relname, pg_get_userbyid(relowner), relrowsecurity, "
                           "relforcerowsecurity FROM pg_class WHERE relname IN "
                           "('audit_entry', 'evidence') ORDER BY relname").fetchall()
    assert rows == [("audit_entry", OWNER, True, True), ("evidence", OWNER, True, True)]


def test_the_owner_cannot_write_an_entry_in_someone_elses_name(owned_case):
    with psycopg.connect(as_role(owned_case, OWNER)) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        con.execute("INSERT INTO audit_entry (id, at, actor, action, summary, entry_hash) "
                    "VALUES (1000, '2025-01-01T00:00:00Z', 'alice', 'evidence.add', '', '')")


@pytest.mark.parametrize("statement", ["UPDATE audit_entry SET summary = 'x' WHERE id = 1",
                                       "DELETE FROM audit_entry WHERE id = 1"])
def test_the_owner_is_told_the_trail_is_append_only(owned_case, statement):
    with psycopg.connect(as_role(owned_case, OWNER)) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        con.execute(statement)


def test_the_owner_cannot_mark_a_span_in_someone_elses_name(owned_case):
    with psycopg.connect(as_role(owned_case, OWNER)) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        insert_span_like_e001(con, start=30, created_by="alice")


def test_the_owners_own_work_through_casefile_goes_on_and_verifies(owned_case):
    with working_as(owned_case, OWNER):
        evidence.add_evidence(1, 30, 60, actor=OWNER)
    report = verified(as_role(owned_case, "alice"))
    assert report.ok, report.problems
    with psycopg.connect(owned_case) as con:
        assert con.execute("SELECT created_by FROM evidence WHERE start = 30").fetchone() == (
            OWNER,)


@pytest.mark.parametrize("statement", [
    "ALTER TABLE audit_entry NO FORCE ROW LEVEL SECURITY",
    "ALTER TABLE evidence DISABLE ROW LEVEL SECURITY",
    "DROP POLICY casefile_own_entries ON audit_entry",
    "ALTER TABLE evidence DISABLE TRIGGER casefile_review_rules",
    "ALTER TABLE audit_entry DISABLE TRIGGER casefile_append_only",
    "DROP TRIGGER casefile_reopened_by_evidence ON evidence",
    "CREATE OR REPLACE FUNCTION casefile_had_a_hand(span integer) RETURNS boolean "
    "LANGUAGE sql AS $$ SELECT false $$",
    "SET session_replication_role = replica",
    "DELETE FROM casefile_state_set",
])
def test_a_member_of_the_admin_group_cannot_switch_a_rule_off(owned_case, statement):
    with psycopg.connect(as_role(owned_case, "dana")) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        con.execute(statement)


def test_a_member_of_the_admin_group_writes_entries_only_in_their_own_name(owned_case):
    with psycopg.connect(as_role(owned_case, "dana")) as con:
        con.execute("SET row_security = off")  # asks for no policy: refused, not bypassed
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            con.execute("INSERT INTO audit_entry (id, at, actor, action, summary, entry_hash) "
                        "VALUES (1000, '2025-01-01T00:00:00Z', 'alice', 'case.update', '', "
                        "'')")
