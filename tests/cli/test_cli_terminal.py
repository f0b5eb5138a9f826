"""What reaches the terminal: names shown as what they hold, one line per error, no library
log and no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop import cli
from tests.conftest import ROOT

FORGED = "a\nimported   S-999  evil.txt"
RECOLOURED = "b\x1b[31mred\x1b[0m\u202eexe.txt"


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


def hostile_files(folder):
    folder.mkdir()
    (folder / FORGED).write_text("A witness saw the column pass.\n", encoding="utf-8")
    (folder / RECOLOURED).write_text(f"{RECOLOURED}\nThe bridge was shelled at dawn.\n",
                                     encoding="utf-8")
    return folder


def test_a_file_name_cannot_forge_a_line_or_recolour_the_terminal(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    code, out, err = run("import", case, str(hostile_files(tmp_path / "in")), capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "2 imported, 0 duplicate, 0 failed" and len(lines) == 3
    assert not any(line.startswith("imported   S-999") for line in lines)
    assert "a\\nimported   S-999  evil.txt" in out
    assert "b\\x1b[31mred\\x1b[0m\\u202eexe.txt" in out
    for text in (out, err):
        assert "\x1b" not in text and "\u202e" not in text
    _, listed, _ = run("sources", case, capsys=capsys)  # the title is the first line: RECOLOURED
    assert "\x1b" not in listed and "\\x1b[31mred" in listed


def test_a_duplicate_and_a_failure_name_the_file_escaped(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    folder = hostile_files(tmp_path / "in")
    run("import", case, str(folder), capsys=capsys)
    bad = folder / "scan\x1b]0;owned\x07.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    code, out, err = run("import", case, str(folder), capsys=capsys)
    assert code == 1 and "0 imported, 2 duplicate, 1 failed" in out
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "[2/3] scan\\x1b]0;owned\\x07.pdf\n" in err  # the progress names it escaped too
    assert err.endswith("\nfailed     scan\\x1b]0;owned\\x07.pdf: is not a readable PDF\n")


def test_an_unexpected_error_is_one_line_and_its_traceback_goes_to_the_log(
        tmp_path, capsys, monkeypatch, data_folder):
    from desktop.services import case as case_service

    path = str(tmp_path / "c.casefile")
    run("new", path, capsys=capsys)

    def broken():
        raise AttributeError("'list' object has no attribute 'get'")

    monkeypatch.setattr(case_service, "summary", broken)
    code, out, err = run("info", path, capsys=capsys)
    log = data_folder / "logs" / "casefile-cli.log"
    assert code == 1 and out == ""
    assert err == (f"casefile: info stopped on an unexpected error (AttributeError); the "
                   f"details are in {log}\n")
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert "in broken" in log.read_text(encoding="utf-8")


def test_library_warnings_go_to_the_log_not_the_terminal(tmp_path, data_folder):
    """pypdf warns about a damaged cross-reference table; the user sees only the result."""
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "report.pdf"
    page = canvas.Canvas(str(pdf))
    page.drawString(72, 720, "The shelter was struck at 04:10.")
    page.save()
    data = pdf.read_bytes()
    at = data.rindex(b"startxref") + len(b"startxref\n")
    pdf.write_bytes(data[:at] + b"9" + data[at:])  # the table's offset now points nowhere
    case = str(tmp_path / "c.casefile")
    env = {"XDG_DATA_HOME": str(tmp_path / "user-data"), "PATH": "/usr/bin:/bin"}
    made = subprocess.run([sys.executable, "-m", "desktop.cli", "--user", "Olena", "new", case],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert made.returncode == 0
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--user", "Olena", "import",
                           case, str(pdf)], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0 and "1 imported" in done.stdout
    assert done.stderr == ""
    # PDFium reads the text; pypdf, which only measures what the pages unpack to, warns about
    # the damaged table, and its warnings are kept out of the log as well as the terminal.
    log = data_folder / "logs" / "casefile-cli.log"
    assert "pypdf" not in (log.read_text(encoding="utf-8") if log.exists() else "")


def test_a_wrong_passphrase_is_one_line_without_sqlcipher_log(tmp_path):
    from desktop.domain import db

    case = tmp_path / "sealed.casefile"
    db.new_case(case, "Sealed", actor="Olena", passphrase="seven silent witnesses at dawn")
    db.close_case()
    secret = tmp_path / "wrong"
    secret.write_text("not it\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--passphrase-file",
                           str(secret), "info", str(case)], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr == "casefile: sealed.casefile: the passphrase is not right for this case\n"


def test_a_file_name_that_is_not_utf8_is_imported_and_shown_by_its_bytes(tmp_path, capsys):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    try:
        with open(os.path.join(os.fsencode(folder), b"caf\xe9\x1b[1A.txt"), "wb") as f:
            f.write(b"A statement saved under an old code page.\n")
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    code, out, err = run("import", case, str(folder), capsys=capsys)
    assert code == 0 and "1 imported" in out
    assert "caf\\xe9\\x1b[1A.txt" in out and "\x1b" not in out


def test_a_terminal_that_cannot_show_a_letter_gets_it_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Свідчення.txt").write_text("Свідчення про обстріл мосту.\n", encoding="utf-8")
    case = str(tmp_path / "c.casefile")
    env = {"XDG_DATA_HOME": str(tmp_path / "user-data"), "PATH": "/usr/bin:/bin",
           "PYTHONIOENCODING": "ascii"}
    for args in (["new", case], ["import", case, str(folder)], ["sources", case]):
        done = subprocess.run([sys.executable, "-m", "desktop.cli", "--user", "Olena", *args],
                              capture_output=True, cwd=ROOT, env=env)
        assert done.returncode == 0 and done.stderr == b""
    assert "\\u0421\\u0432\\u0456\\u0434" in done.stdout.decode("ascii")


def test_what_the_user_typed_is_echoed_escaped(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    code, _, err = run("export", case, str(tmp_path / "d.docx"), "--incident", "INC\x1b[2J",
                       capsys=capsys)
    assert code == 1 and err == "casefile: no incident INC\\x1b[2J in this case\n"
    code, _, err = run("annotations", case, str(tmp_path / "a.jsonld"), "--incident",
                       "INC\u202e1", capsys=capsys)
    assert code == 1 and err == "casefile: no incident INC\\u202e1 in this case\n"
