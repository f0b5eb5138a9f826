"""PDF documents: the text layer of every page, for PDFs that were made from text."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from pypdf import PasswordType, PdfReader

from desktop.domain.errors import SourceImportError
from desktop.services.importing.base import Extracted


def extract_pdf(path: Path, data: bytes) -> Extracted:
    """Page texts separated by a blank line; a scanned or locked PDF is refused, not emptied."""
    try:
        reader = PdfReader(io.BytesIO(data))
        _unlock(path, reader)
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except SourceImportError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files, not only PdfReadError
        raise SourceImportError(path, "is not a readable PDF") from exc
    if not any(pages):
        raise SourceImportError(path, "has no text layer (a scanned PDF?); run OCR first")
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
    """Title, author and creation date from the info dictionary, blank when missing or bad."""
    info = reader.metadata
    if info is None:
        return "", "", None
    try:
        created = info.creation_date
    except Exception:  # a malformed date string must not stop the text being imported
        created = None
    return str(info.title or "").strip(), str(info.author or "").strip(), created


def _language(reader: PdfReader) -> str:
    """The document language (`/Lang` in the catalogue), which many PDF writers set."""
    try:
        return str(reader.trailer["/Root"].get("/Lang") or "").strip()
    except Exception:
        return ""
