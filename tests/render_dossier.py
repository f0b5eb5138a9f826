"""`make dossier`: dossiers in docs/, each as Word and PDF.

`dossier.*` is the worked seed case's full edition: INC-001 approved through review, INC-002
left a draft (drafts are included, so it shows as DRAFT). The seed texts are about real events
and gain no invented names; the redacted edition is shown on a training case of fictional
statements (`tests/fictional_case.py`) as `dossier-redacted.*`.
The PDF is made by LibreOffice with a private profile holding a small Basic macro that
updates the table of contents before exporting, so that it gains page numbers (a plain
`--convert-to` shows the entries the export filled in, without them); when the macro cannot
run, the plain conversion is kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.domain import db  # noqa: E402
from desktop.services import evidence, incidents, review, sources  # noqa: E402
from desktop.services.export import DossierOptions, export_dossier  # noqa: E402
from tests.fictional_case import build_fictional_case  # noqa: E402
from tests.worked_case import build_worked_case  # noqa: E402

USER = "Olena Kovalenko"
REVIEWER = "Iryna Bondarenko"
TIMEOUT = 120

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Dossier"
 script:language="StarBasic">
Sub ToPdf(inPath As String, outPath As String)
    Dim props(0) As New com.sun.star.beans.PropertyValue
    props(0).Name = "Hidden"
    props(0).Value = True
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), "_blank", 0, props())
    indexes = doc.getDocumentIndexes()
    For i = 0 To indexes.getCount() - 1
        indexes.getByIndex(i).update()
    Next i
    doc.refresh()
    Dim pdf(0) As New com.sun.star.beans.PropertyValue
    pdf(0).Name = "FilterName"
    pdf(0).Value = "writer_pdf_Export"
    doc.storeToURL(ConvertToURL(outPath), pdf())
    doc.close(True)
End Sub
</script:module>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard"
 library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Dossier"/>
</library:library>
"""


def soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(document: Path, out_dir: Path, profile: Path) -> Path:
    """`soffice --headless --convert-to pdf` with a private profile (parallel runs don't clash)."""
    command = [soffice() or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(out_dir), str(document)]
    subprocess.run(command, check=True, timeout=TIMEOUT, capture_output=True,
                   env={**os.environ, "HOME": str(profile)})
    return out_dir / f"{document.stem}.pdf"


def to_pdf(document: Path, pdf: Path) -> Path:
    """The dossier as PDF, its table of contents filled in by LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="casefile-lo-") as tmp:
        profile = Path(tmp) / "profile"
        plain = convert(document, Path(tmp), profile)  # also initialises the profile
        basic = profile / "user" / "basic" / "Standard"
        (basic / "Dossier.xba").write_text(_MACRO, encoding="utf-8")
        (basic / "script.xlb").write_text(_LIBRARY, encoding="utf-8")
        updated = Path(tmp) / "updated.pdf"
        macro = f'macro:///Standard.Dossier.ToPdf("{document.resolve()}","{updated}")'
        with contextlib.suppress(subprocess.TimeoutExpired):  # then the plain PDF is kept
            subprocess.run([soffice() or "soffice", f"-env:UserInstallation={profile.as_uri()}",
                            "--headless", "--invisible", macro], timeout=TIMEOUT,
                           capture_output=True, env={**os.environ, "HOME": str(profile)})
        shutil.copyfile(updated if updated.exists() else plain, pdf)
    return pdf


def _mark(source_id: int, quote: str, incident: int, **values) -> None:
    start = sources.source_text(source_id).index(quote)
    evidence.add_evidence(source_id, start, start + len(quote), actor=USER, incident=incident,
                          **values)


def build_case(path: Path) -> None:
    """The worked seed case, INC-001 approved, INC-002 left a draft."""
    db.new_case(path, "Executions of surrendered Ukrainian POWs, 2024–2025", actor=USER,
                reference="UA-POW-2024-017")
    worked = build_worked_case(sorted((ROOT / "seeds").glob("*.txt")), USER)
    phenol, pattern = worked["incidents"]["INC-001"], worked["incidents"]["INC-002"]
    incidents.update_incident(
        phenol, actor=USER, perpetrator_force="Russian armed forces",
        narrative=("On 6 September 2024, around 10:00, a wounded Ukrainian soldier "
                   "was lying unarmed on the ground near the Phenol plant by New York village "
                   "(Donetsk region) when he was shot by Russian soldiers.\n\nThe Prosecutor "
                   "General's Office opened a pre-trial investigation under art. 438 of the "
                   "Criminal Code."))
    incidents.update_incident(
        pattern, actor=USER, date_start="2024-08", date_end="2025-01", date_precision="month",
        victims_min=79, victims_max=177, victim_status="pow",
        narrative="Reports of several institutions describe a pattern of executions of "
                  "surrendered Ukrainian soldiers since August 2024; their counts disagree.")
    ombudsman = worked["sources"]["001_f8134103c8dcf54a.txt"]
    sources.update_source(ombudsman, actor=USER, publisher="Ombudsman of Ukraine")
    _mark(ombudsman, "at least 177 Ukrainian prisoners of war", pattern, supports="victims",
          asserted_value="177", credibility="2")
    pgo = worked["sources"]["003_b8c3f3517aeeccd0.txt"]
    _mark(pgo, "Dmytro Lubinets", phenol, supports="perpetrator", status="rejected",
          note="Names the Ombudsman who reported the killing, not a perpetrator.")
    usable = [row.id for row in evidence.evidence_rows(incident_id=phenol)
              if row.status != "rejected"]
    review.review_evidence(usable, "approved", actor=REVIEWER)
    review.submit_incident(phenol, actor=USER)
    review.approve_incident(
        phenol, actor=REVIEWER,
        comment="Signed off on the Prosecutor General's account of the killing; hors de combat "
                "and knowledge rest on it alone until the UN mission's findings are linked.")


def render(out_dir: Path) -> list[Path]:
    """Write dossier.docx and dossier-redacted.docx, and their PDFs, into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        build_case(Path(tmp) / "worked.casefile")
        try:
            full = export_dossier(out_dir / "dossier.docx",
                                  DossierOptions(incidents="drafts", audit_annex=True),
                                  actor=USER).path
        finally:
            db.close_case()
        build_fictional_case(Path(tmp) / "training.casefile", Path(tmp))
        try:
            redacted = export_dossier(out_dir / "dossier-redacted.docx",
                                      DossierOptions(incidents="drafts", edition="redacted",
                                                     audit_annex=True), actor=USER).path
        finally:
            db.close_case()
    written = [full, redacted]
    if soffice():
        written += [to_pdf(full, out_dir / "dossier.pdf"),
                    to_pdf(redacted, out_dir / "dossier-redacted.pdf")]
    else:
        print("LibreOffice (soffice) is not installed: no PDF written", file=sys.stderr)
    return written


if __name__ == "__main__":
    for path in render(ROOT / "docs"):
        print(f"wrote {path.relative_to(ROOT)}")
