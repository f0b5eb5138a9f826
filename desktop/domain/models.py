"""The case file's tables as peewee models.

Every model is bound to `database`, a proxy that `db.open_case()` points at the case being worked
on, so the same models serve whichever case file is open. Times are ISO 8601 strings in UTC;
dates of events are ISO dates whose precision is kept beside them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from datetime import UTC, datetime
from typing import Any

from peewee import (
    SQL,
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.sqlite_ext import AutoIncrementField, FTS5Model, SearchField

from desktop.domain import scales

database = DatabaseProxy()


def utc_now() -> str:
    """The current time as stored in a case: ISO 8601, UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


_EMPTY_JSON = {dict: "{}", list: "[]"}


class JSONText(TextField):
    """A JSON document kept as text, readable by any SQLite tool."""

    def db_value(self, value):
        if value is None:
            return None
        if not value and type(value) in _EMPTY_JSON:  # most rows' pages, extra, collection
            return _EMPTY_JSON[type(value)]
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value):
        return None if value is None else json.loads(value)


#: A column's default in the schema itself, so a row written by another SQLite tool gets it too
#: (the columns added since format 7 have one).
_EMPTY = SQL("DEFAULT ''")


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Case(BaseModel):
    """The one row that describes the case this file holds."""

    title = TextField()
    reference = TextField(default="")
    classification = CharField(default="confidential", choices=scales.CLASSIFICATION_CODES)
    description = TextField(default="")
    standard_of_proof = TextField(default=scales.STANDARD_OF_PROOF)
    created_at = CharField(default=utc_now)
    created_by = TextField(default="")
    # The audit trail's chain head: removing its newest entries cannot go unnoticed.
    audit_head = CharField(default="0" * 64)
    audit_count = IntegerField(default=0)
    # Declared when one person both documents and reviews: four eyes cannot hold, and the
    # dossier says so on its cover.
    one_person = BooleanField(default=False, constraints=[SQL("DEFAULT 0")])
    # Who issues the dossier, to whom and for what, and its version: printed near its cover.
    issuing_organisation = TextField(default="", constraints=[_EMPTY])
    addressee = TextField(default="", constraints=[_EMPTY])
    dossier_version = TextField(default="", constraints=[_EMPTY])
    issued_by = TextField(default="", constraints=[_EMPTY])
    issued_for = TextField(default="", constraints=[_EMPTY])


class Source(BaseModel):
    """A collected document: its metadata, custody record and immutable extracted text."""

    kind = CharField(default="news", choices=scales.SOURCE_KIND_CODES)
    title = TextField(default="")
    publisher = TextField(default="")
    author = TextField(default="")
    url = TextField(default="")
    published = CharField(default="")  # ISO date as the source gives it
    language = CharField(default="")
    # Chain of custody: who collected it, when, from where, and its fingerprint.
    collected_at = CharField(default="")
    collected_by = TextField(default="")
    collected_from = TextField(default="")  # URL or medium, when not the url above
    original_name = TextField(default="")
    media_type = CharField(default="text/plain")
    size = IntegerField(default=0)
    sha256 = CharField(unique=True)
    text_sha256 = CharField(default="")  # of the extracted text (UTF-8): it must never change
    encoding = CharField(default="")
    text = TextField()  # the working copy: never changes after import
    reliability = CharField(default="F", choices=scales.RELIABILITY_CODES)
    reliability_note = TextField(default="")
    confidential = BooleanField(default=False)  # its URL is left out of redacted dossiers
    imported_at = CharField(default=utc_now)
    imported_by = TextField(default="")
    # Who first observed, counted or stated what the source says (UN mission, Prosecutor
    # General's Office, a named witness), apart from who published it. Empty: not known.
    originator = TextField(default="", constraints=[_EMPTY])
    # The source this one relays (a news item retelling a press release): one line of evidence.
    relays = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="relayed_by")
    extra = JSONText(default=dict)
    # Where each page starts in `text` (character offsets, the first 0); empty for a source
    # without pages. A span's pages are derived from it (domain/pages), never stored.
    pages = JSONText(default=list, constraints=[SQL("DEFAULT '[]'")])
    # How the text was taken from the original: {"tool", "version", "method", …tool's own}.
    extraction = JSONText(default=dict, constraints=[SQL("DEFAULT '{}'")])
    # How it was collected (the Berkeley Protocol's collection record): {"tool", "method",
    # "captured_at", "time_source", "identity", "hash_at_collection", "hash_checked"}; the
    # keys known, empty when nothing was said. domain/collection names and checks them.
    collection = JSONText(default=dict, constraints=[SQL("DEFAULT '{}'")])


