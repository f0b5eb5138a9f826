"""The disclosure package: one zip a receiving office can check file by file.

It holds the dossier (.docx, and its PDF rendition when LibreOffice is installed), the original
bytes of every source the dossier cites (`originals/S-004-<safe name>`), the registers of the
dossier's sources, incidents and evidence (`registers/*.csv` and `*.json`), its evidence as W3C
Web Annotations (`annotations.jsonld`), a README, `manifest.json` (the case's audit chain head,
who built the package, when, with which options, and the SHA-256 of every file) and
`SHA256SUMS`, which `sha256sum -c` accepts. The dossier's own export is recorded in the trail
first; the package's SHA-256 follows it, through `outgoing` (an intent before the rename, the
entry after), and the zip appears under its name in one rename (`files.replacing`).

The redacted package carries the redacted dossier, registers and annotations, and leaves out
every original that could name a protected person: a statement a protected person gave, an
original whose text or whose metadata (title, author, publisher, file name, URL) names one,
and a confidential source's (its bytes may show where it came from). An original cannot be
redacted and still be the original, and a witness's safety outweighs the receiving office's
convenience: each one left out is listed in the manifest and the README by its S-id, SHA-256
and reason, so that it can be asked for and checked against that fingerprint when it is
disclosed under protective measures.

Member names are made here, never taken from outside: S-ids and file names reduced to letters,
digits and `.-_`, so no name can climb out of the folder it is unpacked into. The zip is
deterministic where it can be: fixed order, times and permissions; the dossier, the annotations
and the manifest carry the time they were made.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import mimetypes
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop import __version__
from desktop.domain import files
from desktop.domain.errors import CasefileError
from desktop.domain.json_input import JsonRefused, parse
from desktop.domain.models import (
    AuditEntry,
    Case,
    Evidence,
    Incident,
    Source,
    SourceOriginal,
    utc_now,
)
from desktop.domain.printable import printable
from desktop.domain.refs import source_ref
from desktop.services import (
    manifests,
    outgoing,
    protection,
    rendition,
    sources,
    tabular,
    words,
)
from desktop.services.words import N_, _, ngettext

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

FORMAT = "casefile-disclosure-package"
FORMAT_VERSION = 1
ACTION = "package.export"
SUMS = "SHA256SUMS"
MANIFEST = "manifest.json"
NO_PDF_ASKED = N_("no PDF rendition was asked for")
README = "README.txt"
DOSSIER = "dossier.docx"
PDF = "dossier.pdf"
ANNOTATIONS = "annotations.jsonld"
ORIGINALS = "originals/"
REGISTERS = "registers/"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest: the same bytes for the same files
_PERMISSIONS = 0o644 << 16
_UNSAFE = re.compile(r"[^\w.\-]+")
_NAME_LENGTH = 80
_MANIFEST_BYTES = 64 << 20
_BATCH, _BATCH_BYTES = 50, 64 << 20  # originals read from the case at a time
_DETAILS_BATCH = 500


@dataclass(frozen=True)
class PackageOptions:
    """What a package holds: which edition, whether drafts, whether a PDF is made."""

    redacted: bool = False
    drafts: bool = False
    pdf: bool = True  # a PDF rendition of the dossier, when LibreOffice is installed
    audit_annex: bool = False
    accept_near_misses: bool = False  # as DossierOptions.accept_near_misses
    language: str = "en"  # the dossier's, as DossierOptions.language


@dataclass(frozen=True)
class PackageResult:
    """The package written: where, its fingerprint, and what it holds."""

    path: Path
    sha256: str
    files: int
    originals: int
    withheld: tuple[str, ...]  # the S-ids of the originals a redacted package leaves out
    dossier_sha256: str
    pdf_note: str  # "" when the PDF is in the package, else why it is not
    edition: str
    near_misses: tuple = ()  # near_misses.NearMiss the redacted dossier let through


CANCELLED = N_("the package was cancelled; no file was written")


class PackageError(CasefileError):
    """A package cannot be written or read; the message names the file and the reason."""


class PackageCancelled(CasefileError):
    """The user cancelled the package; no file was written."""


# ---- names -----------------------------------------------------------------------------------

def safe_name(name: str, media_type: str = "") -> str:
    """A file name that is safe in any folder on any system: its last part only, letters,
    digits and `.-_`, no leading dot, at most 80 characters, its extension kept."""
    name = unicodedata.normalize("NFC", re.split(r"[\\/]", name or "")[-1])
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, (mimetypes.guess_extension(media_type) or ".bin")[1:]
    stem = _UNSAFE.sub("_", stem).strip("._") or "original"
    suffix = _UNSAFE.sub("", suffix)[:12] or "bin"
    return f"{stem[:_NAME_LENGTH - len(suffix) - 1]}.{suffix}"


def safe_member(name: str) -> bool:
    """Whether a member name stays inside the folder it is unpacked into and prints plainly."""
    parts = name.split("/")
    return (bool(name) and "\\" not in name and not name.startswith("/") and ":" not in name
            and all(part not in ("", ".", "..") for part in parts)
            and all(unicodedata.category(c)[0] not in "CZ" or c == " " for c in name))


def sums_line(name: str, sha256: str) -> str:
    """One line of SHA256SUMS as `sha256sum` writes it (a name with a backslash or a line end
    escaped, the line then starting with a backslash)."""
    if any(c in name for c in "\\\n\r"):
        escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f"\\{sha256}  {escaped}\n"
    return f"{sha256}  {name}\n"


def read_sums(text: str) -> tuple[dict[str, str], list[str]]:
    """The name → SHA-256 of each line of SHA256SUMS, and the lines that are not such a line."""
    found: dict[str, str] = {}
    bad = []
    for number, line in enumerate(text.split("\n")[:-1] if text.endswith("\n")
                                  else text.split("\n"), 1):
        escaped = line.startswith("\\")
        match = re.fullmatch(r"([0-9a-f]{64}) [ *](.+)", line[1:] if escaped else line)
        if match is None:
            bad.append(f"line {number}")
            continue
        name = match[2]
        if escaped:
            name = re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r"}.get(m[1], m[1]), name)
        found[name] = match[1]
    return found, bad


# ---- building --------------------------------------------------------------------------------

class _Zip:
    """The package being written: each member with fixed metadata, its SHA-256 kept."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        self.hashes: dict[str, str] = {}

    def add(self, name: str, data: bytes) -> str:
        if not safe_member(name) or name in self.hashes:
            raise PackageError(_("{name!r} cannot be a file of the package").format(name=name))
        info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        info.external_attr = _PERMISSIONS
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data, compresslevel=6)
        self.hashes[name] = hashlib.sha256(data).hexdigest()
        return self.hashes[name]


