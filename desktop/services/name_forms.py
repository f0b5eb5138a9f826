"""Every form of a protected person's name: inflected, shortened, initialled, transliterated.

A name in a Ukrainian or Russian document changes with grammatical case (Олександр Петренко →
Олександра Петренка, Олександрові Петренку, Олександром Петренком, Олександре), is shortened to
the surname ("Петренко", "О. Петренко", "Петренко О. М.") and appears in the official Latin
transliteration (Oleksandr Petrenko). `forms_of()` expands one spelling to a `NameForms`: each
word of the name with every form it takes (both languages, every case, both numbers, masculine
and feminine surnames, Latin), its role (given name, patronymic, surname) and its initials.
`desktop.services.name_matching` turns these into one pattern that finds them in a text.

The morphological analysers (pymorphy3 with its Ukrainian and Russian dictionaries, ~0.15 s and
~15 MB) load on first use, once per process; nothing imports them at start. They predict the
paradigm of a surname they do not know; where the prediction is only the indeclinable feminine
reading, the surname is declined like a known surname with the same ending.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from itertools import product
from typing import Any

from desktop.domain import lemmas

#: The official Ukrainian Latin transliteration (Cabinet of Ministers resolution No. 55 of
#: 27 January 2010): letter → Latin, and the letters spelled differently at a word's start.
UKRAINIAN_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "",
}
UKRAINIAN_LATIN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
#: "зг" is written "zgh" so that it is not read as "ж" (Згурський → Zghurskyi).
UKRAINIAN_LATIN_PAIRS = {"зг": "zgh"}
#: Russian letters the Ukrainian standard lacks, spelled as Ukrainian texts transliterate them
#: (not part of the standard: Russian forms of a name are transliterated with it too).
RUSSIAN_LATIN_EXTRA = {"ё": "e", "ы": "y", "э": "e", "ъ": ""}

#: The apostrophes Ukrainian texts write (modifier letter, typewriter, right single quote).
APOSTROPHES = ("ʼ", "'", "’")

ROLES = ("given", "patronymic", "surname", "other")

_CYRILLIC = re.compile(r"[а-яёєіїґʼ'’]", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[a-z]+(?:['’ʼ-][a-z]+)*", re.IGNORECASE)
_INITIAL = re.compile(r"^(?:\w{1,2}\.)+$")

#: Known surnames whose paradigms decline a surname the analyser does not know (Гнатюшенко →
#: like Петренко). The longest shared ending picks the model.
_MODEL_SURNAMES = (
    "петренко", "бойко", "коваль", "бондар", "шевчук", "ковальчук", "мельник", "кравець",
    "гончар", "мороз", "зубрицький", "стефанишин", "павлишин", "головатий", "гаврилюк",
    "кривошапка", "левицький", "мазур", "сокол", "лисиця", "дорош", "ткач", "кушнір", "савчин",
    "іванов", "яковлев", "ільїн",
)


@dataclass(frozen=True)
class NamePart:
    """One word of a name: what it is, every form it takes (lower case), and its initials."""

    text: str
    role: str
    forms: frozenset[str]
    initials: frozenset[str]


@dataclass(frozen=True)
class NameForms:
    """A spelling as its words, each with its forms, in the order the spelling gives them."""

    spelling: str
    parts: tuple[NamePart, ...]

    @property
    def surname(self) -> NamePart | None:
        return next((p for p in self.parts if p.role == "surname"), None)

    def without(self, excluded: frozenset[str]) -> NameForms:
        """The same name without the forms a user took out (casefolded), e.g. a form that is
        also a common word; a word as the spelling writes it always stays."""
        if not excluded:
            return self
        def kept(part: NamePart) -> frozenset[str]:
            own = part.text.casefold()
            return frozenset(f for f in part.forms
                             if f.casefold() not in excluded or f.casefold() == own)

        parts = tuple(NamePart(p.text, p.role, kept(p), p.initials) for p in self.parts)
        return NameForms(self.spelling, parts)

    def word_forms(self) -> set[str]:
        """Every form of every word of the name (lower case): what a person's list of matched
        forms shows and what the redacted edition's cover counts."""
        return {form for part in self.parts for form in part.forms}

    def enumerate(self) -> set[str]:
        """Every form as a string: the name in each case (parts in agreement, both scripts),
        the surname alone, with initials before and after. For tests and inspection: the
        matcher combines the parts' forms itself, agreeing or not."""
        out: set[str] = set()
        words = [p for p in self.parts if not _INITIAL.match(p.text)]
        surname = self.surname
        if surname is not None:
            out |= surname.forms
        if words:
            for combo in product(*(sorted(p.forms) for p in words)) if len(words) <= 3 else []:
                out.add(" ".join(combo))
        if surname is not None:
            others = [p for p in self.parts if p is not surname and p.role != "other"]
            if others:
                for letters in product(*(sorted(p.initials) for p in others)):
                    dotted = " ".join(f"{x}." for x in letters)
                    for form in surname.forms:
                        out.add(f"{dotted} {form}")
                        out.add(f"{form} {dotted}")
        return out


