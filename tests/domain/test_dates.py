"""Dates as sources give them: a day, a month or a year, read as the days they can mean."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain import dates


@pytest.mark.parametrize(("given", "first", "last"), [
    ("2024-10-04", date(2024, 10, 4), date(2024, 10, 4)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-12", date(2024, 12, 1), date(2024, 12, 31)),
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
])
def test_a_partial_date_means_its_first_to_its_last_day(given, first, last):
    assert dates.span(given) == (first, last)
    assert dates.first_day(given) == first


@pytest.mark.parametrize("given", ["2024-13", "2024-02-30", "24", "2024/10", "October 2024"])
def test_anything_else_is_not_a_date(given):
    assert not dates.is_partial_date(given)
    with pytest.raises(ValueError):
        dates.span(given)


def test_no_date_is_allowed_and_means_nothing():
    assert dates.is_partial_date("") and dates.span("") is None
