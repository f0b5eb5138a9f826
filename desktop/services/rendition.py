"""The PDF rendition of a dossier, made by LibreOffice headless.

`--convert-to pdf` alone prints the table of contents as the .docx holds it; a receiving office
wants its page numbers. So LibreOffice runs a small Basic macro of ours instead, in a private
user profile made for the run (a LibreOffice the user has open is never asked, and never
blocks it): it opens the dossier hidden, updates every index twice (the first update can move
pages) and the fields, and exports with `writer_pdf_Export`: PDF/A-2b (which embeds every font)
where LibreOffice offers it, tagged, with the headings as bookmarks. The macro writes what
happened to a status file, since LibreOffice's exit code does not say. A run that hangs is
killed with its process group after `PDF_SECONDS`; a cancel kills it at once.

The PDF is written whole or not at all (`files.replacing`) beside the dossier, and recorded in
the trail as a file leaving the case (`outgoing`, "dossier.pdf") when the case is open for
editing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from desktop.domain import files
from desktop.domain.errors import CasefileError
from desktop.services import outgoing
from desktop.services.words import N_, _

Cancelled = Callable[[], bool]
Progress = Callable[[int, int, str], None]

#: How long LibreOffice may take for one dossier before it is killed (a 2,000-incident
#: dossier takes about a minute on a slow machine).
PDF_SECONDS = 300
#: LibreOffice's `SelectPdfVersion` for PDF/A-2b (0 is plain PDF).
PDF_A_2B = 2
ACTION = "dossier.pdf"
INSTALL_HINT = N_("install LibreOffice Writer (Debian/Ubuntu: apt install "
                  "libreoffice-writer-nogui; Windows and macOS: libreoffice.org)")

_MODULE = "Module1"  # the module a new profile's Standard library already lists
_MACRO = r"""
Function Prop(name As String, value)
  Dim p As New com.sun.star.beans.PropertyValue
  p.Name = name
  p.Value = value
  Prop = p
End Function

Sub Tell(status As String, text As String)
  Dim n As Integer
  n = FreeFile
  Open ConvertFromURL(status) For Output As #n
  Print #n, text
  Close #n
End Sub

Sub Render(source As String, target As String, version As String, status As String)
  Dim doc As Object, indexes As Object, i As Integer, pass As Integer
  On Error GoTo Failed
  doc = StarDesktop.loadComponentFromURL(source, "_blank", 0, _
        Array(Prop("Hidden", True), Prop("ReadOnly", True), Prop("UpdateDocMode", 0)))
  If IsNull(doc) Then
    Tell(status, "error: the document could not be opened")
    StarDesktop.terminate()
    Exit Sub
  End If
  indexes = doc.getDocumentIndexes()
  For pass = 1 To 2
    For i = 0 To indexes.getCount() - 1
      indexes.getByIndex(i).update()
    Next i
    doc.getTextFields().refresh()
  Next pass
  doc.storeToURL(target, Array(Prop("FilterName", "writer_pdf_Export"), _
      Prop("FilterData", Array(Prop("SelectPdfVersion", CInt(version)), _
           Prop("EmbedStandardFonts", True), Prop("UseTaggedPDF", True), _
           Prop("ExportBookmarks", True), Prop("ExportNotes", False)))))
  i = indexes.getCount()
  doc.close(True)
  Tell(status, "ok " & i)
  StarDesktop.terminate()
  Exit Sub
Failed:
  Tell(status, "error " & Err & ": " & Error$)
  StarDesktop.terminate()
