"""`casefile import` with a collection record: the options are kept with the source, a hash at
collection that the file does not match refuses it in one line, and nothing else changes."""

from __future__ import annotations

import hashlib

from desktop import cli
from desktop.domain import db
from desktop.services import sources
from tests.conftest import ROOT

STATEMENT = ROOT / "tests" / "corpus" / "docx" / "statement_from_odt.docx"


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_options_are_the_source_s_collection_record(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    digest = hashlib.sha256(STATEMENT.read_bytes()).hexdigest()
    code, out, err = run("import", case, str(STATEMENT), "--collected-with", "Hunchly 2.4",
                         "--capture-method", "download from the office's site",
                         "--captured-at", "2025-01-23T13:05:00Z", "--time-source",
                         "laptop clock (NTP)", "--identity", "research account @doc_team",
                         "--hash-at-collection", f"sha256:{digest}", capsys=capsys)
    assert (code, err) == (0, "") and "1 imported" in out
    db.open_case(case)
    record = sources.source_details(1).collection
    db.close_case()
    assert record == {"tool": "Hunchly 2.4", "method": "download from the office's site",
                      "captured_at": "2025-01-23T13:05:00Z", "time_source": "laptop clock (NTP)",
                      "identity": "research account @doc_team",
                      "hash_at_collection": f"sha256:{digest}",
                      "hash_checked": "matches the bytes imported"}


def test_a_file_that_does_not_match_its_hash_is_refused_in_one_line(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    code, out, err = run("import", case, str(STATEMENT), "--hash-at-collection", "0" * 64,
                         capsys=capsys)
    assert code == 1 and "0 imported" in out
    assert err.count("\n") == 1
    assert err.startswith("failed     statement_from_odt.docx: does not match the hash taken "
                          "at collection (sha256 000000000000… given, ")


def test_a_bad_record_is_one_line_and_nothing_is_imported(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    code, out, err = run("import", case, str(STATEMENT), "--captured-at", "last Tuesday",
                         capsys=capsys)
    assert code != 0 and out == ""
    assert err == ("casefile: the capture time 'last Tuesday' is not an ISO 8601 date or time "
                   "(2025-01-23 or 2025-01-23T13:05:00Z)\n")
    code, out, err = run("import", case, str(STATEMENT), str(STATEMENT.with_name(
        "form_fields.docx")), "--hash-at-collection", "0" * 64, capsys=capsys)
    assert code != 0 and "names one file" in err and err.count("\n") == 1
