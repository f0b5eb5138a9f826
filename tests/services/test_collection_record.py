"""The collection record (Berkeley Protocol): what the collector says of how a file was
collected, the hash at collection checked against the bytes, and a capture's own facts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.domain import collection
from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry, Source
from desktop.services import integrity, sources

pytestmark = pytest.mark.file_and_server


CORPUS = Path(__file__).parent.parent / "corpus"
STATEMENT = CORPUS / "docx" / "statement_from_odt.docx"
GIVEN = {"tool": "Hunchly 2.4", "method": "downloaded from the office's website",
         "captured_at": "2025-01-23T13:05:00Z", "time_source": "laptop clock, NTP-synchronised",
         "identity": "research account @doc_team (no personal details)"}


def counts() -> tuple[int, int]:
    return Source.select().count(), AuditEntry.select().count()


def test_the_record_given_is_stored_with_the_source_and_its_audit_entry(case, actor):
    digest = hashlib.sha256(STATEMENT.read_bytes()).hexdigest()
    report = sources.import_files([STATEMENT], actor=actor, collection={
        **GIVEN, "hash_at_collection": f"SHA-256 {digest.upper()}"})
    source_id = report.source_ids[0]
    record = sources.source_details(source_id).collection
    assert record == {**GIVEN, "hash_at_collection": f"sha256:{digest}",
                      "hash_checked": "matches the bytes imported"}
    entry = AuditEntry.get(AuditEntry.action == "source.import")
    assert entry.after["collection"] == record
    assert integrity.verify_case().ok


def test_a_hash_at_collection_that_does_not_match_refuses_the_file_and_leaves_the_case(
        case, actor):
    before = counts()
    wrong = hashlib.sha256(b"another file").hexdigest()
    report = sources.import_files([STATEMENT], actor=actor,
                                  collection={"hash_at_collection": wrong})
    assert not report.imported and counts() == before
    [(path, reason)] = report.failed
    assert reason == (f"statement_from_odt.docx: does not match the hash taken at collection "
                      f"(sha256 {wrong[:12]}… given, "
                      f"{hashlib.sha256(STATEMENT.read_bytes()).hexdigest()[:12]}… read): it "
                      "is not the file that was collected")


@pytest.mark.parametrize("given, algorithm", [
    ("md5:{md5}", "md5"), ("{sha1}", "sha1"), ("sha512={sha512}", "sha512")])
def test_other_algorithms_collection_tools_write_are_checked(case, actor, given, algorithm):
    data = STATEMENT.read_bytes()
    digests = {name: hashlib.new(name, data).hexdigest() for name in ("md5", "sha1", "sha512")}
    report = sources.import_files([STATEMENT], actor=actor,
                                  collection={"hash_at_collection": given.format(**digests)})
    record = sources.source_details(report.source_ids[0]).collection
    assert record["hash_at_collection"] == f"{algorithm}:{digests[algorithm]}"


@pytest.mark.parametrize("given, message", [
    ({"hash_at_collection": "12345"}, "is not a hash"),
    ({"hash_at_collection": "sha256:abcd"}, "a sha256 hash has 64 hex digits, not 4"),
    ({"colour": "red"}, "not part of a collection record: colour"),
])
def test_a_record_that_makes_no_sense_is_refused_before_anything_is_read(case, actor, given,
                                                                         message):
    before = counts()
    with pytest.raises(ValidationError, match=message):
        sources.import_files([STATEMENT], actor=actor, collection=given)
    assert counts() == before


def test_one_hash_cannot_name_several_files(case, actor):
    with pytest.raises(ValidationError, match="names one file"):
        sources.import_files([STATEMENT, CORPUS / "docx" / "form_fields.docx"], actor=actor,
                             collection={"hash_at_collection": "0" * 64})


def test_a_capture_fills_its_own_tool_and_time_where_none_is_given(case, actor):
    report = sources.import_files([CORPUS / "web" / "news_related_blocks.mhtml",
                                   CORPUS / "web" / "news_related_blocks_wget.warc"],
                                  actor=actor, collection={"identity": "analyst account A"})
    mhtml, warc = (sources.source_details(i).collection for i in report.source_ids)
    assert mhtml == {"tool": "Blink", "method": "browser save as MHTML",
                     "captured_at": "2025-01-23T13:05:07Z",
                     "time_source": "the capture's Date header", "identity": "analyst account A"}
    assert warc["tool"].startswith("Wget/") and warc["time_source"].startswith("the WARC-Date")


def test_what_the_person_gives_wins_over_the_capture(case, actor):
    report = sources.import_files([CORPUS / "web" / "news_related_blocks.mhtml"], actor=actor,
                                  collection={"tool": "Chrome 131", "captured_at": "2025-01-23"})
    record = sources.source_details(report.source_ids[0]).collection
    assert (record["tool"], record["captured_at"]) == ("Chrome 131", "2025-01-23")
    assert "time_source" not in record  # the capture's clock is not the one of a time given


def test_the_record_can_be_edited_and_a_hash_given_later_is_checked(case, actor):
    source_id = sources.import_files([STATEMENT], actor=actor).source_ids[0]
    assert sources.source_details(source_id).collection == {}
    digest = hashlib.sha256(STATEMENT.read_bytes()).hexdigest()
    change = sources.update_source(source_id, actor=actor,
                                   collection={**GIVEN, "hash_at_collection": digest})
    assert sources.source_details(source_id).collection["hash_checked"]
    with pytest.raises(ValidationError, match="does not match the hash taken at collection"):
        sources.update_source(source_id, actor=actor,
                              collection={"hash_at_collection": "f" * 64})
    change.undo(actor)
    assert sources.source_details(source_id).collection == {}
    assert integrity.verify_case().ok


def test_a_bare_record_from_nothing_is_empty():
    assert collection.record() == {} and collection.record(tool="  ", method="") == {}


def test_a_capture_time_that_is_no_time_is_refused():
    with pytest.raises(ValidationError, match="is not an ISO 8601 date or time"):
        collection.record(captured_at="yesterday morning")
    assert collection.record(captured_at="2025-01-23")["captured_at"] == "2025-01-23"


def test_a_capture_time_is_kept_in_utc_and_needs_its_zone():
    assert collection.record(captured_at="2025-01-23T15:05:00+02:00")["captured_at"] == (
        "2025-01-23T13:05:00Z")
    with pytest.raises(ValidationError, match="has no time zone"):
        collection.record(captured_at="2025-01-23T15:05")
