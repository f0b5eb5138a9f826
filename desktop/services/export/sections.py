"""The front of the dossier: page furniture, cover, table of contents and summary of incidents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.domain import scales
from desktop.services import provenance
from desktop.services.export import Stamp, styles, wording
from desktop.services.export.document import DossierWriter, Run, link
from desktop.services.export.gather import DossierData, IncidentData, corroborated
from desktop.services.protection import matched_forms
from desktop.services.words import N_, _, ngettext

# Marked here, translated where printed (`_()`), in the dossier's language.
DRAFT_BANNER = N_("DRAFT — includes incidents not approved by review")
REDACTED_NOTICE = N_("Redacted edition: names of protected persons replaced by pseudonyms "
                     "(inside quotes in brackets, [W-001]); URLs of confidential sources omitted")
REDACTED_NO_ONE_NOTICE = N_("Redacted edition: URLs of confidential sources omitted")
FULL_HEADER, REDACTED_HEADER = N_("FULL EDITION"), N_("REDACTED EDITION")
DRAFTS_HEADER = N_("DRAFT: INCLUDES INCIDENTS NOT APPROVED")
NOTHING_REDACTED = N_("No protected people are recorded in this case: nothing was redacted. "
                      "Every name in this edition is printed as in the full edition.")
ONE_PERSON_NOTICE = N_("One-person case: the same person documented and reviewed this case, "
                       "so the four-eyes principle (whoever marks evidence does not approve it) "
                       "could not be applied")
TOC_INSTRUCTION = 'TOC \\o "1-{levels}" \\h \\z \\u'
#: Above this many incidents the contents list the incidents and the sections alone: six
#: parts repeated under each of 500 incidents made 70 pages of contents.
DETAILED_CONTENTS = 20
SAME_PARTS = N_("Each incident's section has the same parts, in this order: review and "
                "sign-off, facts, what happened, legal qualification, evidence and "
                "corroboration.")


def marking(data: DossierData) -> str:
    """The classification marking, as printed on every page."""
    return _(scales.label(scales.CLASSIFICATIONS, data.case.classification)).upper()


def edition(redacted: bool, *, drafts: bool) -> str:
    """“Full edition” or “Redacted edition”, and whether it includes drafts."""
    name = _("Redacted edition") if redacted else _("Full edition")
    return _("{edition}, including incidents not approved (DRAFT)").format(edition=name) \
        if drafts else name


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
                                Run(_(REDACTED_HEADER if redacted else FULL_HEADER), bold=True)]
    if any(i.draft for i in data.incidents):
        content += [" · ", Run(_(DRAFTS_HEADER), bold=True)]
    writer.furniture(content, _page_parts(stamp.id))


def _page_parts(dossier_id: str) -> tuple[str, str, str]:
    """“Page ”, “ of ”, “ · Dossier <id>”: the words around the page number and count fields."""
    before, _sep, rest = _("Page {page} of {pages} · Dossier {id}").partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    return before, middle, after.format(id=dossier_id)


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
    writer.paragraph(_("Dossier of evidence"), styles.SUBTITLE)
    if any(i.draft for i in data.incidents):
        writer.paragraph(_(DRAFT_BANNER), styles.BANNER)
    people, forms = protected
    if redacted and people:
        writer.paragraph(_(REDACTED_NOTICE), styles.NOTICE)
    elif redacted:
        writer.paragraph(_(NOTHING_REDACTED), styles.BANNER)
        writer.paragraph(_(REDACTED_NO_ONE_NOTICE), styles.NOTICE)
    if case.one_person:
        writer.paragraph(_(ONE_PERSON_NOTICE), styles.NOTICE)
    details = writer.table(None, (1, 2.2))
    for name, value in (
        (_("Reference"), case.reference or wording.NONE),
        *issuing_rows(case),
        (_("Classification"), _(scales.label(scales.CLASSIFICATIONS, case.classification))),
        (_("Edition"), edition(redacted, drafts=any(i.draft for i in data.incidents))),
        *([(_("Protected people"), _protected(people, forms))] if redacted else []),
        (_("Exported"), wording.moment(stamp.iso)),
        (_("Dossier id"), _("{id} (in every page's footer and in the case's audit trail)")
         .format(id=stamp.id)),
        (_("Exported by"), actor),
        (_("Standard of proof"), _(case.standard_of_proof)),
        *([(_("Review"), _("One-person case (declared): four eyes not applied"))]
          if case.one_person else []),
        (_("Incidents"), _incident_count(data)),
        (_("Sources cited"), wording.number(len(data.sources))),
        (_("Evidence"), _passage_count(data)),
    ):
        details.row((Run(name, bold=True), value))
    gaps = provenance_counts(data)
    if gaps:
        details.row((Run(_("Provenance"), bold=True), _provenance(gaps, len(data.sources))),
                    {1: styles.OPEN_FILL})
    if case.description.strip():
        writer.paragraph("")
        writer.paragraph(case.description)


#: The issuing block as the cover prints it: the case's field and its label.
ISSUING_LABELS = (("issuing_organisation", N_("Issuing organisation")),
                  ("issued_by", N_("Issued by")), ("addressee", N_("Addressee")),
                  ("issued_for", N_("Issued for")), ("dossier_version", N_("Version")))


def issuing_rows(case) -> list[tuple[str, str]]:
    """Who issues the dossier, to whom, for what, and its version: the rows the case has set."""
    return [(_(label), getattr(case, name).strip()) for name, label in ISSUING_LABELS
            if getattr(case, name, "").strip()]


def provenance_counts(data: DossierData) -> dict[str, int]:
    """How many cited sources have each gap in their provenance (`provenance.gaps`), and
    under "" how many have any."""
    counts: dict[str, int] = {}
    for source in data.sources.values():
        found = provenance.gaps(source)
        for code in found:
            counts[code] = counts.get(code, 0) + 1
        if found:
            counts[""] = counts.get("", 0) + 1
    return counts


def _provenance(counts: dict[str, int], cited: int) -> str:
    """“5 of 5 sources cited have gaps in their provenance: no URL: 5; …”."""
    listed = "; ".join(f"{provenance.counted(code)}: {counts[code]:,}"
                       for code, *_words in provenance.GAPS if counts.get(code))
    return (ngettext("{n} of {cited} source cited has gaps in its provenance",
                     "{n} of {cited} sources cited have gaps in their provenance", cited)
            .format(n=f"{counts['']:,}", cited=f"{cited:,}")
            + f": {listed}. " + _("Each is flagged in its entry in Annex A."))


def _protected(people: int, forms: int) -> str:
    if not people:
        return _("none recorded: nothing was redacted")
    return (ngettext("{n} person replaced by their pseudonym",
                     "{n} people replaced by their pseudonyms", people)
            .format(n=wording.number(people)) + "; "
            + ngettext("{n} form of their names applied", "{n} forms of their names applied",
                       forms).format(n=wording.number(forms))
            + " " + _("(every grammatical case, script and spelling of each word, with "
                      "initials and the surname alone)"))


def _incident_count(data: DossierData) -> str:
    drafts = sum(1 for i in data.incidents if i.draft)
    text = wording.number(len(data.incidents))
    return text + " " + ngettext("({n} not approved, marked DRAFT)",
                                 "({n} not approved, marked DRAFT)", drafts).format(
        n=wording.number(drafts)) if drafts else text


def _passage_count(data: DossierData) -> str:
    """Passages, not links: one passage linked to several facts is one piece of evidence."""
    passages = data.passages
    links = sum(len(i.usable) for i in data.incidents)
    text = ngettext("{n} passage quoted", "{n} passages quoted", passages).format(
        n=wording.number(passages))
    if links != passages:
        text += ", " + ngettext("linked {n} time to facts and legal elements",
                                "linked {n} times to facts and legal elements", links).format(
            n=wording.number(links))
    rejected = data.rejected_passages
    return text + "; " + ngettext("{n} rejected passage listed apart",
                                  "{n} rejected passages listed apart", rejected).format(
        n=wording.number(rejected)) if rejected else text


def contents(writer: DossierWriter, data: DossierData) -> None:
    """The table of contents: a TOC field already filled with every heading, each a link to
    it (`DossierWriter.fill_toc`), with page numbers when the PDF is made too
    (`contents_pages`); Word and LibreOffice add them when they update it.
    A dossier of many incidents lists the first level alone, and says what each incident's
    section holds."""
    writer.paragraph(_("Contents"), styles.TOC_HEADING)
    levels = 2 if len(data.incidents) <= DETAILED_CONTENTS else 1
    if levels == 1:
        writer.paragraph(_(SAME_PARTS), styles.META)
    writer.toc(TOC_INSTRUCTION.format(levels=levels), levels)


def incident_title(item: IncidentData) -> str:
    """“INC-001 — title”, with DRAFT when the incident is not approved."""
    text = f"{item.incident.code} — {item.incident.title or _('untitled')}"
    return _("{title} (DRAFT)").format(title=text) if item.draft else text


def summary(writer: DossierWriter, data: DossierData) -> None:
    """One row per incident: when, where, who, what it qualifies as, and what its evidence
    establishes (counted as each incident's own tables count it)."""
    writer.heading(_("Summary of incidents"), 1)
    count = len(data.incidents)
    writer.paragraph(
        ngettext("{n} incident in this dossier.", "{n} incidents in this dossier.", count)
        .format(n=wording.number(count)) + " "
        + _("Dates are dates of the event with their precision. Evidence is counted in "
            "passages: a passage linked to several facts counts once. Legal elements are "
            "counted by coverage and facts by corroboration (at least two independent lines "
            "of evidence agreeing), as in each incident's tables; see Annex B."), keep=True)
    # Each column is as wide as its longest word in either language, at the table's 8.5 pt
    # (Військовополонені, (approximate), рецензуванні, кваліфікація, підтверджено;): a column
    # narrower than a word breaks it inside, without a hyphen. The state stands under the
    # code, which leaves the room for them.
    table = writer.table((_("Incident"), _("Date"), _("Place"), _("Victims"),
                          _("Perpetrator"), _("Legal qualification"), _("Evidence")),
                         (62, 63, 55, 84, 56, 64, 67), _("Summary of incidents"))
    for item in data.incidents:
        incident = item.incident
        state = _(scales.label(scales.INCIDENT_STATES, incident.state))
        table.row((
            [link(incident.code, bold=True), "\n",
             *([Run(_("DRAFT") + "\n", bold=True)] if item.draft else []), state],
            wording.event_date(incident) or wording.NONE,
            "\n".join(v for v in (incident.place, wording.region(incident)) if v)
            or wording.NONE,
            _victims(incident) or wording.NONE,
            wording.perpetrator(incident) or wording.NONE,
            wording.qualifications(incident) or wording.NONE,
            _established(item) or _("none"),
        ), shade={0: styles.DRAFT_FILL} if item.draft else None)


def _victims(incident) -> str:
    count = wording.victims(incident)
    status = _(scales.label(scales.VICTIM_STATUSES, incident.victim_status))
    if incident.victim_status == "unknown":
        return count
    return f"{count}\n{status}" if count else status


def _established(item: IncidentData) -> str:
    """“6 passages / Elements: 1 supported, 4 open / Corroborated: 1 of 5 facts and elements /
    2 grades flagged”: the same counts as the incident's own tables."""
    passages = len(item.passages())
    if not passages and not item.assessed:
        return ""
    lines = [ngettext("{n} passage", "{n} passages", passages).format(
        n=wording.number(passages))]
    elements = [a for a in item.assessed.values() if a.is_element]
    if elements:
        counts = {code: sum(1 for a in elements if a.coverage == code)
                  for code in scales.COVERAGE_CODES}
        lines.append(_("Elements: {counts}").format(counts="; ".join(
            f"{counts[g.code]} {_(g.label).lower()}" for g in scales.COVERAGE_LEVELS
            if counts[g.code])))
    backed = [a for a in item.assessed.values() if a.evidence]
    if backed:
        lines.append(ngettext("Corroborated: {n} of {total} fact and element with evidence",
                              "Corroborated: {n} of {total} facts and elements with evidence",
                              len(backed)).format(
            n=sum(1 for a in backed if corroborated(a)), total=len(backed)))
    flagged = len(item.mismatches())
    if flagged:
        lines.append(ngettext("{n} grade flagged", "{n} grades flagged", flagged).format(
            n=wording.number(flagged)))
    return wording.counts_kept("\n".join(lines))  # a narrow column: no count left alone
