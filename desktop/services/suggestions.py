"""What a selected passage most likely proves, and its value in the form the incident stores.

Marking evidence starts from a suggestion, never from the previous choice: a passage that is a
time supports the time ("07:00"), a date the date of the event ("October 10, 2024", "10 жовтня
2024 року", "10 октября 2024 года" → 2024-10-10 at the precision the text has), a number of
people the count ("nine Ukrainian prisoners of war", "дев'ятьох військовополонених" → 9), a
few words naming an armed force the perpetrator ("Russian troops"), a short run of capitalised
words a place (as written, never a people's word: "Russian"); anything else what happened. Dates are
read by `dateparser` and number words by `number-parser`, Ukrainian and Russian words through
their dictionary forms (`pymorphy3`); all three load on first use, not at start-up.

`fills()` turns a fact and a value into the incident fields it fills, and says which of them
already hold something else (the form is never overwritten without the user's word).
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

from desktop.domain import dates
from desktop.domain.lemmas import analyser  # the dictionaries load on first use

LANGUAGES = ("uk", "ru", "en")
_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d)")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*|\d+")
_CYRILLIC = re.compile(r"[а-яіїєґё]", re.IGNORECASE)
_APOSTROPHES = "'’ʼ`"
_ONE_APOSTROPHE = str.maketrans({a: "'" for a in _APOSTROPHES})

#: Dictionary forms of the words that count people, in the three languages.
_PEOPLE = frozenset({
    # English (plural s stripped)
    "prisoner", "people", "person", "civilian", "soldier", "man", "men", "woman", "women",
    "child", "children", "resident", "pow", "captive", "detainee", "serviceman", "servicemen",
    "victim", "body", "bodies", "defender", "hostage", "inhabitant", "villager",
    # Ukrainian
    "військовополонений", "полонений", "людина", "люди", "особа", "цивільний",
    "військовослужбовець", "військовий", "чоловік", "жінка", "дитина", "діти", "житель",
    "мешканець", "загиблий", "тіло", "захисник", "заручник", "бранець", "солдат", "бієць",
    # Russian
    "военнопленный", "пленный", "человек", "гражданский", "военнослужащий",
    "военный", "мужчина", "женщина", "ребёнок", "ребенок", "дети", "погибший",
    "тело", "заложник", "боец",
})
#: Dictionary forms of the words that name an armed force: a passage naming one ("Russian
#: troops", "російські окупанти") says who did it, not where.
_FORCES = frozenset({
    "force", "troop", "army", "brigade", "battalion", "regiment", "unit", "occupier",
    "військо", "армія", "окупант", "бригада", "батальйон", "полк", "підрозділ", "сила",
    "угруповання", "войско", "армия", "оккупант", "батальон", "подразделение",
    "группировка",
})
#: The words of peoples ("Russian", "російський"): capitalised in English, but never a place.
_PEOPLES = frozenset({
    "russian", "ukrainian", "belarusian", "chechen", "російський", "український",
    "білоруський", "чеченський", "росіянин", "українець", "российский", "украинский",
    "белорусский", "чеченский", "русский", "россиянин", "украинец",
})
#: Collective numerals ("дев'ятеро цивільних", "пятеро пленных"), which the number reader
#: does not know, as the cardinal it does.
_COLLECTIVE = {
    "двоє": 2, "троє": 3, "четверо": 4, "п'ятеро": 5, "шестеро": 6, "семеро": 7,
    "восьмеро": 8, "дев'ятеро": 9, "десятеро": 10, "двое": 2, "трое": 3, "пятеро": 5,
    "девятеро": 9,
}
#: How many words may stand between a number and the word it counts ("9 Ukrainian prisoners").
_COUNT_REACH = 3
_PLACE_WORDS = 6


class Suggestion(NamedTuple):
    """What a passage supports (a fact code) and its value as the form stores it ("" when it
    has none), with the date's precision for a date."""

    supports: str
    value: str = ""
    precision: str = ""


# -- The readers (loaded on first use) -----------------------------------------------------------

@functools.cache
def _date_reader() -> Any:
    from dateparser.date import DateDataParser  # noqa: PLC0415 — heavy: only when marking

    return DateDataParser(languages=list(LANGUAGES),
                          settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False,
                                    "REQUIRE_PARTS": ["year"]})


