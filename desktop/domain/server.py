"""A case on a PostgreSQL server: the same models, services and audit trail as a case file.

A server case is named by a libpq URL (`postgresql://HOST[:PORT]/DB`); everything else a
connection needs comes the libpq way (a service file, `.pgpass`, the PG* variables, TLS
settings): Casefile stores no password. The database holds one case.

The schema is made from the models, so a new column of a model is on the server too, at the
file-format version the case files have (recorded in `casefile_meta`). Where SQLite and
PostgreSQL differ the server gets the same names: the search index is a `source_index` table
whose rows keep a tsvector (filled by a trigger from the text an import writes), the rows a
transaction writes are noted by permanent triggers into the connection's own temporary table
(as the case file's temporary triggers do), and the SQL the services write with `?` marks is
translated as it is run (`sqlite_dialect`).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from peewee import OperationalError, PostgresqlDatabase, __exception_wrapper__

from desktop.domain import models, server_roles
from desktop.domain.errors import CaseOpenError
from desktop.domain.fileformat import APPLICATION_ID, SCHEMA_VERSION
from desktop.services.words import _  # Qt-free, of no layer: the words a user reads

SCHEMES = ("postgresql://", "postgres://")
#: The text search configuration of the search index: words as they are, accents taken off.
TEXT_SEARCH = "casefile_text"
#: Where the server announces each audit entry as its transaction commits (live updates).
CHANNEL = "casefile_entries"
#: The key of the advisory lock the audit chain is extended under (one writer at a time).
CHAIN_LOCK = 0x43415345  # "CASE"


def is_server_url(location: object) -> bool:
    """Whether `location` names a case on a server rather than a case file."""
    return isinstance(location, str) and location.startswith(SCHEMES)


def display_name(url: str) -> str:
    """How messages name a server case: its URL without a password or connection options."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = (f"{parts.username}@" if parts.username else "") + host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class ServerCaseError(CaseOpenError):
    """A server case cannot be opened or created; names the case by its URL."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(display_name(url), reason)
        self.url = url
        self.args = (f"{display_name(url)}: {reason}",)

    def __str__(self) -> str:
        return self.args[0]


_QUOTED_OR_MARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")
_AS_BLOB = re.compile(r"CAST\(([\w.\"]+) AS BLOB\)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def sqlite_dialect(sql: str, with_params: bool = True) -> str:
    """The services' SQL (SQLite's `?` marks, `INSERT OR IGNORE`, a text cast to its UTF-8
    bytes, a table made WITHOUT ROWID) as psycopg runs it; SQL in psycopg's own style
    (peewee's, with %s) is returned as it is. Without parameters psycopg reads a % as it is;
    with them it must be doubled."""
    marks = any(m.group() == "?" for m in _QUOTED_OR_MARK.finditer(sql))
    if not marks and "%s" in sql:
        return sql
    if with_params:
        sql = _QUOTED_OR_MARK.sub(
            lambda m: {"?": "%s", "%": "%%"}.get(m.group(), m.group().replace("%", "%%")), sql)
    sql = _AS_BLOB.sub(r"convert_to(\1, 'UTF8')", sql)
    if sql.startswith("CREATE TABLE"):  # a sequence never gives an id twice: no AUTOINCREMENT
        sql = sql.replace(" AUTOINCREMENT", "").replace(" WITHOUT ROWID", "")
    if sql.lstrip().upper().startswith("INSERT OR IGNORE INTO"):
        sql = re.sub(r"(?i)^\s*INSERT OR IGNORE INTO", "INSERT INTO", sql)
        sql += " ON CONFLICT DO NOTHING"
    return sql


def _said_something(conn) -> bool:
    """Whether the server sent anything on an idle connection (its socket can be read):
    what a server that stops or drops the connection does, one system call to ask."""
    import select

    return bool(select.select([conn.fileno()], [], [], 0)[0])


@lru_cache(maxsize=1)
def _cursor_class():
    import psycopg

    class SQLiteDialectCursor(psycopg.Cursor):
        """A cursor that runs the services' SQLite-style SQL, and tells an insert's id; a
        transaction's BEGIN waits to go with its first statement (`ServerDatabase.begin`)."""

        def execute(self, query, params=None, **kwargs):
            if isinstance(query, str):
                if not params:
                    params = None
                query = sqlite_dialect(query, params is not None)
            if getattr(self.connection, "casefile_begin", None):
                if params is None and ";" in query:  # several statements: not in a pipeline
                    self._begin_now()
                else:
                    with self._begun():
                        return super().execute(query, params, **kwargs)
            return super().execute(query, params, **kwargs)

        def executemany(self, query, params_seq, **kwargs):
            if isinstance(query, str):
                query = sqlite_dialect(query)
            if getattr(self.connection, "casefile_begin", None):
                with self._begun():
                    return super().executemany(query, params_seq, **kwargs)
            return super().executemany(query, params_seq, **kwargs)

        def copy(self, statement, params=None, **kwargs):
            if getattr(self.connection, "casefile_begin", None):
                self._begin_now()
            return super().copy(statement, params, **kwargs)

        def stream(self, query, params=None, **kwargs):
            if getattr(self.connection, "casefile_begin", None):
                self._begin_now()
            return super().stream(query, params, **kwargs)

        def _begin_now(self) -> None:
            conn = self.connection
            statements, conn.casefile_begin = conn.casefile_begin, None
            with conn.cursor() as cursor:
                psycopg.Cursor.execute(cursor, "; ".join(statements))

        @contextmanager
        def _begun(self):
            """The waiting BEGIN (and what goes with it) sent in one pipeline with the
            statement run inside: one round trip."""
            conn = self.connection
            statements, conn.casefile_begin = conn.casefile_begin, None
            with conn.pipeline(), conn.cursor() as cursor:
                for statement in statements:
                    psycopg.Cursor.execute(cursor, statement)
                yield

        @property
        def lastrowid(self):
            # The id the last insert drew from its table's sequence (a case file's rowid).
            with self.connection.cursor() as cursor:
                return cursor.execute("SELECT lastval()").fetchone()[0]

    return SQLiteDialectCursor


class ServerDatabase(PostgresqlDatabase):
    """The models' database when the case is on a server (psycopg 3, libpq conventions)."""

    server = True

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        super().__init__(url, prefer_psycopg3=True, application_name="Casefile")
        self.case_url = url
        self.read_only_case = read_only
        #: The server backends of this process's connections: the entries they write are
        #: known here already, so a listener passes them over.
        self.own_backends: set[int] = set()

    def _initialize_connection(self, conn) -> None:
        self.own_backends.add(conn.info.backend_pid)
        conn.cursor_factory = _cursor_class()
        with conn.cursor() as cursor:
            # Where this connection's triggers note the rows a transaction writes (digests),
            # emptied as each writing transaction begins (`begin`). Not ON COMMIT DELETE ROWS:
            # that truncates the table, its files and index at every commit that touched a
            # temporary table, which cost more than the rest of marking a span.
            # Each row once per entry, with what its digest was made of before the first
            # write (NULL for a row the transaction inserted): see digests.
            cursor.execute("CREATE TEMP TABLE IF NOT EXISTS casefile_written (tbl text NOT "
                           "NULL, id bigint NOT NULL, before text[], PRIMARY KEY (tbl, id))")
            if self.read_only_case:
                cursor.execute("SET default_transaction_read_only = on")

    def _connect_again_when_dropped(self) -> None:
        """A connection the server dropped (it stopped or restarted meanwhile) is made again,
        here where nothing of a transaction has been sent on it: a window open on the case
        goes on working once the server is back, instead of refusing every change."""
        conn = self._state.conn
        if self._state.closed or conn is None:
            return
        import psycopg

        if not conn.closed:
            if not _said_something(conn):
                return  # the usual case: nothing came from the server since the last answer
            try:  # a server going away says so as it closes the line; anything else goes on
                with psycopg.Cursor(conn) as cursor:
                    cursor.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                pass
        try:
            again = self._connect()
        except psycopg.OperationalError as exc:
            raise ServerCaseError(self.case_url, _("cannot reach the server: {reason}")
                                  .format(reason=_first_line(exc))) from exc
        self._state.conn = again  # the transaction stack and its callbacks stay as they are
        self._initialize_connection(again)

    def cursor(self, named_cursor=None):
        if not self._state.transactions:  # a read outside a transaction
            self._connect_again_when_dropped()
        return super().cursor(named_cursor)

    def begin(self, lock_type: str | None = None, isolation_level=None) -> None:
        self._connect_again_when_dropped()
        # SQLite's lock types: a DEFERRED transaction only reads, and reads one snapshot.
        if isolation_level is None and lock_type == "DEFERRED":
            isolation_level = "REPEATABLE READ"
        if isolation_level is not None and not isinstance(isolation_level, str):
            super().begin(isolation_level)
            return
        statements = [f"BEGIN TRANSACTION ISOLATION LEVEL {isolation_level}"
                      if isolation_level else "BEGIN"]
        if isolation_level is None and not self.read_only_case:
            # A writing transaction starts with no rows noted (those of writes made outside
            # a transaction have no entry to be recorded in).
            statements.append("DELETE FROM pg_temp.casefile_written")
            # Every writer waits for the chain before it locks any row: writers that took a
            # row first and the chain last (an edit read under FOR UPDATE) and the other way
            # round (a mark that fills a fact) could otherwise each wait for the other. The
            # chain is held to the end in any case, so writers lose no concurrency by it.
            statements.append(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK})")
        # Sent with the transaction's first statement, COMMIT or ROLLBACK included: a round
        # trip less for every transaction.
        self.connection().casefile_begin = tuple(statements)

    def lock_chain(self, last_entry: str | None = None) -> tuple | None:
        """Wait for the audit chain: held until this transaction ends, so entries are
        appended one at a time and the chain stays one chain. With `last_entry` (the query
        of the chain's last entry) it is read in the same round trip, after the wait, so it
        is the newest; that row is returned."""
        lock = f"SELECT pg_advisory_xact_lock({CHAIN_LOCK})"
        if last_entry is None:
            self.execute_sql(lock)
            return None
        cursor = self.execute_sql(f"{lock}; {last_entry}")
        cursor.nextset()
        return cursor.fetchone()

    def write_entries(self, insert: str, rows: list[tuple], head: str, moved: tuple) -> None:
        """Insert audit entries and move the chain head (`head` with `moved`), sent in one
        pipeline: one round trip."""
        conn = self.connection()
        with __exception_wrapper__, conn.pipeline(), conn.cursor() as cursor:
            cursor.executemany(insert, rows)
            cursor.execute(head, moved)


