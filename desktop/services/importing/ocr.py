"""Scans and photos of documents: their text read by OCR (Tesseract, through pytesseract).

A scanned PDF's pages are rendered (pypdfium2, 300 dpi) and each page image read; an image
file (PNG, JPEG, TIFF, multi-page TIFF) is its own page, or pages. The text read is the working
copy; the original bytes stay the evidentiary copy. The source's extraction record says which
engine, version and languages read it and how sure the engine was (the mean word confidence),
and lists the words it was unsure of; `extra["ocr_boxes"]` keeps where each word stands on its
page, so a span's region can be marked on the page image.

pytesseract was chosen by measurement: on one A4 page at 300 dpi (ukr+rus+eng, best of three,
two shared cores) the `tesseract` command took 0.86 s, pytesseract 0.83 s (it runs that
command), tesserocr 0.73 s but with a second copy of the engine (its wheel's 5.5.4 beside the
system's 5.3.0, which the Debian packages keep up to date); OCRmyPDF was left out, as it writes
a whole new PDF to get the same words. `tests/bench/run.py --only ocr` keeps the comparison
with the command. Everything heavy (Pillow, pytesseract, pypdfium2) is imported when a scan is
read.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import CasefileError, NeedsOcr, SourceImportError
from desktop.services.importing import base
from desktop.services.importing.base import Extracted, normalise_text
from desktop.services.words import _

PageProgress = Callable[[int, int], None]

#: Tesseract's language codes read when the user chooses none: Ukrainian, Russian, English.
DEFAULT_LANGUAGES = ("ukr", "rus", "eng")

#: Image files read by OCR, and their media types.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".tif": "image/tiff", ".tiff": "image/tiff"}

#: A word read with less confidence than this (Tesseract's 0–100) is shown as uncertain.
LOW_CONFIDENCE = 60

#: Resolution a scanned PDF's pages are rendered at for OCR (Tesseract reads best at 300).
PDF_DPI = 300

#: Most pages (PDF pages or image frames) read from one file, and most pixels on one page
#: (an A3 page at 600 dpi is 70 million): a file past either is refused, not read for hours.
MAX_PAGES = 1000
MAX_PAGE_PIXELS = 120_000_000

#: Longest Tesseract may take over one page before the file is refused.
PAGE_SECONDS = 300

_INSTALL = "sudo apt-get install"


class OcrUnavailable(CasefileError):
    """Tesseract, or one of the language packs asked for, is not installed."""


@dataclass(frozen=True)
class OcrOptions:
    """How scans of one import are read: Tesseract's language codes, in order of weight."""

    languages: tuple[str, ...] = DEFAULT_LANGUAGES

    @property
    def tesseract_languages(self) -> str:
        return "+".join(self.languages)


def parse_languages(text: str) -> tuple[str, ...]:
    """"ukr+rus+eng" (or with commas or spaces) as Tesseract's codes; ValueError if malformed."""
    codes = tuple(code for code in re.split(r"[+,\s]+", text.strip().lower()) if code)
    bad = [code for code in codes if not re.fullmatch(r"[a-z]{3}(_[a-z]+)?", code)]
    if not codes or bad:
        raise ValueError(_("OCR languages are Tesseract's codes joined by +, e.g. ukr+rus+eng"))
    return tuple(dict.fromkeys(codes))


def debian_package(code: str) -> str:
    """The Debian package of Tesseract's model for a language code (chi_sim → …-chi-sim)."""
    return "tesseract-ocr-" + code.replace("_", "-")


