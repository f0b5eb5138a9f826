"""The Word dossier of a case: what a receiving office gets (python-docx, Qt-free).

`export_dossier()` reads the open case, writes the dossier to a temporary file beside `out`
and moves it into place in one step, so a crash, an error or a cancel never leaves a
half-written dossier. The export changes nothing in the case except one audit entry, written
once the file is in place, that records its name, fingerprint and options.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.domain.errors import CasefileError
from desktop.domain.models import database
from desktop.services import audit
from desktop.services.export import annexes, gather, sections, styles
from desktop.services.export.document import DossierWriter
from desktop.services.export.incident import incident_section
from desktop.services.protection import Redactor

INCIDENT_CHOICES = ("approved", "drafts", "selected")
EDITIONS = ("full", "redacted")

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class DossierOptions:
    """What a dossier covers and which edition it is."""

    incidents: str = "approved"  # "approved" | "drafts" (every incident) | "selected"
    selected: tuple[int, ...] = ()  # incident ids when incidents == "selected"
    edition: str = "full"  # "full" | "redacted"
    audit_annex: bool = False


@dataclass(frozen=True)
class DossierResult:
    """The dossier written: where, its fingerprint, and what it holds."""

    path: Path
    sha256: str
    incidents: int
    evidence: int
    edition: str


class ExportError(CasefileError):
    """A dossier cannot be written; the message names the file and the reason in one line."""


class ExportCancelled(CasefileError):
    """The user cancelled the export; no file was written."""


def _check(out: Path, options: DossierOptions) -> None:
    """Refuse unknown options and a target that cannot be a file, before any work."""
    if options.incidents not in INCIDENT_CHOICES:
        raise ExportError(f"unknown choice of incidents {options.incidents!r}; "
                          f"use one of {', '.join(INCIDENT_CHOICES)}")
    if options.edition not in EDITIONS:
        raise ExportError(f"unknown edition {options.edition!r}; use full or redacted")
    if out.is_dir():
        raise ExportError(f"{out.name}: cannot be written: it is a folder")
    if not out.parent.is_dir():
        raise ExportError(f"{out.name}: cannot be written: the folder {out.parent} does not "
                          "exist")


def _temporary(out: Path) -> Path:
    """A new, empty file beside `out` (same file system, so the final move is atomic)."""
    # Opened with "x" (not mkstemp) so the dossier gets the user's usual permissions.
    for _ in range(100):
        partial = out.parent / f".{out.name}.partial-{secrets.token_hex(4)}"
        try:
            partial.open("xb").close()
        except FileExistsError:
            continue
        except OSError as exc:
            raise ExportError(f"{out.name}: cannot be written: {exc.strerror or exc}") from exc
        return partial
    raise ExportError(f"{out.name}: cannot be written: no free temporary name in its folder")


def build(options: DossierOptions, data: gather.DossierData, *, actor: str,
          progress: Progress | None = None, cancelled: Cancelled | None = None):
    """The dossier as a python-docx Document (not saved)."""
    redacted = options.edition == "redacted"
    document = styles.open_template()
    writer = DossierWriter(document, Redactor.for_case() if redacted else None)
    sections.furniture(writer, data)
    sections.cover(writer, data, actor=actor, redacted=redacted)
    sections.contents(writer)
    sections.summary(writer, data)
    total = len(data.incidents)
    for done, item in enumerate(data.incidents):
        if cancelled and cancelled():
            raise ExportCancelled("the export was cancelled; no dossier was written")
        if progress:
            progress(done, total, item.incident.code)
        incident_section(writer, data, item)
    annexes.sources_annex(writer, data, redacted=redacted)
    annexes.methodology_annex(writer, data)
    if options.audit_annex:
        annexes.audit_annex(writer, data, redacted=redacted)
    core = document.core_properties
    core.title = writer.text(f"{data.case.title} — dossier of evidence")
    core.author = core.last_modified_by = writer.text(actor)
    core.subject = writer.text(data.case.reference)
    core.keywords = sections.marking(data)
    core.comments = ""
    if progress:
        progress(total, total, "Saving the dossier")
    return document


def export_dossier(out: Path, options: DossierOptions, *, actor: str,
                   progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> DossierResult:
    """Write the dossier of the open case to `out` (.docx) and record the export in the trail."""
    out = Path(out)
    _check(out, options)
    chosen = gather.chosen_incidents(options.incidents, options.selected)
    if not chosen:
        if options.incidents == "selected":
            raise ExportError("none of the selected incidents exists; select incidents to "
                              "export")
        raise ExportError("no approved incident to export; approve incidents or include drafts")
    data = gather.gather(chosen, audit=options.audit_annex)
    partial = _temporary(out)
    try:
        document = build(options, data, actor=actor, progress=progress, cancelled=cancelled)
        if cancelled and cancelled():
            raise ExportCancelled("the export was cancelled; no dossier was written")
        document.save(str(partial))
        digest = hashlib.sha256(partial.read_bytes()).hexdigest()
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"{out.name}: cannot be written: {exc.strerror or exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    result = DossierResult(out, digest, len(data.incidents), data.evidence, options.edition)
    _record(result, options, actor)
    return result


def _record(result: DossierResult, options: DossierOptions, actor: str) -> None:
    """The one change an export makes to the case: its audit entry."""
    chosen = asdict(options)
    chosen["selected"] = list(options.selected)
    with database.atomic():
        audit.record("dossier.export", actor=actor, object_type="case", object_id=1,
                     summary=f"Exported the {result.edition} dossier {result.path.name} "
                             f"({result.incidents} incidents, {result.evidence} evidence)",
                     after={"file": result.path.name, "sha256": result.sha256,
                            "options": chosen, "incidents": result.incidents,
                            "evidence": result.evidence, "edition": result.edition})
