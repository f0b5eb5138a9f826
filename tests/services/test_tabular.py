"""CSV registers of incidents, evidence and sources, as spreadsheets open them."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest

from desktop.domain.errors import CasefileError
from desktop.domain.models import AuditEntry, Evidence
from desktop.services import evidence, incidents, review, tabular

pytestmark = pytest.mark.file_and_server


INCIDENT_HEADER = [
    "code", "title", "state", "date_start", "date_end", "date_precision", "report_date", "time",
    "place", "place_alternatives", "district", "region", "country", "latitude", "longitude",
    "victims_min", "victims_max", "victim_status", "perpetrator_force", "perpetrator_unit",
    "qualifications", "open_elements", "evidence",
]
EVIDENCE_HEADER = [
    "evidence_no", "incident", "supports", "asserted_value", "quote", "source_title",
    "source_publisher", "source_sha256", "start", "end", "pages", "status", "credibility",
    "source_reliability", "admiralty", "review_state", "reviewed_by", "reviewed_at",
    "review_comment", "note", "created_by", "created_at",
]
SOURCE_HEADER = [
    "source", "title", "kind", "publisher", "author", "originator", "url", "published",
    "language", "collected_at", "collected_by", "collected_from", "original_name", "media_type",
    "size", "sha256", "text_sha256", "reliability", "reliability_note", "confidential",
    "relays", "imported_at", "imported_by", "evidence",
]
TITLE_UK = "Розстріл пораненого військового біля заводу «Фенол»"


def read_register(path: Path) -> list[dict[str, str]]:
    """The rows of a register as a spreadsheet user's script would read them."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return [dict(zip(header, row, strict=True)) for row in reader]


@pytest.fixture
def registers(worked_case, actor, tmp_path) -> dict:
    """The worked case with Ukrainian text and a review, written as registers."""
    phenol = worked_case["incidents"]["INC-001"]
    incidents.update_incident(phenol, actor=actor, title=TITLE_UK,
                              place_alternatives="Нью-Йорк\nNiu-York", latitude=48.28,
                              longitude=37.97)
    evidence.update_evidence(worked_case["evidence"]["place"], actor=actor,
                             asserted_value="Нью-Йорк (Донецька область)")
    review.review_evidence(worked_case["evidence"]["time"], "approved", actor="Mykola")
    paths = tabular.export_csv(tmp_path, "pow-case", actor=actor)
    return {"paths": paths, "worked": worked_case}


def test_the_registers_are_named_after_the_stem(registers, tmp_path):
    assert registers["paths"] == (tmp_path / "pow-case-incidents.csv",
                                  tmp_path / "pow-case-evidence.csv",
                                  tmp_path / "pow-case-sources.csv")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".csv") == [
        "pow-case-evidence.csv", "pow-case-incidents.csv", "pow-case-sources.csv"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_files_are_what_spreadsheets_open_correctly(registers):
    for path, header in zip(registers["paths"], (INCIDENT_HEADER, EVIDENCE_HEADER,
                                                 SOURCE_HEADER), strict=True):
        raw = path.read_bytes()
        assert raw.startswith(codecs.BOM_UTF8)
        lines = raw[len(codecs.BOM_UTF8):].split(b"\r\n")
        assert lines[-1] == b"" and all(line.startswith(b'"') for line in lines[:-1])
        with path.open(encoding="utf-8-sig", newline="") as f:
            assert next(csv.reader(f)) == header


def test_one_row_per_incident_with_cyrillic_intact(registers):
    rows = read_register(registers["paths"][0])
    assert [r["code"] for r in rows] == ["INC-001", "INC-002"]
    phenol = rows[0]
    assert phenol["title"] == TITLE_UK
    assert phenol["place_alternatives"] == "Нью-Йорк | Niu-York"
    assert (phenol["date_start"], phenol["time"], phenol["latitude"], phenol["victims_min"],
            phenol["victim_status"], phenol["state"]) == (
        "2024-09-06", "10:00", "48.28", "1", "wounded", "draft")
    assert phenol["qualifications"] == "Rome Statute art. 8(2)(b)(vi)"
    assert (phenol["open_elements"], phenol["evidence"]) == ("4", "3")  # killing is covered
    assert (rows[1]["qualifications"], rows[1]["latitude"], rows[1]["evidence"]) == ("", "", "1")


def test_one_row_per_evidence_span_with_its_grades_and_review(registers):
    rows = read_register(registers["paths"][1])
    marked = registers["worked"]["evidence"]
    assert [r["evidence_no"] for r in rows] == [f"E-{i:03d}" for i in sorted(marked.values())]
    by_no = {r["evidence_no"]: r for r in rows}
    place = by_no[f"E-{marked['place']:03d}"]
    assert (place["incident"], place["supports"], place["asserted_value"], place["quote"]) == (
        "INC-001", "Place", "Нью-Йорк (Донецька область)",
        "near the Phenol Plant in New York village")
    span = Evidence.get_by_id(marked["place"])
    assert (place["source_sha256"], place["start"], place["end"]) == (
        span.source.sha256, str(span.start), str(span.end))
    assert (place["source_title"], place["source_reliability"], place["status"]) == (
        "Russians executing surrendered soldiers: new evidence", "B", "corroborated")
    time = by_no[f"E-{marked['time']:03d}"]
    assert (time["credibility"], time["admiralty"], time["review_state"], time["reviewed_by"]) == (
        "2", "B2", "approved", "Mykola")
    killing = by_no[f"E-{marked['killing']:03d}"]
    assert killing["supports"] == ("Rome Statute art. 8(2)(b)(vi): The perpetrator killed or "
                                   "injured one or more persons")
    assert killing["created_by"] == "Olena Documenter"


def test_one_row_per_source_with_its_custody_record(registers):
    rows = read_register(registers["paths"][2])
    spans = Evidence.select().where(Evidence.id.in_(list(registers["worked"]["evidence"]
                                                         .values())))
    counted = {}
    for span in spans:
        counted[f"S-{span.source_id:03d}"] = counted.get(f"S-{span.source_id:03d}", 0) + 1
    assert [r["source"] for r in rows] == [f"S-{i:03d}" for i in range(1, 6)]
    by_ref = {r["source"]: r for r in rows}
    for ref, count in counted.items():
        assert by_ref[ref]["evidence"] == str(count)
    first = Evidence.get_by_id(registers["worked"]["evidence"]["place"]).source
    row = by_ref[f"S-{first.id:03d}"]
    assert (row["title"], row["sha256"], row["size"], row["original_name"]) == (
        first.title, first.sha256, str(first.size), first.original_name)
    assert row["confidential"] in ("yes", "no") and row["reliability"] == "B"


def test_the_redacted_sources_register_leaves_out_a_confidential_url(worked_case, tmp_path):
    from desktop.domain.models import Source

    Source.update(confidential=True, url="https://secret.example/a").where(Source.id == 1).execute()
    full = read_register(tabular.export_csv(tmp_path / "full", "case")[2])
    redacted = read_register(tabular.export_csv(tmp_path / "redacted", "case", redacted=True)[2])
    assert (full[0]["url"], redacted[0]["url"]) == ("https://secret.example/a", "")
    assert redacted[0]["confidential"] == "yes"


def test_the_export_is_audited(registers, actor):
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.actor) == ("registers.export", actor)
    assert entry.after == {"files": ["pow-case-incidents.csv", "pow-case-evidence.csv",
                                     "pow-case-sources.csv"],
                           "incidents": 2, "evidence": 4, "sources": 5, "edition": "full"}


