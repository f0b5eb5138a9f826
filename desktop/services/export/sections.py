"""The front of the dossier: page furniture, cover, table of contents and summary of incidents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.domain import scales
from desktop.services.export import Stamp, styles, wording
from desktop.services.export.document import DossierWriter, Run
from desktop.services.export.gather import DossierData, IncidentData, corroborated
from desktop.services.protection import matched_forms

DRAFT_BANNER = "DRAFT — includes incidents not approved by review"
REDACTED_NOTICE = ("Redacted edition: names of protected persons replaced by pseudonyms "
                   "(inside quotes in brackets, [W-001]); URLs of confidential sources omitted")
REDACTED_NO_ONE_NOTICE = "Redacted edition: URLs of confidential sources omitted"
FULL_HEADER, REDACTED_HEADER = "FULL EDITION", "REDACTED EDITION"
DRAFTS_HEADER = "DRAFT: INCLUDES INCIDENTS NOT APPROVED"
NOTHING_REDACTED = ("No protected people are recorded in this case: nothing was redacted. "
                    "Every name in this edition is printed as in the full edition.")
ONE_PERSON_NOTICE = ("One-person case: the same person documented and reviewed this case, so "
                     "the four-eyes principle (whoever marks evidence does not approve it) "
                     "could not be applied")
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


def marking(data: DossierData) -> str:
    """The classification marking, as printed on every page."""
    return scales.label(scales.CLASSIFICATIONS, data.case.classification).upper()


def edition(redacted: bool, *, drafts: bool) -> str:
    """“Full edition” or “Redacted edition”, and whether it includes drafts."""
    name = "Redacted edition" if redacted else "Full edition"
    return f"{name}, including incidents not approved (DRAFT)" if drafts else name


def furniture(writer: DossierWriter, data: DossierData, stamp: Stamp, *,
              redacted: bool = False) -> None:
    """What every page says of itself, so that a page taken out of the dossier still says it.

    Header: “MARKING · reference · FULL EDITION” (or REDACTED EDITION), and, when the dossier
    includes incidents not approved, “DRAFT: INCLUDES INCIDENTS NOT APPROVED” on every page: a
    registry filing a page must see that the document it came from is not final, whichever
    incident the page is of (each draft incident's own heading and banner say DRAFT too).
    Footer: “Page X of Y · Dossier <id>”, the id recorded in the export's audit entry."""
    header = " · ".join(v for v in (marking(data), data.case.reference) if v)
    content: list[str | Run] = [header, " · " if header else "",
                                Run(REDACTED_HEADER if redacted else FULL_HEADER, bold=True)]
    if any(i.draft for i in data.incidents):
        content += [" · ", Run(DRAFTS_HEADER, bold=True)]
    writer.furniture(content, ("Page ", " of ", f" · Dossier {stamp.id}"))


def protected_counts(people: Iterable[tuple[Sequence[str], Sequence[str]]]) -> tuple[int, int]:
    """(people, forms) a redaction applies, for each person's (spellings, forms taken out):
    the people with a spelling, and the forms of their names the redactor looks for
    (`protection.matched_forms`, the list each person's entry shows)."""
    persons = forms = 0
    for spellings, excluded in people:
        words = matched_forms(spellings, excluded)
        if words:
            persons += 1
            forms += len(words)
    return persons, forms


def cover(writer: DossierWriter, data: DossierData, stamp: Stamp, *, actor: str,
          redacted: bool, protected: tuple[int, int] = (0, 0)) -> None:
    """Marking, title, what the dossier is, its counts, and the draft and redaction notices;
    a redacted edition says how many people and name forms were redacted, and warns when no
    one is protected. `protected`: (people, forms), as `protected_counts` gives them."""
    case = data.case
    writer.paragraph(marking(data), styles.MARKING)
    writer.paragraph(case.title, styles.TITLE)
    writer.paragraph("Dossier of evidence", styles.SUBTITLE)
    if any(i.draft for i in data.incidents):
        writer.paragraph(DRAFT_BANNER, styles.BANNER)
    people, forms = protected
    if redacted and people:
        writer.paragraph(REDACTED_NOTICE, styles.NOTICE)
    elif redacted:
        writer.paragraph(NOTHING_REDACTED, styles.BANNER)
        writer.paragraph(REDACTED_NO_ONE_NOTICE, styles.NOTICE)
    if case.one_person:
        writer.paragraph(ONE_PERSON_NOTICE, styles.NOTICE)
    details = writer.table(None, (1, 2.2))
    for name, value in (
        ("Reference", case.reference or wording.NONE),
        ("Classification", scales.label(scales.CLASSIFICATIONS, case.classification)),
        ("Edition", edition(redacted, drafts=any(i.draft for i in data.incidents))),
        *([("Protected people", _protected(people, forms))] if redacted else []),
        ("Exported", wording.moment(stamp.iso)),
        ("Dossier id", f"{stamp.id} (in every page's footer and in the case's audit trail)"),
        ("Exported by", actor),
        ("Standard of proof", case.standard_of_proof),
        *([("Review", "One-person case (declared): four eyes not applied")]
          if case.one_person else []),
        ("Incidents", _incident_count(data)),
        ("Sources cited", f"{len(data.sources):,}"),
        ("Evidence", _passage_count(data)),
    ):
        details.row((Run(name, bold=True), value))
    if case.description.strip():
        writer.paragraph("")
        writer.paragraph(case.description)


def _protected(people: int, forms: int) -> str:
    if not people:
        return "none recorded: nothing was redacted"
    return (f"{wording.plural(people, 'person', 'people')} replaced by their pseudonyms; "
            f"{wording.plural(forms, 'form')} of their names applied (every grammatical case, "
            "script and spelling of each word, with initials and the surname alone)")


def _incident_count(data: DossierData) -> str:
    drafts = sum(1 for i in data.incidents if i.draft)
    text = f"{len(data.incidents):,}"
    return f"{text} ({drafts:,} not approved, marked DRAFT)" if drafts else text


def _passage_count(data: DossierData) -> str:
    """Passages, not links: one passage linked to several facts is one piece of evidence."""
    passages = data.passages
    links = sum(len(i.usable) for i in data.incidents)
    text = wording.plural(passages, "passage") + " quoted"
    if links != passages:
        text += f", linked {links:,} times to facts and legal elements"
    rejected = data.rejected_passages
    return f"{text}; {wording.plural(rejected, 'rejected passage')} listed apart" if rejected \
        else text


def contents(writer: DossierWriter) -> None:
    """The table of contents: a TOC field already filled with every heading, each a link to
    it (`DossierWriter.fill_toc`); Word and LibreOffice add page numbers when they update it."""
    writer.paragraph("Contents", styles.TOC_HEADING)
    writer.toc(TOC_INSTRUCTION)


def incident_title(item: IncidentData) -> str:
    """“INC-001 — title”, with DRAFT when the incident is not approved."""
    text = f"{item.incident.code} — {item.incident.title or 'untitled'}"
    return f"{text} (DRAFT)" if item.draft else text


def summary(writer: DossierWriter, data: DossierData) -> None:
    """One row per incident: when, where, who, what it qualifies as, and what its evidence
    establishes (counted as each incident's own tables count it)."""
    writer.heading("Summary of incidents", 1)
    writer.paragraph(
        f"{wording.plural(len(data.incidents), 'incident')} in this dossier. Dates are dates "
        "of the event with their precision. Evidence is counted in passages: a passage linked "
        "to several facts counts once. Legal elements are counted by coverage and facts by "
        "corroboration (at least two independent lines of evidence agreeing), as in each "
        "incident's tables; see Annex B.")
    table = writer.table(("Code", "Date", "Place", "Victims", "Perpetrator",
                          "Legal qualification", "State", "Evidence"),
                         (0.95, 1.3, 1.35, 1.1, 1.2, 1.35, 1.0, 1.6))
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
            _established(item) or "none",
        ), shade={6: styles.DRAFT_FILL} if item.draft else None)


