"""The Word dossier of a case: what a receiving office gets (python-docx, Qt-free).

`export_dossier()` reads the open case, writes the dossier to a temporary file beside `out`
and moves it into place in one step, so a crash, an error or a cancel never leaves a
half-written dossier. The export changes nothing in the case except its audit entry, which
records its name, fingerprint and options: an intent before the rename and the entry after it
(`outgoing`), so that a kill between the two is settled when the case is next opened.

Every dossier also has its own short id, printed in the footer of every page: the first 12 hex
digits of the SHA-256 of the case's audit head, the options and the export time
(`dossier_id`), each recorded in the export's audit entry, so the id of a page found loose is
traced to the export that printed it.

This package imports cheaply: the document itself is built by `dossier`, which loads
python-docx, only when a dossier is written.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.domain import files
from desktop.domain.errors import CasefileError
from desktop.services import outgoing, words
from desktop.services.export import gather, wording
from desktop.services.words import _, ngettext

INCIDENT_CHOICES = ("approved", "drafts", "selected")
EDITIONS = ("full", "redacted")

_ISO = "%Y-%m-%dT%H:%M:%SZ"  # how the trail stores times

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class DossierOptions:
    """What a dossier covers and which edition it is."""

    incidents: str = "approved"  # "approved" | "drafts" (every incident) | "selected"
    selected: tuple[int, ...] = ()  # incident ids when incidents == "selected"
    edition: str = "full"  # "full" | "redacted"
    audit_annex: bool = False
    # A redacted edition is refused while words that look like a protected name were not
    # replaced (`near_misses`), unless the user has seen them and lets them through.
    accept_near_misses: bool = False
    # The language of the dossier's fixed wording ("en" | "uk", words.LANGUAGES); quotes and
    # what the documenters wrote stay as written.
    language: str = "en"


@dataclass(frozen=True)
class DossierResult:
    """The dossier written: where, its fingerprint, and what it holds."""

    path: Path
    sha256: str
    incidents: int
    evidence: int
    edition: str
    near_misses: tuple = ()  # near_misses.NearMiss let through in a redacted edition
    dossier_id: str = ""  # the short id in every page's footer (`dossier_id`)
    passages: int = 0  # distinct passages quoted: what the dossier counts as its evidence
    contents_paged: bool = False  # the contents' entries carry page numbers (`page_numbers`)


@dataclass(frozen=True)
class Stamp:
    """When a dossier was exported, and its own short id (`dossier_id`)."""

    at: datetime
    id: str
    audit_head: str

    @property
    def iso(self) -> str:
        """The export time as the trail stores times (2025-01-02T10:00:00Z)."""
        return self.at.strftime(_ISO)


def dossier_id(audit_head: str, options: dict, at: str) -> str:
    """A dossier's short id: 12 hex digits of the SHA-256 of the case's audit head when it was
    exported, its options (as JSON, keys sorted) and its export time."""
    text = "\n".join((audit_head, json.dumps(options, sort_keys=True), at))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _options(options: DossierOptions) -> dict:
    chosen = asdict(options)
    chosen["selected"] = list(options.selected)
    return chosen


def _stamp(options: DossierOptions, audit_head: str) -> Stamp:
    at = datetime.now(UTC).replace(microsecond=0)
    return Stamp(at, dossier_id(audit_head, _options(options), at.strftime(_ISO)), audit_head)


class ExportError(CasefileError):
    """A dossier cannot be written; the message names the file and the reason in one line."""


class NearMissesFound(ExportError):
    """A redacted edition holds words that look like a protected name but were not replaced;
    `found` lists them (near_misses.NearMiss). Nothing was written."""

    def __init__(self, found: list) -> None:
        self.found = found
        shown = "; ".join(m.line() for m in found[:3])
        more = " " + _("and {n} more").format(n=len(found) - 3) if len(found) > 3 else ""
        super().__init__(ngettext("{n} near miss of protected names not replaced: {shown}",
                                  "{n} near misses of protected names not replaced: {shown}",
                                  len(found)).format(n=len(found), shown=shown) + more)


class ExportCancelled(CasefileError):
    """The user cancelled the export; no file was written."""


def _check(out: Path, options: DossierOptions) -> None:
    """Refuse unknown options and a target that cannot be a file, before any work."""
    if options.incidents not in INCIDENT_CHOICES:
        raise ExportError(_("unknown choice of incidents {choice!r}; use one of {choices}")
                          .format(choice=options.incidents, choices=", ".join(INCIDENT_CHOICES)))
    if options.edition not in EDITIONS:
        raise ExportError(_("unknown edition {edition!r}; use full or redacted")
                          .format(edition=options.edition))
    if options.language not in words.LANGUAGES:
        raise ExportError(_("unknown language {language!r}; use one of {languages}")
                          .format(language=options.language,
                                  languages=", ".join(words.LANGUAGES)))
    if out.is_dir():
        raise ExportError(_("{name}: cannot be written: it is a folder").format(name=out.name))
    if not out.parent.is_dir():
        raise ExportError(_("{name}: cannot be written: the folder {folder} does not exist")
                          .format(name=out.name, folder=out.parent))


def export_dossier(out: Path, options: DossierOptions, *, actor: str,
                   progress: Progress | None = None,
                   cancelled: Cancelled | None = None,
                   page_numbers: bool = False) -> DossierResult:
    """Write the dossier of the open case to `out` (.docx) and record the export in the trail.

    `page_numbers` (when the user asks for the PDF too): the contents' entries get their page
    numbers from a scratch rendition before the dossier is saved (`contents_pages`); without
    LibreOffice, or when that rendition fails, they stay without numbers."""
    out = Path(out)
    _check(out, options)
    chosen = gather.chosen_incidents(options.incidents, options.selected)
    if not chosen:
        if options.incidents == "selected":
            raise ExportError(_("none of the selected incidents exists; select incidents to "
                                "export"))
        if options.incidents != "approved" or not gather.any_incident():
            raise ExportError(_("the case has no incident yet; add one before exporting"))
        raise ExportError(_("no approved incident to export; approve incidents or include "
                            "drafts"))
    data = gather.gather(chosen, audit=options.audit_annex)
    stamp = _stamp(options, data.case.audit_head)
    found = _near_misses(data) if options.edition == "redacted" else []
    if found and not options.accept_near_misses:
        raise NearMissesFound(found)
    from desktop.services.export import dossier  # python-docx: loaded when first written

    files.sweep_partials(out.parent, out.name)  # what an interrupted export left
    try:
        with files.replacing(out) as partial:
            told = _in_language(progress, words.language())
            try:
                with words.in_language(options.language):  # messages, the audit entry: the
                    document = dossier.build(options, data, stamp, actor=actor,  # user's
                                             progress=told, cancelled=cancelled)
            except ExportCancelled:
                document = None
            if document is None or (cancelled and cancelled()):
                raise ExportCancelled(_("the export was cancelled; no dossier was written"))
            paged = page_numbers and _number_contents(document, out, progress, cancelled)
            # Built in memory and written in one call: a full disk then fails that call, not a
            # half-closed zip file python-docx would leave to be closed (and fail) later.
            buffer = io.BytesIO()
            document.save(buffer)
            partial.write_bytes(buffer.getvalue())
            digest = hashlib.sha256(buffer.getvalue()).hexdigest()
            result = DossierResult(out, digest, len(data.incidents), data.evidence,
                                   options.edition, tuple(found), stamp.id, data.passages,
                                   paged)
            intent = _intend(result, options, stamp, actor)
    except OSError as exc:
        raise ExportError(_("{name}: cannot be written: {reason}").format(
            name=out.name, reason=files.failure_reason(exc, out.parent))) from exc
    outgoing.done(intent)
    return result


def _number_contents(document, out: Path, progress: Progress | None,
                     cancelled: Cancelled | None) -> bool:
    """The contents' page numbers from a scratch rendition (`contents_pages`); `progress` is
    told in the user's language."""
    from desktop.services.export import contents_pages  # noqa: PLC0415 — with python-docx

    if progress:
        progress(0, 1, _("Rendering {name} to PDF with LibreOffice").format(name=out.name))
    return contents_pages.number_contents(document, cancelled=cancelled)


