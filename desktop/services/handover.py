"""Hand a case over and take a reviewer's decisions back.

A hand-over copy is a consistent snapshot made with SQLite's backup API (also while the case is
open and being edited), with a manifest beside it (`manifests`): the copy's SHA-256 and size,
its case, counts and rows, the audit chain head, who made it and when; sealed with the
passphrase when the copy is encrypted. The manifest anchors the copy outside the file, so a
later rewrite of the copy, its rows or its whole trail is detectable too.

A reviewer works on the copy and returns it; merging brings their decisions back into the
original by evidence identity. A decision on a span that changed in the original since the
copy was made, or that the original already decided differently, is a conflict: reported,
never overwritten.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain import copies, db, encryption, files
from desktop.domain.errors import CaseOpenError, ValidationError
from desktop.domain.models import Evidence, Incident, database
from desktop.domain.refs import evidence_ref
from desktop.services import audit, incidents, manifests, outgoing, review
from desktop.services.words import _, ngettext

MANIFEST_SUFFIX = ".manifest.json"
#: What a reviewer may have approved; if any differs between copy and original, it is a conflict.
SPAN_IDENTITY = ("source_id", "start", "end", "quote")
SPAN_CONTENT = ("incident_id", "supports", "asserted_value", "status", "credibility", "note")
DECISION = ("review_state", "review_comment", "reviewed_by", "reviewed_at")
#: An incident's facts: a sign-off in the copy covers these as they were in the copy.
INCIDENT_CONTENT = tuple(f for f in incidents.EDITABLE_FIELDS if f != "qualifications")


file_sha256 = manifests.file_sha256


def save_copy(dest: Path, *, actor: str) -> dict:
    """Write a consistent copy of the open case to `dest` and its manifest beside it.

    Both are written under temporary names; the manifest is put in place first and the copy
    last, so a copy never stands without its manifest, and a save cut short leaves no copy
    (a retry is not refused). The trail records the intent before the copy's rename and the
    hand-over after it (`outgoing`).
    """
    dest = Path(dest)
    manifest_path = dest.with_name(dest.name + MANIFEST_SUFFIX)
    for name in (dest.name, manifest_path.name):  # what an interrupted save left
        files.sweep_partials(dest.parent, name)
    if dest.exists():
        raise CaseOpenError(dest, _("already exists; choose another name"))
    placed = False
    try:
        with files.replacing(dest) as partial:
            _snapshot(partial)
            manifest = _manifest(partial, actor)
            manifest["file"] = dest.name
            text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
            files.write_replacing(manifest_path, text.encode("utf-8"))
            placed = True
            intent = outgoing.intend("case.handover", dest, manifest["sha256"], actor=actor,
                                     summary=_("Saved a hand-over copy {name}").format(
                                         name=dest.name),
                                     after={"file": dest.name, "sha256": manifest["sha256"]})
    except BaseException as exc:
        if placed:  # the copy it describes was not put in place
            manifest_path.unlink(missing_ok=True)
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise CaseOpenError(dest, _("cannot be written: {reason}").format(
                reason=exc)) from exc
        raise
    outgoing.done(intent)
    return manifest


def _snapshot(partial: Path) -> None:
    """A consistent copy of the open case in the empty file `partial`: encrypted with the
    case's passphrase when the case is encrypted."""
    if encryption.is_encrypted(database.obj):
        copies.snapshot_into(database.obj, partial)
    else:
        target = sqlite3.connect(partial)
        try:
            database.connection().backup(target)  # SQLite's backup API: one consistent snapshot
        finally:
            target.close()
    # In WAL mode, as Casefile keeps a case file (one file once closed): opening the copy to
    # read it then changes none of its bytes. A copy in rollback-journal mode was switched to
    # WAL as it opened, its header rewritten, and it no longer matched its manifest.
    copies.keep_in_wal_mode(partial, database.obj.connect_params.get("passphrase", ""))


def _manifest(copy: Path, actor: str) -> dict:
    """What the manifest records, read from the copy itself: the live case may have moved on
    (an import finishing) between the snapshot and now."""
    passphrase = (database.obj.connect_params["passphrase"]
                  if encryption.is_encrypted(database.obj) else None)
    con = db.read_only_connection(copy, passphrase)
    try:
        con.execute("BEGIN")  # one consistent read of every row
        recorded = manifests.facts(con.execute)
    finally:
        con.close()
    return manifests.manifest(copy, recorded, actor=actor, passphrase=passphrase)


@dataclass
class MergeReport:
    """What a merge of a reviewer's copy changed, and what it left for a person to settle."""

    applied: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        applied, conflicts = len(self.applied), len(self.conflicts)
        return _("Brought in {decisions}; {conflicts} left for you to settle; {unchanged} "
                 "unchanged.").format(
            decisions=ngettext("{n} decision", "{n} decisions", applied).format(n=applied),
            conflicts=ngettext("{n} conflict", "{n} conflicts", conflicts).format(
                n=conflicts),
            unchanged=self.unchanged)


def _read_copy(path: Path, passphrase: str | None) -> tuple[dict[int, dict], dict[int, dict]]:
    db.inspect_case(path, passphrase)
    con = db.read_only_connection(path, passphrase)
    con.row_factory = _as_dict
    try:
        spans = {r["id"]: r for r in con.execute(
            "SELECT id, source_id, start, end, quote, incident_id, supports, asserted_value, "
            "status, credibility, note, review_state, review_comment, reviewed_by, reviewed_at "
            "FROM evidence")}
        columns = {row["name"] for row in con.execute("PRAGMA table_info(incident)")}
        decided = [f for f in ("decided_by", "decided_at") if f in columns]  # since format 7
        incidents = {r["id"]: r for r in con.execute(
            "SELECT id, code, state, state_comment, "
            + ", ".join(f'"{f}"' for f in (*INCIDENT_CONTENT, *decided)) + " FROM incident")}
    finally:
        con.close()
    return spans, incidents


