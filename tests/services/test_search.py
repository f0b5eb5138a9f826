"""Full-text search over a case's sources: ranked, highlighted, forgiving of what people type."""

from __future__ import annotations

import pytest

from desktop.domain.errors import SearchQueryError
from desktop.services import search, sources

UKRAINIAN = (
    "Офіс Генерального прокурора повідомив про розстріл дев'яти українських "
    "військовополонених поблизу села Зелений Шлях Курської області 10 жовтня 2024 року."
)


pytestmark = pytest.mark.file_and_server


@pytest.fixture
def seeded(case, seed_files, actor, tmp_path):
    extra = tmp_path / "pgo-ua.txt"
    extra.write_text(UKRAINIAN, encoding="utf-8")
    report = sources.import_files([*seed_files, extra], actor=actor)
    assert not report.failed
    return {path.name: source_id for path, source_id in report.imported}


def test_a_word_finds_the_sources_that_contain_it_with_a_highlighted_snippet(seeded):
    hits = search.search("Phenol")
    assert [h.source_id for h in hits] == [seeded["003_b8c3f3517aeeccd0.txt"]]
    hit = hits[0]
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Phenol"]
    assert "New York village" in hit.snippet


def test_results_are_ranked_best_first(seeded):
    hits = search.search("Zelenyy Shlyakh")
    assert hits[0].source_id == seeded["003_b8c3f3517aeeccd0.txt"]
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_cyrillic_words_are_found(seeded):
    hits = search.search("військовополонених")
    assert [h.source_id for h in hits] == [seeded["pgo-ua.txt"]]
    assert "військовополонених" in hits[0].snippet


def test_diacritics_are_ignored(case, actor, tmp_path):
    path = tmp_path / "kyiv.txt"
    path.write_text("Statement issued in Kyïv by the Ombudsman of Ukraine.", encoding="utf-8")
    sources.import_files([path], actor=actor)
    assert len(search.search("Kyiv")) == 1


def test_prefix_and_phrase_syntax_work(seeded):
    assert len(search.search("execut*")) >= 4
    assert [h.source_id for h in search.search('"Phenol Plant"')] == [
        seeded["003_b8c3f3517aeeccd0.txt"]]


@pytest.mark.parametrize("typed", ["POW's", "art. 8(2)(b)(vi)", "10:00", "Kurs’k", "-"])
def test_punctuation_that_people_type_is_not_an_error(seeded, typed):
    search.search(typed)  # must not raise


@pytest.mark.parametrize("bad", ['"unclosed phrase', "executions AND", "NOT", "NEAR(a b",
                                 "NEAR(a b,)", "NEAR(^a b)", "^", "(NEAR(a b) OR c) d",
                                 "^NEAR(a b)", "^a place:b"])
def test_malformed_syntax_gets_a_clear_message(seeded, bad):
    with pytest.raises(SearchQueryError, match="cannot be understood"):
        search.search(bad)


def test_an_empty_query_asks_for_words(seeded):
    with pytest.raises(SearchQueryError, match="Type a word"):
        search.search("   ")


def test_limit_and_offset_page_through_hits(seeded):
    everything = search.search("Ukrainian", limit=50)
    assert len(everything) >= 3
    assert search.search("Ukrainian", limit=2, offset=1) == everything[1:3]


RUSSIAN = "Пленные были расстреляны у села Зелёный Шлях Курской области."
INFLECTED = "Полонені українські військові, яких взяли біля Курська, були розстріляні."


