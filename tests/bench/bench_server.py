"""A case on a PostgreSQL server (team mode), beside a case file in the same run: marking one
span into an incident (on the server with the case's roles and rules installed, as a team's
case has them), searching many sources (beside a bare psycopg query of the same kind), and
how many edits per second eight writers at once get through (beside one writer alone).

The server is a throw-away cluster (tests/pg_cluster.py) on 127.0.0.1, started for the run;
without PostgreSQL's binaries these figures are left out, with the reason on stderr.
"""

from __future__ import annotations

import hashlib
import statistics
import subprocess
import sys
import textwrap
import time

from desktop.domain import db, lemmas, server
from desktop.services import evidence, incidents, search, sources, team
from tests import pg_cluster
from tests.bench import corpus
from tests.bench.context import Context
from tests.bench.table import Row

ACTOR = "Bench Runner"
MARK_SOURCES, MARKS, MARKS_QUICK = 20, 300, 60
SEARCH_SOURCES, SEARCH_SOURCES_QUICK = 20_000, 2_000
SEARCH_REPEATS, SEARCH_REPEATS_QUICK = 5, 2
SEARCH_LIMIT, BUILD_BATCH = 50, 1_000
WRITERS, EDITS, EDITS_QUICK = 8, 200, 40

MARK_MAX_RATIO, SEARCH_MAX_RATIO = 3.0, 2.0


def _cluster(ctx: Context) -> pg_cluster.Cluster | None:
    def start() -> pg_cluster.Cluster | None:
        reason = pg_cluster.missing()
        if reason:
            ctx.log(f"server: left out: {reason}")
            return None
        ctx.log("server: starting a throw-away PostgreSQL cluster")
        return pg_cluster.Cluster().start()

    return ctx.shared("pg_cluster", start)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _new(location, files) -> list[int]:
    """A new case (a file or a server database) holding `files`: their source ids."""
    db.new_case(location, "Server benchmark", actor=ACTOR)
    return sources.import_files(files, actor=ACTOR).source_ids


