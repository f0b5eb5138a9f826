"""The dossier as a Word document, built from the gathered case (python-docx).

Imported only when a dossier is written: python-docx and lxml are heavy, and opening the
window or running `casefile search` does not need them.
"""

from __future__ import annotations

from docx.document import Document

from desktop.domain.refs import source_ref
from desktop.services.export import (
    Cancelled,
    DossierOptions,
    ExportCancelled,
    Progress,
    Stamp,
    annexes,
    findings,
    gather,
    incident,
    sections,
    styles,
)
from desktop.services.export.document import DossierWriter, anchor
from desktop.services.protection import Redactor, protected_people
from desktop.services.words import N_, _, language

SAVING = N_("Saving the dossier")  # said in the user's language (export_dossier)
#: The document's language, as its properties name it, per dossier language.
LANGUAGE_TAGS = {"en": "en-GB", "uk": "uk-UA"}


def build(options: DossierOptions, data: gather.DossierData, stamp: Stamp, *, actor: str,
          progress: Progress | None = None, cancelled: Cancelled | None = None) -> Document:
    """The dossier as a python-docx Document (not saved), stamped with its export time and id."""
    redacted = options.edition == "redacted"
    document = styles.open_template()
    writer = DossierWriter(document, Redactor.for_case() if redacted else None)
    writer.targets = targets(data)
    protected = sections.protected_counts(
        (p.spellings, p.excluded_forms) for p in protected_people()) \
        if redacted else (0, 0)
    sections.furniture(writer, data, stamp, redacted=redacted)
    sections.cover(writer, data, stamp, actor=actor, redacted=redacted, protected=protected)
    sections.contents(writer, data)
    findings.summary_of_findings(writer, data)
    findings.limitations(writer, data)
    sections.summary(writer, data)
    findings.chronology(writer, data)
    total = len(data.incidents)
    for done, item in enumerate(data.incidents):
        if cancelled and cancelled():
            raise ExportCancelled("cancelled")  # said in the user's language by the caller
        if progress:
            progress(done, total, item.incident.code)
        incident.incident_section(writer, data, item)
    annexes.sources_annex(writer, data, redacted=redacted)
    annexes.methodology_annex(writer, data)
    findings.tools_and_processing(writer, data)
    if options.audit_annex:
        annexes.audit_annex(writer, data, redacted=redacted)
    writer.fill_toc()
    _properties(document, writer, data, stamp, actor=actor, redacted=redacted)
    if progress:
        progress(total, total, SAVING)
    return document


def targets(data: gather.DossierData) -> set[str]:
    """The bookmarks this dossier holds, so references link only to them: every span quoted
    (usable and rejected, each incident's own), every source in Annex A, every incident."""
    found = {anchor(source_ref(i)) for i in data.sources}
    for item in data.incidents:
        found.add(anchor(item.incident.code))
        found.update(anchor(span.ref) for span in item.spans)
    return found


def _properties(document: Document, writer: DossierWriter, data: gather.DossierData,
                stamp: Stamp, *, actor: str, redacted: bool) -> None:
    """The file's own properties say what it is and when it was made, not what the template
    said: title, subject, edition, export time, Casefile as the application."""
    core = document.core_properties
    core.title = writer.text(_("{title} — dossier of evidence").format(title=data.case.title))
    core.author = core.last_modified_by = writer.text(actor)
    core.subject = writer.text(data.case.reference or data.case.title)
    core.keywords = sections.marking(data)
    core.category = sections.edition(redacted, drafts=any(i.draft for i in data.incidents))
    core.comments = _("Dossier {id}").format(id=stamp.id)
    core.identifier = stamp.id
    core.language = LANGUAGE_TAGS.get(language(), "en-GB")
    core.created = core.modified = stamp.at.replace(tzinfo=None)
    core.revision = 1
    styles.set_application(document)
