"""What a dossier contains, read from the open case in a handful of queries.

One query per table, whatever the number of incidents: the export must stay fast on cases of
thousands of incidents, so nothing here runs a query per incident or per span.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from desktop.domain.models import AuditEntry, Case, Incident, Source
from desktop.services.evidence import EvidenceRow, backing_of, conflicts_in, evidence_rows

# Everything about a source except its text, which a dossier never prints whole.
_SOURCE_COLUMNS = tuple(f for f in Source._meta.sorted_fields
                        if f.name not in ("text", "extra"))


@dataclass
class IncidentData:
    """An incident and its evidence, grouped the ways the dossier shows it."""

    incident: Incident
    spans: list[EvidenceRow]  # by number

    @property
    def draft(self) -> bool:
        return self.incident.state != "approved"

    @property
    def usable(self) -> list[EvidenceRow]:
        return [s for s in self.spans if s.usable]

    @property
    def rejected(self) -> list[EvidenceRow]:
        return [s for s in self.spans if not s.usable]

    def backing(self) -> dict[str, list[EvidenceRow]]:
        """Usable spans grouped by the field or element they back (evidence.backing's rule)."""
        return backing_of(self.spans)

    def conflicts(self) -> dict[str, dict[str, list[EvidenceRow]]]:
        """Fields whose spans assert different values (evidence.conflicts' rule)."""
        return conflicts_in(self.backing())


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
    by_incident: dict[int, list[EvidenceRow]] = {i.id: [] for i in incidents}
    for row in evidence_rows(by_number=True):
        spans = by_incident.get(row.incident_id)
        if spans is not None:
            spans.append(row)
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
