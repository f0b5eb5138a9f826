"""Protection of people: protected names, their pseudonyms, and redaction of text.

Names of witnesses and of persons not publicly named are sensitive. Each protected person has
a pseudonym (W-001, V-001, P-001) and every spelling of their name; a redacted dossier
replaces every occurrence of any spelling with the pseudonym, in quotes too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import NamedTuple

from desktop.domain import refs, scales
from desktop.domain.errors import ValidationError
from desktop.domain.models import ProtectedPerson, Source, database
from desktop.services import audit
from desktop.services.changes import Change, touched
from desktop.services.words import _


def _spellings(names: str | Iterable[str]) -> list[str]:
    lines = names.splitlines() if isinstance(names, str) else list(names)
    return [" ".join(line.split()) for line in lines if line.strip()]


def next_pseudonym(role: str) -> str:
    """The next pseudonym for a role (W-001, W-002, …; V- victims, P- others), never one used
    before: the audit trail names people by pseudonym only."""
    letter = next(g.description for g in scales.PROTECTED_ROLES if g.code == role)
    used = [p for (p,) in ProtectedPerson.select(ProtectedPerson.pseudonym).tuples()]
    used += [p for (p,) in database.execute_sql(
        "SELECT json_extract(after, '$.pseudonym') FROM audit_entry "
        "WHERE action = 'protected.add'").fetchall() if isinstance(p, str)]
    taken = [n for p in used if (n := refs.pseudonym_number(letter, p)) is not None]
    return refs.pseudonym(letter, max(taken, default=0) + 1)


def add_protected(names: str | Iterable[str], role: str, *, actor: str, note: str = "",
                  pseudonym: str | None = None) -> Change:
    """Protect a person: every spelling of their name, replaced by one pseudonym."""
    if role not in scales.PROTECTED_ROLE_CODES:
        raise ValidationError(_("role must be one of {roles}").format(
            roles=", ".join(scales.PROTECTED_ROLE_CODES)))
    spellings = _spellings(names)
    if not spellings:
        raise ValidationError(_("give at least one spelling of the name"))
    with database.atomic():
        pseudonym = pseudonym or next_pseudonym(role)
        if ProtectedPerson.select().where(ProtectedPerson.pseudonym == pseudonym).exists():
            raise ValidationError(_("the pseudonym {pseudonym} is already used").format(
                pseudonym=pseudonym))
        person = ProtectedPerson.create(pseudonym=pseudonym, role=role,
                                        names="\n".join(spellings), note=note, created_by=actor)
        # The audit entry names the pseudonym only: the trail may be printed in a dossier.
        audit.record("protected.add", actor=actor, object_type="protected_person",
                     object_id=person.id,
                     summary=_("Protected a {role} as {pseudonym}").format(
                         role=audit.in_words(scales.PROTECTED_ROLES, role), pseudonym=pseudonym),
                     after={"pseudonym": pseudonym, "role": role,
                            "spellings": len(spellings)})
    person_id = person.id
    return Change(touched(protected=[person_id]),
                  lambda who: remove_protected(person_id, actor=who), person_id)


def remove_protected(person_id: int, *, actor: str) -> Change:
    """Stop protecting a person (their name will appear in redacted dossiers again)."""
    with database.atomic():
        person = ProtectedPerson.get_by_id(person_id)
        kept = audit.snapshot(person)
        person.delete_instance()
        audit.record("protected.remove", actor=actor, object_type="protected_person",
                     object_id=person_id,
                     summary=_("No longer protected: {pseudonym}").format(
                         pseudonym=person.pseudonym),
                     before={"pseudonym": person.pseudonym, "role": person.role})
    return Change(touched(protected=[person_id]),
                  lambda who: restore_protected(kept, actor=who), person_id)


def matched_forms(spellings: Iterable[str], excluded: Iterable[str] = ()) -> list[str]:
    """Every form of a person's name the redaction looks for, word by word (lower case,
    sorted): the spellings' words in every grammatical case, number, gender, script and
    apostrophe, less the forms the user took out. The list the user sees and edits."""
    from desktop.services.name_forms import forms_of  # noqa: PLC0415 — loads the analysers

    taken_out = frozenset(f.casefold() for f in excluded)
    return sorted({form for spelling in _spellings(spellings)
                   for form in forms_of(spelling).without(taken_out).word_forms()})


def update_protected(person_id: int, *, actor: str, consent: str | None = None,
                     risk_note: str | None = None, statements: Iterable[int] | None = None,
                     spellings: str | Iterable[str] | None = None,
                     excluded_forms: Iterable[str] | None = None) -> Change:
    """Record a protected person's consent to be named (scales.CONSENT_LEVELS), a note on the
    risk they run, and the statements (source ids) they have already given, so nobody
    interviews them again for what they have told; or change the spellings of their name and
    the generated forms taken out of what the redaction matches (a form that is also a common
    word). The trail records how many spellings and forms, never the names."""
    values: dict = {}
    if spellings is not None:
        given = _spellings(spellings)
        if not given:
            raise ValidationError(_("give at least one spelling of the name"))
        values["names"] = "\n".join(given)
    if excluded_forms is not None:
        values["excluded_forms"] = sorted({" ".join(f.split()).casefold()
                                           for f in excluded_forms if f.strip()})
    if consent is not None:
        if consent not in scales.CONSENT_CODES:
            raise ValidationError(_("consent must be one of {codes}").format(
                codes=", ".join(scales.CONSENT_CODES)))
        values["consent"] = consent
    if risk_note is not None:
        values["risk_note"] = risk_note.strip()
    if statements is not None:
        ids = sorted(set(statements))
        known = {i for (i,) in Source.select(Source.id).where(Source.id.in_(ids)).tuples()}
        if set(ids) - known:
            raise ValidationError(_("a statement must be a source of the case"))
        values["statements"] = ids
    with database.atomic():
        person = ProtectedPerson.get_by_id(person_id)
        before = {key: getattr(person, key) for key in values}
        values = {key: value for key, value in values.items() if before[key] != value}
        if values:
            ProtectedPerson.update(values).where(ProtectedPerson.id == person_id).execute()
            # The risk note, the spellings and the forms are names or may hold one: the
            # trail keeps only that they changed, and how many there are.
            audit.record("protected.update", actor=actor, object_type="protected_person",
                         object_id=person_id,
                         summary=_("Consent, risk, statements or name forms of {pseudonym} "
                                   "recorded").format(pseudonym=person.pseudonym),
                         before={key: _for_trail(key, before[key]) for key in values},
                         after={key: _for_trail(key, value) for key, value in values.items()})
    undo = {("spellings" if key == "names" else key): before[key] for key in values}
    return Change(touched(protected=[person_id]),
                  lambda who: update_protected(person_id, actor=who, **undo), person_id)


def _for_trail(key: str, value):
    """A protected person's value as the audit trail may hold it (see update_protected)."""
    if key == "risk_note":
        return "(changed)"
    if key == "names":
        return f"{len(value.splitlines())} spelling(s)"
    if key == "excluded_forms":
        return f"{len(value)} form(s) taken out"
    return value


