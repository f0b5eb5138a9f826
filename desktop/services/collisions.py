"""Edits that collide with a newer edit of the same field.

An editor (the incident form, a dialog, an undo step) says what it loaded for each field it
changes (`expected`). Inside the edit's transaction the row is read under a lock (`locked`:
on a server a row lock, so of two concurrent edits the second waits and then reads what the
first wrote; a case file's write transaction already excludes every other writer), and
`refuse_stale` refuses the whole edit when any of those fields now holds something else that
someone saved meanwhile: an `EditCollision` naming, per field, the newer value and who saved
it when (from the trail). A field whose stored value is already what the edit writes is no
collision: both agree. Without `expected` an edit writes as it always has (scripts, imports).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from peewee import Model, ModelSelect

from desktop.domain import scales
from desktop.domain.errors import EditCollision, NewerValue
from desktop.domain.excerpts import one_line
from desktop.domain.models import AuditEntry, database
from desktop.services.words import _

#: How many of a row's newest entries are searched for the one that set a field.
_ENTRIES_SEARCHED = 200


def locked(query: ModelSelect) -> ModelSelect:
    """`query` (a select of the rows to edit) holding them until the transaction ends: on a
    server `FOR UPDATE`, in a case file as it is (its write transaction is the only one)."""
    return query.for_update() if getattr(database.obj, "for_update", False) else query


def same(stored: Any, loaded: Any) -> bool:
    """Whether a stored value is the one an editor loaded: an empty text and no value are the
    same, a list of choices is the same in any order, numbers compare as numbers."""
    if stored in (None, "") and loaded in (None, ""):
        return True
    if isinstance(stored, (list, tuple)) and isinstance(loaded, (list, tuple)):
        return sorted(map(json.dumps, stored)) == sorted(map(json.dumps, loaded))
    if isinstance(stored, (int, float)) and isinstance(loaded, (int, float)) \
            and not isinstance(stored, bool) and not isinstance(loaded, bool):
        return float(stored) == float(loaded)
    return stored == loaded


def refuse_stale(row: Model, expected: Mapping[str, Any] | None, changes: Mapping[str, Any],
                 *, object_type: str, ref: str) -> None:
    """Raise EditCollision when a field of `row` (read under `locked`) is no longer what the
    editor loaded (`expected`) and not what the edit writes either."""
    if not expected:
        return
    stale = [field for field, loaded in expected.items()
             if not same(row.__data__.get(field), loaded)
             and not (field in changes and same(row.__data__.get(field), changes[field]))]
    if not stale:
        return
    setters = _setters(object_type, row.id, stale)
    newer = [NewerValue(ref, field, row.__data__.get(field), *setters.get(field, ("", "")),
                        changes.get(field))
             for field in stale]
    raise EditCollision(message(newer, object_type), newer)


def refuse_all(found: Iterable[tuple[Model, Mapping[str, Any] | None, str]],
               changes: Mapping[str, Any] | Callable[[Model], Mapping[str, Any]], *,
               object_type: str) -> None:
    """`refuse_stale` over many rows (row, what its editor loaded, its ref): one refusal that
    names every stale field of every row. `changes`: what the edit writes to every row, or
    what it writes to a row given (an undo puts back each row's own values)."""
    newer: list[NewerValue] = []
    for row, expected, ref in found:
        writes = changes(row) if callable(changes) else changes
        try:
            refuse_stale(row, expected, writes, object_type=object_type, ref=ref)
        except EditCollision as exc:
            newer += exc.newer
    if newer:
        raise EditCollision(message(newer, object_type), newer)


def _setters(object_type: str, object_id: int, fields: list[str]) -> dict[str, tuple[str, str]]:
    """Who last set each of these fields of a row and when, from its newest entries."""
    found: dict[str, tuple[str, str]] = {}
    entries = (AuditEntry.select(AuditEntry.actor, AuditEntry.at, AuditEntry.after)
               .where((AuditEntry.object_type == object_type)
                      & (AuditEntry.object_id == object_id))
               .order_by(AuditEntry.id.desc()).limit(_ENTRIES_SEARCHED))
    for entry in entries:
        after = entry.after if isinstance(entry.after, dict) else {}
        for field in fields:
            if field in after and field not in found:
                found[field] = (entry.actor, entry.at)
        if len(found) == len(fields):
            break
    return found


def message(newer: Iterable[NewerValue], object_type: str) -> str:
    """One line: "INC-003 Place was changed by olena at 14:02 to “Zelenyi Shliakh”; your edit
    was not saved"."""
    return _("{changes}; your edit was not saved").format(
        changes="; ".join(_clause(n, object_type) for n in newer))


def field_words(object_type: str, field: str) -> str:
    """A field as people call it (Place, Verification status); one the scales do not name
    yet by its name made readable (issuing_organisation: Issuing organisation)."""
    known = scales.FIELD_WORDS.get(object_type, ())
    if not any(grade.code == field for grade in known):
        return field.replace("_", " ").capitalize()
    return _(scales.label(known, field))


def value_words(value: Any) -> str:
    """A stored value on one line, as a message quotes it."""
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    elif isinstance(value, bool):
        value = _("yes") if value else _("no")
    return one_line("" if value is None else str(value))


def when_words(at: str) -> str:
    """When an entry was written, in local time: 14:02 today, else 2024-10-10 14:02."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return at
    if moment.date() == datetime.now().astimezone().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def _clause(newer: NewerValue, object_type: str) -> str:
    field = field_words(object_type, newer.field)
    value = value_words(newer.value)
    if not newer.actor:
        return _("{ref} {field} now says “{value}”").format(ref=newer.ref, field=field,
                                                           value=value)
    if not value:
        return _("{ref} {field} was emptied by {who} at {when}").format(
            ref=newer.ref, field=field, who=newer.actor, when=when_words(newer.at))
    return _("{ref} {field} was changed by {who} at {when} to “{value}”").format(
        ref=newer.ref, field=field, who=newer.actor, when=when_words(newer.at), value=value)
