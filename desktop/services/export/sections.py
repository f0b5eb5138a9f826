"""The front of the dossier: page furniture, cover, table of contents and summary of incidents."""

from __future__ import annotations

from desktop.domain import scales
from desktop.services.export import styles, wording
from desktop.services.export.document import DossierWriter, Run
from desktop.services.export.gather import DossierData, IncidentData

DRAFT_BANNER = "DRAFT — includes incidents not approved by review"
REDACTED_NOTICE = ("Redacted edition: names of protected persons replaced by pseudonyms; "
                   "URLs of confidential sources omitted")
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
TOC_PLACEHOLDER = "Right-click to update the table of contents."


def marking(data: DossierData) -> str:
    """The classification marking, as printed on every page."""
    return scales.label(scales.CLASSIFICATIONS, data.case.classification).upper()


def furniture(writer: DossierWriter, data: DossierData) -> None:
    """Header “MARKING · reference” and footer “Page X of Y” on every page."""
    header = " · ".join(v for v in (marking(data), data.case.reference) if v)
    writer.furniture(header, ("Page ", " of ", ""))


def cover(writer: DossierWriter, data: DossierData, *, actor: str, redacted: bool) -> None:
    """Marking, title, what the dossier is, its counts, and the draft and redaction notices."""
    case = data.case
    writer.paragraph(marking(data), styles.MARKING)
    writer.paragraph(case.title, styles.TITLE)
    writer.paragraph("Dossier of evidence", styles.SUBTITLE)
    if any(i.draft for i in data.incidents):
        writer.paragraph(DRAFT_BANNER, styles.BANNER)
    if redacted:
        writer.paragraph(REDACTED_NOTICE, styles.NOTICE)
    details = writer.table(None, (1, 2.2))
    for name, value in (
        ("Reference", case.reference or wording.NONE),
        ("Classification", scales.label(scales.CLASSIFICATIONS, case.classification)),
        ("Edition", "Redacted" if redacted else "Full"),
        ("Date of export", wording.today()),
        ("Exported by", actor),
        ("Standard of proof", case.standard_of_proof),
        ("Incidents", _incident_count(data)),
        ("Sources cited", f"{len(data.sources):,}"),
        ("Evidence spans", _span_count(data)),
    ):
        details.row((Run(name, bold=True), value))
    if case.description.strip():
        writer.paragraph("")
        writer.paragraph(case.description)


def _incident_count(data: DossierData) -> str:
    drafts = sum(1 for i in data.incidents if i.draft)
    text = f"{len(data.incidents):,}"
    return f"{text} ({drafts:,} not approved, marked DRAFT)" if drafts else text


def _span_count(data: DossierData) -> str:
    rejected = sum(len(i.rejected) for i in data.incidents)
    text = f"{data.evidence:,}"
    return f"{text} (of which {rejected:,} rejected, listed apart)" if rejected else text


def contents(writer: DossierWriter) -> None:
    """The table of contents: a TOC field that Word or LibreOffice fills when it opens."""
    writer.paragraph("Contents", styles.TOC_HEADING)
    writer.toc(TOC_INSTRUCTION, TOC_PLACEHOLDER)


def incident_title(item: IncidentData) -> str:
    """“INC-001 — title”, with DRAFT when the incident is not approved."""
    text = f"{item.incident.code} — {item.incident.title or 'untitled'}"
    return f"{text} (DRAFT)" if item.draft else text


def summary(writer: DossierWriter, data: DossierData) -> None:
    """One row per incident: when, where, who, what it qualifies as, and its evidence."""
    writer.heading("Summary of incidents", 1)
    writer.paragraph(
        f"{wording.plural(len(data.incidents), 'incident')} in this dossier. Dates are dates "
        "of the event with their precision; evidence is counted by verification status.")
    table = writer.table(("Code", "Date", "Place", "Victims", "Perpetrator",
                          "Legal qualification", "State", "Evidence"),
                         (0.95, 1.35, 1.4, 1.2, 1.3, 1.4, 1.0, 1.3))
    for item in data.incidents:
        incident = item.incident
        state = scales.label(scales.INCIDENT_STATES, incident.state)
        table.row((
            Run(incident.code, bold=True),
            wording.event_date(incident) or wording.NONE,
            "\n".join(v for v in (incident.place, wording.region(incident)) if v)
            or wording.NONE,
            _victims(incident) or wording.NONE,
            wording.perpetrator(incident) or wording.NONE,
            wording.qualifications(incident) or wording.NONE,
            [Run("DRAFT\n", bold=True), state] if item.draft else state,
            _by_status(item) or "none",
        ), shade={6: styles.DRAFT_FILL} if item.draft else None)


def _victims(incident) -> str:
    count = wording.victims(incident)
    status = scales.label(scales.VICTIM_STATUSES, incident.victim_status)
    if incident.victim_status == "unknown":
        return count
    return f"{count}\n{status}" if count else status


def _by_status(item: IncidentData) -> str:
    """“2 verified, 1 corroborated”: evidence counts in the order of the scale."""
    counts: dict[str, int] = {}
    for span in item.spans:
        counts[span.status] = counts.get(span.status, 0) + 1
    return "\n".join(f"{counts[g.code]} {g.label.lower()}"
                     for g in scales.VERIFICATION_STATUSES if g.code in counts)
