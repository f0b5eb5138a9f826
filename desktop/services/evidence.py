"""Evidence spans: passages of a source linked to the incident fact or legal element they back."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from peewee import JOIN, SQL, fn

from desktop.domain import dates, scales
from desktop.domain.errors import ValidationError
from desktop.domain.excerpts import one_line
from desktop.domain.models import (
    SHAPED_IDS,
    Evidence,
    Incident,
    Source,
    database,
    plain_rows,
    shaped_rows,
)
from desktop.domain.refs import evidence_ref
from desktop.services import audit, collisions
from desktop.services.anchoring import QuoteSelector, quote_at
from desktop.services.changes import Change, then, touched
from desktop.services.words import N_, _

#: An edited span that was approved goes back to review.
REVIEW_RESET = {"review_state": "pending", "review_comment": "", "reviewed_by": "",
                "reviewed_at": ""}


def reset_by_edit(review_state: str) -> dict:
    """What an edit of a span's content also changes: an approval covers the span as it was
    approved, so an approved span goes back to review (here or brought in from a copy)."""
    return dict(REVIEW_RESET) if review_state == "approved" else {}


#: Fields a user edits after marking a span; the span itself (source, offsets, quote) is fixed.
EDITABLE_FIELDS = ("incident", "supports", "asserted_value", "status", "credibility", "note",
                   "originator", "period_start", "period_end", "scope")

#: Fields an import takes over as the file gives them: who made a span, when, and its review.
ATTRIBUTION_FIELDS = ("created_by", "created_at", "review_state", "review_comment",
                      "reviewed_by", "reviewed_at")

#: Evidence fields that hold a code of a scale, and the codes each may hold.
CODED_FIELDS = {"status": scales.STATUS_CODES, "credibility": scales.CREDIBILITY_CODES,
                "review_state": scales.REVIEW_CODES}

#: The condition, in a query, for evidence that counts (scales.counts_as_evidence, in SQL).
USABLE = Evidence.status.not_in(scales.UNUSABLE_STATUSES)


def known_value(name: str, value: object) -> bool:
    """Whether evidence field `name` may hold `value`: a code of its scale, an incident field
    or legal element for `supports` (or nothing), any text for the other fields."""
    if name == "supports":
        return (not value or value in scales.INCIDENT_FIELD_CODES
                or scales.find_element(value) is not None)
    codes = CODED_FIELDS.get(name)
    return codes is None or value in codes


def _check_fields(values: dict, allowed: Sequence[str] = EDITABLE_FIELDS) -> None:
    """Refuse fields that are not `allowed` and values their field cannot hold."""
    unknown = set(values) - set(allowed)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ValidationError(_("these evidence fields cannot be edited: {names}")
                              .format(names=names))
    for name, codes in CODED_FIELDS.items():
        if name in values and not known_value(name, values[name]):
            raise ValidationError(_("{name} must be one of {codes}").format(
                name=audit.field_names("evidence", [name]), codes=", ".join(codes)))
    supports = values.get("supports")
    if not known_value("supports", supports):
        raise ValidationError(_("{value!r} is neither an incident field nor a legal element")
                              .format(value=supports))
    for name in ("period_start", "period_end"):
        if not dates.is_partial_date(values.get(name) or ""):
            raise ValidationError(_("{name}: use a date as YYYY-MM-DD, YYYY-MM or YYYY")
                                  .format(name=audit.field_names("evidence", [name])))


def _check_incidents(ids: Iterable[int | None]) -> None:
    """Refuse links to incidents the case does not have (one query for all of them)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return
    found = {i for (i,) in Incident.select(Incident.id).where(Incident.id.in_(list(wanted)))
             .tuples()}
    missing = sorted(wanted - found)
    if missing:
        raise ValidationError(_("there is no incident with id {id}").format(id=missing[0]))


def _check(values: dict) -> None:
    _check_fields(values)
    _check_incidents([values.get("incident")])


