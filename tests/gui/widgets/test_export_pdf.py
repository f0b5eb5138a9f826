"""File → Export dossier… with "Also write a PDF": the PDF/A beside the .docx, written off the
UI thread; without LibreOffice the box cannot be ticked and says why, and the .docx is
written anyway when the PDF cannot be."""

from __future__ import annotations

import pytest

from desktop.domain.models import AuditEntry
from desktop.gui.widgets.dialogs import export_dossier
from desktop.services import rendition
from desktop.services.export import DossierOptions
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    import_seeds,
    messages,
    settings,
)
from tests.services.test_dossier_contents_pages import _entries


def _case_with_a_draft(qtbot, casefile, tmp_path):  # noqa: F811
    casefile.cases.new_case(tmp_path / "export.casefile", "Export")
    import_seeds(qtbot, casefile)
    casefile.editing.add_incident()


def test_without_libreoffice_the_box_is_off_and_says_why(qtbot, casefile, tmp_path,  # noqa: F811
                                                         monkeypatch):
    monkeypatch.setattr(rendition, "soffice", lambda: None)
    casefile.cases.new_case(tmp_path / "c.casefile", "Export")
    dialog = export_dossier.ExportDossierDialog(tmp_path / "d.docx", casefile.window,
                                                {"pdf": True})
    assert not dialog.pdf.isEnabled() and not dialog.wants_pdf()
    assert not dialog.no_pdf.isHidden()
    assert "LibreOffice is not installed" in dialog.no_pdf.text()


def test_a_pdf_that_cannot_be_made_leaves_the_docx_and_says_why(  # noqa: F811
        qtbot, casefile, tmp_path, messages, monkeypatch):  # noqa: F811
    _case_with_a_draft(qtbot, casefile, tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    out = tmp_path / "dossier.docx"
    casefile.exchange.export_dossier(out, DossierOptions(incidents="drafts"), pdf=True)
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=30_000)
    assert out.exists() and not out.with_suffix(".pdf").exists()
    entries = _entries(out)  # the contents keep their entries, without page numbers
    assert entries and all(number is None for _, number in entries)
    [text] = [m[2] for m in messages.shown if m[1] == "Dossier written"]
    assert "No PDF: LibreOffice is not installed, so no PDF was written" in text


@pytest.mark.slow
@pytest.mark.skipif(rendition.soffice() is None, reason="LibreOffice is installed by "
                                                        ".ci/system-deps")
def test_the_pdf_is_written_off_the_ui_thread_beside_the_docx(  # noqa: F811
        qtbot, casefile, tmp_path, messages):  # noqa: F811
    _case_with_a_draft(qtbot, casefile, tmp_path)
    out = tmp_path / "dossier.docx"
    casefile.exchange.export_dossier(out, DossierOptions(incidents="drafts"), pdf=True)
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=120_000)
    pdf = out.with_suffix(".pdf")
    assert rendition.is_pdfa(pdf.read_bytes())
    [text] = [m[2] for m in messages.shown if m[1] == "Dossier written"]
    assert f"PDF/A beside it: {pdf}" in text
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).get().action == rendition.ACTION
    numbers = [number for _, number in _entries(out)]  # the .docx contents have their pages
    assert numbers and all(number and number.isdigit() for number in numbers)
