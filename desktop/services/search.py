"""Full-text search over a case's sources (SQLite FTS5, ranked by bm25, with snippets).

People type words, not query syntax: each word is searched quoted, so `POW's` or `8(2)(b)`
just work, and the syntax (quotes, AND, OR, NOT, parentheses, a trailing *) is kept, a mistake
in it reported in plain words. A Ukrainian or Russian word also finds its inflected forms: it
is searched as any word of the case that shares a dictionary form with it (domain/lemmas), so
"Курськ" finds "Курської"; a quoted phrase and a prefix (execut*) stay exact. A query with
NEAR or ^ is passed through as typed. On a server the same expression is read into
PostgreSQL's full-text search and finds the same sources (`_TsQuery`).
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
# cuts snippets only for the rows returned (a NEAR's by its phrases: ts_headline weighs
# every alternative of the tsquery at every word). A query with ^ is also checked row by
# row ({anchored}): a tsquery cannot say where a text begins.
_SERVER_QUERY = f"""
SELECT s.id, s.title, s.publisher, top.rank,
       ts_headline('{TEXT_SEARCH}', s.text, top.shown, 'StartSel={_OPEN}, StopSel={_CLOSE},
                   MaxWords={SNIPPET_TOKENS}, MinWords={SNIPPET_TOKENS // 2}, ShortWord=0,
                   MaxFragments=1, FragmentDelimiter=…')
FROM (SELECT i.rowid, -ts_rank(i.document, q) AS rank, shown
      FROM source_index AS i,
           (SELECT q, {{shown}} AS shown FROM (SELECT {{query}}) AS typed (q)) AS matching
      WHERE i.document @@ q{{anchored}} ORDER BY rank, i.rowid LIMIT ? OFFSET ?) AS top
JOIN source AS s ON s.id = top.rowid
ORDER BY top.rank, s.id
"""
# FTS5's query syntax, token by token: a string ("" inside is a quote), a bareword (letters,
# digits, _ and every character past ASCII), and the characters that are syntax.
_TOKENS = re.compile(r'\s*(?:("(?:[^"]|"")*"?)|([\w\x1a\x80-\U0010ffff]+)|(\S))')
_KEYWORDS = frozenset({"AND", "OR", "NOT"})
#: FTS5's NEAR without a distance: at most 10 tokens between the phrases.
NEAR_DEFAULT = 10
#: The widest NEAR searched on a server: each distance is an alternative of the tsquery.
NEAR_WIDEST = 200
#: The most placements of a NEAR group's phrases searched on a server (three phrases
#: within 10 words have 397).
NEAR_PLACES = 3000
#: A word that stands before every text when ^ is checked (weighted A: no word of a text is).
_START = "casefilestart"


@dataclass(frozen=True)
class _Part:
    """A piece of a query on a server: the tsquery that finds it (`sql` with `params`), and
    for a piece with ^ in it, the row condition that is exactly it (`check`); the tsquery is
    then a superset (each ^ read as its phrase anywhere), which the index can find."""

    sql: str
    params: tuple = ()
    check: tuple[str, tuple] | None = None
    length: int = 1  # of a phrase: how many words
    #: The tsquery a snippet highlights, when it is not `sql`: a NEAR's phrases, any of them.
    shown: tuple[str, tuple] | None = None

    def condition(self) -> tuple[str, tuple]:
        """The row condition that is exactly this piece."""
        return self.check or (f"i.document @@ {self.sql}", self.params)

    def highlighted(self) -> tuple[str, tuple]:
        """The tsquery a snippet highlights."""
        return self.shown or (self.sql, self.params)


class _TsQuery:
    """An FTS5 expression (as `fts_query` writes it, or a query with NEAR or ^ as typed) as
    SQL that finds the same sources on a server: OR is ||, AND (or two terms side by side)
    is &&, NOT is && !!, a phrase is <->, a trailing * a prefix, NEAR(a b, N) the phrases'
    distances as <d> alternatives, ^ a phrase right after a start word put before the text.
    FTS5's precedence: NOT, then AND, then OR."""

    def __init__(self, expression: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        self.grouped = False  # whether the last term read was a parenthesised group
        for string, word, char in _TOKENS.findall(expression.rstrip()):
            if string and not _closed(string):
                raise ValueError(N_("unterminated string"))
            self.tokens.append(("string", string) if string else
                               ("word", word) if word else ("char", char))

    def sql(self) -> tuple[str, list, str, list, str, list]:
        """(tsquery SQL, its parameters, row condition SQL or "", its parameters, the
        snippets' tsquery SQL (q: the same), its parameters)."""
        made = self._or()
        if self.tokens:
            raise _near(self.tokens[0][1])
        check_sql, check_params = made.condition() if made.check else ("", ())
        shown, shown_params = made.shown or ("q", ())
        return (made.sql, list(made.params), check_sql, list(check_params), shown,
                list(shown_params))

    def _peek(self) -> str | None:
        return self.tokens[0][1] if self.tokens else None

    def _keyword(self, *wanted: str) -> bool:
        if self.tokens and self.tokens[0][0] == "word" and self.tokens[0][1] in wanted:
            self.tokens.pop(0)
            return True
        return False

    def _char(self, wanted: str) -> bool:
        if self.tokens and self.tokens[0] == ("char", wanted):
            self.tokens.pop(0)
            return True
        return False

    def _or(self) -> _Part:
        made = self._and()
        while self._keyword("OR"):
            other = self._and()
            made = _combine(made, other, "||", "OR")
        return made

    def _and(self) -> _Part:
        made = self._not()
        while self.tokens and self._peek() not in ("OR", ")", ","):
            # FTS5 sets a parenthesised group beside another term only with AND written out.
            if not self._keyword("AND") and (self.grouped or self.tokens[0] == ("char", "(")):
                raise _near(self._peek() or "")
            made = _combine(made, self._not(), "&&", "AND")
        return made

    def _not(self) -> _Part:
        made = self._unit()
        while self._keyword("NOT"):
            other = self._unit()
            check = None
            if made.check or other.check:
                (a, a_params), (b, b_params) = made.condition(), other.condition()
                check = (f"({a} AND NOT {b})", a_params + b_params)
            shown = made.highlighted() if made.shown or other.shown else None
            if other.check:  # a superset still: what is left out is not known from the index
                made = _Part(made.sql, made.params, check, shown=shown)
            else:
                made = _Part(f"({made.sql} && !!{other.sql})", made.params + other.params,
                             check, shown=shown)
        return made

    def _unit(self) -> _Part:
        if not self.tokens:
            raise ValueError('syntax error near ""')
        self.grouped = False
        kind, text = self.tokens[0]
        if self._columns():
            return self._unit()
        if kind == "char" and text == "(":
            self.tokens.pop(0)
            made = self._or()
            if not self._char(")"):
                raise _near(self._peek() or "")
            self.grouped = True
            return made
        if kind == "word" and text == "NEAR" and len(self.tokens) > 1 \
                and self.tokens[1] == ("char", "("):
            del self.tokens[:2]
            return self._near_group()
        if self._char("^"):
            phrase = self._phrase()
            return _Part(phrase.sql, phrase.params, _starts_with(phrase), shown=phrase.shown)
        return self._phrase()

    def _columns(self) -> bool:
        """Skip a column filter (`text:`, `{text}:`): the index has the one column."""
        if len(self.tokens) > 1 and self.tokens[0][0] == "word" \
                and self.tokens[1] == ("char", ":"):
            names = [self.tokens[0][1]]
            del self.tokens[:2]
        elif self.tokens[0] == ("char", "{"):
            end = next((n for n, token in enumerate(self.tokens) if token == ("char", "}")),
                       None)
            if end is None or end + 1 >= len(self.tokens) \
                    or self.tokens[end + 1] != ("char", ":"):
                raise _near(self._peek() or "")
            names = [text for _, text in self.tokens[1:end]]
            del self.tokens[:end + 2]
        else:
            return False
        for name in names:
            if name.lower() != "text":
                raise ValueError(f"no such column: {name}")
        return True

    def _near_group(self) -> _Part:
        phrases = [self._phrase()]
        while self.tokens and self._peek() not in (",", ")"):
            phrases.append(self._phrase())
        reach = NEAR_DEFAULT
        if self._char(","):
            if not self.tokens or self.tokens[0][0] != "word" or not self._peek().isdigit():
                raise _near(self._peek() or "")
            reach = int(self.tokens.pop(0)[1])
        if not self._char(")"):
            raise _near(self._peek() or "")
        if reach > NEAR_WIDEST:
            raise ValueError(N_("NEAR is searched on a server within at most 200 words"))
        return _near_phrases(phrases, reach)

    def _phrase(self) -> _Part:
        """Strings and barewords joined by +, each perhaps a prefix (*): one phrase."""
        items = [self._item()]
        while self._char("+"):
            items.append(self._item())
        made = items[0]
        for item in items[1:]:
            made = _Part(f"tsquery_phrase({made.sql}, {item.sql})", made.params + item.params,
                         length=made.length + item.length)
        return made

    def _item(self) -> _Part:
        if not self.tokens or self.tokens[0][0] == "char" \
                or self.tokens[0][1] in _KEYWORDS and self.tokens[0][0] == "word":
            raise _near(self._peek() or "")
        kind, text = self.tokens.pop(0)
        words = text[1:-1].replace('""', '"') if kind == "string" else text
        lexemes = re.findall(r"\w+", words)
        if self._char("*"):  # each word of the phrase as typed, the last one a prefix
            if not lexemes:
                raise ValueError(f"nothing to search for in \"{text}*\"")
            return _Part(f"to_tsquery('{TEXT_SEARCH}', ?)",
                         (" <-> ".join(f"'{w}'" for w in lexemes) + ":*",), length=len(lexemes))
        return _Part(f"phraseto_tsquery('{TEXT_SEARCH}', ?)", (words,),
                     length=max(1, len(lexemes)))


def _closed(string: str) -> bool:
    """Whether a string token ends with its closing quote (not with a doubled one)."""
    inner = string[1:]
    return inner.endswith('"') and (len(inner) - len(inner.rstrip('"'))) % 2 == 1


def _near(token: str) -> ValueError:
    return ValueError(f'syntax error near "{token}"')


def _combine(left: _Part, right: _Part, operator: str, word: str) -> _Part:
    check = None
    if left.check or right.check:
        (a, a_params), (b, b_params) = left.condition(), right.condition()
        check = (f"({a} {word} {b})", a_params + b_params)
    shown = None
    if left.shown or right.shown:
        (a, a_params), (b, b_params) = left.highlighted(), right.highlighted()
        shown = (f"({a} {operator} {b})", a_params + b_params)
    return _Part(f"({left.sql} {operator} {right.sql})", left.params + right.params, check,
                 shown=shown)


def _starts_with(phrase: _Part) -> tuple[str, tuple]:
    """The row condition of ^phrase: the phrase right after a start word (weighted A, which
    no word of a text is) put before the text's words, so it is the text's first."""
    return (f"(setweight(to_tsvector('simple', '{_START}'), 'A') || i.document) @@ "
            f"tsquery_phrase(to_tsquery('simple', '{_START}:A'), {phrase.sql})", phrase.params)


def _near_phrases(phrases: list[_Part], reach: int) -> _Part:
    """FTS5's NEAR(p1 p2 …, reach): some place where every phrase ends at most `reach`
    words before the last of them starts. As a tsquery: every order the phrases can stand
    in there, each with the gaps between them (<g>, from 0: a phrase may begin on the last
    word of the one before, not earlier inside it), computed once for the group's phrases
    p1, p2, …"""
    # A phrase given twice may stand in one place for both, as FTS5 takes it.
    phrases = list({(p.sql, p.params): p for p in phrases}.values())
    if len(phrases) == 1:
        return phrases[0]
    names = [f"p{n + 1}" for n in range(len(phrases))]
    lengths = [p.length for p in phrases]
    chains = sorted(_placements(lengths, reach))
    alternatives = []
    for chain in chains:
        made = names[chain[0][0]]
        for (_before, gap), (phrase, _after) in zip(chain, chain[1:], strict=False):
            made = f"tsquery_phrase({made}, {names[phrase]}, {gap})"
        alternatives.append(made)
    select = ", ".join(p.sql for p in phrases)
    params = sum((p.params for p in phrases), ())
    return _Part(f"(SELECT {' || '.join(alternatives)} FROM (SELECT {select}) AS near "
                 f"({', '.join(names)}))", params,
                 shown=("(" + " || ".join(p.sql for p in phrases) + ")", params))


def _placements(lengths: list[int], reach: int) -> set[tuple[tuple[int, int], ...]]:
    """Each way phrases of these lengths can stand so that NEAR(…, reach) holds, as
    ((phrase, gap to the next), …) in the order they start (the last gap unused)."""
    found: set[tuple[tuple[int, int], ...]] = set()
    seen: set[frozenset] = set()
    visits = [0]

    def place(chain: list[tuple[int, int]], starts: list[int]) -> None:
        # Refused as soon as there are too many, not once all are made: ten phrases fifty
        # words apart have more placements than a search could ever wait for.
        visits[0] += 1
        if len(found) > NEAR_PLACES or visits[0] > NEAR_PLACES * 100:
            raise ValueError(N_("a NEAR group of that many phrases that far apart cannot be "
                                "searched on a server: use fewer phrases or a smaller "
                                "distance"))
        if len(chain) == len(lengths):
            where = frozenset(zip((p for p, _ in chain), starts, strict=True))
            if where not in seen:
                seen.add(where)
                found.add(tuple((p, g) for p, g in chain))
            return
        for phrase in range(len(lengths)):
            if any(p == phrase for p, _ in chain):
                continue
            if not chain:
                place([(phrase, 0)], [0])
                continue
            previous, start = chain[-1][0], starts[-1]
            for gap in range(reach + 2):
                begins = start + lengths[previous] - 1 + gap
                if all(begins - s <= lengths[p] + reach for (p, _), s in zip(chain, starts,
                                                                          strict=True)):
                    place([*chain[:-1], (previous, gap), (phrase, 0)], [*starts, begins])

    place([], [])
    return found


def server_query(expression: str) -> tuple[str, list]:
    """The SQL (with ? marks) and parameters that search a server case for an FTS5
    expression, but for the LIMIT and OFFSET parameters that end them."""
    query, params, check, check_params, shown, shown_params = _TsQuery(expression).sql()
    return (_SERVER_QUERY.format(query=query, shown=shown,
                                 anchored=f" AND {check}" if check else ""),
            shown_params + params + check_params)


def _server_rows(expression: str, limit: int, offset: int) -> list[tuple]:
    sql, params = server_query(expression)
    return database.execute_sql(sql, (*params, limit, offset)).fetchall()


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
