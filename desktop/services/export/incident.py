"""One incident's section: its sign-off, facts with their evidence and the values reported,
narrative, legal elements with their coverage, quoted passages and corroboration.

What the evidence establishes comes from the incident's assessment (`IncidentData.assessed`,
made once per export by `desktop.services.assessment`); this module only prints it:
- coverage of a fact or element is the assessment's level (Supported, Contested, Linked, not
  verified, Open), never "some evidence is linked";
- corroboration counts independent lines of evidence (originators), never publishers;
- a passage graded "corroborated" or credibility 1 with no agreeing line is printed with its
  grade and a flag (`Mismatch.describe`);
- a passage (same source, start and end) linked to several facts is quoted once, under its
  first number, with the other numbers and the facts they back; counts are of passages.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain import scales
from desktop.domain.models import Incident
from desktop.domain.pages import span_pages
from desktop.domain.refs import evidence_ref, source_ref
from desktop.services import assessment, pages
from desktop.services.assessment import Assessment, Claim
from desktop.services.evidence import EvidenceRow, normalised_value, same_period
from desktop.services.export import styles, wording
from desktop.services.export.document import (
    DossierWriter,
    Run,
    TableWriter,
    anchor,
    language,
    link,
    links,
    with_links,
)
from desktop.services.export.gather import DossierData, IncidentData, corroborated
from desktop.services.export.sections import incident_title
from desktop.services.words import N_, _, ngettext

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
     else _(scales.label(scales.VICTIM_STATUSES, i.victim_status))),
    ("perpetrator", wording.perpetrator),
)
# Named people are printed beside the fact they belong to (and redacted with everything else).
NAMED = {"victim_status": ("victims_named", N_("Named victims")),
         "perpetrator": ("perpetrators_named", N_("Named perpetrators"))}

#: Shading of a coverage level in the tables (none for supported).
COVERAGE_FILL = {"open": styles.OPEN_FILL, "contested": styles.CONFLICT_FILL,
                 "linked": styles.LINKED_FILL}

# Marked here, translated where printed (`_()`), in the dossier's language.
ONE_LINE = N_("Rests on one line of evidence only")
CONFLICT = N_("Sources conflict: not corroborated")
DIFFERENT_PERIODS = N_("Values for different periods: not a contradiction")
#: A table of up to this many rows is kept on one page, with its heading (the rows of a
#: longer one go on where they fall): a short table split leaves a row or two alone on a page.
KEPT_ROWS = 12

QUOTE_REDACTED = N_("Quote redacted: names of protected people replaced by their pseudonyms, "
                    "in brackets")


def incident_section(writer: DossierWriter, data: DossierData, item: IncidentData) -> None:
    """The whole section of one incident."""
    writer.bookmark(writer.heading(incident_title(item), 1), anchor(item.incident.code))
    if item.draft:
        state = _(scales.label(scales.INCIDENT_STATES, item.incident.state)).lower()
        writer.paragraph(_("DRAFT — this incident is {state}, not approved by review.")
                         .format(state=state), styles.BANNER)
    sign_off(writer, data, item)
    backing = item.backing()
    facts(writer, data, item, backing)
    narrative(writer, item, backing)
    qualification(writer, data, item, backing)
    evidence(writer, data, item)
    corroboration(writer, data, item)


# --- sign-off ---------------------------------------------------------------------------------

def sign_off(writer: DossierWriter, data: DossierData, item: IncidentData) -> None:
    """The workflow state, who approved or returned the incident, when, and their comment."""
    incident = item.incident
    writer.heading(_("Review and sign-off"), 2)
    table = writer.table(None, (1.3, 3),
                         _("{code}: review and sign-off").format(code=incident.code),
                         keep=True)
    state = _(scales.label(scales.INCIDENT_STATES, incident.state))
    decider = incident.decided_by.strip() or _("not recorded")
    when = wording.decided_on(incident.decided_at) or _("not recorded")
    comment = incident.state_comment.strip()
    rows: list[tuple[str, str | Run]] = [(_("Workflow state"), state)]
    if incident.state == "approved":
        rows += [(_("Signed off by"), decider), (_("Signed off on"), when),
                 (_("Sign-off comment"), comment or Run(_("none written"), italic=True))]
    elif incident.state == "returned":
        rows += [(_("Returned by"), decider), (_("Returned on"), when),
                 (_("Reason for return"), comment or Run(_("none written"), italic=True))]
    else:
        rows.append((_("Decision"), Run(_("not yet signed off by a reviewer"), italic=True)))
        if incident.decided_by.strip():
            rows.append((_("Earlier decision"),
                         _("by {name} on {date}").format(name=decider, date=when)))
        if comment:
            rows.append((_("Comment"), comment))
    if data.case.one_person:
        rows.append((_("Four eyes"), _("Not applied: this is a declared one-person case (the "
                                       "same person documented and reviewed it)")))
    for name, value in rows:
        table.row((Run(name, bold=True), value))
    short = item.not_supported()
    counted = sum(1 for a in item.assessed.values() if a.is_element or a.evidence)
    if short:
        listed = "; ".join(f"{wording.supports(a.fact)} ({wording.coverage(a.coverage).lower()})"
                           for a in short)
        table.row((Run(_("Not supported"), bold=True),
                   ngettext("{n} of {total} legal element and fact with evidence: {listed}",
                            "{n} of {total} legal elements and facts with evidence: {listed}",
                            counted).format(n=len(short), total=counted, listed=listed)),
                  {1: styles.OPEN_FILL} if incident.state == "approved" else None)
    elif counted:
        table.row((Run(_("Not supported"), bold=True),
                   ngettext("none: the {n} legal element or fact with evidence is supported",
                            "none: all {n} legal elements and facts with evidence are "
                            "supported", counted).format(n=counted)))


# --- facts ------------------------------------------------------------------------------------

def _voices(data: DossierData, claim: Claim, rows: dict[int, EvidenceRow]) -> list[str]:
    """Who says a value, in short: each line's originator, else the publisher it came from."""
    names = []
    for span_id in claim.evidence:
        row = rows[span_id]
        name = (data.lines.originator(row) if data.lines else "") or \
            wording.publisher(data.sources[row.source_id])
        names.append(name)
    return list(dict.fromkeys(names))


