"""The dossier's PDF rendition: LibreOffice headless, the table of contents updated with page
numbers, fonts embedded, PDF/A-2b; a clear line without LibreOffice; a hung one killed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from desktop.domain.models import AuditEntry
from desktop.services import integrity, rendition
from desktop.services.export import DossierOptions, export_dossier
from tests.conftest import ACTOR
from tests.services.test_dossier_contents_pages import _entries

needs_libreoffice = pytest.mark.skipif(
    rendition.soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils are installed by .ci/system-deps")


@pytest.fixture
def dossier(worked_case, tmp_path) -> Path:
    return export_dossier(tmp_path / "dossier.docx", DossierOptions(incidents="drafts"),
                          actor=ACTOR).path


def _text(pdf: Path, first: int, last: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(pdf),
                           "-"], check=True, capture_output=True, text=True).stdout


def _fonts(pdf: Path) -> list[list[str]]:
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return [line.split() for line in lines]


@pytest.mark.slow
@needs_libreoffice
def test_the_pdf_is_pdfa_with_its_contents_paged_and_its_fonts_embedded(dossier, tmp_path):
    made = rendition.render_pdf(dossier)
    assert made.path == dossier.with_suffix(".pdf") and made.pdfa and made.indexes >= 1
    data = made.path.read_bytes()
    assert data.startswith(b"%PDF-")
    meta = subprocess.run(["pdfinfo", "-meta", str(made.path)], check=True,
                          capture_output=True, text=True).stdout
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", meta)
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", meta)
    contents = _text(made.path, 1, 3)
    assert "Contents" in contents
    entries = re.findall(r"^\s*(INC-\d{3} — .+?)\s*\.{3,}\s*(\d+)\s*$", contents, re.M)
    assert entries, contents  # each incident's heading, with the page it starts on
    for heading, page in entries:
        assert heading.split(" — ")[0] in _text(made.path, int(page), int(page))
    fonts = _fonts(made.path)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column


@pytest.mark.slow
@needs_libreoffice
def test_a_dossiers_pdf_is_recorded_as_leaving_the_case(dossier):
    exported = AuditEntry.select().where(AuditEntry.action == "dossier.export").get()
    made = rendition.render_dossier(dossier, exported.after["sha256"], actor=ACTOR, pdfa=False)
    assert not made.pdfa and not rendition.is_pdfa(made.path.read_bytes())
    entry = AuditEntry.select().where(AuditEntry.action == rendition.ACTION).get()
    assert entry.after == {"file": "dossier.pdf", "sha256": made.sha256, "pdfa": False,
                           "dossier": "dossier.docx",
                           "dossier_sha256": exported.after["sha256"]}
    assert AuditEntry.select().where(AuditEntry.action == rendition.ACTION + ".intent").exists()
    assert integrity.verify_case().problems == []


def test_without_libreoffice_one_line_says_what_to_install(dossier, monkeypatch):
    monkeypatch.setenv("PATH", str(dossier.parent / "nowhere"))
    with pytest.raises(rendition.LibreOfficeMissing) as raised:
        rendition.render_pdf(dossier)
    message = str(raised.value)
    assert "\n" not in message and "LibreOffice is not installed" in message
    assert "libreoffice-writer-nogui" in message
    assert not dossier.with_suffix(".pdf").exists()


def _fake_soffice(folder: Path, body: str) -> Path:
    folder.mkdir()
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + textwrap.dedent(body))
    script.chmod(0o755)
    return folder


def _gone(pid: int, within: float = 10.0) -> bool:
    """Whether `pid` has died within `within` seconds: a SIGKILL is delivered when the
    process next runs, so an orphan may still be listed for a moment on a busy machine."""
    deadline = time.monotonic() + within
    while not _dead(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _dead(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] == "Z"


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_hung_libreoffice_is_killed_with_what_it_started(dossier, tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    fake = _fake_soffice(tmp_path / "bin", f"""
        sleep 600 &
        echo $$ $! >> {pids}
        wait
    """)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(rendition.RenditionError, match="did not finish the PDF within 1 s"):
        rendition.render_pdf(dossier, timeout=1)
    started = [int(p) for p in pids.read_text().split()]
    assert started and all(_gone(pid) for pid in started)
    assert not dossier.with_suffix(".pdf").exists()


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_cancel_stops_libreoffice_and_writes_nothing(dossier, tmp_path, monkeypatch):
    fake = _fake_soffice(tmp_path / "bin", "exec sleep 600\n")
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(rendition.RenditionCancelled):
        rendition.render_pdf(dossier, cancelled=lambda: True)
    assert not dossier.with_suffix(".pdf").exists()


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_libreoffice_that_fails_is_named_in_one_line(dossier, tmp_path, monkeypatch):
    fake = _fake_soffice(tmp_path / "bin", "exit 0\n")  # makes no profile, writes no PDF
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(rendition.RenditionError) as raised:
        rendition.render_pdf(dossier)
    assert str(raised.value) == "LibreOffice could not make its profile, so no PDF was written"


@pytest.mark.slow
@needs_libreoffice
def test_the_disclosure_package_holds_the_pdfa_and_its_manifest_says_so(worked_case, tmp_path):
    from desktop.services import package

    result = package.build_package(tmp_path / "package.zip", package.PackageOptions(drafts=True),
                                   actor=ACTOR)
    assert result.pdf_note == ""
    with zipfile.ZipFile(result.path) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        pdf = zipped.read(package.PDF)
        docx_bytes = zipped.read(package.DOSSIER)
    assert manifest["dossier"]["pdf"] == package.PDF and manifest["dossier"]["pdf_a"] is True
    assert rendition.is_pdfa(pdf)
    assert package.verify_package(result.path).ok
    (tmp_path / "unpacked.pdf").write_bytes(pdf)
    contents = _text(tmp_path / "unpacked.pdf", 1, 3)
    assert re.search(r"INC-\d{3} — .+?\.{3,}\s*\d+", contents)
    # The package's .docx has the same page numbers in its contents as the PDF beside it.
    assert result.dossier_sha256 == hashlib.sha256(docx_bytes).hexdigest()
    (tmp_path / "unpacked.docx").write_bytes(docx_bytes)
    numbered = [number for _, number in _entries(tmp_path / "unpacked.docx")]
    assert numbered and None not in numbered
    assert [int(n) for n in numbered] == [
        int(n) for n in re.findall(r"\.{3,}\s*(\d+)\s*$", contents, re.M)]


def test_a_pdf_that_cannot_be_put_in_place_is_one_line(dossier, tmp_path, monkeypatch):
    made = tmp_path / "made.pdf"
    made.write_bytes(b"%PDF-1.7 rendered")
    monkeypatch.setattr(rendition, "soffice", lambda: "soffice")
    monkeypatch.setattr(rendition, "_run", lambda *args: (made, 1))
    folder = tmp_path / "gone"
    with pytest.raises(rendition.RenditionError) as raised:
        rendition.render_pdf(dossier, folder / "dossier.pdf")
    assert str(raised.value).startswith("dossier.pdf: cannot be written: ")
    assert "\n" not in str(raised.value) and not folder.exists()
