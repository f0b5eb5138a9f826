"""Verify a case: the audit trail's hash chain and every source's fingerprints.

What it finds is said in plain words, first problem first, so a reviewer or a receiving office
knows which entry or source was changed outside Casefile.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain import ledger
from desktop.domain.models import Case, database
from desktop.domain.refs import source_ref

Progress = Callable[[int, int, str], None]

_AUDIT_ROWS = ("SELECT id, at, actor, action, object_type, object_id, summary, before, after, "
               "entry_hash FROM audit_entry ORDER BY id")
_SOURCE_ROWS = ("SELECT s.id, s.title, s.sha256, s.text_sha256, s.text, o.data "
                "FROM source AS s LEFT JOIN source_original AS o ON o.source_id = s.id "
                "ORDER BY s.id")
_IMPORTED_HASHES = ("SELECT object_id, json_extract(after, '$.sha256') FROM audit_entry "
                    "WHERE action = 'source.import'")


@dataclass
class IntegrityReport:
    """The outcome of a check: what was read and every mismatch found, in order."""

    entries: int = 0
    sources: int = 0
    source_bytes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: all well, or the first problem and how many more."""
        if self.ok:
            return (f"Integrity verified: {self.entries:,} audit entries and {self.sources:,} "
                    f"sources ({self.source_bytes / 1e6:,.1f} MB) match their fingerprints.")
        more = len(self.problems) - 1
        return self.problems[0] + (f" (and {more} more problem{'s' if more > 1 else ''})"
                                   if more else "")


def _check_chain(report: IntegrityReport) -> None:
    previous, expected_id, last_id = ledger.GENESIS, 1, 0
    for row in database.execute_sql(_AUDIT_ROWS):
        entry_id, stored = row[0], row[9]
        if entry_id != expected_id:
            report.problems.append(
                f"Audit entry #{expected_id} is missing: it was removed from the trail outside "
                "Casefile." if entry_id == expected_id + 1 else
                f"Audit entries #{expected_id}–#{entry_id - 1} are missing: they were removed "
                "from the trail outside Casefile.")
        elif ledger.entry_digest(previous, row[:9]) != stored:
            report.problems.append(
                f"Audit entry #{entry_id} ({row[3]}, {row[1]}) does not match its fingerprint: "
                "it was changed outside Casefile after it was written.")
        previous, expected_id, last_id = stored, entry_id + 1, entry_id
        report.entries += 1
    head, count = Case.select(Case.audit_head, Case.audit_count).tuples().get()
    if count > last_id:
        report.problems.append(
            f"The audit trail ends at entry #{last_id}, but the case recorded {count} entries: "
            f"the newest {count - last_id} were removed outside Casefile.")
    elif count < last_id:
        report.problems.append(
            f"The audit trail has entries after #{count}, the last one the case recorded: "
            f"#{count + 1}–#{last_id} were added outside Casefile.")
    elif previous != head:
        report.problems.append(f"The audit trail's last entry #{last_id} is not the one the "
                               "case recorded: it was replaced outside Casefile.")


def _check_sources(report: IntegrityReport, progress: Progress | None) -> None:
    imported = dict(database.execute_sql(_IMPORTED_HASHES).fetchall())
    total = database.execute_sql("SELECT count(*) FROM source").fetchone()[0]
    for done, (source_id, title, sha, text_sha, text, data) in enumerate(
            database.execute_sql(_SOURCE_ROWS), start=1):
        name = f"Source {source_ref(source_id)} “{title}”"
        if data is None:
            report.problems.append(f"{name}: its original bytes are missing from the case.")
        else:
            report.source_bytes += len(data)
            if hashlib.sha256(data).hexdigest() != sha:
                report.problems.append(
                    f"{name}: its original bytes do not match the SHA-256 recorded at import "
                    f"({sha[:16]}…); they were changed outside Casefile.")
        if text_sha and hashlib.sha256(text.encode("utf-8")).hexdigest() != text_sha:
            report.problems.append(f"{name}: its extracted text was changed after import.")
        if imported.get(source_id) not in (None, sha):
            report.problems.append(f"{name}: its recorded fingerprint differs from the one in "
                                   "the audit trail's import entry.")
        report.sources += 1
        if progress and done % 50 == 0:
            progress(done, total, title)


def verify_case(progress: Progress | None = None) -> IntegrityReport:
    """Recompute the audit chain and every source's hashes of the open case."""
    report = IntegrityReport()
    with database.atomic(lock_type="DEFERRED"):  # one consistent read, no write lock
        _check_chain(report)
        _check_sources(report, progress)
        recovered = database.execute_sql(
            "SELECT count(*) FROM audit_entry WHERE action = 'case.recover'").fetchone()[0]
    if recovered and report.problems:
        report.problems.append("This case was recovered from a damaged file: what was lost "
                               "then is listed in its “case.recover” audit entry.")
    return report


def verify_against_manifest(manifest: dict, report: IntegrityReport | None = None, *,
                            copy: Path | None = None) -> IntegrityReport:
    """Check the open case, a hand-over copy (its file `copy`, when given), against its
    manifest: the file's bytes, its case, counts and rows, and the audit chain's head.

    Entries added after the hand-over are allowed, and so are the changes they record; the
    differences are told first by what the manifest can name (`manifests.check`).
    """
    from desktop.services import manifests

    report = report or IntegrityReport()
    passphrase = getattr(database.obj, "connect_params", {}).get("passphrase")
    with database.atomic(lock_type="DEFERRED"):  # one consistent read, no write lock
        report.problems.extend(manifests.check(manifest, database.execute_sql, copy=copy,
                                               passphrase=passphrase))
    return report
