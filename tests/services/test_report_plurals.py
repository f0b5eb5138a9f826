"""What a check-in and a merge of a reviewer's copy brought in is counted in words that agree
with their numbers, in English and in Ukrainian (three forms), never "decision(s)"."""

from __future__ import annotations

from desktop.services.checkout import CheckinReport
from desktop.services.handover import MergeReport
from desktop.services.words import in_language


def checkin(new: int, edits: int, decisions: int, conflicts: int) -> CheckinReport:
    return CheckinReport(file="field.casefile", checkout="c1", numbers=["E-1"] * new,
                         edits=["INC-001: title"] * edits, decisions=["E-1"] * decisions,
                         conflicts=["E-1: note"] * conflicts)


def test_a_check_in_is_counted_in_english_words():
    assert checkin(1, 2, 1, 0).summary() == (
        "Brought in 1 new record, 2 edits and 1 decision; 0 conflicts left for a person to "
        "decide.")


def test_a_check_in_is_counted_in_the_three_ukrainian_forms():
    with in_language("uk"):
        one, few, many = (checkin(n, n, n, n).summary() for n in (1, 3, 5))
    assert "1 новий запис" in one and "1 зміну" in one and "1 рішення" in one
    assert "1 конфлікт" in one
    assert "3 нові записи" in few and "3 зміни" in few and "3 конфлікти" in few
    assert "5 нових записів" in many and "5 змін" in many and "5 рішень" in many
    assert "5 конфліктів" in many
    assert "(" not in one + few + many


def test_a_merge_is_counted_in_words_that_agree():
    assert MergeReport(applied=["E-001"], conflicts=[], unchanged=3).summary() == (
        "Brought in 1 decision; 0 conflicts left for you to settle; 3 unchanged.")
    with in_language("uk"):
        said = MergeReport(applied=["E-001"] * 2, conflicts=["E-002"] * 11).summary()
    assert "2 рішення" in said and "11 конфліктів" in said