def _selector(text: str | None, source_id: int, start: int, end: int) -> QuoteSelector:
    """The quote of text[start:end] with its context; ValidationError when it is not there."""
    if text is None:
        raise ValidationError(_("there is no source with id {id}").format(id=source_id))
    try:
        return quote_at(text, start, end)
    except ValueError as exc:
        raise ValidationError(_("the span {start}–{end} is not inside the source text")
                              .format(start=start, end=end)) from exc


def add_evidence(source_id: int, start: int, end: int, *, actor: str,
                 incident: int | None = None, **values) -> Change:
    """Mark text[start:end] of a source as evidence; the quote and its context are stored too."""
    values["incident"] = incident
    _check(values)
    text = Source.select(Source.text).where(Source.id == source_id).scalar()
    selector = _selector(text, source_id, start, end)
    from desktop.services import incidents  # noqa: PLC0415 — incidents imports this module

    with database.atomic():
        evidence = Evidence.create(source=source_id, start=start, end=end, quote=selector.exact,
                                   prefix=selector.prefix, suffix=selector.suffix,
                                   created_by=actor, **values)
        audit.record("evidence.add", actor=actor, object_type="evidence", object_id=evidence.id,
                     summary=_("Marked “{quote}”").format(quote=one_line(selector.exact)),
                     after=audit.snapshot(evidence))
        # What was submitted or signed off did not have this evidence: it goes back to draft.
        reopened = (incidents.back_to_draft(incident, incidents.EVIDENCE_AFTER_REVIEW,
                                            actor=actor) if incident else None)
    span_id = evidence.id
    added = Change(_touching([(span_id, source_id, incident)]),
                   lambda who: remove_evidence(span_id, actor=who), span_id)
    return then(added, reopened)


def mark_and_fill(source_id: int, start: int, end: int, *, actor: str, fill: dict,
                  incident: int | None = None, **values) -> Change:
    """Mark a passage and put its value into its incident's fields (`fill`, as
    `suggestions.fills` gives them), both or neither: a value the incident's rules refuse
    leaves no evidence behind either. The incident records that those fields came from the
    new span. One Change, undone as one."""
    from desktop.services import incidents  # noqa: PLC0415 — incidents imports this module

    with database.atomic():
        added = add_evidence(source_id, start, end, actor=actor, incident=incident, **values)
        if not fill or incident is None:
            return added
        return then(added, incidents.update_incident(incident, actor=actor,
                                                     from_evidence=added.id, **fill))


def _touching(spans: Sequence[tuple[int, int, int | None]]) -> dict:
    """What a change of these (evidence id, source id, incident id) spans touches."""
    return touched(evidence=[s[0] for s in spans], source=[s[1] for s in spans],
                   incident=[s[2] for s in spans])


def touching(ids: Sequence[int]) -> dict:
    """What a change of these spans touches: the spans, their sources and their incidents."""
    return _touching(list(Evidence.select(Evidence.id, Evidence.source, Evidence.incident)
                          .where(Evidence.id.in_(list(ids))).tuples()))


def _touching_rows(snapshots: Iterable[dict]) -> dict:
    return _touching([(s["id"], s["source"], s["incident"]) for s in snapshots])


#: What belongs to a passage, not to one of its links: a passage marked for several facts is one
#: piece of evidence, checked once, so its verification status and credibility are the same
#: on every link (an edit of one is an edit of all).
PASSAGE_FIELDS = frozenset({"status", "credibility"})
_BATCH = 500  # span ids per statement (an UPDATE, or a SELECT by ids)


def same_passage(ids: Sequence[int]) -> list[int]:
    """These spans and every other link of the same passages (same source, start and end)."""
    wanted = list(ids)
    passages = set(Evidence.select(Evidence.source, Evidence.start, Evidence.end)
                   .where(Evidence.id.in_(wanted)).tuples())
    sources_ = list({p[0] for p in passages})
    found = set(wanted)
    if passages:
        found.update(i for i, source, start, end in Evidence.select(
            Evidence.id, Evidence.source, Evidence.start, Evidence.end)
            .where(Evidence.source.in_(sources_)).tuples() if (source, start, end) in passages)
    return sorted(found)


