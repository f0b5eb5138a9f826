"""Review: a reviewer approves or returns each evidence span, then signs off incidents.

Decisions carry the reviewer's name and time. An incident moves draft → in review →
approved only when all its evidence is reviewed; a reviewer can return it with a comment.

Four eyes: whoever marked, edited or resubmitted a span does not approve or return it, and
whoever marked an incident's evidence does not sign the incident off — unless the case is
declared a one-person case. When the case lists its members, only reviewers review. A sign-off
of an incident whose facts or elements are not all supported carries a written reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.domain import scales
from desktop.domain.errors import ValidationError
from desktop.domain.models import AuditEntry, Case, Evidence, Incident, database, utc_now
from desktop.domain.refs import evidence_ref
from desktop.services import audit, evidence, members, words
from desktop.services.changes import Change, touched
from desktop.services.evidence import USABLE
from desktop.services.words import _, ngettext

_REVIEW_FIELDS = ("review_state", "review_comment", "reviewed_by", "reviewed_at")
#: An incident's workflow: its state, the comment, and who decided it when.
_STATE_FIELDS = ("state", "state_comment", "decided_by", "decided_at")


def review_evidence(ids: int | Sequence[int], decision: str, *, actor: str,
                    comment: str = "") -> Change:
    """Approve or return spans (a return needs a comment); the Change's ids are the spans
    decided, and its undo puts their earlier review fields back."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    if decision not in ("approved", "returned"):
        raise ValidationError(_("a review decision is “approved” or “returned”"))
    if decision == "returned" and not comment.strip():
        raise ValidationError(_("say why the evidence is returned: the documenter needs to "
                                "know"))
    now = utc_now()
    with database.atomic():
        _may_review(actor)
        before = review_fields(ids)
        _four_eyes(list(before), actor, incident=False)
        for span_id in before:
            record_decision(span_id, decision, comment=comment, reviewer=actor, at=now,
                            actor=actor)
    return _reviewed(before)


def _reviewed(before: dict[int, dict]) -> Change:
    """The Change of a review step on these spans, whose undo stores `before` again."""
    # Review fields show on the spans, and in their sources' and incidents' rows.
    return Change(evidence.touching(list(before)),
                  lambda who: restore_review(before, actor=who),
                  next(iter(before)) if len(before) == 1 else None)


def record_decision(span_id: int, decision: str, *, comment: str, reviewer: str, at: str,
                    actor: str, taken_from: str = "") -> None:
    """Store one review decision, made now or taken over from a file (`taken_from`: a
    reviewer's copy, an annotation file); either way it is an audit entry of its own, which
    for one taken over says from where, who decided and when."""
    with database.atomic():
        span = Evidence.get_by_id(span_id)
        after = {"review_state": decision, "review_comment": comment.strip(),
                 "reviewed_by": reviewer, "reviewed_at": at}
        before = audit.snapshot(span, _REVIEW_FIELDS)
        Evidence.update(after).where(Evidence.id == span_id).execute()
        record_taken_over(span_id, after, actor=actor, taken_from=taken_from, before=before)


def record_taken_over(span_id: int, decision: dict, *, actor: str, taken_from: str = "",
                      before: dict | None = None) -> None:
    """The audit entry of a review decision (`decision`: the review fields as stored)."""
    state = decision["review_state"]
    verb = {"approved": "approve", "returned": "return"}.get(state, "review")
    ref = evidence_ref(span_id)
    summary = {"approved": _("Review: approved {ref}"),
               "returned": _("Review: returned {ref}")}.get(
        state, _("Review: {state} {ref}")).format(state=state, ref=ref)
    after = dict(decision)
    if taken_from:
        summary = {"approved": _("Review of {ref} taken over from {file}: approved by {name} "
                                 "on {date}"),
                   "returned": _("Review of {ref} taken over from {file}: returned by {name} "
                                 "on {date}")}.get(
            state, _("Review of {ref} taken over from {file}: {state} by {name} on {date}")
        ).format(ref=ref, file=taken_from, state=state, name=decision["reviewed_by"],
                 date=decision["reviewed_at"][:10])
        after["taken_from"] = taken_from
    audit.record(f"evidence.{verb}", actor=actor, object_type="evidence", object_id=span_id,
                 summary=summary, before=before, after=after)


#: Audit actions by which a person has a hand in what a span says.
_HAND_ACTIONS = ("evidence.add", "evidence.import", "evidence.update", "evidence.resubmit",
                 "evidence.restore")


