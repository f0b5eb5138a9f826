"""One incident's section: facts with their evidence, narrative, legal elements, quotes and
corroboration."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain import scales
from desktop.domain.models import Incident
from desktop.services.evidence import EvidenceRow
from desktop.services.export import styles, wording
from desktop.services.export.document import DossierWriter, Run, TableWriter
from desktop.services.export.gather import DossierData, IncidentData
from desktop.services.export.sections import incident_title

# The incident form's facts, as the facts table prints them (the narrative has its own part).
FACTS: tuple[tuple[str, Callable[[Incident], str]], ...] = (
    ("title", lambda i: i.title),
    ("date", wording.event_date),
    ("report_date", lambda i: wording.day(i.report_date)),
    ("time", lambda i: i.time),
    ("place", wording.place),
    ("region", wording.region),
    ("coordinates", wording.coordinates),
    ("victims", wording.victims),
    ("victim_status", lambda i: "" if i.victim_status == "unknown"
     else scales.label(scales.VICTIM_STATUSES, i.victim_status)),
    ("perpetrator", wording.perpetrator),
)
# Named people are printed beside the fact they belong to (and redacted with everything else).
NAMED = {"victim_status": ("victims_named", "Named victims"),
         "perpetrator": ("perpetrators_named", "Named perpetrators")}


def incident_section(writer: DossierWriter, data: DossierData, item: IncidentData) -> None:
    """The whole section of one incident."""
    writer.heading(incident_title(item), 1)
    if item.draft:
        state = scales.label(scales.INCIDENT_STATES, item.incident.state).lower()
        writer.paragraph(f"DRAFT — this incident is {state}, not approved by review.",
                         styles.BANNER)
    backing = item.backing()
    facts(writer, data, item, backing)
    narrative(writer, item, backing)
    qualification(writer, item, backing)
    evidence(writer, data, item)
    corroboration(writer, data, item, backing)


def _disagreement(data: DossierData, values: dict[str, list[EvidenceRow]]) -> Run:
    """“Sources disagree: 79 [E-004] (UN HRMMU) · 177 [E-009] (Ombudsman)”."""
    parts = []
    for value, spans in values.items():
        parts.append(f"{value} {wording.refs(spans)} ({', '.join(_independent(data, spans))})")
    return Run("\nSources disagree: " + " · ".join(parts), bold=True)


def facts(writer: DossierWriter, data: DossierData, item: IncidentData,
          backing: dict[str, list[EvidenceRow]]) -> None:
    """Fact | Value, every value followed by the references of the evidence backing it."""
    writer.heading("Facts", 2)
    conflicts = item.conflicts()
    table = writer.table(("Fact", "Value and evidence"), (1, 3))
    for code, value_of in FACTS:
        spans = backing.get(code, [])
        value = value_of(item.incident) or wording.NONE
        cell: list[str | Run] = [value]
        cell.append(f" {wording.refs(spans)}" if spans else Run("  (no evidence linked)",
                                                                  italic=True))
        if code in conflicts:
            cell.append(_disagreement(data, conflicts[code]))
        shade = {1: styles.OPEN_FILL} if code in conflicts else None
        table.row((Run(scales.label(scales.INCIDENT_FIELDS, code), bold=True), cell), shade)
        named = NAMED.get(code)
        if named and getattr(item.incident, named[0]).strip():
            table.row((Run(named[1], bold=True), getattr(item.incident, named[0]).strip()))


def narrative(writer: DossierWriter, item: IncidentData,
              backing: dict[str, list[EvidenceRow]]) -> None:
    """What happened, in the documenter's words, with the evidence backing the account."""
    writer.heading("What happened", 2)
    text = item.incident.narrative.strip()
    for block in (b for b in text.split("\n\n") if b.strip()) if text else ():
        writer.paragraph(block.strip())
    if not text:
        writer.paragraph(Run("No narrative written.", italic=True))
    spans = backing.get("narrative", [])
    if spans:
        writer.paragraph(f"Evidence for the account: {wording.refs(spans)}", styles.META)


def qualification(writer: DossierWriter, item: IncidentData,
                  backing: dict[str, list[EvidenceRow]]) -> None:
    """Each legal qualification's elements: covered by which evidence, or OPEN with hints."""
    writer.heading("Legal qualification", 2)
    codes = [q for q in item.incident.qualifications or [] if q in scales.QUALIFICATIONS_BY_CODE]
    if not codes:
        writer.paragraph(Run("No legal qualification chosen yet.", italic=True))
        return
    for code in codes:
        q = scales.QUALIFICATIONS_BY_CODE[code]
        writer.heading(f"{q.instrument} — {q.label}", 3)
        if q.supporting_norms:
            writer.paragraph(f"Supporting norms: {'; '.join(q.supporting_norms)}", styles.META)
        table = writer.table(("Element", "Evidence", "Status"), (3.2, 1.1, 0.8))
        for element in q.elements:
            spans = backing.get(scales.element_key(code, element.code), [])
            cell: list[str | Run] = [element.label]
            if not spans and element.means_of_proof:
                cell.append(Run("\nMeans of proof: " + "; ".join(element.means_of_proof),
                                 italic=True))
            status = Run("Covered") if spans else Run("OPEN", bold=True)
            table.row((cell, wording.refs(spans) or wording.NONE, status),
                      None if spans else {2: styles.OPEN_FILL})


