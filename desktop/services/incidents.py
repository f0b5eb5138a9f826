"""Incidents of a case: create, edit (with the domain's rules), delete and restore."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import NamedTuple

from peewee import fn

from desktop.domain import dates, scales
from desktop.domain.errors import ValidationError
from desktop.domain.models import SHAPED_IDS, Evidence, Incident, database, shaped_rows
from desktop.domain.refs import incident_number, incident_ref
from desktop.services import audit, collisions
from desktop.services.changes import Change, Restore, touched, unchanged
from desktop.services.evidence import USABLE
from desktop.services.words import N_, _, ngettext

#: Fields a user edits in the incident form.
EDITABLE_FIELDS = (
    "title", "date_start", "date_end", "date_precision", "report_date", "time", "place",
    "place_alternatives", "district", "region", "country", "latitude", "longitude",
    "coordinates_source", "victims_min", "victims_max", "victim_status", "victims_named",
    "perpetrator_force", "perpetrator_unit", "perpetrators_named", "narrative",
    "qualifications",
)
#: The workflow state moves only through desktop.services.review (submit, approve, return),
#: and back to draft when an incident under review or approved is edited.
#: Stored as the incident's state comment, in the writer's language.
EDITED_AFTER_REVIEW = N_("Edited after it was submitted for review: submit it again.")
EVIDENCE_AFTER_REVIEW = N_("Evidence was linked after it was submitted for review: review it, "
                           "then submit the incident again.")
#: The states in which an incident is what someone submitted or signed off: a change of what
#: it says, or of what backs it, sends it back to draft.
REVIEWED_STATES = ("in_review", "approved")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def reopened_by_edit(state: str) -> dict:
    """What an edit of an incident's facts also changes: one submitted or signed off goes
    back to draft, to be submitted again (here or brought in from a copy)."""
    return ({"state": "draft", "state_comment": _(EDITED_AFTER_REVIEW)}
            if state in REVIEWED_STATES else {})


def _date_problems(values: dict, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    parsed: dict[str, date | None] = {}
    for name in ("date_start", "date_end", "report_date"):
        if name not in values:
            continue
        try:
            parsed[name] = dates.first_day(values[name] or "")
        except ValueError:
            problems[name] = _("Use a date as YYYY-MM-DD (or YYYY-MM for a month).")
            continue
        if parsed[name] and parsed[name] > today:
            problems[name] = _("This date is in the future.")
    start, end = parsed.get("date_start"), parsed.get("date_end")
    if start and end and end < start and "date_end" not in problems:
        problems["date_end"] = _("The end date is before the start date.")
    return problems


def _number_problems(values: dict) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name, bound in (("latitude", 90), ("longitude", 180)):
        value = values.get(name)
        if value is not None and not -bound <= value <= bound:
            problems[name] = (_("Latitude must be between -{bound} and {bound}.")
                              if name == "latitude" else
                              _("Longitude must be between -{bound} and {bound}.")
                              ).format(bound=bound)
    low, high = values.get("victims_min"), values.get("victims_max")
    for name, value in (("victims_min", low), ("victims_max", high)):
        if value is not None and value < 0:
            problems[name] = _("A count cannot be negative.")
    if low is not None and high is not None and low > high and "victims_max" not in problems:
        problems["victims_max"] = _("The maximum is smaller than the minimum.")
    return problems


def _code_problems(values: dict) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name, codes in (("date_precision", scales.DATE_PRECISION_CODES),
                        ("victim_status", scales.VICTIM_STATUS_CODES),
                        ("state", scales.INCIDENT_STATE_CODES)):
        if name in values and values[name] not in codes:
            problems[name] = _("Unknown value {value!r}.").format(value=values[name])
    if "time" in values and values["time"] and not _TIME.match(values["time"]):
        problems["time"] = _("Use a time as HH:MM (24-hour).")
    chosen = values.get("qualifications") or []
    unknown = [q for q in chosen if q not in scales.QUALIFICATIONS_BY_CODE]
    if unknown:
        problems["qualifications"] = _("Unknown legal qualification: {codes}.").format(
            codes=", ".join(unknown))
    return problems


def incident_problems(values: dict, today: date | None = None) -> dict[str, str]:
    """Field → plain-words problem for every value that breaks a rule (empty when all is well)."""
    today = today or date.today()
    return {**_code_problems(values), **_number_problems(values),
            **_date_problems(values, today)}


def next_code() -> str:
    """The next incident code (INC-001, INC-002, …), never one the case has used before: the
    audit trail and earlier dossiers may cite a deleted incident's code."""
    used = [code for (code,) in Incident.select(Incident.code).tuples()]
    used += [code for (code,) in database.execute_sql(
        "SELECT json_extract(after, '$.code') FROM audit_entry "
        "WHERE action = 'incident.create'").fetchall() if isinstance(code, str)]
    numbers = [n for code in used if (n := incident_number(code)) is not None]
    return incident_ref(max(numbers, default=0) + 1)


