"""`casefile …` when things go wrong underneath: an encrypted case to recover, a full disk."""

from __future__ import annotations

from desktop import cli
from desktop.domain import copies, db
from tests.conftest import SEEDS


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_recover_reads_an_encrypted_case_with_its_passphrase(tmp_path, capsys):
    plain, locked = tmp_path / "plain.casefile", tmp_path / "locked.casefile"
    run("new", str(plain), capsys=capsys)
    run("import", str(plain), str(SEEDS), capsys=capsys)
    copies.encrypt_copy(plain, locked, "correct horse battery")
    secret = tmp_path / "passphrase.txt"
    secret.write_text("correct horse battery\n", encoding="utf-8")
    dest = tmp_path / "saved.casefile"
    code, out, err = run("--passphrase-file", str(secret), "recover", str(locked), str(dest),
                         capsys=capsys)
    assert code == 0, err
    assert "5 sources" in out and "Nothing was lost." in out
    assert db.inspect_case(dest, "correct horse battery") == db.SCHEMA_VERSION