def _differing(found: Assessment | None) -> bool:
    """Whether a fact has more than one value or period claimed (it gets a table of them)."""
    return found is not None and len(found.claims) > 1


def facts(writer: DossierWriter, data: DossierData, item: IncidentData,
          backing: dict[str, list[EvidenceRow]]) -> None:
    """Fact | Value and evidence | Established; then the values reported for each fact whose
    sources give several values or periods."""
    writer.heading(_("Facts"), 2)
    rows = {s.id: s for s in item.spans}
    table = writer.table((_("Fact"), _("Value and evidence"), _("Established")), (1, 2.6, 1.1),
                         _("{code}: facts and the evidence behind them")
                         .format(code=item.incident.code))
    tabled = []
    for code, value_of in FACTS:
        spans = backing.get(code, [])
        found = item.assessed.get(code)
        value = value_of(item.incident)
        cell: list[str | Run] = [value or wording.NONE]
        at_element = _element_evidence(item, code, backing) \
            if value and not spans and code in scales.FACT_ELEMENTS else []
        if spans:
            cell += [" ", *refs(spans)]
            if taken := _taken_from(item.incident, code, spans):
                cell += [Run("\n" + _("Value taken from") + " ", italic=True),
                         *refs_of(taken)]
        elif at_element:  # proved at element level: said there, not asked again here
            cell += [Run("\n" + _("Evidence at element level: "), italic=True),
                     *refs(at_element)]
        if _differing(found):
            tabled.append(found)
            if found.conflict:
                cell.append(Run("\n" + _("Sources disagree:") + " ", bold=True))
                for n, c in enumerate(found.claims):
                    cell += [Run(" · " if n else "", bold=True), Run(f"{c.value} ", bold=True),
                             *refs_of(c.evidence),
                             Run(f" ({', '.join(_voices(data, c, rows))})", bold=True)]
                cell.append(Run("\n" + _("See “Values reported” below."), italic=True))
            else:
                cell.append(Run("\n" + _("{note}; see “Values reported” below.").format(
                    note=_(DIFFERENT_PERIODS)), italic=True))
        shade = {1: styles.OPEN_FILL} if found is not None and found.conflict else None
        established = Run(_("See the legal elements"), italic=True) if at_element \
            else _established(found)
        table.row((Run(_(scales.label(scales.INCIDENT_FIELDS, code)), bold=True), cell,
                   established), shade)
        named = NAMED.get(code)
        if named and getattr(item.incident, named[0]).strip():
            table.row((Run(_(named[1]), bold=True), getattr(item.incident, named[0]).strip(),
                       ""))
    for found in tabled:
        values_reported(writer, data, found, rows)


