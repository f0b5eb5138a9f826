"""A hand-over manifest binds its copy: bytes, case, counts, rows and trail, each named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.domain import db
from desktop.domain.errors import CaseOpenError
from desktop.services import evidence, handover, integrity, manifests, review

REVIEWER = "Mykola Reviewer"


@pytest.fixture
def copy(worked_case, tmp_path, actor) -> Path:
    """A plain hand-over copy of the worked case, with its manifest beside it; nothing open."""
    source = worked_case["sources"]["000_834f49a7d7f9d56b.txt"]
    for start in (10, 50):  # with E-004, three spans on the UN report
        evidence.add_evidence(source, start, start + 30, actor=actor)
    path = tmp_path / "copy.casefile"
    handover.save_copy(path, actor=actor)
    db.close_case()
    return path


def _manifest_of(copy: Path) -> dict:
    return manifests.read(copy.with_name(copy.name + handover.MANIFEST_SUFFIX))


def _verify(copy: Path, manifest: dict, passphrase: str | None = None) -> list[str]:
    db.open_read_only(copy, passphrase)
    try:
        return integrity.verify_against_manifest(manifest, copy=copy).problems
    finally:
        db.close_case()


def test_an_untouched_copy_matches_its_manifest(copy):
    assert _verify(copy, _manifest_of(copy)) == []


def test_a_forged_sha256_counts_or_title_are_each_named(copy):
    manifest = _manifest_of(copy)
    manifest["sha256"] = "0" * 64
    manifest["counts"]["sources"] = 6
    manifest["case"]["title"] = "Shelling of the drama theatre"
    problems = _verify(copy, manifest)
    assert len(problems) == 3
    assert problems[0].startswith("copy.casefile is not the file handed over")
    assert "the manifest's 0000000000000000…" in problems[0]
    assert "The copy has 5 source records, the manifest 6." in problems
    assert any("title is “Executions of surrendered POWs” in the copy, but “Shelling of the "
               "drama theatre” in the manifest" in p for p in problems)


def test_a_manifest_of_another_case_is_caught(copy, tmp_path):
    other = tmp_path / "other.casefile"
    db.new_case(other, "Another case", reference="UA-9")
    handover.save_copy(tmp_path / "other-copy.casefile", actor="Olena")
    db.close_case()
    problems = _verify(copy, _manifest_of(tmp_path / "other-copy.casefile"))
    assert any(p.startswith("Audit entry #") for p in problems)
    assert any("“Another case” in the manifest" in p for p in problems)


def test_a_returned_copy_with_rows_removed_and_a_quote_rewritten_is_caught(copy, worked_case):
    spans, source = worked_case["evidence"], worked_case["sources"]["000_834f49a7d7f9d56b.txt"]
    db.open_case(copy)  # the reviewer works on the copy: entries after the hand-over
    review.review_evidence(spans["time"], "approved", actor=REVIEWER)
    db.close_case()
    con = sqlite3.connect(copy)  # then, behind Casefile's back:
    con.execute("DELETE FROM evidence WHERE source_id = ? OR id = ?", (source, spans["place"]))
    con.execute("DELETE FROM source_original WHERE source_id = ?", (source,))
    con.execute("DELETE FROM source WHERE id = ?", (source,))
    con.execute("UPDATE evidence SET quote = 'they were all released unharmed' WHERE id = ?",
                (spans["killing"],))
    con.commit()
    con.close()
    problems = _verify(copy, _manifest_of(copy))
    gone = [p for p in problems if p.endswith("is gone, and its trail records no removal of it.")]
    added = [spans["un_count"] + 1, spans["un_count"] + 2]  # the copy fixture's two spans
    assert [p.split(" ")[0] for p in gone] == [f"S-{source:03d}", *(
        f"E-{e:03d}" for e in sorted([spans["place"], spans["un_count"], *added]))]
    assert gone[0].startswith(f"S-{source:03d} “UN mission reports 79 executions")
    assert (f"E-{spans['killing']:03d} differs from the copy handed over, and its trail records "
            "no change of it since.") in problems
    assert len(problems) == 5 + 1


def test_a_quote_rewritten_in_an_untouched_copy_is_named(copy, worked_case):
    span = worked_case["evidence"]["killing"]
    con = sqlite3.connect(copy)
    con.execute("UPDATE evidence SET quote = 'they were all released unharmed' WHERE id = ?",
                (span,))
    con.commit()
    con.close()
    problems = _verify(copy, _manifest_of(copy))
    assert f"E-{span:03d} differs from the copy handed over, and its trail records no change " \
           "of it since." in problems


def test_changes_the_trail_records_after_the_hand_over_are_allowed(copy, worked_case, actor):
    db.open_case(copy)
    review.review_evidence(worked_case["evidence"]["time"], "approved", actor=REVIEWER)
    evidence.remove_evidence(worked_case["evidence"]["place"], actor=actor)
    db.close_case()
    assert _verify(copy, _manifest_of(copy)) == []


def test_the_manifest_of_an_encrypted_copy_says_nothing_in_clear(tmp_path, seed_files, actor):
    pytest.importorskip("sqlcipher3")
    from tests.worked_case import build_worked_case

    secret = "seven silent witnesses at dawn"
    db.new_case(tmp_path / "sealed.casefile", "Executions of surrendered POWs", actor=actor,
                reference="UA-POW-2024-001", passphrase=secret)
    build_worked_case(seed_files, actor)
    copy = tmp_path / "sealed-copy.casefile"
    handover.save_copy(copy, actor=actor)
    db.close_case()
    text = copy.with_name(copy.name + handover.MANIFEST_SUFFIX).read_text()
    manifest = json.loads(text)
    assert set(manifest) == {"file", "sha256", "size", "encrypted", "sealed"}
    for clear in ("POWs", "UA-POW", "sources", "Olena", "confidential"):
        assert clear not in text
    assert _verify(copy, manifest, secret) == []
    manifest["sealed"] = manifest["sealed"][:-8] + "AAAAAAA="
    assert any("sealed part does not open" in p for p in _verify(copy, manifest, secret))


@pytest.mark.parametrize("text, reason", [
    ("{not json", "not JSON"), ("[" * 100_000, "nested more than 32 levels deep"),
    ("[" * 40 + "]" * 40, "nested more than 32 levels deep"),
    ('{"audit": {}}', "records no SHA-256"), ("[1, 2]", "records no SHA-256"),
])
def test_a_file_that_is_not_a_manifest_is_named(tmp_path, text, reason):
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    with pytest.raises(CaseOpenError, match=f"bad.json: is not a hand-over manifest.*{reason}"):
        manifests.read(bad)


@pytest.mark.parametrize("audit", [[1, 2], {"entries": 2**70, "head": "x"},
                                   {"entries": True, "head": "x"}, {"entries": 3}])
def test_a_manifest_whose_head_has_the_wrong_shape_is_a_finding(copy, audit):
    manifest = _manifest_of(copy)
    manifest.update(audit=audit, rows="all", case=None)
    assert _verify(copy, manifest) == ["The manifest does not record the audit chain's head."]


def test_a_manifest_whose_rows_have_the_wrong_shape_is_a_finding(copy):
    manifest = _manifest_of(copy)
    manifest["rows"]["evidence"]["E-1"] = ["forged", None]
    manifest["rows"]["sources"]["1"] = "forged"
    manifest["rows"]["incidents"] = []
    problems = _verify(copy, manifest)
    assert ("The manifest's evidence rows are not all named by their number: it was not "
            "written by Casefile, or it was changed.") in problems
    assert any(p.startswith("S-001 “") and "differs from the copy handed over" in p
               for p in problems)
    assert sum("was not in the copy handed over" in p for p in problems) == 2  # INC-001, -002