def _chosen_incidents(drafts: bool) -> list[int]:
    """The incidents the package's dossier covers: approved ones, or every one."""
    query = Incident.select(Incident.id).order_by(Incident.code)
    if not drafts:
        query = query.where(Incident.state == "approved")
    return [incident_id for (incident_id,) in query.tuples()]


def _cited_sources(incident_ids: list[int]) -> list[int]:
    """The sources of the evidence of these incidents, by id: those the dossier cites."""
    query = (Evidence.select(Evidence.source).distinct()
             .where(Evidence.incident.in_(incident_ids)))
    return sorted(source_id for (source_id,) in query.tuples())


def _check_out(out: Path) -> None:
    if out.is_dir():
        raise PackageError(_("{name}: cannot be written: it is a folder").format(name=out.name))
    if not out.parent.is_dir():
        raise PackageError(_("{name}: cannot be written: the folder {folder} does not exist")
                           .format(name=out.name, folder=out.parent))


def build_package(out: Path, options: PackageOptions, *, actor: str,
                  progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> PackageResult:
    """Write the disclosure package of the open case to `out` (.zip) and record it, with its
    SHA-256, in the trail."""
    from desktop.services import export  # noqa: PLC0415 — the dossier's writer, when used

    out = Path(out)
    _check_out(out)
    chosen = _chosen_incidents(options.drafts)
    if not chosen:
        if options.drafts or not export.gather.any_incident():
            raise PackageError(_("the case has no incident yet; add one before exporting"))
        raise PackageError(_("no approved incident to put in a package; approve incidents or "
                             "include drafts"))
    edition = "redacted" if options.redacted else "full"
    stop = cancelled or (lambda: False)
    files.sweep_partials(out.parent, out.name)
    with tempfile.TemporaryDirectory(prefix="casefile-package-") as tmp:
        dossier_path = Path(tmp) / DOSSIER
        try:
            dossier = export.export_dossier(
                dossier_path, export.DossierOptions(
                    incidents="drafts" if options.drafts else "approved", edition=edition,
                    audit_annex=options.audit_annex,
                    accept_near_misses=options.accept_near_misses,
                    language=options.language),
                actor=actor, progress=progress, cancelled=cancelled,
                page_numbers=options.pdf)
        except export.ExportCancelled as exc:
            raise PackageCancelled(_(CANCELLED)) from exc
        pdf, pdf_note = _pdf(dossier_path, Path(tmp), stop) if options.pdf else (
            None, _(NO_PDF_ASKED))
        try:
            with files.replacing(out) as partial:
                package = _Zip(partial)
                with package.zip:
                    recorded = _fill(package, dossier, dossier_path, pdf, pdf_note, chosen,
                                     options, actor, progress, stop)
                sha256 = manifests.file_sha256(partial)
                result = PackageResult(out, sha256, len(package.hashes), recorded["originals"],
                                       recorded["withheld"], dossier.sha256, pdf_note, edition,
                                       tuple(dossier.near_misses))
                intent = _intend(result, options, actor)
        except OSError as exc:
            raise PackageError(_("{name}: cannot be written: {reason}").format(
                name=out.name, reason=files.failure_reason(exc, out.parent))) from exc
    outgoing.done(intent)
    return result


def _fill(package: _Zip, dossier, dossier_path: Path, pdf: Path | None, pdf_note: str,
          chosen: list[int], options: PackageOptions, actor: str, progress: Progress | None,
          stop: Cancelled) -> dict:
    """Every member of the package, the manifest and SHA256SUMS last."""
    from desktop.services.interchange import w3c  # noqa: PLC0415

    redactor = protection.Redactor.for_case() if options.redacted else None
    package.add(DOSSIER, dossier_path.read_bytes())
    if pdf is not None:
        package.add(PDF, pdf.read_bytes())
    cited = _cited_sources(chosen)
    originals, withheld = _originals(package, cited, redactor, progress, stop)
    tables = tabular.register_rows(redacted=options.redacted, incident_ids=chosen)
    for name, columns in tabular.REGISTERS:
        rows = tables[name]
        package.add(f"{REGISTERS}{name}.csv", tabular.csv_bytes(columns, rows))
        package.add(f"{REGISTERS}{name}.json", _json_bytes(
            [dict(zip(columns, row, strict=True)) for row in rows]))
    annotations = w3c.export_annotations(redacted=options.redacted, incident_ids=chosen)
    package.add(ANNOTATIONS, _json_bytes(annotations))
    if stop():
        raise PackageCancelled(_(CANCELLED))
    entry_id, entry_hash = _dossier_entry(dossier.sha256)
    case = Case.get()
    shown = redactor or (lambda text: text)
    manifest = {
        "format": FORMAT, "version": FORMAT_VERSION, "generator": f"Casefile {__version__}",
        "created_at": utc_now(), "created_by": actor,
        "case": {"title": shown(case.title), "reference": shown(case.reference),
                 "classification": case.classification, "audit_head": case.audit_head,
                 "audit_count": case.audit_count},
        "options": {"edition": "redacted" if options.redacted else "full",
                    "drafts": options.drafts, "pdf": options.pdf,
                    "audit_annex": options.audit_annex, "language": options.language},
        "dossier": {"file": DOSSIER, "sha256": dossier.sha256,
                    # the short id in its pages' footers, where the dossier prints one
                    "id": getattr(dossier, "dossier_id", ""), "audit_entry": entry_id,
                    "entry_hash": entry_hash, "incidents": dossier.incidents,
                    "evidence": dossier.evidence, "pdf": PDF if pdf is not None else None,
                    "pdf_a": pdf is not None and rendition.is_pdfa(pdf.read_bytes()),
                    "pdf_note": pdf_note},
        "originals": originals,
        "withheld": withheld,
    }
    package.add(README, _readme(manifest).encode("utf-8"))
    manifest["files"] = dict(sorted(package.hashes.items()))
    package.add(MANIFEST, _json_bytes(manifest))
    package.add(SUMS, "".join(sums_line(n, h) for n, h in sorted(package.hashes.items()))
                .encode("utf-8"))
    return {"originals": len(originals), "withheld": tuple(w["source"] for w in withheld)}


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _originals(package: _Zip, cited: list[int], redactor, progress: Progress | None,
               stop: Cancelled) -> tuple[list[dict], list[dict]]:
    """Add the original bytes of each cited source (or, in the redacted package, say why one
    is left out); each is checked against the fingerprint recorded at import."""
    statements = {s for person in protection.protected_people() for s in person.statements}
    added, withheld = [], []
    for done, (details, data) in enumerate(_read_originals(cited)):
        source_id = details.id
        if stop():
            raise PackageCancelled(_(CANCELLED))
        if progress:
            progress(done, len(cited), _("Original {ref}").format(ref=source_ref(source_id)))
        digest = hashlib.sha256(data).hexdigest()
        if digest != details.sha256:
            raise PackageError(_("{ref}: its original bytes no longer match the fingerprint "
                                 "recorded at import; no package was written (run `casefile "
                                 "verify` on the case)").format(ref=source_ref(source_id)))
        described = {"source": source_ref(source_id), "sha256": digest, "size": len(data),
                     "media_type": details.media_type}
        reason = _withheld_because(details, statements, redactor) if redactor else ""
        if reason:
            withheld.append({**described, "reason": reason})
            continue
        file_name = safe_name(details.original_name, details.media_type)
        name = f"{ORIGINALS}{source_ref(source_id)}-{file_name}"
        package.add(name, data)
        added.append({**described, "file": name})
    if progress:
        progress(len(cited), len(cited), _("Registers, annotations and the manifest"))
    return added, withheld


def _read_originals(cited: list[int]) -> Iterator[tuple[sources.SourceDetails, bytes]]:
    """Each cited source's details and original bytes, by id: the bytes read a batch at a time
    (a query per source would cost more than the packing), a batch of at most 50 sources and,
    unless one alone is larger, 64 MB."""
    names = [f.name for f in dataclasses.fields(sources.SourceDetails)]
    details: dict[int, sources.SourceDetails] = {}
    for start in range(0, len(cited), _DETAILS_BATCH):
        details.update((row[0], sources.SourceDetails(*row)) for row in
                       Source.select(*(getattr(Source, n) for n in names))
                       .where(Source.id.in_(cited[start:start + _DETAILS_BATCH])).tuples())
    batch: list[int] = []
    size = 0
    for source_id in [*cited, None]:
        if batch and (source_id is None or len(batch) == _BATCH
                      or size + details[source_id].size > _BATCH_BYTES):
            originals = dict(SourceOriginal.select(SourceOriginal.source, SourceOriginal.data)
                             .where(SourceOriginal.source.in_(batch)).tuples())
            for read in batch:
                yield details[read], bytes(originals.pop(read))
            batch, size = [], 0
        if source_id is not None:
            batch.append(source_id)
            size += details[source_id].size


def _withheld_because(details: sources.SourceDetails, statements: set[int],
                      redactor: protection.Redactor) -> str:
    """Why the redacted package leaves this original out, or '' when it may go."""
    if details.id in statements:
        return "a statement a protected person gave"
    if details.confidential:
        return "a confidential source: its bytes may show where it came from"
    described = (details.title, details.author, details.publisher, details.originator,
                 details.original_name, details.url, details.collected_from)
    if redactor.active and any(redactor.find(text) for text in described if text):
        return "its description names a protected person"
    if redactor.active and redactor.find(sources.source_text(details.id)):
        return "its text names a protected person"
    return ""


def _dossier_entry(sha256: str) -> tuple[int | None, str]:
    """The id and hash of the trail's entry for the dossier export with this SHA-256."""
    for entry_id, after, entry_hash in (AuditEntry.select(AuditEntry.id, AuditEntry.after,
                                                          AuditEntry.entry_hash)
                                        .where(AuditEntry.action == "dossier.export")
                                        .order_by(AuditEntry.id.desc()).limit(20).tuples()):
        if isinstance(after, dict) and after.get("sha256") == sha256:
            return entry_id, entry_hash
    return None, ""


def _readme(manifest: dict) -> str:
    """What the package is and how to check it, for whoever unpacks it: in the dossier's
    language (the receiving office's), its file names and commands as they are."""
    with words.in_language(manifest["options"]["language"]):
        return _readme_lines(manifest)


def _readme_lines(manifest: dict) -> str:
    dossier, options = manifest["dossier"], manifest["options"]
    edition = _("redacted") if options["edition"] == "redacted" else _("full")
    lines = [
        _("Disclosure package: {title}").format(title=manifest["case"]["title"]),
        _("Reference: {reference}; edition: {edition}; {incidents}").format(
            reference=manifest["case"]["reference"] or "-", edition=edition,
            incidents=_("drafts included") if options["drafts"]
            else _("approved incidents only")),
        _("Made by {name} at {at} with {generator}.").format(
            name=manifest["created_by"], at=manifest["created_at"],
            generator=manifest["generator"]),
        "",
        _("{file}: the dossier (SHA-256 {sha256}, as the case's audit trail records it).")
        .format(file=DOSSIER, sha256=dossier["sha256"]),
        _("{file}: its PDF rendition.").format(file=PDF) if dossier["pdf"]
        # said again in this language when it is the one it knows; a failure as it was told
        else _("No PDF: {reason}.").format(
            reason=dossier["pdf_note"] if options["pdf"] else _(NO_PDF_ASKED)),
        _("{folder}: the original bytes of each source the dossier cites, named by its S-id.")
        .format(folder=ORIGINALS),
        _("{folder}: the sources, incidents and evidence, as CSV and as JSON.").format(
            folder=REGISTERS),
        _("{file}: the evidence as W3C Web Annotations (JSON-LD).").format(file=ANNOTATIONS),
        _("{file}: the case's audit chain head, who made the package, when, its options and "
          "the SHA-256 of every file.").format(file=MANIFEST),
        "",
        _("Check every file: sha256sum -c {sums}   (or: casefile verify-package THIS.zip)")
        .format(sums=SUMS),
    ]
    if manifest["withheld"]:
        lines += ["", _("Originals left out of this redacted package (ask for them; each is "
                        "checked against its SHA-256 when disclosed):")]
        lines += [f"  {w['source']}  {w['sha256']}  {w['reason']}" for w in manifest["withheld"]]
    return "\n".join(lines) + "\n"


def _intend(result: PackageResult, options: PackageOptions, actor: str) -> outgoing.Intent:
    """The package's audit entry: announced before its rename, recorded after."""
    withheld = ", " + _("{n} left out").format(n=len(result.withheld)) \
        if result.withheld else ""
    name = (_("Exported the redacted disclosure package {name}") if result.edition == "redacted"
            else _("Exported the full disclosure package {name}")).format(name=result.path.name)
    counts = ngettext("{n} file", "{n} files", result.files).format(n=result.files) + ", " + \
        ngettext("{n} original", "{n} originals", result.originals).format(n=result.originals)
    return outgoing.intend(
        ACTION, result.path, result.sha256, actor=actor,
        summary=f"{name} ({counts}{withheld})",
        after={"file": result.path.name, "sha256": result.sha256,
               "dossier_sha256": result.dossier_sha256, "edition": result.edition,
               "drafts": options.drafts, "files": result.files, "originals": result.originals,
               "withheld": list(result.withheld), "pdf": not result.pdf_note})


# ---- the PDF rendition -----------------------------------------------------------------------

def soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return rendition.soffice()


def _pdf(document: Path, folder: Path, stop: Cancelled) -> tuple[Path | None, str]:
    """The dossier's PDF rendition (services/rendition: its table of contents updated, fonts
    embedded, PDF/A-2b), and '' — or None and why there is none. A cancel stops LibreOffice."""
    if soffice() is None:
        return None, _("LibreOffice is not installed, so the package holds no PDF rendition")
    try:
        return rendition.render_pdf(document, folder / PDF, cancelled=stop).path, ""
    except rendition.RenditionCancelled as exc:
        raise PackageCancelled(_(CANCELLED)) from exc
    except rendition.RenditionError as exc:
        return None, str(exc)


# ---- checking --------------------------------------------------------------------------------

@dataclass
class PackageCheck:
    """What a check of a package found: one line per file that is changed, missing or added."""

    path: Path
    sha256: str = ""
    files: int = 0
    problems: list[str] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return (f"{self.path.name}: all {self.files} files match their manifest "
                    f"(SHA-256 {self.sha256})")
        count = len(self.problems)
        return (f"{self.path.name}: verification FAILED: {count} "
                f"problem{'' if count == 1 else 's'}")


def verify_package(path: Path) -> PackageCheck:
    """Check every file of the package at `path` against its manifest and SHA256SUMS."""
    path = Path(path)
    check = PackageCheck(path)
    try:
        check.sha256 = manifests.file_sha256(path)
        with zipfile.ZipFile(path) as package:
            _check_members(package, check)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or _("it is not a zip file")
        raise PackageError(_("{name}: cannot be read as a package: {reason}").format(
            name=path.name, reason=reason)) from exc
    return check


def _hash_member(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """The SHA-256 of a member's bytes, or None when they cannot be unpacked."""
    digest = hashlib.sha256()
    try:
        with package.open(info) as member:
            for block in iter(lambda: member.read(1 << 20), b""):
                digest.update(block)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return None
    return digest.hexdigest()


def _check_members(package: zipfile.ZipFile, check: PackageCheck) -> None:
    """Name each file that is changed, missing or added. SHA256SUMS vouches for manifest.json,
    which lists every other file; where the two disagree on the manifest, the sums decide."""
    problems = check.problems
    members: dict[str, zipfile.ZipInfo] = {}
    for info in package.infolist():
        if info.is_dir():
            continue
        if info.filename in members or not safe_member(info.filename):
            problems.append(f"{printable(info.filename)}: added (not a file the package was "
                            "made with)")
            continue
        members[info.filename] = info
    hashes = {name: _hash_member(package, info) for name, info in members.items()}
    check.files = len(members)
    manifest = _read_manifest(package, members)
    sums, sums_bytes = _read_sums(package, members, problems)
    listed = manifest.get("files") if isinstance(manifest, dict) else None
    listed = listed if isinstance(listed, dict) else None
    if MANIFEST not in members:
        problems.append(f"{MANIFEST}: missing")
    trusted = (listed is not None and MANIFEST in hashes
               and sums.get(MANIFEST) == hashes[MANIFEST])
    if trusted:
        check.manifest = manifest
        expected = dict(listed)
        if sums_bytes != "".join(sums_line(n, h) for n, h in
                                 sorted({**listed, MANIFEST: hashes[MANIFEST]}.items())
                                 ).encode("utf-8"):
            problems.append(f"{SUMS}: changed (it does not list what {MANIFEST} records)")
    else:
        if MANIFEST in members and sums_bytes is not None:
            problems.append(f"{MANIFEST}: changed (or its line in {SUMS}): its SHA-256 is not "
                            f"the one {SUMS} records")
        expected = ({n: h for n, h in sums.items() if n != MANIFEST} if sums_bytes is not None
                    else dict(listed or {}))
    for name in sorted(expected):
        if name not in members:
            problems.append(f"{printable(name)}: missing")
        elif hashes[name] != expected[name]:
            problems.append(f"{printable(name)}: changed (its SHA-256 is not the one its "
                            "manifest records)")
    for name in sorted(set(members) - set(expected) - {SUMS, MANIFEST}):
        problems.append(f"{printable(name)}: added (not in the manifest)")
    dossier = manifest.get("dossier") if trusted else None
    if trusted and (not isinstance(dossier, dict)
                    or dossier.get("sha256") != listed.get(DOSSIER)):
        problems.append(f"{DOSSIER}: its SHA-256 is not the fingerprint the case's trail "
                        "recorded for the dossier")


def _read_manifest(package: zipfile.ZipFile, members: dict) -> dict | None:
    """manifest.json, or None when it is missing or cannot be read as one."""
    if MANIFEST not in members or members[MANIFEST].file_size > _MANIFEST_BYTES:
        return None
    try:
        data = parse(package.read(MANIFEST).decode("utf-8"))
    except (ValueError, JsonRefused, zipfile.BadZipFile, OSError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def _read_sums(package: zipfile.ZipFile, members: dict,
               problems: list[str]) -> tuple[dict[str, str], bytes | None]:
    if SUMS not in members:
        problems.append(f"{SUMS}: missing")
        return {}, None
    if members[SUMS].file_size > _MANIFEST_BYTES:
        problems.append(f"{SUMS}: changed (far larger than a list of sums)")
        return {}, None
    try:
        raw = package.read(SUMS)
        found, bad = read_sums(raw.decode("utf-8"))
    except (UnicodeDecodeError, zipfile.BadZipFile, OSError):
        problems.append(f"{SUMS}: changed (not a list of SHA-256 sums)")
        return {}, None
    if bad:
        problems.append(f"{SUMS}: changed ({', '.join(bad[:3])} not a “hash  name” line)")
    return found, raw


def check_against_trail(check: PackageCheck) -> None:
    """Add to `check` what the open case's trail says of the package: its dossier's entry
    (fingerprint and entry hash) and the package's own SHA-256."""
    dossier = check.manifest.get("dossier") if isinstance(check.manifest, dict) else None
    dossier = dossier if isinstance(dossier, dict) else {}
    entry = (AuditEntry.select(AuditEntry.action, AuditEntry.after, AuditEntry.entry_hash)
             .where(AuditEntry.id == dossier.get("audit_entry")).tuples().first()
             if isinstance(dossier.get("audit_entry"), int) else None)
    if (entry is None or entry[0] != "dossier.export" or not isinstance(entry[1], dict)
            or entry[1].get("sha256") != dossier.get("sha256")
            or entry[2] != dossier.get("entry_hash")):
        check.problems.append(f"{DOSSIER}: the case's trail does not record this dossier's "
                              "fingerprint where the manifest says")
    recorded = any(isinstance(after, dict) and after.get("sha256") == check.sha256
                   for (after,) in AuditEntry.select(AuditEntry.after)
                   .where(AuditEntry.action == ACTION).tuples())
    if not recorded:
        check.problems.append(f"{check.path.name}: the case's trail records no package with "
                              f"this SHA-256 ({check.sha256[:16]}…)")
