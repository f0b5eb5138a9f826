"""Files that leave the case (dossiers, hand-over copies) and the audit entries that say so.

Such a file appears under its name in one rename, and a kill can come just before or just after
it. So the trail records the intent first (`intend`: "dossier.export.intent" with the file's
path, SHA-256 and the entry to come), in a transaction of its own before the rename; the entry
itself ("dossier.export") follows the rename (`done`). A kill between them leaves an intent
without its entry, and `reconcile`, run when the case is next opened for editing, looks at the
file and records what happened: the entry, when the file is there with that SHA-256, or
"….abandoned" when it is not (the rename never happened, or the file was moved or changed
since).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError

from desktop.domain import files
from desktop.domain.errors import CasefileError
from desktop.domain.models import AuditEntry, database
from desktop.services import audit, manifests
from desktop.services.words import _

INTENT = ".intent"
ABANDONED = ".abandoned"
_in_flight: set[int] = set()  # the intents whose file this process is still writing


@dataclass(frozen=True)
class Intent:
    """An outgoing file the trail was told of before its rename: what `done` records."""

    entry_id: int
    action: str
    path: Path
    sha256: str
    summary: str
    after: dict
    actor: str


def intend(action: str, path: Path, sha256: str, *, summary: str, after: dict,
           actor: str) -> Intent:
    """Record, before `path` is renamed into place, that `action` is about to write it."""
    resolved = Path(path).resolve()
    with database.atomic():
        entry_id = audit.record(action + INTENT, actor=actor, object_type="case", object_id=1,
                                summary=_("Writing {name}").format(name=resolved.name),
                                after={"path": str(resolved), "sha256": sha256,
                                       "pid": os.getpid(), "summary": summary, "entry": after})
    _in_flight.add(entry_id)
    return Intent(entry_id, action, resolved, sha256, summary, after, actor)


class NotRecorded(CasefileError):
    """The file is in place, but its audit entry could not be written (a full disk): the
    intent stands in the trail, and the entry is recorded when the case is next opened."""


def done(intent: Intent) -> None:
    """Record the action itself, once its file is in place."""
    _in_flight.discard(intent.entry_id)  # settled now, or by `reconcile` if this fails
    try:
        with database.atomic():
            audit.record(intent.action, actor=intent.actor, object_type="case", object_id=1,
                         summary=intent.summary, after=intent.after)
    except DatabaseError as exc:
        reason = _("the disk is full") if files.is_disk_full(exc) else str(exc)
        raise NotRecorded(_("{name} was written, but the audit trail could not record it yet "
                            "({reason}); it is recorded when the case is next opened").format(
            name=intent.path.name, reason=reason)) from exc


def _finished(action: str, sha256: str, later_than: int) -> bool:
    """Whether the trail records, after entry `later_than`, the end of an intent."""
    for (after,) in (AuditEntry.select(AuditEntry.after)
                     .where(AuditEntry.id > later_than,
                            AuditEntry.action.in_([action, action + ABANDONED]))
                     .tuples()):
        if isinstance(after, dict) and after.get("sha256") == sha256:
            return True
    return False


def _sha256(path: Path) -> str | None:
    """The file's SHA-256, or None when there is no file there to read."""
    try:
        return manifests.file_sha256(path)
    except OSError:
        return None


def reconcile(*, actor: str) -> list[str]:
    """Settle every intent a killed export or hand-over left without its entry, and return
    what was recorded (one line each). Run when the case is opened for editing."""
    settled = []
    intents = (AuditEntry.select(AuditEntry.id, AuditEntry.action, AuditEntry.after)
               .where(AuditEntry.action.endswith(INTENT)).tuples())
    for entry_id, action, after in list(intents):
        action = action.removesuffix(INTENT)
        if not isinstance(after, dict) or _finished(action, after.get("sha256"), entry_id):
            continue
        if entry_id in _in_flight or (isinstance(after.get("pid"), int)
                                      and after["pid"] != os.getpid()
                                      and not files.process_gone(after["pid"])):
            continue  # still being written, here or by another process
        settled.append(_settle(action, after, actor))
    return settled


def _settle(action: str, intent: dict, actor: str) -> str:
    """Record how one interrupted intent ended, judged by the file it names."""
    path = Path(str(intent.get("path", "")))
    sha256 = intent.get("sha256")
    with database.atomic():
        if _sha256(path) == sha256:
            entry = intent.get("entry") if isinstance(intent.get("entry"), dict) else {}
            summary = _("{summary} (recorded when the case was next opened: it was cut short "
                        "after the file was in place)").format(
                summary=intent.get("summary") or path.name)
            audit.record(action, actor=actor, object_type="case", object_id=1, summary=summary,
                         after={**entry, "file": path.name, "sha256": sha256,
                                "recorded_on_open": True})
            return summary
        summary = _("{name} is not in place as it was written: cut short before its rename, "
                    "or moved or changed since").format(name=path.name)
        audit.record(action + ABANDONED, actor=actor, object_type="case", object_id=1,
                     summary=summary, after={"file": path.name, "sha256": sha256})
        return summary
