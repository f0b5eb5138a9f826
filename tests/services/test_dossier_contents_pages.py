"""Page numbers in the .docx contents when the PDF is asked for too: read from a scratch
rendition's outline, right for the rendered pages, and never written when they are not known."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree
from openxml_audit import OpenXmlValidator

from desktop.domain.models import AuditEntry
from desktop.services import rendition
from desktop.services.export import DossierOptions, contents_pages, export_dossier
from tests.conftest import ACTOR
from tests.services.test_export import rich_case  # noqa: F401 — the fixture

needs_libreoffice = pytest.mark.skipif(
    rendition.soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils are installed by .ci/system-deps")

OPTIONS = DossierOptions(incidents="drafts", audit_annex=True)


def _entries(path: Path) -> list[tuple[str, str | None]]:
    """Each contents entry of a .docx: its link's text, and the number after the link (None
    when there is none)."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(qn("w:body"))
    found = []
    for p in body.iterfind(qn("w:p")):
        link = p.find(qn("w:hyperlink"))
        if link is None or not link.get(qn("w:anchor"), "").startswith("_Toc"):
            continue
        after = list(link.itersiblings())
        number = None
        if after and after[0].tag == qn("w:r") and after[0].find(qn("w:tab")) is not None:
            number = "".join(t.text for t in after[0].iter(qn("w:t")))
        found.append((contents_pages.entry_text(p), number))
    return found


def _pdf_text(pdf: Path, first: int, last: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(pdf),
                           "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.slow
@needs_libreoffice
def test_the_contents_carry_the_pages_the_rendered_pdf_shows(rich_case, tmp_path):  # noqa: F811
    result = export_dossier(tmp_path / "dossier.docx", OPTIONS, actor=ACTOR, page_numbers=True)
    assert result.contents_paged
    entries = _entries(result.path)
    assert len(entries) > 10 and all(number and number.isdigit() for _, number in entries)
    pages = [int(number) for _, number in entries]
    assert pages == sorted(pages) and pages[0] > 1  # after the cover and the contents
    # The file whose SHA-256 the trail records is the numbered one.
    exported = AuditEntry.select().where(AuditEntry.action == "dossier.export").get()
    assert exported.after["sha256"] == hashlib.sha256(result.path.read_bytes()).hexdigest()
    # Rendered again, with its contents updated by LibreOffice: the same numbers, and each
    # incident's heading is on the page its entry names.
    pdf = rendition.render_pdf(result.path, tmp_path / "check.pdf", pdfa=False).path
    contents = _pdf_text(pdf, 2, 3)
    assert [int(n) for n in re.findall(r"\.{3,}\s*(\d+)\s*$", contents, re.M)] == pages
    incidents = [(text, int(number)) for text, number in entries if text.startswith("INC-")]
    assert len(incidents) == 2
    for text, page in incidents:
        assert text.split(" — ")[0] in _pdf_text(pdf, page, page)
    found = OpenXmlValidator().validate(str(result.path))
    assert found.is_valid, [str(e) for e in found.errors]


def test_without_libreoffice_the_contents_keep_their_entries_unnumbered(rich_case,  # noqa: F811
                                                                        tmp_path, monkeypatch):
    monkeypatch.setattr(rendition, "soffice", lambda: None)
    result = export_dossier(tmp_path / "dossier.docx", OPTIONS, actor=ACTOR, page_numbers=True)
    assert not result.contents_paged
    entries = _entries(result.path)
    assert entries and all(text for text, _ in entries)
    assert all(number is None for _, number in entries)


@pytest.mark.parametrize("error", [
    rendition.RenditionError("dossier.docx: LibreOffice could not render it to PDF"),
    rendition.RenditionCancelled("the PDF was cancelled; no PDF was written")])
def test_a_libreoffice_that_fails_or_is_cancelled_leaves_the_contents_unnumbered(  # noqa: F811
        rich_case, tmp_path, monkeypatch, error):  # noqa: F811
    def fails(*args, **kwargs):
        raise error

    monkeypatch.setattr(rendition, "soffice", lambda: "soffice")
    monkeypatch.setattr(rendition, "render_pdf", fails)
    result = export_dossier(tmp_path / "dossier.docx", OPTIONS, actor=ACTOR, page_numbers=True)
    assert not result.contents_paged
    assert all(number is None for _, number in _entries(result.path))


@pytest.mark.slow
@needs_libreoffice
def test_an_outline_that_is_not_the_contents_gives_no_numbers(rich_case, tmp_path,  # noqa: F811
                                                              monkeypatch):
    # A rendition whose bookmarks are not these headings (a PDF without them, another file's).
    monkeypatch.setattr(contents_pages, "outline_pages", lambda pdf: [("Another report", 1)])
    result = export_dossier(tmp_path / "dossier.docx", OPTIONS, actor=ACTOR, page_numbers=True)
    assert not result.contents_paged
    assert all(number is None for _, number in _entries(result.path))


def test_an_export_without_a_pdf_runs_no_renderer(rich_case, tmp_path,  # noqa: F811
                                                  monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("LibreOffice was run for an export that asked for no PDF")

    monkeypatch.setattr(rendition, "render_pdf", never)
    result = export_dossier(tmp_path / "dossier.docx", OPTIONS, actor=ACTOR)
    assert not result.contents_paged
    assert all(number is None for _, number in _entries(result.path))


def test_pages_are_taken_only_from_an_outline_that_matches_the_contents():
    outline = [("Summary of findings", 4), ("Limitations", 4), ("INC-001 — Shelling", 8),
               ("Facts", 8), ("What happened", 9), ("INC-002 — Shooting", 12), ("Facts", 13)]
    # In order, by text, whatever the hyphens and spacing; headings the contents skip passed.
    assert contents_pages.match(["Summary of findings", "INC\u2011001 —  Shelling", "Facts",
                                 "INC-002 — Shooting", "Facts"], outline) == [4, 8, 8, 12, 13]
    # An entry the outline does not hold, or one found only before its predecessor: no pages.
    assert contents_pages.match(["Summary of findings", "Annex A — Sources"], outline) is None
    assert contents_pages.match(["INC-002 — Shooting", "INC-001 — Shelling"], outline) is None
    assert contents_pages.match(["Facts"], [("INC-001", 8), ("Facts", 7), ("Facts", 9)]) == [7]
    assert contents_pages.match(["Later", "Earlier"], [("Later", 9), ("Earlier", 3)]) is None