def _lemma(word: str) -> str:
    """A word's dictionary form (lower case); Ukrainian first, then Russian, for Cyrillic."""
    lower = word.lower()
    if not _CYRILLIC.search(lower):
        if lower.endswith("ies"):
            return lower[:-3] + "y"
        return lower[:-1] if lower.endswith("s") and len(lower) > 3 else lower
    plain = lower.translate(_ONE_APOSTROPHE)
    for lang in ("uk", "ru"):
        for parse in analyser(lang).parse(plain)[:2]:
            if parse.normal_form in _PEOPLE or "NUMR" in parse.tag:
                return parse.normal_form
    return plain


def _forms(word: str) -> set[str]:
    """Every dictionary form `word` may have (lower case): Ukrainian and Russian readings of
    a Cyrillic word, the singular of an English one."""
    lower = word.lower()
    if not _CYRILLIC.search(lower):
        return {lower, _lemma(word)}
    plain = lower.translate(_ONE_APOSTROPHE)
    return {plain} | {parse.normal_form for lang in ("uk", "ru")
                      for parse in analyser(lang).parse(plain)[:3]}


def _names_a_force(words: list[str]) -> bool:
    return any(_forms(w) & _FORCES for w in words)


def warm_up() -> None:
    """Load the readers now (the window does it in the background once it is up), so the
    first mark does not wait for them."""
    suggest("9 prisoners of war on 1 October 2024")


# -- What a passage says ---------------------------------------------------------------------

def _time(quote: str) -> str:
    found = _TIME.search(quote)
    return f"{int(found.group(1)):02d}:{found.group(2)}" if found else ""


def _is_only_time(quote: str) -> bool:
    """Whether the passage is a time and little else ("10:00", "around 07:00", "о 07:00")."""
    rest = _TIME.sub("", quote)
    return bool(_TIME.search(quote)) and len(_WORD.findall(rest)) <= 2


def read_date(quote: str) -> tuple[str, str]:
    """(ISO date at the text's precision, precision code) of the date a passage gives, or
    ("", "") when it gives none."""
    if not re.search(r"\d{4}", quote):
        return "", ""  # a date an incident can store names its year
    data = _date_reader().get_date_data(" ".join(quote.split()))
    if data is None or data.date_obj is None:
        from dateparser.search import search_dates  # noqa: PLC0415

        found = search_dates(quote, languages=list(LANGUAGES),
                             settings={"REQUIRE_PARTS": ["year"]}) or []
        dated = [(text, when) for text, when in found if re.search(r"\d{4}", text)]
        if not dated:
            return "", ""
        data = _date_reader().get_date_data(dated[0][0])
        if data is None or data.date_obj is None:
            return "", ""
    when, period = data.date_obj.date(), data.period or "day"
    if period == "year":
        return f"{when.year:04d}", "approximate"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}", "month"
    return when.isoformat(), "day"


def _number_words(words: list[str]) -> list[int | None]:
    """Each word as the number it is (digits or a number word), else None."""
    from number_parser import parse_number  # noqa: PLC0415 — only when marking

    out: list[int | None] = []
    for word in words:
        out.append(int(word) if word.isdigit() else _number(word, parse_number))
    return out


def _number(words: str, parse_number: Any) -> int | None:
    """A number written in words (one or several), in any of the three languages."""
    if not _CYRILLIC.search(words):
        value = parse_number(words.lower(), language="en")
        return value if isinstance(value, int) else None
    lemmas = " ".join(_lemma(w) for w in words.split())
    if lemmas in _COLLECTIVE:
        return _COLLECTIVE[lemmas]
    # number-parser's Ukrainian spells the apostrophe ʼ (дев'ять is not found, девʼять is).
    for lang, spelt in (("uk", lemmas.replace("'", "ʼ")), ("ru", lemmas)):
        value = parse_number(spelt, language=lang)
        if isinstance(value, int):
            return value
    return None