def hands(span_ids: Sequence[int]) -> dict[int, set[str]]:
    """Who had a hand in each span: who marked it, edited it or resubmitted it."""
    ids = list(span_ids)
    found: dict[int, set[str]] = {
        span_id: {maker} for span_id, maker in
        Evidence.select(Evidence.id, Evidence.created_by).where(Evidence.id.in_(ids)).tuples()}
    entries = (AuditEntry.select(AuditEntry.object_id, AuditEntry.actor)
               .where((AuditEntry.object_type == "evidence") & AuditEntry.object_id.in_(ids)
                      & AuditEntry.action.in_(_HAND_ACTIONS)).tuples())
    for span_id, actor in entries:
        found.setdefault(span_id, set()).add(actor)
    return found


def one_person_case() -> bool:
    """Whether the case is declared as worked by one person (four eyes cannot hold)."""
    return bool(Case.select(Case.one_person).scalar())


def four_eyes(span_ids: Sequence[int], reviewer: str, *, also: str = "") -> None:
    """Refuse a decision on spans by `reviewer` when they had a hand in them, or are `also`
    (who marked a span in a copy: the case's trail does not name them)."""
    if also and reviewer == also and not one_person_case():
        raise ValidationError(ngettext(
            "{actor} marked or edited {listed}: another reviewer must approve or return it "
            "(four eyes)",
            "{actor} marked or edited {listed}: another reviewer must approve or return them "
            "(four eyes)", len(span_ids)).format(
            actor=reviewer, listed=", ".join(evidence_ref(i) for i in span_ids)))
    _four_eyes(span_ids, reviewer, incident=False)


def may_review(actor: str) -> None:
    """Refuse `actor` a decision when the case's members name reviewers and not them."""
    _may_review(actor)


def _four_eyes(span_ids: Sequence[int], actor: str, *, incident: bool) -> None:
    """Refuse a decision on spans (or, `incident`, on the incident they back) by whoever had
    a hand in them."""
    if one_person_case():
        return
    own = [span_id for span_id, people in hands(span_ids).items() if actor in people]
    if own:
        listed = ", ".join(evidence_ref(i) for i in sorted(own)[:6])
        message = ngettext(
            "{actor} marked or edited {listed}: another reviewer must sign off the incident it "
            "backs (four eyes)",
            "{actor} marked or edited {listed}: another reviewer must sign off the incident "
            "they back (four eyes)", len(own)) if incident else ngettext(
            "{actor} marked or edited {listed}: another reviewer must approve or return it "
            "(four eyes)",
            "{actor} marked or edited {listed}: another reviewer must approve or return them "
            "(four eyes)", len(own))
        raise ValidationError(message.format(actor=actor, listed=listed))


def _may_review(actor: str) -> None:
    if members.has_reviewers() and members.role_of(actor) != "reviewer":
        raise ValidationError(_("{actor} is not a reviewer of this case: only its reviewers "
                                "approve, return and sign off").format(actor=actor))


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
                         summary=_("Resubmitted {ref} for review").format(
                             ref=evidence_ref(span_id)),
                         before={"review_state": "returned"}, after={"review_state": "pending"})
    return _reviewed(before)


def unreviewed(incident_id: int) -> list[int]:
    """Ids of the incident's evidence that is not yet approved (pending or returned)."""
    query = (Evidence.select(Evidence.id)
             .where((Evidence.incident == incident_id) & (Evidence.review_state != "approved")
                    & USABLE))
    return [evidence_id for (evidence_id,) in query.tuples()]


def _move(incident_id: int, allowed_from: tuple[str, ...], to: str, *, actor: str,
          comment: str = "", check: Callable[[int], None] | None = None,
          taken_over: TakenOver | None = None) -> Change:
    with database.atomic():
        incident = Incident.get_by_id(incident_id)
        if incident.state not in allowed_from:
            raise ValidationError(_("{code} is {state}; it cannot move to {to} from there")
                                  .format(code=incident.code, state=_state(incident.state),
                                          to=_state(to)))
        if check:
            check(incident_id)
        before = audit.snapshot(incident, _STATE_FIELDS)
        after = {"state": to, "state_comment": comment.strip()}
        summary = f"{incident.code} → {_state(to)}"
        if to != "in_review":  # a reviewer's decision: who took it, and when
            after.update(decided_by=actor, decided_at=utc_now())
        if taken_over is not None:
            after.update(decided_by=taken_over.decided_by,
                         decided_at=taken_over.decided_at or after["decided_at"],
                         taken_from=taken_over.source)
            summary += ", " + _("taken over from {file} (decided by {name})").format(
                file=taken_over.source, name=taken_over.decided_by)
        Incident.update({k: v for k, v in after.items() if k != "taken_from"}).where(
            Incident.id == incident_id).execute()
        audit.record(f"incident.{to}", actor=actor, object_type="incident",
                     object_id=incident_id, summary=summary, before=before, after=after)
    return _moved(incident_id, before)


