"""The annexes: sources with their custody record, methodology, and the audit trail."""

from __future__ import annotations

import re

from desktop.domain import scales
from desktop.domain.models import Source
from desktop.services.export import styles, wording
from desktop.services.export.document import DossierWriter, Run
from desktop.services.export.gather import DossierData

URL_WITHHELD = "URL withheld (confidential source)"
REDACTED_FINGERPRINTS = (
    " In this redacted edition the fingerprints and character positions are those of the "
    "unredacted originals: a quote in which a protected name was replaced by a pseudonym in "
    "brackets ([W-001]) no longer matches its source character for character.")


def _url(source: Source, redacted: bool) -> str:
    if redacted and source.confidential:
        return URL_WITHHELD
    return source.url or wording.NONE


def sources_annex(writer: DossierWriter, data: DossierData, *, redacted: bool) -> None:
    """Annex A: every cited source, its custody record and its full fingerprint."""
    writer.heading("Annex A — Sources", 1)
    writer.paragraph(
        "Every source quoted in this dossier, with its chain of custody. The SHA-256 is the "
        "fingerprint of the original file as collected; the quotes cite its first 16 characters."
        + (REDACTED_FINGERPRINTS if redacted else ""))
    for source in data.sources.values():
        writer.heading(source.title or source.original_name or f"Source {source.id}", 2)
        reliability = scales.label(scales.SOURCE_RELIABILITY, source.reliability)
        grade = f"{source.reliability} — {reliability}"
        if source.reliability_note.strip():
            grade += f"\n{source.reliability_note.strip()}"
        collected = ", ".join(v for v in (
            f"by {source.collected_by}" if source.collected_by else "",
            f"on {wording.moment(source.collected_at)}" if source.collected_at else "",
            # Where a confidential source came from can identify it: withheld, not just its URL.
            (f"from {source.collected_from}" if not (redacted and source.confidential)
             else "from a place withheld (confidential source)")
            if source.collected_from else "") if v)
        table = writer.table(None, (1, 3))
        for name, value in (
            ("Kind", scales.label(scales.SOURCE_KINDS, source.kind)),
            ("Publisher", source.publisher),
            ("Author", source.author),
            ("URL", _url(source, redacted)),
            ("Published", wording.day(source.published)),
            ("Language", source.language),
            ("Collected", collected),
            ("Original file", source.original_name),
            ("Media type", source.media_type),
            ("Size", wording.size(source.size)),
            ("SHA-256", source.sha256),
            ("Reliability", grade),
            ("Confidential", "Yes" if source.confidential else "No"),
        ):
            table.row((Run(name, bold=True), value or wording.NONE))


def _scale(writer: DossierWriter, title: str, scale: tuple[scales.Grade, ...]) -> None:
    """One grading scale as a table: code, label, meaning."""
    writer.heading(title, 3)
    table = writer.table(("Code", "Label", "Meaning"), (1.1, 1.6, 3.3))
    for grade in scale:
        table.row((Run(grade.code.replace("_", " "), bold=True), grade.label,
                   grade.description or wording.NONE))


def methodology_annex(writer: DossierWriter, data: DossierData) -> None:
    """Annex B: the scales, the standard of proof, and how to check references and hashes."""
    writer.heading("Annex B — Methodology", 1)
    writer.heading("Standard of proof", 2)
    writer.paragraph(
        f"This case applies the standard “{data.case.standard_of_proof}”: a finding is made "
        "when, on a body of verified information, a prudent observer would have reasonable "
        "grounds to believe that the facts took place as described and meet every element of "
        "the violation. Findings that rest on verified evidence are distinguished from those "
        "only recorded (unverified or corroborated).")
    writer.heading("Grades and statuses", 2)
    writer.paragraph(
        "Each quote carries an Admiralty grade of two characters: the reliability of its source "
        "(A–F, graded per source) followed by the credibility of the information (1–6, graded "
        "per passage). “B2” reads: a usually reliable source; information probably true.")
    _scale(writer, "Source reliability", scales.SOURCE_RELIABILITY)
    _scale(writer, "Information credibility", scales.INFORMATION_CREDIBILITY)
    _scale(writer, "Verification status", scales.VERIFICATION_STATUSES)
    _scale(writer, "Review of evidence", scales.REVIEW_STATES)
    _scale(writer, "Incident workflow", scales.INCIDENT_STATES)
    _establishing(writer)
    writer.heading("Checking references and fingerprints", 2)
    writer.paragraph(
        "Every link of a passage to a fact or element is numbered E-nnn after its record in "
        "the case file; the number never changes, so it is the same in every dossier of this "
        "case. A passage linked to several facts carries several numbers and is quoted under "
        "the first. Its position gives the characters of the source's extracted text it was "
        "taken from.")
    writer.paragraph(
        "Annex A gives the SHA-256 of each source's original file as collected. To check that "
        "a file received is the one collected, compute its fingerprint and compare it with "
        "Annex A, for example:")
    writer.paragraph("sha256sum original-file.txt", styles.CODE)
    writer.paragraph("(on Windows: certutil -hashfile original-file.txt SHA256)", styles.META)
    if writer.redacted:
        writer.paragraph(REDACTED_FINGERPRINTS.strip())


