"""Importing sources into a case: fingerprinted, deduplicated, audited, all or nothing."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from desktop.domain import db
from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry, Source
from desktop.services import integrity, sources
from tests.conftest import ROOT

pytestmark = pytest.mark.file_and_server


def counts() -> tuple[int, int]:
    return Source.select().count(), AuditEntry.select().count()


def test_seed_texts_import_with_fingerprint_original_bytes_and_text(case, actor, seed_files):
    report = sources.import_files(seed_files, actor=actor, kind="news")
    assert len(report.imported) == 5 and not report.failed and not report.duplicates
    for path, source_id in report.imported:
        source = Source.get_by_id(source_id)
        data = path.read_bytes()
        assert source.sha256 == hashlib.sha256(data).hexdigest()
        assert sources.original_bytes(source_id) == data
        assert source.original_name == path.name
        assert (source.collected_by, source.imported_by, source.kind) == (actor, actor, "news")
        assert "\r" not in source.text and source.text.strip()
    text = sources.source_text(report.imported[3][1])
    assert "near the Phenol Plant in New York village" in text


def test_a_case_opens_on_the_source_imported_first(case, actor, seed_files):
    assert sources.first_source_id() is None
    report = sources.import_files(seed_files[2:4], actor=actor)
    assert sources.first_source_id() == min(report.source_ids) == sources.source_rows()[0].id


def test_each_import_writes_an_audit_entry_with_the_fingerprint(case, actor, seed_files):
    report = sources.import_files(seed_files[:2], actor=actor)
    entries = list(AuditEntry.select().where(AuditEntry.action == "source.import"))
    assert [e.object_id for e in entries] == report.source_ids
    assert entries[0].after["sha256"] == Source.get_by_id(report.source_ids[0]).sha256
    assert {e.actor for e in entries} == {actor}


def test_each_import_entry_records_its_own_source_row_and_the_case_verifies(case, actor,
                                                                          seed_files):
    report = sources.import_files(seed_files[:3], actor=actor)
    entries = AuditEntry.select().where(AuditEntry.action == "source.import")
    assert [list(json.loads(e.row_digests)) for e in entries] == [
        [f"source:{source_id}"] for source_id in report.source_ids]
    assert integrity.verify_case().problems == []


def test_the_same_bytes_are_not_imported_twice(case, actor, seed_files, tmp_path):
    sources.import_files(seed_files, actor=actor)
    before = counts()
    copy = tmp_path / "renamed-copy.txt"
    copy.write_bytes(seed_files[0].read_bytes())
    report = sources.import_files([*seed_files, copy], actor=actor)
    assert report.imported == []
    assert [p for p, _ in report.duplicates] == [*seed_files, copy]
    assert counts() == before


def test_duplicates_within_one_import_are_stored_once(case, actor, seed_files, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_files[0].read_bytes())
    report = sources.import_files([seed_files[0], copy], actor=actor)
    assert len(report.imported) == 1
    assert [p for p, _ in report.duplicates] == [copy]


def test_a_bad_file_is_reported_and_the_good_ones_imported(case, actor, seed_files, tmp_path):
    empty = tmp_path / "statement.txt"
    empty.write_bytes(b"")
    report = sources.import_files([seed_files[0], empty], actor=actor)
    assert len(report.imported) == 1
    assert report.failed == [(empty, "statement.txt: is empty")]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("witness.txt", b"", "is empty"),
        ("photo.txt", bytes(range(256)) * 8, "binary"),
        ("video.mp4", b"\x00\x00\x00\x18ftypmp42", "is a .mp4 file"),
        ("report.pdf", b"%PDF-1.4 truncated", "not a readable PDF"),
        ("statement.docx", b"PK\x03\x04 not really", "not a readable Word document"),
    ],
)
def test_a_single_bad_file_leaves_the_case_untouched(case, actor, tmp_path, name, content,
                                                     reason):
    path = tmp_path / name
    path.write_bytes(content)
    before = counts()
    report = sources.import_files([path], actor=actor)
    assert report.imported == []
    [(failed_path, message)] = report.failed
    assert failed_path == path and message.startswith(f"{name}: ") and reason in message
    assert counts() == before


def test_a_missing_file_is_named(case, actor, tmp_path):
    report = sources.import_files([tmp_path / "gone.txt"], actor=actor)
    assert report.failed[0][1].startswith("gone.txt: cannot be read")


def test_cancelling_while_files_are_read_writes_nothing(case, actor, seed_files):
    seen = []
    report = sources.import_files(seed_files, actor=actor,
                                  progress=lambda done, total, name: seen.append(done),
                                  cancelled=lambda: len(seen) >= 2)
    assert report.cancelled and report.imported == []
    assert counts() == (0, 1)


def test_cancelling_at_the_last_moment_rolls_the_import_back(case, actor, seed_files):
    checks = []

    def cancelled() -> bool:
        checks.append(1)
        return len(checks) > len(seed_files)  # only the check after storing says "cancel"

    report = sources.import_files(seed_files, actor=actor, cancelled=cancelled)
    assert report.cancelled and report.imported == []
    assert counts() == (0, 1)


def test_progress_is_reported_per_file(case, actor, seed_files):
    seen = []
    sources.import_files(seed_files, actor=actor,
                         progress=lambda done, total, name: seen.append((done, total)))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)


def test_metadata_can_be_edited_and_the_edit_is_audited(case, actor, seed_files):
    source_id = sources.import_files(seed_files[:1], actor=actor).source_ids[0]
    sources.update_source(source_id, actor=actor, publisher="UN OHCHR", reliability="A",
                          reliability_note="UN monitoring mission report")
    source = Source.get_by_id(source_id)
    assert (source.publisher, source.reliability) == ("UN OHCHR", "A")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "source.update"
    assert entry.before["reliability"] == "F" and entry.after["reliability"] == "A"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "rewritten"}, "cannot be edited: text"),
        ({"sha256": "0" * 64}, "cannot be edited: sha256"),
        ({"reliability": "G"}, "reliability must be one of"),
    ],
)
def test_text_fingerprint_and_bad_grades_cannot_be_set(case, actor, seed_files, changes,
                                                       message):
    source_id = sources.import_files(seed_files[:1], actor=actor).source_ids[0]
    with pytest.raises(ValidationError, match=message):
        sources.update_source(source_id, actor=actor, **changes)


KILLED_IMPORT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from desktop.domain import db
    from desktop.services import sources

    db.open_case(sys.argv[1])
    files = sorted(Path(sys.argv[2]).glob("*.txt"))
    real_insert = sources.insert_row
    def insert_row(*args, **kwargs):
        print("writing", flush=True)
        return real_insert(*args, **kwargs)
    sources.insert_row = insert_row
    sources.import_files(files, actor="bulk")
    print("committed", flush=True)
""")


