"""The dictionary forms (lemmas) of Ukrainian and Russian words, and the case's table of them.

A search for a word finds its inflected forms ("Курськ" finds "Курської", "полонених" finds
"полонені") through the table `search_lemma`: each distinct Cyrillic word of the sources' text
(lower case, as written) beside each of its keys — its lemmas as pymorphy3's dictionaries know
them, and for an adjective made from a place ("курський") the place ("курськ"). A query word
is searched as every form that shares a key with it. Each distinct word is analysed once: the
table remembers the words of earlier imports, and a cache the words this process has seen.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from desktop.domain import models

#: A Cyrillic word as the search index splits it, with its inner apostrophes (дев'ять).
WORD = re.compile(r"[\u0400-\u04ffʼ]+(?:['’][\u0400-\u04ffʼ]+)*")
_UKRAINIAN = frozenset("іїєґ'ʼ’")
_RUSSIAN = frozenset("ыэёъ")
#: Adjectives made from a place: Курськ → курський, Харків → харківський, Курск → курский.
_PLACE_ENDINGS = ("ський", "цький", "зький", "ский", "цкий", "зкий")
_BATCH = 500  # parameters per statement, well under SQLite's limit


@functools.cache
def analyser(lang: str) -> Any:
    """The pymorphy3 analyser of a language ("uk" or "ru"), loaded on first use."""
    import pymorphy3  # noqa: PLC0415 — heavy: loaded only when words are analysed

    return pymorphy3.MorphAnalyzer(lang=lang)


def _languages(word: str) -> tuple[str, ...]:
    letters = set(word)
    if letters & _UKRAINIAN:
        return ("uk",)
    if letters & _RUSSIAN:
        return ("ru",)
    return ("uk", "ru")


def _places(lemma: str) -> set[str]:
    """The place an adjective's lemma is made from, in both ways it can be: курський → курськ,
    харківський → харків (a stem shorter than four letters is taken for no place)."""
    for ending in _PLACE_ENDINGS:
        if lemma.endswith(ending):
            return {stem for stem in (lemma[:-2], lemma[:-len(ending)]) if len(stem) >= 4}
    return set()


def _dictionary_lemmas(morph: Any, word: str) -> set[str]:
    """The lemmas the dictionary gives a word, as its own analysis of a known word finds them:
    one walk of the word list, without the guesses and tags a full parse adds (several times
    as slow, and an import looks up every distinct word)."""
    words = morph.dictionary
    return {words.build_normal_form(paradigm, index, spelled)
            for spelled, paradigms in words.words.similar_items(word, morph.char_substitutes)
            for paradigm, index in paradigms}


@functools.lru_cache(maxsize=200_000)
def keys(form: str) -> tuple[str, ...]:
    """What a word (lower case) is looked up by: its lemmas the dictionaries know, and the
    place of a place's adjective; the word itself when the dictionaries do not know it."""
    spelled = form.replace("ʼ", "'").replace("’", "'")
    found = {lemma.replace("ё", "е") for lang in _languages(spelled)
             for lemma in _dictionary_lemmas(analyser(lang), spelled)}
    for lemma in list(found):
        found |= _places(lemma)
    return tuple(sorted(found or {form}))


def forms_in(texts: Iterable[str]) -> set[str]:
    """The distinct Cyrillic words of the texts, lower case: each word as written is lowered
    once for all the texts it is in (an import's texts share most of their words)."""
    written: set[str] = set()
    for text in texts:
        if _has_words(text):
            written.update(WORD.findall(text))
    return {word.lower() for word in written}


#: A Cyrillic letter: looked for alone, it is found faster than WORD looks for a word's start.
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _has_words(text: str) -> bool:
    """Whether WORD can find anything in the text: a text in English is passed over at the
    speed of a search for one range of characters (and one of ASCII alone at once)."""
    return not text.isascii() and (_CYRILLIC.search(text) is not None or "ʼ" in text)


