"""Review: a reviewer approves or returns each evidence span, then signs off incidents.

Decisions carry the reviewer's name and time. An incident moves draft → in review →
approved only when all its evidence is reviewed; a reviewer can return it with a comment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from desktop.domain.errors import ValidationError
from desktop.domain.models import Evidence, Incident, database, utc_now
from desktop.domain.refs import evidence_ref
from desktop.services import audit
from desktop.services.changes import Change, touched
from desktop.services.evidence import USABLE

_REVIEW_FIELDS = ("review_state", "review_comment", "reviewed_by", "reviewed_at")


def review_evidence(ids: int | Sequence[int], decision: str, *, actor: str,
                    comment: str = "") -> Change:
    """Approve or return spans (a return needs a comment); the Change's ids are the spans
    decided, and its undo puts their earlier review fields back."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    if decision not in ("approved", "returned"):
        raise ValidationError("a review decision is “approved” or “returned”")
    if decision == "returned" and not comment.strip():
        raise ValidationError("say why the evidence is returned: the documenter needs to know")
    now = utc_now()
    with database.atomic():
        before = review_fields(ids)
        for span_id in before:
            record_decision(span_id, decision, comment=comment, reviewer=actor, at=now,
                            actor=actor)
    return _reviewed(before)


def _reviewed(before: dict[int, dict]) -> Change:
    """The Change of a review step on these spans, whose undo stores `before` again."""
    return Change(_spans_touched(list(before)), lambda who: restore_review(before, actor=who),
                  next(iter(before)) if len(before) == 1 else None)


def _spans_touched(ids: Sequence[int]) -> dict:
    """Review fields show on the spans and in their incidents' open counts."""
    rows = (Evidence.select(Evidence.id, Evidence.source, Evidence.incident)
            .where(Evidence.id.in_(list(ids))).tuples())
    found = list(rows)
    return touched(evidence=[r[0] for r in found], source=[r[1] for r in found],
                   incident=[r[2] for r in found])


def record_decision(span_id: int, decision: str, *, comment: str, reviewer: str, at: str,
                    actor: str) -> None:
    """Store one review decision (made now, or brought in from a reviewer's copy)."""
    with database.atomic():
        span = Evidence.get_by_id(span_id)
        after = {"review_state": decision, "review_comment": comment.strip(),
                 "reviewed_by": reviewer, "reviewed_at": at}
        before = audit.snapshot(span, _REVIEW_FIELDS)
        Evidence.update(after).where(Evidence.id == span_id).execute()
        audit.record(f"evidence.{'approve' if decision == 'approved' else 'return'}",
                     actor=actor, object_type="evidence", object_id=span_id,
                     summary=f"Review: {decision} {evidence_ref(span_id)}",
                     before=before, after=after)


def resubmit_evidence(ids: int | Sequence[int], *, actor: str) -> Change:
    """Send returned spans back for review after the documenter has dealt with the comment."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    with database.atomic():
        spans = [i for (i,) in Evidence.select(Evidence.id).where(
            Evidence.id.in_(ids) & (Evidence.review_state == "returned")).tuples()]
        before = review_fields(spans)
        for span_id in spans:
            Evidence.update(review_state="pending").where(Evidence.id == span_id).execute()
            audit.record("evidence.resubmit", actor=actor, object_type="evidence",
                         object_id=span_id,
                         summary=f"Resubmitted {evidence_ref(span_id)} for review",
                         before={"review_state": "returned"}, after={"review_state": "pending"})
    return _reviewed(before)


def unreviewed(incident_id: int) -> list[int]:
    """Ids of the incident's evidence that is not yet approved (pending or returned)."""
    query = (Evidence.select(Evidence.id)
             .where((Evidence.incident == incident_id) & (Evidence.review_state != "approved")
                    & USABLE))
    return [evidence_id for (evidence_id,) in query.tuples()]


def _move(incident_id: int, allowed_from: tuple[str, ...], to: str, *, actor: str,
          comment: str = "", check: Callable[[int], None] | None = None) -> Change:
    with database.atomic():
        incident = Incident.get_by_id(incident_id)
        if incident.state not in allowed_from:
            raise ValidationError(f"{incident.code} is {incident.state.replace('_', ' ')}; "
                                  f"it cannot move to {to.replace('_', ' ')} from there")
        if check:
            check(incident_id)
        before = {"state": incident.state, "state_comment": incident.state_comment}
        after = {"state": to, "state_comment": comment.strip()}
        Incident.update(after).where(Incident.id == incident_id).execute()
        audit.record(f"incident.{to}", actor=actor, object_type="incident",
                     object_id=incident_id, summary=f"{incident.code} → {to.replace('_', ' ')}",
                     before=before, after=after)
    return _moved(incident_id, before)


def _moved(incident_id: int, before: dict) -> Change:
    """The Change of a workflow step, whose undo puts the earlier state back."""
    return Change(touched(incident=[incident_id]),
                  lambda who: restore_state(incident_id, before, actor=who), incident_id)


def submit_incident(incident_id: int, *, actor: str) -> Change:
    """The documenter sends an incident for review."""
    return _move(incident_id, ("draft", "returned"), "in_review", actor=actor)


def _all_reviewed(incident_id: int) -> None:
    waiting = unreviewed(incident_id)
    if waiting:
        listed = ", ".join(evidence_ref(i) for i in waiting[:8])
        raise ValidationError(f"{len(waiting)} evidence span(s) of this incident are not "
                              f"approved yet ({listed}{'…' if len(waiting) > 8 else ''})")


def approve_incident(incident_id: int, *, actor: str) -> Change:
    """The reviewer signs an incident off: only when every usable span is approved."""
    return _move(incident_id, ("in_review",), "approved", actor=actor, check=_all_reviewed)


def return_incident(incident_id: int, comment: str, *, actor: str) -> Change:
    """The reviewer sends an incident back to its documenter with a comment."""
    if not comment.strip():
        raise ValidationError("say why the incident is returned")
    return _move(incident_id, ("in_review", "approved"), "returned", actor=actor,
                 comment=comment)


def review_fields(ids: Sequence[int]) -> dict[int, dict]:
    """The review fields of spans as they are now (what an undo restores)."""
    return {span.id: audit.snapshot(span, _REVIEW_FIELDS)
            for span in Evidence.select().where(Evidence.id.in_(list(ids)))}


def restore_review(before: dict[int, dict], *, actor: str) -> Change:
    """Put spans' review fields back as they were (undo of a decision or a resubmission)."""
    with database.atomic():
        current = review_fields(list(before))
        for span_id, values in before.items():
            Evidence.update(values).where(Evidence.id == span_id).execute()
            audit.record("evidence.review_undo", actor=actor, object_type="evidence",
                         object_id=span_id,
                         summary=f"Undid a review step of {evidence_ref(span_id)}",
                         before=current.get(span_id), after=dict(values))
    return _reviewed(current)


def restore_state(incident_id: int, before: dict, *, actor: str) -> Change:
    """Put an incident's workflow state back as it was (undo of a submit, approve or return)."""
    with database.atomic():
        incident = Incident.get_by_id(incident_id)
        current = {"state": incident.state, "state_comment": incident.state_comment}
        Incident.update(before).where(Incident.id == incident_id).execute()
        audit.record("incident.state_undo", actor=actor, object_type="incident",
                     object_id=incident_id, summary=f"Undid a review step of {incident.code}",
                     before=current, after=dict(before))
    return _moved(incident_id, current)