@pytest.mark.slow
def test_a_killed_import_leaves_a_valid_case_with_all_or_none_of_it(tmp_path, actor, seed_files):
    path = tmp_path / "killed.casefile"
    db.new_case(path, "Kill test", actor=actor)
    sources.import_files(seed_files[:2], actor=actor)
    db.close_case()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(1500):
        (corpus / f"{i:04d}.txt").write_text(
            f"Report {i}: prisoners of war executed near Pokrovsk. " * 60, encoding="utf-8")
    rng = random.Random(20241010)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(3):
        child = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(path), str(corpus)],
                                 stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        assert child.stdout.readline().strip() == "writing"  # inside the import's transaction
        for _ in range(rng.randrange(1, 600)):
            if child.stdout.readline().strip() != "writing":
                break
        child.send_signal(signal.SIGKILL)
        child.wait()
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        db.open_case(path)
        assert Source.select().count() in (2, 1502)
        assert AuditEntry.select().count() == Source.select().count() + 1
        db.close_case()


def test_source_details_are_its_metadata_and_custody_as_plain_values(case, actor, seed_files):
    source_id = sources.import_files(seed_files[:1], actor=actor, kind="news").source_ids[0]
    sources.update_source(source_id, actor=actor, publisher="UN OHCHR", reliability="A")
    details = sources.source_details(source_id)
    data = seed_files[0].read_bytes()
    assert (details.id, details.publisher, details.reliability) == (source_id, "UN OHCHR", "A")
    assert (details.original_name, details.size) == (seed_files[0].name, len(data))
    assert details.sha256 == hashlib.sha256(data).hexdigest()
    assert (details.kind, details.imported_by, details.confidential) == ("news", actor, False)
    assert sources.source_details(source_id + 1) is None
