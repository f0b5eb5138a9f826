"""A passage's likely fact and its value, in Ukrainian, Russian and English, and the incident
fields the value fills (never overwriting without being asked)."""

from __future__ import annotations

import pytest

from desktop.services import suggestions
from desktop.services.suggestions import Suggestion, fills, suggest


@pytest.mark.parametrize(("quote", "expected"), [
    # dates, at the precision the text has
    ("October 10, 2024", Suggestion("date", "2024-10-10", "day")),
    ("10 жовтня 2024 року", Suggestion("date", "2024-10-10", "day")),
    ("10 октября 2024 года", Suggestion("date", "2024-10-10", "day")),
    ("September 2024", Suggestion("date", "2024-09", "month")),
    ("3 березня 2025 року близько 07:00", Suggestion("date", "2025-03-03", "day")),
    # times
    ("10:00", Suggestion("time", "10:00")),
    ("близько 7.30", Suggestion("time", "07:30")),
    # counts of people, in digits or words, in every case the words take
    ("nine Ukrainian prisoners of war", Suggestion("victims", "9")),
    ("at least 177 Ukrainian prisoners of war", Suggestion("victims", "177")),
    ("дев’ятьох військовополонених", Suggestion("victims", "9")),
    ("сто сімдесят сім полонених", Suggestion("victims", "177")),
    ("девять военнопленных", Suggestion("victims", "9")),
    # places as written; anything else is what happened
    ("Zelenyy Shlyakh", Suggestion("place", "Zelenyy Shlyakh")),
    ("Курської області", Suggestion("place", "Курської області")),
    # an armed force is who did it; a people's word alone is no place
    ("Russian troops", Suggestion("perpetrator", "Russian troops")),
    ("російські окупанти", Suggestion("perpetrator", "російські окупанти")),
    ("військами РФ", Suggestion("perpetrator", "військами РФ")),
    ("Russian", Suggestion("narrative")),
    ("Ukrainian", Suggestion("narrative")),
    ("The prisoners were lined up and shot.", Suggestion("narrative")),
    ("shelling of two villages near the border at night", Suggestion("narrative")),
])
def test_a_passage_suggests_its_fact_and_value(quote, expected):
    assert suggest(quote) == expected


def test_a_chosen_fact_reads_its_own_value():
    assert suggestions.value_for("date", "нас вивели 10 жовтня 2024 року") == Suggestion(
        "date", "2024-10-10", "day")
    assert suggestions.value_for("victims", "дев'ятеро цивільних").value == "9"


def test_a_value_fills_empty_fields_and_names_what_it_would_replace():
    empty = {"date_start": "", "victims_min": None, "victims_max": None, "place": ""}
    assert fills("date", "2024-10-10", empty).fields == {
        "date_start": "2024-10-10", "date_precision": "day"}
    assert fills("victims", "9", empty) == suggestions.Fill(
        {"victims_min": 9, "victims_max": 9}, {})
    assert fills("victims", "9", {"victims_min": 7, "victims_max": 7}).replaces == {
        "victims_min": 7, "victims_max": 7}
    assert fills("date", "not a date", empty).fields == {}


def test_another_spelling_of_the_place_is_kept_beside_it():
    stored = {"place": "Zelenyi Shliakh", "place_alternatives": "Зелений Шлях"}
    assert fills("place", "Zelenyy Shlyakh", stored) == suggestions.Fill(
        {"place_alternatives": "Зелений Шлях; Zelenyy Shlyakh"}, {})
    assert fills("place", "zelenyi shliakh", stored).fields == {}
