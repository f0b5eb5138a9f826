"""`make dossier`: dossiers in docs/, each as Word and PDF.

`dossier.*` and `dossier-uk.*` are the demo case's full edition (`casefile demo`: all five
incidents, drafts included and marked DRAFT, with the issuing block its documenter sets), in
English and in Ukrainian; the Ukrainian one is of the demo case built as a Ukrainian
documenter builds it, in a Casefile speaking Ukrainian, so its audit trail (written in its
writer's language) is Ukrainian too. The seed texts are
about real events and gain no invented names; the redacted edition is shown on a training case
of fictional statements (`tests/fictional_case.py`) as `dossier-redacted.*`. Each PDF is the
dossier's rendition (`desktop/services/rendition.py`: LibreOffice headless, the table of
contents updated with page numbers, fonts embedded, PDF/A-2b).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.domain import db  # noqa: E402
from desktop.services import case as case_service  # noqa: E402
from desktop.services import demo, rendition, words  # noqa: E402
from desktop.services.export import DossierOptions, export_dossier  # noqa: E402
from tests.fictional_case import build_fictional_case  # noqa: E402

USER = "Olena Kovalenko"
#: The issuing block the documenter sets before issuing the demo dossier, in her language: who
#: issues it and for whom (a worked example, so it says it is no submission to anyone). A
#: Ukrainian documenter also titles and describes her case in Ukrainian; the sources, quoted
#: as they are, and the incidents stay as the demo has them.
ISSUING = {
    "en": {"issuing_organisation": "Casefile demonstration (a worked example, not an official "
                                   "submission)",
           "issued_by": "Olena Kovalenko", "addressee": "Training and evaluation use only",
           "issued_for": "Showing what a dossier of evidence holds", "dossier_version": "1.0"},
    "uk": {"title": "Страти українських військовополонених, які здалися в полон, 2024–2025",
           "description": "Навчальний приклад, складений за п’ятьма публічними новинними "
                          "текстами: страти українських військовополонених, про які "
                          "повідомляли з вересня 2024 р. по травень 2025 р.",
           "issuing_organisation": "Демонстрація Casefile (навчальний приклад, не офіційне "
                                   "подання)",
           "issued_by": "Olena Kovalenko", "addressee": "Лише для навчання та оцінювання",
           "issued_for": "Показ того, що містить досьє доказів", "dossier_version": "1.0"},
}


def _export(case: Path, out: Path, options: DossierOptions) -> Path:
    db.open_case(case)
    try:
        case_service.update_case(actor=USER, **ISSUING[options.language])
        return export_dossier(out, options, actor=USER, page_numbers=True).path
    finally:
        db.close_case()


def render(out_dir: Path) -> list[Path]:
    """Write the demo case's dossier in English and Ukrainian and the training case's redacted
    edition into `out_dir`, each as .docx and (with LibreOffice) .pdf."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, language in (("dossier.docx", "en"), ("dossier-uk.docx", "uk")):
            case = Path(tmp) / f"demo-{language}.casefile"
            with words.in_language(language):  # the documenter's Casefile speaks it
                demo.build_demo(case)
                written.append(_export(case, out_dir / name, DossierOptions(
                    incidents="drafts", audit_annex=True, language=language)))
        build_fictional_case(Path(tmp) / "training.casefile", Path(tmp))
        try:
            written.append(export_dossier(out_dir / "dossier-redacted.docx",
                                          DossierOptions(incidents="drafts", edition="redacted",
                                                         audit_annex=True), actor=USER,
                                          page_numbers=True).path)
        finally:
            db.close_case()
    if rendition.soffice() is None:
        print(rendition.missing_message(), file=sys.stderr)
        return written
    return written + [rendition.render_pdf(document).path for document in list(written)]


if __name__ == "__main__":
    for path in render(ROOT / "docs"):
        print(f"wrote {path.relative_to(ROOT)}")
