"""Which PDF library reads text best: word recall on the corpus's PDFs and pages per second.

    .venv/bin/python tests/corpus/compare_pdf_libraries.py

Each library's own plain text call (pypdf's extract_text, PDFium's text page through pypdfium2,
pdfminer.six's extract_text, poppler's pdftotext), and Casefile's importer over it, on every
PDF of the corpus that must import; speed on a 54-page text PDF written by reportlab. The
figures chose the library (docs/pdf-text.md).
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.corpus import recall  # noqa: E402


def with_pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


def with_pypdfium2(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n\n".join(document[i].get_textpage().get_text_range()
                           for i in range(len(document)))
    finally:
        document.close()


def with_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def with_pdftotext(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", "-", "-"], input=data,
                            capture_output=True, check=False)
    return result.stdout.decode("utf-8", errors="replace")


def with_casefile(data: bytes) -> str:
    from desktop.services.importing import extract_bytes

    return extract_bytes(Path("corpus.pdf"), data).text


LIBRARIES: dict[str, Callable[[bytes], str]] = {
    "pypdf": with_pypdf, "pypdfium2": with_pypdfium2, "pdfminer.six": with_pdfminer,
    "pdftotext": with_pdftotext, "Casefile": with_casefile,
}


def long_pdf(pages: int) -> bytes:
    """A text PDF of about `pages` pages of the corpus's report, written by reportlab."""
    from tests.corpus import make_pdfs

    make_pdfs.register_fonts()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch, "long.pdf")
        paragraphs = [make_pdfs.EN_REPORT] * (pages * 2)  # a report fills half a page
        make_pdfs.write_paragraphs(path, paragraphs, font="DejaVuSerif", ligatures=True)
        return path.read_bytes()


def main() -> int:
    logging.disable(logging.CRITICAL)  # pypdf's and pdfminer's warnings are not the figures
    pdfs = [f for f in recall.fixtures("pdf") if f.expected is not None]
    names = [n for n in LIBRARIES if n != "pdftotext" or shutil.which("pdftotext")]
    print(f"{'file':34}" + "".join(f"{n:>14}" for n in names))
    totals = dict.fromkeys(names, 0.0)
    for fixture in pdfs:
        data = fixture.path.read_bytes()
        cells = []
        for name in names:
            try:
                value = recall.recall(fixture.expected, LIBRARIES[name](data))
            except Exception as exc:  # a library that fails on a file scores nothing there
                print(f"  {name} failed on {fixture.path.name}: {exc!r}", file=sys.stderr)
                value = 0.0
            totals[name] += value
            cells.append(f"{value:14.3f}")
        print(f"{fixture.path.name:34}" + "".join(cells))
    print(f"{'mean word recall':34}" + "".join(f"{totals[n] / len(pdfs):14.3f}" for n in names))
    import pypdfium2

    data = long_pdf(60)
    pages = len(pypdfium2.PdfDocument(data))
    speeds = []
    for name in names:
        LIBRARIES[name](data)  # warm: imports and caches are not the figure
        started = time.perf_counter()
        LIBRARIES[name](data)
        speeds.append(pages / (time.perf_counter() - started))
    print(f"{f'pages/s ({pages}-page text PDF)':34}" + "".join(f"{s:14.0f}" for s in speeds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
