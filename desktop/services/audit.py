"""The audit trail: every change to a case is recorded with who, when, what, before and after.

`record()` must be called inside the transaction of the change it describes, so the change and
its entry are committed together or not at all. The trail names protected people by pseudonym
only: while someone is protected, `record()` redacts the summary and every text inside before
and after before the entry is written and hashed (the entry as stored is the one the chain
covers). Entries written before a person was protected stay as they were: rewriting them would
break the chain. Nothing reads a snapshot back to restore data (undo keeps its own in memory).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from peewee import Model

from desktop.domain import ledger, scales
from desktop.domain.models import AuditEntry, database, plain_rows
from desktop.services import words
from desktop.services.words import _


def field_names(object_type: str, names: Iterable[str]) -> str:
    """The fields a summary names, sorted: as their names in English (as the trail has always
    written them), in words (`scales.FIELD_WORDS`) in another language."""
    names = sorted(names)
    if words.language() == words.SOURCE_LANGUAGE:
        return ", ".join(names)
    known = scales.FIELD_WORDS.get(object_type, ())
    return ", ".join(_(scales.label(known, name)) for name in names)


def in_words(scale: tuple[scales.Grade, ...], code: str) -> str:
    """A code a summary names (a role, a state): the code in English (as the trail has always
    written it), its label in lower case in another language."""
    if words.language() == words.SOURCE_LANGUAGE:
        return code.replace("_", " ")
    return _(scales.label(scale, code)).lower()


def snapshot(obj: Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The stored values of a row (or some of its fields) as plain JSON-ready data."""
    data = obj.__data__
    names = fields if fields is not None else data.keys()
    return {name: data.get(name) for name in names}


#: A fingerprint (SHA-256 and the like) stays exact: integrity checks compare it, and a short
#: name such as "Ada" could otherwise be "found" between its digits.
_DIGEST = re.compile(r"[0-9a-fA-F]{32,}")


#: A summary's quote cut short ends in a piece of a word and "…": the piece may be the start of
#: a protected name, which no redactor can recognise, so it goes while someone is protected.
_CUT_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]*)*…")


def _redacted(value: Any, redact: Callable[[str], str]) -> Any:
    """`value` (JSON-ready data) with every string in it redacted; a new object, so a snapshot
    an undo keeps is never changed. Keys are field names and stay."""
    if isinstance(value, str):
        return value if _DIGEST.fullmatch(value) else redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item, redact) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redacted(item, redact) for item in value]
    return value


def protected_texts(values: dict, redact: Callable[[str], str] | None = None) -> dict:
    """An entry's values with every protected name in its summary, before and after replaced
    by the pseudonym; the same dict when nobody in the case is protected."""
    from desktop.services.protection import Redactor  # protection records through this module

    redact = redact or Redactor.for_case()
    if not getattr(redact, "active", True):
        return values
    redacted = {k: _redacted(values.get(k), redact)
                for k in ("summary", "before", "after") if values.get(k)}
    if "summary" in redacted:
        redacted["summary"] = _CUT_WORD.sub("…", redacted["summary"])
    return {**values, **redacted}


def record(action: str, *, actor: str, object_type: str = "", object_id: int | None = None,
           summary: str = "", before: dict | None = None, after: dict | None = None) -> int:
    """Append one entry to the trail and return its id. Must run inside the change's
    transaction. Protected names in the summary, before and after are stored as pseudonyms."""
    return record_all([Entry(action, actor, object_type, object_id, summary, before, after)])[0]


class Entry(NamedTuple):
    """One entry for `record_all`: what `record` takes."""

    action: str
    actor: str
    object_type: str = ""
    object_id: int | None = None
    summary: str = ""
    before: dict | None = None
    after: dict | None = None


def record_all(entries: Iterable[Entry]) -> list[int]:
    """Append the entries of one transaction's changes at once (an import's, one per source)
    and return their ids: each records the rows of its own object, as `record` would have
    written just after its change. Must run inside that transaction."""
    from desktop.services.protection import Redactor

    if not database.in_transaction():
        raise RuntimeError("an audit entry must be written in the transaction of its change")
    redact = Redactor.for_case()
    return ledger.append_all([protected_texts({
        **e._asdict(), "rows": [f"{e.object_type}:{e.object_id}"] if e.object_id else []},
        redact) for e in entries])


def history(limit: int | None = None, newest_first: bool = True) -> list[AuditEntry]:
    """The case's change history."""
    order = AuditEntry.id.desc() if newest_first else AuditEntry.id
    query = AuditEntry.select().order_by(order)
    return list(query.limit(limit) if limit else query)


class HistoryRow(NamedTuple):
    """One audit entry as the history panel shows it; before and after stay JSON text until
    someone asks to see them (a tooltip), so listing the trail decodes nothing."""

    id: int
    at: str
    actor: str
    action: str
    summary: str
    before_json: str | None
    after_json: str | None


def history_rows(limit: int, *, after_id: int = 0) -> list[HistoryRow]:
    """The newest entries (at most `limit`, newest first), only those after `after_id`."""
    query = (AuditEntry.select(AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.action,
                               AuditEntry.summary, AuditEntry.before, AuditEntry.after)
             .where(AuditEntry.id > after_id).order_by(AuditEntry.id.desc()).limit(limit))
    return [HistoryRow(*row) for row in plain_rows(query)]