def update_evidence(ids: int | Sequence[int], *, actor: str,
                    expected: dict[int, dict] | None = None, **changes) -> Change:
    """Change fields of one or many spans in one transaction (an approved span goes back to
    review); a status or credibility applies to every link of the passage. The Change's ids
    are the spans that really changed. With `expected` (span id → field → what its editor
    loaded) the edit is refused whole (EditCollision) when someone saved another value of
    such a field meanwhile."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    _check(changes)
    if PASSAGE_FIELDS & changes.keys():
        ids = same_passage(ids)
    writes: list[tuple[Evidence, dict]] = []
    spans: list[tuple[int, int, int | None]] = []
    with database.atomic():
        for evidence in _editing(ids, expected, changes):
            if audit.snapshot(evidence, changes) == changes:
                continue
            values = dict(changes)
            values.update(reset_by_edit(evidence.review_state))
            writes.append((evidence, values))
            spans += _spans_touched(evidence, values)
        edited = _("Edited {fields}").format(fields=audit.field_names("evidence", changes))
        before = _write(writes, actor=actor, summary=lambda values: edited)
        # A span moved into an incident submitted or signed off: what was signed off did not
        # have it, as when it is marked there (add_evidence).
        joined = changes.get("incident")
        reopened = None
        if joined is not None and any(span.incident_id != joined for span, _ in writes):
            from desktop.services import incidents  # noqa: PLC0415 — incidents imports this

            reopened = incidents.back_to_draft(joined, incidents.EVIDENCE_AFTER_REVIEW,
                                               actor=actor)
    after = {span.id: values for span, values in writes}
    return then(Change(_touching(spans),
                       lambda who: restore_values(before, actor=who, expected=after),
                       next(iter(before)) if len(before) == 1 else None), reopened)


def _editing(ids: list[int], expected: dict[int, dict] | None,
             changes: dict | Callable[[Evidence], dict]) -> list[Evidence]:
    """The spans an edit changes; when it says what its editor loaded, read under a lock and
    refused (EditCollision) where someone saved a newer value meanwhile. `changes` is what
    the edit writes: the same to every span, or what it writes to a span given (an undo's
    earlier values), which already holding is no collision."""
    query = Evidence.select().where(Evidence.id.in_(ids))
    if not expected:
        return list(query)
    spans = list(collisions.locked(query))
    collisions.refuse_all(((span, expected.get(span.id), evidence_ref(span.id))
                           for span in spans), changes, object_type="evidence")
    return spans


def _write(writes: Sequence[tuple[Evidence, dict]], *, actor: str,
           summary: Callable[[dict], str]) -> dict[int, dict]:
    """Store each span's new values with an audit entry per span (inside the caller's
    transaction); returns what those fields held before, by span. Spans given the same
    values are written by one statement and their entries together (`audit.record_all`):
    a status change of a thousand spans is a few statements, not thousands."""
    before = {span.id: audit.snapshot(span, values) for span, values in writes}
    alike: dict[str, tuple[dict, list[int]]] = {}
    for span, values in writes:
        alike.setdefault(repr(sorted(values.items())), (values, []))[1].append(span.id)
    for values, span_ids in alike.values():
        for i in range(0, len(span_ids), _BATCH):
            Evidence.update(values).where(Evidence.id.in_(span_ids[i:i + _BATCH])).execute()
    audit.record_all([audit.Entry("evidence.update", actor, "evidence", span.id, summary(values),
                                  before[span.id], dict(values)) for span, values in writes])
    return before


def _spans_touched(span: Evidence, values: dict) -> list[tuple[int, int, int | None]]:
    """(span, source, incident) that a change of `values` touches: a relinked span touches
    the incident it leaves and the one it joins."""
    touched = [(span.id, span.source_id, span.incident_id)]
    if "incident" in values:
        touched.append((span.id, span.source_id, values["incident"]))
    return touched


def restore_values(before: dict[int, dict], *, actor: str,
                   expected: dict[int, dict] | None = None) -> Change:
    """Set each span back to its own earlier stored values, review fields included, in one
    transaction (the undo of an edit), refused (EditCollision) where a span no longer holds
    what the edit left (`expected`, by span); its own undo sets them forward again."""
    writes: list[tuple[Evidence, dict]] = []
    spans: list[tuple[int, int, int | None]] = []
    with database.atomic():
        for span in _editing(list(before), expected, lambda span: before[span.id]):
            writes.append((span, before[span.id]))
            spans += _spans_touched(span, before[span.id])
        after = _write(writes, actor=actor, summary=lambda values: _("Set back {fields}").format(
            fields=audit.field_names("evidence", values)))
        reopened = _rejoined([(span.id, values["incident"]) for span, values in writes
                              if "incident" in values and values["incident"] != span.incident_id],
                             actor)
    return then(Change(_touching(spans),
                       lambda who: restore_values(after, actor=who, expected=dict(before))),
                reopened)


#: Whether a span left an incident since the incident was last submitted or signed off: then
#: putting it back (an undo) restores what was reviewed. Written in SQL both backends read
#: alike; the server holds the same rule in its trigger (server_roles.casefile_comes_back).
_CAME_FROM = (
    "SELECT EXISTS (SELECT 1 FROM audit_entry WHERE object_type = 'evidence' AND object_id = ? "
    "AND action IN ('evidence.remove', 'evidence.update') "
    "AND CAST(json_extract(before, '$.incident') AS TEXT) = CAST(? AS TEXT) "
    "AND id > coalesce((SELECT max(id) FROM audit_entry WHERE object_type = 'incident' "
    "AND object_id = ? AND json_extract(after, '$.state') IN ('in_review', 'approved')), 0))")


def _rejoined(joins: Sequence[tuple[int, int | None]], actor: str) -> Change | None:
    """Spans put back into incidents (an undo): one submitted or signed off without the span
    goes back to draft, as when evidence is linked to it; one the span left since its review
    keeps its state (what was reviewed had the span). Must run in the transaction."""
    from desktop.services import incidents  # noqa: PLC0415 — incidents imports this module

    reopened: Change | None = None
    for span_id, incident_id in joins:
        if incident_id is None or database.execute_sql(
                _CAME_FROM, (span_id, incident_id, incident_id)).fetchone()[0]:
            continue
        change = incidents.back_to_draft(incident_id, incidents.EVIDENCE_AFTER_REVIEW,
                                         actor=actor)
        if change is not None:
            reopened = change if reopened is None else then(reopened, change)
    return reopened


def _remove(evidence_id: int, actor: str) -> dict:
    evidence = Evidence.get_by_id(evidence_id)
    snapshot = audit.snapshot(evidence)
    evidence.delete_instance()
    audit.record("evidence.remove", actor=actor, object_type="evidence",
                 object_id=evidence_id,
                 summary=_("Removed “{quote}”").format(quote=one_line(evidence.quote)),
                 before=snapshot)
    return snapshot


def remove_evidence(ids: int | Sequence[int], *, actor: str) -> Change:
    """Remove spans (mistaken marks) in one transaction; the undo brings them back exactly."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    with database.atomic():
        snapshots = [_remove(evidence_id, actor) for evidence_id in ids]
    return Change(_touching_rows(snapshots),
                  lambda who: restore_evidence(snapshots, actor=who),
                  ids[0] if len(ids) == 1 else None)


