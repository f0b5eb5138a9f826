"""The dossier's own reading of the case, generated from it: the summary of findings, the
limitations a receiving office must weigh, the chronology, and the tools and processing
behind each source's text.

Nothing here is written by hand: each sentence counts what the case records, by the rules
that decide it elsewhere (`assessment` for what the evidence establishes, `provenance` for the
gaps in a source's record), so it cannot drift from the incident sections it summarises.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from typing import NamedTuple

from desktop import __version__
from desktop.domain import dates, scales
from desktop.domain.refs import source_ref
from desktop.services import provenance
from desktop.services.assessment import Assessment
from desktop.services.export import styles, wording
from desktop.services.export.document import DossierWriter, Run, link, links
from desktop.services.export.gather import DossierData, IncidentData, corroborated
from desktop.services.words import N_, _, ngettext

#: How each media type's text is taken out when the source records no extraction of its own
#: (one imported before sources kept their extraction record: the importer of that kind of
#: file, desktop/services/importing/, which names no tool, as the case does not say which).
IMPORTERS: tuple[tuple[str, str], ...] = (
    ("text/plain", N_("plain text, decoded as it was saved (Casefile's text importer)")),
    ("text/html", N_("main text of the page (Casefile's web page importer)")),
    ("application/xhtml+xml", N_("main text of the page (Casefile's web page importer)")),
    ("application/pdf", N_("text layer of each page (Casefile's PDF importer)")),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     N_("paragraphs and tables of the document (Casefile's Word importer)")),
)


def _facts(item: IncidentData) -> list[Assessment]:
    return [a for a in item.assessed.values() if not a.is_element and a.evidence]


def _elements(item: IncidentData) -> list[Assessment]:
    return [a for a in item.assessed.values() if a.is_element]


def summary_of_findings(writer: DossierWriter, data: DossierData) -> None:
    """What the dossier establishes, counted from the case: incidents by state, facts
    established and corroborated, legal elements by coverage, and a line per incident."""
    writer.heading(_("Summary of findings"), 1)
    states = {g.code: 0 for g in scales.INCIDENT_STATES}
    for item in data.incidents:
        states[item.incident.state] = states.get(item.incident.state, 0) + 1
    by_state = "; ".join(f"{_(g.label).lower()}: {wording.number(states[g.code])}"
                         for g in scales.INCIDENT_STATES if states.get(g.code))
    writer.paragraph(ngettext("This dossier covers {n} incident ({states}).",
                              "This dossier covers {n} incidents ({states}).",
                              len(data.incidents))
                     .format(n=wording.number(len(data.incidents)), states=by_state))
    facts = [a for item in data.incidents for a in _facts(item)]
    writer.paragraph(
        _("Facts with evidence: {total}. Resting on approved, verified evidence: {supported}. "
          "Corroborated by at least two independent lines of evidence: {corroborated}. "
          "Contested: {contested}.").format(
            total=wording.number(len(facts)),
            supported=wording.number(sum(1 for a in facts if a.coverage == "supported")),
            corroborated=wording.number(sum(1 for a in facts if corroborated(a))),
            contested=wording.number(sum(1 for a in facts if a.conflict))))
    elements = [a for item in data.incidents for a in _elements(item)]
    if elements:
        levels = "; ".join(
            f"{_(g.label).lower()}: {wording.number(n)}" for g in scales.COVERAGE_LEVELS
            if (n := sum(1 for a in elements if a.coverage == g.code)))
        writer.paragraph(_("Legal elements: {total} in all ({levels}).").format(
            total=wording.number(len(elements)), levels=levels))
    writer.paragraph(_("The open elements and what rests on one line of evidence are listed "
                       "under Limitations; each incident's section gives the evidence."),
                     styles.META, keep=True)
    table = writer.table((_("Incident"), _("State"), _("Facts established"),
                          _("Legal elements supported"), _("Elements open")),
                         (0.9, 1.2, 1.3, 1.3, 1.3), _("Findings by incident"))
    for item in data.incidents:
        own, legal = _facts(item), _elements(item)
        open_ = sum(1 for a in legal if a.coverage == "open")
        state = _(scales.label(scales.INCIDENT_STATES, item.incident.state))
        table.row((
            link(item.incident.code, bold=True),
            [Run(_("DRAFT") + "\n", bold=True), state] if item.draft else state,
            _("{n} of {total}").format(
                n=wording.number(sum(1 for a in own if a.coverage == "supported")),
                total=wording.number(len(own))) if own else wording.NONE,
            _("{n} of {total}").format(
                n=wording.number(sum(1 for a in legal if a.coverage == "supported")),
                total=wording.number(len(legal))) if legal else wording.NONE,
            wording.number(open_) if legal else wording.NONE,
        ), {4: styles.OPEN_FILL} if open_ else None)


class _Limit(NamedTuple):
    lead: str  # bold: what is missing, and how many
    detail: list  # what it means and what it concerns


def limitations(writer: DossierWriter, data: DossierData) -> None:
    """What the case does not have, from its own records: gaps in the sources' provenance,
    incidents not approved, and a table per incident of what rests on one line of evidence and
    which legal elements are open."""
    writer.heading(_("Limitations"), 2)
    writer.paragraph(_("Generated from the case's records when this dossier was exported: "
                       "each limitation names the sources or incidents it concerns."))
    found = _provenance_limits(data)
    drafts = [i.incident.code for i in data.incidents if i.draft]
    if drafts:
        found.append(_Limit(ngettext("Not approved ({n} incident): ",
                                     "Not approved ({n} incidents): ", len(drafts))
                            .format(n=wording.number(len(drafts))),
                            [_("marked DRAFT; their findings are not final.") + " ",
                             *links(drafts, brackets=False)]))
    for limit in found:
        writer.paragraph([Run(limit.lead, bold=True), *limit.detail])
    shown = _evidence_limits(writer, data)
    if not found and not shown:
        writer.paragraph(Run(_("None found in the case's records."), italic=True))


#: What each gap in the sources' provenance means for a reader: its lead and its meaning.
LIMIT_OF_GAP = {
    provenance.NO_URL: (N_("Sources without a URL ({n} of {cited}): "),
                        N_("where they were published cannot be checked from the dossier.")),
    provenance.NO_PUBLISHER: (N_("Publishers not named ({n} of {cited}): "),
                              N_("the outlet that carried the text is not known.")),
    provenance.NO_CAPTURE: (N_("No capture of the web page ({n} of {cited}): "),
                            N_("only a copy of the text was collected, not the page as "
                               "published (its layout, images, date and address).")),
    provenance.INTERNAL_NAME: (N_("Original file names not kept ({n} of {cited}): "),
                               N_("the files carry names a tool gave them.")),
}


def _provenance_limits(data: DossierData) -> list[_Limit]:
    by_gap: dict[str, list[str]] = {}
    for source in data.sources.values():
        for gap in provenance.gaps(source):
            by_gap.setdefault(gap, []).append(source_ref(source.id))
    cited = wording.number(len(data.sources))
    found = []
    for gap, *_words in provenance.GAPS:
        refs = by_gap.get(gap)
        if refs:
            lead, meaning = LIMIT_OF_GAP[gap]
            found.append(_Limit(_(lead).format(n=wording.number(len(refs)), cited=cited),
                                [_(meaning) + " ", *links(refs, brackets=False)]))
    return found


def _evidence_limits(writer: DossierWriter, data: DossierData) -> bool:
    """Per incident: the facts and elements that rest on one line of evidence, and the legal
    elements still open, as one table; whether there was anything to show."""
    rows = []
    for item in data.incidents:
        lonely = [a for a in item.assessed.values()
                  if a.evidence and not a.conflict and a.independent_lines == 1]
        gaps = [a for a in _elements(item) if a.coverage == "open"]
        if lonely or gaps:
            facts = [wording.supports(a.fact) for a in lonely if not a.is_element]
            elements = len(lonely) - len(facts)
            if elements:
                facts.append(ngettext("{n} legal element", "{n} legal elements", elements)
                             .format(n=wording.number(elements)))
            rows.append((item, "\n".join(facts) or wording.NONE,
                         "\n".join(wording.supports(a.fact) for a in gaps) or wording.NONE))
    if not rows:
        return False
    writer.paragraph(_("Evidence: what rests on one line of evidence only (one originator, "
                       "however many outlets carry it), and the legal elements still open (no "
                       "usable evidence), by incident."), keep=True)
    table = writer.table((_("Incident"), _("On one line of evidence only"),
                          _("Legal elements open")), (0.8, 2.2, 3.7),
                         _("Limits of the evidence, by incident"))
    for item, lonely, gaps in rows:
        table.row((link(item.incident.code, bold=True), lonely, gaps),
                  {2: styles.OPEN_FILL} if gaps != wording.NONE else None)
    return True


class _Dated(NamedTuple):
    first: str  # ISO day the entry can first mean, for the order
    when: str
    precision: str
    code: str
    what: str
    evidence: tuple[int, ...]


def chronology(writer: DossierWriter, data: DossierData) -> None:
    """Every dated thing of the incidents in time order: each event's date with its
    precision, the date it was reported, and each value reported with its period."""
    writer.heading(_("Chronology"), 1)
    writer.paragraph(_("Incidents and dated facts in time order, each with the precision of its "
                       "date. A report date is when a source reported the event, not when it "
                       "happened."), keep=True)
    entries = sorted(_dated(data.incidents), key=lambda e: (e.first, e.code))
    if not entries:
        writer.paragraph(Run(_("No incident has a date yet."), italic=True))
        return
    table = writer.table((_("Date"), _("Precision"), _("Incident"), _("What"), _("Evidence")),
                         (1.5, 0.9, 0.8, 2.6, 1.0), _("Chronology of incidents and dated facts"))
    for entry in entries:
        table.row((entry.when, entry.precision, link(entry.code, bold=True), entry.what,
                   links([f"E-{i:03d}" for i in sorted(entry.evidence)]) or wording.NONE))


def _dated(items: Iterable[IncidentData]) -> Iterable[_Dated]:
    day_precision = _(scales.label(scales.DATE_PRECISIONS, "day")).lower()
    for item in items:
        incident = item.incident
        backing = item.backing()
        title = incident.title or _("untitled")
        if incident.date_start:
            precision = _(scales.label(scales.DATE_PRECISIONS, incident.date_precision)).lower()
            yield _Dated(_first(incident.date_start), _event_when(incident), precision,
                         incident.code, _("The event: {title}").format(title=title),
                         tuple(s.id for s in backing.get("date", [])))
        if incident.report_date:
            yield _Dated(_first(incident.report_date), wording.day(incident.report_date),
                         _precision_of(incident.report_date, day_precision), incident.code,
                         _("Reported: {title}").format(title=title),
                         tuple(s.id for s in backing.get("report_date", [])))
        for found in item.assessed.values():
            for claim in found.claims:
                if not (claim.period_start or claim.period_end):
                    continue
                edge = claim.period_start or claim.period_end
                yield _Dated(_first(edge), wording.period(claim.period_start, claim.period_end,
                                                          claim.scope),
                             _precision_of(edge, day_precision), incident.code,
                             f"{wording.supports(found.fact)}: {claim.value}", claim.evidence)


def _event_when(incident) -> str:
    """The event's date or range without its precision (the table has a column for it)."""
    text = wording.event_date(incident)
    precision = _(scales.label(scales.DATE_PRECISIONS, incident.date_precision)).lower()
    return text.removesuffix(f" ({precision})")


