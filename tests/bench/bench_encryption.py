"""What encryption at rest (SQLCipher) costs: import, search, opening, size.

Each figure on an encrypted case stands beside the same work on a plain case, measured in the
same run: the ratio is what encryption adds. The search case is built with `import_files` and
encrypted with `encrypt_copy`; the plain one is vacuumed, so both have the same compact layout.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

from peewee import SqliteDatabase

from desktop.domain import copies, db, encryption, models
from desktop.services import search, sources
from tests.bench import bench_foundation, corpus
from tests.bench.context import Context
from tests.bench.table import Row

ACTOR = "Bench Runner"
PASSPHRASE = "bench: a long passphrase of several words"
IMPORT_SOURCES, IMPORT_SOURCES_QUICK = 2_000, 300
IMPORT_ROUNDS, IMPORT_ROUNDS_QUICK = 3, 1
SEARCH_SOURCES, SEARCH_SOURCES_QUICK = 20_000, 2_000
SEARCH_REPEATS, SEARCH_REPEATS_QUICK = 5, 2
BUILD_BATCH = 2_000  # sources per import when the search case is built
SEARCH_LIMIT = bench_foundation.SEARCH_LIMIT
OPEN_ROUNDS = 5
MAX_RATIO = 1.5


def _unavailable() -> list[Row]:
    return [Row(name="encryption: sqlcipher3 is not installed, nothing measured", value=0,
                unit="-")]


# --- 1. import ------------------------------------------------------------------------------


def _import(path: Path, files: list[Path], passphrase: str | None) -> float:
    db.new_case(path, "Import benchmark", actor=ACTOR, passphrase=passphrase)
    try:
        start = time.perf_counter()
        report = sources.import_files(files, actor=ACTOR)
        elapsed = time.perf_counter() - start
    finally:
        db.close_case()
    if len(report.imported) != len(files):
        raise RuntimeError(f"import_files imported {len(report.imported)} of {len(files)}")
    return elapsed


def bench_import(ctx: Context) -> list[Row]:
    count = IMPORT_SOURCES_QUICK if ctx.quick else IMPORT_SOURCES
    rounds = IMPORT_ROUNDS_QUICK if ctx.quick else IMPORT_ROUNDS
    ctx.log(f"encryption: writing {count:,} text files")
    files = corpus.write_files(ctx.workdir / "encryption-import-files", count)
    raw = sum(p.stat().st_size for p in files)
    plain_times, encrypted_times = [], []
    for r in range(rounds):  # alternate, so drift in the machine's speed hits both alike
        ctx.log(f"encryption: import round {r + 1}/{rounds}")
        plain = lambda: _import(ctx.workdir / f"enc-import-plain-{r}.casefile", files, None)  # noqa: E731,B023
        locked = lambda: _import(ctx.workdir / f"enc-import-{r}.casefile", files, PASSPHRASE)  # noqa: E731,B023
        if r % 2:
            encrypted_times.append(locked())
            plain_times.append(plain())
        else:
            plain_times.append(plain())
            encrypted_times.append(locked())
    best, best_plain = min(encrypted_times), min(plain_times)
    return [Row(
        name=f"encrypted import_files, {count:,} × ~{raw // count / 1000:.1f} KB .txt "
             f"(best of {rounds})",
        value=count / best, unit="sources/s", baseline=count / best_plain,
        baseline_unit="sources/s (plain case)", ratio=best / best_plain,
        target=f"≤ {MAX_RATIO:g}x", ok=best / best_plain <= MAX_RATIO,
    )]


# --- 2. search, opening and size ------------------------------------------------------------


def _write_batch(folder: Path, start: int, count: int) -> list[Path]:
    """Corpus texts start..start+count-1 as .txt files in a fresh `folder`."""
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    paths = []
    for i, body in enumerate(corpus.texts(count, start)):
        path = folder / f"source_{start + i:06d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def _build_plain_search_case(ctx: Context, count: int) -> Path:
    """A plain case of `count` corpus sources, imported by `import_files` in batches."""
    path = ctx.workdir / f"enc-search-{count}.casefile"
    ctx.log(f"encryption: importing {count:,} sources into a plain case")
    db.new_case(path, "Search benchmark", actor=ACTOR)
    try:
        for start in range(0, count, BUILD_BATCH):
            files = _write_batch(ctx.workdir / "enc-search-files", start,
                                 min(BUILD_BATCH, count - start))
            sources.import_files(files, actor=ACTOR)
    finally:
        db.close_case()
    con = sqlite3.connect(path)  # compact, as an export is: the layouts compared are alike
    try:
        con.execute("VACUUM")
    finally:
        con.close()
    return path


def _search_cases(ctx: Context) -> tuple[Path, Path, int, float]:
    """A plain case of many sources and an encrypted copy of it: the same pages, both ways."""
    count = SEARCH_SOURCES_QUICK if ctx.quick else SEARCH_SOURCES
    plain = _build_plain_search_case(ctx, count)
    locked = ctx.workdir / f"enc-search-{count}-encrypted.casefile"
    ctx.log(f"encryption: encrypting the search case of {count:,} sources")
    start = time.perf_counter()
    copies.encrypt_copy(plain, locked, PASSPHRASE)
    return plain, locked, count, time.perf_counter() - start


def _database(path: Path, passphrase: str | None) -> SqliteDatabase:
    """A connection like `open_case` makes, without making it the open case."""
    db.inspect_case(path, passphrase)
    options = {"pragmas": db.PRAGMAS, "lock_type": "IMMEDIATE"}
    database = (SqliteDatabase(str(path), **options) if passphrase is None
                else encryption.database(path, passphrase, **options))
    database.connect()
    return database


def _timed_search(database: SqliteDatabase, query: str) -> float:
    models.database.initialize(database)
    start = time.perf_counter()
    search.search(query, limit=SEARCH_LIMIT)
    return (time.perf_counter() - start) * 1000


def _search_times(ctx: Context, plain: Path, locked: Path) -> tuple[list[float], list[float]]:
    repeats = SEARCH_REPEATS_QUICK if ctx.quick else SEARCH_REPEATS
    queries = corpus.queries()
    plain_db, locked_db = _database(plain, None), _database(locked, PASSPHRASE)
    plain_ms, locked_ms = [], []
    try:
        ctx.log(f"encryption: {len(queries)} queries × {repeats}, plain and encrypted")
        for query in queries:
            models.database.initialize(plain_db)
            expected = [h.source_id for h in search.search(query, limit=SEARCH_LIMIT)]
            models.database.initialize(locked_db)  # warm up both, and check they agree
            if [h.source_id for h in search.search(query, limit=SEARCH_LIMIT)] != expected:
                raise RuntimeError(f"the encrypted case finds other hits for {query!r}")
            for _ in range(repeats):  # interleaved, so noise hits both alike
                plain_ms.append(_timed_search(plain_db, query))
                locked_ms.append(_timed_search(locked_db, query))
    finally:
        models.database.initialize(None)
        plain_db.close()
        locked_db.close()
    return plain_ms, locked_ms


def _open_seconds(path: Path, passphrase: str | None) -> float:
    """The best time to open a case (checks included) and read one row."""
    times = []
    for _ in range(OPEN_ROUNDS):
        start = time.perf_counter()
        db.open_case(path, passphrase)
        models.Case.get()
        times.append(time.perf_counter() - start)
        db.close_case()
    return min(times)


def bench_search(ctx: Context) -> list[Row]:
    plain, locked, count, encrypt_s = _search_cases(ctx)
    plain_ms, locked_ms = _search_times(ctx, plain, locked)
    p95, p95_plain = (bench_foundation._percentile(ms, 0.95) for ms in (locked_ms, plain_ms))
    median, median_plain = statistics.median(locked_ms), statistics.median(plain_ms)
    opened, opened_plain = _open_seconds(locked, PASSPHRASE), _open_seconds(plain, None)
    size, size_plain = locked.stat().st_size, plain.stat().st_size
    label = (f"encrypted search top {SEARCH_LIMIT} + snippets, {count:,} sources, "
             f"{len(corpus.queries())} queries")
    return [
        Row(name=f"{label}: median", value=median, unit="ms", baseline=median_plain,
            baseline_unit="ms (plain case)", ratio=median / median_plain),
        Row(name=f"{label}: p95", value=p95, unit="ms", baseline=p95_plain,
            baseline_unit="ms (plain case)", ratio=p95 / p95_plain,
            target=f"≤ {MAX_RATIO:g}x", ok=p95 / p95_plain <= MAX_RATIO),
        Row(name=f"open_case + first read, {count:,} sources, encrypted (key derivation)",
            value=opened * 1000, unit="ms", baseline=opened_plain * 1000,
            baseline_unit="ms (plain case)", ratio=opened / opened_plain),
        Row(name=f"encrypt_copy of a case of {count:,} sources", value=encrypt_s, unit="s",
            baseline=size_plain / 1e6, baseline_unit="MB"),
        Row(name=f"encrypted case size, {count:,} sources", value=size / count,
            unit="bytes/source", baseline=size_plain / count,
            baseline_unit="bytes/source (plain)", ratio=size / size_plain),
    ]


def bench_encryption(ctx: Context) -> list[Row]:
    """Import and search on an encrypted case, each beside a plain case."""
    if not encryption.available():
        return _unavailable()
    return bench_import(ctx) + bench_search(ctx)


BENCHES = {"encryption": bench_encryption}