def restore_evidence(snapshots: dict | Sequence[dict], *, actor: str) -> Change:
    """Bring back removed spans with their ids and every attribute (the undo of a removal)."""
    snapshots = [snapshots] if isinstance(snapshots, dict) else list(snapshots)
    with database.atomic():
        for snapshot in snapshots:
            Evidence.insert(snapshot).execute()
            audit.record("evidence.restore", actor=actor, object_type="evidence",
                         object_id=snapshot["id"],
                         summary=_("Restored “{quote}”").format(
                             quote=one_line(snapshot["quote"])), after=snapshot)
        reopened = _rejoined([(s["id"], s.get("incident")) for s in snapshots], actor)
    ids = [s["id"] for s in snapshots]
    return then(Change(_touching_rows(snapshots), lambda who: remove_evidence(ids, actor=who),
                       ids[0] if len(ids) == 1 else None), reopened)


def snapshot_of(evidence_id: int) -> dict:
    """Every stored value of one span as plain data (what a removal keeps for its undo)."""
    return audit.snapshot(Evidence.get_by_id(evidence_id))


class ImportedSpan(NamedTuple):
    """A span brought in from another tool or case, placed in its source and ready to store."""

    source_id: int
    start: int
    end: int
    incident: int | None
    values: dict  # EDITABLE_FIELDS but the incident: supports, status, credibility, note, …
    attribution: dict  # ATTRIBUTION_FIELDS, as the file gives them
    how: str  # how it was placed (PLACED), for the audit summary
    provenance: dict  # what its audit entry keeps about where it came from