def _as_dict(cursor, row: tuple) -> dict:
    """Rows as dicts, for sqlite3 and sqlcipher3 connections alike."""
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def merge_review(copy: Path, *, actor: str, passphrase: str | None = None) -> MergeReport:
    """Bring the review decisions of a returned copy (encrypted: give its passphrase) in."""
    spans, incidents = _read_copy(Path(copy), passphrase)
    report = MergeReport()
    with database.atomic():
        for span_id, theirs in sorted(spans.items()):
            _merge_span(span_id, theirs, report, actor, Path(copy).name)
        for incident_id, theirs in sorted(incidents.items()):
            _merge_incident(incident_id, theirs, report, actor,
                            _decider(theirs, incident_id, spans, Path(copy).name))
        audit.record("case.merge_review", actor=actor, object_type="case", object_id=1,
                     summary=_("Merged review from {name}: {report}").format(
                         name=Path(copy).name, report=report.summary()),
                     after={"file": Path(copy).name, "applied": len(report.applied),
                            "conflicts": report.conflicts})
    return report


def _merge_span(span_id: int, theirs: dict, report: MergeReport, actor: str,
                copy_name: str) -> None:
    ours_row = Evidence.get_or_none(Evidence.id == span_id)
    label = evidence_ref(span_id)
    if theirs["review_state"] == "pending":
        report.unchanged += 1
        return
    if ours_row is None:
        report.conflicts.append(f"{label}: reviewed in the copy ({theirs['review_state']}) but "
                                "removed from this case since; not brought in.")
        return
    ours = audit.snapshot(ours_row)
    ours["source_id"], ours["incident_id"] = ours.pop("source"), ours.pop("incident")
    if any(ours[k] != theirs[k] for k in SPAN_IDENTITY):
        report.conflicts.append(f"{label}: the copy's span is not this case's span (its text "
                                "or position differs); not brought in.")
        return
    if all(ours[k] == theirs[k] for k in DECISION):
        report.unchanged += 1
        return
    changed = [k for k in SPAN_CONTENT if ours[k] != theirs[k]]
    if changed:
        report.conflicts.append(
            f"{label}: {theirs['reviewed_by']} {theirs['review_state']} it, but its "
            f"{', '.join(k.replace('_id', '').replace('_', ' ') for k in changed)} changed "
            "here since the copy was made; review it again.")
        return
    if ours["review_state"] != "pending":
        report.conflicts.append(
            f"{label}: {theirs['reviewed_by']} {theirs['review_state']} it in the copy, but "
            f"{ours['reviewed_by']} already {ours['review_state']} it here; kept as it is here.")
        return
    review.record_decision(span_id, theirs["review_state"], comment=theirs["review_comment"],
                           reviewer=theirs["reviewed_by"], at=theirs["reviewed_at"],
                           actor=actor, taken_from=copy_name)
    report.applied.append(f"{label}: {theirs['review_state']} by {theirs['reviewed_by']} "
                          f"on {theirs['reviewed_at'][:10]}")


def _decider(theirs: dict, incident_id: int, spans: dict[int, dict],
             copy_name: str) -> review.TakenOver:
    """Who decided an incident's sign-off or return in the copy: as the copy records it, or
    (a copy from before format 7) the last reviewer of its evidence there."""
    reviewers = sorted(((s["reviewed_at"], s["reviewed_by"]) for s in spans.values()
                        if s["incident_id"] == incident_id and s["reviewed_by"]), reverse=True)
    by = theirs.get("decided_by") or (reviewers[0][1] if reviewers else "")
    return review.TakenOver(by or "the reviewer of the copy", theirs.get("decided_at") or "",
                            copy_name)


def _merge_incident(incident_id: int, theirs: dict, report: MergeReport, actor: str,
                    taken_over: review.TakenOver) -> None:
    ours = Incident.get_or_none(Incident.id == incident_id)
    if theirs["state"] not in ("approved", "returned") or ours is None:
        return
    if ours.state == theirs["state"]:
        return
    if ours.state != "in_review":
        report.conflicts.append(f"{ours.code}: {theirs['state']} in the copy, but it is "
                                f"{ours.state.replace('_', ' ')} here; kept as it is here.")
        return
    changed = [f for f in INCIDENT_CONTENT if getattr(ours, f) != theirs[f]]
    if changed:
        report.conflicts.append(
            f"{ours.code}: {theirs['state']} in the copy, but its "
            f"{', '.join(f.replace('_', ' ') for f in changed)} changed here since the copy "
            "was made; review it again.")
        return
    try:
        with database.atomic():
            if theirs["state"] == "approved":
                review.approve_incident(incident_id, actor=actor,
                                        comment=theirs["state_comment"] or "",
                                        taken_over=taken_over)
            else:
                review.return_incident(incident_id,
                                       theirs["state_comment"] or "(returned in review)",
                                       actor=actor, taken_over=taken_over)
    except ValidationError as exc:  # e.g. evidence added here since: it waits for review
        report.conflicts.append(f"{ours.code}: {theirs['state']} in the copy, but not here: "
                                f"{exc}")
        return
    report.applied.append(f"{ours.code}: {theirs['state']} in review")
