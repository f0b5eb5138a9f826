"""What a dossier contains, read from the open case in a handful of queries.

One query per table, whatever the number of incidents: the export must stay fast on cases of
thousands of incidents, so nothing here runs a query per incident or per span.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from desktop.domain.models import AuditEntry, Case, Evidence, Incident, Source
from desktop.services.evidence import normalised_value


class Span(NamedTuple):
    """One evidence span with what the dossier prints about it."""

    id: int
    source_id: int
    start: int
    end: int
    quote: str
    supports: str
    asserted_value: str
    status: str
    credibility: str
    note: str
    created_at: str
    created_by: str
    review_state: str
    review_comment: str
    reviewed_at: str
    reviewed_by: str

    @property
    def ref(self) -> str:
        """The span's reference, stable across dossiers: E-012."""
        return f"E-{self.id:03d}"

    @property
    def rejected(self) -> bool:
        return self.status == "rejected"


_SPAN_COLUMNS = (
    Evidence.id, Evidence.source, Evidence.start, Evidence.end, Evidence.quote, Evidence.supports,
    Evidence.asserted_value, Evidence.status, Evidence.credibility, Evidence.note,
    Evidence.created_at, Evidence.created_by, Evidence.review_state, Evidence.review_comment,
    Evidence.reviewed_at, Evidence.reviewed_by,
)

# Everything about a source except its text, which a dossier never prints whole.
_SOURCE_COLUMNS = tuple(f for f in Source._meta.sorted_fields
                        if f.name not in ("text", "extra"))


@dataclass
class IncidentData:
    """An incident and its evidence, grouped the ways the dossier shows it."""

    incident: Incident
    spans: list[Span]

    @property
    def draft(self) -> bool:
        return self.incident.state != "approved"

    @property
    def usable(self) -> list[Span]:
        return [s for s in self.spans if not s.rejected]

    @property
    def rejected(self) -> list[Span]:
        return [s for s in self.spans if s.rejected]

    def backing(self) -> dict[str, list[Span]]:
        """Usable spans grouped by the field or element they back (as evidence.backing)."""
        grouped: dict[str, list[Span]] = {}
        for span in self.usable:
            if span.supports:
                grouped.setdefault(span.supports, []).append(span)
        return grouped

    def conflicts(self) -> dict[str, dict[str, list[Span]]]:
        """Fields whose spans assert different values (as evidence.conflicts)."""
        found: dict[str, dict[str, list[Span]]] = {}
        for supports, spans in self.backing().items():
            by_value: dict[str, list[Span]] = {}
            for span in spans:
                if span.asserted_value.strip():
                    by_value.setdefault(normalised_value(span.asserted_value), []).append(span)
            if len(by_value) > 1:
                found[supports] = {group[0].asserted_value.strip(): group
                                   for group in by_value.values()}
        return found


class AuditLine(NamedTuple):
    at: str
    actor: str
    action: str
    summary: str


@dataclass
class DossierData:
    """Everything one dossier prints."""

    case: Case
    incidents: list[IncidentData]
    sources: dict[int, Source]
    audit: list[AuditLine] = field(default_factory=list)

    @property
    def evidence(self) -> int:
        return sum(len(i.spans) for i in self.incidents)


def chosen_incidents(mode: str, selected: Iterable[int]) -> list[Incident]:
    """The incidents a dossier covers, by code: approved ones, every one, or those selected."""
    query = Incident.select().order_by(Incident.code)
    if mode == "approved":
        query = query.where(Incident.state == "approved")
    elif mode == "selected":
        query = query.where(Incident.id.in_(list(selected)))
    return list(query)


def gather(incidents: list[Incident], *, audit: bool) -> DossierData:
    """Read the evidence, cited sources and (when asked) the audit trail of `incidents`."""
    by_incident: dict[int, list[Span]] = {i.id: [] for i in incidents}
    query = (Evidence.select(Evidence.incident, *_SPAN_COLUMNS)
             .where(Evidence.incident.is_null(False)).order_by(Evidence.id).tuples())
    for incident_id, *values in query:
        spans = by_incident.get(incident_id)
        if spans is not None:
            spans.append(Span(*values))
    cited = {span.source_id for spans in by_incident.values() for span in spans}
    sources = {s.id: s for s in Source.select(*_SOURCE_COLUMNS).order_by(Source.id)
               if s.id in cited}
    lines = []
    if audit:
        lines = [AuditLine(*row) for row in AuditEntry.select(
            AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.summary)
            .order_by(AuditEntry.id.desc()).tuples()]
    return DossierData(Case.get(), [IncidentData(i, by_incident[i.id]) for i in incidents],
                       sources, lines)