def _taken_from(incident: Incident, code: str, spans: list[EvidenceRow]) -> list[int]:
    """The spans backing fact `code` that its value was taken from (click to fill, or a
    badge's “Use …”), as the incident records it (`filled_from`)."""
    filled = incident.filled_from or {}
    backing = {s.id for s in spans}
    return sorted({filled[f] for f in assessment.fields_of(code) if filled.get(f) in backing})


def refs(spans: list[EvidenceRow]) -> list[str | Run]:
    """Evidence references in brackets, each a link to its quote: [E-012, E-031]."""
    return links([s.ref for s in spans])


def refs_of(ids) -> list[str | Run]:
    """The same, for span ids (as an assessment names its evidence), by number."""
    return links([evidence_ref(i) for i in sorted(ids)])


def _element_evidence(item: IncidentData, code: str,
                      backing: dict[str, list[EvidenceRow]]) -> list[EvidenceRow]:
    """The evidence of the incident's legal elements that speak to fact `code`
    (scales.FACT_ELEMENTS), by number, each span once."""
    elements = scales.FACT_ELEMENTS[code]
    found: dict[int, EvidenceRow] = {}
    for q in item.incident.qualifications or []:
        for element in elements:
            for span in backing.get(scales.element_key(q, element), []):
                found.setdefault(span.id, span)
    return [found[i] for i in sorted(found)]


def _established(found: Assessment | None) -> str | list[str | Run]:
    """A fact's coverage level, and how many lines agree."""
    if found is None:
        return wording.NONE
    cell: list[str | Run] = [Run(wording.coverage(found.coverage), bold=found.coverage != "open")]
    if found.evidence:
        cell.append(f"\n{wording.lines(found.independent_lines)}")
    if found.conflict:
        cell.append("\n" + _("values conflict"))
    return cell


def _conflicts_with(claim: Claim, claims: tuple[Claim, ...]) -> list[tuple[Claim, str]]:
    """The other claims that contradict this one: a different value over the same period, or
    where a period is not given (evidence.same_period's rule)."""
    found = []
    for other in claims:
        if other is claim or normalised_value(other.value) == normalised_value(claim.value):
            continue
        if same_period(claim, other):
            given = (claim.period_start or claim.period_end) and \
                (other.period_start or other.period_end)
            found.append((other, _("same period") if given else _("a period is not given")))
    return found


