"""The words a case's table of dictionary forms is made from."""

from __future__ import annotations

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
