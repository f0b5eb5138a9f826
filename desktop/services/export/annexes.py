"""The annexes: sources with their custody record, methodology, and the audit trail."""

from __future__ import annotations

import re

from desktop.domain import scales
from desktop.domain.excerpts import one_line
from desktop.domain.models import Source
from desktop.domain.refs import evidence_ref, source_ref
from desktop.services import provenance
from desktop.services.export import styles, wording
from desktop.services.export.document import DossierWriter, Run, anchor, link, with_links
from desktop.services.export.gather import AuditLine, DossierData
from desktop.services.words import N_, _, ngettext

URL_WITHHELD = N_("URL withheld (confidential source)")
REDACTED_FINGERPRINTS = N_(
    "In this redacted edition the fingerprints and character positions are those of the "
    "unredacted originals: a quote in which a protected name was replaced by a pseudonym in "
    "brackets ([W-001]) no longer matches its source character for character.")


def _url(source: Source, redacted: bool) -> str:
    if redacted and source.confidential:
        return _(URL_WITHHELD)
    return source.url or wording.NONE


def sources_annex(writer: DossierWriter, data: DossierData, *, redacted: bool) -> None:
    """Annex A: every cited source, its custody record and its full fingerprint."""
    writer.heading(_("Annex A — Sources"), 1)
    writer.paragraph(
        _("Every source quoted in this dossier, with its chain of custody. The SHA-256 is the "
          "fingerprint of the original file as collected; the quotes cite its first 16 "
          "characters.") + (" " + _(REDACTED_FINGERPRINTS) if redacted else ""))
    for source in data.sources.values():
        ref = source_ref(source.id)
        title = source.title or source.original_name or _("untitled")
        writer.bookmark(writer.heading(f"{ref} — {title}", 2), anchor(ref))
        reliability = _(scales.label(scales.SOURCE_RELIABILITY, source.reliability))
        grade = f"{source.reliability} — {reliability}"
        if source.reliability_note.strip():
            grade += f"\n{source.reliability_note.strip()}"
        collected = ", ".join(v for v in (
            _("by {name}").format(name=source.collected_by) if source.collected_by else "",
            _("on {date}").format(date=wording.moment(source.collected_at))
            if source.collected_at else "",
            # Where a confidential source came from can identify it: withheld, not just its URL.
            (_("from {place}").format(place=source.collected_from)
             if not (redacted and source.confidential)
             else _("from a place withheld (confidential source)"))
            if source.collected_from else "") if v)
        table = writer.table(None, (1, 3), f"{ref}: " + _("custody record"), keep=True)
        found = provenance.gaps(source)
        if found:  # said first, where a reader of the entry cannot miss it
            table.row((Run(_("Provenance"), bold=True),
                       Run(_("Gaps: ") + "; ".join(provenance.words(g) for g in found),
                           bold=True)), {1: styles.OPEN_FILL})
        for name, value in (
            (_("Kind"), _(scales.label(scales.SOURCE_KINDS, source.kind))),
            (_("Publisher"), source.publisher),
            (_("Author"), source.author),
            (_("URL"), _url(source, redacted)),
            (_("Published"), wording.day(source.published)),
            (_("Language"), wording.language_name(source.language)),
            (_("Collected"), collected),
            (_("Collection record"), _collection_record(source.collection,
                                                        redacted and source.confidential)),
            (_("Original file"), source.original_name),
            (_("Media type"), wording.media_type(source.media_type)),
            (_("Text read by"), _ocr_record(source.extraction)),
            (_("Tracked changes"), _deletions_record(source.extraction)),
            (_("Size"), wording.size(source.size)),
            ("SHA-256", source.sha256),
            (_("Reliability"), grade),
            (_("Confidential"), _("Yes") if source.confidential else _("No")),
        ):
            if value is not None:  # None: a row that does not apply to this source
                table.row((Run(name, bold=True), value or wording.NONE))


#: The collection record's keys as the annex names them, in its order.
_COLLECTION_WORDS = (("tool", N_("tool")), ("method", N_("method")),
                     ("captured_at", N_("captured")), ("time_source", N_("time source")),
                     ("identity", N_("identity used")),
                     ("hash_at_collection", N_("hash at collection")))


