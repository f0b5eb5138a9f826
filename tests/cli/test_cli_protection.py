"""`casefile` and protected people: redacted annotations and registers, protecting a person
and listing who is protected. The names are fictional."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop import cli
from desktop.domain import db
from tests.protected_case import witness_statement

STATEMENT = "Свідчення. Остапа Вербицького вивели з підвалу вранці.\n"


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


def statement_case(tmp_path: Path, *, protect: bool = True) -> Path:
    """A case with one evidence span quoting a fictional witness, protected or not yet."""
    path = tmp_path / "w.casefile"
    db.new_case(path, "Свідки", actor="Olena")
    witness_statement(tmp_path, STATEMENT, "Остап Вербицький\nOstap Verbytskyi", title="Підвал",
                      note="Записала Олена; Вербицький просив анонімності", protect=protect)
    db.close_case()
    return path


def test_redacted_annotations_and_registers(tmp_path, capsys):
    case = statement_case(tmp_path)
    out = tmp_path / "a.jsonld"
    code, stdout, _ = run("annotations", str(case), str(out), "--redacted", capsys=capsys)
    assert code == 0 and "Wrote 1 redacted annotation" in stdout
    text = out.read_text(encoding="utf-8")
    assert "W-001" in text and "Вербицьк" not in text
    code, stdout, _ = run("registers", str(case), str(tmp_path), "--redacted", capsys=capsys)
    assert code == 0 and "(redacted)" in stdout
    text = (tmp_path / "w-evidence.csv").read_text(encoding="utf-8-sig")
    assert "W-001" in text and "Вербицьк" not in text
    run("registers", str(case), str(tmp_path), capsys=capsys)
    assert "Вербицького" in (tmp_path / "w-evidence.csv").read_text(encoding="utf-8-sig")


def test_protect_gives_the_pseudonym_and_the_redaction_follows(tmp_path, capsys):
    case = statement_case(tmp_path, protect=False)
    code, stdout, _ = run("protect", str(case), "Остап Вербицький", "--role", "witness",
                          "--spelling", "Ostap Verbytskyi", capsys=capsys)
    assert code == 0 and "Protected a witness as W-001 (2 spellings" in stdout
    assert "Вербицьк" not in stdout and "Verbytsk" not in stdout
    code, stdout, _ = run("protect", str(case), "Ганна Зелінська", "--role", "victim",
                          capsys=capsys)
    assert code == 0 and "as V-001" in stdout
    out = tmp_path / "a.jsonld"
    run("annotations", str(case), str(out), "--redacted", capsys=capsys)
    assert "Вербицьк" not in out.read_text(encoding="utf-8")


def test_protect_refuses_a_role_it_does_not_know(tmp_path, capsys):
    case = statement_case(tmp_path, protect=False)
    with pytest.raises(SystemExit) as exited:
        run("protect", str(case), "Остап Вербицький", "--role", "bystander", capsys=capsys)
    assert exited.value.code == 2


def test_people_lists_pseudonyms_and_counts_but_names_only_when_asked(tmp_path, capsys):
    case = statement_case(tmp_path)
    code, stdout, _ = run("people", str(case), capsys=capsys)
    assert code == 0
    row = next(line for line in stdout.splitlines() if line.startswith("W-001"))
    assert "Witness" in row
    cells = re.split(r"\s{2,}", row)
    spellings, forms = int(cells[2]), int(cells[3])
    assert cells[4] == "Not asked" and cells[5] == "—"
    assert spellings == 2 and forms > 10  # the cases, the surname alone, initials
    assert "Вербицьк" not in stdout and "Verbytsk" not in stdout
    assert "give --names to show them" in stdout
    code, stdout, _ = run("people", str(case), "--names", capsys=capsys)
    assert code == 0 and "Остап Вербицький" in stdout and "Ostap Verbytskyi" in stdout
    assert "give --names" not in stdout


def test_people_says_when_nobody_is_protected(tmp_path, capsys):
    case = statement_case(tmp_path, protect=False)
    code, stdout, _ = run("people", str(case), capsys=capsys)
    assert code == 0 and "Nobody is protected" in stdout


def test_people_lists_consent_and_statements_and_hides_the_risk_note(tmp_path, capsys):
    from desktop.services import protection

    case = statement_case(tmp_path)
    db.open_case(case)
    person = protection.protected_people()[0]
    protection.update_protected(person.id, actor="Olena", consent="no",
                                risk_note="Вербицький живе біля блокпоста", statements=[1])
    db.close_case()
    code, stdout, _ = run("people", str(case), capsys=capsys)
    row = next(line for line in stdout.splitlines() if line.startswith("W-001"))
    assert "Refused to be named" in row and row.endswith("S-001")
    assert "a risk is noted" in stdout and "блокпост" not in stdout
    code, stdout, _ = run("people", str(case), "--names", capsys=capsys)
    assert "risk: Вербицький живе біля блокпоста" in stdout
