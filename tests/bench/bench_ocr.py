"""OCR: pages per minute of `casefile import --ocr`'s work beside the `tesseract` command.

The pages are A4 at 300 dpi, thirty lines of Ukrainian each, drawn with DejaVu Serif
(tests/scans.py). Casefile imports them into a new case (reading process, OCR, the text and
its words' places stored, the search index) with ukr+rus+eng; the baseline runs `tesseract
page.png out -l ukr+rus+eng tsv` on the same images, one after the other, which is the
engine's own work with the words' confidences. An image-only PDF of the same pages is
measured beside `pdftoppm -r 300 -gray` then `tesseract` on each page, where poppler is
installed. Runs alternate, so noise on the shared machine hits both alike.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from desktop.domain import db
from desktop.services import sources
from desktop.services.importing import ocr
from tests import scans
from tests.bench.context import Context
from tests.bench.table import Row

PAGES, PAGES_QUICK = 6, 2
RUNS, RUNS_QUICK = 3, 1
TARGET_RATIO = 1.3
LANGUAGES = "+".join(ocr.DEFAULT_LANGUAGES)


def _page_files(folder: Path, pages: int) -> list[Path]:
    lines = scans.STATEMENT * 6
    paths = []
    for number in range(pages):
        image = scans.page_image((f"Сторінка {number + 1}", *lines), width=2480, size=40)
        path = folder / f"page-{number + 1}.png"
        image.save(path, dpi=(300, 300))
        paths.append(path)
    return paths


def _casefile(folder: Path, files: list[Path]) -> float:
    """Seconds to import `files` with OCR into a new case."""
    case = folder / f"ocr-{time.monotonic_ns()}.casefile"
    db.new_case(case, "OCR bench", actor="bench")
    try:
        started = time.perf_counter()
        report = sources.import_files(files, actor="bench",
                                      ocr=ocr.OcrOptions(ocr.DEFAULT_LANGUAGES))
        seconds = time.perf_counter() - started
    finally:
        db.close_case()
        case.unlink()
    if report.failed or len(report.imported) != len(files):
        raise RuntimeError(f"the OCR bench's import failed: {report.failed}")
    return seconds


def _tesseract(images: list[Path], out: Path) -> float:
    """Seconds for the `tesseract` command to read each image (TSV: words and confidences)."""
    started = time.perf_counter()
    for image in images:
        subprocess.run(["tesseract", str(image), str(out / image.stem), "-l", LANGUAGES, "tsv"],
                       check=True, capture_output=True)
    return time.perf_counter() - started


def _poppler_then_tesseract(pdf: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["pdftoppm", "-r", str(ocr.PDF_DPI), "-gray", "-png", str(pdf),
                    str(out / "rendered")], check=True, capture_output=True)
    rendered = sorted(out.glob("rendered*.png"))
    seconds = time.perf_counter() - started + _tesseract(rendered, out)
    for path in rendered:
        path.unlink()
    return seconds


def _row(name: str, pages: int, ours: list[float], theirs: list[float], how: str) -> Row:
    mine, base = statistics.median(ours), statistics.median(theirs)
    ratio = mine / base
    return Row(name, pages * 60 / mine, "pages/min", pages * 60 / base, f"pages/min ({how})",
               ratio, f"≤ {TARGET_RATIO:g}× the time", ratio <= TARGET_RATIO)


def bench_ocr(ctx: Context) -> list[Row]:
    try:
        ocr.check_ready(ocr.DEFAULT_LANGUAGES)
    except ocr.OcrUnavailable as exc:
        ctx.log(f"ocr: skipped: {exc}")
        return []
    pages = PAGES_QUICK if ctx.quick else PAGES
    runs = RUNS_QUICK if ctx.quick else RUNS
    folder = Path(tempfile.mkdtemp(prefix="ocr-", dir=ctx.workdir))
    images = _page_files(folder, pages)
    pdf = scans.write_pdf(folder / "scan.pdf", pages=pages,
                          lines=("Сторінка", *scans.STATEMENT * 6), width=2480, size=40)
    out = folder / "out"
    out.mkdir()
    with_poppler = shutil.which("pdftoppm") is not None
    timings: dict[str, list[float]] = {"png": [], "tesseract": [], "pdf": [], "poppler": []}
    for run in range(runs):
        ctx.log(f"ocr: run {run + 1} of {runs} ({pages} pages)")
        timings["png"].append(_casefile(folder, images))
        timings["tesseract"].append(_tesseract(images, out))
        timings["pdf"].append(_casefile(folder, [pdf]))
        if with_poppler:
            timings["poppler"].append(_poppler_then_tesseract(pdf, out))
    rows = [_row(f"ocr: {pages} PNG pages, 300 dpi, {LANGUAGES}", pages, timings["png"],
                 timings["tesseract"], "tesseract command")]
    if with_poppler:
        rows.append(_row(f"ocr: {pages}-page image-only PDF", pages, timings["pdf"],
                         timings["poppler"], "pdftoppm + tesseract"))
    shutil.rmtree(folder)
    return rows


BENCHES = {"ocr": bench_ocr}
