"""Saved web pages (.html): the article text without menus and footers, and its metadata."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura

from desktop.domain.errors import SourceImportError
from desktop.services.importing.base import Extracted
from desktop.services.importing.text import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)

# Browsers read pages labelled Latin-1 or ASCII as windows-1252 (the WHATWG rule); so do we,
# or curly quotes and dashes in such pages would become control characters.
_LABEL_ALIASES = {"iso8859_1": "cp1252", "ascii": "cp1252"}

# Only dates the page states in its markup: htmldate's extensive search otherwise takes a
# year from text such as "© 2024" in the footer and reports it as 2024-01-01.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

_NOT_TEXT = ("script", "style", "noscript", "template")


def decode_html(path: Path, data: bytes) -> tuple[str, str]:
    """Decode a page by its BOM or `<meta charset>`, else as text of unknown encoding."""
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            # Named as charset-normalizer names codecs, so `encoding` reads the same for all.
            encoding = codecs.lookup(match.group(1).decode("ascii")).name.replace("-", "_")
            encoding = _LABEL_ALIASES.get(encoding, encoding)
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label is common; detection does better than giving up
    return decode_text(path, data)


def extract_html(path: Path, data: bytes) -> Extracted:
    """The main text as trafilatura finds it, falling back to all body text for odd pages."""
    markup, encoding = decode_html(path, data)
    try:
        # Parsed from UTF-8 bytes: lxml refuses a str that still carries an XML encoding line.
        tree = lxml.html.document_fromstring(
            markup.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except lxml.etree.ParserError as exc:  # only whitespace or comments: no element at all
        raise SourceImportError(path, "contains no text") from exc
    # Passing no URL and parsing a string keeps trafilatura offline.
    found = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )
    text = (found.text if found else "") or _body_text(tree)
    # trafilatura ends each table row with "| "; the trailing space is noise in quotes.
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return Extracted(
        text=text,
        media_type="text/html",
        title=(found and found.title) or (tree.findtext(".//title") or "").strip(),
        publisher=(found and found.sitename) or "",
        author=(found and found.author) or "",
        url=(found and found.url) or "",
        published=(found and found.date) or "",
        language=(tree.get("lang") or (found and found.language) or "").strip(),
        encoding=encoding,
    )


def _body_text(tree: lxml.html.HtmlElement) -> str:
    """All visible text of the page, for pages trafilatura finds no article in."""
    for element in list(tree.iter(*_NOT_TEXT)):
        element.drop_tree()
    body = tree.find("body")
    raw = (body if body is not None else tree).text_content()
    lines = (" ".join(line.split()) for line in raw.splitlines())
    return "\n".join(line for line in lines if line)
