"""Plain text and Markdown sources, in whatever encoding the file was saved."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from desktop.domain.errors import SourceImportError
from desktop.services.importing.base import Extracted

#: Longest title taken from the first line; a first line that is a whole paragraph is cut.
MAX_TITLE_CHARS = 200

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32_le"),
    (codecs.BOM_UTF32_BE, "utf_32_be"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)

# Without a hint, charset-normalizer reads short Ukrainian KOI8-U as koi8_t (Tajik) and
# CP866 as cp1125, and cp1252 French as cp1257: garbled text. Sources here are Ukrainian,
# Russian or Western European, so the candidates are restricted to the encodings these
# are actually saved in; this list gets them all right on realistic paragraphs.
LIKELY_ENCODINGS = (
    "utf_8", "utf_16", "cp1251", "koi8_u", "koi8_r", "cp1252",
    "iso8859_1", "iso8859_5", "mac_cyrillic", "cp866",
)  # fmt: skip

_MD_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)(?:\s+#+)?\s*$")


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used: BOM, then UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(path, data[len(bom) :], encoding), encoding
    if b"\x00" in data:
        raise SourceImportError(path, "looks like a binary file, not text")
    try:
        return data.decode("utf_8"), "utf_8"
    except UnicodeDecodeError:
        pass
    # Only when the likely encodings all fail (say cp1250 Polish) is every codec tried.
    best = from_bytes(data, cp_isolation=list(LIKELY_ENCODINGS)).best() or from_bytes(data).best()
    if best is None:
        raise SourceImportError(path, "looks like a binary file, not text")
    return str(best), best.encoding


def _decode(path: Path, data: bytes, encoding: str) -> str:
    """Decode strictly: a BOM followed by undecodable bytes is a damaged file, not text."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceImportError(path, f"is not valid {encoding} text despite its BOM") from exc


def first_line_title(text: str) -> str:
    """The first non-empty line, cut at a word boundary so a paragraph does not become a title."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= MAX_TITLE_CHARS:
        return line
    cut = line[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def markdown_title(text: str) -> str:
    """The first `# heading`, else the first non-empty line, as a Markdown file's title."""
    for line in text.splitlines():
        match = _MD_HEADING.match(line)
        if match:
            return first_line_title(match.group(1))
    return first_line_title(text)


def extract_txt(path: Path, data: bytes) -> Extracted:
    """A `.txt` file: its whole text, titled by its first line."""
    text, encoding = decode_text(path, data)
    return Extracted(
        text=text, media_type="text/plain", title=first_line_title(text), encoding=encoding
    )


def extract_markdown(path: Path, data: bytes) -> Extracted:
    """A `.md` file, kept as written (markup included) so quotes match the original."""
    text, encoding = decode_text(path, data)
    return Extracted(
        text=text, media_type="text/markdown", title=markdown_title(text), encoding=encoding
    )
