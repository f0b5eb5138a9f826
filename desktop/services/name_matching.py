"""Finding protected names in a text that cannot dodge: one pattern for every person's forms.

Names are matched on a normalised view of the text: NFC, case ignored, soft hyphens and
invisible characters dropped, a word hyphenated at a line break joined (also when the break
has become a space), stress marks on
Cyrillic letters dropped, look-alike Latin, Greek and Cyrillic letters folded to one, every
apostrophe one, and any whitespace (line breaks too), `_`, `-` or `.` between the parts of a
name tolerated. Matches are mapped back to offsets in the real text, where the replacement is
made. A name is found inside identifiers too: after `_`, digits, `/` and at a CamelCase
boundary (`Petrenko_interview_2024.txt`, `PetrenkoStatement.txt`, `OleksandrPetrenko/`); a
word that merely starts like a name (бондарство for Бондар) is not a match.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from desktop.services.name_forms import NameForms, NamePart, forms_of

#: Ignored wherever they are: soft hyphen, zero-width space/joiners, word joiner, BOM, marks.
INVISIBLE = "\u00ad\u034f\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"

#: Look-alikes folded to one letter (both cases, so that folding commutes with case): Latin and
#: Greek letters that look Cyrillic, dotless and dotted i, ё, and every apostrophe.
_LOOK_ALIKES = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "J": "Ј", "K": "К", "M": "М",
    "O": "О", "P": "Р", "S": "Ѕ", "T": "Т", "X": "Х", "Y": "У", "Ï": "Ї",
    "Α": "А", "Β": "В", "Ε": "Е", "Η": "Н", "Ι": "І", "Κ": "К", "Μ": "М", "Ο": "О", "Ρ": "Р",
    "Τ": "Т", "Χ": "Х", "Υ": "У", "Ё": "Е",
}
_FOLD_MAP = {**_LOOK_ALIKES, **{k.lower(): v.lower() for k, v in _LOOK_ALIKES.items()},
             "İ": "І", "ı": "і", **{a: "'" for a in "ʼ’‘`´ʹ′"}}
FOLD = str.maketrans(_FOLD_MAP)

_LETTER = r"[^\W\d_]"
#: A word hyphenated at a line break, as extracted ("Петрен-⏎ка") or with the break made a
#: space when the text was put on one line ("Петрен- ка").
_HYPHENATED = rf"(?<={_LETTER})[-\u00ad](?:[ \t]*\r?\n[ \t]*|[ \t]+)(?={_LETTER})"
_SLOW = re.compile(rf"[{INVISIBLE}\u0300-\u036f]|{_HYPHENATED}")
_TOKEN = re.compile(rf"(?P<skip>{_HYPHENATED}|[{INVISIBLE}])|.[\u0300-\u036f]*", re.DOTALL)
_CYRILLIC_STRESS = "\u0300\u0301"


def normalised(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """The text as names are matched in it, and for each of its characters where it starts
    and ends in `text` (None when they are the same offsets)."""
    if not _SLOW.search(text) and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text.translate(FOLD), None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN.finditer(text):
        if m.group("skip") is not None:
            continue
        cluster = m.group(0)
        if len(cluster) > 1:
            base = cluster[0]
            decomposed = unicodedata.normalize("NFD", cluster)
            if "CYRILLIC" in unicodedata.name(base, ""):
                decomposed = "".join(c for c in decomposed if c not in _CYRILLIC_STRESS)
            cluster = unicodedata.normalize("NFC", decomposed)
        for ch in cluster.translate(FOLD):
            out.append(ch)
            starts.append(m.start())
            ends.append(m.end())
    return "".join(out), starts, ends


def normalise(text: str) -> str:
    """The normalised view alone (for building patterns)."""
    return normalised(text)[0]


# -- The pattern ------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž" + "А-ЯЀ-ЏҐЄІЇЅЈ" + "Α-Ω"
_LOWER = "a-zß-öø-ÿā-ž" + "а-яѐ-џґєіїѕј" + "α-ω"
_CAMEL = rf"(?-i:(?<=[{_LOWER}])(?=[{_UPPER}])|(?<=[{_UPPER}])(?=[{_UPPER}][{_LOWER}]))"
#: A name starts where no letter (nor a letter and an apostrophe) precedes, or at CamelCase.
START = rf"(?:(?<!{_LETTER})(?<!{_LETTER}')|{_CAMEL})"
#: …and ends where no letter follows, or at CamelCase.
END = rf"(?:(?!{_LETTER})|{_CAMEL})"
#: Between the parts of a name: any whitespace, `_`, `-`, `.`, or nothing (a CamelCase join).
SEP = r"[\s_.\-]*"
#: An initial of any name, as a capital (Latin digraphs too: Ye., Kh.) and a full stop.
INITIAL = rf"(?-i:[{_UPPER}][{_LOWER}]?)\."
INITIALS = rf"{INITIAL}(?:\s*{INITIAL})?"


def _trie(words: Iterable[str]) -> str:
    """One regular expression for a set of words, as a trie: it fails on a word's first letter,
    and tries the longer of two words sharing a beginning first."""
    root: dict = {}
    for word in words:
        if word:
            node = root
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return build(root)


def _variants(forms: Iterable[str]) -> set[str]:
    """Each form normalised, and its full case folding too (ß → ss) where that differs."""
    out = set()
    for form in forms:
        out |= _form_variants(form)
    return out


@functools.lru_cache(maxsize=65536)
def _form_variants(form: str) -> frozenset[str]:
    return frozenset((normalise(form), normalise(form.casefold())))


def _part(part: NamePart) -> str:
    return _forms_pattern(part.forms)


@functools.lru_cache(maxsize=8192)
def _forms_pattern(forms: frozenset[str]) -> str:
    """The pattern of a word's forms (people of a case share given names: made once)."""
    return f"(?:{_trie(_variants(forms))})"


