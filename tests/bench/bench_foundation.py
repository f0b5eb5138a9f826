"""The foundation's figures: import throughput, full-text search latency, case file size.

Each figure has a baseline measured in the same run: the same work done with the bare `sqlite3`
module on identical tables with the same pragmas, so the ratio shows what Casefile's own code
(peewee, parsing, audit) costs on top of what SQLite itself must do.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import statistics
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain import db, lemmas
from desktop.services import search, sources
from desktop.services.importing import base
from tests.bench import corpus
from tests.bench.context import Context
from tests.bench.table import Row

ACTOR = "Bench Runner"

IMPORT_SOURCES, IMPORT_SOURCES_QUICK = 2_000, 300
IMPORT_ROUNDS, IMPORT_ROUNDS_QUICK = 3, 1
SEARCH_SOURCES, SEARCH_SOURCES_QUICK = 20_000, 2_000
SEARCH_REPEATS, SEARCH_REPEATS_QUICK = 5, 2
SEARCH_LIMIT = 50
BUILD_BATCH = 500  # sources per transaction when the large case is built

IMPORT_MIN_RATE, IMPORT_MAX_RATIO = 1_000.0, 2.0
SEARCH_MAX_P95_MS, SEARCH_MAX_RATIO = 20.0, 1.5
INFLECTED_MAX_RATIO = 1.5  # a word in all its forms, against the word as typed


# --- the bare-sqlite3 baseline --------------------------------------------------------------


def case_ddl(workdir: Path) -> list[str]:
    """The schema of a case made by `new_case`, as the SQL that creates it.

    FTS5 shadow tables are created by their virtual table and SQLite's own tables by SQLite,
    so both are left out.
    """
    path = workdir / "ddl-template.casefile"
    path.unlink(missing_ok=True)
    db.new_case(path, "DDL template", actor=ACTOR)
    db.close_case()
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                           "ORDER BY rowid").fetchall()
    finally:
        con.close()
    virtual = [name for _, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    return [sql for _, name, sql in rows
            if not name.startswith("sqlite_")
            and not any(name.startswith(f"{v}_") for v in virtual)]


def bare_connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas Casefile uses; transactions are explicit."""
    con = sqlite3.connect(path, isolation_level=None)
    for name, value in db.PRAGMAS.items():
        con.execute(f"PRAGMA {name} = {value}")
    return con


@dataclass
class Prepared:
    name: str
    data: bytes
    sha256: str
    text: str


def prepare(name: str, data: bytes) -> Prepared:
    """What any import must do with a file's bytes: fingerprint, decode, normalise."""
    text = unicodedata.normalize("NFC", data.decode("utf-8"))
    return Prepared(name, data, hashlib.sha256(data).hexdigest(), text)


_SOURCE_COLUMNS = (
    "kind", "title", "publisher", "author", "url", "published", "language", "collected_at",
    "collected_by", "collected_from", "original_name", "media_type", "size", "sha256",
    "encoding", "text", "text_sha256", "reliability", "reliability_note", "confidential",
    "imported_at", "imported_by", "extra", "pages", "extraction", "collection",
)
#: The record of how a text file's text was extracted, which an import keeps in the source
#: row and in its audit entry (file format 12).
_EXTRACTION = {"tool": "charset-normalizer", "version": base.tool_version("charset-normalizer"),
               "method": "decoded text"}