def _establishing(writer: DossierWriter) -> None:
    """How the dossier decides what the evidence establishes (desktop.services.assessment)."""
    writer.heading("What the evidence establishes", 2)
    for term, text in (
        ("Line of evidence. ",
         "The body that observed, counted or stated something (a UN monitoring mission, a "
         "prosecutor's office, an ombudsman, a named witness) is its originator; the outlets "
         "that publish or relay it are not. Everything one originator says is one line of "
         "evidence, however many outlets carry it, and a source that relays another is on that "
         "source's line. A source whose originator is not recorded is a line of its own; it is "
         "never assumed to be the same as another."),
        ("Corroboration ",
         "is derived, not graded: a fact or element is corroborated when at least two "
         "independent lines of evidence agree (assert the same value, where values are "
         "asserted). Sources that disagree never corroborate each other. “Rests on one line of "
         "evidence only” means that every passage behind it comes from one originator."),
        ("Conflicting values and different periods. ",
         "Values claimed for the same period, or where a period is not given, conflict when "
         "they differ; each incident lists them in a table of values reported, with their "
         "originator, period and relays. Values for different periods (a count “as of "
         "October 2024” beside one “to December 2024”) are shown side by side and are not a "
         "contradiction."),
        ("Flagged grades. ",
         "A passage graded “corroborated”, or with credibility 1 (“confirmed by other "
         "sources”), when no independent line of evidence agrees with it, is printed with its "
         "grade as recorded and a flag saying so; it is not counted as corroborated."),
        ("One passage, one piece of evidence. ",
         "A passage is the same characters of the same source. Linked to several facts or "
         "elements, it is quoted once, under its first number, with the other numbers it is "
         "linked as and what each backs; every count of evidence in this dossier (cover, "
         "summary, corroboration) counts passages, not links."),
    ):
        writer.paragraph((Run(term, bold=True), text))
    writer.paragraph(
        "Each fact and legal element has one of these coverage levels. An element is supported "
        "only by approved, verified evidence; evidence that is only linked, unverified or "
        "contested does not make it supported.")
    _scale(writer, "Coverage of a fact or legal element", scales.COVERAGE_LEVELS)


_QUOTED = re.compile(r"“[^”]*”?")
QUOTE_WITHHELD = "“[quote withheld in the redacted edition]”"


def audit_annex(writer: DossierWriter, data: DossierData, *, redacted: bool = False) -> None:
    """Annex C: the case's change history, newest first.

    In the redacted edition, quotes inside summaries are withheld: a summary keeps only the
    start of a quote, which may end in the middle of a protected name the redactor cannot match.
    """
    writer.heading("Annex C — Audit trail", 1)
    writer.paragraph(
        f"Every change recorded in the case file, newest first "
        f"({wording.plural(len(data.audit), 'entry', 'entries')}). The trail is append-only.")
    table = writer.table(("Time (UTC)", "By", "Action", "Summary"), (1.35, 1.2, 1.2, 3.2))
    for line in data.audit:
        summary = _QUOTED.sub(QUOTE_WITHHELD, line.summary) if redacted else line.summary
        table.row((line.at.replace("T", " ").replace("Z", ""), line.actor, _action(line.action),
                   summary))


def _action(code: str) -> str:
    """“evidence.add” as “Evidence: add”."""
    subject, _, verb = code.partition(".")
    subject = subject.replace("_", " ").capitalize()
    return f"{subject}: {verb.replace('_', ' ')}" if verb else subject
