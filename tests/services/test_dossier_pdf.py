"""The dossier opens in LibreOffice and converts to a PDF of several pages (slow)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from desktop.services import review
from desktop.services.export import DossierOptions, export_dossier
from tests.conftest import ACTOR

pytestmark = pytest.mark.slow


def test_worked_case_dossier_converts_to_pdf(worked_case, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed: run `make test` or .ci/run, which "
                    "install libreoffice-writer-nogui")
    phenol = worked_case["incidents"]["INC-001"]
    review.review_evidence(list(worked_case["evidence"].values())[:3], "approved",
                           actor="Mykola Reviewer")
    review.submit_incident(phenol, actor=ACTOR)
    review.approve_incident(phenol, actor="Mykola Reviewer", comment="One line only")
    dossier = export_dossier(tmp_path / "dossier.docx",
                             DossierOptions(incidents="drafts", audit_annex=True),
                             actor=ACTOR).path
    profile = tmp_path / "lo-profile"  # private: parallel runs do not share a profile lock
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(dossier)],
                   check=True, timeout=120, capture_output=True,
                   env={**os.environ, "HOME": str(profile)})
    pdf = tmp_path / "dossier.pdf"
    assert pdf.exists()
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert len(PdfReader(str(pdf)).pages) >= 3