_INSERT_SOURCE = (f"INSERT INTO source ({', '.join(_SOURCE_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_SOURCE_COLUMNS))})")
_INSERT_ORIGINAL = "INSERT INTO source_original (source_id, data) VALUES (?, ?)"
_INSERT_INDEX = "INSERT INTO source_index (rowid, text) VALUES (?, ?)"
_INSERT_AUDIT = ("INSERT INTO audit_entry (id, at, actor, action, object_type, object_id, "
                 "summary, before, after, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_LAST_AUDIT = "SELECT id, entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1"
# The case row named by its rowid, as the ledger names it: an UPDATE that could touch several
# rows makes FTS5 flush its pending words at each entry, a cost no import needs to pay.
_AUDIT_HEAD = ('UPDATE "case" SET audit_head = ?, audit_count = audit_count + 1 '
               'WHERE rowid = (SELECT rowid FROM "case" LIMIT 1)')


def _chain_audit(con: sqlite3.Connection, row: tuple) -> None:
    """Append an audit row to the hash chain, as every Casefile write does."""
    last_id, previous = con.execute(_LAST_AUDIT).fetchone() or (0, "0" * 64)
    entry = (last_id + 1, *row)
    digest = hashlib.sha256("\x1f".join("" if v is None else str(v)
                                         for v in (previous, *entry)).encode()).hexdigest()
    con.execute(_INSERT_AUDIT, (*entry, digest))
    con.execute(_AUDIT_HEAD, (digest,))


def bare_store(con: sqlite3.Connection, items: Iterable[Prepared]) -> int:
    """Insert the same four rows per source as an import does (source, original, search
    index, chained audit entry), in one transaction. What an import also writes is not
    written: the rows' digests in the entry, the words' dictionary forms."""
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    extraction = json.dumps(_EXTRACTION, ensure_ascii=False, sort_keys=True)
    count = 0
    con.execute("BEGIN")
    try:
        for item in items:
            title = item.text.split("\n", 1)[0].strip()[:200]
            source_id = con.execute(_INSERT_SOURCE, (
                "other", title, "", "", "", "", "", now, ACTOR, f"file {item.name}", item.name,
                "text/plain", len(item.data), item.sha256, "utf_8", item.text,
                hashlib.sha256(item.text.encode("utf-8")).hexdigest(), "F", "", 0, now, ACTOR,
                "{}", "[]", extraction, "{}",
            )).lastrowid
            con.execute(_INSERT_ORIGINAL, (source_id, item.data))
            con.execute(_INSERT_INDEX, (source_id, item.text))
            after = json.dumps({"title": title, "original_name": item.name,
                                "sha256": item.sha256, "size": len(item.data),
                                "media_type": "text/plain", "extraction": _EXTRACTION},
                               ensure_ascii=False, sort_keys=True)
            _chain_audit(con, (now, ACTOR, "source.import", "source", source_id,
                               f"Imported {item.name}", None, after))
            count += 1
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return count


# --- 1. import throughput -------------------------------------------------------------------


def _import_casefile(path: Path, files: list[Path]) -> tuple[float, float]:
    """(seconds, processor seconds of all the process's threads) of one import."""
    db.new_case(path, "Import benchmark", actor=ACTOR)
    try:
        start, work = time.perf_counter(), time.process_time()
        report = sources.import_files(files, actor=ACTOR)
        elapsed, worked = time.perf_counter() - start, time.process_time() - work
    finally:
        db.close_case()
    if len(report.imported) != len(files):
        raise RuntimeError(f"import_files imported {len(report.imported)} of {len(files)} "
                           f"(failed: {report.failed[:3]}, duplicates: {report.duplicates[:3]})")
    return elapsed, worked


def _import_bare(path: Path, files: list[Path], ddl: list[str]) -> tuple[float, float]:
    con = bare_connect(path)
    try:
        con.execute("BEGIN")
        for statement in ddl:
            con.execute(statement)
        con.execute("COMMIT")
        start, work = time.perf_counter(), time.process_time()
        prepared = [prepare(p.name, p.read_bytes()) for p in files]
        bare_store(con, prepared)
        elapsed, worked = time.perf_counter() - start, time.process_time() - work
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    return elapsed, worked


def bench_import(ctx: Context) -> list[Row]:
    count = IMPORT_SOURCES_QUICK if ctx.quick else IMPORT_SOURCES
    rounds = IMPORT_ROUNDS_QUICK if ctx.quick else IMPORT_ROUNDS
    ctx.log(f"import: writing {count:,} text files")
    files = corpus.write_files(ctx.workdir / "import-files", count)
    raw = sum(p.stat().st_size for p in files)
    ddl = case_ddl(ctx.workdir)
    casefile_times, bare_times = [], []
    for r in range(rounds):  # alternate, so drift in the machine's speed hits both alike
        ctx.log(f"import: round {r + 1}/{rounds}")
        case = ctx.workdir / f"import-{r}.casefile"
        bare = ctx.workdir / f"import-bare-{r}.sqlite"
        if r % 2:
            casefile_times.append(_import_casefile(case, files))
            bare_times.append(_import_bare(bare, files, ddl))
        else:
            bare_times.append(_import_bare(bare, files, ddl))
            casefile_times.append(_import_casefile(case, files))
    ctx.put("import_case", (case, count, raw))
    # The first round also loads the dictionaries and analyses every distinct word, as the
    # first import of a process does (the CLI's every import): shown under the table.
    ctx.put("import_first", (count / casefile_times[0][0], count / bare_times[0][0]))
    best, best_bare = min(t for t, _ in casefile_times), min(t for t, _ in bare_times)
    rate, bare_rate = count / best, count / best_bare
    ratio = best / best_bare
    # The processor's work, whichever cores did it (the words are found on a second thread):
    # on a machine shared with other work it varies less than the time does.
    work, bare_work = min(w for _, w in casefile_times), min(w for _, w in bare_times)
    return [Row(
        name=f"import_files, {count:,} × ~{raw // count / 1000:.1f} KB .txt (best of {rounds};"
             " sqlite3 writes no row digests, word forms)",
        value=rate, unit="sources/s", baseline=bare_rate, baseline_unit="sources/s (sqlite3)",
        ratio=ratio, target=f"≥ {IMPORT_MIN_RATE:,.0f}/s, ≤ {IMPORT_MAX_RATIO:g}x",
        ok=rate >= IMPORT_MIN_RATE and ratio <= IMPORT_MAX_RATIO,
    ), Row(
        name=f"import_files, the same: processor time of all threads (least of {rounds})",
        value=count / work, unit="sources/cpu-s", baseline=count / bare_work,
        baseline_unit="sources/cpu-s (sqlite3)", ratio=work / bare_work,
    )]


# --- 2. full-text search latency ------------------------------------------------------------


def _build_search_case(ctx: Context) -> tuple[Path, int, int]:
    """A case of many sources: created by `new_case`, filled with the same rows an import
    writes (source, original bytes, FTS5 index, audit) in batches, through bare sqlite3."""
    count = SEARCH_SOURCES_QUICK if ctx.quick else SEARCH_SOURCES
    path = ctx.workdir / f"search-{count}.casefile"
    ctx.log(f"search: building a case of {count:,} sources")
    db.new_case(path, "Search benchmark", actor=ACTOR)
    db.close_case()
    con = bare_connect(path)
    raw = 0
    try:
        for start in range(0, count, BUILD_BATCH):
            batch = []
            for i, body in enumerate(corpus.texts(min(BUILD_BATCH, count - start), start)):
                data = body.encode("utf-8")
                raw += len(data)
                batch.append(prepare(f"source_{start + i:06d}.txt", data))
            bare_store(con, batch)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    ctx.log("search: indexing the dictionary forms of its words, as an import does")
    db.open_case(path)
    try:
        with db.models.database.atomic():
            lemmas.rebuild()
    finally:
        db.close_case()
    ctx.log("search: case built")
    return path, count, raw


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bench_search(ctx: Context) -> list[Row]:
    path, count, _ = ctx.shared("search_case", lambda: _build_search_case(ctx))
    repeats = SEARCH_REPEATS_QUICK if ctx.quick else SEARCH_REPEATS
    queries = corpus.queries()
    db.open_case(path)
    bare = bare_connect(path)
    casefile_ms: dict[str, list[float]] = {}
    bare_ms: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    try:
        ctx.log(f"search: {len(queries)} queries × {repeats}")
        for query in queries:
            expression = search.fts_query(query)
            params = (expression, SEARCH_LIMIT, 0)
            hits[query] = len(search.search(query, limit=SEARCH_LIMIT))  # warm up both
            if len(bare.execute(search._QUERY, params).fetchall()) != hits[query]:
                raise RuntimeError(f"the baseline finds other hits for {query!r}")
            for _ in range(repeats):  # interleaved, so noise hits both alike
                start = time.perf_counter()
                search.search(query, limit=SEARCH_LIMIT)
                middle = time.perf_counter()
                bare.execute(search._QUERY, params).fetchall()
                end = time.perf_counter()
                casefile_ms.setdefault(query, []).append((middle - start) * 1000)
                bare_ms.setdefault(query, []).append((end - middle) * 1000)
        matches = {q: bare.execute("SELECT count(*) FROM source_index WHERE source_index "
                                   "MATCH ?", (search.fts_query(q),)).fetchone()[0]
                   for q in queries}
    finally:
        bare.close()
        db.close_case()
    every = [t for ts in casefile_ms.values() for t in ts]
    every_bare = [t for ts in bare_ms.values() for t in ts]
    p95, p95_bare = _percentile(every, 0.95), _percentile(every_bare, 0.95)
    median, median_bare = statistics.median(every), statistics.median(every_bare)
    slowest = sorted(queries, key=lambda q: -statistics.median(casefile_ms[q]))[:8]
    ctx.put("search_detail", [
        (q, matches[q], statistics.median(casefile_ms[q]), statistics.median(bare_ms[q]))
        for q in slowest])
    label = f"search top {SEARCH_LIMIT} + snippets, {count:,} sources, {len(queries)} queries"
    return [
        Row(name=f"{label}: median", value=median, unit="ms", baseline=median_bare,
            baseline_unit="ms (sqlite3)", ratio=median / median_bare),
        Row(name=f"{label}: p95", value=p95, unit="ms", baseline=p95_bare,
            baseline_unit="ms (sqlite3)", ratio=p95 / p95_bare,
            target=f"≤ {SEARCH_MAX_P95_MS:g} ms, ≤ {SEARCH_MAX_RATIO:g}x",
            ok=p95 <= SEARCH_MAX_P95_MS and p95 / p95_bare <= SEARCH_MAX_RATIO),
    ]


def _exact(query: str) -> str:
    """The same words, each quoted: found only as typed."""
    return " ".join(f'"{word}"' for word in query.split())


def bench_inflected_search(ctx: Context) -> list[Row]:
    """Ukrainian words searched in all their forms against the same words searched as typed."""
    path, count, _ = ctx.shared("search_case", lambda: _build_search_case(ctx))
    repeats = SEARCH_REPEATS_QUICK if ctx.quick else SEARCH_REPEATS
    queries = [q for q in corpus.queries() if lemmas.WORD.search(q) and not q.startswith('"')
               and "*" not in q]
    inflected_ms: list[float] = []
    exact_ms: list[float] = []
    found: dict[str, tuple[int, int]] = {}
    db.open_case(path)
    try:
        ctx.log(f"search: {len(queries)} Ukrainian queries × {repeats}, in every form and exact")
        for query in queries:
            found[query] = (len(search.search(query, limit=SEARCH_LIMIT)),
                            len(search.search(_exact(query), limit=SEARCH_LIMIT)))  # warm up
            for _ in range(repeats):  # interleaved, so noise hits both alike
                start = time.perf_counter()
                search.search(query, limit=SEARCH_LIMIT)
                middle = time.perf_counter()
                search.search(_exact(query), limit=SEARCH_LIMIT)
                end = time.perf_counter()
                inflected_ms.append((middle - start) * 1000)
                exact_ms.append((end - middle) * 1000)
    finally:
        db.close_case()
    ctx.put("inflected_detail", found)
    p95, p95_exact = _percentile(inflected_ms, 0.95), _percentile(exact_ms, 0.95)
    return [Row(
        name=f"inflected search top {SEARCH_LIMIT}, {count:,} sources, {len(queries)} "
             "Ukrainian queries: p95",
        value=p95, unit="ms", baseline=p95_exact, baseline_unit="ms (the words exact)",
        ratio=p95 / p95_exact, target=f"≤ {INFLECTED_MAX_RATIO:g}x",
        ok=p95 / p95_exact <= INFLECTED_MAX_RATIO)]


# --- 3. case file size ----------------------------------------------------------------------


def _table_bytes(path: Path) -> dict[str, int]:
    """Bytes per table (indexes and FTS5 shadow tables by name), when SQLite has dbstat."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name "
                           "ORDER BY 2 DESC").fetchall()
    except sqlite3.OperationalError:
        return {}
    finally:
        con.close()
    return dict(rows)


def _size_row(label: str, path: Path, count: int, raw: int) -> Row:
    size = path.stat().st_size
    return Row(name=label, value=size / count, unit="bytes/source", baseline=raw / count,
               baseline_unit="raw bytes/source", ratio=size / raw)


def bench_size(ctx: Context) -> list[Row]:
    rows = []
    imported = ctx.get("import_case")
    if imported:
        path, count, raw = imported
        rows.append(_size_row(f"case size, {count:,} sources via import_files", path, count, raw))
    path, count, raw = ctx.shared("search_case", lambda: _build_search_case(ctx))
    rows.append(_size_row(f"case size, {count:,} sources", path, count, raw))
    ctx.put("size_detail", (count, _table_bytes(path)))
    return rows


BENCHES = {"import": bench_import, "search": bench_search,
           "inflected_search": bench_inflected_search, "size": bench_size}


def details(ctx: Context) -> list[str]:
    """Lines printed under the table: what explains the figures."""
    lines = []
    first = ctx.get("import_first")
    if first:
        lines.append(f"import_files, first round (dictionaries loaded, every word analysed): "
                     f"{first[0]:,.0f} sources/s, sqlite3 {first[1]:,.0f} sources/s")
    slowest = ctx.get("search_detail")
    if slowest:
        lines.append("Slowest queries (median ms, Casefile / sqlite3, and sources matched):")
        for query, matched, ms, bare_ms in slowest:
            lines.append(f"  {query!r:36} {ms:7.1f} / {bare_ms:7.1f} ms  {matched:>7,} matches")
    size = ctx.get("size_detail")
    if size and size[1]:
        count, tables = size
        lines.append(f"Case file by table ({count:,} sources; bytes/source):")
        lines.extend(f"  {name:32} {total / count:>10,.0f}" for name, total in tables.items()
                     if total / count >= 10)
    return lines
