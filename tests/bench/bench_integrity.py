"""`verify` over a big case: 20,000 audit entries and 2,000 sources holding 100 MB of bytes.

Every entry records the digests of the rows it wrote (sources, 300 incidents edited over and
over, thousands of evidence spans), and verify checks every row against them. Beside it, in
the same run, `sha256sum` over the same source files: hashing the bytes is the floor of any
verification, and the ratio shows what the audit chain, the rows and the reads add.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path

from desktop.domain import db, ledger
from desktop.domain.models import Evidence, Incident, database, insert_row
from desktop.services import integrity, sources
from tests.bench import corpus
from tests.bench.context import Context
from tests.bench.table import Row

ACTOR = "Bench Runner"
SOURCES, SOURCES_QUICK = 2_000, 200
ENTRIES, ENTRIES_QUICK = 20_000, 2_000
SOURCE_BYTES = 50_000  # 2,000 × 50 KB = 100 MB
INCIDENTS = 300
SPANS_PER_SOURCE = 4
RUNS = 3
TARGET_RATIO = 2.0  # × sha256sum of the same bytes


def _write_sources(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"long_{i:05d}.txt"
        path.write_text(corpus.text(i, seed=91, size=SOURCE_BYTES), encoding="utf-8")
        paths.append(path)
    return paths


def _build(ctx: Context, count: int, entries: int) -> tuple[Path, list[Path]]:
    path = ctx.workdir / "verify.casefile"
    files = _write_sources(ctx.workdir / "verify-files", count)
    db.new_case(path, "Verify benchmark", actor=ACTOR)
    sources.import_files(files, actor=ACTOR)
    with database.atomic():  # the rest of the trail: edits, as a long case accumulates them
        _add_rows(count, entries - count - 1)
    db.close_case()
    ctx.log(f"verify: case of {count:,} sources and {entries:,} audit entries built")
    return path, files


def _add_rows(sources: int, entries: int) -> None:
    """`entries` audited writes: incidents, spans in every source, then edits of incidents;
    each entry records the row it wrote, as a service's would."""
    def write(action: str, kind: str, row_id: int) -> None:
        ledger.append({"actor": ACTOR, "action": action, "object_type": kind,
                       "object_id": row_id, "summary": f"{action} {row_id}"})

    for n in range(INCIDENTS):
        write("incident.create", "incident",
              insert_row(Incident, {"code": f"INC-{n + 1:03d}", "title": f"Incident {n}"}))
    spans = min(sources * SPANS_PER_SOURCE, entries - INCIDENTS)
    for n in range(spans):
        write("evidence.add", "evidence", insert_row(Evidence, {
            "source": n % sources + 1, "start": n, "end": n + 40, "quote": f"quote {n}",
            "incident": n % INCIDENTS + 1, "note": f"span {n}"}))
    for n in range(entries - INCIDENTS - spans):
        incident = n % INCIDENTS + 1
        Incident.update(narrative=f"draft {n + 1}").where(Incident.id == incident).execute()
        write("incident.update", "incident", incident)


def _sha256sum(files: list[Path]) -> float:
    started = time.perf_counter()
    for i in range(0, len(files), 500):  # the command line would be too long for all at once
        subprocess.run(["sha256sum", *map(str, files[i:i + 500])], check=True,
                       stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def bench_verify(ctx: Context) -> list[Row]:
    count, entries = (SOURCES_QUICK, ENTRIES_QUICK) if ctx.quick else (SOURCES, ENTRIES)
    path, files = _build(ctx, count, entries)
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    timings, baselines = [], []
    for _ in range(RUNS):
        db.open_case(path)
        started = time.perf_counter()
        report = integrity.verify_case()
        timings.append(time.perf_counter() - started)
        db.close_case()
        assert report.ok, report.problems
        if shutil.which("sha256sum"):
            baselines.append(_sha256sum(files))
    seconds = statistics.median(timings)
    baseline = statistics.median(baselines) if baselines else None
    ratio = seconds / baseline if baseline else None
    return [Row(f"verify: {entries:,} audit entries, {report.rows:,} rows, {count:,} sources "
                f"({megabytes:,.0f} MB)", seconds, "s", baseline, "s (sha256sum of the files)",
                ratio, f"≤ {TARGET_RATIO:g}×", ratio <= TARGET_RATIO if ratio else None)]


BENCHES = {"verify": bench_verify}
