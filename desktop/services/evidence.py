"""Evidence spans: passages of a source linked to the incident fact or legal element they back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from peewee import JOIN, fn

from desktop.domain import scales
from desktop.domain.errors import ValidationError
from desktop.domain.models import Evidence, Incident, Source, database
from desktop.services import audit
from desktop.services.anchoring import quote_at

#: An edited span that was approved goes back to review.
REVIEW_RESET = {"review_state": "pending", "review_comment": "", "reviewed_by": "",
                "reviewed_at": ""}

#: Fields a user edits after marking a span; the span itself (source, offsets, quote) is fixed.
EDITABLE_FIELDS = ("incident", "supports", "asserted_value", "status", "credibility", "note")


def _check(values: dict) -> None:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ValidationError(f"these evidence fields cannot be edited: {names}")
    if "status" in values and values["status"] not in scales.STATUS_CODES:
        raise ValidationError(f"status must be one of {', '.join(scales.STATUS_CODES)}")
    if "credibility" in values and values["credibility"] not in scales.CREDIBILITY_CODES:
        raise ValidationError(f"credibility must be one of {', '.join(scales.CREDIBILITY_CODES)}")
    supports = values.get("supports")
    is_field = supports in scales.INCIDENT_FIELD_CODES
    if supports and not is_field and not scales.find_element(supports):
        raise ValidationError(f"{supports!r} is neither an incident field nor a legal element")
    incident = values.get("incident")
    if incident is not None and not Incident.select().where(Incident.id == incident).exists():
        raise ValidationError(f"there is no incident with id {incident}")


def add_evidence(source_id: int, start: int, end: int, *, actor: str,
                 incident: int | None = None, **values) -> Evidence:
    """Mark text[start:end] of a source as evidence; the quote and its context are stored too."""
    values["incident"] = incident
    _check(values)
    text = Source.select(Source.text).where(Source.id == source_id).scalar()
    if text is None:
        raise ValidationError(f"there is no source with id {source_id}")
    try:
        selector = quote_at(text, start, end)
    except ValueError as exc:
        raise ValidationError(f"the span {start}–{end} is not inside the source text") from exc
    with database.atomic():
        evidence = Evidence.create(source=source_id, start=start, end=end, quote=selector.exact,
                                   prefix=selector.prefix, suffix=selector.suffix,
                                   created_by=actor, **values)
        audit.record("evidence.add", actor=actor, object_type="evidence", object_id=evidence.id,
                     summary=f"Marked “{_short(selector.exact)}”", after=audit.snapshot(evidence))
    return evidence


def update_evidence(ids: int | Sequence[int], *, actor: str, **changes) -> int:
    """Change fields of one or many spans in one transaction; returns how many changed."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    _check(changes)
    changed = 0
    with database.atomic():
        for evidence in Evidence.select().where(Evidence.id.in_(ids)):
            if audit.snapshot(evidence, changes) == changes:
                continue
            values = dict(changes)
            if evidence.review_state == "approved":
                values.update(REVIEW_RESET)  # an approval covers the span as it was approved
            before = audit.snapshot(evidence, values)
            Evidence.update(values).where(Evidence.id == evidence.id).execute()
            audit.record("evidence.update", actor=actor, object_type="evidence",
                         object_id=evidence.id, summary=f"Edited {', '.join(sorted(changes))}",
                         before=before, after=values)
            changed += 1
    return changed


def remove_evidence(evidence_id: int, *, actor: str) -> dict:
    """Remove a span (a mistaken mark); returns its snapshot so it can be restored."""
    with database.atomic():
        evidence = Evidence.get_by_id(evidence_id)
        snapshot = audit.snapshot(evidence)
        evidence.delete_instance()
        audit.record("evidence.remove", actor=actor, object_type="evidence",
                     object_id=evidence_id, summary=f"Removed “{_short(evidence.quote)}”",
                     before=snapshot)
    return snapshot