def _collection_record(record: dict, withheld: bool) -> str | None:
    """How the source was collected (tool, method, capture time and clock, identity, hash at
    collection and whether the bytes match it); None when nothing was recorded."""
    if not record:
        return None
    parts = []
    for key, words in _COLLECTION_WORDS:
        value = record.get(key, "")
        if key == "identity" and value and withheld:
            value = _("withheld (confidential source)")
        elif key == "captured_at" and value:  # a date alone is a day, not midnight
            value = wording.day(value) if len(value) == 10 else wording.moment(value)
        if value:
            parts.append(f"{_(words)}: {value}")
    if record.get("hash_checked"):
        parts.append(_("the original's bytes match the hash at collection"))
    return "\n".join(parts) or None


def _deletions_record(extraction: dict) -> str | None:
    """The tracked deletions a Word document held, left out of its text (None: none)."""
    deletions = extraction.get("tracked_deletions") or []
    if not deletions:
        return None
    lines = [ngettext("{n} tracked deletion, left out of the text:",
                      "{n} tracked deletions, left out of the text:", len(deletions))
             .format(n=len(deletions))]
    for deletion in deletions[:_DELETIONS_SHOWN]:
        who = ", ".join(v for v in (deletion.get("author", ""),
                                    wording.moment(deletion.get("date", ""))) if v)
        moved = " " + _("(moved elsewhere)") if deletion.get("moved") else ""
        lines.append(f"“{one_line(deletion.get('text', ''), 120)}”{moved}"
                     + (f" ({who})" if who else ""))
    if len(deletions) > _DELETIONS_SHOWN:
        lines.append(_("and {n} more").format(n=len(deletions) - _DELETIONS_SHOWN))
    return "\n".join(lines)


_DELETIONS_SHOWN = 10


def _ocr_record(extraction: dict) -> str | None:
    """How OCR read a scan's text, for its custody record (None: text taken from the file)."""
    if not extraction or extraction.get("method") != "OCR":
        return None
    uncertain = len(extraction.get("low_confidence") or ())
    return (_("OCR: {tool} {version}, languages {languages}; mean word confidence {mean}%")
            .format(tool=extraction.get("tool", ""), version=extraction.get("version", ""),
                    languages=extraction.get("languages", ""),
                    mean=f"{extraction.get('mean_confidence', 0):g}")
            + ("; " + ngettext("{n} word read with low confidence",
                               "{n} words read with low confidence", uncertain)
               .format(n=uncertain) if uncertain else ""))


def _scale(writer: DossierWriter, title: str, scale: tuple[scales.Grade, ...],
           codes: bool = False) -> None:
    """One scale as a table: each step's label and meaning, and its code where the dossier
    prints the code (the grades A–F and 1–6; states are printed in words)."""
    writer.heading(title, 3)
    if codes:
        table = writer.table((_("Code"), _("Label"), _("Meaning")), (1.1, 1.6, 3.3), title)
    else:
        table = writer.table((_("State"), _("Meaning")), (2.0, 4.0), title)
    for grade in scale:
        label, meaning = Run(_(grade.label), bold=not codes), _(grade.description) or wording.NONE
        table.row((Run(grade.code, bold=True), label, meaning) if codes else (label, meaning))


def methodology_annex(writer: DossierWriter, data: DossierData) -> None:
    """Annex B: the scales, the standard of proof, and how to check references and hashes."""
    writer.heading(_("Annex B — Methodology"), 1)
    writer.heading(_("Standard of proof"), 2)
    writer.paragraph(
        _("This case applies the standard “{standard}”: a finding is made when, on a body of "
          "verified information, a prudent observer would have reasonable grounds to believe "
          "that the facts took place as described and meet every element of the violation. "
          "Findings that rest on verified evidence are distinguished from those only recorded "
          "(unverified or corroborated).").format(standard=_(data.case.standard_of_proof)))
    writer.heading(_("Grades and statuses"), 2)
    writer.paragraph(
        _("Each quote carries an Admiralty grade of two characters: the reliability of its "
          "source (A–F, graded per source) followed by the credibility of the information "
          "(1–6, graded per passage). “B2” reads: a usually reliable source; information "
          "probably true."))
    _scale(writer, _("Source reliability"), scales.SOURCE_RELIABILITY, codes=True)
    _scale(writer, _("Information credibility"), scales.INFORMATION_CREDIBILITY, codes=True)
    _scale(writer, _("Verification status"), scales.VERIFICATION_STATUSES)
    _scale(writer, _("Review of evidence"), scales.REVIEW_STATES)
    _scale(writer, _("Incident workflow"), scales.INCIDENT_STATES)
    _establishing(writer)
    writer.heading(_("Checking references and fingerprints"), 2)
    writer.paragraph(
        _("Every link of a passage to a fact or element is numbered E-nnn after its record in "
          "the case file; the number never changes, so it is the same in every dossier of this "
          "case. A passage linked to several facts carries several numbers and is quoted under "
          "the first. Its position gives the characters of the source's extracted text it was "
          "taken from."))
    writer.paragraph(
        _("Annex A gives the SHA-256 of each source's original file as collected. To check "
          "that a file received is the one collected, compute its fingerprint and compare it "
          "with Annex A, for example:"), keep=True)
    writer.paragraph("sha256sum original-file.txt", styles.CODE, keep=True)
    writer.paragraph(_("(on Windows: certutil -hashfile original-file.txt SHA256)"),
                     styles.META)
    if writer.redacted:
        writer.paragraph(_(REDACTED_FINGERPRINTS))