def values_reported(writer: DossierWriter, data: DossierData, found: Assessment,
                    rows: dict[int, EvidenceRow]) -> None:
    """One fact's claims: value | originator | period / as of | relayed by | evidence | note."""
    label = wording.supports(found.fact)
    writer.heading(_("Values reported: {fact}").format(fact=label), 3)
    if found.conflict:
        writer.paragraph(Run(_("These values conflict: some of them speak of the same period, "
                               "or give none, and say different things. Sources that disagree "
                               "do not corroborate each other."), bold=True), keep=True)
    else:
        writer.paragraph(_("These values are for different periods, shown side by side: they "
                           "are not a contradiction."), keep=True)
    table = writer.table((_("Value"), _("Originator"), _("Period / as of"), _("Relayed by"),
                          _("Evidence"), _("Note")), (0.95, 1.5, 1.4, 1.4, 0.9, 1.55),
                         _("{fact}: the values reported").format(fact=label),
                         keep=len(found.claims) <= KEPT_ROWS)
    for claim in found.claims:
        originators = [name or _("not recorded") for name in _originators(data, claim, rows)]
        against = _conflicts_with(claim, found.claims)
        note = [wording.lines(claim.lines)]
        if against:
            note.append(_("conflicts with {values}").format(
                values=", ".join(f"{c.value} ({why})" for c, why in against)))
        else:
            note.append(_("no other value for this period"))
        table.row((Run(claim.value, bold=True), "; ".join(originators),
                   wording.period(claim.period_start, claim.period_end, claim.scope)
                   or _("not given"),
                   "; ".join(claim.relayed_by) or wording.NONE, refs_of(claim.evidence),
                   "; ".join(note)),
                  {5: styles.OPEN_FILL} if against else None)


def _originators(data: DossierData, claim: Claim, rows: dict[int, EvidenceRow]) -> list[str]:
    """Each line's originator behind a claim; "" for a line whose originator is not known."""
    if data.lines is None:
        return list(claim.originators)
    by_line: dict[str, str] = {}
    for span_id in claim.evidence:
        row = rows[span_id]
        by_line.setdefault(data.lines.line(row), data.lines.originator(row))
    return list(by_line.values())


def narrative(writer: DossierWriter, item: IncidentData,
              backing: dict[str, list[EvidenceRow]]) -> None:
    """What happened, in the documenter's words, with the evidence backing the account."""
    writer.heading(_("What happened"), 2)
    text = item.incident.narrative.strip()
    for block in (b for b in text.split("\n\n") if b.strip()) if text else ():
        writer.paragraph(block.strip())
    if not text:
        writer.paragraph(Run(_("No narrative written."), italic=True))
    spans = backing.get("narrative", [])
    if spans:
        writer.paragraph([_("Evidence for the account:") + " ", *refs(spans)], styles.META)


# --- legal qualification ----------------------------------------------------------------------

def _link(data: DossierData, span: EvidenceRow) -> list[str | Run]:
    """“E-004: verified, approved, B2”: a span's status, review and grade (E-004 a link)."""
    source = data.sources[span.source_id]
    status = _(scales.label(scales.VERIFICATION_STATUSES, span.status)).lower()
    review = _(scales.label(scales.REVIEW_STATES, span.review_state)).lower()
    return [link(span.ref), f": {status}, {review}, {wording.grade(source, span)}"]


def qualification(writer: DossierWriter, data: DossierData, item: IncidentData,
                  backing: dict[str, list[EvidenceRow]]) -> None:
    """Each legal qualification's elements: the evidence behind each (its status, review and
    grade) and the element's coverage level, with means of proof where it is open."""
    writer.heading(_("Legal qualification"), 2)
    codes = [q for q in item.incident.qualifications or [] if q in scales.QUALIFICATIONS_BY_CODE]
    if not codes:
        writer.paragraph(Run(_("No legal qualification chosen yet."), italic=True))
        return
    flagged = item.mismatches()
    for code in codes:
        q = scales.QUALIFICATIONS_BY_CODE[code]
        instrument = _(q.instrument)
        writer.heading(f"{instrument} — {_(q.label)}", 3)
        if q.supporting_norms:
            writer.paragraph(_("Supporting norms: {norms}").format(
                norms="; ".join(_(n) for n in q.supporting_norms)), styles.META, keep=True)
        table = writer.table((_("Element"), _("Evidence behind it"), _("Coverage")),
                             (2.7, 1.7, 0.9), _("{code}: elements of {instrument}").format(
                                 code=item.incident.code, instrument=instrument),
                             keep=len(q.elements) <= KEPT_ROWS)
        for element in q.elements:
            key = scales.element_key(code, element.code)
            spans = backing.get(key, [])
            found = item.assessed.get(key)
            level = found.coverage if found else ("linked" if spans else "open")
            cell: list[str | Run] = [_(element.label)]
            if level == "open" and element.means_of_proof:
                cell.append(Run("\n" + _("Means of proof:") + " "
                                + "; ".join(_(m) for m in element.means_of_proof),
                                 italic=True))
            behind: list[str | Run] = []
            for n, span in enumerate(spans):
                behind += ["\n" if n else "", *_link(data, span)]
            behind = behind or [wording.NONE]
            if found and found.passages < len(found.evidence):
                behind.append("\n(" + ngettext("{n} passage", "{n} passages", found.passages)
                              .format(n=wording.number(found.passages)) + ")")
            for span in spans:
                if span.id in flagged:
                    behind += with_links("\n" + _("Flag: {flag}").format(
                        flag=flagged[span.id].describe()), bold=True)
            status = Run(wording.coverage(level), bold=level != "supported")
            fill = COVERAGE_FILL.get(level)
            table.row((cell, behind, status), {2: fill} if fill else None)


