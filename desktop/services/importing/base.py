"""What every importer returns, and the limits that apply to all of them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

#: Largest source file accepted, in bytes. Case files stay portable and the text view stays
#: responsive; a bigger document should be split before import.
MAX_SOURCE_BYTES = 50 * 1024 * 1024


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