def check_ready(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> None:
    """Raise OcrUnavailable, saying what to install, unless Tesseract can read these languages."""
    import pytesseract

    packages = [debian_package(code) for code in languages]
    try:
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        raise OcrUnavailable(
            _("OCR needs Tesseract, which is not installed: install it with {command}").format(
                command=f"{_INSTALL} tesseract-ocr {' '.join(packages)}")) from None
    missing = [debian_package(code) for code in languages if code not in installed]
    if missing:
        raise OcrUnavailable(
            _("OCR in {languages} needs Tesseract's language models: install them with "
              "{command}").format(languages="+".join(languages),
                                  command=f"{_INSTALL} {' '.join(missing)}"))


def engine_version() -> str:
    """Tesseract's version ("5.3.0"), or "" when it cannot be told."""
    import pytesseract

    try:
        return str(pytesseract.get_tesseract_version())
    except (Exception, SystemExit):  # pytesseract exits on a version string it cannot parse
        return ""


# ------------------------------------------------------------------ without --ocr
def extract_image(path: Path, data: bytes) -> Extracted:
    """An image imports only with OCR: check it is one, then say so (NeedsOcr)."""
    with _opened(path, data) as image:
        _frames(path, image)
    raise NeedsOcr(path, _("is an image — OCR it with `--ocr`"))


# ------------------------------------------------------------------ with OCR
def read_scan(path: Path, data: bytes, options: OcrOptions,
              progress: PageProgress | None = None) -> Extracted:
    """The text of a scanned PDF or an image file, read by OCR page by page."""
    try:
        check_ready(options.languages)
    except OcrUnavailable as exc:
        raise SourceImportError(path, str(exc)) from None
    if path.suffix.lower() == ".pdf":
        count = _pdf_count(path, data)
        return _read_pages(path, _pdf_pages(path, data), count, options, progress,
                           "application/pdf", PDF_DPI)
    with _opened(path, data) as image:
        count = _frames(path, image)
        media_type = IMAGE_TYPES.get(path.suffix.lower(), "image/" + (image.format or "").lower())
        return _read_pages(path, _image_frames(image, count), count, options, progress,
                           media_type, None)


def _read_pages(path: Path, pages: Iterator, count: int, options: OcrOptions,
                progress: PageProgress | None, media_type: str,
                dpi: int | None) -> Extracted:
    """OCR of each page image; `dpi`: what a PDF's pages were rendered at (None: an image)."""
    texts: list[str] = []
    starts: list[int] = []
    boxes: list[dict] = []
    confidences: list[float] = []
    low: list[list[int]] = []
    at = 0
    read: list[tuple[dict, tuple[int, int]]] = []
    for number, page in enumerate(pages, start=1):
        if progress:
            progress(number - 1, count)
        read.append((_page_words(path, number, page, options), page.size))
    evidence = _evidence([words for words, _size in read])
    for words, size in read:
        starts.append(at)
        text, placed = _page_text(words, evidence)
        texts.append(text)
        boxes.append({"size": list(size), "words": [
            [at + start, at + end, *box] for start, end, _conf, box in placed]})
        for start, end, conf, _box in placed:
            confidences.append(conf)
            if conf < LOW_CONFIDENCE:
                low.append([at + start, at + end, round(conf)])
        at += len(text) + 2  # the blank line between pages
    if progress:
        progress(count, count)
    if not confidences:
        raise SourceImportError(path, _("has no text that OCR could read"))
    extraction = {
        "tool": "Tesseract", "version": engine_version(), "method": "OCR",
        "wrapper": f"pytesseract {base.tool_version('pytesseract')}".strip(),
        "languages": options.tesseract_languages,
        "mean_confidence": round(sum(confidences) / len(confidences), 1),
        "low_confidence": low,
    }
    if dpi:
        extraction["rendered_dpi"] = dpi
    return Extracted(text="\n\n".join(texts), media_type=media_type, pages=starts,
                     extraction=extraction,
                     extra={"pages": count, "ocr_boxes": boxes})


def _page_words(path: Path, number: int, page, options: OcrOptions) -> dict:
    """Tesseract's words of one page image, with their places and confidences."""
    import pytesseract

    try:
        with tempfile.TemporaryDirectory(prefix="casefile-ocr-") as folder:
            image = Path(folder) / "page.png"
            page.save(image, format="PNG", compress_level=1)  # fast: read once, then deleted
            return pytesseract.image_to_data(str(image), lang=options.tesseract_languages,
                                             output_type=pytesseract.Output.DICT,
                                             timeout=PAGE_SECONDS)
    except RuntimeError as exc:  # pytesseract's own timeout
        if "timeout" not in str(exc).lower():
            raise
        raise SourceImportError(path, _("page {page}: OCR took longer than {minutes} minutes")
                                .format(page=number, minutes=PAGE_SECONDS // 60)) from None
    except pytesseract.TesseractError as exc:
        raise SourceImportError(path, _("page {page}: Tesseract could not read it ({reason})")
                                .format(page=number, reason=_first_line(exc.message))) from None


def _page_text(words: dict, evidence=None) -> tuple[str, list[tuple[int, int, float, list[int]]]]:
    """A page's text (words by spaces, lines by newlines, paragraphs by a blank line) and
    each word's (start, end, confidence, [left, top, width, height]). A word hyphenated at a
    line end is joined when the joined word is a word (as a PDF's text is, importing/pdftext:
    `evidence` says how the document writes its words); its two halves keep their places."""
    from desktop.services.importing import pdftext

    read = _words_read(words)
    parts: list[str] = []
    placed: list[tuple[int, int, float, list[int]]] = []
    at, last = 0, None
    for number, (word, line, conf, box) in enumerate(read):
        if last is not None:
            gap = " " if line == last else "\n" if line[:2] == last[:2] else "\n\n"
            # Tesseract may start a paragraph or a block after a line ending in a hyphen (wide
            # spacing, a column's end): a word that goes on is joined all the same.
            if gap != " " and _joined(read[number - 1][0], word, evidence, pdftext):
                gap = ""
                parts[-1] = parts[-1][:-1]  # the hyphen goes with the line break
                start, end, before, where = placed[-1]
                placed[-1] = (start, end - 1, before, where)
                at -= 1
            parts.append(gap)
            at += len(gap)
        last = line
        parts.append(word)
        placed.append((at, at + len(word), conf, box))
        at += len(word)
    return "".join(parts), placed


def _words_read(words: dict) -> list[tuple[str, tuple, float, list[int]]]:
    """Tesseract's words (level 5 rows), each with its (block, paragraph, line), confidence
    and box."""
    read = []
    for i, raw in enumerate(words["text"]):
        word = normalise_text(str(raw)).strip()
        if int(words["level"][i]) != 5 or not word:
            continue
        line = (words["block_num"][i], words["par_num"][i], words["line_num"][i])
        box = [int(words[k][i]) for k in ("left", "top", "width", "height")]
        read.append((word, line, max(float(words["conf"][i]), 0.0), box))
    return read


def _joined(left: str, right: str, evidence, pdftext) -> bool:
    """Whether a word ending a line in a hyphen and the word opening the next are one word."""
    if evidence is None or len(left) < 3 or not left.endswith("-") or not right[:1].islower():
        return False
    before = pdftext._word_before(left, len(left) - 1)
    after = pdftext._word_after(right, 0)
    return bool(before and after) and pdftext.joins(before, after, evidence)


def _evidence(pages: list[dict]):
    """How the document writes its words, from every page's words (pdftext.Evidence)."""
    from desktop.services.importing import pdftext

    return pdftext.Evidence(" ".join(word for word, *_place in _words_read(words))
                            for words in pages)


# ------------------------------------------------------------------ the pages of a file
class _opened:
    """An image file opened with Pillow under Casefile's limits; refused when it is not one."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path, self.data, self.image = path, data, None

    def __enter__(self):
        from PIL import Image, UnidentifiedImageError

        too_large = SourceImportError(self.path, _(
            "is an image larger than Casefile reads ({limit} million pixels)").format(
            limit=max(1, MAX_PAGE_PIXELS // 1_000_000)))
        try:
            with warnings.catch_warnings():  # Pillow's own limit warns; ours refuses
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                self.image = Image.open(io.BytesIO(self.data))  # reads the header only
                width, height = self.image.size
                if width * height > MAX_PAGE_PIXELS:
                    raise too_large
                self.image.load()
        except Image.DecompressionBombError:
            raise too_large from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
            raise SourceImportError(self.path, _("is not a readable image: the file looks "
                                                 "damaged")) from None
        return self.image

    def __exit__(self, *exc_info: object) -> None:
        if self.image is not None:
            self.image.close()


def _frames(path: Path, image) -> int:
    """How many pages (frames) an image has; more than MAX_PAGES is refused."""
    count = getattr(image, "n_frames", 1)
    if count > MAX_PAGES:
        raise SourceImportError(path, _("has more than {limit} pages").format(limit=MAX_PAGES))
    return count


def _image_frames(image, count: int) -> Iterator:
    """Each frame of an image (a multi-page TIFF's pages), ready for Tesseract: turned as
    its EXIF orientation says (a phone's photo of a page is stored on its side)."""
    from PIL import ImageOps

    for index in range(count):
        image.seek(index)
        frame = image.convert("L") if image.mode not in ("1", "L", "RGB") else image.copy()
        yield ImageOps.exif_transpose(frame)


def _pdf_count(path: Path, data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise SourceImportError(path, _("is not a readable PDF")) from None
    count = len(document)
    document.close()
    if count > MAX_PAGES:
        raise SourceImportError(path, _("has more than {limit} pages").format(limit=MAX_PAGES))
    return count


def _pdf_pages(path: Path, data: bytes) -> Iterator:
    """Each page of a PDF rendered in grey at PDF_DPI (a page past MAX_PAGE_PIXELS refused)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            scale = PDF_DPI / 72
            if width * height * scale * scale > MAX_PAGE_PIXELS:
                raise SourceImportError(path, _("page {page} is larger than Casefile reads")
                                        .format(page=index + 1))
            yield page.render(scale=scale, grayscale=True).to_pil()
            page.close()
    finally:
        document.close()


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else "no reason given"


def tesseract_command() -> str | None:
    """Where the `tesseract` command is, or None (for the bench and the set-up check)."""
    return shutil.which("tesseract")
