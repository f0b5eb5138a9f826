"""The words a case's table of dictionary forms is made from."""

from __future__ import annotations

import pytest

from desktop.domain import lemmas


def test_the_words_of_many_texts_are_their_cyrillic_words_in_lower_case() -> None:
    texts = ["Свідок ДЕВ'ЯТЬ разів бачив танк (Tank) біля Київ.", "свідок з Києва, 12 травня",
             "No Cyrillic here at all"]
    assert lemmas.forms_in(texts) == {"свідок", "дев'ять", "разів", "бачив", "танк", "біля",
                                      "київ", "з", "києва", "травня"}


def test_an_apostrophe_belongs_to_a_word_only_between_its_letters() -> None:
    assert lemmas.forms_in(["'пам'ять' та об’єкт''два"]) == {"пам'ять", "та", "об’єкт", "два"}


def test_the_words_of_no_texts_are_none() -> None:
    assert lemmas.forms_in([]) == set()


def test_the_words_found_meanwhile_are_the_words_of_the_texts() -> None:
    texts = ["Свідок бачив танк", "Танк біля школи", "A text in English"]
    assert lemmas.forms_meanwhile(texts)() == lemmas.forms_in(texts)


def test_what_stops_the_words_being_found_meanwhile_is_raised_to_the_caller() -> None:
    found = lemmas.forms_meanwhile([None])  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        found()


def test_texts_passed_over_as_wordless_are_those_in_which_word_finds_nothing() -> None:
    texts = ["plain ASCII", "“Curly” quotes — and é", "Oʼzbekiston", "Ёлка", "ѐ\u04ff", "",
             "日本語のテキスト", "mixed Київ text"]
    for text in texts:
        assert lemmas.forms_in([text]) == {w.lower() for w in lemmas.WORD.findall(text)}