# --- evidence ---------------------------------------------------------------------------------

def _review(span: EvidenceRow) -> str:
    if span.review_state == "pending" or not span.reviewed_by:
        return _("not reviewed")
    state = _(scales.label(scales.REVIEW_STATES, span.review_state)).lower()
    return _("reviewed by {name} on {date} ({state})").format(
        name=span.reviewed_by, date=wording.moment(span.reviewed_at), state=state)


def _grading(data: DossierData, span: EvidenceRow, flagged: dict) -> list[str | Run]:
    """“Status: Corroborated · Grade B1 (…)”, and the flag when the grade claims a
    corroboration that no independent line gives."""
    source = data.sources[span.source_id]
    status = _(scales.label(scales.VERIFICATION_STATUSES, span.status))
    parts: list[str | Run] = [_("Status: {status} · Grade {grade} ({meaning})").format(
        status=status, grade=wording.grade(source, span),
        meaning=wording.grade_words(source, span))]
    if span.id in flagged:
        parts += with_links(" · " + _("Flag: {flag}").format(
            flag=flagged[span.id].describe()), bold=True)
    return parts


def _claim_line(data: DossierData, span: EvidenceRow) -> str:
    """Who originated what the span says (or that it is not recorded), and the period it
    speaks of, when given."""
    originator = data.lines.originator(span) if data.lines else span.originator.strip()
    parts = [_("Originator: {name}").format(name=originator or _("not recorded"))]
    when = wording.period(span.period_start, span.period_end, span.scope)
    if when:
        parts.append(_("Period: {period}").format(period=when))
    return " · ".join(parts)


def _meta(data: DossierData, span: EvidenceRow, *, note: bool = True,
          flagged: dict | None = None, redacted: bool = False,
          altered: bool = False) -> list[str | Run]:
    """The lines under a quote: where it comes from, how it is graded, who marked and reviewed.
    In a redacted edition the fingerprint is said to be the unredacted original's (the quote
    may differ from it), and a quote whose names were replaced says so first."""
    source = data.sources[span.source_id]
    origin = " — ".join(v for v in (source.title, source.publisher) if v)
    cited = pages.citation(span_pages(source.pages, span.start, span.end))  # "p. 14"
    origin = f"{origin} · {cited}" if cited else origin
    fingerprint = _("SHA-256 of the unredacted original") if redacted else "SHA-256"
    parts: list[str | Run] = [Run(_(QUOTE_REDACTED) + "\n", bold=True)] if altered else []
    parts += [_("Source:") + " ", link(source_ref(source.id)),
              " · " + _("{origin} · characters {start}–{end} · {fingerprint} {digest}…").format(
                  origin=origin, start=wording.number(span.start), end=wording.number(span.end),
                  fingerprint=fingerprint, digest=source.sha256[:16]) + "\n"]
    parts += _grading(data, span, flagged or {})
    supports = wording.supports(span.supports) if span.supports else _("not set")
    tail = [" · " + _("Supports: {fact}").format(fact=supports)]
    if span.asserted_value.strip():
        tail[-1] += " · " + _("Asserted value: {value}").format(value=span.asserted_value.strip())
    tail.append(_claim_line(data, span))
    marked = _("Marked by {name} on {date}").format(name=span.created_by or _("unknown"),
                                                     date=wording.moment(span.created_at))
    tail.append(f"{marked} · {_review(span)}")
    if span.review_state == "returned" and span.review_comment.strip():
        tail.append(_("Review comment: {comment}").format(comment=span.review_comment.strip()))
    if note and span.note.strip():
        tail.append(_("Note: {note}").format(note=span.note.strip()))
    parts.append("\n".join(tail))
    return parts