def _short(found) -> str:
    """A fact or element not supported, and its coverage, in a message."""
    if words.language() == words.SOURCE_LANGUAGE:
        return f"{found.label} ({found.coverage})"
    from desktop.services.export import wording  # noqa: PLC0415 — the dossier's words for it

    return f"{wording.supports(found.fact)} ({wording.coverage(found.coverage).lower()})"


def _state(code: str) -> str:
    """A workflow state in a summary or message: “in review”."""
    return audit.in_words(scales.INCIDENT_STATES, code)


def _moved(incident_id: int, before: dict) -> Change:
    """The Change of a workflow step, whose undo puts the earlier state back."""
    return Change(touched(incident=[incident_id]),
                  lambda who: restore_state(incident_id, before, actor=who), incident_id)


def submit_incident(incident_id: int, *, actor: str) -> Change:
    """The documenter sends an incident for review."""
    return _move(incident_id, ("draft", "returned"), "in_review", actor=actor)


def _incident_four_eyes(incident_id: int, actor: str) -> None:
    """Whoever marked or edited an incident's usable evidence does not sign it off."""
    spans = [i for (i,) in Evidence.select(Evidence.id)
             .where((Evidence.incident == incident_id) & USABLE).tuples()]
    _four_eyes(spans, actor, incident=True)


def _all_reviewed(incident_id: int) -> None:
    waiting = unreviewed(incident_id)
    if waiting:
        listed = ", ".join(evidence_ref(i) for i in waiting[:8])
        raise ValidationError(ngettext(
            "{n} evidence span of this incident is not approved yet ({listed})",
            "{n} evidence spans of this incident are not approved yet ({listed})",
            len(waiting)).format(n=len(waiting),
                                 listed=listed + ("…" if len(waiting) > 8 else "")))


@dataclass(frozen=True)
class TakenOver:
    """A sign-off or return decided elsewhere (a reviewer's copy) and merged here."""

    decided_by: str
    decided_at: str
    source: str  # the file it came from


def approve_incident(incident_id: int, *, actor: str, comment: str = "",
                     taken_over: TakenOver | None = None) -> Change:
    """The reviewer signs an incident off: only when every usable span is approved, never by
    whoever marked its evidence, and with a written reason when facts or legal elements are
    not all supported (the dossier prints it). A sign-off taken over from a copy is checked
    against the reviewer who decided it there."""
    decider = taken_over.decided_by if taken_over else actor

    def check(incident: int) -> None:
        _may_review(decider)
        _incident_four_eyes(incident, decider)
        _all_reviewed(incident)
        from desktop.services import assessment  # noqa: PLC0415 — a sign-off only

        short = assessment.not_supported(incident)
        if short and not comment.strip():
            listed = ", ".join(_short(a) for a in short[:4]) + ("…" if len(short) > 4 else "")
            raise ValidationError(ngettext(
                "{n} fact or element is not supported by approved, verified evidence "
                "({listed}): say in a comment why the incident is signed off as it is",
                "{n} facts or elements are not supported by approved, verified evidence "
                "({listed}): say in a comment why the incident is signed off as it is",
                len(short)).format(n=len(short), listed=listed))

    return _move(incident_id, ("in_review",), "approved", actor=actor, comment=comment,
                 check=check, taken_over=taken_over)


def return_incident(incident_id: int, comment: str, *, actor: str,
                    taken_over: TakenOver | None = None) -> Change:
    """The reviewer sends an incident back to its documenter with a comment."""
    if not comment.strip():
        raise ValidationError(_("say why the incident is returned"))
    decider = taken_over.decided_by if taken_over else actor
    return _move(incident_id, ("in_review", "approved"), "returned", actor=actor,
                 comment=comment, check=lambda incident: _may_review(decider),
                 taken_over=taken_over)


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
                         summary=_("Undid a review step of {ref}").format(
                             ref=evidence_ref(span_id)),
                         before=current.get(span_id), after=dict(values))
    return _reviewed(current)


def restore_state(incident_id: int, before: dict, *, actor: str) -> Change:
    """Put an incident's workflow state back as it was (undo of a submit, approve or return)."""
    with database.atomic():
        incident = Incident.get_by_id(incident_id)
        current = audit.snapshot(incident, _STATE_FIELDS)
        Incident.update(before).where(Incident.id == incident_id).execute()
        audit.record("incident.state_undo", actor=actor, object_type="incident",
                     object_id=incident_id,
                     summary=_("Undid a review step of {ref}").format(ref=incident.code),
                     before=current, after=dict(before))
    return _moved(incident_id, current)
