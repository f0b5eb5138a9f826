"""Sources as collected: word recall on the corpus of real files, per kind, beside poppler's
(pdftotext) on the same PDFs and the `tesseract` command's on the same scans; and the import
throughput of text PDFs, beside pdftotext.

`--only recall` reads every fixture of tests/corpus/ (a kind is a folder: pdf, docx, text,
web, scan, …; a new kind is a folder of files with their expected texts) as `casefile import`
does (`--ocr` for scans) and compares the text with the expected one (tests/corpus/recall.py).
`--only pdf` imports text PDFs written by reportlab into a new case, reading process and all,
in pages per second.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.bench.context import Context
from tests.bench.table import Row
from tests.corpus import recall

#: Word recall a kind must reach, and the share of the other tool's (poppler's for PDFs, the
#: tesseract command's for scans) it must.
MIN_RECALL = 0.95
MIN_RATIO = 1.0
#: Text PDFs imported per second, at least (a 300-page report in twelve seconds, its reading
#: process, dictionaries and storing included, on a shared two-core machine). pdftotext, a C
#: program that only prints the text, is the baseline shown; no ratio is asked of it.
PDF_MIN_PAGES_PER_S = 25.0


def _casefile_text(reader, fixture: recall.Fixture) -> str:
    from desktop.services.importing.ocr import OcrOptions

    path = fixture.path
    return reader.extract(path, path.read_bytes(), ocr=OcrOptions() if fixture.ocr else None).text


def _pdftotext(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=False)
    return done.stdout.decode("utf-8", errors="replace")


def _tesseract(path: Path) -> str:
    """The `tesseract` command's text of a scan, in the languages an import reads with (a PDF's
    pages drawn by pdftoppm at the resolution an import draws them at, a TIFF's every page)."""
    from desktop.services.importing import ocr

    languages = "+".join(ocr.DEFAULT_LANGUAGES)
    with tempfile.TemporaryDirectory() as scratch:
        pages = [path]
        if path.suffix.lower() == ".pdf":
            subprocess.run(["pdftoppm", "-r", str(ocr.PDF_DPI), "-gray", "-png", str(path),
                            f"{scratch}/page"], check=True, capture_output=True)
            pages = sorted(Path(scratch).glob("page*.png"))
        return "\n".join(subprocess.run(
            ["tesseract", str(page), "-", "-l", languages], capture_output=True, check=True,
            text=True).stdout for page in pages)


def _baseline(kind: str) -> tuple[object, str] | None:
    """The other tool a kind's recall is shown beside, and its name; None where there is none
    (or it is not installed)."""
    if kind == "pdf" and shutil.which("pdftotext"):
        return _pdftotext, "pdftotext"
    if kind in recall.OCR_KINDS and shutil.which("tesseract") and shutil.which("pdftoppm"):
        return _tesseract, "tesseract command"
    return None


def bench_recall(ctx: Context) -> list[Row]:
    from desktop.services.importing import Reader

    with Reader() as reader:  # one reading process, as one import of every file has
        return _recall(ctx, reader)


def _recall(ctx: Context, reader) -> list[Row]:
    from desktop.services.importing import ocr

    rows = []
    lines = ["Word recall per file (Casefile, and pdftotext's for a PDF, the tesseract "
             "command's for a scan):"]
    for kind in recall.kinds():
        fixtures = [f for f in recall.fixtures(kind) if f.expected is not None]
        if not fixtures:
            continue
        if kind in recall.OCR_KINDS:
            try:
                ocr.check_ready(ocr.DEFAULT_LANGUAGES)
            except ocr.OcrUnavailable as exc:
                ctx.log(f"recall: {kind} skipped: {exc}")
                continue
        ctx.log(f"recall: {len(fixtures)} {kind} files")
        other_tool = _baseline(kind)
        ours, theirs = [], []
        for fixture in fixtures:
            try:
                value = recall.recall(fixture.expected, _casefile_text(reader, fixture))
            except Exception as exc:  # noqa: BLE001 - a refusal scores nothing, and is shown
                value = 0.0
                lines.append(f"  {kind}/{fixture.path.name}: refused ({exc})")
            ours.append(value)
            other = (recall.recall(fixture.expected, other_tool[0](fixture.path))
                     if other_tool else None)
            if other is not None:
                theirs.append(other)
            lines.append(f"  {kind + '/' + fixture.path.name:48} {value:6.3f}"
                         + (f"  {other:6.3f}" if other is not None else ""))
        mean = sum(ours) / len(ours)
        baseline = sum(theirs) / len(theirs) if theirs else None
        ratio = mean / baseline if baseline else None
        ok = mean >= MIN_RECALL and (ratio is None or ratio >= MIN_RATIO)
        rows.append(Row(
            name=f"word recall, {kind} ({len(fixtures)} files)", value=mean, unit="recall",
            baseline=baseline, baseline_unit=f"recall ({other_tool[1]})" if baseline else "",
            ratio=ratio,
            target=f"≥ {MIN_RECALL:g}" + (f", ≥ {MIN_RATIO:g}x" if baseline else ""),
            ok=ok))
    ctx.put("recall_details", lines)
    return rows


def _text_pdfs(folder: Path, quick: bool) -> list[Path]:
    from tests.corpus import make_pdfs

    make_pdfs.register_fonts()
    copies = 10 if quick else 160  # three copies of the report fill about two pages
    made = []
    for name, text, font in (("report_en.pdf", make_pdfs.EN_REPORT, "DejaVuSerif"),
                             ("report_uk.pdf", make_pdfs.UK_REPORT, "DejaVuSans")):
        path = folder / name
        make_pdfs.write_paragraphs(path, [text] * copies * 2, font=font, ligatures=True)
        made.append(path)
    return made


def bench_pdf(ctx: Context) -> list[Row]:
    import pypdfium2

    from desktop.domain import db
    from desktop.services import sources

    if shutil.which("pdftotext") is None:
        ctx.log("pdf: pdftotext is not installed; no baseline")
    folder = ctx.workdir / "pdfs"
    folder.mkdir()
    files = _text_pdfs(folder, ctx.quick)
    pages = sum(len(pypdfium2.PdfDocument(path)) for path in files)
    ctx.log(f"pdf: importing {len(files)} text PDFs, {pages} pages")
    best = best_bare = float("inf")
    for round_ in range(3):
        case = ctx.workdir / f"pdf-{round_}.casefile"
        db.new_case(case, "PDF bench", actor="Bench")
        started = time.perf_counter()
        report = sources.import_files(files, actor="Bench")
        best = min(best, time.perf_counter() - started)
        db.close_case()
        assert len(report.imported) == len(files), report.failed
        if shutil.which("pdftotext"):
            started = time.perf_counter()
            for path in files:
                _pdftotext(path)
            best_bare = min(best_bare, time.perf_counter() - started)
    rate = pages / best
    bare = pages / best_bare if best_bare != float("inf") else None
    ratio = best / best_bare if bare else None
    return [Row(
        name=f"import of text PDFs, {len(files)} files, {pages} pages (best of 3)",
        value=rate, unit="pages/s", baseline=bare,
        baseline_unit="pages/s (pdftotext)" if bare else "", ratio=ratio,
        target=f"≥ {PDF_MIN_PAGES_PER_S:g}/s", ok=rate >= PDF_MIN_PAGES_PER_S)]


def details(ctx: Context) -> list[str]:
    return ctx.get("recall_details", [])


BENCHES = {"recall": bench_recall, "pdf": bench_pdf}
