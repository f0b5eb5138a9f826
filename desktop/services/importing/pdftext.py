"""A PDF page's text made fit to search and quote: what the PDF library reads, cleaned.

The library (PDFium, see importing/pdf) gives a page's characters in reading order, each at an
index of its own. Here they become the working copy's text, and each character of it keeps
the index of the PDF character it came from, so a span of the text can be found on the page
again (services/pages draws its boxes):

- line ends are `\\n`; control characters, soft hyphens and the library's markers are dropped;
- ligature characters (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) are spelt out: a search for "difficult" finds "diﬃcult";
- a word whose every letter was drawn several times over (bold by overprinting:
  `TTTTeeeesssstttt`) is read once;
- a letter-spaced line (a heading set with expanded spacing, `П О С Т А Н О В А`) is read as
  its words: the spaces PDFium made up between its letters go, those as wide as a word space
  more stay;
- a word hyphenated at a line end is joined when the joined word is a word ("dan- gerous"),
  and keeps its hyphen when it is a compound ("well- known"). What decides, in order: how the
  document itself writes the word elsewhere, the Ukrainian and Russian dictionaries (pymorphy3),
  an English word list (english-words' web2), and whether both halves are words on their own.

No PDF library is imported here; the dictionaries load when a hyphen needs them.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Collection, Iterable, Iterator

from desktop.services.importing.base import LIGATURES

#: PDFium's mark for a hyphen it found at a line end (the line break itself is left out).
_HYPHEN = "\ufffe"  # how a line-end hyphen is held here until it is decided
#: What cleaning changes: CR (LF after it), PDFium's hyphen marks, ligatures, control
#: characters but LF and tab, soft hyphens, BOMs, zero-width spaces, noncharacters, lone
#: surrogates.
_SPECIAL = re.compile("\r\n?|[\x02\ufffe\uffff\u00ad\ufeff\u200b\ufb00-\ufb06"
                      "\x00-\x01\x03-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_WORD = re.compile(r"\w+")
#: A word whose every letter is drawn four, three or two times over (two: three letters or
#: more, as some words double a letter or two).
_OVERPRINTED = re.compile(r"\b(?=(\w)\1)(?:(?:(\w)\2\2\2){2,}|(?:(\w)\3\3){2,}|"
                          r"(?:(\w)\4){3,})\b")
_HYPHENATED = re.compile(r"(?<![\w-])(\w+)-(\w+)(?![\w-])")
#: Four characters or more, each alone between single spaces: how a letter-spaced line reads.
_SPACED = re.compile(r"(?<!\S)\S(?: \S){3,}(?!\S)")
#: How much wider than a letter-spaced line's usual gap (in ems of its font) a gap must be to
#: be a space between words: a word space is a quarter to a third of an em.
WORD_GAP = 0.2
#: The widest gap (in ems) a letter-spaced word keeps between its letters: single characters
#: further apart are a table's cells or columns ("3  5  2  7" counted per district), which
#: joined would read as another word or another number ("3527").
LETTER_GAP = 1.0
_BREAKS = re.compile("\ufffe|-[ \t]*\n")


class Text:
    """A page's text, and for each of its characters the index in the page's raw text of the
    character it came from."""

    __slots__ = ("index", "text")

    def __init__(self, text: str, index: list[int]) -> None:
        self.text, self.index = text, index

    def replaced(self, spans: list[tuple[int, int, str, list[int]]]) -> Text:
        """The text with each (start, end) replaced by a text and its indices, in order."""
        if not spans:
            return self
        parts, indices, at = [], [], 0
        for start, end, text, index in spans:
            parts += (self.text[at:start], text)
            indices += self.index[at:start]
            indices += index
            at = end
        parts.append(self.text[at:])
        indices += self.index[at:]
        return Text("".join(parts), indices)

    def stripped(self) -> Text:
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return Text(self.text[start:end], self.index[start:end]) if start or end < len(
            self.text) else self


def spaced_out(raw: str) -> Iterator[range]:
    """Where the spaces of each run of a page's raw text that reads as letter-spaced are."""
    for match in _SPACED.finditer(raw):
        yield range(match.start() + 1, match.end(), 2)


def letter_spaces(gaps: dict[int, float]) -> list[int]:
    """Of the spaces PDFium made up in a letter-spaced run (index → the gap between the
    letters beside it, in ems), those inside a word: no wider than the run's usual gap plus
    less than a word space, and never wider than `LETTER_GAP`. Three gaps at least, or it is
    no run to judge by."""
    if len(gaps) < 3:
        return []
    widest = min(statistics.median(gaps.values()) + WORD_GAP, LETTER_GAP)
    return [index for index, gap in gaps.items() if gap <= widest]


