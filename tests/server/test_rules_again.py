"""`casefile server init` on a case set up before installs its rules again, as this Casefile
has them: a case made with older rules, or whose rules were changed or dropped on the server,
gets them back, without a change to its data or to the entries of its trail."""

from __future__ import annotations

import psycopg
import pytest

from desktop import cli
from desktop.domain import digests
from tests.server.conftest import as_role, verified
from tests.server.test_roles import insert_span_like_e001

#: What a case set up with an earlier Casefile's rules lacks, or has otherwise, done to it
#: by its owner: rules added since, a trigger and a function as they were, forcing left off.
OLDER_RULES = (
    "DROP TRIGGER casefile_reopened_by_evidence ON evidence",
    "DROP FUNCTION casefile_evidence_reopens()",
    "DROP TRIGGER casefile_append_only_truncate ON audit_entry",
    "ALTER TABLE evidence DISABLE TRIGGER casefile_review_rules",
    "CREATE OR REPLACE FUNCTION casefile_had_a_hand(span integer) RETURNS boolean "
    "LANGUAGE sql STABLE AS $$ SELECT false $$",
    "DROP POLICY casefile_own_marks ON evidence",
    "ALTER TABLE audit_entry NO FORCE ROW LEVEL SECURITY",
    "ALTER TABLE evidence NO FORCE ROW LEVEL SECURITY",
)


def contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table of the case (the trail's included), in id order; of the case
    row, all but where the trail's chain stands (an entry moves it on)."""
    with psycopg.connect(url) as con:
        found = {table: con.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
                 for table in [*digests.AUDITED, "audit_entry", "casefile_meta"]}
        found["case"] = con.execute('SELECT to_jsonb(c) - \'audit_head\' - \'audit_count\' '
                                    'FROM "case" AS c').fetchall()
    return found


def init_again(url: str, capsys) -> list[str]:
    assert cli.main(["server", "init", url]) == 0, capsys.readouterr().err
    return capsys.readouterr().out.splitlines()


def test_init_on_a_case_whose_rules_are_current_changes_nothing(team_case, capsys):
    before = contents(team_case)
    out = init_again(team_case, capsys)
    assert out[1:] == ["Its rules were up to date: nothing was changed"]
    assert contents(team_case) == before


def test_init_brings_a_case_with_older_rules_up_to_date(team_case, capsys):
    with psycopg.connect(team_case) as con:
        for statement in OLDER_RULES:
            con.execute(statement)
    before = contents(team_case)
    out = init_again(team_case, capsys)
    assert out[1] == ("Brought its rules up to date: function casefile_evidence_reopens, "
                      "function casefile_had_a_hand, policy casefile_own_marks on evidence, "
                      "row security of audit_entry, row security of evidence, "
                      "trigger casefile_append_only_truncate on audit_entry, "
                      "trigger casefile_reopened_by_evidence on evidence, "
                      "trigger casefile_review_rules on evidence")
    after = contents(team_case)
    # the data as it was; the trail as it was, and one entry more that says what was done
    assert {t: rows for t, rows in after.items() if t != "audit_entry"} == {
        t: rows for t, rows in before.items() if t != "audit_entry"}
    assert after["audit_entry"][:-1] == before["audit_entry"]
    with psycopg.connect(team_case) as con:
        entry = con.execute("SELECT actor, action, summary FROM audit_entry ORDER BY id DESC "
                            "LIMIT 1").fetchone()
    assert entry[:2] == ("casefile_test", "server.roles")
    assert entry[2].startswith("Installed the case's rules on the server again: function "
                               "casefile_evidence_reopens, function casefile_had_a_hand")
    report = verified(as_role(team_case, "alice"))
    assert report.ok, report.problems
    assert init_again(team_case, capsys)[1:] == [
        "Its rules were up to date: nothing was changed"]


def test_the_rules_installed_again_hold_against_psql(team_case, capsys):
    with psycopg.connect(team_case) as con:
        for statement in OLDER_RULES:
            con.execute(statement)
    init_again(team_case, capsys)
    with psycopg.connect(as_role(team_case, "alice")) as con:
        con.execute("UPDATE incident SET state = 'in_review' WHERE id = 1")
        con.commit()
        insert_span_like_e001(con, start=40, created_by="alice")
        with pytest.raises(psycopg.errors.CheckViolation, match="which is in review"):
            con.commit()
    with psycopg.connect(as_role(team_case, "bob")) as con:
        insert_span_like_e001(con, start=40, created_by="bob", incident_id=None)
        con.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="four eyes"):
            con.execute("UPDATE evidence SET review_state = 'approved', reviewed_by = 'bob' "
                        "WHERE start = 40")
    with psycopg.connect(team_case) as con, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        con.execute("TRUNCATE audit_entry")


def test_a_member_cannot_install_the_rules_and_is_told_in_one_line(team_case, capsys):
    assert cli.main(["server", "add-member", team_case, "dana", "--as", "admin"]) == 0
    before = contents(team_case)
    capsys.readouterr()
    assert cli.main(["server", "init", as_role(team_case, "dana")]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.strip() == (f"casefile: {as_role(team_case, 'dana')}: only the case's owner "
                           "(casefile_test) sets up its roles and rules on the server; dana is "
                           "not it, and nothing was changed")
    assert contents(team_case) == before