def import_evidence(spans: Sequence[ImportedSpan], *, actor: str) -> list[int]:
    """Store spans brought in from a file, every one validated first, each with its audit
    entry, in one transaction; returns their ids in order. A span without a maker is `actor`'s;
    an incident submitted or signed off that gains one goes back to draft."""
    ids = {span.source_id for span in spans}
    texts = dict(Source.select(Source.id, Source.text).where(Source.id.in_(list(ids)))
                 .tuples()) if ids else {}
    selectors = []
    for span in spans:
        _check_fields({**span.values, **span.attribution},
                      [f for f in EDITABLE_FIELDS if f != "incident"] + list(ATTRIBUTION_FIELDS))
        selectors.append(_selector(texts.get(span.source_id), span.source_id, span.start,
                                   span.end))
    _check_incidents(span.incident for span in spans)
    from desktop.services import incidents  # noqa: PLC0415 — incidents imports this module

    with database.atomic():
        stored = [_store_import(span, selector, actor)
                  for span, selector in zip(spans, selectors, strict=True)]
        # What was submitted or signed off did not have this evidence, as for a mark.
        for incident in sorted({span.incident for span in spans} - {None}):
            incidents.back_to_draft(incident, incidents.EVIDENCE_AFTER_REVIEW, actor=actor)
    return stored


#: How an imported span was placed in its source's text (anchoring's methods), in words.
PLACED = {"exact": N_("found where it was recorded"), "moved": N_("found elsewhere in the text"),
          "fuzzy": N_("matched approximately")}


def _store_import(span: ImportedSpan, selector: QuoteSelector, actor: str) -> int:
    evidence = Evidence.create(
        source=span.source_id, start=span.start, end=span.end, quote=selector.exact,
        prefix=selector.prefix, suffix=selector.suffix, incident=span.incident,
        **{"created_by": actor, **span.values, **span.attribution})
    audit.record("evidence.import", actor=actor, object_type="evidence", object_id=evidence.id,
                 summary=_("Imported “{quote}”, {how}").format(
                     quote=one_line(selector.exact), how=_(PLACED.get(span.how, span.how))),
                 after={**span.provenance, "evidence": audit.snapshot(evidence)})
    return evidence.id


class EvidenceRow(NamedTuple):
    """One evidence span as the views, the dossier, the registers and the annotation export
    show it (read with one query, no model objects)."""

    id: int
    source_id: int
    start: int
    end: int
    quote: str
    status: str
    credibility: str
    incident_id: int | None
    incident_code: str | None
    supports: str
    asserted_value: str
    note: str
    review_state: str
    review_comment: str
    created_by: str
    created_at: str
    source_title: str
    source_publisher: str
    source_reliability: str
    prefix: str
    suffix: str
    reviewed_by: str
    reviewed_at: str
    incident_title: str | None
    source_sha256: str
    source_text_sha256: str
    originator: str  # the claim's own originator ("" : the source's)
    period_start: str
    period_end: str  # the end of the period the claim speaks of, or its "as of" date
    scope: str

    @property
    def ref(self) -> str:
        """How the span is cited, the same in every dossier of the case: E-012."""
        return evidence_ref(self.id)

    @property
    def usable(self) -> bool:
        """Whether the span proves anything (a rejected one is kept but proves nothing)."""
        return scales.counts_as_evidence(self.status)