def _first(value: str) -> str:
    found = dates.first_day(value)
    return found.isoformat() if found else "9999"


def _precision_of(value: str, day_precision: str) -> str:
    """A stored date's precision, from its shape: a day, a month, a year."""
    parts = len(value[:10].split("-"))
    if parts == 3:
        return day_precision
    if parts == 2:
        return _(scales.label(scales.DATE_PRECISIONS, "month")).lower()
    return _("year")


def tools_and_processing(writer: DossierWriter, data: DossierData) -> None:
    """Casefile's version and, per source, how its text was taken from the original and the
    SHA-256 of that text: the positions of every quote are positions in it."""
    writer.heading(_("Tools and processing"), 2)
    writer.paragraph(
        _("This dossier was made by Casefile {version}. The positions of quotes (characters "
          "573–606) count the characters of each source's extracted text, whose SHA-256 is "
          "given here: to check a position, extract the text again as described and compare "
          "its fingerprint first.").format(version=__version__), keep=True)
    table = writer.table((_("Source"), _("Original"), _("How the text was extracted"),
                          _("SHA-256 of the extracted text")), (0.7, 1.3, 2.1, 2.6),
                         _("How each source's text was extracted"))
    for source in data.sources.values():
        table.row((link(source_ref(source.id), bold=True),
                   wording.media_type(source.media_type) or wording.NONE, _extraction(source),
                   Run(_halves(source.text_sha256) or wording.NONE, verbatim=True)))


