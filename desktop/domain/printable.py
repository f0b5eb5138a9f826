"""Names and texts as they may be shown on one line, in a terminal or in the window's lists.

A file name or a title comes from outside and can hold anything: a newline that starts a
forged "imported S-999" line, an escape sequence that recolours or rewrites the terminal, a
right-to-left override that shows "cod.exe" as "exe.doc". Everything that reaches output
passes through `printable`, which writes such characters out (\\n, \\x1b, \\u202e) so the
reader sees what is there. Letters, digits, punctuation and spaces of every script are kept.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides, isolates and marks; the zero-width joiners are kept: Persian and
# Indic names are spelled with them.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_KEPT_FORMAT = "\u200c\u200d"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SUSPECT = re.compile(r"[^\x20-\x7e\u00a0-\u00ac\u00ae-\u05ff]")  # the fast path: plain text


def _escaped(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _hidden(char: str) -> bool:
    """Whether `char` changes how the line around it is shown instead of being seen."""
    if char in _BIDI:
        return True
    category = unicodedata.category(char)
    return category in ("Cc", "Zl", "Zp", "Cs", "Co", "Cn") or (
        category == "Cf" and char not in _KEPT_FORMAT)


def printable(text: object) -> str:
    """`text` (a name, a path, a title) with every control, bidi and escape character written
    out as an escape, so it shows as one line that says what it holds."""
    text = str(text)
    if not _SUSPECT.search(text):
        return text
    return "".join(_escaped(c) if _hidden(c) else c for c in text)
