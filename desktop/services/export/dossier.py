"""The dossier as a Word document, built from the gathered case (python-docx).

Imported only when a dossier is written: python-docx and lxml are heavy, and opening the
window or running `casefile search` does not need them.
"""

from __future__ import annotations

from docx.document import Document

from desktop.services.export import (
    Cancelled,
    DossierOptions,
    ExportCancelled,
    Progress,
    annexes,
    gather,
    incident,
    sections,
    styles,
)
from desktop.services.export.document import DossierWriter
from desktop.services.protection import Redactor, protected_people


def build(options: DossierOptions, data: gather.DossierData, *, actor: str,
          progress: Progress | None = None, cancelled: Cancelled | None = None) -> Document:
    """The dossier as a python-docx Document (not saved)."""
    redacted = options.edition == "redacted"
    document = styles.open_template()
    writer = DossierWriter(document, Redactor.for_case() if redacted else None)
    protected = sections.protected_counts(
        (p.spellings, p.excluded_forms) for p in protected_people()) \
        if redacted else (0, 0)
    sections.furniture(writer, data, redacted=redacted)
    sections.cover(writer, data, actor=actor, redacted=redacted, protected=protected)
    sections.contents(writer)
    sections.summary(writer, data)
    total = len(data.incidents)
    for done, item in enumerate(data.incidents):
        if cancelled and cancelled():
            raise ExportCancelled("the export was cancelled; no dossier was written")
        if progress:
            progress(done, total, item.incident.code)
        incident.incident_section(writer, data, item)
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