def _check(values: dict, stored: dict | None = None) -> None:
    """Refuse unknown fields and values that break a rule, alone or with the stored ones."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("these incident fields do not exist: {names}").format(
            names=", ".join(sorted(unknown))))
    problems = incident_problems({**(stored or {}), **values})
    if problems:
        raise ValidationError("; ".join(f"{audit.field_names('incident', [k])}: {v}"
                                        for k, v in problems.items()))


def create_incident(*, actor: str, code: str | None = None, **values) -> Change:
    """Add an incident to the case (code INC-nnn assigned when not given)."""
    _check(values)
    with database.atomic():
        code = code or next_code()
        if Incident.select().where(Incident.code == code).exists():
            raise ValidationError(_("an incident {code} already exists").format(code=code))
        incident = Incident.create(code=code, created_by=actor, **values)
        audit.record("incident.create", actor=actor, object_type="incident",
                     object_id=incident.id,
                     summary=_("Created {code} {title}").format(code=code,
                                                                 title=values.get("title", "")),
                     after=audit.snapshot(incident))
    incident_id = incident.id
    return Change(touched(incident=[incident_id]),
                  lambda who: delete_incident(incident_id, actor=who), incident_id)


def update_incident(incident_id: int, *, actor: str, from_evidence: int | None = None,
                    expected: dict | None = None, **changes) -> Change:
    """Change fields of an incident; a value that breaks a rule raises ValidationError.

    With `from_evidence` the values were taken from that span, and the incident records so
    for each field changed (`filled_from`); without, a field changed by hand forgets the span
    it came from. An incident under review or approved goes back to draft: what was submitted
    or signed off is not what it says now. The undo restores the fields, where they came from
    and that state together. With `expected` (field → what the editor loaded) the edit is
    refused whole (EditCollision) when someone saved another value of such a field meanwhile.
    """
    with database.atomic():
        incident = _editing(incident_id, expected)
        collisions.refuse_stale(incident, expected, changes, object_type="incident",
                                ref=incident.code)
        _check(changes, audit.snapshot(incident, EDITABLE_FIELDS))
        if audit.snapshot(incident, changes) == changes:
            return unchanged(incident_id)
        values = dict(changes)
        filled = _filled_after(incident.filled_from or {}, changes, from_evidence)
        if filled != (incident.filled_from or {}):
            values["filled_from"] = filled
        values.update(reopened_by_edit(incident.state))
        before = audit.snapshot(incident, values)
        _write(incident_id, values, before, actor=actor,
               summary=_("Edited {fields} of {code}").format(
                   fields=audit.field_names("incident", changes), code=incident.code))
    return _edited(incident_id, before, values)


def _editing(incident_id: int, expected: dict | None) -> Incident:
    """The incident an edit changes; locked against other writers when the edit says what
    its editor loaded (it must be checked against what is stored, and stay so)."""
    query = Incident.select().where(Incident.id == incident_id)
    if expected:
        query = collisions.locked(query)
    return query.get()


def _filled_after(filled: dict, changes: dict, from_evidence: int | None) -> dict:
    """Where each field's value comes from after `changes` (taken from `from_evidence`, or
    typed by hand when None)."""
    after = dict(filled)
    for field in changes:
        if from_evidence is None:
            after.pop(field, None)
        else:
            after[field] = from_evidence
    return after


def _write(incident_id: int, values: dict, before: dict, *, actor: str, summary: str) -> None:
    """Store new values of an incident with its audit entry (inside the caller's transaction)."""
    Incident.update(values).where(Incident.id == incident_id).execute()
    audit.record("incident.update", actor=actor, object_type="incident", object_id=incident_id,
                 summary=summary, before=before, after=dict(values))


def back_to_draft(incident_id: int, reason: str, *, actor: str) -> Change | None:
    """Send an incident under review or approved back to draft, saying why (new evidence
    backs it now); None when it was not under review. Its undo puts the state back."""
    with database.atomic():
        # Its state alone, by a query written once: every mark asks, and few incidents are
        # under review (peewee wrote the query of a whole row in a millisecond).
        state = shaped_rows("incident_state", lambda: Incident.select(Incident.state)
                            .where(Incident.id == incident_id), [incident_id])
        if not state or state[0][0] not in REVIEWED_STATES:
            return None
        incident = Incident.get_by_id(incident_id)
        reason = _(reason)  # a reason of this module's (EVIDENCE_AFTER_REVIEW), in words
        values = {"state": "draft", "state_comment": reason}
        before = audit.snapshot(incident, values)
        _write(incident_id, values, before, actor=actor,
               summary=_("{code} went back to draft: {reason}").format(code=incident.code,
                                                                       reason=reason))
    return _edited(incident_id, before, values)


def _edited(incident_id: int, before: dict, after: dict) -> Change:
    """The Change of an edit of an incident, whose undo stores `before` again, provided the
    fields a person edits still hold what the edit left (`after`)."""
    left = {field: value for field, value in after.items() if field in EDITABLE_FIELDS}
    return Change(touched(incident=[incident_id]),
                  Restore(partial(restore_fields, incident_id), before, left), incident_id)


def restore_fields(incident_id: int, before: dict, *, actor: str,
                   expected: dict | None = None) -> Change:
    """Set an incident's stored fields (workflow state included) back to `before` (the undo of
    an edit), refused (EditCollision) when a field is no longer what the edit left
    (`expected`); its own undo sets them forward again."""
    with database.atomic():
        incident = _editing(incident_id, expected)
        collisions.refuse_stale(incident, expected, before, object_type="incident",
                                ref=incident.code)
        current = audit.snapshot(incident, before)
        _write(incident_id, before, current, actor=actor,
               summary=_("Set back {fields} of {code}").format(
                   fields=audit.field_names("incident", before), code=incident.code))
    return _edited(incident_id, current, before)


def delete_incident(incident_id: int, *, actor: str) -> Change:
    """Delete an incident; its evidence is kept, unlinked. The undo brings both back."""
    with database.atomic():
        incident = Incident.get_by_id(incident_id)
        linked = [e for (e,) in Evidence.select(Evidence.id)
                  .where(Evidence.incident == incident_id).tuples()]
        snapshot = {"incident": audit.snapshot(incident), "evidence_ids": linked}
        Evidence.update(incident=None).where(Evidence.id.in_(linked)).execute()
        incident.delete_instance()
        audit.record("incident.delete", actor=actor, object_type="incident",
                     object_id=incident_id,
                     summary=ngettext("Deleted {code}; {n} evidence kept, unlinked",
                                      "Deleted {code}; {n} evidence kept, unlinked",
                                      len(linked)).format(code=incident.code, n=len(linked)),
                     before=snapshot)
    return Change(touched(incident=[incident_id], evidence=linked),
                  lambda who: restore_incident(snapshot, actor=who), incident_id)


def restore_incident(snapshot: dict, *, actor: str) -> Change:
    """Bring back a deleted incident with its id and relink its evidence (undo of a delete)."""
    data = snapshot["incident"]
    with database.atomic():
        Incident.insert(data).execute()
        (Evidence.update(incident=data["id"])
         .where(Evidence.id.in_(snapshot["evidence_ids"])).execute())
        audit.record("incident.restore", actor=actor, object_type="incident",
                     object_id=data["id"], summary=_("Restored {code}").format(code=data["code"]),
                     after=snapshot)
    incident_id = data["id"]
    return Change(touched(incident=[incident_id], evidence=snapshot["evidence_ids"]),
                  lambda who: delete_incident(incident_id, actor=who), incident_id)


def uncovered_elements(qualifications: list[str] | None, covered: set[str]) -> list[str]:
    """Element keys of `qualifications` that are not in `covered` (the keys evidence backs)."""
    return [scales.element_key(q, e.code)
            for q in qualifications or [] if q in scales.QUALIFICATIONS_BY_CODE
            for e in scales.QUALIFICATIONS_BY_CODE[q].elements
            if scales.element_key(q, e.code) not in covered]


def open_elements(incident: Incident) -> list[str]:
    """Element keys of the incident's qualifications that no non-rejected evidence supports."""
    covered = {key for (key,) in Evidence.select(Evidence.supports)
               .where((Evidence.incident == incident.id) & USABLE)
               .tuples()}
    return uncovered_elements(incident.qualifications, covered)


class IncidentChoice(NamedTuple):
    """An incident as a list or menu offers it."""

    id: int
    code: str
    title: str
    state: str


def incident_choices(ids: Iterable[int] | None = None) -> list[IncidentChoice]:
    """Every incident of the case (or those with these ids) as (id, code, title, state), by
    code."""
    ids = None if ids is None else list(ids)

    def query():
        found = Incident.select(Incident.id, Incident.code, Incident.title, Incident.state)
        return (found if ids is None else found.where(Incident.id.in_(ids))) \
            .order_by(Incident.code)

    if ids is not None and len(ids) <= SHAPED_IDS:  # a few, read again after each change
        return [IncidentChoice(*row)
                for row in shaped_rows(("incident_choices", len(ids)), query, ids)]
    return [IncidentChoice(*row) for row in query().tuples()]


def incident_exists(incident_id: int) -> bool:
    """Whether the case holds an incident with this id (it may have been deleted meanwhile)."""
    return Incident.select().where(Incident.id == incident_id).exists()


def incident_id_by_code(code: str) -> int | None:
    """The id of the incident cited as `code` (INC-001), or None when the case has none."""
    return Incident.select(Incident.id).where(Incident.code == code).scalar()


def incident_values(incident_id: int) -> dict | None:
    """The incident's code, editable fields, workflow state and where its filled values came
    from (`filled_from`: field → evidence id) as plain values (None: no such incident)."""
    return values_of([incident_id]).get(incident_id)


def values_of(ids: Iterable[int]) -> dict[int, dict]:
    """`incident_values` of many incidents in one query, by id."""
    fields = ("id", "code", *EDITABLE_FIELDS, "state", "state_comment", "filled_from")
    query = (Incident.select(*(getattr(Incident, f) for f in fields))
             .where(Incident.id.in_(list(ids))).dicts())
    return {row.pop("id"): row for row in query}


def incident_code(incident_id: int) -> str:
    """How people cite an incident: its code (INC-001); "" when there is no such incident."""
    return Incident.select(Incident.code).where(Incident.id == incident_id).scalar() or ""


def incident_qualifications(incident_id: int) -> list[str]:
    """The legal qualification codes chosen for an incident ([] when none or no such incident)."""
    chosen = (Incident.select(Incident.qualifications)
              .where(Incident.id == incident_id).scalar())
    return list(chosen or [])


class IncidentRow(NamedTuple):
    """One incident as the navigator lists it (plain values)."""

    id: int
    code: str
    title: str
    state: str
    open_elements: tuple[str, ...]  # element keys no usable evidence covers yet
    evidence: int


def incident_rows(ids: Iterable[int] | None = None) -> list[IncidentRow]:
    """Incidents (all, or those with these ids) with their open elements and evidence count,
    by code: two queries in all."""
    ids = None if ids is None else list(ids)

    def usage():
        found = (Evidence.select(Evidence.incident, Evidence.supports, Evidence.status,
                                 fn.COUNT(Evidence.id))
                 .where(Evidence.incident.is_null(False)))
        return (found if ids is None else found.where(Evidence.incident.in_(ids))) \
            .group_by(Evidence.incident, Evidence.supports, Evidence.status)

    def query():
        found = Incident.select(Incident.id, Incident.code, Incident.title, Incident.state,
                                Incident.qualifications)
        return (found if ids is None else found.where(Incident.id.in_(ids))) \
            .order_by(Incident.code)

    if ids is not None and len(ids) <= SHAPED_IDS:  # a few, read again after each change
        used = shaped_rows(("incident_usage", len(ids)), usage, ids)
        qualifications = Incident.qualifications.python_value
        listed = [(*row[:4], qualifications(row[4]))
                  for row in shaped_rows(("incident_rows", len(ids)), query, ids)]
    else:
        used, listed = usage().tuples(), query().tuples()
    covered: dict[int, set[str]] = {}
    counts: dict[int, int] = {}
    for incident_id, supports, status, count in used:
        counts[incident_id] = counts.get(incident_id, 0) + count
        if scales.counts_as_evidence(status):
            covered.setdefault(incident_id, set()).add(supports)
    return [IncidentRow(iid, code, title, state,
                        tuple(uncovered_elements(quals, covered.get(iid, set()))),
                        counts.get(iid, 0))
            for iid, code, title, state, quals in listed]
