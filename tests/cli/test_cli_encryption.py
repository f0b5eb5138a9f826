"""Encrypted cases from the command line: created with --encrypt, and a passphrase option
that would not be used is an error, never silently ignored."""

from __future__ import annotations

import getpass
import hashlib
import sys

import pytest

from desktop import cli
from desktop.domain import db

pytest.importorskip("sqlcipher3")

SECRET = "seven silent witnesses at dawn"


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "pass.txt"
    path.write_text(SECRET + "\n")
    return path


@pytest.fixture
def terminal(monkeypatch):
    """A terminal on which the user types the passphrases given, one per prompt."""
    def typing(*answers: str) -> list[str]:
        prompts: list[str] = []
        replies = iter(answers)
        monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
        monkeypatch.setattr(getpass, "getpass",
                            lambda prompt="": prompts.append(prompt) or next(replies))
        return prompts

    return typing


def test_new_encrypt_with_a_passphrase_file_makes_an_encrypted_case(tmp_path, capsys,
                                                                   secret_file):
    case = tmp_path / "sealed.casefile"
    code, out, _ = run("--passphrase-file", str(secret_file), "new", str(case), "--encrypt",
                       "--title", "Sealed", capsys=capsys)
    assert code == 0 and out.strip() == f"Created {case} (encrypted)"
    assert not case.read_bytes().startswith(db.SQLITE_MAGIC)
    with pytest.raises(db.encryption.PassphraseRequired):
        db.inspect_case(case)
    code, out, _ = run("--passphrase-file", str(secret_file), "info", str(case), capsys=capsys)
    assert code == 0 and "Sealed" in out


def test_new_encrypt_asks_twice_at_the_terminal(tmp_path, capsys, terminal):
    case = tmp_path / "sealed.casefile"
    prompts = terminal(SECRET, SECRET)
    assert run("new", str(case), "--encrypt", capsys=capsys)[0] == 0
    assert prompts == ["Passphrase for the new case sealed.casefile: ",
                       "The same passphrase again: "]
    assert db.inspect_case(case, SECRET) == db.SCHEMA_VERSION


@pytest.mark.parametrize("typed, reason", [
    ((SECRET, SECRET + "!"), "the two passphrases differ"),
    (("short", "short"), "use a passphrase of at least 12 characters"),
])
def test_a_passphrase_mistyped_or_too_short_creates_nothing(tmp_path, capsys, terminal,
                                                            typed, reason):
    case = tmp_path / "sealed.casefile"
    terminal(*typed)
    code, out, err = run("new", str(case), "--encrypt", capsys=capsys)
    assert code == 1 and out == ""
    assert err.strip() == f"casefile: sealed.casefile: was not created: {reason}"
    assert not list(tmp_path.glob("sealed.casefile*"))


def test_new_encrypt_without_a_terminal_needs_a_passphrase_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _, err = run("new", str(tmp_path / "sealed.casefile"), "--encrypt", capsys=capsys)
    assert code == 1 and "give the passphrase with --passphrase-file" in err
    assert not list(tmp_path.glob("sealed.casefile*"))


def test_a_passphrase_file_given_to_new_without_encrypt_is_an_error(tmp_path, capsys,
                                                                    secret_file):
    case = tmp_path / "plain.casefile"
    code, _, err = run("--passphrase-file", str(secret_file), "new", str(case), capsys=capsys)
    assert code == 1
    assert err.strip() == ("casefile: --passphrase-file is not used by `new` without --encrypt "
                           "(the case would not be encrypted); nothing was done")
    assert not case.exists()


@pytest.mark.parametrize("command", [("info",), ("verify",), ("import", "notes.txt"),
                                     ("export", "out.docx", "--drafts")])
def test_a_passphrase_file_for_a_case_that_is_not_encrypted_is_an_error(tmp_path, capsys,
                                                                        secret_file, command):
    case = tmp_path / "plain.casefile"
    db.new_case(case, "Plain")
    db.close_case()
    (tmp_path / "notes.txt").write_text("A witness statement.")
    before = hashlib.sha256(case.read_bytes()).hexdigest()
    args = [str(tmp_path / a) if a.endswith((".txt", ".docx")) else a for a in command[1:]]
    code, _, err = run("--passphrase-file", str(secret_file), command[0], str(case), *args,
                       capsys=capsys)
    assert code == 1
    assert err.strip() == ("casefile: --passphrase-file is not used for plain.casefile: it is "
                           "not encrypted; nothing was done")
    assert hashlib.sha256(case.read_bytes()).hexdigest() == before
    assert not (tmp_path / "out.docx").exists()


def test_a_passphrase_file_given_to_demo_is_an_error(tmp_path, capsys, secret_file):
    code, _, err = run("--passphrase-file", str(secret_file), "demo",
                       str(tmp_path / "demo.casefile"), capsys=capsys)
    assert code == 1 and "--passphrase-file is not used by `demo`" in err
    assert not (tmp_path / "demo.casefile").exists()


def test_a_wrong_passphrase_is_one_line_and_no_sqlcipher_log(tmp_path, capfd):
    case = tmp_path / "sealed.casefile"
    db.new_case(case, "Sealed", passphrase=SECRET)
    db.close_case()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    assert cli.main(["--passphrase-file", str(wrong), "info", str(case)]) == 1
    out, err = capfd.readouterr()
    assert out == ""
    assert err == "casefile: sealed.casefile: the passphrase is not right for this case\n"
