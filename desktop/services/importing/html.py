"""Saved web pages (.html): the article text without menus and footers, and its metadata."""

from __future__ import annotations

import codecs
import copy
import re
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura
from charset_normalizer.md import mess_ratio

from desktop.domain.errors import SourceImportError
from desktop.services.importing import base, page_facts
from desktop.services.importing.base import Extracted
from desktop.services.importing.text import decode_text
from desktop.services.words import _

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)

# Browsers read pages labelled Latin-1 or ASCII as windows-1252 (the WHATWG rule); so do we,
# or curly quotes and dashes in such pages would become control characters.
_LABEL_ALIASES = {"iso8859_1": "cp1252", "ascii": "cp1252"}

# Only dates the page states in its markup: htmldate's extensive search otherwise takes a
# year from text such as "© 2024" in the footer and reports it as 2024-01-01.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

_NOT_TEXT = ("script", "style", "noscript", "template")

#: Pages with more elements than this are read by `_page_text`, not trafilatura (measured:
#: trafilatura reads about 25,000 elements a second; `_page_text` a million).
TRAFILATURA_ELEMENTS = 50_000
#: Pages nested deeper than this are read by `_page_text`: trafilatura drops text below the
#: depth its own parser reads (libxml2's default, 256 levels), even when handed the tree.
TRAFILATURA_DEPTH = 250

_BLOCKS = ("address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl",
           "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
           "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul")
# Private-use characters mark the breaks while the text is joined and its whitespace collapsed.
_LINE_END, _CELL_END = "\ue000", "\ue001"


def decode_html(path: Path, data: bytes, declared: str = "") -> tuple[str, str]:
    """Decode a page by its BOM or `<meta charset>` (else the charset its HTTP response or
    its capture `declared`), else as text of unknown encoding.

    A label is a claim, and often a wrong one: a page whose `<meta>` could be read as ASCII
    is not UTF-16 or UTF-32 whatever it says (the WHATWG rule), valid UTF-8 with non-ASCII
    letters is UTF-8, and a label whose text reads as garbled gives way to detection.
    """
    match = _META_CHARSET.search(data[:4096])
    label = match.group(1).decode("ascii") if match else declared
    if label and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            # Named as charset-normalizer names codecs, so `encoding` reads the same for all.
            encoding = codecs.lookup(label).name.replace("-", "_")
            encoding = _LABEL_ALIASES.get(encoding, encoding)
            if not encoding.startswith(_WIDE) and not _is_utf8(data):
                markup = data.decode(encoding)
                if not _reads_garbled(markup):
                    return markup, encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label is common; detection does better than giving up
    return decode_text(path, data)


_WIDE = ("utf_16", "utf_32")
_TAG = re.compile(r"<[^>]*>")
# A page's words (tags removed from its first 256 KB) read through a wrong label score over
# this on charset-normalizer's mess measure (koi8-r read as cp1251: 0.15; right labels: 0).
_GARBLED_PAGE, _PAGE_SAMPLE = 0.1, 256 * 1024


def _reads_garbled(markup: str) -> bool:
    """Whether a page's words, decoded by its label, read as garbled."""
    words = _TAG.sub(" ", markup[:_PAGE_SAMPLE])
    return not words.isascii() and mess_ratio(words, 1.0) > _GARBLED_PAGE


def _is_utf8(data: bytes) -> bool:
    """Whether bytes with non-ASCII letters are valid UTF-8 (never so by chance in cp1251)."""
    if data.isascii():
        return False
    try:
        data.decode("utf_8")
    except UnicodeDecodeError:
        return False
    return True


def extract_html(path: Path, data: bytes) -> Extracted:
    """A saved page's main text and what the page says of itself."""
    return read_page(path, data)


