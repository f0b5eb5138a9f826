"""Page numbers in the dossier's table of contents, read from a rendition made for them.

Only a renderer knows the page a heading falls on. When the user asks for the PDF too, the
export renders the dossier it has built in memory to a scratch PDF first (LibreOffice, as
`rendition` does: the indexes updated, the headings exported as PDF bookmarks), reads each
heading's page from that PDF's outline (pypdf), and writes the numbers into the contents'
entries: after each entry's link a tab (the TOC styles' right-aligned, dotted stop) and the
number, plain text of the field's result, so Word and LibreOffice can still update the field.

The numbers are taken only when every entry is found in the outline, in document order and by
its text, on pages that never go back; otherwise, or without LibreOffice, or when it fails or
is cancelled, the contents keep their entries without numbers: never a wrong number.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

Cancelled = Callable[[], bool]

_ENTRY = './w:p[w:hyperlink[starts-with(@w:anchor, "_Toc")]]'
_SPACES = {qn("w:tab"), qn("w:br"), qn("w:cr")}
_HYPHENS = {qn("w:noBreakHyphen"), qn("w:softHyphen")}


def number_contents(document: Document, *, cancelled: Cancelled | None = None) -> bool:
    """Give every entry of `document`'s contents the page its heading starts on, as a scratch
    rendition shows it; False (and the document unchanged) when the pages cannot be known."""
    entries = entries_of(document)
    if not entries:
        return False
    from desktop.services import rendition  # noqa: PLC0415 — only an export with a PDF

    if rendition.soffice() is None:
        return False
    try:
        with tempfile.TemporaryDirectory(prefix="casefile-contents-") as scratch:
            source = Path(scratch) / "dossier.docx"
            document.save(str(source))
            made = rendition.render_pdf(source, Path(scratch) / "dossier.pdf", pdfa=False,
                                        cancelled=cancelled)
            outline = outline_pages(made.path)
    except (rendition.RenditionError, OSError):  # no LibreOffice run, no room for the scratch
        return False
    pages = match([entry_text(p) for p in entries], outline)
    if pages is None:
        return False
    for p, page in zip(entries, pages, strict=True):
        link = p.find(qn("w:hyperlink"))
        link.addnext(parse_xml(f'<w:r {nsdecls("w")}><w:tab/><w:t>{page}</w:t></w:r>'))
    return True


def entries_of(document: Document) -> list:
    """The paragraphs of the contents' entries, in order: those linking to a _Toc bookmark."""
    return document.element.body.xpath(_ENTRY)


def entry_text(p) -> str:
    """What an entry's link reads (its heading's words)."""
    link = p.find(qn("w:hyperlink"))
    parts = []
    for element in link.iter():
        if element.tag == qn("w:t"):
            parts.append(element.text or "")
        elif element.tag in _SPACES:
            parts.append(" ")
        elif element.tag in _HYPHENS:
            parts.append("-")
    return "".join(parts)


def outline_pages(pdf: Path) -> list[tuple[str, int]]:
    """The PDF's bookmarks in document order: (title, page number counted from 1). Empty when
    the PDF cannot be read (the contents then stay without numbers)."""
    import pypdf  # noqa: PLC0415 — heavy, and only for an export with a PDF

    try:
        reader = pypdf.PdfReader(str(pdf))
        found: list[tuple[str, int]] = []
        _walk(reader, reader.outline, found)
    except Exception:  # noqa: BLE001 — a scratch PDF that cannot be read only costs the numbers
        return []
    return found


def _walk(reader, items, found: list[tuple[str, int]]) -> None:
    for item in items:
        if isinstance(item, list):
            _walk(reader, item, found)
            continue
        page = reader.get_destination_page_number(item)
        if page is not None and page >= 0:
            found.append((str(item.title or ""), page + 1))


def _key(text: str) -> str:
    """Text compared without case, spacing, punctuation or hyphens of any kind."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).casefold()


def match(entries: Sequence[str], outline: Sequence[tuple[str, int]]) -> list[int] | None:
    """The page of each entry: the next bookmark of the same text, in order; None when an entry
    has none, or when the pages would go back (the outline is not this contents')."""
    pages: list[int] = []
    at = 0
    for text in entries:
        key = _key(text)
        while at < len(outline) and _key(outline[at][0]) != key:
            at += 1
        if not key or at == len(outline):
            return None
        page = outline[at][1]
        if pages and page < pages[-1]:
            return None
        pages.append(page)
        at += 1
    return pages