def _also(data: DossierData, span: EvidenceRow, flagged: dict) -> list[str | Run]:
    """Another link of a passage already quoted: its number, what it backs, its own grade."""
    supports = wording.supports(span.supports) if span.supports else _("nothing set")
    parts: list[str | Run] = ["\n", Run(_("Also linked as {ref}").format(ref=span.ref),
                                         bold=True),
                              ", " + _("backing {fact}").format(fact=supports)]
    if span.asserted_value.strip():
        parts.append(" " + _("(asserted value: {value})").format(
            value=span.asserted_value.strip()))
    parts.append(" · ")
    parts += _grading(data, span, flagged)
    parts.append(f" · {_review(span)}")
    return parts


def _quote_language(quote: str, source_language: str) -> str:
    """A quote's language tag: Cyrillic text in the language its source is recorded in, when
    that is Russian or Ukrainian, else as the letters tell (`document.language`)."""
    found = language(quote)
    recorded = source_language.strip().lower()[:2]
    if found and recorded in ("ru", "uk"):
        return "ru-RU" if recorded == "ru" else "uk-UA"
    return found


def _quote(writer: DossierWriter, span: EvidenceRow, *, struck: bool = False,
           also: list[EvidenceRow] = (), source_language: str = "") -> int:
    """The numbered quote in the quote style (with the other numbers of the same passage); in
    a redacted edition each protected name in it is its pseudonym in brackets ("[W-001]").
    The quote is verbatim: written as it is, tagged with its language. Returns how many names
    were replaced."""
    label = f"{span.ref}  " + _("REJECTED") + "  " if struck else f"{span.ref}  "
    if also:
        label = _("{ref} (also {refs})").format(ref=span.ref,
                                               refs=", ".join(s.ref for s in also)) + "  "
    quote, replaced = writer.marked(" ".join(span.quote.split()))
    p = writer.paragraph((Run(label, bold=True),
                          Run(wording.quoted(quote), strike=struck, verbatim=True,
                              lang=_quote_language(quote, source_language))), styles.QUOTE)
    for each in (span, *also):  # every number of the passage leads here
        writer.bookmark(p, anchor(each.ref))
    return replaced


def evidence(writer: DossierWriter, data: DossierData, item: IncidentData) -> None:
    """Usable evidence as numbered quotes, one per passage; rejected evidence apart, struck
    through."""
    writer.heading(_("Evidence"), 2)
    passages = item.passages()
    if not passages:
        writer.paragraph(Run(_("No usable evidence linked to this incident."), italic=True))
    elif len(passages) < len(item.usable):
        writer.paragraph(
            ngettext("{n} passage, linked {links} times to facts and elements: a passage linked "
                     "to several is quoted once, with its other numbers, and counts as one "
                     "piece of evidence.",
                     "{n} passages, linked {links} times to facts and elements: a passage "
                     "linked to several is quoted once, with its other numbers, and counts as "
                     "one piece of evidence.", len(passages)).format(
                n=wording.number(len(passages)), links=wording.number(len(item.usable))),
            styles.META, keep=True)
    flagged = item.mismatches()
    for first, *others in passages:
        replaced = _quote(writer, first, also=others,
                          source_language=data.sources[first.source_id].language)
        meta = _meta(data, first, flagged=flagged, redacted=writer.redacted,
                     altered=bool(replaced))
        for span in others:
            meta += _also(data, span, flagged)
        writer.paragraph(meta, styles.META)
    if item.rejected:
        writer.heading(_("Rejected evidence"), 3)
        writer.paragraph(_("Judged unusable when it was recorded or reviewed; kept for the record "
                           "and not relied on in this dossier."), keep=True)
        for span in item.rejected:
            replaced = _quote(writer, span, struck=True,
                              source_language=data.sources[span.source_id].language)
            reason = span.note.strip() or _("no reason recorded")
            meta = _meta(data, span, note=False, redacted=writer.redacted,
                         altered=bool(replaced))
            meta.insert(0, Run(_("Reason for rejection: {reason}").format(reason=reason) + "\n",
                               bold=True))
            writer.paragraph(meta, styles.META)


