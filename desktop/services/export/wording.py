"""How the dossier writes values in words: dates, counts, grades and evidence references.

In the dossier's language (`desktop.services.words`): a Ukrainian edition writes
“6 вересня 2024 р.”, “12 345” and plural forms by Ukrainian rules, with non-breaking spaces
where Ukrainian typography keeps words together (a day and its month, a year and “р.”)."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from desktop.domain import scales
from desktop.domain.models import Incident, Source
from desktop.services import words
from desktop.services.evidence import EvidenceRow
from desktop.services.words import N_, _, ngettext

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# Ukrainian months: of a day (“6 вересня”) and on their own (“вересень 2024 р.”).
UK_MONTHS_OF_DAY = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня",
                    "серпня", "вересня", "жовтня", "листопада", "грудня")
UK_MONTHS = ("січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
             "серпень", "вересень", "жовтень", "листопад", "грудень")
NONE = "—"
NBSP = "\u00a0"
# A count standing before the word it counts ("9 supported", "2 independent lines"): not a
# part of a longer number, date or reference.
_COUNT = re.compile(r"(?<![\w.,:\u00a0-])(\d+) (?=[^\W\d])")


def counts_kept(text: str) -> str:
    """Generated wording with each count joined to the word it counts by a no-break space, so
    that a narrow column never leaves the number at one line's end and its noun on the next
    (“Elements: 9 / supported”). Only for the dossier's own words, never for a quote."""
    return _COUNT.sub("\\1" + NBSP, text)


def day(value: str) -> str:
    """An ISO date (or YYYY-MM, YYYY) as 6 September 2024 (6 вересня 2024 р.); other text
    unchanged."""
    return _day(value, words.language())


@lru_cache(maxsize=4096)
def _day(value: str, language: str) -> str:
    if not value:
        return ""
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) > 1 and not 1 <= parts[1] <= 12:
            return value
    except ValueError:
        return value
    if language == "uk":
        year = f"{parts[0]}{NBSP}р."
        if len(parts) == 3:
            return f"{parts[2]}{NBSP}{UK_MONTHS_OF_DAY[parts[1] - 1]} {year}"
        return f"{UK_MONTHS[parts[1] - 1]} {year}" if len(parts) == 2 else year
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def moment(value: str) -> str:
    """A stored UTC time (2025-01-02T10:00:00Z) as 2 January 2025, 10:00 UTC."""
    return _moment(value, words.language())


@lru_cache(maxsize=4096)
def _moment(value: str, language: str) -> str:
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return f"{_day(when.date().isoformat(), language)}, {when:%H:%M}{NBSP}UTC"


def quoted(text: str) -> str:
    """`text` in the quotation marks of the dossier's language: “…” in English, «…» in
    Ukrainian."""
    return f"«{text}»" if words.language() == "uk" else f"“{text}”"


def number(count: int | float, decimals: int = 0) -> str:
    """A number with its digits grouped: 12,345 (12 345 in Ukrainian, with a decimal comma)."""
    text = f"{count:,.{decimals}f}"
    if words.language() == "uk":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def event_date(incident: Incident) -> str:
    """The event date or range, at its precision: “around 6 September 2024 (approximate)”."""
    start, end = incident.date_start, incident.date_end
    if not start:
        return ""
    if incident.date_precision == "month":
        start, end = start[:7], end[:7]
    text = day(start) if not end or end == start else f"{day(start)} – {day(end)}"
    precision = _(scales.label(scales.DATE_PRECISIONS, incident.date_precision)).lower()
    if incident.date_precision == "approximate":
        text = _("around {date}").format(date=text)
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
    return _("{place} (also spelled {spellings})").format(place=incident.place,
                                                           spellings=", ".join(others))


def region(incident: Incident) -> str:
    """District, region and country."""
    return ", ".join(v for v in (incident.district, incident.region, incident.country) if v)


def coordinates(incident: Incident) -> str:
    """Latitude and longitude with where they come from."""
    if incident.latitude is None or incident.longitude is None:
        return ""
    text = f"{incident.latitude:.5f}, {incident.longitude:.5f}"
    return _("{coordinates} (source: {source})").format(
        coordinates=text, source=incident.coordinates_source) if incident.coordinates_source \
        else text


