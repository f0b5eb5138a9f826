"""Full-text search over a case's sources (SQLite FTS5, ranked by bm25, with snippets).

People type words, not query syntax: each word is searched quoted, so `POW's` or `8(2)(b)`
just work, and the syntax (quotes, AND, OR, NOT, parentheses, a trailing *) is kept, a mistake
in it reported in plain words. A Ukrainian or Russian word also finds its inflected forms: it
is searched as any word of the case that shares a dictionary form with it (domain/lemmas), so
"Курськ" finds "Курської"; a quoted phrase and a prefix (execut*) stay exact. A query with
NEAR or ^ is passed through as typed.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from peewee import DatabaseError, OperationalError

from desktop.domain import lemmas
from desktop.domain.errors import SearchQueryError
from desktop.domain.models import SourceIndex, database
from desktop.domain.server import TEXT_SEARCH
from desktop.services import audit
from desktop.services.words import N_, _, ngettext

# Private-use characters mark the hits inside a snippet; they never occur in extracted text.
_OPEN, _CLOSE = "\ue000", "\ue001"
_SYNTAX = re.compile(r'"|\*|\b(AND|OR|NOT)\b')
_PASSED_THROUGH = re.compile(r"\^|\bNEAR\b")
# A quoted phrase (perhaps unclosed, perhaps a prefix), a parenthesis, or a word.
_PARTS = re.compile(r'"[^"]*"?\*?|[()]|[^\s"()]+')
_OPERATORS = frozenset({"AND", "OR", "NOT"})
SNIPPET_TOKENS = 24
_DAMAGED = N_("The search index is damaged or was changed outside Casefile, so it cannot be "
              "searched; rebuild it with “casefile reindex”.")

# FTS5's own `rank` column (bm25): ordering by it happens inside FTS5, so snippet() is computed
# only for the rows returned, not for every source that matches.
_QUERY = f"""
SELECT s.id, s.title, s.publisher, source_index.rank,
       snippet(source_index, 0, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_TOKENS})