# -- The analysers (lazy, once per process) -----------------------------------------------------

# One per language for the whole of Casefile: search's dictionary forms use them too.
analyser = lemmas.analyser


_NAME_GRAMMEMES = {"Name": "given", "Patr": "patronymic", "Surn": "surname"}


def _is_predicted(parse: Any) -> bool:
    return type(parse.methods_stack[0][0]).__name__ != "DictionaryAnalyzer"


def _name_parses(lang: str, word: str) -> list[Any]:
    return [p for p in analyser(lang).parse(word) if _NAME_GRAMMEMES.keys() & p.tag.grammemes]


def _lexeme(parse: Any) -> set[str]:
    return {f.word for f in parse.lexeme}


def _as_model(word: str) -> set[str]:
    """The forms of an unknown surname, declined like the known one with the longest common
    ending (at least two letters)."""
    best, shared = None, 1
    for model in _MODEL_SURNAMES:
        n = 0
        while n < min(len(model), len(word) - 1) and model[-1 - n] == word[-1 - n]:
            n += 1
        if n > shared:
            best, shared = model, n
    if best is None:
        return set()
    forms: set[str] = set()
    for parse in _name_parses("uk", best):
        if "masc" not in parse.tag.grammemes or _is_predicted(parse):
            continue
        paradigm = _lexeme(parse)
        stem = _common_prefix(paradigm | {best})
        own_stem = word[:len(word) - (len(best) - len(stem))]
        forms |= {own_stem + f[len(stem):] for f in paradigm}
    return forms


def _common_prefix(words: set[str]) -> str:
    first, last = min(words), max(words)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


#: Masculine ↔ feminine surname endings (Ковальський ↔ Ковальська, Іванов ↔ Іванова).
_GENDER_ENDINGS = (
    ("ський", "ська"), ("цький", "цька"), ("зький", "зька"), ("ский", "ская"), ("цкий", "цкая"),
    ("ий", "а"), ("ой", "ая"), ("ов", "ова"), ("ев", "ева"), ("єв", "єва"), ("ин", "ина"),
    ("ін", "іна"), ("їн", "їна"),
)


def _other_gender(word: str) -> list[str]:
    out = []
    for masc, fem in _GENDER_ENDINGS:
        if word.endswith(fem) and len(word) > len(fem) + 1:
            out.append(word[:-len(fem)] + masc)
        elif word.endswith(masc) and len(word) > len(masc) + 1:
            out.append(word[:-len(masc)] + fem)
    return out


def _cyrillic_forms(word: str) -> tuple[str, set[str]]:
    """(role, forms) of a Cyrillic word of a name in both languages."""
    lower = word.lower()
    for a in APOSTROPHES:
        lower = lower.replace(a, "'")
    forms = {lower}
    votes: dict[str, float] = {}
    known_masc_surname = False
    for lang in ("uk", "ru"):
        for parse in _name_parses(lang, lower):
            role = next(r for g, r in _NAME_GRAMMEMES.items() if g in parse.tag.grammemes)
            # The reading as given (nominative singular) decides: "Іванов" is a surname before
            # it is the genitive plural of Іван.
            weight = 1.0 if {"nomn", "sing"} <= parse.tag.grammemes or (
                "nomn" in parse.tag.grammemes and "Fixd" not in parse.tag.grammemes) else 0.3
            weight *= 0.2 if _is_predicted(parse) else 1.0
            votes[role] = votes.get(role, 0.0) + parse.score * weight
            forms |= _lexeme(parse)
            if role == "surname" and "masc" in parse.tag.grammemes and not _is_predicted(parse):
                known_masc_surname = True
    role = max(votes, key=votes.__getitem__) if votes else "other"
    if role in ("surname", "other") and not known_masc_surname:
        # An unknown surname: declined like a known one (a made-up Гнатюшенко as Петренко).
        forms |= _as_model(lower)
    if role == "surname":
        for variant in _other_gender(lower):
            forms.add(variant)
            for lang in ("uk", "ru"):
                for parse in _name_parses(lang, variant):
                    if "Surn" in parse.tag.grammemes:
                        forms |= _lexeme(parse)
    return role, {f.replace("ʼ", "'") for f in forms}