def _in_language(progress: Progress | None, language: str) -> Progress | None:
    """`progress`, told its words in `language` (the user's, while the dossier speaks its own)."""
    if progress is None:
        return None

    def told(done: int, total: int, text: str) -> None:
        with words.in_language(language):
            progress(done, total, _(text))
    return told


def _near_misses(data: gather.DossierData) -> list:
    """Words of the redacted texts this dossier prints that look like a protected name."""
    from desktop.services import near_misses  # noqa: PLC0415 — rapidfuzz: only for this check
    from desktop.services.protection import Redactor  # noqa: PLC0415

    return near_misses.near_misses(near_misses.dossier_texts(data), Redactor.for_case())


def _intend(result: DossierResult, options: DossierOptions, stamp: Stamp,
            actor: str) -> outgoing.Intent:
    """The one change an export makes to the case, its audit entry: announced before the
    dossier is renamed into place, recorded (`outgoing.done`) after. It holds what the
    dossier's id was made of, so the id can be computed again from the trail."""
    chosen = _options(options)
    return outgoing.intend(
        "dossier.export", result.path, result.sha256, actor=actor,
        summary=(_("Exported the full dossier {name}") if result.edition == "full"
                 else _("Exported the redacted dossier {name}")).format(name=result.path.name)
        + " (" + ngettext("{n} incident", "{n} incidents", result.incidents).format(
            n=wording.number(result.incidents)) + ", "
        # Passages, as the dossier's cover counts its evidence, so the two never disagree.
        + ngettext("{n} passage quoted", "{n} passages quoted", result.passages).format(
            n=wording.number(result.passages)) + ")",
        after={"file": result.path.name, "sha256": result.sha256,
               "options": chosen, "incidents": result.incidents,
               "dossier_id": stamp.id, "exported_at": stamp.iso,
               "audit_head": stamp.audit_head,
               "evidence": result.evidence, "passages": result.passages,
               "edition": result.edition,
               # How many near misses the user let through (never the words).
               **({"near_misses_accepted": len(result.near_misses)}
                  if result.near_misses else {})})
