"""Plain text and Markdown sources, in whatever encoding the file was saved."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from desktop.domain.errors import SourceImportError
from desktop.services.importing.base import Extracted
from desktop.services.words import N_, _

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

# A line that charset-normalizer's mess measure puts at or over this reads as garbled: letters
# of one alphabet mixed with another's, accents on the wrong letters (its own default cut-off).
_GARBLED = 0.2
# Lines checked per file, and characters per line: enough to find a pasted-in paragraph, and
# linear in the size of the file whatever it holds.
_LINES_CHECKED, _LINE_SAMPLE = 20_000, 2_000
_SAVE_AGAIN = N_("save it in one encoding and import it again")

_MD_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)(?:\s+#+)?\s*$")


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used: BOM, then UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(path, data[len(bom) :], encoding), encoding
    if b"\x00" in data:
        wide = _wide_text(data)
        if wide is None:
            raise SourceImportError(path, _("looks like a binary file, not text"))
        return wide
    try:
        return data.decode("utf_8"), "utf_8"
    except UnicodeDecodeError:
        pass
    _refuse_utf8_mixed_in(path, data)
    # Only when the likely encodings all fail (say cp1250 Polish) is every codec tried.
    best = from_bytes(data, cp_isolation=list(LIKELY_ENCODINGS)).best() or from_bytes(data).best()
    if best is None:
        raise SourceImportError(path, _("looks like a binary file, not text"))
    text = str(best)
    garbled = _garbled_line(text)
    if garbled:
        raise SourceImportError(path, _("mixes text encodings: line {line} does not read as "
                                        "{encoding} like the rest; {advice}").format(
            line=garbled, encoding=best.encoding, advice=_(_SAVE_AGAIN)))
    return text, best.encoding


# Without a BOM, a wide encoding is told by where its zero bytes fall; the longer units first,
# as UTF-32 text read as UTF-16 gives NUL characters, which no text has.
_WIDE = (("utf_32_le", 4), ("utf_32_be", 4), ("utf_16_le", 2), ("utf_16_be", 2))
#: The share of characters that must be letters, digits, punctuation, symbols or spaces, with
#: one line or word break at least per this many characters: how a binary file, which
#: decodes as UTF-16 often enough (random pairs of bytes are mostly CJK and Hangul), is told.
_PLAIN_SHARE, _BREAK_EVERY = 0.98, 100
_TEXT_CATEGORIES = frozenset("LNPSZ")


def _wide_text(data: bytes) -> tuple[str, str] | None:
    """Text in UTF-16 or UTF-32 saved without a byte-order mark, when it reads as text."""
    for encoding, unit in _WIDE:
        if len(data) % unit:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            return text, encoding
    return None


def _plausible_text(text: str) -> bool:
    """Whether decoded characters read as a text: no NULs or control characters but line
    ends and tabs, almost all of them assigned letters, digits, punctuation and spaces, and
    broken into words or lines (a run of a hundred letters without a space is no text)."""
    if "\x00" in text:
        return False
    sample = text[:_LINES_CHECKED * 10]
    plain = sum(1 for ch in sample if ch in "\t\n\r\f"
                or unicodedata.category(ch)[0] in _TEXT_CATEGORIES)
    breaks = sum(1 for ch in sample if ch.isspace())
    return plain >= _PLAIN_SHARE * len(sample) and breaks * _BREAK_EVERY >= len(sample)


def _garbled_line(text: str) -> int | None:
    """The number of the first line that reads as garbled in this decoding, or None."""
    checked = 0
    for number, line in enumerate(text.split("\n"), 1):
        # Symbols alone (`code`, "1 € = 40 ₴") can look messy: only lines with words count.
        if line.isascii() or sum(ch.isalpha() and not ch.isascii() for ch in line) < 8:
            continue
        if mess_ratio(line[:_LINE_SAMPLE], _GARBLED) >= _GARBLED:
            return number
        checked += 1
        if checked == _LINES_CHECKED:
            break
    return None


def _refuse_utf8_mixed_in(path: Path, data: bytes) -> None:
    """Refuse a text that is not UTF-8 as a whole but has UTF-8 lines: pieces pasted together
    from files saved in different encodings, which no single decoding reads."""
    utf8_line = other_line = 0
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            decoded = line.decode("utf_8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            # Two letters at least: a legacy line with one byte pair that happens to be
            # valid UTF-8 (cp1251 "О»") is not taken for UTF-8.
            if sum(not ch.isascii() for ch in decoded) >= 2:
                utf8_line = utf8_line or number
        if utf8_line and other_line:
            raise SourceImportError(path, _("mixes text encodings: line {utf8} is UTF-8, line "
                                            "{other} is not; {advice}").format(
                utf8=utf8_line, other=other_line, advice=_(_SAVE_AGAIN)))


def _decode(path: Path, data: bytes, encoding: str) -> str:
    """Decode strictly: a BOM followed by undecodable bytes is a damaged file, not text."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceImportError(path, _("is not valid {encoding} text despite its BOM").format(
            encoding=encoding)) from exc


#: A date a saved page or a copied text puts before its first sentence ("date 2025-02-03",
#: "Дата: 03.02.2025", "2025-02-03 |"): not part of a title.
_LEADING_DATE = re.compile(
    r"^\W*(?:(?:date|dated|дата|від|от)\b\W*)?"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:[ T]\d{1,2}:\d{2})?[\s|:,–—-]*",
    re.IGNORECASE)
#: A first line longer than this is a paragraph: its first sentence is the title.
_PARAGRAPH = 120
_SENTENCE_END = re.compile(r"(?<=[^\s.]{3})[.!?…](?=\s+[\w“\"«(])")


_FIRST_WORD = re.compile(r"\S")
#: What ends a line for str.splitlines (each of these characters is also white space).
_LINE_END = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _first_line(text: str) -> str:
    """The first non-empty line, stripped ("" for none), as splitlines would give it, found
    without splitting the whole text into its lines: the line that holds the first character
    that is not white space, from that character to the line's end."""
    first = _FIRST_WORD.search(text)
    if first is None:
        return ""
    end = _LINE_END.search(text, first.start())
    return text[first.start():end.start() if end else len(text)].strip()


def first_line_title(text: str) -> str:
    """The first non-empty line, without a date put before it; a line that is a paragraph
    gives its first sentence, cut at a word boundary if still too long."""
    line = _first_line(text)
    undated = _LEADING_DATE.sub("", line, count=1).strip()
    if undated and undated != line and len(undated) >= 8:
        line = undated
    if len(line) > _PARAGRAPH:
        end = _SENTENCE_END.search(line)
        if end is not None and end.start() >= 20:
            line = line[:end.start() + 1]
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