def _literal(spelling: str) -> str:
    """A spelling as written, its words joined by any separator."""
    return SEP.join(f"(?:{_trie(_variants([w]))})" for w in spelling.split())


def _generated(name: NameForms) -> tuple[list[str], list[str]]:
    """(patterns of the whole name and of initials with the surname, the surname alone)."""
    surname = name.surname
    words = [p for p in name.parts if p.role != "other" or not p.text.endswith(".")]
    whole = [SEP.join(_part(p) for p in words)] if len(words) > 1 else []
    if surname is None:
        return whole, []
    s = _part(surname)
    given = [p for p in name.parts if p.role == "given"]
    patronymic = [p for p in name.parts if p.role == "patronymic"]
    if given:
        g = _part(given[0])
        p = f"(?:{SEP}{_part(patronymic[0])})?" if patronymic else ""
        whole += [f"{g}{p}{SEP}{s}", f"{s}{SEP}{g}{p}"]
    whole += [f"{INITIALS}\\s*{s}", f"{s}\\s+{INITIALS}"]
    return whole, [s]


#: How far before a word form a name may start (its initials: "О. М. Петренко").
_INITIALS_REACH = 16


class NameMatcher:
    """Finds every form of every protected person's name; built once, used on many texts.

    Each person has a pattern of their own; a text is searched for any word form of anyone
    (one trie), and only the people owning the form found are tried there. What was found in
    a text is remembered, as a dossier prints the same titles and quotes many times."""

    _MEMO_TEXTS = 20_000  # texts remembered per matcher (titles, quotes, notes)…
    _MEMO_LENGTH = 4_000  # …of at most this many characters

    def __init__(self, people: Iterable[tuple[str, Sequence[str]]]) -> None:
        """`people`: (label, spellings) or (label, spellings, forms taken out) tuples; a
        match reports the label (a pseudonym)."""
        self._people: list[tuple[str, re.Pattern[str]]] = []
        self._owners: dict[str, set[int]] = {}  # a normalised word form → who has it
        for label, spellings, *taken_out in people:
            excluded = frozenset(f.casefold() for f in (taken_out[0] if taken_out else ()))
            pattern, words = self._person(spellings, excluded)
            if pattern is None:
                continue
            for word in words:
                self._owners.setdefault(word, set()).add(len(self._people))
            self._people.append((label, pattern))
        self._by_start: dict[str, list[str]] = {}
        for word in self._owners:
            self._by_start.setdefault(word[:2], []).append(word)
        self._any_word = re.compile(_trie(self._owners)) if self._owners else None
        self._memo: dict[str, list[tuple[int, int, str]]] = {}

    @staticmethod
    def _person(spellings: Sequence[str], excluded: frozenset[str]
                ) -> tuple[re.Pattern[str] | None, set[str]]:
        """One person's pattern and every word form of their name (normalised, lower case).
        Earlier alternatives win where two match at one place: the spellings as written
        (longest first), then whole names, then single words, then the surname alone."""
        explicit: list[str] = []
        whole: list[str] = []
        alone: list[str] = []
        words: set[str] = set()  # every word form: a text with none of them has no name
        for spelling in spellings:
            spelling = " ".join(spelling.split())
            if not spelling:
                continue
            explicit.append(spelling)
            name = forms_of(spelling).without(excluded)
            words |= {v.lower() for w in spelling.split() for v in _variants([w])}
            words |= {v.lower() for part in name.parts for v in _variants(part.forms)}
            generated, surname = _generated(name)
            whole += generated
            alone += surname
        if not explicit:
            return None, words
        explicit.sort(key=lambda e: -len(e))
        ordered = ([_literal(s) for s in explicit if " " in s] + whole
                   + [_literal(s) for s in explicit if " " not in s] + alone)
        first = {w[:1] for w in words}
        lead = "(?=[" + "".join(sorted(re.escape(c) for c in first if c)) + f"{_UPPER}])"
        body = "|".join(f"(?:{b})" for b in ordered)
        return re.compile(f"{lead}{START}(?:{body}){END}", re.IGNORECASE), words

    def __bool__(self) -> bool:
        return bool(self._people)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, label) of each name in `text`, as offsets in `text` itself."""
        if not self._people or not text:
            return iter(())
        if len(text) > self._MEMO_LENGTH:  # a whole source: searched once, not kept
            return self._find(text)
        found = self._memo.get(text)
        if found is None:
            found = list(self._find(text))
            if len(self._memo) >= self._MEMO_TEXTS:
                self._memo.clear()
            self._memo[text] = found
        return iter(found)

    def _find(self, text: str) -> Iterator[tuple[int, int, str]]:
        view, starts, ends = normalised(text)
        for start, end, label in self._matches(view):
            if starts is None or ends is None:
                yield start, end, label
            else:
                yield starts[start], ends[end - 1], label

    def _matches(self, view: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, label) of the names in a normalised text, leftmost first. A name is
        tried only just before a place where one of its word forms occurs (a plain search
        finds those fast), starting there or at a capital a few initials before it."""
        assert self._any_word is not None
        lower = view.lower()
        pos = 0
        while (hit := self._any_word.search(lower, pos)) is not None:
            at = hit.start()
            owners = {i for key in (lower[at:at + 2], lower[at])
                      for word in self._by_start.get(key, ())
                      if lower.startswith(word, at) for i in self._owners[word]}
            best = None
            for start in range(max(pos, at - _INITIALS_REACH), at + 1):
                if start != at and not view[start].isupper():  # initials are capitals
                    continue
                for i in sorted(owners):
                    label, pattern = self._people[i]
                    m = pattern.match(view, start)
                    if m is not None and m.end() > m.start() and (
                            best is None or m.end() > best[1]):
                        best = (m.start(), m.end(), label)
                if best is not None:
                    break
            if best is None:
                pos = at + 1
            else:
                yield best
                pos = best[1]

    def sub(self, text: str) -> str:
        """`text` with each name replaced by its label."""
        if not self._people or not text:
            return text
        pieces, at = [], 0
        for start, end, label in self.finditer(text):
            pieces += [text[at:start], label]
            at = end
        if not pieces:
            return text
        pieces.append(text[at:])
        return "".join(pieces)