End Sub
"""


class RenditionError(CasefileError):
    """No PDF could be made; the message says why in one line. The .docx is unaffected."""


class LibreOfficeMissing(RenditionError):
    """LibreOffice is not installed (or not on PATH)."""


class RenditionCancelled(RenditionError):
    """The user cancelled while LibreOffice was rendering; no PDF was written."""


@dataclass(frozen=True)
class Rendition:
    """A PDF written beside its dossier."""

    path: Path
    sha256: str
    pdfa: bool  # PDF/A-2b, as its XMP metadata declares
    indexes: int  # how many tables of contents (and other indexes) LibreOffice updated


def soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing_message() -> str:
    """The one line that says there is no LibreOffice, and what to install."""
    return _("LibreOffice is not installed, so no PDF was written; {hint}").format(
        hint=_(INSTALL_HINT))


def render_pdf(document: Path, target: Path | None = None, *, pdfa: bool = True,
               cancelled: Cancelled | None = None, progress: Progress | None = None,
               timeout: float = PDF_SECONDS) -> Rendition:
    """Render `document` (.docx) to `target` (default: beside it, as .pdf) with its table of
    contents updated and its fonts embedded; PDF/A-2b unless `pdfa` is False."""
    document = Path(document)
    target = Path(target) if target is not None else document.with_suffix(".pdf")
    command = soffice()
    if command is None:
        raise LibreOfficeMissing(missing_message())
    if not document.is_file():
        raise RenditionError(_("{name}: cannot be rendered to PDF: it does not exist")
                             .format(name=document.name))
    if progress:
        progress(0, 1, _("Rendering {name} to PDF with LibreOffice").format(name=document.name))
    with tempfile.TemporaryDirectory(prefix="casefile-pdf-") as scratch:
        work = Path(scratch)
        rendered, indexes = _run(command, document, work, pdfa, cancelled or (lambda: False),
                                 timeout)
        data = rendered.read_bytes()
        _write_whole(target, rendered)
    if progress:
        progress(1, 1, _("Rendered {name}").format(name=target.name))
    return Rendition(target, hashlib.sha256(data).hexdigest(), is_pdfa(data), indexes)


def render_dossier(document: Path, dossier_sha256: str, *, actor: str | None,
                   pdfa: bool = True, cancelled: Cancelled | None = None,
                   progress: Progress | None = None) -> Rendition:
    """`render_pdf` beside an exported dossier, recorded in the trail as a file leaving the
    case (with the dossier's SHA-256) unless `actor` is None (a case open read-only)."""
    document = Path(document)
    target = document.with_suffix(".pdf")
    if actor is None:
        return render_pdf(document, target, pdfa=pdfa, cancelled=cancelled, progress=progress)
    with tempfile.TemporaryDirectory(prefix="casefile-pdf-") as scratch:
        # Rendered aside first: the trail is told the PDF's SHA-256 before it is in place.
        aside = render_pdf(document, Path(scratch) / target.name, pdfa=pdfa,
                           cancelled=cancelled, progress=progress)
        intent = outgoing.intend(
            ACTION, target, aside.sha256, actor=actor,
            summary=_("Rendered the dossier {dossier} to PDF as {name}").format(
                dossier=document.name, name=target.name),
            after={"file": target.name, "sha256": aside.sha256, "dossier": document.name,
                   "dossier_sha256": dossier_sha256, "pdfa": aside.pdfa})
        _write_whole(target, aside.path)
    outgoing.done(intent)
    return Rendition(target, aside.sha256, aside.pdfa, aside.indexes)


def _write_whole(target: Path, pdf: Path) -> None:
    """Put a copy of `pdf` at `target`, whole or not at all (what a killed run left goes)."""
    files.sweep_partials(target.parent, target.name)
    try:
        with files.replacing(target) as partial:
            shutil.copyfile(pdf, partial)
    except OSError as exc:
        raise RenditionError(_("{name}: cannot be written: {reason}").format(
            name=target.name, reason=files.failure_reason(exc, target.parent))) from exc


_PDFA_PART = re.compile(rb"pdfaid:part(?:>\s*|\s*=\s*[\"'])2")


def is_pdfa(data: bytes) -> bool:
    """Whether a PDF's XMP metadata declares PDF/A-2 (part 2)."""
    return bool(_PDFA_PART.search(data))


def _profile(work: Path, command: str, cancelled: Cancelled, deadline: float) -> Path:
    """A fresh LibreOffice profile holding our macro in its Standard library. LibreOffice
    fills a new profile on its first start (over any library put there before), so it is
    started once to make the profile, and the macro replaces the empty module it made."""
    profile = work / "profile"
    _soffice(command, profile, ["--terminate_after_init"], work, cancelled, deadline)
    module = profile / "user" / "basic" / "Standard" / f"{_MODULE}.xba"
    if not module.parent.is_dir():
        raise RenditionError(_("LibreOffice could not make its profile, so no PDF was written"))
    module.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" '
        '"module.dtd">\n<script:module xmlns:script="http://openoffice.org/2000/script" '
        f'script:name="{_MODULE}" script:language="StarBasic">{escape(_MACRO)}'
        "</script:module>\n", encoding="utf-8")
    return profile


def _run(command: str, document: Path, work: Path, pdfa: bool, cancelled: Cancelled,
         timeout: float) -> tuple[Path, int]:
    """Render in `work`: the PDF and how many indexes were updated."""
    deadline = time.monotonic() + timeout
    source = work / f"dossier{document.suffix}"
    shutil.copyfile(document, source)  # a plain name: nothing in it for the macro to quote
    pdf, status = work / "dossier.pdf", work / "status.txt"
    # Every argument a quoted string: a macro URL's bare number never reaches the macro.
    call = (f'macro:///Standard.{_MODULE}.Render("{source.as_uri()}","{pdf.as_uri()}",'
            f'"{PDF_A_2B if pdfa else 0}","{status.as_uri()}")')
    try:
        profile = _profile(work, command, cancelled, deadline)
        _soffice(command, profile, [call], work, cancelled, deadline)
    except TimedOut:
        raise RenditionError(_("LibreOffice did not finish the PDF within {seconds} s, so it "
                               "was stopped; no PDF was written")
                             .format(seconds=round(timeout))) from None
    said = status.read_text(encoding="utf-8", errors="replace").strip() \
        if status.is_file() else ""
    if not said.startswith("ok") or not pdf.is_file():
        reason = said.removeprefix("error").strip(" :") or _("it ended without a word")
        raise RenditionError(_("{name}: LibreOffice could not render it to PDF ({reason})")
                             .format(name=document.name, reason=reason))
    return pdf, int(said.split()[1]) if said.split()[1:] else 0


def _soffice(command: str, profile: Path, arguments: list[str], work: Path,
             cancelled: Cancelled, deadline: float) -> None:
    """Run LibreOffice headless on `profile`; kill it (and what it started) on a cancel or
    at `deadline` (time.monotonic)."""
    env = {**os.environ, "HOME": str(work)}  # nothing of the user's profile or caches
    try:
        process = subprocess.Popen(
            [command, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
             *arguments],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env, cwd=work, start_new_session=os.name == "posix")
    except OSError as exc:
        raise RenditionError(_("LibreOffice could not be started ({reason})").format(
            reason=exc.strerror or exc)) from exc
    while process.poll() is None:
        if cancelled() or time.monotonic() > deadline:
            _kill(process)
            if cancelled():
                raise RenditionCancelled(_("the PDF was cancelled; no PDF was written"))
            raise TimedOut
        time.sleep(0.05)


class TimedOut(Exception):
    """LibreOffice ran past its deadline and was killed (said by `_run` in seconds)."""


def _kill(process: subprocess.Popen) -> None:
    """Stop LibreOffice and the processes it started (its launcher starts soffice.bin)."""
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