# -- Latin ----------------------------------------------------------------------------------

def to_latin(word: str) -> str:
    """A Cyrillic word in the official Ukrainian transliteration (lower case)."""
    word = word.lower()
    for a in APOSTROPHES:
        word = word.replace(a, "'")
    out, i = [], 0
    while i < len(word):
        pair = word[i:i + 2]
        ch = word[i]
        at_start = i == 0 or not word[i - 1].isalpha() and word[i - 1] != "'"
        if pair in UKRAINIAN_LATIN_PAIRS:
            out.append(UKRAINIAN_LATIN_PAIRS[pair])
            i += 2
            continue
        if at_start and ch in UKRAINIAN_LATIN_INITIAL:
            out.append(UKRAINIAN_LATIN_INITIAL[ch])
        else:
            out.append(UKRAINIAN_LATIN.get(ch, RUSSIAN_LATIN_EXTRA.get(ch, ch)))
        i += 1
    return "".join(out)


#: Latin letter groups → the Cyrillic letters they may stand for (the standard read backwards,
#: with the spellings older documents use).
_FROM_LATIN = {
    "shch": ("щ",), "zgh": ("зг",), "kh": ("х",), "zh": ("ж",), "ts": ("ц", "тс"),
    "ch": ("ч",), "sh": ("ш",), "ya": ("я",), "ia": ("я", "іа", "ія"), "yu": ("ю",),
    "iu": ("ю", "іу"), "ye": ("є",), "ie": ("є", "іє", "іе"), "yi": ("ї", "ий"), "ii": ("ій", "ії"),
    "a": ("а",), "b": ("б",), "v": ("в",), "h": ("г",), "g": ("ґ", "г"), "d": ("д",), "e": ("е",),
    "z": ("з",), "y": ("и", "й"), "i": ("і", "й", "ї"), "k": ("к",), "l": ("л",), "m": ("м",),
    "n": ("н",), "o": ("о",), "p": ("п",), "r": ("р",), "s": ("с",), "t": ("т",), "u": ("у",),
    "f": ("ф",), "w": ("в",), "x": ("кс",), "c": ("к", "ц"), "j": ("й",), "q": ("к",),
}
_MAX_CANDIDATES = 2048


_SOFTENED = frozenset("лнтдсцзр")


@functools.cache
def _as_latin(letters: str, at_start: bool) -> str:
    """How the standard writes Cyrillic `letters` at the start of a word or inside one."""
    return to_latin(letters) if at_start else to_latin("б" + letters)[1:]


def _from_latin(word: str) -> list[str]:
    """Cyrillic spellings a Latin word of a name may transliterate (a bounded number): every
    way of cutting it into letter groups, each read as any letter it may stand for, a soft
    sign after a consonant that takes one (Koval → Коваль)."""
    word = word.lower().replace("'", "").replace("’", "").replace("ʼ", "")

    @functools.cache
    def readings(i: int) -> tuple[str, ...]:
        if i == len(word):
            return ("",)
        out: list[str] = []
        for size in (4, 3, 2, 1):
            for option in _FROM_LATIN.get(word[i:i + size], ()):
                if _as_latin(option, i == 0) != word[i:i + size]:
                    continue  # the standard would not write this letter so here
                tails = readings(i + size)
                heads = (option, option + "ь") if option[-1] in _SOFTENED else (option,)
                out += [h + t for h in heads for t in tails]
                if len(out) >= _MAX_CANDIDATES:
                    return tuple(out[:_MAX_CANDIDATES])
        return tuple(out)

    return list(readings(0))


