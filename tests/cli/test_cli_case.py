"""`casefile case`: the case's details and the issuing block its dossier prints."""

from __future__ import annotations

import docx

from tests.cli.test_cli import run

ORGANISATION = "Ukrainian Legal Advisory Group"
ADDRESSEE = "Office of the Prosecutor General of Ukraine"


def test_the_issuing_block_is_set_shown_and_printed_on_the_cover(tmp_path, capsys):
    case = str(tmp_path / "pow.casefile")
    run("demo", case, capsys=capsys)
    code, out, _ = run("case", case, capsys=capsys)
    assert code == 0 and "Issuing organisation  —" in out and "Classification        Conf" in out
    code, out, err = run("case", case, "--issuing-organisation", ORGANISATION, "--addressee",
                         ADDRESSEE, "--dossier-version", "1.0", "--issued-by",
                         "Olena Kovalenko, documenter", "--issued-for",
                         "Criminal proceedings no. 42024000000000123", capsys=capsys)
    assert code == 0 and not err
    assert out.strip() == ("Changed issuing organisation, issued by, addressee, issued for, "
                           "dossier version of the case")
    code, out, _ = run("case", case, capsys=capsys)
    assert f"Issuing organisation  {ORGANISATION}" in out and f"Addressee             {ADDRESSEE}" \
        in out and "Dossier version       1.0" in out
    dossier = tmp_path / "dossier.docx"
    code, _, _ = run("export", case, str(dossier), "--drafts", capsys=capsys)
    assert code == 0
    rows = docx.Document(str(dossier)).tables[0].rows
    cover = {row.cells[0].text: row.cells[1].text for row in rows}
    assert cover["Issuing organisation"] == ORGANISATION and cover["Addressee"] == ADDRESSEE
    assert cover["Version"] == "1.0" and cover["Issued by"] == "Olena Kovalenko, documenter"
    assert cover["Issued for"] == "Criminal proceedings no. 42024000000000123"


def test_a_bad_choice_or_a_missing_case_is_one_line(tmp_path, capsys):
    code, _, err = run("case", str(tmp_path / "none.casefile"), "--title", "X", capsys=capsys)
    assert code == 1 and err.strip() == "casefile: none.casefile: does not exist"


def test_the_audit_annexs_chain_head_is_the_one_casefile_info_prints(tmp_path, capsys):
    case = str(tmp_path / "pow.casefile")
    run("demo", case, capsys=capsys)
    _, out, _ = run("info", case, capsys=capsys)
    head = next(line.split()[2] for line in out.splitlines() if line.startswith("Chain head"))
    assert len(head) == 64
    dossier = tmp_path / "dossier.docx"
    assert run("export", case, str(dossier), "--drafts", "--audit", capsys=capsys)[0] == 0
    texts = [p.text for p in docx.Document(str(dossier)).paragraphs]
    assert f"Chain head when this dossier was exported: {head}" in texts
    assert any("casefile info CASE.casefile prints" in t for t in texts)
    assert run("verify", case, capsys=capsys)[0] == 0