FROM source_index JOIN source AS s ON s.id = source_index.rowid
WHERE source_index MATCH ?
ORDER BY source_index.rank
LIMIT ? OFFSET ?
"""


@dataclass(frozen=True)
class SearchHit:
    """One source that matches a query, with a snippet and where the hits are in it."""

    source_id: int
    title: str
    publisher: str
    rank: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # (start, end) of each hit within `snippet`


def fts_query(text: str) -> str:
    """The FTS5 expression for what a user typed (an open case's words give the inflected
    forms of a Ukrainian or Russian word)."""
    text = text.strip()
    if not text:
        raise SearchQueryError(_("Type a word or phrase to search for."))
    if _PASSED_THROUGH.search(text):
        return text
    if not _SYNTAX.search(text):  # only words: parentheses are part of them, as in 8(2)(b)
        return _joined([_term(word) for word in text.split()])
    return _joined([_term(part) for part in _PARTS.findall(text)])


def _term(part: str) -> str:
    if part.startswith('"') or part in _OPERATORS or part in "()" or part.endswith("*"):
        return part
    forms = lemmas.forms_sharing(part)
    if forms and forms != [part.lower()]:
        alternatives = " OR ".join(f'"{form}"' for form in forms)
        return f"({alternatives})" if len(forms) > 1 else alternatives
    return f'"{part}"'


def _joined(terms: list[str]) -> str:
    """The terms as one expression: FTS5 takes two phrases side by side as both, but not a
    parenthesised group beside another term, so AND is written out there."""
    out: list[str] = []
    for term in terms:
        previous = out[-1] if out else None
        if previous is not None and (previous.endswith(")") or term.startswith("(")) \
                and previous not in _OPERATORS and previous != "(" and term not in _OPERATORS \
                and term != ")":
            out.append("AND")
        out.append(term)
    return " ".join(out)


def split_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove the hit markers from a snippet and return the hits' positions in the plain text."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, 0
    for part in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if part == _OPEN:
            start = length
        elif part == _CLOSE:
            spans.append((start, length))
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), tuple(spans)


# On a server (domain/server) the index is a table of tsvectors: the same expression is read
# into a tsquery, ranked by ts_rank (negated: best first, as bm25's rank is), and ts_headline
# cuts snippets only for the rows returned.
_SERVER_QUERY = f"""
SELECT s.id, s.title, s.publisher, top.rank,
       ts_headline('{TEXT_SEARCH}', s.text, top.q, 'StartSel={_OPEN}, StopSel={_CLOSE},
                   MaxWords={SNIPPET_TOKENS}, MinWords={SNIPPET_TOKENS // 2}, ShortWord=0,
                   MaxFragments=1, FragmentDelimiter=…')
FROM (SELECT i.rowid, -ts_rank(i.document, q) AS rank, q
      FROM source_index AS i, ({{query}}) AS matching (q)
      WHERE i.document @@ q ORDER BY rank, i.rowid LIMIT ? OFFSET ?) AS top
JOIN source AS s ON s.id = top.rowid
ORDER BY top.rank, s.id
"""
_TOKENS = re.compile(r'"[^"]*"\*?|[()]|[^\s"()]+')


class _TsQuery:
    """An FTS5 expression (as `fts_query` writes it) as SQL that makes the same tsquery:
    OR is |, AND (or two terms side by side) is &, NOT is & !, a phrase is <->, a trailing *
    a prefix. FTS5's precedence: NOT, then AND, then OR."""

    def __init__(self, expression: str) -> None:
        if _PASSED_THROUGH.search(expression):
            raise ValueError("NEAR and ^ are not searched on a server")
        if expression.count('"') % 2:
            raise ValueError(N_("unterminated string"))
        self.tokens, self.params = _TOKENS.findall(expression), []

    def sql(self) -> tuple[str, list[str]]:
        made = self._or()
        if self.tokens:
            raise ValueError(f"syntax error near \"{self.tokens[0]}\"")
        return made, self.params

    def _take(self, *wanted: str) -> bool:
        if self.tokens and self.tokens[0] in wanted:
            self.tokens.pop(0)
            return True
        return False

    def _or(self) -> str:
        made = self._and()
        while self._take("OR"):
            made = f"({made} || {self._and()})"
        return made

    def _and(self) -> str:
        made = self._not()
        while self.tokens and self.tokens[0] not in ("OR", ")"):
            self._take("AND")
            made = f"({made} && {self._not()})"
        return made

    def _not(self) -> str:
        made = self._term()
        while self._take("NOT"):
            made = f"({made} && !!{self._term()})"
        return made

    def _term(self) -> str:
        if not self.tokens or self.tokens[0] in _OPERATORS or self.tokens[0] == ")":
            raise ValueError("syntax error" + (f" near \"{self.tokens[0]}\""
                                                if self.tokens else " at the end"))
        token = self.tokens.pop(0)
        if token == "(":
            made = self._or()
            if not self._take(")"):
                raise ValueError("a parenthesis is not closed")
            return made
        prefix = token.endswith("*")
        words = token.rstrip("*").strip('"')
        if prefix:  # each word of the phrase as typed, the last one a prefix
            lexemes = [w.replace("'", "''") for w in re.findall(r"\w+", words)]
            if not lexemes:
                raise ValueError(f"nothing to search for in \"{token}\"")
            self.params.append(" <-> ".join(f"'{w}'" for w in lexemes) + ":*")
            return f"to_tsquery('{TEXT_SEARCH}', ?)"
        self.params.append(words)
        return f"phraseto_tsquery('{TEXT_SEARCH}', ?)"


def _server_rows(expression: str, limit: int, offset: int) -> list[tuple]:
    query, params = _TsQuery(expression).sql()
    return database.execute_sql(_SERVER_QUERY.format(query=f"SELECT {query}"),
                                (*params, limit, offset)).fetchall()


def search(query: str, limit: int = 50, offset: int = 0) -> list[SearchHit]:
    """Sources matching `query`, best first (bm25), each with a highlighted snippet."""
    try:
        expression = fts_query(query)
        if getattr(database.obj, "server", False):
            try:
                rows = _server_rows(expression, limit, offset)
            except ValueError as exc:
                raise SearchQueryError(_explain(query, exc)) from exc
        else:
            rows = database.execute_sql(_QUERY, (expression, limit, offset)).fetchall()
    except (OperationalError, sqlite3.OperationalError) as exc:
        if "vtable constructor failed" in str(exc) or "no such table" in str(exc):
            raise SearchQueryError(_(_DAMAGED)) from exc
        raise SearchQueryError(_explain(query, exc)) from exc
    except (DatabaseError, sqlite3.DatabaseError) as exc:  # SQLite calls it corruption
        raise SearchQueryError(_(_DAMAGED)) from exc
    hits = []
    for source_id, title, publisher, rank, marked in rows:
        snippet, spans = split_snippet(marked or "")
        hits.append(SearchHit(source_id, title, publisher, rank, snippet, spans))
    return hits


def _explain(query: str, exc: Exception) -> str:
    detail = _(str(exc).removeprefix("fts5: "))  # SQLite's own words, where the catalogue has them
    return _("The search “{query}” cannot be understood ({detail}). Check quotes and the "
             "operators AND, OR, NOT, NEAR, or search for plain words.").format(query=query,
                                                                               detail=detail)


@dataclass(frozen=True)
class Reindexed:
    """What rebuilding the search index found: how many sources it holds again, and whether
    the index it replaced held exactly their words."""

    sources: int
    matched: bool

    def summary(self) -> str:
        """One line for the user."""
        if self.matched:
            return (f"Search index rebuilt for {self.sources:,} sources; the old index matched "
                    "their text.")
        return (f"Search index rebuilt for {self.sources:,} sources; the old index did not "
                "match their text (it was changed outside Casefile, or damaged), and now does.")


def index_matches_text() -> bool:
    """Whether the search index holds exactly the words of the sources' text: every source is
    read and split into words again, so it takes as long as indexing them did. (Its table of
    dictionary forms is checked by `lemmas.matches_text`.)"""
    if getattr(database.obj, "server", False):
        return database.execute_sql(
            "SELECT NOT EXISTS (SELECT 1 FROM source AS s LEFT JOIN source_index AS i ON "
            f"i.rowid = s.id WHERE i.document IS DISTINCT FROM to_tsvector('{TEXT_SEARCH}', "
            "s.text))").fetchone()[0]
    try:
        database.execute_sql("INSERT INTO source_index (source_index, rank) "
                             "VALUES ('integrity-check', 1)")
    except (DatabaseError, sqlite3.DatabaseError):  # SQLite calls a mismatch corruption
        return False
    return True


#: The tables FTS5 keeps the index in, as it creates them: they are put back as an empty
#: index has them, so that a damaged index can be dropped whole and made anew.
_INDEX_TABLES = {
    "data": "(id INTEGER PRIMARY KEY, block BLOB)",
    "idx": "(segid, term, pgno, PRIMARY KEY (segid, term)) WITHOUT ROWID",
    "docsize": "(id INTEGER PRIMARY KEY, sz BLOB)",
    "config": "(k PRIMARY KEY, v) WITHOUT ROWID",
}


def _make_index_anew() -> None:
    """Drop what is left of a search index that does not match the text, and create it.

    FTS5 cannot drop an index whose tables are gone or damaged, so they are first put back as
    those of a blank index (made in the connection's temporary schema) hold them."""
    database.execute_sql("CREATE VIRTUAL TABLE temp.casefile_blank_index USING fts5(text)")
    for name, columns in _INDEX_TABLES.items():
        database.execute_sql(f'DROP TABLE IF EXISTS main."source_index_{name}"')
        database.execute_sql(f'CREATE TABLE main."source_index_{name}" {columns}')
        database.execute_sql(f'INSERT INTO main."source_index_{name}" '
                             f'SELECT * FROM temp."casefile_blank_index_{name}"')
    database.execute_sql("DROP TABLE temp.casefile_blank_index")
    database.execute_sql('DROP TABLE IF EXISTS main."source_index"')
    for name in _INDEX_TABLES:  # left when the index itself was dropped behind Casefile's back
        database.execute_sql(f'DROP TABLE IF EXISTS main."source_index_{name}"')
    SourceIndex.create_table()


def rebuild_index(*, actor: str) -> Reindexed:
    """Check the search index against the sources' text, rebuild it from the text, and record
    both in the audit trail, in one transaction. An index that does not match (changed, or
    its tables removed) is made anew, not repaired."""
    with database.atomic():
        matched = index_matches_text() and lemmas.matches_text()
        if getattr(database.obj, "server", False):  # its trigger makes each row's tsvector
            database.execute_sql("DELETE FROM source_index")
            database.execute_sql("INSERT INTO source_index (rowid, text) "
                                 "SELECT id, text FROM source")
        else:
            if not matched:
                _make_index_anew()
            SourceIndex.rebuild()
        lemmas.rebuild()
        count = database.execute_sql("SELECT count(*) FROM source").fetchone()[0]
        result = Reindexed(count, matched)
        audit.record("search.reindex", actor=actor, object_type="case", object_id=1,
                     summary=(ngettext("Rebuilt the search index of {n} source: the old index "
                                       "matched its text",
                                       "Rebuilt the search index of {n} sources: the old index "
                                       "matched their text", count) if matched else
                              ngettext("Rebuilt the search index of {n} source: the old index "
                                       "did not match its text",
                                       "Rebuilt the search index of {n} sources: the old index "
                                       "did not match their text", count)).format(n=f"{count:,}"),
                     after={"sources": count, "matched": matched})
    return result
