"""The case as a whole: its description and what it holds."""

from __future__ import annotations

import json
from dataclasses import dataclass

from peewee import SQL, fn

from desktop.domain import db, encryption, scales
from desktop.domain.errors import ValidationError
from desktop.domain.models import Case, Incident, Source, database, shaped_rows
from desktop.services import audit, changes, collisions, evidence
from desktop.services.changes import Change, touched, unchanged
from desktop.services.words import _

#: Who issues the case's dossier, to whom, for what, and its version (its issuing block).
ISSUING_FIELDS = ("issuing_organisation", "addressee", "dossier_version", "issued_by",
                  "issued_for")
EDITABLE_FIELDS = ("title", "reference", "classification", "description", "standard_of_proof",
                   "one_person", *ISSUING_FIELDS)
#: The audit action of a check-out: the first entry of a case file checked out from a server.
CHECKOUT = "case.checkout"


@dataclass(frozen=True)
class CaseSummary:
    """What a status bar or `casefile info` shows about the open case."""

    title: str
    reference: str
    classification: str
    standard_of_proof: str
    sources: int
    incidents: int
    evidence_by_status: dict[str, int]
    audit_head: str = ""  # the trail's chain head: the hash of its newest entry
    audit_entries: int = 0

    @property
    def evidence(self) -> int:
        return sum(self.evidence_by_status.values())


def summary(by_status: dict[str, int] | None = None) -> CaseSummary:
    """Title, marking and counts of the open case: two queries, or one when the spans'
    counts by status are known (`StatusTally`, which the window keeps)."""
    def query():
        counted = (Source.select(fn.COUNT(SQL("*"))).alias("sources"),
                   Incident.select(fn.COUNT(SQL("*"))).alias("incidents"))
        return Case.select(Case.title, Case.reference, Case.classification,
                           Case.standard_of_proof, Case.audit_head, Case.audit_count, *counted)

    # Written once (the status bar reads it after every change); text and numbers, as stored.
    (title, reference, classification, standard_of_proof, audit_head, audit_count, sources,
     incidents) = shaped_rows("case_summary", query, [])[0]
    return CaseSummary(title, reference, classification, standard_of_proof, sources, incidents,
                       evidence.counts_by_status() if by_status is None else dict(by_status),
                       audit_head, audit_count)


class StatusTally:
    """The open case's spans counted by verification status, kept up to date change by
    change: counted once, then only the spans a Change names are read again (counting every
    span after each mark scans the whole status index)."""

    #: More spans than this in one change: counting them all again is cheaper.
    RECOUNT_OVER = 5000

    def __init__(self) -> None:
        self._status: dict[int, str] = {}
        self._counts: dict[str, int] = {}
        self.recount()

    def recount(self) -> None:
        """Count every span of the case again."""
        self._status = evidence.statuses()
        self._counts = {}
        for status in self._status.values():
            self._counts[status] = self._counts.get(status, 0) + 1

    def update(self, ids: frozenset[int] | None) -> None:
        """The spans with these ids changed (None: any span may have)."""
        if ids is None or len(ids) > self.RECOUNT_OVER:
            self.recount()
            return
        fresh = evidence.statuses(ids) if ids else {}
        counts = self._counts
        for span_id in ids:
            before, after = self._status.pop(span_id, None), fresh.get(span_id)
            if before is not None:
                counts[before] -= 1
                if not counts[before]:
                    del counts[before]
            if after is not None:
                self._status[span_id] = after
                counts[after] = counts.get(after, 0) + 1

    def counts(self) -> dict[str, int]:
        """How many spans are in each status (statuses with none omitted)."""
        return dict(self._counts)


def update_case(*, actor: str, expected: dict | None = None, **changes: str) -> Change:
    """Change the case's title, reference, marking, description, standard of proof or issuing
    block (`ISSUING_FIELDS`). With `expected` (field → what the editor loaded) the edit is
    refused whole (EditCollision) when someone saved another value of such a field meanwhile."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("these case fields cannot be edited: {names}").format(
            names=", ".join(sorted(unknown))))
    if changes.get("classification", "public") not in scales.CLASSIFICATION_CODES:
        raise ValidationError(_("unknown classification {code!r}").format(
            code=changes["classification"]))
    with database.atomic():
        # Every writer moves the trail's head in this row while holding the chain's lock: on
        # a server, take that lock first, so no one else writes the row before this is done
        # (and the two locks are always taken in one order).
        lock_chain = getattr(database.obj, "lock_chain", None)
        if lock_chain is not None:
            lock_chain()
        case = Case.get()
        collisions.refuse_stale(case, expected, changes, object_type="case", ref=_("Case"))
        before = audit.snapshot(case, changes)
        if before == changes:
            return unchanged(case.id)
        Case.update(changes).where(Case.id == case.id).execute()
        audit.record("case.update", actor=actor, object_type="case", object_id=case.id,
                     summary=_("Edited {fields} of the case").format(
                         fields=audit.field_names("case", changes)),
                     before=before, after=dict(changes))
    after = dict(changes)
    return Change(touched(case=[case.id]),
                  lambda who: update_case(actor=who, expected=after, **before), case.id)


def checkout_origin() -> dict | None:
    """The check-out the open case file was made by (its server's address, the check-out
    id, …), or None when the case is not a file checked out from a server. A first entry
    whose record was made unreadable outside Casefile gives {} (what it names is not known;
    verify names the entry): the case still opens, and a check-in says why it is refused."""
    if db.is_server():
        return None
    found = database.execute_sql("SELECT action, after FROM audit_entry WHERE id = 1"
                                 ).fetchone()
    if found is None or found[0] != CHECKOUT:
        return None
    try:
        origin = json.loads(found[1] or "null")
    except ValueError:
        return {}
    return origin if isinstance(origin, dict) else {}


def issuing() -> dict[str, str]:
    """The case's issuing block: each of `ISSUING_FIELDS` and its value ("" when not set)."""
    case = Case.get()
    return {name: getattr(case, name) for name in ISSUING_FIELDS}


def is_encrypted() -> bool:
    """Whether the open case is encrypted with a passphrase."""
    return encryption.is_encrypted(database.obj)


def record_encryption(*, actor: str) -> Change:
    """Note in the trail that the case was rewritten encrypted (done by desktop.domain.db while
    the case was closed; this is its audit entry, written once the case is open again)."""
    with database.atomic():
        audit.record("case.encrypt", actor=actor, object_type="case", object_id=1,
                     summary=_("Encrypted the case with a passphrase"))
    return changes.trail_only()
