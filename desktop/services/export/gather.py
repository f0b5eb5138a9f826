"""What a dossier contains, read from the open case in a handful of queries.

One query per table, whatever the number of incidents, plus one assessment of the incidents
exported (`assessment.assess`, called once per export): the export must stay fast on cases of
thousands of incidents, so nothing here runs a query per incident or per span itself.

What the evidence establishes (coverage, lines of evidence, conflicts, grades that claim a
corroboration no line gives) is decided by `desktop.services.assessment`, never here: the
dossier prints its answer, so it cannot contradict the incident form or `casefile facts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from desktop.domain.models import AuditEntry, Case, Incident, Source
from desktop.services import assessment
from desktop.services.assessment import Assessment, Lines, Mismatch
from desktop.services.evidence import EvidenceRow, backing_of, evidence_rows

# Everything about a source except its text, which a dossier never prints whole.
_SOURCE_COLUMNS = tuple(f for f in Source._meta.sorted_fields
                        if f.name not in ("text", "extra"))


def passage_key(span: EvidenceRow) -> tuple[int, int, int]:
    """What makes spans one passage: the same source, start and end. One passage is one piece
    of evidence however many facts it is linked to."""
    return span.source_id, span.start, span.end


def passages_of(spans: Iterable[EvidenceRow]) -> list[list[EvidenceRow]]:
    """Spans grouped by passage, in the order of each passage's first span."""
    grouped: dict[tuple[int, int, int], list[EvidenceRow]] = {}
    for span in spans:
        grouped.setdefault(passage_key(span), []).append(span)
    return list(grouped.values())


def corroborated(found: Assessment) -> bool:
    """Whether the dossier calls a fact or element corroborated: at least two independent
    lines of evidence agree and no value contradicts it. The incident's corroboration table
    and the summary both count by this."""
    return bool(found.evidence) and not found.conflict and found.independent_lines >= 2


@dataclass
class IncidentData:
    """An incident and its evidence, grouped the ways the dossier shows it."""

    incident: Incident
    spans: list[EvidenceRow]  # by number
    assessed: dict[str, Assessment] = field(default_factory=dict)  # fact or element → it

    @property
    def draft(self) -> bool:
        return self.incident.state != "approved"

    @property
    def usable(self) -> list[EvidenceRow]:
        return [s for s in self.spans if s.usable]

    @property
    def rejected(self) -> list[EvidenceRow]:
        return [s for s in self.spans if not s.usable]

    def passages(self) -> list[list[EvidenceRow]]:
        """The usable spans, one group per passage (see `passage_key`)."""
        return passages_of(self.usable)

    def backing(self) -> dict[str, list[EvidenceRow]]:
        """Usable spans grouped by the field or element they back (evidence.backing's rule)."""
        return backing_of(self.spans)

    def mismatches(self) -> dict[int, Mismatch]:
        """Spans whose grade claims a corroboration no independent line gives, by span id."""
        return {m.evidence_id: m for a in self.assessed.values() for m in a.mismatches}

    def not_supported(self) -> list[Assessment]:
        """Legal elements, and facts with evidence, not supported (assessment.not_supported's
        rule, on the assessment already made)."""
        return [a for a in self.assessed.values()
                if a.coverage != "supported" and (a.is_element or a.evidence)]


class AuditLine(NamedTuple):
    """One entry of the trail as the audit annex prints it."""

    id: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: int | None
    summary: str
    changed: tuple[str, ...]  # the fields an edit changed (the keys of its `after`)
    entry_hash: str


@dataclass
class DossierData:
    """Everything one dossier prints."""

    case: Case
    incidents: list[IncidentData]
    sources: dict[int, Source]
    audit: list[AuditLine] = field(default_factory=list)
    lines: Lines | None = None  # who originated what each span says (assessment's rule)
    incident_codes: dict[int, str] = field(default_factory=dict)  # for the audit annex

    @property
    def evidence(self) -> int:
        """Evidence records (links of a passage to an incident's fact), as the audit counts."""
        return sum(len(i.spans) for i in self.incidents)

    @property
    def passages(self) -> int:
        """Distinct usable passages quoted in the dossier: what the dossier counts as evidence."""
        return len({passage_key(s) for i in self.incidents for s in i.usable})

    @property
    def rejected_passages(self) -> int:
        """Passages quoted only as rejected evidence."""
        usable = {passage_key(s) for i in self.incidents for s in i.usable}
        return len({passage_key(s) for i in self.incidents for s in i.rejected} - usable)


def chosen_incidents(mode: str, selected: Iterable[int]) -> list[Incident]:
    """The incidents a dossier covers, by code: approved ones, every one, or those selected."""
    query = Incident.select().order_by(Incident.code)
    if mode == "approved":
        query = query.where(Incident.state == "approved")
    elif mode == "selected":
        query = query.where(Incident.id.in_(list(selected)))
    return list(query)


def any_incident() -> bool:
    """Whether the case has an incident at all, in any state."""
    return Incident.select().exists()


def gather(incidents: list[Incident], *, audit: bool) -> DossierData:
    """Read the evidence, cited sources, what the evidence establishes and (when asked) the
    audit trail of `incidents`."""
    by_incident: dict[int, list[EvidenceRow]] = {i.id: [] for i in incidents}
    for row in evidence_rows(by_number=True):
        spans = by_incident.get(row.incident_id)
        if spans is not None:
            spans.append(row)
    assessed: dict[int, dict[str, Assessment]] = {i.id: {} for i in incidents}
    for found in assessment.assess([i.id for i in incidents]):
        assessed[found.incident_id][found.fact] = found
    cited = {span.source_id for spans in by_incident.values() for span in spans}
    sources = {s.id: s for s in Source.select(*_SOURCE_COLUMNS).order_by(Source.id)
               if s.id in cited}
    data = DossierData(Case.get(), [IncidentData(i, by_incident[i.id], assessed[i.id])
                                    for i in incidents], sources,
                       lines=Lines(span for spans in by_incident.values() for span in spans))
    if audit:
        data.audit = _audit_lines()
        data.incident_codes = dict(Incident.select(Incident.id, Incident.code).tuples())
    return data


def _audit_lines() -> list[AuditLine]:
    """The trail, newest first; an edit names the fields it changed."""
    lines = []
    for (entry_id, at, actor, action, object_type, object_id, summary, after,
         entry_hash) in AuditEntry.select(
            AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.action,
            AuditEntry.object_type, AuditEntry.object_id, AuditEntry.summary,
            AuditEntry.after, AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).tuples():
        edit = action.endswith(".update") and isinstance(after, dict)
        lines.append(AuditLine(entry_id, at, actor, action, object_type, object_id, summary,
                               tuple(sorted(after)) if edit else (), entry_hash))
    return lines