@pytest.fixture
def inflected(seeded, actor, tmp_path):
    found = dict(seeded)
    for name, text in (("ru.txt", RUSSIAN), ("uk-inflected.txt", INFLECTED)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        found[name] = sources.import_files([path], actor=actor).imported[0][1]
    return found


def _hits(query: str) -> dict[int, list[str]]:
    return {h.source_id: [h.snippet[s:e] for s, e in h.highlights] for h in search.search(query)}


def test_a_ukrainian_word_finds_its_inflected_forms(inflected):
    assert _hits("Курськ") == {inflected["pgo-ua.txt"]: ["Курської"],
                               inflected["uk-inflected.txt"]: ["Курська"]}
    assert _hits("полонених") == {inflected["uk-inflected.txt"]: ["Полонені"]}
    assert _hits("військовополонені") == {inflected["pgo-ua.txt"]: ["військовополонених"]}


def test_a_russian_word_finds_its_inflected_forms(inflected):
    assert _hits("пленных") == {inflected["ru.txt"]: ["Пленные"]}
    assert _hits("Курск") == {inflected["ru.txt"]: ["Курской"]}
    assert _hits("зеленый") == {inflected["ru.txt"]: ["Зелёный"]}


def test_every_word_of_a_query_is_found_in_some_form(inflected):
    assert set(_hits("Курськ полонених")) == {inflected["uk-inflected.txt"]}
    assert set(_hits("(Курськ OR Kursk) розстріл")) == {inflected["pgo-ua.txt"]}


def test_a_quoted_phrase_and_a_prefix_stay_exact(inflected):
    assert _hits('"Курськ"') == {}
    assert _hits('"полонених"') == {}
    assert set(_hits('"Курської області" військовополонених')) == {inflected["pgo-ua.txt"]}
    assert set(_hits("Курсь*")) == {inflected["pgo-ua.txt"], inflected["uk-inflected.txt"]}


def test_english_words_are_searched_as_typed(inflected):
    assert search.fts_query("executed prisoners") == '"executed" "prisoners"'
    assert search.fts_query("execut* OR Phenol") == 'execut* OR "Phenol"'
    assert search.fts_query("art. 8(2)(b)") == '"art." "8(2)(b)"'
    found = _hits("prisoner")  # not "prisoners": English words are not inflected
    assert found and {w.lower() for words in found.values() for w in words} == {"prisoner"}


def test_a_word_the_case_does_not_hold_is_still_looked_up_by_its_lemma(inflected):
    assert set(_hits("полоненими")) == {inflected["uk-inflected.txt"]}


def test_each_distinct_word_is_analysed_once(case, actor, tmp_path, monkeypatch):
    from desktop.domain import lemmas

    analysed: list[str] = []
    real = lemmas.keys.__wrapped__

    def counting(form):
        analysed.append(form)
        return real(form)

    counting_keys = lemmas.functools.lru_cache(maxsize=None)(counting)
    monkeypatch.setattr(lemmas, "keys", counting_keys)
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("Полонені, полонені і ще раз полонені.", encoding="utf-8")
    second.write_text("Полонені.", encoding="utf-8")
    sources.import_files([first], actor=actor)
    counting_keys.cache_clear()
    sources.import_files([second], actor=actor)  # the case knows the word already
    assert sorted(analysed) == sorted(["полонені", "і", "ще", "раз"])


ACCOUNTS = {
    "close": "The prisoners were lined up and executed at dawn by the roadside.",
    "reversed": "Executed soldiers and prisoners were found in the forest.",
    "apart": "The prisoners were held in the school basement for many weeks, and in the end "
             "several of them were executed.",
    "lined": "Lined up along the wall, they waited for the prisoners to arrive.",
}


@pytest.fixture
def accounts(case, actor, tmp_path):
    found = {}
    for name, text in ACCOUNTS.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        found[name] = sources.import_files([path], actor=actor).imported[0][1]
    return found


def _found(query: str, accounts: dict[str, int]) -> set[str]:
    names = {source_id: name for name, source_id in accounts.items()}
    return {names[h.source_id] for h in search.search(query)}


def test_near_finds_phrases_within_ten_words_in_either_order(accounts):
    assert _found("NEAR(prisoners executed)", accounts) == {"close", "reversed"}
    assert _found("NEAR(executed prisoners)", accounts) == {"close", "reversed"}
    assert _found("NEAR(prisoners executed, 20)", accounts) == {"close", "reversed", "apart"}


def test_near_counts_the_words_between_the_phrases(accounts):
    # "prisoners were lined up and executed": four words between; "Executed soldiers and
    # prisoners": two.
    assert _found("NEAR(prisoners executed, 3)", accounts) == {"reversed"}
    assert _found("NEAR(prisoners executed, 4)", accounts) == {"close", "reversed"}
    assert _found("NEAR(prisoners executed, 1)", accounts) == set()


def test_near_takes_phrases_prefixes_and_more_than_two(accounts):
    assert _found('NEAR("lined up" executed, 1)', accounts) == {"close"}
    assert _found("NEAR(prison* execut*, 2)", accounts) == {"reversed"}
    assert _found("NEAR(prisoners lined executed, 4)", accounts) == {"close"}
    assert _found("NEAR(prisoners lined executed, 3)", accounts) == set()
    assert _found("NEAR(prisoners executed, 4) NOT dawn", accounts) == {"reversed"}


def test_near_highlights_its_phrases_in_the_snippet(accounts):
    [hit] = search.search("NEAR(lined executed, 2)")
    assert [hit.snippet[s:e].lower() for s, e in hit.highlights] == ["lined", "executed"]


def test_a_caret_finds_a_phrase_only_where_the_text_begins(accounts):
    assert _found("^Executed", accounts) == {"reversed"}
    assert _found("^executed", accounts) == {"reversed"}
    assert _found('^"The prisoners"', accounts) == {"close", "apart"}
    assert _found("^prisoners", accounts) == set()
    assert _found("^lin*", accounts) == {"lined"}


def test_a_caret_combines_with_and_or_and_not(accounts):
    assert _found("executed NOT ^The", accounts) == {"reversed"}
    assert _found("^Lined OR ^Executed", accounts) == {"lined", "reversed"}
    assert _found("^The dawn", accounts) == {"close"}
    assert _found("(^The OR ^Lined) NOT school", accounts) == {"close", "lined"}
    assert _found("^The AND NEAR(prisoners executed)", accounts) == {"close"}


def test_a_column_filter_names_the_one_column_there_is(accounts):
    assert _found("^The text:dawn", accounts) == {"close"}
    assert _found("^The {text}: dawn", accounts) == {"close"}