def restore_protected(kept: dict, *, actor: str) -> Change:
    """Protect a person again as they were, with their id and pseudonym (undo of a removal)."""
    with database.atomic():
        ProtectedPerson.insert(kept).execute()
        audit.record("protected.restore", actor=actor, object_type="protected_person",
                     object_id=kept["id"],
                     summary=_("Protected again as {pseudonym}").format(
                         pseudonym=kept["pseudonym"]),
                     after={"pseudonym": kept["pseudonym"], "role": kept["role"]})
    return Change(touched(protected=[kept["id"]]),
                  lambda who: remove_protected(kept["id"], actor=who), kept["id"])


class Redactor:
    """Replaces every form of every protected name in a text with its pseudonym: the spellings
    as given, their inflected, shortened, initialled and transliterated forms, however the text
    hides them (see `name_matching`). The pattern is built once per Redactor."""

    def __init__(self, people: Iterable[tuple]) -> None:
        """`people`: (pseudonym, names one per line[, forms taken out]) tuples."""
        table: dict[str, str] = {}
        grouped: list[tuple[str, list[str], tuple[str, ...]]] = []
        for pseudonym, names, *taken_out in people:
            spellings = _spellings(names)
            for spelling in spellings:
                table[spelling.casefold()] = pseudonym
            grouped.append((pseudonym, spellings, tuple(taken_out[0]) if taken_out else ()))
        self._table = table
        # The analysers behind the forms load here, once per process, only if someone is
        # protected.
        self._matcher = None
        if table:
            from desktop.services.name_matching import NameMatcher  # noqa: PLC0415 — only
            # when someone is protected (the patterns and the analysers behind them)

            self._matcher = NameMatcher(grouped)

    @classmethod
    def for_case(cls) -> Redactor:
        """A redactor for the protected people of the open case (the last one is kept while
        the protected people stay the same)."""
        people = matching_people()
        if _last_redactor and _last_redactor[0] == people:
            return _last_redactor[1]
        redactor = cls(people)
        _last_redactor[:] = [people, redactor]
        return redactor

    @property
    def active(self) -> bool:
        """Whether anyone is protected (without anyone, redacting changes nothing)."""
        return self._matcher is not None

    def __call__(self, text: str) -> str:
        if self._matcher is None or not text:
            return text
        return self._matcher.sub(text)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, pseudonym) of each protected name in `text`."""
        return [] if self._matcher is None else list(self._matcher.finditer(text))

    def spellings(self) -> list[str]:
        """Every protected spelling (for checks that none survives in a document)."""
        return list(self._table)


_last_redactor: list = []


def matching_people() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(pseudonym, names one per line, forms taken out) of every protected person of the open
    case, as the redactor and the near-miss check take them."""
    # Plain SQL: every audit entry asks (to redact its texts), so this stays a cheap read.
    rows = database.execute_sql('SELECT pseudonym, names, excluded_forms FROM '
                                '"protected_person" ORDER BY id').fetchall()
    return tuple((pseudonym, names, tuple(json.loads(excluded) if excluded else ()))
                 for pseudonym, names, excluded in rows)


