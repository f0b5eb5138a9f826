"""Dates as sources give them: a day (2024-10-01), a month (2024-10) or a year (2024).

Casefile stores them as ISO 8601 text at the precision the source has; this is the one place
that reads them, as the first and the last day they can mean.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def span(value: str) -> tuple[date, date] | None:
    """The first and last day a partial date can mean (None for ""); ValueError if it is not
    one: "2024-10" → (2024-10-01, 2024-10-31)."""
    if not value:
        return None
    found = _PARTIAL.match(value.strip())
    if not found:
        raise ValueError(value)
    year, month, day = (int(part) if part else None for part in found.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    day_itself = date(year, month, day)
    return day_itself, day_itself


def first_day(value: str) -> date | None:
    """The first day a partial date can mean ("2024-10" → 2024-10-01), None for ""."""
    found = span(value)
    return found[0] if found else None


def is_partial_date(value: str) -> bool:
    """Whether `value` is "" or a day, month or year in ISO 8601."""
    try:
        span(value)
    except ValueError:
        return False
    return True