def test_text_a_spreadsheet_would_run_as_a_formula_stays_text(worked_case, actor, tmp_path):
    evidence.update_evidence(worked_case["evidence"]["un_count"], actor=actor,
                             asserted_value='=HYPERLINK("http://evil.example","79")')
    _, path, _ = tabular.export_csv(tmp_path, "case")
    values = {r["asserted_value"] for r in read_register(path)}
    assert "'=HYPERLINK(\"http://evil.example\",\"79\")" in values


def test_writing_again_replaces_the_registers(registers, tmp_path):
    first = registers["paths"][1].read_bytes()
    assert tabular.export_csv(tmp_path, "pow-case") == registers["paths"]
    assert registers["paths"][1].read_bytes() == first


def test_a_missing_folder_is_made(worked_case, tmp_path):
    missing = tmp_path / "no such folder" / "registers"
    paths = tabular.export_csv(missing, "case")
    assert sorted(p.name for p in missing.iterdir()) == sorted(p.name for p in paths)


def test_a_folder_that_cannot_be_written_is_named(worked_case, tmp_path):
    taken = tmp_path / "a file"
    taken.write_text("")
    with pytest.raises(CasefileError, match="a file: the registers cannot be written there: "
                                            "it is not a folder"):
        tabular.export_csv(taken, "case")
    with pytest.raises(CasefileError, match="the folder cannot be made"):
        tabular.export_csv(taken / "inside", "case")
    with pytest.raises(CasefileError, match="without folders"):
        tabular.export_csv(tmp_path, "../case")


def test_a_folder_that_refuses_writing_is_named(worked_case, tmp_path, monkeypatch):
    # Simulated: tests run as root in CI, where a read-only folder does not refuse writes.
    locked = tmp_path / "locked"
    locked.mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tabular.os, "replace", refuse)
    with pytest.raises(CasefileError, match="locked: the registers cannot be written there: "
                                            "Permission denied"):
        tabular.export_csv(locked, "case")
    assert list(locked.iterdir()) == []


def test_the_registers_of_chosen_incidents_hold_only_theirs(worked_case):
    chosen = worked_case["incidents"]["INC-002"]
    tables = tabular.register_rows(incident_ids=[chosen])
    assert [row[0] for row in tables["incidents"]] == ["INC-002"]
    assert [row[1] for row in tables["evidence"]] == ["INC-002"]
    span = Evidence.get(Evidence.incident == chosen)
    assert [(row[0], row[-1]) for row in tables["sources"]] == [(f"S-{span.source_id:03d}", 1)]