def _table_ddl(model: type) -> str:
    """A model's CREATE TABLE as peewee writes it, with SQLite's words put the server's way:
    REAL is 8 bytes in SQLite, a boolean's default is false rather than 0 (and the rest as
    `sqlite_dialect` puts it)."""
    ctx = model._schema._create_context()
    sql, _params = ctx.sql(model._schema._create_table(safe=False)).query()
    sql = sql.replace(" REAL", " DOUBLE PRECISION")
    return re.sub(r"(BOOLEAN NOT NULL) DEFAULT 0\b", r"\1 DEFAULT false", sql)


def _audited_tables() -> dict[str, list[str]]:
    from desktop.domain import digests

    return {table: [name for name, _ in columns if name != digests.SEARCH_INDEX]
            for table, columns in digests.AUDITED.items()}


_FUNCTIONS = f"""
CREATE FUNCTION json_extract(document text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE AS
    $$ SELECT document::jsonb #>> string_to_array(substr(path, 3), '.') $$;

CREATE FUNCTION casefile_index_source() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.document := to_tsvector('{TEXT_SEARCH}', coalesce(NEW.text, ''));
    NEW.text := NULL;  -- the text is kept once, in its source's row
    RETURN NEW;
END $$;

CREATE FUNCTION casefile_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Sent when the entry's transaction commits: "entry id, writer's backend".
    PERFORM pg_notify('{CHANNEL}', NEW.id || ' ' || pg_backend_pid());
    RETURN NULL;
END $$;

"""

