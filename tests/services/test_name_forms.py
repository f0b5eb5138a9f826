"""Every form of a protected name (Ukrainian and Russian cases, initials, Latin), and matching
that a text cannot dodge. All names and sentences here are made up."""

from __future__ import annotations

import pytest

from desktop.services import name_forms
from desktop.services.name_forms import forms_of, to_latin


def forms(spelling: str) -> set[str]:
    return forms_of(spelling).enumerate()


def test_a_ukrainian_name_in_every_case():
    every = forms("Олександр Петренко")
    for form in ("олександр петренко", "олександра петренка", "олександрові петренку",
                 "олександру петренку", "олександром петренком", "олександре петренку",
                 "олександрі петренкові", "петренки", "петренків"):
        assert form in every, form


def test_a_feminine_surname_that_does_not_decline_and_one_that_does():
    assert "марії коваль" in forms("Марія Коваль")
    assert {"ковальської", "ковальською", "ковальський"} <= forms("Ганна Ковальська")


def test_russian_forms_decline_the_first_name_not_the_surname_in_enko():
    every = forms("Александр Петренко")
    assert {"александра петренко", "александром петренко", "александру петренко"} <= every


@pytest.mark.parametrize(("surname", "genitive"), [
    ("Петренко", "петренка"), ("Коваль", "коваля"), ("Марченко", "марченка"),
    ("Бондар", "бондаря"),
    # Made up: the analyser does not know them, so their paradigms are predicted.
    ("Гнатюшенко", "гнатюшенка"), ("Кочубейчук", "кочубейчука"),
])
def test_surnames_known_and_unknown_decline(surname, genitive):
    part = forms_of(surname).surname
    assert part is not None and genitive in part.forms


def test_surname_alone_and_with_initials():
    every = forms("Олександр Миколайович Петренко")
    assert {"петренко", "о. м. петренко", "петренко о. м.", "o. m. petrenko",
            "petrenko o. m."} <= every


def test_the_surname_of_a_name_written_surname_first():
    assert forms_of("Петренко Олександр Миколайович").surname.text == "Петренко"
    assert forms_of("Petro Shevchuk Jr").surname.text == "Shevchuk"


def test_official_transliteration_of_2010():
    assert to_latin("Олександр Петренко") == "oleksandr petrenko"
    assert [to_latin(w) for w in ("Згурський", "Юрій", "Євген", "Знам'янка", "Щербань",
                                  "Ярошенко", "Їжакевич", "Йосипенко")] == [
        "zghurskyi", "yurii", "yevhen", "znamianka", "shcherban", "yaroshenko", "yizhakevych",
        "yosypenko"]
    assert {"oleksandra petrenka", "oleksandrom petrenkom"} <= forms("Олександр Петренко")


def test_a_latin_spelling_finds_its_cyrillic_forms():
    every = forms("Mariia Koval")
    assert {"марія коваль", "марії коваль", "mariia koval"} <= every


def test_apostrophe_variants():
    part = forms_of("Мар'яна Левчук").parts[0]
    assert {"мар'яна", "марʼяна", "мар’яна", "мар'яни"} <= part.forms


def test_the_analysers_load_once():
    assert name_forms.analyser("uk") is name_forms.analyser("uk")