def qualifications(incident: Incident) -> str:
    """The instruments of an incident's legal qualifications."""
    return "; ".join(_(scales.QUALIFICATIONS_BY_CODE[q].instrument)
                     for q in incident.qualifications or [] if q in scales.QUALIFICATIONS_BY_CODE)


def grade(source: Source, span: EvidenceRow) -> str:
    """The Admiralty grade: source reliability and information credibility, e.g. B2."""
    return f"{source.reliability}{span.credibility}"


def grade_words(source: Source, span: EvidenceRow) -> str:
    """The grade's meaning in words."""
    return (f"{_(scales.label(scales.SOURCE_RELIABILITY, source.reliability)).lower()}; "
            f"{_(scales.label(scales.INFORMATION_CREDIBILITY, span.credibility)).lower()}")


def publisher(source: Source) -> str:
    """Who published a source: its publisher, else its title. A publisher relays; it is not a
    line of evidence (who originated what it says is: see `assessment`)."""
    return source.publisher.strip() or source.title.strip() or \
        _("source {number}").format(number=source.id)


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
        return _("as of {date}").format(date=day(end))
    return _("since {date}").format(date=day(start)) if start else ""


def supports(code: str) -> str:
    """What a span backs, in words (as `scales.supports_label`), in the dossier's language."""
    if code in scales.INCIDENT_FIELD_CODES:
        return _(scales.label(scales.INCIDENT_FIELDS, code))
    found = scales.find_element(code)
    if found:
        qualification, element = found
        return f"{_(qualification.instrument)}: {_(element.label)}"
    return code


def coverage(code: str) -> str:
    """A coverage level's label: Supported, Contested, Linked, not verified, Open."""
    return _(scales.label(scales.COVERAGE_LEVELS, code))


def lines(count: int) -> str:
    """“1 line of evidence”, “2 independent lines”."""
    return ngettext("{n} line of evidence", "{n} independent lines", count).format(
        n=number(count))


#: The languages sources come in, as a reader names them (a source records an ISO 639-1 code).
LANGUAGE_NAMES = {"uk": N_("Ukrainian"), "ru": N_("Russian"), "en": N_("English"),
                  "be": N_("Belarusian"), "pl": N_("Polish"), "de": N_("German"),
                  "fr": N_("French"), "crh": N_("Crimean Tatar")}

#: The kinds of file Casefile imports, in words, each beside its media type.
MEDIA_TYPE_NAMES = {
    "text/plain": N_("plain text"),
    "text/markdown": N_("Markdown text"),
    "text/html": N_("web page (HTML)"),
    "application/pdf": N_("PDF document"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
        N_("Word document"),
    "multipart/related": N_("web page saved as MHTML"),
    "application/warc": N_("web archive (WARC)"),
    "image/png": N_("PNG image"),
    "image/jpeg": N_("JPEG image"),
    "image/tiff": N_("TIFF image"),
}


def language_name(code: str) -> str:
    """A source's language in words (“Ukrainian”); an unknown code as it is recorded."""
    name = LANGUAGE_NAMES.get(code.strip().lower())
    return _(name) if name else code


def media_type(value: str) -> str:
    """A media type in words with the type itself: “plain text (text/plain)”."""
    name = MEDIA_TYPE_NAMES.get(value.strip().lower())
    return f"{_(name)} ({value})" if name else value


def size(count: int) -> str:
    """A byte count in readable units."""
    exact = ngettext("{n} byte", "{n} bytes", count).format(n=number(count))
    if count < 1024:
        return exact
    if count < 1024 * 1024:
        return _("{size} KB ({bytes})").format(size=number(count / 1024, 1), bytes=exact)
    return _("{size} MB ({bytes})").format(size=number(count / 1024 / 1024, 1), bytes=exact)


def plural(count: int, word: str, many: str | None = None) -> str:
    """“1 source”, “3 sources”."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