def read_page(path: Path, data: bytes, charset: str = "") -> Extracted:
    """The main text as trafilatura finds it (furniture dropped first), falling back to all
    body text for odd pages; the page's own URL and publication date (`page_facts`).
    `charset` is what a capture's HTTP response declared, for a page without `<meta>`."""
    markup, encoding = decode_html(path, data, charset)
    tree = parse_page(path, markup)
    elements, depth = _shape(tree)
    if elements > TRAFILATURA_ELEMENTS or depth > TRAFILATURA_DEPTH:
        # trafilatura takes seconds per 100,000 elements, and drops text nested deeper than
        # its own parser reads; such a page (a register of thousands of tables, an old page
        # of unclosed tags) is read whole, in linear time, with its table cells kept apart.
        found = trafilatura.extract_metadata(_head_only(tree), date_config=_DATE_PARAMS)
        text = _page_text(tree)
    else:
        page_facts.drop_furniture(tree)
        # Handed the parsed tree, which it copies. No URL keeps it offline.
        found = trafilatura.bare_extraction(
            tree,
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
        url=page_facts.page_url(tree),
        published=page_facts.published_date(tree, (found and found.date) or ""),
        language=(tree.get("lang") or (found and found.language) or "").strip(),
        encoding=encoding,
    )


def parse_page(path: Path, markup: str) -> lxml.html.HtmlElement:
    """The page's element tree, whole: a page nested deeper than libxml2 reads (2,048 levels,
    in its "huge" mode; 256 otherwise) or with too many elements is refused, never cut short."""
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True,
                                  remove_pis=True)
    try:
        # Parsed from UTF-8 bytes: lxml refuses a str that still carries an XML encoding line.
        tree = lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)
    except lxml.etree.ParserError as exc:  # only whitespace or comments: no element at all
        raise SourceImportError(path, _("contains no text")) from exc
    except lxml.etree.XMLSyntaxError as exc:  # how libxml2 says it ran out of memory
        raise SourceImportError(path, _("could not be parsed as a web page: too large for the "
                                        "memory Casefile allows, or damaged")) from exc
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise SourceImportError(path, _("is nested more than {depth} levels deep (unclosed "
                                        "tags?); it cannot be read whole").format(
            depth=f"{base.MAX_HTML_DEPTH:,}"))
    if sum(1 for _element in tree.iter()) > base.MAX_HTML_ELEMENTS:
        raise SourceImportError(path, _("has more than {limit} elements; a page this large "
                                        "should be split").format(
            limit=f"{base.MAX_HTML_ELEMENTS:,}"))
    return tree


def _shape(tree: lxml.html.HtmlElement) -> tuple[int, int]:
    """How many elements the page has, and how deep they nest (one pass, no recursion)."""
    elements = depth = deepest = 0
    for event, _element in lxml.etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            elements += 1
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return elements, deepest


def _head_only(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the page with its head and an empty body: where a large page's metadata is."""
    page = lxml.html.document_fromstring("<html><body></body></html>")
    head = tree.find("head")
    if head is not None:
        page.insert(0, copy.deepcopy(head))
    return page


def _page_text(tree: lxml.html.HtmlElement) -> str:
    """All visible text of a large page in linear time: a line per block and table row, cells
    separated by tabs (as a Word table is imported), whitespace collapsed as a browser does."""
    for element in list(tree.iter(*_NOT_TEXT)):
        element.drop_tree()
    for cell in tree.iter("td", "th"):
        cell.tail = _CELL_END + (cell.tail or "")
    for block in tree.iter(*_BLOCKS):
        block.tail = _LINE_END + (block.tail or "")
    body = tree.find("body")
    raw = " ".join((body if body is not None else tree).text_content().split())
    lines = ("\t".join(cell.strip() for cell in line.split(_CELL_END)).strip()
             for line in raw.split(_LINE_END))
    return "\n".join(line for line in lines if line)


def _body_text(tree: lxml.html.HtmlElement) -> str:
    """All visible text of the page, for pages trafilatura finds no article in."""
    for element in list(tree.iter(*_NOT_TEXT)):
        element.drop_tree()
    body = tree.find("body")
    raw = (body if body is not None else tree).text_content()
    lines = (" ".join(line.split()) for line in raw.splitlines())
    return "\n".join(line for line in lines if line)
