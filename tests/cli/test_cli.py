"""`casefile …` as a documenter uses it in a terminal: exit codes and one-line messages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop import cli
from tests.conftest import ROOT, SEEDS


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_new_import_sources_search_info(tmp_path, capsys):
    case = str(tmp_path / "pow.casefile")
    assert run("new", case, "--title", "Executions of POWs", "--reference", "UA-7",
               capsys=capsys)[0] == 0
    code, out, _ = run("import", case, str(SEEDS), capsys=capsys)
    assert code == 0 and "5 imported, 0 duplicate, 0 failed" in out
    code, out, _ = run("sources", case, capsys=capsys)
    assert code == 0 and len(out.splitlines()) == 5 and "S-004" in out
    code, out, _ = run("search", case, "Phenol", capsys=capsys)
    assert code == 0 and "[Phenol]" in out and "1 source found" in out
    code, out, _ = run("info", case, capsys=capsys)
    assert "Executions of POWs" in out and "UA-7" in out and "Confidential" in out
    assert "Sources         5" in out


def test_importing_the_same_files_again_reports_duplicates(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    run("import", case, str(SEEDS), capsys=capsys)
    code, out, _ = run("import", case, str(SEEDS), capsys=capsys)
    assert code == 0 and "0 imported, 5 duplicate" in out


def test_a_bad_file_is_a_user_error_with_a_one_line_message(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    code, out, err = run("import", case, str(bad), capsys=capsys)
    assert code == 1
    assert err.strip() == "failed     scan.pdf: is not a readable PDF"


@pytest.mark.parametrize("command", ["info", "sources"])
def test_a_file_that_is_not_a_case_is_a_user_error(tmp_path, capsys, command):
    notes = tmp_path / "notes.txt"
    notes.write_text("just notes")
    code, _, err = run(command, str(notes), capsys=capsys)
    assert code == 1
    assert err == "casefile: notes.txt: is not a Casefile case (it is not an SQLite database)\n"


def test_a_malformed_search_is_a_user_error(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    code, _, err = run("search", case, '"unclosed', capsys=capsys)
    assert code == 1 and "cannot be understood" in err and err.count("\n") == 1


def test_creating_over_an_existing_file_is_a_user_error(tmp_path, capsys):
    case = tmp_path / "c.casefile"
    case.write_text("keep me")
    code, _, err = run("new", str(case), capsys=capsys)
    assert code == 1 and "already exists" in err and case.read_text() == "keep me"


def test_wrong_usage_exits_2_and_every_command_has_help():
    usage = subprocess.run([sys.executable, "-m", "desktop.cli", "frobnicate"],
                           capture_output=True, text=True, cwd=ROOT)
    assert usage.returncode == 2
    for command in ("new", "import", "sources", "search", "info"):
        shown = subprocess.run([sys.executable, "-m", "desktop.cli", command, "--help"],
                               capture_output=True, text=True, cwd=ROOT)
        assert shown.returncode == 0 and f"usage: casefile {command}" in shown.stdout
