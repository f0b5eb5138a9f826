"""PDF documents: the text layer of every page, read by PDFium (pypdfium2), for PDFs made
from text; where each page starts is kept.

PDFium was chosen by measurement on the corpus (docs/pdf-text.md): the best word recall of the
libraries tried, and six times pypdf's speed. Its page text is cleaned by importing/pdftext
(ligatures spelt out, line-end hyphens joined where the word is a word, overprinting read
once). pypdf only counts what the pages' contents unpack to, before any is read, so a small
PDF that unpacks to gigabytes is refused rather than parsed.
"""

from __future__ import annotations

import ctypes
import io
import logging
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from desktop.domain.errors import NeedsOcr, SourceImportError
from desktop.services.importing import base, pdftext
from desktop.services.importing.base import Extracted
from desktop.services.words import N_, _, ngettext

#: The extraction record's tool: the distribution, and PDFium's own build within it.
TOOL = "pypdfium2"

#: Why a PDF whose pages draw but hold no text is refused (NeedsOcr: OCR reads it).
SCAN = N_("is a scan without text — OCR it with `--ocr`")
PASSWORD = N_("is password-protected; remove the password and import it again")

_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def extract_pdf(path: Path, data: bytes) -> Extracted:
    """Page texts separated by a blank line; a scanned or locked PDF is refused, not emptied."""
    document = open_document(path, data)
    try:
        _check_unpacked_size(path, data)
        texts = page_texts(document)
        if not any(text for text, _index in texts):
            raise _no_text(path, document)
        pages = [text for text, _index in texts]
        scanned = _scanned_pages(document, pages)
        if len(scanned) == len(pages):  # each stamped with a number or a date, no more
            raise NeedsOcr(path, _(SCAN))
        # Among pages of text a page is taken for a scan when it has no text, or only what
        # other pages carry too once their digits are set aside (a numbering tool's stamp,
        # "UA-PGO-000002"): a report's full-page photo or map with its caption is not.
        scanned = [number for number in scanned
                   if not pages[number - 1] or _stamped_alike(number, pages)]
        if scanned:
            raise NeedsOcr(path, _scanned_reason(scanned, len(pages)))
        text, starts = join_pages([text for text, _index in texts])
        title, author, published = _metadata(document)
        return Extracted(
            text=text, pages=starts, media_type="application/pdf", title=title,
            author=author, published=published, language=_language(document),
            extra={"pages": len(texts)}, extraction=extraction_record(),
        )
    finally:
        document.close()


def extraction_record() -> dict:
    """How the text was read: pypdfium2's version and PDFium's build, from the text layer."""
    from pypdfium2.version import PDFIUM_INFO, PYPDFIUM_INFO

    return {"tool": TOOL, "version": str(PYPDFIUM_INFO.version),
            "pdfium": str(PDFIUM_INFO.version), "method": "text layer"}


def open_document(path: Path, data: bytes) -> pypdfium2.PdfDocument:
    """The PDF opened by PDFium (one encrypted only against editing opens as it is), or the
    reason it cannot be."""
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise SourceImportError(path, _(PASSWORD)) from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise SourceImportError(path, _("is encrypted in a way Casefile cannot read; "
                                            "save it without encryption and import it "
                                            "again")) from exc
        raise SourceImportError(path, _("is not a readable PDF")) from exc


def page_texts(document: pypdfium2.PdfDocument, *,
               each_page: Callable[[int, int], None] | None = None,
               ) -> list[tuple[str, list[int]]]:
    """Each page's cleaned text, and for each of its characters the index of the PDFium
    character it came from (what services/pages finds a span's boxes by); `each_page(done,
    pages)` is called as each page is read (it may raise to stop)."""
    pages = []
    count = len(document)
    for number in range(count):
        if each_page:
            each_page(number, count)
        page = document[number]
        try:
            textpage = page.get_textpage()
            try:
                raw = textpage.get_text_range()
                pages.append(pdftext.clean(raw, _letter_spaces(textpage, raw)))
            finally:
                textpage.close()
        finally:
            page.close()
    evidence = pdftext.Evidence(text.text for text in pages)
    joined = pdftext.join_across_pages(
        [pdftext.join_hyphens(text, evidence).stripped() for text in pages], evidence)
    return [(text.text, text.index) for text in joined]