_SEARCH_INDEX = f"""
CREATE TEXT SEARCH CONFIGURATION {TEXT_SEARCH} (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION {TEXT_SEARCH}
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH unaccent, simple;
CREATE TABLE source_index (
    rowid integer PRIMARY KEY REFERENCES source (id) ON DELETE CASCADE,
    text text,
    document tsvector NOT NULL);
CREATE INDEX source_index_document ON source_index USING gin (document);
CREATE TRIGGER casefile_index_source BEFORE INSERT OR UPDATE ON source_index
    FOR EACH ROW EXECUTE FUNCTION casefile_index_source();
"""


def create_schema(db: ServerDatabase) -> None:
    """Make the case's tables, search index and triggers in an empty database (inside the
    caller's transaction), at this version's file format."""
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    for model in models.TABLES:
        if model is models.SourceIndex:
            continue
        db.execute_sql(_table_ddl(model))
        model._schema.create_indexes(safe=False)
    # The ledger names the one case row by its rowid, as in a file.
    db.execute_sql('ALTER TABLE "case" ADD COLUMN rowid integer GENERATED ALWAYS AS (id) STORED')
    db.execute_sql(_FUNCTIONS)
    db.execute_sql(_SEARCH_INDEX)
    db.execute_sql("CREATE TRIGGER casefile_announce AFTER INSERT ON audit_entry "
                   "FOR EACH ROW EXECUTE FUNCTION casefile_announce()")
    db.execute_sql(server_roles.TRAIL_RULES)
    _watch_written(db)
    db.execute_sql("CREATE TABLE casefile_meta (name text PRIMARY KEY, value text NOT NULL)")
    db.execute_sql("INSERT INTO casefile_meta VALUES ('application_id', %s), "
                   "('file_format', %s)", (str(APPLICATION_ID), str(SCHEMA_VERSION)))