# --- corroboration ----------------------------------------------------------------------------

def _line_names(data: DossierData, found: Assessment, rows: dict[int, EvidenceRow]) -> list[str]:
    """The independent lines that agree (behind its one value, if any), by originator."""
    spans = [rows[i] for i in (found.claims[0].evidence if found.claims else found.evidence)]
    by_line: dict[str, str] = {}
    for span in spans:
        key = data.lines.line(span) if data.lines else str(span.source_id)
        name = data.lines.originator(span) if data.lines else ""
        by_line.setdefault(key, name or _("originator not recorded (published by {publisher})")
                           .format(publisher=wording.publisher(data.sources[span.source_id])))
    return list(by_line.values())


def corroboration(writer: DossierWriter, data: DossierData, item: IncidentData) -> None:
    """Per fact or element with evidence: its passages, the independent lines of evidence
    that agree, and whether it is corroborated, rests on one line or is contested."""
    writer.heading(_("Corroboration"), 2)
    backed = [a for a in item.assessed.values() if a.evidence]
    if not backed:
        writer.paragraph(Run(_("No fact or element of this incident is backed by evidence yet."),
                              italic=True))
        return
    rows = {s.id: s for s in item.spans}
    # Said before the table, so that a page break never leaves it alone on a page.
    writer.paragraph(_("A fact is corroborated when at least two independent lines of evidence "
                       "(originators, not the outlets that relay them) agree; see Annex B."),
                     styles.META, keep=True)
    table: TableWriter = writer.table(
        (_("Fact or element"), _("Passages"), _("Independent lines that agree"),
         _("Assessment")), (2.0, 1.2, 2.0, 1.5),
        _("{code}: corroboration").format(code=item.incident.code),
        keep=len(backed) <= KEPT_ROWS)
    for found in backed:
        passages: list[str | Run] = [f"{wording.number(found.passages)} ",
                                     *refs_of(found.evidence)]
        if found.passages < len(found.evidence):
            passages.append("\n(" + ngettext("{links} links to {n} passage",
                                             "{links} links to {n} passages", found.passages)
                            .format(links=wording.number(len(found.evidence)),
                                    n=wording.number(found.passages)) + ")")
        if len(found.claims) > 1:  # each value with its own lines
            lines_cell = "\n".join(
                f"{c.value}: {wording.lines(c.lines)} ("
                + "; ".join(n or _("originator not recorded")
                            for n in _originators(data, c, rows))
                + ")" for c in found.claims)
        else:
            lines_cell = f"{wording.number(found.independent_lines)}: " + "; ".join(
                _line_names(data, found, rows))
        verdict: list[str | Run]
        if found.conflict:
            verdict = [Run(_(CONFLICT), bold=True)]
        elif corroborated(found):
            verdict = [wording.counts_kept(ngettext(
                "Corroborated: {n} independent line agrees",
                "Corroborated: {n} independent lines agree",
                found.independent_lines).format(n=wording.number(found.independent_lines)))]
        else:
            verdict = [Run(_(ONE_LINE), bold=True)]
            if len(found.claims) > 1:
                verdict.append("\n" + _(DIFFERENT_PERIODS))
        for mismatch in found.mismatches:
            verdict += with_links("\n" + _("Flag: {flag}").format(flag=mismatch.describe()),
                                  bold=True)
        table.row((wording.supports(found.fact), passages, lines_cell, verdict),
                  None if corroborated(found) else {3: styles.OPEN_FILL})