def _mark(source_ids: list[int], n: int, incident: int) -> float:
    """Mark the `n`th span of a run across these sources of the open case, in its incident:
    ms it took."""
    source_id, start = source_ids[n % len(source_ids)], 40 * (n // len(source_ids))
    began = time.perf_counter()
    evidence.add_evidence(source_id, start, start + 25, actor=ACTOR, incident=incident,
                          note="bench")
    return (time.perf_counter() - began) * 1000


def bench_mark(ctx: Context) -> list[Row]:
    cluster = _cluster(ctx)
    if cluster is None:
        return []
    folder = ctx.workdir / "server-mark"
    files = corpus.write_files(folder, MARK_SOURCES)
    count = MARKS_QUICK if ctx.quick else MARKS
    ctx.log(f"server: marking {count} spans in a case file and on the server, in turns")
    cases = {}
    for kind, location in (("file", ctx.workdir / "mark.casefile"),
                           ("server", cluster.create_database("bench_mark"))):
        ids = _new(location, files)
        if kind == "server":  # as a team's case is: its roles, and the rules they are held to
            team.set_up_roles()
        incident = incidents.create_incident(actor=ACTOR, title="Marked into").id
        cases[kind] = (db.models.database.obj, ids, incident)
        db.models.database.initialize(None)  # left open: the two cases take turns
    measured: dict[str, list[float]] = {"file": [], "server": []}
    try:
        for n in range(count):  # interleaved, so the machine's other work hits both alike
            for kind, (database, ids, incident) in cases.items():
                db.models.database.initialize(database)
                measured[kind].append(_mark(ids, n, incident))
    finally:
        for database, _, _ in cases.values():
            db.models.database.initialize(database)
            db.close_case()
    p95, p95_file = _p95(measured["server"]), _p95(measured["file"])
    return [Row(name=f"server: mark one span, p95 ({count} marks)", value=p95, unit="ms",
                baseline=p95_file, baseline_unit="ms (case file)", ratio=p95 / p95_file,
                target=f"≤ {MARK_MAX_RATIO:g}x", ok=p95 / p95_file <= MARK_MAX_RATIO)]


def _fill(url: str, count: int) -> None:
    """`count` sources in the server case, written as an import writes their rows (bare
    psycopg, in batches), then indexed by the server's trigger and the dictionary forms."""
    import psycopg

    db.new_case(url, "Search benchmark", actor=ACTOR)
    db.close_case()
    columns = ("kind", "title", "publisher", "author", "url", "published", "language",
               "collected_at", "collected_by", "collected_from", "original_name",
               "media_type", "size", "sha256", "text_sha256", "encoding", "text",
               "reliability", "reliability_note", "confidential", "imported_at",
               "imported_by", "originator", "extra")
    insert = (f"INSERT INTO source ({', '.join(columns)}) VALUES "
              f"({', '.join(['%s'] * len(columns))}) RETURNING id")
    with psycopg.connect(url) as con:
        for start in range(0, count, BUILD_BATCH):
            for i, body in enumerate(corpus.texts(min(BUILD_BATCH, count - start), start)):
                data = body.encode("utf-8")
                digest = hashlib.sha256(data).hexdigest()
                row = ("news", f"Source {start + i}", "Bench", "", "", "", "",
                       "2025-01-01T00:00:00Z", ACTOR, "", f"source_{start + i:06d}.txt",
                       "text/plain", len(data), digest, digest, "utf-8", body, "F", "",
                       False, "2025-01-01T00:00:00Z", ACTOR, "", "{}")
                (source_id,) = con.execute(insert, row).fetchone()
                con.execute("INSERT INTO source_original VALUES (%s, %s)", (source_id, data))
            con.commit()
        con.execute("INSERT INTO source_index (rowid, text) SELECT id, text FROM source")
    db.open_case(url)
    try:
        with db.models.database.atomic():
            lemmas.rebuild()
    finally:
        db.close_case()


def bench_search(ctx: Context) -> list[Row]:
    import psycopg

    cluster = _cluster(ctx)
    if cluster is None:
        return []
    count = SEARCH_SOURCES_QUICK if ctx.quick else SEARCH_SOURCES
    repeats = SEARCH_REPEATS_QUICK if ctx.quick else SEARCH_REPEATS
    url = cluster.create_database("bench_search")
    ctx.log(f"server: building a server case of {count:,} sources")
    _fill(url, count)
    queries = corpus.queries()
    db.open_read_only(url)
    bare = psycopg.connect(url, autocommit=True)
    casefile_ms, bare_ms = [], []
    try:
        ctx.log(f"server: {len(queries)} queries × {repeats}")
        for query in queries:
            sql, params = search.server_query(search.fts_query(query))
            sql, arguments = server.sqlite_dialect(sql), (*params, SEARCH_LIMIT, 0)
            found = len(search.search(query, limit=SEARCH_LIMIT))  # warm up both
            if len(bare.execute(sql, arguments).fetchall()) != found:
                raise RuntimeError(f"the baseline finds other hits for {query!r}")
            for _ in range(repeats):  # interleaved, so noise hits both alike
                start = time.perf_counter()
                search.search(query, limit=SEARCH_LIMIT)
                middle = time.perf_counter()
                bare.execute(sql, arguments).fetchall()
                end = time.perf_counter()
                casefile_ms.append((middle - start) * 1000)
                bare_ms.append((end - middle) * 1000)
    finally:
        bare.close()
        db.close_case()
    p95, p95_bare = _p95(casefile_ms), _p95(bare_ms)
    label = f"server: search top {SEARCH_LIMIT} + snippets, {count:,} sources"
    return [
        Row(name=f"{label}: median", value=statistics.median(casefile_ms), unit="ms",
            baseline=statistics.median(bare_ms), baseline_unit="ms (psycopg)",
            ratio=statistics.median(casefile_ms) / statistics.median(bare_ms)),
        Row(name=f"{label}: p95", value=p95, unit="ms", baseline=p95_bare,
            baseline_unit="ms (psycopg)", ratio=p95 / p95_bare,
            target=f"≤ {SEARCH_MAX_RATIO:g}x", ok=p95 / p95_bare <= SEARCH_MAX_RATIO)]


WRITER = textwrap.dedent("""
    import sys, time
    from desktop.domain import db
    from desktop.services import evidence

    url, writer, edits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    db.open_case(url)
    sys.stdout.write("ready\\n"); sys.stdout.flush()
    sys.stdin.readline()  # all writers start together
    span = None
    for n in range(edits):
        if n % 2 == 0:
            start = (writer * edits + n) % 900
            span = evidence.add_evidence(1, start, start + 12, actor="bench").id
        else:
            evidence.update_evidence(span, actor="bench", note=f"edit {n}")
    db.close_case()
""")


def _writers(url: str, writers: int, edits: int) -> float:
    """Edits per second of `writers` processes at once, each making `edits` edits."""
    from tests.bench.run import ROOT

    procs = [subprocess.Popen([sys.executable, "-c", WRITER, url, str(w), str(edits)],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True) for w in range(writers)]
    for proc in procs:
        proc.stdout.readline()
    start = time.perf_counter()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        if proc.wait(timeout=1200) != 0:
            raise RuntimeError("a benchmark writer failed")
    return writers * edits / (time.perf_counter() - start)


def bench_writers(ctx: Context) -> list[Row]:
    cluster = _cluster(ctx)
    if cluster is None:
        return []
    edits = EDITS_QUICK if ctx.quick else EDITS
    files = corpus.write_files(ctx.workdir / "server-writers", 1)
    rates = {}
    for writers in (1, WRITERS):
        url = cluster.create_database(f"bench_writers_{writers}")
        _new(url, files)
        team.set_up_roles()
        db.close_case()
        ctx.log(f"server: {writers} writer(s) × {edits} edits")
        rates[writers] = _writers(url, writers, edits)
    return [Row(name=f"server: {WRITERS} concurrent writers × {edits} edits", value=rates[WRITERS],
                unit="edits/s", baseline=rates[1], baseline_unit="edits/s (one writer)",
                ratio=rates[WRITERS] / rates[1])]


def bench_server(ctx: Context) -> list[Row]:
    try:
        return bench_mark(ctx) + bench_search(ctx) + bench_writers(ctx)
    finally:
        cluster = ctx.get("pg_cluster")
        if cluster is not None:
            cluster.stop()
            ctx.put("pg_cluster", None)


BENCHES = {"server": bench_server}