_ROW_COLUMNS = (
    Evidence.id, Evidence.source, Evidence.start, Evidence.end, Evidence.quote, Evidence.status,
    Evidence.credibility, Evidence.incident, Incident.code, Evidence.supports,
    Evidence.asserted_value, Evidence.note, Evidence.review_state, Evidence.review_comment,
    Evidence.created_by, Evidence.created_at, Source.title, Source.publisher, Source.reliability,
    Evidence.prefix, Evidence.suffix, Evidence.reviewed_by, Evidence.reviewed_at,
    Incident.title, Source.sha256, Source.text_sha256, Evidence.originator,
    Evidence.period_start, Evidence.period_end, Evidence.scope,
)


def evidence_rows(*, incident_id: int | None = None, source_id: int | None = None,
                  ids: Sequence[int] | None = None, by_number: bool = False) -> list[EvidenceRow]:
    """Evidence of the case, of one incident, of one source or with given ids, in text order
    (or by number, E-001 first, as the dossier and the registers list it)."""
    ids = None if ids is None else list(ids)

    def query():
        found = (Evidence.select(*_ROW_COLUMNS)
                 .join(Source, on=(Evidence.source == Source.id))
                 .join(Incident, JOIN.LEFT_OUTER, on=(Evidence.incident == Incident.id)))
        if incident_id is not None:
            found = found.where(Evidence.incident == incident_id)
        if source_id is not None:
            found = found.where(Evidence.source == source_id)
        if ids is not None:
            found = found.where(Evidence.id.in_(ids))
        order = (Evidence.id,) if by_number else (Evidence.source, Evidence.start, Evidence.id)
        return found.order_by(*order)

    if ids is None or len(ids) <= SHAPED_IDS:  # read after each change (an incident's, a few)
        params = [p for p in (incident_id, source_id) if p is not None] + (ids or [])
        rows = shaped_rows(("evidence_rows", incident_id is not None, source_id is not None,
                            None if ids is None else len(ids), by_number), query, params)
    else:
        rows = plain_rows(query())
    return [EvidenceRow(*row) for row in rows]


class SpanPlace(NamedTuple):
    """Where a span stands in the case's text order: all a long list needs of a span before
    it shows the span's row."""

    id: int
    source_id: int
    start: int


def span_places(*, incident_id: int | None = None) -> list[SpanPlace]:
    """The spans of the case (or of one incident) in the order `evidence_rows` gives them, by
    their place only: one read of an index, for a list that reads the rows it shows."""
    query = Evidence.select(Evidence.id, Evidence.source, Evidence.start)
    if incident_id is not None:
        query = query.where(Evidence.incident == incident_id)
    rows = plain_rows(query.order_by(Evidence.source, Evidence.start, Evidence.id))
    return list(map(SpanPlace._make, rows))


def source_of(evidence_id: int) -> int | None:
    """The source a span is marked in (None: no such span), without the rest of its row."""
    rows = shaped_rows("source_of", lambda: Evidence.select(Evidence.source)
                       .where(Evidence.id == evidence_id), [evidence_id])
    return rows[0][0] if rows else None


class SpanMark(NamedTuple):
    """Where a span lies in its source and its status: all the source view draws."""

    id: int
    start: int
    end: int
    status: str


def graded_as(ids: Sequence[int], credibility: str) -> list[str]:
    """The references (E-001) of these spans whose credibility is `credibility`, in order."""
    query = (Evidence.select(Evidence.id)
             .where(Evidence.id.in_(list(ids)) & (Evidence.credibility == credibility))
             .order_by(Evidence.id).tuples())
    return [evidence_ref(span_id) for (span_id,) in query]


def span_marks(source_id: int, ids: Sequence[int] | None = None) -> list[SpanMark]:
    """The spans of one source (or those of `ids` in it) as marks, in text order: the fast
    read for drawing thousands of them, without the rest of each row."""
    ids = None if ids is None else list(ids)

    def query():
        found = (Evidence.select(Evidence.id, Evidence.start, Evidence.end, Evidence.status)
                 .where(Evidence.source == source_id))
        if ids is not None:
            found = found.where(Evidence.id.in_(ids))
        return found.order_by(Evidence.start, Evidence.id)

    if ids is not None and len(ids) <= SHAPED_IDS:
        rows = shaped_rows(("span_marks", len(ids)), query, [source_id, *ids])
    else:
        rows = plain_rows(query())
    return [SpanMark(*row) for row in rows]