def clean(raw: str, letter_spaced: Collection[int] = ()) -> Text:
    """A page's raw text cleaned of control characters and ligatures, CR LF as LF, line-end
    hyphens marked, overprints read once, and the spaces at `letter_spaced` (letter_spaces)
    left out; each character beside its index in `raw`."""
    spans = [(at, at + 1, "", []) for at in letter_spaced]
    for match in _SPECIAL.finditer(raw):
        char, start = match.group(), match.start()
        if char[0] == "\r":
            spans.append((start, match.end(), "\n", [match.end() - 1]))
        elif char in ("\x02", _HYPHEN):
            spans.append((start, start + 1, _HYPHEN, [start]))
        elif char in LIGATURES:
            spans.append((start, start + 1, LIGATURES[char], [start] * len(LIGATURES[char])))
        else:
            spans.append((start, start + 1, "", []))
    spans.sort()
    return _collapse_overprints(Text(raw, list(range(len(raw)))).replaced(spans))


def _collapse_overprints(text: Text) -> Text:
    spans = []
    for match in _OVERPRINTED.finditer(text.text):
        start, end = match.span()
        times = next(t for t, g in zip((4, 3, 2), match.groups()[1:], strict=True) if g)
        spans.append((start, end, match.group()[::times], text.index[start:end:times]))
    return text.replaced(spans)


class Evidence:
    """How a document writes its words: the words it has, and those it hyphenates mid-line."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.words: set[str] = set()
        self.hyphenated: set[str] = set()
        for text in texts:
            lowered = text.lower()
            self.words.update(_WORD.findall(lowered.replace(_HYPHEN, " ")))
            self.hyphenated.update(f"{a}-{b}" for a, b in _HYPHENATED.findall(lowered))


def join_hyphens(text: Text, evidence: Evidence) -> Text:
    """Each line-end hyphen decided: the word joined, or its hyphen kept (`-`).

    A hyphen PDFium did not mark (a `-` ending a line before a letter) is decided the same
    way; the line break goes when the word is joined and stays when the hyphen is kept.
    """
    spans = []
    value = text.text
    for match in _BREAKS.finditer(value):
        start, end = match.span()
        marked = match.group() == _HYPHEN
        left = _word_before(value, start)
        right = _word_after(value, end)
        if not marked and not (left and right):
            continue
        if left and right and joins(left, right, evidence):
            spans.append((start, end, "", []))
        elif marked:
            spans.append((start, end, "-", [text.index[start]]))
    return text.replaced(spans)


def join_across_pages(pages: list[Text], evidence: Evidence) -> list[Text]:
    """A word hyphenated at the end of a page joined, when it is one word, at the end of that
    page (its letters from the next page have no place on this one: index -1)."""
    pages = list(pages)
    for number in range(len(pages) - 1):
        this, after = pages[number], pages[number + 1]
        if not this.text.endswith("-"):
            continue
        left = _word_before(this.text, len(this.text) - 1)
        right = _word_after(after.text, 0)
        if left and right and right[0].islower() and joins(left, right, evidence):
            pages[number] = Text(this.text[:-1] + right, [*this.index[:-1], *[-1] * len(right)])
            pages[number + 1] = Text(after.text[len(right):], after.index[len(right):]).stripped()
    return pages


def _word_before(text: str, at: int) -> str:
    start = at
    while start and text[start - 1].isalpha():
        start -= 1
    return text[start:at]


def _word_after(text: str, at: int) -> str:
    end = at
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[at:end]


def joins(left: str, right: str, evidence: Evidence) -> bool:
    """Whether `left` + `right`, broken by a line-end hyphen, are one word (else a compound)."""
    joined, compound = (left + right).lower(), f"{left}-{right}".lower()
    if compound in evidence.hyphenated:
        return False
    if joined in evidence.words:
        return True
    if right[:1].isupper() and not left.isupper():  # "Kherson-Mykolaiv": names joined
        return False
    known = _known_cyrillic if _is_cyrillic(joined) else _known_latin
    if known(compound):
        return False
    if known(joined):
        return True
    if left[:1].isupper() and len(right) > 2 and known(right.lower()):  # "Kyiv-based"
        return False
    return not (len(left) > 1 and len(right) > 1 and known(left.lower())
                and known(right.lower()))


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


def _known_cyrillic(word: str) -> bool:
    from desktop.domain import lemmas

    return any(lemmas.analyser(lang).word_is_known(word, strict=True) for lang in ("uk", "ru"))


def _known_latin(word: str) -> bool:
    """An English word, or an inflection of one (the list has few plurals and tenses)."""
    words = _english()
    if word in words:
        return True
    return any(word.endswith(ending) and len(word) - len(ending) > 2
               and word[:len(word) - len(ending)] + stem in words
               for ending, stem in _INFLECTIONS)


#: (ending, what the dictionary form ends in instead): "findings" → "finding".
_INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ied", "y"),
                ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""))


@functools.cache
def _english() -> frozenset[str]:
    try:
        from english_words import get_english_words_set
    except ImportError:  # without the list, the document's own words decide
        return frozenset()
    return frozenset(get_english_words_set(["web2"], lower=True, alpha=True))
