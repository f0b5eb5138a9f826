"""The command line on a server case: created and verified by its URL, in one-line messages."""

from __future__ import annotations

import psycopg

from desktop import cli
from tests.conftest import SEEDS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(["--user", "Olena Documenter", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_new_import_and_verify_by_url(server_url, capsys):
    status, out, _ = run(capsys, "new", server_url, "--title", "POW executions")
    assert status == 0 and out.strip() == f"Created {server_url}"
    status, out, err = run(capsys, "import", server_url, str(SEEDS))
    assert status == 0, err
    status, out, _ = run(capsys, "verify", server_url)
    assert status == 0
    assert out.startswith("Integrity verified: ") and "5 sources" in out
    with psycopg.connect(server_url) as con:
        (title,) = con.execute('SELECT title FROM "case"').fetchone()
        actors = {a for (a,) in con.execute("SELECT actor FROM audit_entry")}
    assert title == "POW executions" and actors == {"casefile_test"}  # the role it logged in as


def test_verify_names_the_server_case_that_failed(server_url, capsys):
    run(capsys, "new", server_url)
    run(capsys, "import", server_url, str(SEEDS))
    with psycopg.connect(server_url) as con:
        con.execute("ALTER TABLE audit_entry DISABLE TRIGGER casefile_append_only")
        con.execute("DELETE FROM audit_entry WHERE id = (SELECT max(id) FROM audit_entry)")
    status, out, _ = run(capsys, "verify", server_url)
    assert status == 1
    assert out.splitlines()[-1].startswith("Verification FAILED: ")
    assert out.splitlines()[-1].endswith(f"in {server_url}.")


def test_a_case_on_a_server_is_not_encrypted_by_casefile(server_url, capsys):
    status, _, err = run(capsys, "new", server_url, "--encrypt")
    assert status == 1 and err.startswith("casefile: --encrypt is for a case file")
    with psycopg.connect(server_url) as con:
        assert con.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                           ).fetchone() == (0,)


def test_a_second_new_on_the_same_database_is_refused(server_url, capsys):
    run(capsys, "new", server_url)
    status, _, err = run(capsys, "new", server_url)
    assert status == 1
    assert err.strip() == (f"casefile: {server_url}: already holds tables (a case, or another "
                           "application's data); create an empty database for the case")