def _latin_word_forms(word: str) -> tuple[str, set[str]]:
    """(role, forms) of a Latin word: through the Cyrillic name it transliterates, when the
    Ukrainian or Russian dictionary knows one; otherwise the word itself."""
    lower = word.lower()
    best: tuple[float, str, set[str]] | None = None
    for candidate in _from_latin(lower):
        # Cheap tests first: the reading must transliterate back to the word, and be in a
        # dictionary at all, before the analyser parses it.
        if to_latin(candidate) != lower:
            continue
        languages = [lang for lang in ("uk", "ru") if analyser(lang).word_is_known(candidate)]
        known = [p for lang in languages for p in _name_parses(lang, candidate)
                 if not _is_predicted(p) and p.word == candidate and p.score > 0.05]
        if not known:
            continue
        score = max(p.score for p in known)
        if best is None or score > best[0]:
            role, forms = _cyrillic_forms(candidate)
            best = (score, role, forms)
    if best is None:
        return "other", {lower}
    _, role, forms = best
    return role, forms | {lower}


def latin_forms(forms: set[str]) -> set[str]:
    """The transliteration of each Cyrillic form."""
    return {to_latin(f) for f in forms if _CYRILLIC.search(f)}


def _initials(forms: set[str]) -> frozenset[str]:
    """The initial letters a word is shortened to (О, O; Є, Ye, Y for Євген)."""
    out = set()
    for form in forms:
        if not form:
            continue
        out.add(form[0])
        if _CYRILLIC.match(form[0]):
            latin = to_latin(form)
            out.add(latin[:1])
            if latin[:2] in ("ye", "yi", "yu", "ya", "kh", "zh", "ts", "ch", "sh"):
                out.add(latin[:2])
    return frozenset(x for x in out if x)


def with_apostrophes(forms: set[str]) -> set[str]:
    """Each form with every apostrophe Ukrainian texts use (Мар'яна, Марʼяна, Мар’яна)."""
    out = set()
    for form in forms:
        if "'" in form:
            out |= {form.replace("'", a) for a in APOSTROPHES}
        else:
            out.add(form)
    return out


# -- A spelling ------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def forms_of(spelling: str) -> NameForms:
    """Every form of one spelling of a name ("Олександр Петренко", "Oleksandr Petrenko",
    "Петренко О. М."), word by word."""
    spelling = unicodedata.normalize("NFC", " ".join(spelling.split()))
    words = spelling.split()
    parts: list[NamePart] = []
    for word in words:
        if _INITIAL.match(word):
            letters = word.replace(".", " ").split()
            parts.append(NamePart(word, "other", frozenset({word.lower()}),
                                  frozenset(x.lower() for x in letters[:1])))
            continue
        parts.append(NamePart(word, *word_forms(word)))
    _settle_roles(parts)
    return NameForms(spelling, tuple(parts))


@functools.lru_cache(maxsize=8192)
def word_forms(word: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """(role, forms, initials) of one word of a name; people of a case share given names,
    so each word is analysed once."""
    if _CYRILLIC.search(word):
        role, forms = _cyrillic_forms(word)
    elif _LATIN_WORD.fullmatch(word):
        role, forms = _latin_word_forms(word)
    else:
        role, forms = "other", {word.lower()}
    forms = with_apostrophes(forms | latin_forms(forms))
    return role, frozenset(forms), _initials(forms)


def _settle_roles(parts: list[NamePart]) -> None:
    """One surname per name: the word the dictionaries call one (the last such, unless a given
    name follows it: "Петренко Олександр Миколайович"); else the last word that is no given
    name or patronymic."""
    words = [i for i, p in enumerate(parts) if not _INITIAL.match(p.text)]
    surnames = [i for i in words if parts[i].role == "surname"]
    if not surnames:
        rest = [i for i in words if parts[i].role == "other" and parts[i].text[:1].isupper()]
        if len(words) == 1:
            rest = words
        if not rest:
            return
        surnames = rest[-1:]
    keep = surnames[0] if len(surnames) > 1 and surnames[0] == words[0] else surnames[-1]
    for i in surnames:
        if i != keep:
            parts[i] = NamePart(parts[i].text, "other", parts[i].forms, parts[i].initials)
    p = parts[keep]
    parts[keep] = NamePart(p.text, "surname", p.forms, p.initials)