class NotACase(ServerCaseError):
    """The database holds no case (`casefile server init` makes one there)."""


_NOTE_WRITTEN = """
CREATE OR REPLACE FUNCTION casefile_note_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was text[];
BEGIN
    -- Only a Casefile connection has the table: a change from elsewhere goes unrecorded,
    -- and verify names its row. The first write of a row for an entry keeps what its digest
    -- was made of before (TG_ARGV[0]: the query of it over the old row).
    IF to_regclass('pg_temp.casefile_written') IS NOT NULL THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO pg_temp.casefile_written VALUES (TG_TABLE_NAME, NEW.id, NULL)
                ON CONFLICT DO NOTHING;
        ELSE
            EXECUTE TG_ARGV[0] INTO was USING OLD;
            INSERT INTO pg_temp.casefile_written VALUES (TG_TABLE_NAME, OLD.id, was)
                ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    RETURN NULL;
END $$;
"""


def _watch_written(db: ServerDatabase) -> None:
    """The triggers that note the rows a transaction writes, over every covered column, with
    each changed row's state before (made again whole by an upgrade)."""
    from desktop.domain import digests

    db.execute_sql(_NOTE_WRITTEN)
    for table, columns in _audited_tables().items():
        watched = ", ".join(f'"{c}"' for c in columns)
        made = ", ".join(digests.made_of(table, server=True))
        before = f'SELECT ARRAY[{made}] FROM (SELECT ($1).*) AS "{table}"'
        db.execute_sql(f'DROP TRIGGER IF EXISTS casefile_written ON "{table}"')
        db.execute_sql(f'CREATE TRIGGER casefile_written AFTER INSERT OR UPDATE OF {watched} '
                       f'OR DELETE ON "{table}" FOR EACH ROW '
                       f"EXECUTE FUNCTION casefile_note_written({server_roles.literal(before)})")


def _add_missing_columns(db: ServerDatabase) -> list[str]:
    """Add the models' columns a server case from an older Casefile lacks (each with its
    model's default for the rows there are); returns the tables that gained any."""
    grown = []
    for model in models.TABLES:
        if model is models.SourceIndex:
            continue
        table = model._meta.table_name
        present = {c.name for c in db.get_columns(table)}
        missing = [f for f in model._meta.sorted_fields if f.column_name not in present]
        for field in missing:
            ctx = model._schema._create_context()
            column, _params = ctx.sql(field.ddl(ctx)).query()
            column = column.replace(" REAL", " DOUBLE PRECISION")
            default = field.default() if callable(field.default) else field.default
            db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN '
                           f'{column.replace(" NOT NULL", "")}')
            if default is not None:
                db.execute_sql(f'UPDATE "{table}" SET "{field.column_name}" = %s',
                               (field.db_value(default),))
            if not field.null:
                db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{field.column_name}" '
                               "SET NOT NULL")
        if missing:
            grown.append(table)
    return grown


def upgrade(db: ServerDatabase, from_version: int) -> None:
    """Bring a server case from an older Casefile to this version's file format, in one
    transaction: the models' new columns added, and the rows of every table that gained one
    recorded again in an audited entry (a digest covers every column), as a file's steps do.
    The models bound to `db` (the ledger writes the entry)."""
    from desktop.domain import digests, ledger

    with db.atomic():
        grown = _add_missing_columns(db)
        _watch_written(db)
        rows: dict[str, str] = {}
        for table in grown:
            if table in digests.AUDITED:
                rows.update(digests.digests_of(table))
        ledger.append({
            "actor": db.execute_sql("SELECT current_user").fetchone()[0],
            "action": "case.upgrade", "object_type": "case", "object_id": 1,
            "summary": f"Upgraded the case on the server from file format {from_version} to "
                       f"{SCHEMA_VERSION}" + (f": new columns in {', '.join(grown)}; recorded "
                                              f"the digests of their {len(rows):,} rows again"
                                              if grown else ""),
            "after": {"format": SCHEMA_VERSION, "from": from_version, "tables": grown},
            "row_digests": rows, "restated": True})
        db.execute_sql("UPDATE casefile_meta SET value = %s WHERE name = 'file_format'",
                       (str(SCHEMA_VERSION),))
    db.file_format = SCHEMA_VERSION