def _establishing(writer: DossierWriter) -> None:
    """How the dossier decides what the evidence establishes (desktop.services.assessment)."""
    writer.heading(_("What the evidence establishes"), 2)
    for term, text in (
        (N_("Line of evidence. "),
         N_("The body that observed, counted or stated something (a UN monitoring mission, a "
         "prosecutor's office, an ombudsman, a named witness) is its originator; the outlets "
         "that publish or relay it are not. Everything one originator says is one line of "
         "evidence, however many outlets carry it, and a source that relays another is on that "
         "source's line. A source whose originator is not recorded is a line of its own; it is "
         "never assumed to be the same as another.")),
        (N_("Corroboration "),
         N_("is derived, not graded: a fact or element is corroborated when at least two "
         "independent lines of evidence agree (assert the same value, where values are "
         "asserted). Sources that disagree never corroborate each other. “Rests on one line of "
         "evidence only” means that every passage behind it comes from one originator.")),
        (N_("Conflicting values and different periods. "),
         N_("Values claimed for the same period, or where a period is not given, conflict when "
         "they differ; each incident lists them in a table of values reported, with their "
         "originator, period and relays. Values for different periods (a count “as of "
         "October 2024” beside one “to December 2024”) are shown side by side and are not a "
         "contradiction.")),
        (N_("Flagged grades. "),
         N_("A passage graded “corroborated”, or with credibility 1 (“confirmed by other "
         "sources”), when no independent line of evidence agrees with it, is printed with its "
         "grade as recorded and a flag saying so; it is not counted as corroborated.")),
        (N_("One passage, one piece of evidence. "),
         N_("A passage is the same characters of the same source. Linked to several facts or "
         "elements, it is quoted once, under its first number, with the other numbers it is "
         "linked as and what each backs; every count of evidence in this dossier (cover, "
         "summary, corroboration) counts passages, not links.")),
    ):
        writer.paragraph((Run(_(term), bold=True), _(text)))
    writer.paragraph(
        _("Each fact and legal element has one of these coverage levels. An element is "
          "supported only by approved, verified evidence; evidence that is only linked, "
          "unverified or contested does not make it supported."))
    _scale(writer, _("Coverage of a fact or legal element"), scales.COVERAGE_LEVELS)


# Quotes inside summaries, as English and Ukrainian summaries write them.
_QUOTED = re.compile(r"“[^”]*”?|«[^»]*»?")  # as English and Ukrainian summaries quote
QUOTE_WITHHELD = N_("“[quote withheld in the redacted edition]”")
#: An edit's summary ("Edited kind, title of “…”"), which names fields by their internal names:
#: the annex says which fields changed, in words, instead.
# An edit's summary, as English and Ukrainian entries begin ("Edited …", "Змінено: …").
_EDITED = re.compile(r"^(?:Edited |Set back |Змінено(?::| в | у справі:)|Відновлено(?::| в ))")
_HASH_SHOWN = 12  # hex digits of each entry's hash printed


