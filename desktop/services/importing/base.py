"""What every importer returns, and the limits that apply to all of them."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

#: Largest source file accepted, in bytes. Case files stay portable and the text view stays
#: responsive; a bigger document should be split before import.
MAX_SOURCE_BYTES = 50 * 1024 * 1024

#: Most a file may unpack to (the parts of a .docx, the streams of a PDF, in bytes): the file
#: limit alone lets a few compressed megabytes grow to gigabytes in memory.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

#: Deepest element nesting and most elements read from a web page. The depth is libxml2's own
#: limit (in its "huge" mode): a page nested deeper is refused, never cut short.
MAX_HTML_DEPTH = 2048
MAX_HTML_ELEMENTS = 2_000_000

#: Most memory a parse in the reading process may take: past it the file is refused.
MAX_PARSE_MEMORY = 2 * 1024 * 1024 * 1024


#: Ligature characters (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) and the letters they stand for: every working copy spells
#: them out, so a search for "final" finds "ﬁnal" in a PDF, or in a Word file or page whose
#: text was copied from one (NFC leaves them as they are).
LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_LIGATURE = re.compile("[\ufb00-\ufb06]")


def megabytes(size: int) -> str:
    """A size limit as users read it: "100 MB"."""
    return f"{size // (1024 * 1024)} MB"


@dataclass
class Extracted:
    """Text and metadata extracted from one source file, before it is stored."""

    text: str
    media_type: str
    title: str = ""
    publisher: str = ""
    author: str = ""
    url: str = ""
    published: str = ""  # ISO 8601 date (YYYY-MM-DD) when the file carries one
    language: str = ""
    encoding: str = ""  # the detected text encoding, for text files
    extra: dict = field(default_factory=dict)
    #: Where each page starts in `text` (character offsets, the first 0); empty: no pages.
    pages: list[int] = field(default_factory=list)
    #: How the text was extracted: {"tool", "version", "method", …the tool's own keys}.
    extraction: dict = field(default_factory=dict)


def normalise_text(text: str) -> str:
    """Unicode NFC, `\\n` newlines and ligatures spelt out: done once at import, the text
    never changes after."""
    if not text:  # most files have no publisher or author to normalise
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = unicodedata.normalize("NFC", text)
    return _LIGATURE.sub(lambda found: LIGATURES[found.group()], text) if _LIGATURE.search(
        text) else text


def normalise_paged(text: str, pages: list[int]) -> tuple[str, list[int]]:
    """`normalise_text` page by page, and where each page starts in the result (a page's
    text can change length: CR LF becomes LF, a letter and its accent become one)."""
    if not pages:
        return normalise_text(text), []
    bounds = [*pages, len(text)]
    parts = [normalise_text(text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    starts, at = [], 0
    for part in parts:
        starts.append(at)
        at += len(part)
    return "".join(parts), starts


@functools.cache  # read from the installed metadata once per process, not once per file
def tool_version(distribution: str) -> str:
    """The installed version of a Python distribution, or "" when it cannot be told."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""