def read_count(quote: str) -> int | None:
    """The number of people a passage counts ("nine Ukrainian prisoners of war" → 9), None
    when it counts nobody. A run of number words is one number ("сто сімдесят сім")."""
    words = _WORD.findall(quote)
    numbers = _number_words(words)
    for i, number in enumerate(numbers):
        if number is None or (i and numbers[i - 1] is not None):
            continue
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] is not None:
            j += 1
        if j > i:  # a run of number words: read together
            from number_parser import parse_number  # noqa: PLC0415

            together = _number(" ".join(words[i:j + 1]), parse_number)
            number = together if together is not None else number
        following = words[j + 1:j + 1 + _COUNT_REACH + 1]
        if any(_lemma(w) in _PEOPLE for w in following) or len(words) == j - i + 1:
            return number
    return None


def _looks_like_place(words: list[str]) -> bool:
    return (0 < len(words) <= _PLACE_WORDS and words[0][:1].isupper()
            and not any(w.isdigit() for w in words)
            and sum(w[:1].isupper() for w in words) * 2 >= len(words)
            and not any(_forms(w) & _PEOPLES for w in words))


def suggest(quote: str) -> Suggestion:
    """What the passage most likely supports, and its value (see the module's docstring)."""
    text = " ".join(quote.split())
    if not text:
        return Suggestion("narrative")
    if _is_only_time(text):
        return Suggestion("time", _time(text))
    count = read_count(text)
    if count is not None and len(_WORD.findall(text)) <= 12:
        return Suggestion("victims", str(count))
    day, precision = read_date(text)
    if day:
        return Suggestion("date", day, precision)
    words = _WORD.findall(text)
    if len(words) <= _PLACE_WORDS and _names_a_force(words):
        return Suggestion("perpetrator", text.strip(" .,;:"))
    if _looks_like_place(words):
        return Suggestion("place", text.strip(" .,;:"))
    return Suggestion("narrative")


def value_for(supports: str, quote: str) -> Suggestion:
    """The value of `quote` for a fact the user chose (a date read as a date, and so on)."""
    text = " ".join(quote.split())
    if supports in ("date", "report_date"):
        day, precision = read_date(text)
        return Suggestion(supports, day, precision)
    if supports == "time":
        return Suggestion(supports, _time(text))
    if supports == "victims":
        count = read_count(text)
        return Suggestion(supports, "" if count is None else str(count))
    if supports in ("place", "region", "perpetrator", "title"):
        return Suggestion(supports, text.strip(" .,;:") if len(text) <= 120 else "")
    return Suggestion(supports)


# -- What a value fills ----------------------------------------------------------------------

class Fill(NamedTuple):
    """The incident fields a fact's value fills, and those it would change (that hold another
    value now): the form is filled only where it is empty unless the user says otherwise."""

    fields: dict
    replaces: dict  # field → the value it holds now


def precision_of(day: str) -> str:
    """The precision of a partial ISO date as the form records it: a day, a month, or only a
    year (approximate)."""
    return {4: "approximate", 7: "month"}.get(len(day), "day")


def fills(supports: str, value: str, stored: dict, *, replace: bool = False) -> Fill:
    """The fields `value` fills for `supports`, given the incident's `stored` values. A place
    that differs from the one stored is kept as another spelling of it, unless `replace` (the
    user asked for this value): then it replaces the place, and only the fields that change
    are given."""
    value = value.strip()
    fields: dict = {}
    if not value:
        return Fill({}, {})
    if supports == "date" and dates.is_partial_date(value):
        fields = {"date_start": value, "date_precision": precision_of(value)}
    elif supports == "report_date" and dates.is_partial_date(value):
        fields = {"report_date": value}
    elif supports == "time" and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        fields = {"time": value}
    elif supports == "victims" and value.isdigit():
        fields = {"victims_min": int(value), "victims_max": int(value)}
    elif supports == "place":
        place = (stored.get("place") or "").strip()
        if place.casefold() == value.casefold():
            return Fill({}, {})  # the form says it already
        if place and not replace:
            others = [p.strip() for p in (stored.get("place_alternatives") or "").split(";")
                      if p.strip()]
            if value.casefold() not in {p.casefold() for p in others}:
                fields = {"place_alternatives": "; ".join([*others, value])}
            return Fill(fields, {})
        fields = {"place": value}
    if replace:
        fields = {f: v for f, v in fields.items() if stored.get(f) != v}
    replaces = {f: stored.get(f) for f, v in fields.items()
                if stored.get(f) not in (None, "", v) and f != "date_precision"}
    return Fill(fields, replaces)