class SourceOriginal(BaseModel):
    """The evidentiary copy: the source file's bytes exactly as collected."""

    source = ForeignKeyField(Source, primary_key=True, backref="original", on_delete="CASCADE")
    data = BlobField()


class SourceIndex(FTS5Model):
    """Full-text index over the sources' text (external content: the text is stored once)."""

    text = SearchField()

    class Meta:
        database = database
        legacy_table_names = False
        options = {
            "content": "source",
            "content_rowid": "id",
            "tokenize": "unicode61 remove_diacritics 2",
        }


class SearchLemma(BaseModel):
    """A word of the sources' text (lower case) beside one of its dictionary forms, so that a
    search finds the word's inflected forms (domain/lemmas). Made from the text: not audited."""

    lemma = TextField()
    form = TextField(index=True)

    class Meta:
        primary_key = CompositeKey("lemma", "form")
        without_rowid = True


class Incident(BaseModel):
    """One incident of the case: the facts the evidence must prove."""

    id = AutoIncrementField()  # never reused: the audit trail and dossiers cite ids
    code = CharField(unique=True)  # INC-001…
    title = TextField(default="")
    date_start = CharField(default="")  # ISO date of the event
    date_end = CharField(default="")  # for a range; empty for a single day
    date_precision = CharField(default="day", choices=scales.DATE_PRECISION_CODES)
    report_date = CharField(default="")  # when it was first reported: not the event date
    time = CharField(default="")  # HH:MM, local time, as the sources give it
    place = TextField(default="")
    place_alternatives = TextField(default="")  # other spellings, one per line
    district = TextField(default="")
    region = TextField(default="")
    country = TextField(default="")
    latitude = FloatField(null=True)
    longitude = FloatField(null=True)
    coordinates_source = TextField(default="")
    victims_min = IntegerField(null=True)
    victims_max = IntegerField(null=True)
    victim_status = CharField(default="unknown", choices=scales.VICTIM_STATUS_CODES)
    victims_named = TextField(default="")
    perpetrator_force = TextField(default="")
    perpetrator_unit = TextField(default="")
    perpetrators_named = TextField(default="")
    narrative = TextField(default="")
    qualifications = JSONText(default=list)  # codes from scales.LEGAL_QUALIFICATIONS
    # Which evidence span each filled field's value was taken from (field → evidence id): set
    # by click to fill and "use this value", dropped when the value is typed by hand.
    filled_from = JSONText(default=dict, constraints=[SQL("DEFAULT '{}'")])
    state = CharField(default="draft", choices=scales.INCIDENT_STATE_CODES)
    state_comment = TextField(default="")
    decided_by = TextField(default="", constraints=[_EMPTY])  # who last approved or returned
    decided_at = CharField(default="", constraints=[_EMPTY])  # it, and when
    created_at = CharField(default=utc_now)
    created_by = TextField(default="")


class Evidence(BaseModel):
    """A passage of a source that backs a fact or legal element of an incident.

    The span is kept twice, as the W3C Web Annotation model does: by position (start/end
    character offsets into the source text) and by quote (exact text with its context).
    """

    id = AutoIncrementField()  # never reused: E-numbers in dossiers must stay unique
    source = ForeignKeyField(Source, backref="evidence", on_delete="RESTRICT", index=False)
    start = IntegerField()
    end = IntegerField()
    quote = TextField()
    prefix = TextField(default="")
    suffix = TextField(default="")
    incident = ForeignKeyField(Incident, null=True, backref="evidence", on_delete="SET NULL")
    supports = CharField(default="")  # an incident field code or a legal element key
    asserted_value = TextField(default="")
    status = CharField(default="unverified", choices=scales.STATUS_CODES)
    credibility = CharField(default="6", choices=scales.CREDIBILITY_CODES)
    note = TextField(default="")
    created_at = CharField(default=utc_now)
    created_by = TextField(default="")
    review_state = CharField(default="pending", choices=scales.REVIEW_CODES)
    review_comment = TextField(default="")
    reviewed_at = CharField(default="")
    reviewed_by = TextField(default="")
    # The claim's own originator when the source relays several (empty: the source's), and
    # the window it speaks of: from, to or "as of", and a scope in words ("2024 only").
    originator = TextField(default="", constraints=[_EMPTY])
    period_start = CharField(default="", constraints=[_EMPTY])
    period_end = CharField(default="", constraints=[_EMPTY])
    scope = TextField(default="", constraints=[_EMPTY])

    class Meta:
        indexes = ((("source", "start"), False), (("status",), False))