def audit_annex(writer: DossierWriter, data: DossierData, *, redacted: bool = False) -> None:
    """Annex C: the case's change history, newest first, each entry with what it concerns (its
    E-, S- or INC- reference), what it did in words, and the start of its hash; then the
    chain head and how to check the trail.

    In the redacted edition, quotes inside summaries are withheld: a summary keeps only the
    start of a quote, which may end in the middle of a protected name the redactor cannot match.
    """
    writer.heading(_("Annex C — Audit trail"), 1)
    writer.paragraph(
        ngettext("Every change recorded in the case file, newest first ({n} entry).",
                 "Every change recorded in the case file, newest first ({n} entries).",
                 len(data.audit)).format(n=f"{len(data.audit):,}")
        + " " + _("The trail is append-only and chained: each entry's hash is the SHA-256 of "
                  "its content and of the hash of the entry before it, so an entry changed or "
                  "removed breaks every hash after it. The newest entry's hash is the chain "
                  "head."))
    head = data.case.audit_head
    writer.paragraph([Run(_("Chain head when this dossier was exported: "), bold=True),
                      Run(head, verbatim=True)], styles.CODE)
    writer.paragraph(
        _("To check it, run casefile verify CASE.casefile: it recomputes every entry's hash from "
          "the one before it and checks the newest against the case's chain head, which "
          "casefile info CASE.casefile prints. That head is the one above unless the case has "
          "changed since this export; each hash printed here is the start of the hash of the "
          "case's entry of the same number."), keep=True)
    table = writer.table((_("No."), _("Time (UTC)"), _("By"), _("What was done"),
                          _("Entry hash")), (0.55, 1.2, 1.05, 3.0, 1.3),
                         _("The audit trail, newest first"))
    for line in data.audit:
        table.row((f"{line.id:,}", line.at.replace("T", " ").replace("Z", ""), line.actor,
                   _entry(data, line, redacted), line.entry_hash[:_HASH_SHOWN]))


def _entry(data: DossierData, line: AuditLine, redacted: bool) -> list[str | Run]:
    """“Evidence approved · E-012”, then what the entry says: the fields an edit changed, in
    words, or its summary with quotes inside quotes made single."""
    parts: list[str | Run] = [Run(action_words(line.action), bold=True)]
    ref = _subject(data, line)
    if ref:
        parts += [" · ", link(ref)]
    # A Ukrainian summary joins a short preposition to its word ("в\u00a0«…»"): read as spaced.
    if line.changed and _EDITED.match(line.summary.replace("\u00a0", " ")):
        fields = ", ".join(field_words(line.object_type, f) for f in line.changed)
        parts.append("\n" + _("Changed: ") + fields)
    elif line.summary:
        summary = _QUOTED.sub(_(QUOTE_WITHHELD), line.summary) if redacted else line.summary
        parts += with_links("\n" + single_inner_quotes(summary))
    return parts


def _subject(data: DossierData, line: AuditLine) -> str:
    """The reference of what an entry concerns: E-012, S-004, INC-001; "" for the case."""
    if line.object_id is None:
        return ""
    if line.object_type == "evidence":
        return evidence_ref(line.object_id)
    if line.object_type == "source":
        return source_ref(line.object_id)
    if line.object_type == "incident":
        return data.incident_codes.get(line.object_id, "")
    return ""


def action_words(code: str) -> str:
    """An audit action in words (scales.AUDIT_ACTIONS): “evidence.approve” as “Evidence
    approved”; an export's intent as its action; an unknown one as “Evidence: add”."""
    base = code.removesuffix(".intent").removesuffix(".abandoned")
    if base in scales.AUDIT_ACTION_CODES:
        return _(scales.label(scales.AUDIT_ACTIONS, base))
    subject, _sep, verb = base.partition(".")
    subject = subject.replace("_", " ").capitalize()
    return f"{subject}: {verb.replace('_', ' ')}" if verb else subject


def field_words(object_type: str, name: str) -> str:
    """A field in words (scales.FIELD_WORDS), never its internal name."""
    words = scales.FIELD_WORDS.get(object_type, ())
    known = scales.label(words, name)
    return _(known) if known != name else name.replace("_", " ").capitalize()


def single_inner_quotes(text: str) -> str:
    """Quotes inside quotes made single: “Edited “alarm”” reads “Edited ‘alarm’”."""
    out, depth = [], 0
    for char in text:
        if char == "“":
            out.append("‘" if depth else char)
            depth += 1
        elif char == "”" and depth:
            depth -= 1
            out.append("’" if depth else char)
        else:
            out.append(char)
    return "".join(out)
