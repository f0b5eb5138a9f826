"""`casefile export --redacted` and the check before release: a redacted edition with words
that look like a protected name is refused unless the user accepts them. Fictional names."""

from __future__ import annotations

from pathlib import Path

from desktop import cli
from desktop.domain import db
from tests.protected_case import witness_statement

STATEMENT = ("Свідчення. Остапа Гнатюшенка вивели з підвалу вранці; Гнатюшнко бачив це сам.\n")


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


def misspelt_case(tmp_path: Path) -> Path:
    """A case with one evidence quote that misspells a protected witness's name once."""
    path = tmp_path / "w.casefile"
    db.new_case(path, "Свідки", actor="Olena")
    witness_statement(tmp_path, STATEMENT, "Остап Гнатюшенко", title="Підвал")
    db.close_case()
    return path


def test_export_refuses_near_misses_without_the_flag_and_writes_with_it(tmp_path, capsys):
    case = misspelt_case(tmp_path)
    out = tmp_path / "redacted.docx"
    code, _, err = run("export", str(case), str(out), "--drafts", "--redacted", capsys=capsys)
    assert code == 1 and not out.exists()
    [line] = err.splitlines()
    assert line.startswith("casefile: the redacted edition was not written: 2 near misses")
    assert "“Гнатюшнко” (like W-001) in E-001 quote" in line
    assert "--accept-near-misses" in line

    code, stdout, err = run("export", str(case), str(out), "--drafts", "--redacted",
                            "--accept-near-misses", capsys=capsys)
    assert code == 0 and out.exists() and "redacted edition" in stdout
    warning = [e for e in err.splitlines() if "warning" in e]
    assert len(warning) == 1 and "2 near miss(es)" in warning[0]
    assert "“Гнатюшнко” (like W-001)" in warning[0]


def test_the_full_edition_is_not_checked(tmp_path, capsys):
    case = misspelt_case(tmp_path)
    code, _, err = run("export", str(case), str(tmp_path / "full.docx"), "--drafts",
                       capsys=capsys)
    assert code == 0 and "near miss" not in err