def find_names(text: str, redactor: Redactor | None = None) -> list[tuple[int, int, str]]:
    """(start, end, pseudonym) of each protected name in `text`: the source view marks them."""
    return (redactor or Redactor.for_case()).find(text)


class PersonRow(NamedTuple):
    """A protected person as lists show them: pseudonym, role, every spelling, their consent to
    be named, the risk note, the statements (source ids) they have given and the generated
    forms of their name taken out of what the redaction matches."""

    id: int
    pseudonym: str
    role: str
    spellings: tuple[str, ...]
    consent: str = "not_asked"
    risk_note: str = ""
    statements: tuple[int, ...] = ()
    excluded_forms: tuple[str, ...] = ()


def protected_people() -> list[PersonRow]:
    """Every protected person of the case, by pseudonym."""
    query = (ProtectedPerson.select(ProtectedPerson.id, ProtectedPerson.pseudonym,
                                    ProtectedPerson.role, ProtectedPerson.names,
                                    ProtectedPerson.consent, ProtectedPerson.risk_note,
                                    ProtectedPerson.statements, ProtectedPerson.excluded_forms)
             .order_by(ProtectedPerson.pseudonym))
    return [PersonRow(person.id, person.pseudonym, person.role,
                      tuple(person.names.splitlines()), person.consent, person.risk_note,
                      tuple(person.statements or ()), tuple(person.excluded_forms or ()))
            for person in query]
