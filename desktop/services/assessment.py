"""What the evidence establishes: for every fact and legal element of an incident, the values
claimed with who originated them and for which period, the independent lines of evidence that
agree, whether claims conflict, and how far it is covered.

One function decides it (`assess`); the incident form, the navigator, the dossier and
`casefile facts` all read it, so none of them can tell a reader something another contradicts.

- A **line of evidence** is an originator: the body that observed, counted or stated a thing
  (the claim's own originator, else its source's, else the originator of the source it
  relays). Sources with the same originator, or one relaying another, are one line; a source
  whose originator is not known is a line of its own, never merged with another unknown one.
- Claims of different values over the **same period** (or where a period is not given) are a
  conflict; claims over different periods are shown side by side. Disagreeing claims never
  corroborate each other.
- **Coverage**: *supported* by approved, verified evidence; *contested* when its usable
  evidence is contested or conflicts; *linked* when usable evidence is not yet approved and
  verified; *open* when there is none.
- A span graded "corroborated", or credibility 1 ("confirmed by other sources"), stands only
  where an independent line agrees with it; elsewhere it is listed as a mismatch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop.domain import dates, refs, scales
from desktop.services import evidence, incidents, sources
from desktop.services.evidence import EvidenceRow, normalised_value, period_of
from desktop.services.words import N_, _

#: Grades that claim another source says the same.
_CLAIMS_CORROBORATION = ("corroborated",)
_CONFIRMED_CREDIBILITY = "1"


@dataclass(frozen=True)
class Claim:
    """One value asserted for a fact, over one period, and everything that says it."""

    value: str
    period_start: str
    period_end: str
    scope: str
    originators: tuple[str, ...]  # who originated it, as the case names them ("" : unknown)
    relayed_by: tuple[str, ...]  # the publishers that carry it
    evidence: tuple[int, ...]
    lines: int  # independent lines of evidence that say it

    @property
    def period(self) -> str:
        """The period in words: the scope, else "from – to", "as of …", "since …" or ""."""
        if self.scope:
            return self.scope
        if self.period_start and self.period_end:
            return f"{self.period_start} – {self.period_end}"
        if self.period_end:
            return f"as of {self.period_end}"
        return f"since {self.period_start}" if self.period_start else ""


@dataclass(frozen=True)
class Mismatch:
    """A span whose grade claims corroboration that no independent line gives it."""

    evidence_id: int
    grade: str  # "status corroborated" or "credibility 1"

    def describe(self) -> str:
        return _("{ref} is graded {grade}, but no independent line of evidence agrees with "
                 "it").format(ref=refs.evidence_ref(self.evidence_id), grade=_(self.grade))


@dataclass(frozen=True)
class Assessment:
    """A fact (an incident field) or a legal element, and what its evidence establishes."""

    incident_id: int
    incident_code: str
    fact: str  # an incident field code, or an element key "<qualification>:<element>"
    coverage: str  # scales.COVERAGE_CODES
    claims: tuple[Claim, ...]
    evidence: tuple[int, ...]  # the usable spans behind it
    passages: int  # how many distinct passages those spans are
    independent_lines: int  # lines that agree (behind the best-supported value)
    conflict: bool
    mismatches: tuple[Mismatch, ...] = field(default=())

    @property
    def is_element(self) -> bool:
        return scales.find_element(self.fact) is not None

    @property
    def label(self) -> str:
        return scales.supports_label(self.fact)

    def as_json(self) -> dict:
        """What `casefile facts --json` prints for it."""
        return {
            "incident": self.incident_code, "fact": self.fact, "label": self.label,
            "coverage": self.coverage, "conflict": self.conflict,
            "independent_lines": self.independent_lines, "passages": self.passages,
            "evidence": [refs.evidence_ref(e) for e in self.evidence],
            "values": [{"value": c.value, "originators": list(c.originators),
                        "period": c.period, "as_of": c.period_end,
                        "period_start": c.period_start, "relayed_by": list(c.relayed_by),
                        "lines": c.lines, "evidence": [refs.evidence_ref(e) for e in c.evidence]}
                       for c in self.claims],
            "mismatches": [m.describe() for m in self.mismatches],
        }


class Lines:
    """Which line of evidence each span belongs to (see the module's docstring)."""

    def __init__(self, rows: Iterable[EvidenceRow] = ()) -> None:
        """Reads the origins of the sources of `rows` (and of what they relay), once."""
        self._origins: dict[int, tuple[str, int | None]] = {}
        wanted = {row.source_id for row in rows}
        while wanted:  # a relay's source may relay another in turn
            found = sources.origins(wanted)
            self._origins.update(found)
            wanted = {relays for _, relays in found.values()
                      if relays is not None and relays not in self._origins}

    def originator(self, row: EvidenceRow) -> str:
        """Who originated what the span says, as the case names it ("" when not known)."""
        if row.originator.strip():
            return row.originator.strip()
        source, seen = row.source_id, set()
        while source is not None and source not in seen:
            seen.add(source)
            name, relays = self._origins.get(source, ("", None))
            if name.strip():
                return name.strip()
            source = relays
        return ""

    def line(self, row: EvidenceRow) -> str:
        """The line's key: its originator, else the first source in its chain of relays."""
        name = self.originator(row)
        if name:
            return "origin:" + " ".join(name.casefold().split())
        source, seen = row.source_id, set()
        while self._origins.get(source, ("", None))[1] is not None and source not in seen:
            seen.add(source)
            source = self._origins[source][1]
        return f"source:{source}"


def assess(incident_ids: Sequence[int] | None = None) -> list[Assessment]:
    """Every fact and legal element of these incidents (all when None), by incident code:
    three queries, however many incidents."""
    chosen = incidents.incident_choices(incident_ids)
    if incident_ids is not None and len(chosen) == 1:
        rows = evidence.evidence_rows(incident_id=chosen[0].id)
    else:
        rows = evidence.evidence_rows()
    lines = Lines(rows)
    by_incident: dict[int, list[EvidenceRow]] = {}
    for row in rows:
        by_incident.setdefault(row.incident_id, []).append(row)
    values = incidents.values_of([incident.id for incident in chosen])
    return [_assess_fact(incident.id, incident.code, fact, spans, lines)
            for incident in chosen
            for fact, spans in _facts(by_incident.get(incident.id, []),
                                      values.get(incident.id, {})).items()]


def assess_incident(incident_id: int) -> dict[str, Assessment]:
    """The facts and elements of one incident, by field code or element key."""
    return {a.fact: a for a in assess([incident_id])}


def not_supported(incident_id: int) -> list[Assessment]:
    """The legal elements, and the facts with evidence, that are not supported yet (what a
    sign-off must explain)."""
    return [a for a in assess([incident_id])
            if a.coverage != "supported" and (a.is_element or a.evidence)]


def _facts(rows: Iterable[EvidenceRow], values: dict) -> dict[str, list[EvidenceRow]]:
    """Fact → its spans: every field that has evidence or a value (but the title), and every
    element of the incident's legal qualifications, in the form's order."""
    by_fact: dict[str, list[EvidenceRow]] = {}
    for row in rows:
        if row.supports:
            by_fact.setdefault(row.supports, []).append(row)
    ordered: dict[str, list[EvidenceRow]] = {}
    for code in scales.INCIDENT_FIELD_CODES:
        if code != "title" and (code in by_fact or _has_value(code, values)):
            ordered[code] = by_fact.get(code, [])
    for qualification in values.get("qualifications") or []:
        found = scales.QUALIFICATIONS_BY_CODE.get(qualification)
        for element in found.elements if found else ():
            key = scales.element_key(qualification, element.code)
            ordered[key] = by_fact.get(key, [])
    for fact, spans in by_fact.items():  # evidence on a fact the incident no longer lists
        ordered.setdefault(fact, spans)
    return ordered


#: Incident fields behind each backable fact (a fact is "there" when one of them has a value).
_FIELDS_OF_FACT = {"date": ("date_start", "date_end"), "coordinates": ("latitude", "longitude"),
                   "victims": ("victims_min", "victims_max"),
                   "perpetrator": ("perpetrator_force", "perpetrator_unit"),
                   "region": ("district", "region")}


def fields_of(code: str) -> tuple[str, ...]:
    """The incident fields that hold fact `code`'s value."""
    return _FIELDS_OF_FACT.get(code, (code,))


def _has_value(code: str, values: dict) -> bool:
    return any(values.get(name) not in (None, "", "unknown") for name in fields_of(code))


def _assess_fact(incident_id: int, code: str, fact: str, spans: list[EvidenceRow],
                 lines: Lines) -> Assessment:
    usable = [row for row in spans if row.usable]
    claims = _claims(usable, lines)
    conflict = bool(evidence.disagreeing(usable))
    if claims:
        agreeing = max(claim.lines for claim in claims)
    else:
        agreeing = len({lines.line(row) for row in usable})
    return Assessment(
        incident_id=incident_id, incident_code=code, fact=fact,
        coverage=_coverage(usable, conflict), claims=tuple(claims),
        evidence=tuple(row.id for row in usable),
        passages=len({(row.source_id, row.start, row.end) for row in usable}),
        independent_lines=agreeing, conflict=conflict,
        mismatches=tuple(_mismatches(usable, claims, lines)))


def _claims(usable: list[EvidenceRow], lines: Lines) -> list[Claim]:
    """The values claimed, one per value and period, most lines first."""
    grouped: dict[tuple[str, tuple[str, str]], list[EvidenceRow]] = {}
    for row in usable:
        if row.asserted_value.strip():
            grouped.setdefault((normalised_value(row.asserted_value), period_of(row)),
                               []).append(row)
    claims = [Claim(value=rows[0].asserted_value.strip(), period_start=period[0],
                    period_end=period[1], scope=next((r.scope for r in rows if r.scope), ""),
                    originators=tuple(dict.fromkeys(lines.originator(r) for r in rows)),
                    relayed_by=tuple(dict.fromkeys(r.source_publisher for r in rows
                                                   if r.source_publisher)),
                    evidence=tuple(r.id for r in rows),
                    lines=len({lines.line(r) for r in rows}))
              for (_, period), rows in grouped.items()]
    return sorted(claims, key=lambda c: (-c.lines, _when(c)))


def _when(claim: Claim):
    """Where a claim's period starts (or, with no start, ends), for listing them in order."""
    try:
        return dates.first_day(claim.period_start or claim.period_end) or date.max
    except ValueError:  # a period written before periods were checked
        return date.max


def _coverage(usable: list[EvidenceRow], conflict: bool) -> str:
    """Sources that contradict each other leave a fact contested, whatever else backs it."""
    if not usable:
        return "open"
    if conflict:
        return "contested"
    if any(r.status == "verified" and r.review_state == "approved" for r in usable):
        return "supported"
    if any(r.status == "contested" for r in usable):
        return "contested"
    return "linked"


def _mismatches(usable: list[EvidenceRow], claims: list[Claim],
                lines: Lines) -> list[Mismatch]:
    """Spans graded as confirmed by other sources with no other line agreeing."""
    lines_of_value = {}
    for claim in claims:
        for span in claim.evidence:
            lines_of_value[span] = claim.lines
    all_lines = len({lines.line(r) for r in usable})
    found = []
    for row in usable:
        agreeing = lines_of_value.get(row.id, all_lines if not row.asserted_value.strip() else 1)
        if agreeing >= 2:
            continue
        if row.status in _CLAIMS_CORROBORATION:
            found.append(Mismatch(row.id, N_("status corroborated")))
        elif row.credibility == _CONFIRMED_CREDIBILITY:
            found.append(Mismatch(row.id, N_("credibility 1 (confirmed by other sources)")))
    return found