def _letter_spaces(textpage: pypdfium2.PdfTextPage, raw: str) -> list[int]:
    """The spaces PDFium made up between the letters of letter-spaced words on a page
    (pdftext.letter_spaces decides by the gaps they stand for); a space the PDF itself has
    is never one of them."""
    found: list[int] = []
    for run in pdftext.spaced_out(raw):
        gaps = {}
        for at in run:
            if pdfium_c.FPDFText_IsGenerated(textpage, at) != 1:
                continue
            before, after = textpage.get_charbox(at - 1), textpage.get_charbox(at + 1)
            size = pdfium_c.FPDFText_GetFontSize(textpage, at - 1) or before[3] - before[1]
            if size <= 0 or abs(after[1] - before[1]) > size / 2 or after[0] < before[0]:
                continue  # not the next letter on the same line, left to right
            gaps[at] = (after[0] - before[2]) / size
        found += pdftext.letter_spaces(gaps)
    return found


def join_pages(texts: list[str]) -> tuple[str, list[int]]:
    """The pages' texts, a blank line between pages that have text, and where each page
    starts (a page without text starts where the next one does)."""
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    for text in texts:
        if text and parts:
            parts.append("\n\n")
            at += 2
        starts.append(at)
        if text:
            parts.append(text)
            at += len(text)
    return "".join(parts), starts


def _no_text(path: Path, document: pypdfium2.PdfDocument) -> SourceImportError:
    """Why a PDF gave no text, in the words that tell the user what to do."""
    if not len(document):
        return SourceImportError(path, _("is not a readable PDF: it has no pages (its page "
                                         "tree may refer to itself)"))
    drawn = False
    for number in range(len(document)):
        page = document[number]
        try:
            drawn = pdfium_c.FPDFPage_CountObjects(page) > 0
        finally:
            page.close()
        if drawn:
            break
    if not drawn:
        return SourceImportError(path, _("is not a readable PDF: its pages have no readable "
                                         "contents"))
    return NeedsOcr(path, _(SCAN))


#: The share of a page an image must cover, on a page with next to no text, for it to be a
#: scan; the most words such a page has (a stamped number, a date: what a scanner or a
#: numbering tool writes on it); and the most objects a scanned page is drawn with (a scanner
#: draws one image, or a few).
SCANNED_AREA = 0.5
SCAN_WORDS = 8
_SCAN_OBJECTS = 1_000


def _scanned_pages(document: pypdfium2.PdfDocument, texts: list[str]) -> list[int]:
    """The pages (from 1) that are an image over most of the page with next to no text
    (none, or a stamped page number or date): scans, alone or among pages of text (an annex,
    a signed last page). Their words are in no text layer, and a search would miss them."""
    scanned = []
    for number, text in enumerate(texts, start=1):
        if len(text.split()) > SCAN_WORDS:
            continue
        page = document[number - 1]
        try:
            if pdfium_c.FPDFPage_CountObjects(page) > _SCAN_OBJECTS:
                continue  # a drawing of many parts, not a scanned page (and not read one by one)
            width, height = page.get_size()
            covered = max((_area(image.get_bounds()) for image in page.get_objects(
                filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])), default=0.0)
            if width * height and covered / (width * height) >= SCANNED_AREA:
                scanned.append(number)
        finally:
            page.close()
    return scanned


_DIGITS = re.compile(r"\d+")


def _stamped_alike(number: int, pages: list[str]) -> bool:
    """Whether page `number`'s few words, digits set aside, are on another page as well: a
    stamp every page carries, not a caption of its own."""
    words = _DIGITS.sub("#", " ".join(pages[number - 1].split()))
    return any(words in _DIGITS.sub("#", " ".join(text.split()))
               for other, text in enumerate(pages, start=1) if other != number and text)


def _area(bounds: tuple[float, float, float, float]) -> float:
    left, bottom, right, top = bounds
    return max(0.0, right - left) * max(0.0, top - bottom)


