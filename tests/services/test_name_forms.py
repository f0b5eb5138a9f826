"""Every form of a protected name (Ukrainian and Russian cases, initials, Latin), and matching
that a text cannot dodge. All names and sentences here are made up."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.services import name_forms, protection
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


# -- Matching ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def redact():
    return protection.Redactor([
        ("W-001", "Олександр Миколайович Петренко"),
        ("W-002", "Марія Коваль"),
        ("W-003", "Бондар"),
        ("V-001", "Александр Марченко"),
    ])


@pytest.mark.parametrize(("text", "expected"), [
    # Five grammatical cases of one name, and the vocative.
    ("Свідком був Олександр Петренко.", "Свідком був W-001."),
    ("Показання Олександра Петренка записано.", "Показання W-001 записано."),
    ("Повістку вручили Олександрові Петренку і Олександру Петренку.",
     "Повістку вручили W-001 і W-001."),
    ("Розмову з Олександром Петренком перервали.", "Розмову з W-001 перервали."),
    ("Йшлося про Олександра Петренка та при Олександрові Петренкові.",
     "Йшлося про W-001 та при W-001."),
    ("Олександре Петренку, підпишіть.", "W-001, підпишіть."),
    # Surname alone, initials, surname first, Latin.
    ("Петренко підтвердив.", "W-001 підтвердив."),
    ("Допитано О. Петренка; О. М. Петренко підписав.", "Допитано W-001; W-001 підписав."),
    ("Протокол склав Петренко О. М. сьогодні.", "Протокол склав W-001 сьогодні."),
    ("Петренко Олександр Миколайович, 1980 р. н.", "W-001, 1980 р. н."),
    ("Witness O. Petrenko and Oleksandr Petrenko.", "Witness W-001 and W-001."),
    # A text that tries to dodge: a line break, a soft hyphen, a zero-width space, a Latin
    # "е" and "о" in the Cyrillic word, a Cyrillic "о" in the Latin one, NFD.
    ("Олександр\nПетренко сказав", "W-001 сказав"),
    ("Олександр  \r\n  Петренка", "W-001"),
    ("Пет\u00adренко і Петрен-\nка", "W-001 і W-001"),
    # …the same break made a space when the text was put on one line, and in Latin.
    ("як Петрен- ка виводили", "як W-001 виводили"),
    ("Witness Petren-\nko and Petren- ko", "Witness W-001 and W-001"),
    ("Олек\u200bсандр Петренко\u2060", "W-001\u2060"),
    ("Пeтренкo прийшов; Petrenkо пішов", "W-001 прийшов; W-001 пішов"),
    (unicodedata.normalize("NFD", "Петренко й Йосип"), "W-001 " + unicodedata.normalize(
        "NFD", "й Йосип")),
    ("ПЕТРЕНКО ЗАЯВИВ", "W-001 ЗАЯВИВ"),
    # Identifiers: `_`, digits, CamelCase, a URL path, a lower-case join.
    ("Petrenko_interview_2024.txt", "W-001_interview_2024.txt"),
    ("PetrenkoStatement.txt", "W-001Statement.txt"),
    ("https://example.org/files/OleksandrPetrenko/statement", "https://example.org/files/"
     "W-001/statement"),
    ("oleksandr.petrenko@example.org, 2024Petrenko", "W-001@example.org, 2024W-001"),
    # A feminine surname that does not decline; a Russian text; a surname alone.
    ("Марії Коваль погрожували; Марію Коваль вивезли.", "W-002 погрожували; W-002 вивезли."),
    ("Показания Александра Марченко; с Александром Марченко.", "Показания V-001; с V-001."),
    ("Бондаря допитали, Бондарем опікувалися.", "W-003 допитали, W-003 опікувалися."),
    ("Мар\u02bcяна Бондар", "Мар\u02bcяна W-003"),
])
def test_every_form_is_replaced_however_written(redact, text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "Бондарство і ковальство — старі ремесла.",
    "Бондарівка, Ковальчук, Петренкове подвір'я, Марченківська вулиця.",
    "Marchenkova is another person; Petrenkovych too.",
    "Олександрія лежить на сході.",
])
def test_words_that_merely_start_like_a_name_are_untouched(redact, text):
    assert redact(text) == text


def test_offsets_are_those_of_the_real_text(redact):
    text = "Бачив Пет\u00adрен\u200bка вчора"
    [(start, end, pseudonym)] = redact.find(text)
    assert (text[start:end], pseudonym) == ("Пет\u00adрен\u200bка", "W-001")


def test_a_made_up_surname_is_declined_when_matched():
    redact = protection.Redactor([("W-009", "Гнатюшенко")])
    assert redact("Від Гнатюшенка та Гнатюшенкові") == "Від W-009 та W-009"