def remove_evidence_many(ids: Sequence[int], *, actor: str) -> list[dict]:
    """Remove several spans in one transaction; returns their snapshots."""
    with database.atomic():
        return [remove_evidence(evidence_id, actor=actor) for evidence_id in ids]


def restore_evidence(snapshot: dict, *, actor: str) -> Evidence:
    """Bring back a removed span with its id and every attribute (undo of a removal)."""
    with database.atomic():
        Evidence.insert(snapshot).execute()
        audit.record("evidence.restore", actor=actor, object_type="evidence",
                     object_id=snapshot["id"], summary=f"Restored “{_short(snapshot['quote'])}”",
                     after=snapshot)
    return Evidence.get_by_id(snapshot["id"])


def restore_evidence_many(snapshots: Sequence[dict], *, actor: str) -> None:
    """Bring back several removed spans in one transaction."""
    with database.atomic():
        for snapshot in snapshots:
            restore_evidence(snapshot, actor=actor)


def restore_values(before: dict[int, dict], *, actor: str) -> None:
    """Set each span back to its own earlier values, in one transaction (undo of a bulk edit)."""
    with database.atomic():
        for evidence_id, values in before.items():
            update_evidence(evidence_id, actor=actor, **values)


class EvidenceRow(NamedTuple):
    """One evidence span as the views show it (read with one query, no model objects)."""

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


_ROW_COLUMNS = (
    Evidence.id, Evidence.source, Evidence.start, Evidence.end, Evidence.quote, Evidence.status,
    Evidence.credibility, Evidence.incident, Incident.code, Evidence.supports,
    Evidence.asserted_value, Evidence.note, Evidence.review_state, Evidence.review_comment,
    Evidence.created_by, Evidence.created_at, Source.title, Source.publisher, Source.reliability,
)


def evidence_rows(*, incident_id: int | None = None, source_id: int | None = None,
                  ids: Sequence[int] | None = None) -> list[EvidenceRow]:
    """Evidence of the case, of one incident, of one source or with given ids, in text order."""
    query = (Evidence.select(*_ROW_COLUMNS)
             .join(Source, on=(Evidence.source == Source.id))
             .join(Incident, JOIN.LEFT_OUTER, on=(Evidence.incident == Incident.id)))
    if incident_id is not None:
        query = query.where(Evidence.incident == incident_id)
    if source_id is not None:
        query = query.where(Evidence.source == source_id)
    if ids is not None:
        query = query.where(Evidence.id.in_(list(ids)))
    query = query.order_by(Evidence.source, Evidence.start, Evidence.id)
    return [EvidenceRow(*row) for row in query.tuples()]


def backing(incident_id: int) -> dict[str, list[EvidenceRow]]:
    """Usable (not rejected) evidence of an incident, grouped by the field or element it backs."""
    grouped: dict[str, list[EvidenceRow]] = {}
    for row in evidence_rows(incident_id=incident_id):
        if row.status != "rejected" and row.supports:
            grouped.setdefault(row.supports, []).append(row)
    return grouped


def normalised_value(value: str) -> str:
    """An asserted value as compared for conflicts: case, spacing and a trailing dot ignored."""
    return " ".join(value.casefold().split()).rstrip(".")


def conflicts(incident_id: int) -> dict[str, dict[str, list[EvidenceRow]]]:
    """Fields whose evidence asserts different values: field → value → the spans saying it."""
    found: dict[str, dict[str, list[EvidenceRow]]] = {}
    for supports, rows in backing(incident_id).items():
        by_value: dict[str, list[EvidenceRow]] = {}
        for row in rows:
            if row.asserted_value.strip():
                by_value.setdefault(normalised_value(row.asserted_value), []).append(row)
        if len(by_value) > 1:
            found[supports] = {rows[0].asserted_value.strip(): rows for rows in by_value.values()}
    return found


def counts_by_status() -> dict[str, int]:
    """How many spans the case has in each verification status (statuses with none omitted)."""
    query = (Evidence.select(Evidence.status, fn.COUNT(Evidence.id))
             .group_by(Evidence.status).tuples())
    return dict(query)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
