"""`casefile export --pdf`: the PDF beside the .docx, or one line saying LibreOffice is missing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from desktop.domain import db
from desktop.domain.models import AuditEntry
from desktop.services import rendition
from tests.cli.test_cli import run, worked_case_file
from tests.conftest import ROOT


def test_without_libreoffice_the_pdf_is_one_line_and_the_docx_is_written(tmp_path):
    case = worked_case_file(tmp_path)
    out = tmp_path / "dossier.docx"
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--user", "Olena", "export", str(case), str(out),
         "--drafts", "--pdf"], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PATH": str(tmp_path / "no-programs"), "PYTHONPATH": str(ROOT),
             "XDG_DATA_HOME": str(tmp_path / "data")})
    assert done.returncode == 1
    assert out.is_file() and not out.with_suffix(".pdf").exists()
    assert f"SHA-256 {hashlib.sha256(out.read_bytes()).hexdigest()}" in done.stdout
    told = [line for line in done.stderr.splitlines() if not line.startswith("[")]
    assert told == ["casefile: LibreOffice is not installed, so no PDF was written; install "
                    "LibreOffice Writer (Debian/Ubuntu: apt install libreoffice-writer-nogui; "
                    "Windows and macOS: libreoffice.org)"]


@pytest.mark.slow
@pytest.mark.skipif(rendition.soffice() is None, reason="LibreOffice is installed by "
                                                        ".ci/system-deps")
def test_export_with_pdf_writes_and_records_a_pdfa_beside_the_docx(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    out = tmp_path / "dossier.docx"
    code, stdout, _ = run("export", str(case), str(out), "--drafts", "--pdf", capsys=capsys)
    pdf = out.with_suffix(".pdf")
    assert code == 0 and rendition.is_pdfa(pdf.read_bytes())
    assert f"Wrote {pdf} (PDF/A-2b, contents updated, fonts embedded)" in stdout
    assert f"SHA-256 {hashlib.sha256(pdf.read_bytes()).hexdigest()}" in stdout
    db.open_case(case)
    try:
        entry = AuditEntry.select().where(AuditEntry.action == rendition.ACTION).get()
        assert entry.after["dossier_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    finally:
        db.close_case()