def pairs(forms: Iterable[str]) -> set[tuple[str, str]]:
    """(key, form) of each form: the rows the table holds for them."""
    return {(key, form) for form in forms for key in keys(form)}


def _known(forms: list[str]) -> set[str]:
    known: set[str] = set()
    for i in range(0, len(forms), _BATCH):
        chunk = forms[i:i + _BATCH]
        known.update(form for (form,) in models.database.execute_sql(
            f"SELECT DISTINCT form FROM search_lemma WHERE form IN "
            f"({', '.join('?' * len(chunk))})", chunk))
    return known


def _insert(rows: Iterable[tuple[str, str]]) -> None:
    rows = sorted(rows)  # in key order: each row goes next to the last one written
    for i in range(0, len(rows), _BATCH):
        models.database.cursor().executemany(
            "INSERT OR IGNORE INTO search_lemma (lemma, form) VALUES (?, ?)",
            rows[i:i + _BATCH])


def index_texts(texts: Iterable[str]) -> int:
    """Add the words of `texts` the table does not hold yet, each beside its keys; return how
    many words were new. Runs inside the caller's transaction."""
    return index_forms(forms_in(texts))


def index_forms(forms: set[str]) -> int:
    """`index_texts` of the texts whose `forms_in` these are."""
    new = sorted(forms - _known(sorted(forms)))
    _insert(pairs(new))
    return len(new)


def forms_meanwhile(texts: Sequence[str]) -> Callable[[], set[str]]:
    """`forms_in(texts)` found on a thread of its own while the caller writes to SQLite, which
    runs without Python's lock (an import's search index and commit): the two share the
    machine's cores. The dictionaries the forms are looked up in are loaded there too (the
    first import of a process). Call what it returns for the forms (or the error that
    stopped it)."""
    found: list = []

    def find() -> None:
        try:
            forms = forms_in(texts)
            for lang in ("uk", "ru") if forms else ():
                analyser(lang)
            found.append(forms)
        except BaseException as exc:  # handed to the caller, where it is raised
            found.append(exc)

    thread = threading.Thread(target=find, name="casefile-word-forms", daemon=True)
    thread.start()

    def result() -> set[str]:
        thread.join()
        if isinstance(found[0], BaseException):
            raise found[0]
        return found[0]

    return result


def _every_text() -> Iterable[str]:
    for (text,) in models.database.execute_sql("SELECT text FROM source ORDER BY id"):
        yield text


def present() -> bool:
    """Whether the case holds the table (it may have been removed outside Casefile)."""
    return models.SearchLemma.table_exists()


def rebuild() -> int:
    """Make the table anew from every source's text; return how many words it holds."""
    if not present():  # removed outside Casefile (creating needs more than writing rows)
        models.SearchLemma.create_table()
    models.database.execute_sql("DELETE FROM search_lemma")
    return index_texts(_every_text())


def table_matches(forms: set[str]) -> bool:
    """Whether the table holds exactly the rows that the words `forms` (every word of the
    sources' text) give, no more and no fewer."""
    held = set(models.database.execute_sql("SELECT lemma, form FROM search_lemma"))
    return held == pairs(forms)


def matches_text() -> bool:
    """Whether the table holds exactly the rows the sources' words give: every source is read
    and its words looked up again."""
    if not present():
        return False
    return table_matches(forms_in(_every_text()))


def forms_sharing(word: str, limit: int = 200) -> list[str]:
    """The words of the case that share a key with `word` (itself among them when the case
    holds it), shortest first; [] for a word that is not Cyrillic."""
    form = word.lower()
    if not WORD.fullmatch(form):
        return []
    held = [key for (key,) in models.database.execute_sql(
        "SELECT lemma FROM search_lemma WHERE form = ?", (form,))]
    wanted = held or list(keys(form))
    rows = models.database.execute_sql(
        f"SELECT form FROM search_lemma WHERE lemma IN "
        f"({', '.join('?' * len(wanted))}) GROUP BY form ORDER BY length(form), form LIMIT ?",
        (*wanted, limit))
    return [found for (found,) in rows]
