"""What every importer returns, and the limits that apply to all of them."""

from __future__ import annotations

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


def normalise_text(text: str) -> str:
    """Unicode NFC and `\\n` newlines: done once at import, the text never changes after."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", text)
