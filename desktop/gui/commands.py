"""Every user edit is one QUndoCommand over a service call.

A command's first redo() performs the edit through a service (which writes the change and its
audit entry in one transaction); undo() performs the inverse edit the same way, so the audit
trail records undo and redo as what they are. After each step the command tells the views
which kinds of things changed, and they refresh themselves.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from desktop.domain.errors import CasefileError
from desktop.domain.models import Evidence, Incident, ProtectedPerson, Source
from desktop.services import audit, evidence, incidents, protection, review, sources

log = logging.getLogger(__name__)

#: What changed, so views refresh only what they show: the kinds ("sources", "incidents",
#: "evidence") and, when known, the ids of the evidence spans touched (None: any of them).
Notify = Callable[[frozenset[str], list[int] | None], None]

_MERGE_INCIDENT_EDIT = 1001
#: Edits of the same fields closer than this merge into one undo step (one typing burst).
MERGE_WINDOW_SECONDS = 4.0


class CaseCommand(QUndoCommand):
    """Base: runs the edit, keeps the error a service raised, and notifies the views."""

    kinds: frozenset[str] = frozenset()

    def __init__(self, text: str, actor: str, notify: Notify) -> None:
        super().__init__(text)
        self.actor = actor
        self.notify = notify
        self.error: CasefileError | None = None
        self._done_once = False

    def redo(self) -> None:
        self._step(self.do if not self._done_once else self.again)
        self._done_once = True

    def undo(self) -> None:
        self._step(self.revert)

    def _step(self, step: Callable[[], None]) -> None:
        # Exceptions cannot cross back into Qt's C++ undo stack: keep them for the caller,
        # and make a failed first edit obsolete so the stack drops it.
        try:
            step()
        except CasefileError as exc:
            self.error = exc
            if not self._done_once:
                self.setObsolete(True)
            return
        except Exception as exc:  # never into Qt's undo stack: logged, and shown by the app
            log.exception("an edit could not be %s", "made" if not self._done_once else "redone")
            self.error = CasefileError(f"the change could not be applied ({exc})")
            if not self._done_once:
                self.setObsolete(True)
            return
        self.notify(self.kinds, self.evidence_ids())

    def evidence_ids(self) -> list[int] | None:
        """The spans this edit touched, so views redraw only those; None when unknown."""
        return None

    def do(self) -> None:
        raise NotImplementedError

    def again(self) -> None:
        self.do()

    def revert(self) -> None:
        raise NotImplementedError


class AddEvidence(CaseCommand):
    kinds = frozenset({"evidence", "incidents", "sources"})

    def __init__(self, source_id: int, start: int, end: int, values: dict, *, actor: str,
                 notify: Notify) -> None:
        super().__init__("Mark evidence", actor, notify)
        self.args = (source_id, start, end)
        self.values = dict(values)
        self.evidence_id: int | None = None
        self.snapshot: dict | None = None

    def evidence_ids(self) -> list[int] | None:
        return [self.evidence_id]

    def do(self) -> None:
        self.evidence_id = evidence.add_evidence(*self.args, actor=self.actor, **self.values).id

    def again(self) -> None:
        evidence.restore_evidence(self.snapshot, actor=self.actor)

    def revert(self) -> None:
        self.snapshot = evidence.remove_evidence(self.evidence_id, actor=self.actor)


class RemoveEvidence(CaseCommand):
    kinds = frozenset({"evidence", "incidents", "sources"})

    def __init__(self, evidence_ids: Sequence[int], *, actor: str, notify: Notify) -> None:
        super().__init__(f"Remove {len(evidence_ids)} evidence span(s)", actor, notify)
        self.ids = list(evidence_ids)
        self.snapshots: list[dict] = []

    def evidence_ids(self) -> list[int] | None:
        return self.ids

    def do(self) -> None:
        self.snapshots = evidence.remove_evidence_many(self.ids, actor=self.actor)

    def revert(self) -> None:
        evidence.restore_evidence_many(self.snapshots, actor=self.actor)


class UpdateEvidence(CaseCommand):
    """A change to one or many spans (status, credibility, note, link): one undo step."""

    kinds = frozenset({"evidence", "incidents"})

    def __init__(self, evidence_ids: Sequence[int], changes: dict, *, actor: str,
                 notify: Notify, text: str = "") -> None:
        super().__init__(text or f"Change {', '.join(changes)} of {len(evidence_ids)} span(s)",
                         actor, notify)
        self.ids = list(evidence_ids)
        self.changes = dict(changes)
        self.before: dict[int, dict] = {}
        self.review_before: dict[int, dict] = {}

    def evidence_ids(self) -> list[int] | None:
        return self.ids

    def do(self) -> None:
        rows = Evidence.select().where(Evidence.id.in_(self.ids))
        self.before = {row.id: audit.snapshot(row, self.changes) for row in rows}
        self.review_before = review.review_fields(self.ids)  # an edit may undo an approval
        evidence.update_evidence(self.ids, actor=self.actor, **self.changes)

    def revert(self) -> None:
        evidence.restore_values(self.before, actor=self.actor)
        now = review.review_fields(self.ids)
        review.restore_review({i: v for i, v in self.review_before.items() if now.get(i) != v},
                              actor=self.actor)


class CreateIncident(CaseCommand):
    kinds = frozenset({"incidents"})

    def __init__(self, values: dict, *, actor: str, notify: Notify) -> None:
        super().__init__("Add incident", actor, notify)
        self.values = dict(values)
        self.incident_id: int | None = None
        self.snapshot: dict | None = None

    def do(self) -> None:
        self.incident_id = incidents.create_incident(actor=self.actor, **self.values).id

    def again(self) -> None:
        incidents.restore_incident(self.snapshot, actor=self.actor)

    def revert(self) -> None:
        self.snapshot = incidents.delete_incident(self.incident_id, actor=self.actor)


class DeleteIncident(CaseCommand):
    kinds = frozenset({"incidents", "evidence"})

    def __init__(self, incident_id: int, *, actor: str, notify: Notify) -> None:
        code = Incident.get_by_id(incident_id).code
        super().__init__(f"Delete {code}", actor, notify)
        self.incident_id = incident_id
        self.snapshot: dict | None = None

    def do(self) -> None:
        self.snapshot = incidents.delete_incident(self.incident_id, actor=self.actor)

    def revert(self) -> None:
        incidents.restore_incident(self.snapshot, actor=self.actor)


class UpdateIncident(CaseCommand):
    """Edits of an incident's fields. Consecutive edits of the same fields merge into one step,
    so typing a title is undone as a whole, not keystroke by keystroke."""

    kinds = frozenset({"incidents", "evidence"})  # the evidence list shows titles

    def __init__(self, incident_id: int, changes: dict, *, actor: str, notify: Notify) -> None:
        code = Incident.get_by_id(incident_id).code
        super().__init__(f"Edit {', '.join(changes)} of {code}", actor, notify)
        self.incident_id = incident_id
        self.changes = dict(changes)
        self.before: dict = {}
        self.state_before: dict = {}
        self.last_edit = time.monotonic()

    def id(self) -> int:
        return _MERGE_INCIDENT_EDIT

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, UpdateIncident) and other.incident_id == self.incident_id
                and set(other.changes) == set(self.changes) and other.error is None
                and other.last_edit - self.last_edit < MERGE_WINDOW_SECONDS):
            return False
        self.changes = dict(other.changes)
        self.last_edit = other.last_edit
        return True

    def do(self) -> None:
        incident = Incident.get_by_id(self.incident_id)
        self.before = audit.snapshot(incident, self.changes)
        self.state_before = audit.snapshot(incident, ("state", "state_comment"))
        incidents.update_incident(self.incident_id, actor=self.actor, **self.changes)

    def again(self) -> None:
        incidents.update_incident(self.incident_id, actor=self.actor, **self.changes)

    def revert(self) -> None:
        incidents.update_incident(self.incident_id, actor=self.actor, **self.before)
        incident = Incident.get_by_id(self.incident_id)
        if audit.snapshot(incident, ("state", "state_comment")) != self.state_before:
            review.restore_state(self.incident_id, self.state_before, actor=self.actor)


class UpdateSource(CaseCommand):
    kinds = frozenset({"sources", "evidence"})  # spans show their source's title

    def __init__(self, source_id: int, changes: dict, *, actor: str, notify: Notify) -> None:
        super().__init__("Edit source details", actor, notify)
        self.source_id = source_id
        self.changes = dict(changes)
        self.before: dict = {}

    def do(self) -> None:
        self.before = audit.snapshot(Source.get_by_id(self.source_id), self.changes)
        sources.update_source(self.source_id, actor=self.actor, **self.changes)

    def again(self) -> None:
        sources.update_source(self.source_id, actor=self.actor, **self.changes)

    def revert(self) -> None:
        sources.update_source(self.source_id, actor=self.actor, **self.before)


class ReviewEvidence(CaseCommand):
    """A reviewer's decision on one or many spans, or a documenter's resubmission."""

    kinds = frozenset({"evidence", "incidents"})

    def __init__(self, evidence_ids: Sequence[int], decision: str, *, actor: str,
                 notify: Notify, comment: str = "") -> None:
        text = {"approved": "Approve", "returned": "Return", "pending": "Resubmit"}[decision]
        super().__init__(f"{text} {len(evidence_ids)} span(s)", actor, notify)
        self.ids = list(evidence_ids)
        self.decision = decision
        self.comment = comment
        self.before: dict[int, dict] = {}

    def evidence_ids(self) -> list[int] | None:
        return self.ids

    def do(self) -> None:
        self.before = review.review_fields(self.ids)
        if self.decision == "pending":
            review.resubmit_evidence(self.ids, actor=self.actor)
        else:
            review.review_evidence(self.ids, self.decision, actor=self.actor,
                                   comment=self.comment)

    def revert(self) -> None:
        review.restore_review(self.before, actor=self.actor)


class MoveIncident(CaseCommand):
    """Submit an incident for review, approve it, or return it with a comment."""

    kinds = frozenset({"incidents"})
    _STEPS = {"submit": "Submit", "approve": "Approve", "return": "Return"}

    def __init__(self, incident_id: int, step: str, *, actor: str, notify: Notify,
                 comment: str = "") -> None:
        code = Incident.get_by_id(incident_id).code
        super().__init__(f"{self._STEPS[step]} {code}", actor, notify)
        self.incident_id, self.step, self.comment = incident_id, step, comment
        self.before: dict = {}

    def do(self) -> None:
        incident = Incident.get_by_id(self.incident_id)
        self.before = {"state": incident.state, "state_comment": incident.state_comment}
        if self.step == "submit":
            review.submit_incident(self.incident_id, actor=self.actor)
        elif self.step == "approve":
            review.approve_incident(self.incident_id, actor=self.actor)
        else:
            review.return_incident(self.incident_id, self.comment, actor=self.actor)

    def revert(self) -> None:
        review.restore_state(self.incident_id, self.before, actor=self.actor)


class AddProtected(CaseCommand):
    kinds = frozenset({"protected"})

    def __init__(self, names: str, role: str, *, actor: str, notify: Notify) -> None:
        super().__init__("Protect a person", actor, notify)
        self.names, self.role = names, role
        self.person_id: int | None = None
        self.pseudonym: str | None = None

    def do(self) -> None:
        person = protection.add_protected(self.names, self.role, actor=self.actor,
                                          pseudonym=self.pseudonym)
        self.person_id, self.pseudonym = person.id, person.pseudonym

    def revert(self) -> None:
        protection.remove_protected(self.person_id, actor=self.actor)


class RemoveProtected(CaseCommand):
    kinds = frozenset({"protected"})

    def __init__(self, person_id: int, *, actor: str, notify: Notify) -> None:
        super().__init__("Stop protecting a person", actor, notify)
        self.person_id = person_id
        self.kept: tuple[str, str, str, str] | None = None

    def do(self) -> None:
        person = ProtectedPerson.get_by_id(self.person_id)
        self.kept = (person.names, person.role, person.note, person.pseudonym)
        protection.remove_protected(self.person_id, actor=self.actor)

    def revert(self) -> None:
        names, role, note, pseudonym = self.kept
        self.person_id = protection.add_protected(names, role, actor=self.actor, note=note,
                                                  pseudonym=pseudonym).id
