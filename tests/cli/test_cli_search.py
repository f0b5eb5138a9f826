"""`casefile search` finds a Ukrainian or Russian word's inflected forms, as the window does."""

from __future__ import annotations

from tests.cli.test_cli import run


def test_a_word_finds_its_inflected_forms_and_a_quoted_one_only_itself(tmp_path, capsys):
    case, statement = str(tmp_path / "pow.casefile"), tmp_path / "pgo.txt"
    statement.write_text("Полонених розстріляли поблизу села Зелений Шлях Курської області.",
                         encoding="utf-8")
    run("new", case, capsys=capsys)
    run("import", case, str(statement), capsys=capsys)
    code, out, _ = run("search", case, "Курськ полонені", capsys=capsys)
    assert code == 0 and "[Полонених]" in out and "[Курської]" in out
    assert "1 source found" in out
    code, out, _ = run("search", case, '"Курськ"', capsys=capsys)
    assert code == 0 and "0 sources found" in out