def _meta(data: DossierData, span: EvidenceRow, *, note: bool = True) -> list[str | Run]:
    """The lines under a quote: where it comes from, how it is graded, who marked and reviewed."""
    source = data.sources[span.source_id]
    status = scales.label(scales.VERIFICATION_STATUSES, span.status)
    origin = " — ".join(v for v in (source.title, source.publisher) if v)
    lines = [f"Source: {origin} · characters {span.start:,}–{span.end:,} · "
             f"SHA-256 {source.sha256[:16]}…",
             f"Status: {status} · Grade {wording.grade(source, span)} "
             f"({wording.grade_words(source, span)}) · "
             f"Supports: {scales.supports_label(span.supports) if span.supports else 'not set'}"]
    if span.asserted_value.strip():
        lines[-1] += f" · Asserted value: {span.asserted_value.strip()}"
    marked = f"Marked by {span.created_by or 'unknown'} on {wording.moment(span.created_at)}"
    if span.review_state == "pending" or not span.reviewed_by:
        review = "not reviewed"
    else:
        state = scales.label(scales.REVIEW_STATES, span.review_state).lower()
        review = f"reviewed by {span.reviewed_by} on {wording.moment(span.reviewed_at)} ({state})"
    lines.append(f"{marked} · {review}")
    if span.review_state == "returned" and span.review_comment.strip():
        lines.append(f"Review comment: {span.review_comment.strip()}")
    if note and span.note.strip():
        lines.append(f"Note: {span.note.strip()}")
    return ["\n".join(lines)]


def _quote(writer: DossierWriter, span: EvidenceRow, *, struck: bool = False) -> None:
    """The numbered quote in the quote style."""
    label = f"{span.ref}  REJECTED  " if struck else f"{span.ref}  "
    writer.paragraph((Run(label, bold=True),
                      Run(f"“{' '.join(span.quote.split())}”", strike=struck)), styles.QUOTE)


def evidence(writer: DossierWriter, data: DossierData, item: IncidentData) -> None:
    """Usable evidence as numbered quotes; rejected evidence apart, struck through."""
    writer.heading("Evidence", 2)
    if not item.usable:
        writer.paragraph(Run("No usable evidence linked to this incident.", italic=True))
    for span in item.usable:
        _quote(writer, span)
        writer.paragraph(_meta(data, span), styles.META)
    if item.rejected:
        writer.heading("Rejected evidence", 3)
        writer.paragraph("Judged unusable by the documenter or reviewer; kept for the record "
                         "and not relied on in this dossier.")
        for span in item.rejected:
            _quote(writer, span, struck=True)
            reason = span.note.strip() or "no reason recorded"
            meta = _meta(data, span, note=False)
            meta.insert(0, Run(f"Reason for rejection: {reason}\n", bold=True))
            writer.paragraph(meta, styles.META)


def _independent(data: DossierData, spans: list[EvidenceRow]) -> list[str]:
    """Distinct voices behind spans: publishers, or a source's own title when it has none."""
    return list(dict.fromkeys(wording.who(data.sources[s.source_id]) for s in spans))


def corroboration(writer: DossierWriter, data: DossierData, item: IncidentData,
                  backing: dict[str, list[EvidenceRow]]) -> None:
    """Per fact or element: how many independent sources back it; one-source findings flagged."""
    writer.heading("Corroboration", 2)
    if not backing:
        writer.paragraph(Run("No fact or element of this incident is backed by evidence yet.",
                              italic=True))
        return
    table: TableWriter = writer.table(
        ("Fact or element", "Evidence", "Independent sources", "Assessment"),
        (2.2, 1.1, 1.9, 1.2))
    order = {code: n for n, code in enumerate(scales.INCIDENT_FIELD_CODES)}
    for supports in sorted(backing, key=lambda k: (order.get(k, len(order)), k)):
        spans = backing[supports]
        voices = _independent(data, spans)
        alone = len(voices) == 1
        table.row((scales.supports_label(supports), wording.refs(spans),
                   f"{len(voices)}: " + "; ".join(voices),
                   Run("Rests on one source only", bold=True) if alone
                   else f"{len(voices)} independent sources"),
                  {3: styles.OPEN_FILL} if alone else None)

