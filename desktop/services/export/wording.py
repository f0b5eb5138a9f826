"""How the dossier writes values in words: dates, counts, grades and evidence references."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from desktop.domain import scales
from desktop.domain.models import Incident, Source
from desktop.domain.refs import evidence_ref
from desktop.services.evidence import EvidenceRow

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
NONE = "—"


@lru_cache(maxsize=4096)
def day(value: str) -> str:
    """An ISO date (or YYYY-MM, YYYY) as 6 September 2024; other text unchanged."""
    if not value:
        return ""
    try:
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return value
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


@lru_cache(maxsize=4096)
def moment(value: str) -> str:
    """A stored UTC time (2025-01-02T10:00:00Z) as 2 January 2025, 10:00 UTC."""
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return f"{day(when.date().isoformat())}, {when:%H:%M} UTC"


def event_date(incident: Incident) -> str:
    """The event date or range, at its precision: “around 6 September 2024 (approximate)”."""
    start, end = incident.date_start, incident.date_end
    if not start:
        return ""
    if incident.date_precision == "month":
        start, end = start[:7], end[:7]
    text = day(start) if not end or end == start else f"{day(start)} – {day(end)}"
    precision = scales.label(scales.DATE_PRECISIONS, incident.date_precision).lower()
    if incident.date_precision == "approximate":
        text = f"around {text}"
    return f"{text} ({precision})"


def victims(incident: Incident) -> str:
    """The count of victims as min–max, or the one number when both agree."""
    low, high = incident.victims_min, incident.victims_max
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return str(low if high is None else high)
    return f"{low}–{high}"


def perpetrator(incident: Incident) -> str:
    """Force and unit of the alleged perpetrator."""
    return " · ".join(v for v in (incident.perpetrator_force, incident.perpetrator_unit) if v)


def place(incident: Incident) -> str:
    """The place, with its other spellings."""
    others = [line.strip() for line in incident.place_alternatives.splitlines() if line.strip()]
    if not others:
        return incident.place
    return f"{incident.place} (also spelled {', '.join(others)})"


def region(incident: Incident) -> str:
    """District, region and country."""
    return ", ".join(v for v in (incident.district, incident.region, incident.country) if v)


def coordinates(incident: Incident) -> str:
    """Latitude and longitude with where they come from."""
    if incident.latitude is None or incident.longitude is None:
        return ""
    text = f"{incident.latitude:.5f}, {incident.longitude:.5f}"
    return f"{text} (source: {incident.coordinates_source})" if incident.coordinates_source \
        else text


def qualifications(incident: Incident) -> str:
    """The instruments of an incident's legal qualifications."""
    return "; ".join(scales.QUALIFICATIONS_BY_CODE[q].instrument
                     for q in incident.qualifications or [] if q in scales.QUALIFICATIONS_BY_CODE)


def refs(spans: Iterable[EvidenceRow]) -> str:
    """Evidence references in brackets: [E-012, E-031], or empty."""
    names = [s.ref for s in spans]
    return f"[{', '.join(names)}]" if names else ""


def refs_of(ids: Iterable[int]) -> str:
    """The same, for span ids (as an assessment names its evidence), by number."""
    names = [evidence_ref(i) for i in sorted(ids)]
    return f"[{', '.join(names)}]" if names else ""


def grade(source: Source, span: EvidenceRow) -> str:
    """The Admiralty grade: source reliability and information credibility, e.g. B2."""
    return f"{source.reliability}{span.credibility}"


def grade_words(source: Source, span: EvidenceRow) -> str:
    """The grade's meaning in words."""
    return (f"{scales.label(scales.SOURCE_RELIABILITY, source.reliability).lower()}; "
            f"{scales.label(scales.INFORMATION_CREDIBILITY, span.credibility).lower()}")


def publisher(source: Source) -> str:
    """Who published a source: its publisher, else its title. A publisher relays; it is not a
    line of evidence (who originated what it says is: see `assessment`)."""
    return source.publisher.strip() or source.title.strip() or f"source {source.id}"


def decided_on(value: str) -> str:
    """When a reviewer decided, as a date (the stored UTC time's day)."""
    return day(value[:10]) if value else ""


def period(start: str, end: str, scope: str = "") -> str:
    """The window a claim speaks of, in words (as `assessment.Claim.period` reads it): its
    scope when the documenter wrote one, else “August 2024 – December 2024”, “as of
    4 October 2024”, “since August 2024”, or "" when none is given."""
    start, end, scope = start.strip(), end.strip(), scope.strip()
    if scope:
        return scope
    if start and end:
        return day(start) if start == end else f"{day(start)} – {day(end)}"
    if end:
        return f"as of {day(end)}"
    return f"since {day(start)}" if start else ""


def coverage(code: str) -> str:
    """A coverage level's label: Supported, Contested, Linked, not verified, Open."""
    return scales.label(scales.COVERAGE_LEVELS, code)


def lines(count: int) -> str:
    """“1 line of evidence”, “2 independent lines”."""
    return "1 line of evidence" if count == 1 else f"{count:,} independent lines"


def size(count: int) -> str:
    """A byte count in readable units."""
    if count < 1024:
        return f"{count:,} bytes"
    if count < 1024 * 1024:
        return f"{count / 1024:,.1f} KB ({count:,} bytes)"
    return f"{count / 1024 / 1024:,.1f} MB ({count:,} bytes)"


def plural(count: int, word: str, many: str | None = None) -> str:
    """“1 source”, “3 sources”."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
