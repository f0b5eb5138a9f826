"""PDF documents: the text layer of every page, for PDFs that were made from text."""

from __future__ import annotations

import io
import logging
from datetime import datetime
from pathlib import Path

from pypdf import PasswordType, PdfReader
from pypdf.errors import LimitReachedError
from pypdf.filters import ZLIB_MAX_OUTPUT_LENGTH

from desktop.domain.errors import NeedsOcr, SourceImportError
from desktop.services.importing import base
from desktop.services.importing.base import Extracted
from desktop.services.words import N_, _


def extract_pdf(path: Path, data: bytes) -> Extracted:
    """Page texts separated by a blank line; a scanned or locked PDF is refused, not emptied."""
    with _PypdfWarnings() as warnings:
        try:
            reader = PdfReader(io.BytesIO(data))
            _unlock(path, reader)
            pages, drawn = _page_texts(path, reader)
        except SourceImportError:
            raise
        except LimitReachedError as exc:  # pypdf's own cap on what one stream unpacks to
            limit = ZLIB_MAX_OUTPUT_LENGTH // 1_000_000
            raise SourceImportError(path, f"is not a readable PDF: a stream in it unpacks to "
                                          f"more than {limit} MB") from exc
        except Exception as exc:  # pypdf raises many types on damaged files
            reason = ": its pages refer to themselves" if "cyclic" in str(exc).lower() else ""
            raise SourceImportError(path, f"is not a readable PDF{reason}") from exc
    if not any(pages):
        reason = _why_no_text(pages, drawn, warnings.messages)
        if reason == SCAN:
            raise NeedsOcr(path, _(SCAN))
        raise SourceImportError(path, reason)
    title, author, created = _metadata(reader)
    return Extracted(
        text="\n\n".join(page for page in pages if page),
        media_type="application/pdf",
        title=title,
        author=author,
        published=created.date().isoformat() if created else "",
        language=_language(reader),
        extra={"pages": len(pages)},
    )


def _page_texts(path: Path, reader: PdfReader) -> tuple[list[str], bool]:
    """Each page's text, and whether any page draws anything (a scan draws its image).

    What the pages' contents unpack to is added up before any text is read (pypdf keeps them
    once unpacked), and a PDF past the limit is refused without reading it further.
    """
    unpacked = drawn = 0
    for page in reader.pages:
        size = _contents_size(page)
        drawn, unpacked = drawn or size, unpacked + size
        if unpacked > base.MAX_UNPACKED_BYTES:
            raise SourceImportError(path, f"unpacks to more than "
                                          f"{base.megabytes(base.MAX_UNPACKED_BYTES)}; "
                                          "a PDF this large should be split")
    return [(page.extract_text() or "").strip() for page in reader.pages], bool(drawn)


def _contents_size(page) -> int:
    """What a page's contents unpack to (pypdf's own limit refuses one stream past 75 MB)."""
    try:
        contents = page.get_contents()
        return len(contents.get_data()) if contents is not None else 0
    except LimitReachedError:
        raise
    except Exception:  # unreadable contents: extract_text finds nothing in them either
        return 0


#: Why a PDF whose pages draw but hold no text is refused (NeedsOcr: OCR reads it).
SCAN = N_("is a scan without text — OCR it with `--ocr`")


def _why_no_text(pages: list[str], drawn: bool, warnings: list[str]) -> str:
    """Why a PDF gave no text, in the words that tell the user what to do."""
    if not pages:
        return "is not a readable PDF: it has no pages (its page tree may refer to itself)"
    if any("cyclic" in message.lower() for message in warnings):
        return "is not a readable PDF: its pages or drawings refer to themselves"
    if not drawn:
        return "is not a readable PDF: its pages have no readable contents"
    return SCAN


class _PypdfWarnings(logging.Handler):
    """The warnings pypdf logs while a file is read, which say what is wrong with it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> _PypdfWarnings:
        logging.getLogger("pypdf").addHandler(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        logging.getLogger("pypdf").removeHandler(self)


def _unlock(path: Path, reader: PdfReader) -> None:
    """Open a PDF encrypted only against editing (empty user password); refuse any other."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # an unsupported cipher is as locked, to the user, as a password
        unlocked = False
    if not unlocked:
        raise SourceImportError(
            path, "is an encrypted PDF; remove the password and import it again"
        )


def _metadata(reader: PdfReader) -> tuple[str, str, datetime | None]:
    """Title, author and creation date from the info dictionary, blank when missing or bad
    (a damaged trailer or a malformed date must not stop the text being imported)."""
    try:
        info = reader.metadata
    except Exception:
        return "", "", None
    if info is None:
        return "", "", None
    try:
        created = info.creation_date
    except Exception:
        created = None
    try:
        return str(info.title or "").strip(), str(info.author or "").strip(), created
    except Exception:
        return "", "", created


def _language(reader: PdfReader) -> str:
    """The document language (`/Lang` in the catalogue), which many PDF writers set."""
    try:
        return str(reader.trailer["/Root"].get("/Lang") or "").strip()
    except Exception:
        return ""
