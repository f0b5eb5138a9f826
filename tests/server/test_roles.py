"""Roles on a server case: each person logs in as their own role, and the server itself
refuses what their group may not do, also to someone who writes plain SQL with psycopg."""

from __future__ import annotations

import psycopg
import pytest

from desktop import cli
from desktop.domain import db
from desktop.services import evidence, integrity, review
from tests.server.conftest import as_role


def test_init_and_add_member_say_what_they_did(server_url, capsys):
    assert cli.main(["server", "init", server_url]) == 0
    out = capsys.readouterr().out.splitlines()
    name = server_url.rsplit("/", 1)[1]
    assert out == [f"Created {server_url}",
                   f"Roles of {server_url}: {name}_documenter, {name}_reviewer, {name}_admin"]
    assert cli.main(["server", "add-member", server_url, "dana", "--as", "reviewer"]) == 0
    assert capsys.readouterr().out.strip() == f"dana works on {server_url} as reviewer"
    with psycopg.connect(server_url) as con:
        members = con.execute("SELECT name, role FROM member").fetchall()
        (granted,) = con.execute("SELECT pg_has_role('dana', %s, 'MEMBER')",
                                 (f"{name}_reviewer",)).fetchone()
    assert members == [("dana", "reviewer")] and granted


def test_a_documenter_cannot_approve_with_plain_sql(team_case):
    with psycopg.connect(as_role(team_case, "alice")) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="alice is not a reviewer"):
        con.execute("UPDATE evidence SET review_state = 'approved', reviewed_by = 'alice' "
                    "WHERE id = 1")


def test_a_documenter_cannot_sign_an_incident_off_with_plain_sql(team_case):
    with psycopg.connect(as_role(team_case, "alice")) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="not a reviewer"):
        con.execute("UPDATE incident SET state = 'approved' WHERE id = 1")


def test_nobody_alters_an_audit_row(team_case):
    for role in ("alice", "bob"):
        for statement in ("UPDATE audit_entry SET summary = 'x' WHERE id = 1",
                          "DELETE FROM audit_entry WHERE id = 1", "TRUNCATE audit_entry"):
            with psycopg.connect(as_role(team_case, role)) as con, \
                    pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(statement)


def test_an_entry_names_the_role_that_wrote_it(team_case):
    with psycopg.connect(as_role(team_case, "alice")) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        con.execute("INSERT INTO audit_entry (id, at, actor, action, summary, entry_hash) "
                    "VALUES (1000, '2025-01-01T00:00:00Z', 'bob', 'evidence.approve', '', '')")
    with psycopg.connect(team_case) as con:
        actors = [a for (a,) in con.execute("SELECT actor FROM audit_entry ORDER BY id")]
    assert actors[0] == "casefile_test" and set(actors[-3:]) == {"alice"}


def test_a_documenter_cannot_change_the_case_row_or_its_members(team_case):
    for statement in ('UPDATE "case" SET title = \'Another case\'',
                      "INSERT INTO member (name, role, added_at, added_by) "
                      "VALUES ('alice', 'reviewer', '', '')"):
        with psycopg.connect(as_role(team_case, "alice")) as con, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute(statement)


def test_a_reviewer_cannot_approve_what_they_marked_with_plain_sql(team_case):
    db.open_case(as_role(team_case, "bob"))
    source_id = 1
    span = evidence.add_evidence(source_id, 30, 50, actor="bob").id
    db.close_case()
    with psycopg.connect(as_role(team_case, "bob")) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="four eyes"):
        con.execute("UPDATE evidence SET review_state = 'approved', reviewed_by = 'bob' "
                    "WHERE id = %s", (span,))


def test_another_reviewer_approves_through_casefile_and_the_case_verifies(team_case):
    db.open_case(as_role(team_case, "carol"))
    review.review_evidence(1, "approved", actor="carol")
    db.close_case()
    db.open_read_only(as_role(team_case, "bob"))
    report = integrity.verify_case()
    db.close_case()
    assert report.ok, report.problems
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT review_state, reviewed_by FROM evidence WHERE id = 1"
                           ).fetchone() == ("approved", "carol")


def test_the_cli_acts_as_the_role_it_logged_in_as(team_case, capsys):
    status = cli.main(["--user", "Someone Else", "review", as_role(team_case, "carol"),
                       "approve", "E-001"])
    assert status == 0, capsys.readouterr().err
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT actor FROM audit_entry ORDER BY id DESC LIMIT 1"
                           ).fetchone() == ("carol",)


def test_a_refusal_by_the_server_is_one_line_for_the_cli(team_case, capsys):
    status = cli.main(["review", as_role(team_case, "alice"), "approve", "E-001"])
    err = capsys.readouterr().err
    assert status == 1 and "alice is not a reviewer" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_what_the_server_refuses_is_one_line_for_the_cli(team_case, capsys):
    url = as_role(team_case, "alice")
    status = cli.main(["members", url, "--add", "mallory", "--role", "reviewer"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.strip() == (f"casefile: {url}: the server refused the change: permission "
                           "denied for table member")
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT count(*) FROM member WHERE name = 'mallory'"
                           ).fetchone() == (0,)


def test_a_documenter_rebuilds_the_search_index(team_case, capsys):
    url = as_role(team_case, "alice")
    assert cli.main(["reindex", url]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("Search index rebuilt for 2 sources")


def insert_span_like_e001(con, **values) -> None:
    """A span inserted with plain SQL, as E-001 but for `values`."""
    columns = [c for (c,) in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'evidence' "
        "AND column_name <> 'id'")]
    chosen = ", ".join(f"%({c})s" if c in values else f'"{c}"' for c in columns)
    listed = ", ".join(f'"{c}"' for c in columns)
    con.execute(f"INSERT INTO evidence ({listed}) SELECT {chosen} FROM evidence WHERE id = 1",
                values)


def test_a_reviewer_cannot_insert_a_span_of_their_own_already_approved(team_case):
    with psycopg.connect(as_role(team_case, "bob")) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="four eyes"):
        insert_span_like_e001(con, created_by="bob", review_state="approved",
                              reviewed_by="carol")


def test_nobody_rewrites_who_marked_a_span_to_approve_it(team_case):
    with psycopg.connect(as_role(team_case, "bob")) as con:
        insert_span_like_e001(con, created_by="bob", start=30)
        con.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="who marked"):
            con.execute("UPDATE evidence SET created_by = 'alice' WHERE start = 30")
    with psycopg.connect(team_case) as con:
        assert con.execute("SELECT created_by FROM evidence WHERE start = 30").fetchall() == [
            ("bob",)]


def test_a_reviewer_undoes_the_removal_of_their_span_another_approved(team_case):
    db.open_case(as_role(team_case, "bob"))
    span = evidence.add_evidence(1, 30, 50, actor="bob").id
    db.close_case()
    db.open_case(as_role(team_case, "carol"))
    review.review_evidence(span, "approved", actor="carol")
    db.close_case()
    db.open_case(as_role(team_case, "bob"))
    undo = evidence.remove_evidence([span], actor="bob").undo
    undo("bob")
    assert evidence.snapshot_of(span)["reviewed_by"] == "carol"
    db.close_case()