def backing(incident_id: int) -> dict[str, list[EvidenceRow]]:
    """Usable (not rejected) evidence of an incident, grouped by the field or element it backs."""
    return backing_of(evidence_rows(incident_id=incident_id))


def backing_of(rows: Iterable[EvidenceRow]) -> dict[str, list[EvidenceRow]]:
    """The usable ones of `rows` grouped by what they back, in the order given (the rule of
    `backing`, for a caller that has read the rows already, as the dossier has)."""
    grouped: dict[str, list[EvidenceRow]] = {}
    for row in rows:
        if row.usable and row.supports:
            grouped.setdefault(row.supports, []).append(row)
    return grouped


def normalised_value(value: str) -> str:
    """An asserted value as compared for conflicts: case, spacing and a trailing dot ignored."""
    return " ".join(value.casefold().split()).rstrip(".")


def conflicts(incident_id: int) -> dict[str, dict[str, list[EvidenceRow]]]:
    """Fields whose evidence asserts different values: field → value → the spans saying it."""
    return conflicts_in(backing(incident_id))


def period_of(row: EvidenceRow) -> tuple[str, str]:
    """The window a claim speaks of: (from, to or "as of"), each "" when not given."""
    return row.period_start.strip(), row.period_end.strip()


def same_period(a: EvidenceRow, b: EvidenceRow) -> bool:
    """Whether two claims speak of the same window, so that different values contradict each
    other. A claim that gives no window cannot be told apart from any other, so it counts as
    the same; two claims with different windows ("79 since August 2024", "177 to December
    2024") are different counts, shown side by side, not a conflict."""
    mine, theirs = period_of(a), period_of(b)
    return mine == theirs or mine == ("", "") or theirs == ("", "")


def disagreeing(rows: Iterable[EvidenceRow]) -> dict[str, list[EvidenceRow]]:
    """The values that contradict one another among these claims of one fact (value → the
    spans saying it), or {} when they agree or speak of different windows."""
    by_value: dict[str, list[EvidenceRow]] = {}
    for row in rows:
        if row.asserted_value.strip():
            by_value.setdefault(normalised_value(row.asserted_value), []).append(row)
    clashing: set[str] = set()
    groups = list(by_value.items())
    for i, (value, claims) in enumerate(groups):
        for other, others in groups[i + 1:]:
            if any(same_period(a, b) for a in claims for b in others):
                clashing.update((value, other))
    return {by_value[v][0].asserted_value.strip(): by_value[v] for v in by_value if v in clashing}


def conflicts_in(backed: dict[str, list[EvidenceRow]]) -> dict[str, dict[str, list[EvidenceRow]]]:
    """The fields of a `backing_of` result whose spans assert values that contradict each other
    (over the same window)."""
    return {supports: clash for supports, rows in backed.items()
            if (clash := disagreeing(rows))}


def statuses(ids: Iterable[int] | None = None) -> dict[int, str]:
    """The verification status of every span (or of those with these ids), by id: read from
    the status index alone."""
    if ids is None:
        return dict(plain_rows(Evidence.select(Evidence.id, Evidence.status)))
    ids = list(ids)
    if len(ids) <= SHAPED_IDS:
        return dict(shaped_rows(("statuses", len(ids)), lambda: Evidence.select(
            Evidence.id, Evidence.status).where(Evidence.id.in_(ids)), ids))
    found: dict[int, str] = {}
    for start in range(0, len(ids), _BATCH):
        found.update(plain_rows(Evidence.select(Evidence.id, Evidence.status)
                                .where(Evidence.id.in_(ids[start:start + _BATCH]))))
    return found


def counts_by_status() -> dict[str, int]:
    """How many spans the case has in each verification status (statuses with none omitted)."""
    query = (Evidence.select(Evidence.status, fn.COUNT(SQL("*")))  # only the status index read
             .group_by(Evidence.status).tuples())
    return dict(query)


def linked_count(incident_id: int) -> int:
    """How many spans are linked to an incident (a deletion keeps them, unlinked)."""
    return Evidence.select().where(Evidence.incident == incident_id).count()