def _scanned_reason(pages: list[int], count: int) -> str:
    """Why a PDF with some scanned pages asks for OCR: which pages, in a line."""
    shown = ", ".join(str(page) for page in pages[:8]) + (", …" if len(pages) > 8 else "")
    return ngettext("page {pages} of {count} is a scan without text — OCR it with `--ocr`",
                    "pages {pages} of {count} are scans without text — OCR it with `--ocr`",
                    len(pages)).format(pages=shown, count=count)


def _check_unpacked_size(path: Path, data: bytes) -> None:
    """Refuse a PDF whose pages' contents unpack past the limit, or whose page tree refers
    to itself, before PDFium reads them. Counted by pypdf (PDFium does not say what a stream
    unpacks to); a file pypdf cannot read otherwise is left for PDFium to judge."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError
    from pypdf.filters import ZLIB_MAX_OUTPUT_LENGTH

    with _PypdfLog():
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                reader.decrypt("")
            unpacked = 0
            for page in reader.pages:
                unpacked += _contents_size(page)
                if unpacked > base.MAX_UNPACKED_BYTES:
                    raise SourceImportError(path, _("unpacks to more than {limit}; a PDF this "
                                                    "large should be split").format(
                        limit=base.megabytes(base.MAX_UNPACKED_BYTES)))
        except SourceImportError:
            raise
        except LimitReachedError as exc:  # pypdf's own cap on what one stream unpacks to
            limit = ZLIB_MAX_OUTPUT_LENGTH // 1_000_000
            raise SourceImportError(path, _("is not a readable PDF: a stream in it unpacks to "
                                            "more than {limit} MB").format(limit=limit)) from exc
        except Exception as exc:  # noqa: BLE001 - damaged for pypdf, perhaps not for PDFium
            if "cyclic" in str(exc).lower():
                raise SourceImportError(path, _("is not a readable PDF: its pages refer to "
                                                "themselves")) from exc


def _contents_size(page) -> int:
    """What a page's contents unpack to (pypdf's own limit refuses one stream past 75 MB)."""
    from pypdf.errors import LimitReachedError

    try:
        contents = page.get_contents()
        return len(contents.get_data()) if contents is not None else 0
    except LimitReachedError:
        raise
    except Exception:  # noqa: BLE001 - unreadable contents: PDFium finds nothing there either
        return 0


class _PypdfLog:
    """pypdf's warnings on a damaged file kept out of the log: PDFium reads the file."""

    def __enter__(self) -> None:
        self._logger = logging.getLogger("pypdf")
        self._level = self._logger.level
        self._logger.setLevel(logging.CRITICAL + 1)

    def __exit__(self, *exc_info: object) -> None:
        self._logger.setLevel(self._level)


def _metadata(document: pypdfium2.PdfDocument) -> tuple[str, str, str]:
    """Title, author and creation date (ISO) from the info dictionary, blank when missing or
    bad (a damaged trailer or a malformed date must not stop the text being imported)."""
    try:
        info = document.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - metadata is a nicety; the text is what counts
        return "", "", ""
    return (info.get("Title", "").strip(), info.get("Author", "").strip(),
            _iso_date(info.get("CreationDate", "")))


def _iso_date(value: str) -> str:
    """`D:20250203…` as 2025-02-03; a date that is no date as ""."""
    match = _DATE.match(value.strip())
    if not match or not match.group(3):
        return ""
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return ""


def _language(document: pypdfium2.PdfDocument) -> str:
    """The document language (`/Lang` in the catalogue), which many PDF writers set."""
    try:
        size = pdfium_c.FPDFCatalog_GetLanguage(document, None, 0)
        if size <= 2:
            return ""
        buffer = (ctypes.c_ushort * (size // 2))()
        pdfium_c.FPDFCatalog_GetLanguage(document, buffer, size)
        return bytes(buffer).decode("utf-16-le", errors="replace").rstrip("\x00").strip()
    except Exception:  # noqa: BLE001 - an odd catalogue: no language
        return ""
