"""The check before release: words of a redacted text that look like a protected name.

The redactor replaces every form of a name the analyser produces (`name_forms`) however the
text hides it (`name_matching`). What it cannot know is a misspelling ("Петрнко",
"Petrenkko"), a form the analyser did not produce, or a name cut in two by a line break
("Петрен" / "ко"). Before a redacted edition leaves the case, `near_misses()` runs the redactor
over each text the edition prints and looks, in what remains, for words close to a form of a
protected surname (or of a one-word spelling): an edit distance of one for short forms, two
for long ones (rapidfuzz, loaded only here). A word the dictionaries know as an ordinary word
("морок" beside "Мороз") is not reported, so common words do not flood the list.

`dossier_texts()` names the texts a dossier prints and where they are (a source's title, an
evidence quote, an incident's narrative…), so each near miss says where to look.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from desktop.services.name_forms import analyser, forms_of
from desktop.services.name_matching import normalise
from desktop.services.protection import Redactor, matching_people

#: Forms shorter than this are not looked for: too many ordinary words are one letter away.
MIN_LENGTH = 5
#: From this length on, two edits (a doubled and a dropped letter) still make a near miss.
LONG = 8
#: At most this many near misses are reported per text (the first ones).
_PER_TEXT = 20

_WORD = re.compile(r"[^\W\d_]+(?:['ʼ’][^\W\d_]+)*")
_CAMEL = re.compile(r"(?<=[a-zа-яіїєґ])(?=[A-ZА-ЯІЇЄҐ])")
#: Between the two halves of a word cut by a line break (with or without a hyphen).
_BREAK = re.compile(r"-?[ \t]*\r?\n[ \t]*")


class NearMiss(NamedTuple):
    """A word of a redacted text that resembles a protected name but was not replaced."""

    where: str  # the text it is in: "E-012 quote", "S-004 title", "INC-001 narrative"
    word: str  # as the redacted text writes it (both halves of a word cut by a line break)
    pseudonym: str  # the protected person it resembles
    like: str  # the form of their name it resembles
    context: str  # the words around it

    def line(self) -> str:
        """One line for a list: “Петрнко” (like W-001) in E-012 quote."""
        return f"“{self.word}” (like {self.pseudonym}) in {self.where}"


class _Targets:
    """Every form of every protected surname (and one-word spelling), normalised as the
    matcher sees text, by length, with the pseudonym it belongs to."""

    def __init__(self, people: Iterable[tuple]) -> None:
        self.forms: dict[str, tuple[str, str]] = {}  # normalised form → (pseudonym, form)
        #: Forms a user took out of a name's list (common words): never a near miss.
        self.taken_out: set[str] = set()
        for pseudonym, names, *taken_out in people:
            excluded = frozenset(f.casefold() for f in (taken_out[0] if taken_out else ()))
            self.taken_out |= {normalise(f).lower() for f in excluded}
            for spelling in (" ".join(s.split()) for s in names.splitlines()):
                if not spelling:
                    continue
                name = forms_of(spelling).without(excluded)
                parts = [name.surname] if name.surname is not None else []
                if len(spelling.split()) == 1:
                    parts = list(name.parts)
                for part in parts:
                    for form in part.forms:
                        key = normalise(form).lower()
                        if len(key) >= MIN_LENGTH:
                            self.forms.setdefault(key, (pseudonym, form))
        self.by_length: dict[int, list[str]] = {}
        for key in self.forms:
            self.by_length.setdefault(len(key), []).append(key)

    def closest(self, word: str) -> tuple[str, str] | None:
        """(pseudonym, form) of the form `word` is a near miss of, if any: one edit away, or
        two when both are long."""
        from rapidfuzz import process  # noqa: PLC0415 — loaded by the check only
        from rapidfuzz.distance import Levenshtein  # noqa: PLC0415

        key = normalise(word).lower()
        if key in self.taken_out:
            return None
        if key in self.forms:
            return self.forms[key]
        n = len(key)
        tries = [(1, [f for k in (n - 1, n, n + 1) for f in self.by_length.get(k, ())])]
        if n >= LONG:
            tries.append((2, [f for k in range(max(LONG, n - 2), n + 3)
                              for f in self.by_length.get(k, ())]))
        for allowed, choices in tries:
            if choices:
                hit = process.extractOne(key, choices, scorer=Levenshtein.distance,
                                         score_cutoff=allowed)
                if hit is not None:
                    return self.forms[hit[0]]
        return None


def _ordinary_word(word: str) -> bool:
    """Whether the Ukrainian or Russian dictionary knows `word` as a word that is not a name
    (a Latin word is never one)."""
    lower = word.lower()
    if not re.search(r"[а-яіїєґё]", lower):
        return False
    for lang in ("uk", "ru"):
        for parse in analyser(lang).parse(lower):
            known = (len(parse.methods_stack) == 1
                     and type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer")
            if known and not {"Name", "Surn", "Patr"} & parse.tag.grammemes:
                return True
    return False


def _words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word of `text`, CamelCase parts apart, and each word cut by
    a line break joined with its second half."""
    found: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        at = m.start()
        for piece in _CAMEL.split(m.group(0)):
            found.append((at, at + len(piece)))
            at += len(piece)
    for i, (start, end) in enumerate(found):
        yield start, end, text[start:end]
        if i + 1 < len(found):
            nxt_start, nxt_end = found[i + 1]
            if _BREAK.fullmatch(text[end:nxt_start]):
                yield start, nxt_end, text[start:end] + text[nxt_start:nxt_end]