def _victims(incident) -> str:
    count = wording.victims(incident)
    status = scales.label(scales.VICTIM_STATUSES, incident.victim_status)
    if incident.victim_status == "unknown":
        return count
    return f"{count}\n{status}" if count else status


def _established(item: IncidentData) -> str:
    """“6 passages / Elements: 1 supported, 4 open / Corroborated: 1 of 5 facts and elements /
    2 grades flagged”: the same counts as the incident's own tables."""
    passages = len(item.passages())
    if not passages and not item.assessed:
        return ""
    lines = [wording.plural(passages, "passage")]
    elements = [a for a in item.assessed.values() if a.is_element]
    if elements:
        counts = {code: sum(1 for a in elements if a.coverage == code)
                  for code in scales.COVERAGE_CODES}
        lines.append("Elements: " + "; ".join(
            f"{counts[g.code]} {g.label.lower()}" for g in scales.COVERAGE_LEVELS
            if counts[g.code]))
    backed = [a for a in item.assessed.values() if a.evidence]
    if backed:
        lines.append(f"Corroborated: {sum(1 for a in backed if corroborated(a))} of "
                     f"{len(backed)} facts and elements with evidence")
    flagged = len(item.mismatches())
    if flagged:
        lines.append(f"{wording.plural(flagged, 'grade')} flagged")
    return "\n".join(lines)