def _halves(digest: str) -> str:
    """A SHA-256 on two lines of 32 digits: its column holds half of one at the table's 8.5 pt
    (151 pt at most), and a digest broken wherever the column ends leaves a digit or two alone
    on a line (Annex A prints it whole)."""
    return f"{digest[:32]}\n{digest[32:]}" if len(digest) == 64 else digest


#: The methods the importers record (desktop/services/importing/), said in the dossier's
#: language; the record itself keeps the importer's English words.
METHODS = {method: words for method, words in (
    ("decoded text", N_("decoded text")),
    ("main text of the page", N_("main text of the page")),
    ("text layer", N_("text layer")),
    ("read as is", N_("read as is")),
    ("OCR", N_("OCR")),
    ("document XML", N_("document XML")),
    ("document XML (Strict OOXML)", N_("document XML (Strict OOXML)")),
    ("browser save as MHTML", N_("browser save as MHTML")),
)}


def _extraction(source) -> str:
    """The source's own extraction record (tool, version, method), else what its importer
    does with its media type; and the encoding its text was decoded from."""
    record = source.extraction or {}
    if record.get("tool") or record.get("method"):
        tool = " ".join(v for v in (record.get("tool", ""), record.get("version", "")) if v)
        method = str(record.get("method", ""))
        method = _(METHODS[method]) if method in METHODS else method
        text = f"{tool}: {method}" if tool and method else tool or method
    else:
        media = (source.media_type or "").split(";")[0].strip().lower()
        known = dict(IMPORTERS).get(media)
        text = _(known) if known else _("text as imported (media type {media})").format(
            media=media or wording.NONE)
    if source.encoding:
        text += "; " + _("encoding {name}").format(name=_encoding_name(source.encoding))
    return text


def _encoding_name(codec: str) -> str:
    """An encoding as its standard names it (UTF-8, CP1251), not as Python's codecs do
    (utf_8)."""
    try:
        return codecs.lookup(codec).name.upper()
    except LookupError:
        return codec