class ProtectedPerson(BaseModel):
    """A person whose name must not appear in a redacted dossier, and their pseudonym."""

    id = AutoIncrementField()
    pseudonym = CharField(unique=True)  # W-001 (witness), V-001 (victim), P-001 (perpetrator)
    role = CharField(choices=scales.PROTECTED_ROLE_CODES)
    names = TextField()  # every spelling of the name, one per line
    note = TextField(default="")
    created_at = CharField(default=utc_now)
    created_by = TextField(default="")
    consent = CharField(default="not_asked", choices=scales.CONSENT_CODES)  # to be named
    risk_note = TextField(default="")  # what endangers the person if they are identified
    statements = JSONText(default=list)  # ids of the sources that are their statements
    excluded_forms = JSONText(default=list)  # generated forms the user took out (lower case)


class Member(BaseModel):
    """A person who works on the case, and in which role (four eyes are checked by name)."""

    id = AutoIncrementField()
    name = TextField(unique=True)
    role = CharField(choices=scales.MEMBER_ROLE_CODES)
    added_at = CharField(default=utc_now)
    added_by = TextField(default="")


class AuditEntry(BaseModel):
    """One change to the case, written in the same transaction as the change. Append-only."""

    at = CharField(default=utc_now)
    actor = TextField()
    action = CharField()  # e.g. source.import, incident.update, evidence.add
    object_type = CharField(default="")
    object_id = IntegerField(null=True)
    summary = TextField(default="")
    before = JSONText(null=True)
    after = JSONText(null=True)
    # The digests of the rows the change left, as JSON text ({"evidence:12": digest or null}):
    # see desktop.domain.digests. Covered by entry_hash; kept as written, byte for byte.
    row_digests = TextField(null=True)
    # The digests of the rows it changed or removed as they were before (format 16): a row
    # changed outside Casefile and then edited in Casefile is still found. Covered by the hash.
    row_before = TextField(null=True)
    entry_hash = CharField(default="")  # see desktop.domain.ledger

    class Meta:
        # Who had a hand in a span (four eyes) is read from its entries.
        indexes = ((("object_type", "object_id"), False),)


_INSERTS: dict[type[Model], tuple[str, list[tuple[str, Any, bool, Any]]]] = {}


def insert_row(model: type[Model], values: dict) -> int:
    """Insert one row and return its id, with a statement built once per model.

    For bulk writes (an import of thousands of sources) peewee's query building costs more
    than SQLite's work; this keeps peewee's defaults and value conversion without it.
    """
    if model not in _INSERTS:
        # A key the database draws (an id) is left out; one given (a source's original,
        # keyed by its source) is written as given.
        fields = [f for f in model._meta.sorted_fields
                  if f is not model._meta.primary_key or not isinstance(f, AutoField)]
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        marks = ", ".join("?" * len(fields))
        # Each field's name, default, whether the default is called, and its conversion,
        # looked up once rather than for every row.
        _INSERTS[model] = (f'INSERT INTO "{model._meta.table_name}" ({columns}) '
                           f"VALUES ({marks})",
                           [(f.name, f.default, callable(f.default), f.db_value)
                            for f in fields])
    sql, fields = _INSERTS[model]
    params = [db_value(values[name] if name in values else default() if called else default)
              for name, default, called, db_value in fields]
    return database.execute_sql(sql, params).lastrowid


TABLES = (Case, Source, SourceOriginal, SourceIndex, SearchLemma, Incident, Evidence,
          ProtectedPerson, Member, AuditEntry)


def plain_rows(query) -> list[tuple]:
    """A query's rows as SQLite returns them, without peewee's per-value conversion: the fast
    path for hot reads of text and number columns (their values are the same either way)."""
    return database.execute(query).fetchall()


#: The SQL of hot reads by shape and kind of database: peewee takes longer to write a query of
#: many columns (0.4 ms for a span's row) than SQLite takes to run it, and the window reads a
#: few rows after every change.
_SHAPED: dict[tuple, str] = {}
_SHAPES_AT_MOST = 512
#: A list of at most this many ids is read by a query written once for its length; a longer
#: one is rare (a bulk edit) and written each time.
SHAPED_IDS = 64


def shaped_rows(shape: Hashable, build: Callable[[], Any], params: Sequence[Any]) -> list[tuple]:
    """`plain_rows(build())` with the query's SQL written once per shape: `shape` names all the
    SQL depends on (which filters, how many ids in a list), and `params` are its parameters
    in order, checked against those of the query when it is first written."""
    key = (type(database.obj), shape)
    sql = _SHAPED.get(key)
    if sql is None:
        sql, written = database.obj.get_sql_context().sql(build()).query()
        if list(written) != list(params):
            raise ValueError(f"the query {shape!r} takes {written!r}, not {list(params)!r}")
        if len(_SHAPED) >= _SHAPES_AT_MOST:
            _SHAPED.clear()
        _SHAPED[key] = sql
    return database.execute_sql(sql, params).fetchall()
