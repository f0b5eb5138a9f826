"""`casefile verify` names a row changed outside Casefile; `casefile reindex` repairs the index."""

from __future__ import annotations

import sqlite3

from tests.cli.test_cli import run, worked_case_file


def test_verify_names_a_rewritten_quote(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    con = sqlite3.connect(case)
    con.execute("UPDATE evidence SET quote = 'they were all released unharmed' WHERE id = 3")
    con.commit()
    con.close()
    code, out, err = run("verify", str(case), capsys=capsys)
    lines = out.splitlines()
    assert code == 1 and not err
    assert lines[0].startswith("E-003's quote differs from what the trail recorded on ")
    assert "by Olena (entry #" in lines[0]
    assert lines[-1] == "Verification FAILED: 1 problem in worked.casefile."


def test_reindex_rebuilds_a_changed_search_index_and_verify_passes_again(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    con = sqlite3.connect(case)
    con.execute("INSERT INTO source_index (source_index, rowid, text) "
                "SELECT 'delete', id, text FROM source WHERE id = 4")
    con.commit()
    con.close()
    code, out, _ = run("search", str(case), "Phenol", capsys=capsys)
    assert "S-004" not in out
    code, out, _ = run("verify", str(case), capsys=capsys)
    assert code == 1 and "S-004's entry in the search index differs" in out
    assert "casefile reindex" in out
    code, out, err = run("reindex", str(case), capsys=capsys)
    assert code == 0 and not err
    assert out.strip() == ("Search index rebuilt for 5 sources; the old index did not match "
                           "their text (it was changed outside Casefile, or damaged), and now "
                           "does.")
    code, out, _ = run("verify", str(case), capsys=capsys)
    assert code == 0 and out.startswith("Integrity verified:")
    code, out, _ = run("search", str(case), "Phenol", capsys=capsys)
    assert "S-004" in out
