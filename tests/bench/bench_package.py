"""The disclosure package of a large case: the 20,000-source case of the search benchmark,
with 50 approved incidents whose 500 spans cite 500 of its sources.

The package (dossier, 500 originals, registers, annotations, manifest) stands beside zipfile
packing the same 500 originals' bytes, measured in the same run. The PDF rendition is
LibreOffice's work, not Casefile's: it is measured apart, as information.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

from desktop.domain import db
from desktop.domain.models import Evidence, Incident, Source, SourceOriginal, database
from desktop.services import package
from tests.bench import bench_foundation
from tests.bench.context import Context
from tests.bench.table import Row

ACTOR = "Bench Runner"
INCIDENTS, SPANS_PER_INCIDENT = 50, 10
MAX_SECONDS = 10.0
ROUNDS = 2


def _build(ctx: Context) -> tuple[Path, int, list[int]]:
    """A copy of the search case with 50 approved incidents citing 500 sources, one span each."""
    search_case, count, _ = ctx.shared("search_case",
                                       lambda: bench_foundation._build_search_case(ctx))
    path = ctx.workdir / "package.casefile"
    shutil.copyfile(search_case, path)
    db.open_case(path)
    try:
        ids = [s for (s,) in Source.select(Source.id).order_by(Source.id).tuples()]
        cited = ids[::len(ids) // (INCIDENTS * SPANS_PER_INCIDENT)][:INCIDENTS * SPANS_PER_INCIDENT]
        texts = dict(Source.select(Source.id, Source.text).where(Source.id.in_(cited)).tuples())
        with database.atomic():
            Incident.insert_many([
                {"code": f"INC-{n:03d}", "title": f"Shelling of a shelter in village {n}",
                 "date_start": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}", "place": f"Village {n}",
                 "country": "Ukraine", "state": "approved"} for n in range(1, INCIDENTS + 1)
            ]).execute()
            incidents = [i for (i,) in Incident.select(Incident.id).order_by(Incident.id).tuples()]
            rows = []
            for k, source in enumerate(cited):
                begin = (k * 97) % max(1, len(texts[source]) - 200)
                quote = texts[source][begin:begin + 120]
                rows.append({"source": source, "start": begin, "end": begin + len(quote),
                             "quote": quote, "incident": incidents[k // SPANS_PER_INCIDENT],
                             "supports": "place", "status": "corroborated",
                             "created_by": ACTOR})
            Evidence.insert_many(rows).execute()
    finally:
        db.close_case()
    return path, count, cited


def _package(path: Path, out: Path, options: package.PackageOptions) -> tuple[float, int]:
    db.open_case(path)
    try:
        start = time.perf_counter()
        result = package.build_package(out, options, actor=ACTOR)
        return time.perf_counter() - start, result.originals
    finally:
        db.close_case()


def _baseline(path: Path, cited: list[int], out: Path) -> float:
    """zipfile packing the 500 originals' bytes, read from the case."""
    db.open_case(path)
    try:
        start = time.perf_counter()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for source_id, data in (SourceOriginal.select(SourceOriginal.source,
                                                          SourceOriginal.data)
                                    .where(SourceOriginal.source.in_(cited)).tuples()):
                z.writestr(f"S-{source_id}.txt", bytes(data))
        return time.perf_counter() - start
    finally:
        db.close_case()


def bench_package(ctx: Context) -> list[Row]:
    path, count, cited = _build(ctx)
    ctx.log(f"package: {count:,} sources, {len(cited)} cited")
    bases, times = [], []
    for r in range(ROUNDS):
        bases.append(_baseline(path, cited, ctx.workdir / "baseline.zip"))
        elapsed, originals = _package(path, ctx.workdir / f"package-{r}.zip",
                                      package.PackageOptions(pdf=False))
        times.append(elapsed)
        if originals != len(cited):
            raise RuntimeError(f"the package holds {originals} originals, not {len(cited)}")
    base, elapsed = min(bases), min(times)
    rows = [Row(name=f"build_package, {count:,}-source case, {len(cited)} cited sources, "
                     f"{INCIDENTS} incidents (no PDF; best of {ROUNDS})",
                value=elapsed, unit="s", baseline=base,
                baseline_unit=f"s (zipfile, {len(cited)} originals)", ratio=elapsed / base,
                target="" if ctx.quick else f"≤ {MAX_SECONDS:g} s",
                ok=None if ctx.quick else elapsed <= MAX_SECONDS)]
    if package.soffice() and not ctx.quick:
        with_pdf, _ = _package(path, ctx.workdir / "package-pdf.zip", package.PackageOptions())
        rows.append(Row(name="build_package, the same with its PDF rendition (LibreOffice)",
                        value=with_pdf, unit="s", baseline=elapsed,
                        baseline_unit="s (without the PDF)", ratio=with_pdf / elapsed))
    return rows


BENCHES = {"package": bench_package}