def _context(text: str, start: int, end: int) -> str:
    before = " ".join(text[max(0, start - 40):start].split()[-4:])
    after = " ".join(text[end:end + 40].split()[:4])
    return f"{before} [{' '.join(text[start:end].split())}] {after}".strip()


def near_misses(texts: Iterable[tuple[str, str]], redactor: Redactor | None = None,
                people: Iterable[tuple] | None = None) -> list[NearMiss]:
    """The near misses of protected names in the redacted form of each (where, text): words
    the redactor left that look like a form of a protected name. `people` are (pseudonym,
    names one per line[, forms taken out]) tuples; by default, the open case's."""
    people = list(matching_people() if people is None else people)
    if not people:
        return []
    redactor = redactor or Redactor(people)
    targets = _Targets(people)
    if not targets.forms:
        return []
    shortest = min(map(len, targets.forms)) - 2
    ordinary: dict[str, bool] = {}
    seen: dict[str, tuple[str, str] | None] = {}
    out: list[NearMiss] = []
    for where, text in texts:
        if not text:
            continue
        redacted = redactor(text)
        found = 0
        for start, end, word in _words(redacted):
            if len(word) < shortest or found >= _PER_TEXT:
                continue
            # Texts repeat their words: each distinct word is compared once.
            hit = seen[word] if word in seen else seen.setdefault(word, targets.closest(word))
            if hit is None:
                continue
            lower = word.lower()
            if lower not in ordinary:
                ordinary[lower] = _ordinary_word(word)
            if ordinary[lower]:
                continue
            found += 1
            out.append(NearMiss(where, redacted[start:end].replace("\n", "⏎"), hit[0], hit[1],
                                _context(redacted, start, end)))
    return out


# -- What a dossier prints --------------------------------------------------------------------

_CASE_FIELDS = ("title", "reference", "description")
_SOURCE_FIELDS = ("title", "publisher", "author", "url", "collected_by", "collected_from",
                  "original_name", "reliability_note", "originator")
_INCIDENT_FIELDS = ("title", "place", "place_alternatives", "district", "region", "country",
                    "coordinates_source", "victims_named", "perpetrator_force",
                    "perpetrator_unit", "perpetrators_named", "narrative", "state_comment")
_EVIDENCE_FIELDS = ("quote", "prefix", "suffix", "asserted_value", "note", "review_comment",
                    "originator", "scope")


#: Quotes inside audit summaries, which the redacted audit annex withholds (they may end in the
#: middle of a name: no near miss of theirs is printed).
_QUOTED = re.compile(r"“[^”]*”?|«[^»]*»?")  # as English and Ukrainian summaries quote


def _fields(obj: Any, names: Iterable[str], label: str) -> Iterator[tuple[str, str]]:
    for name in names:
        value = getattr(obj, name, "")
        if isinstance(value, str) and value:
            yield f"{label} {name.replace('_', ' ')}", value


def dossier_texts(data: Any) -> Iterator[tuple[str, str]]:
    """(where, text) of each text of the case a dossier of `data` (export.gather.DossierData)
    prints: the case's title and description, each cited source's description, each
    incident's fields, each evidence span's quote and notes, and the audit summaries."""
    from desktop.domain import refs  # noqa: PLC0415

    yield from _fields(data.case, _CASE_FIELDS, "case")
    for source in data.sources.values():
        yield from _fields(source, _SOURCE_FIELDS, refs.source_ref(source.id))
    for item in data.incidents:
        yield from _fields(item.incident, _INCIDENT_FIELDS, item.incident.code)
        for span in item.spans:
            yield from _fields(span, _EVIDENCE_FIELDS, span.ref)
    for line in data.audit:
        yield f"audit entry of {line.at}", _QUOTED.sub("", line.summary)