def _connect(url: str, *, read_only: bool = False) -> ServerDatabase:
    db = ServerDatabase(url, read_only=read_only)
    try:
        db.connect()
    except OperationalError as exc:  # peewee's, over psycopg's: unreachable, refused, no role
        raise ServerCaseError(url, _("cannot connect: {reason}").format(
            reason=_first_line(exc))) from exc
    return db


def _first_line(exc: Exception) -> str:
    """libpq's reason in one line ("FATAL:  role … does not exist")."""
    lines = str(exc).strip().splitlines()
    line = lines[0].removeprefix("connection failed: ") if lines else type(exc).__name__
    return re.sub(r"\s+", " ", line)


def _format(db: ServerDatabase) -> int | None:
    """The file format of the case the database holds; None when it holds none."""
    if not db.table_exists("casefile_meta"):
        return None
    rows = dict(db.execute_sql("SELECT name, value FROM casefile_meta").fetchall())
    if rows.get("application_id") != str(APPLICATION_ID):
        return None
    return int(rows["file_format"])


def new_case(url: str) -> ServerDatabase:
    """Connect to the empty database at `url` and make the case's schema in it (the caller
    writes the case row and the first entry in the same transaction: `db.new_case`)."""
    db = _connect(url)
    if db.get_tables():
        db.close()
        raise ServerCaseError(url, "already holds tables (a case, or another application's "
                                   "data); create an empty database for the case")
    return db


def open_case(url: str, *, read_only: bool = False) -> ServerDatabase:
    """Connect to the case at `url`, checking that it is a case this version can open (one
    from an older Casefile is then upgraded: `upgrade`, once the models are bound to it)."""
    db = _connect(url, read_only=read_only)
    try:
        version = _format(db)
        if version is None:
            raise NotACase(url, _("is not a Casefile case (the database holds no case)"))
        if version > SCHEMA_VERSION:
            raise ServerCaseError(url, _("was made by a newer Casefile (format {version}); "
                                         "update Casefile to open it").format(version=version))
        if version < SCHEMA_VERSION and read_only:
            raise ServerCaseError(url, f"is at format {version}, older than this Casefile's "
                                       f"{SCHEMA_VERSION}: open it for editing once (any "
                                       "command that changes it) to upgrade it")
    except BaseException:
        db.close()
        raise
    db.file_format = version
    return db


def check(url: str) -> None:
    """Refuse, as `open_case` would, a server case that cannot be opened (unreachable, no such
    role or database, not a case, too new), opening nothing: what a window asks before it
    closes the case it has open."""
    open_case(url).close()


#: SQLSTATE classes of the server refusing a change: privileges (42501), row-level
#: security and Casefile's own rules (raised as 42501 too), a check or key (23…).
_REFUSALS = ("42501", "23")


def refusal(exc: BaseException) -> str | None:
    """What the server said in refusing a change (one line), or None for another error."""
    original = getattr(exc, "orig", None) or exc  # peewee keeps psycopg's error there
    state = getattr(original, "sqlstate", None) or ""
    if not state.startswith(_REFUSALS):
        return None
    diag = getattr(original, "diag", None)
    message = getattr(diag, "message_primary", None) or str(original)
    return re.sub(r"\s+", " ", message).strip()


class EntryListener:
    """The audit entries other writers commit to the open server case, as the server
    announces them (LISTEN/NOTIFY), on a connection of its own."""

    def __init__(self, db: ServerDatabase) -> None:
        import psycopg

        self._own = db.own_backends
        self._url = db.case_url
        try:
            self._con = psycopg.connect(db.case_url, autocommit=True,
                                        application_name="Casefile (live updates)")
        except psycopg.OperationalError as exc:
            raise ServerCaseError(db.case_url, _("cannot connect: {reason}").format(
                reason=_first_line(exc))) from exc
        self._con.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        """The socket that becomes readable when an announcement arrives."""
        return self._con.fileno()

    def entries(self, wait: float = 0) -> list[int]:
        """The ids of the entries announced since the last call (waiting up to `wait`
        seconds for the first), leaving out this process's own."""
        import psycopg

        found = []
        try:
            for notice in self._con.notifies(timeout=wait, stop_after=None if not wait else 1):
                entry, _space, backend = notice.payload.partition(" ")
                if int(backend) not in self._own:
                    found.append(int(entry))
        except psycopg.OperationalError as exc:  # the server stopped, or dropped the line
            raise ServerCaseError(self._url, _("lost the connection: {reason}").format(
                reason=_first_line(exc))) from exc
        if wait and found:  # the rest that arrived with the first
            found += self.entries()
        return found

    def close(self) -> None:
        self._con.close()

