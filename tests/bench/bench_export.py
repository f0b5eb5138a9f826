"""The Word dossier on big cases: 500 incidents × 10 quotes, and 2,000 × 10.

Each export stands beside python-docx writing the same number of plain paragraphs (one per
quote and one per fact) to a file, measured in the same run; the 2,000-incident export is also
compared with the 500-incident one, to show that the time grows in proportion to the work.
"""

from __future__ import annotations

import time
from pathlib import Path

import docx

from desktop.domain import db, scales
from desktop.domain.models import Evidence, Incident, Source, SourceOriginal, database
from desktop.services.export import DossierOptions, export_dossier
from desktop.services.export.incident import FACTS
from tests.bench import corpus
from tests.bench.context import Context
from tests.bench.table import Row

ACTOR = "Bench Runner"
SIZES, SIZES_QUICK = (500, 2_000), (50, 200)
SPANS_PER_INCIDENT = 10
SOURCES = 60
MAX_SECONDS, MAX_GROWTH = 5.0, 4.5
BATCH = 500
ROUNDS = 2

# What the synthetic spans back: facts and the elements of art. 8(2)(b)(vi), in turn.
_SUPPORTS = ("time", "place", "victims", "victims", "date", "rs_8_2_b_vi:killing",
             "rs_8_2_b_vi:hors_de_combat", "perpetrator", "rs_8_2_b_vi:armed_conflict", "")


def _sources(count: int) -> list[int]:
    """Sources with text, original bytes and a grade; no audit or index (not exported)."""
    rows, originals = [], []
    for i, body in enumerate(corpus.texts(count, seed=91)):
        data = body.encode("utf-8")
        rows.append({"title": f"Report {i}", "publisher": f"Publisher {i % 12}",
                     "sha256": f"{i:064x}", "text": body, "size": len(data),
                     "reliability": scales.RELIABILITY_CODES[i % 4],
                     "original_name": f"report_{i:03d}.txt", "confidential": i % 7 == 0,
                     "url": f"https://example.org/report/{i}"})
        originals.append(data)
    with database.atomic():
        Source.insert_many(rows).execute()
        ids = [s for (s,) in Source.select(Source.id).order_by(Source.id).tuples()]
        SourceOriginal.insert_many([{"source": s, "data": d}
                                    for s, d in zip(ids, originals, strict=True)]).execute()
    return ids


def _incident(n: int) -> dict:
    return {"code": f"INC-{n:04d}", "title": f"Execution of prisoners near village {n}",
            "date_start": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}", "time": "10:00",
            "place": f"Village {n}", "region": "Donetsk region", "country": "Ukraine",
            "victims_min": 1 + n % 9, "victims_max": 3 + n % 9, "victim_status": "pow",
            "perpetrator_force": "Armed forces", "narrative": "The prisoners were shot. " * 8,
            "qualifications": ["rs_8_2_b_vi"], "state": "approved" if n % 5 else "draft"}


def _build(ctx: Context, incidents: int) -> Path:
    """A case of `incidents` incidents with 10 spans each, written with insert_many."""
    path = ctx.workdir / f"export-{incidents}.casefile"
    db.new_case(path, f"Export benchmark, {incidents} incidents", actor=ACTOR,
                reference="BENCH-001")
    try:
        source_ids = _sources(SOURCES)
        texts = dict(Source.select(Source.id, Source.text).tuples())
        statuses = scales.STATUS_CODES
        with database.atomic():
            for start in range(0, incidents, BATCH):
                Incident.insert_many([_incident(n) for n in range(
                    start + 1, min(incidents, start + BATCH) + 1)]).execute()
            ids = [i for (i,) in Incident.select(Incident.id).order_by(Incident.id).tuples()]
            rows = []
            for k, incident_id in enumerate(ids):
                for j in range(SPANS_PER_INCIDENT):
                    source = source_ids[(k * 3 + j) % len(source_ids)]
                    begin = (j * 97 + k) % 2000
                    quote = texts[source][begin:begin + 120]
                    rows.append({"source": source, "start": begin, "end": begin + len(quote),
                                 "quote": quote, "incident": incident_id,
                                 "supports": _SUPPORTS[j], "status": statuses[(k + j) % 5],
                                 "asserted_value": str(1 + (j + k) % 3) if j in (2, 3) else "",
                                 "credibility": str(1 + j % 6), "created_by": ACTOR,
                                 "note": "Checked against the video." if j % 3 else ""})
            for start in range(0, len(rows), 1000):
                Evidence.insert_many(rows[start:start + 1000]).execute()
    finally:
        db.close_case()
    return path


def _export(path: Path, out: Path) -> tuple[float, int]:
    db.open_case(path)
    try:
        start = time.perf_counter()
        result = export_dossier(out, DossierOptions(incidents="drafts"), actor=ACTOR)
        return time.perf_counter() - start, result.evidence
    finally:
        db.close_case()


def _baseline(paragraphs: int, out: Path) -> float:
    """python-docx writing `paragraphs` plain paragraphs of quote length to a file."""
    line = "“The prisoners were lined up and shot by the soldiers who had captured them.”"
    start = time.perf_counter()
    document = docx.Document()
    for _ in range(paragraphs):
        document.add_paragraph(line)
    document.save(str(out))
    return time.perf_counter() - start


def bench_export(ctx: Context) -> list[Row]:
    sizes = SIZES_QUICK if ctx.quick else SIZES
    rows: list[Row] = []
    times: dict[int, float] = {}
    for incidents in sizes:
        ctx.log(f"export: building a case of {incidents:,} incidents")
        path = _build(ctx, incidents)
        paragraphs = incidents * (SPANS_PER_INCIDENT + len(FACTS))
        ctx.log(f"export: {incidents:,} incidents; baseline of {paragraphs:,} paragraphs")
        bases, elapsed_times = [], []
        for _ in range(ROUNDS):  # interleaved, so drift in the machine's speed hits both alike
            bases.append(_baseline(paragraphs, ctx.workdir / f"baseline-{incidents}.docx"))
            elapsed, spans = _export(path, ctx.workdir / f"dossier-{incidents}.docx")
            elapsed_times.append(elapsed)
        base, elapsed = min(bases), min(elapsed_times)
        times[incidents] = elapsed
        label = (f"export_dossier, {incidents:,} incidents × {SPANS_PER_INCIDENT} quotes "
                 f"(best of {ROUNDS})")
        first = incidents == sizes[0]
        rows.append(Row(
            name=label, value=elapsed, unit="s", baseline=base,
            baseline_unit=f"s ({paragraphs:,} plain paragraphs)", ratio=elapsed / base,
            target=f"≤ {MAX_SECONDS:g} s" if first and not ctx.quick else "",
            ok=elapsed <= MAX_SECONDS if first and not ctx.quick else None))
        if spans != incidents * SPANS_PER_INCIDENT:
            raise RuntimeError(f"the dossier holds {spans} spans, not "
                               f"{incidents * SPANS_PER_INCIDENT}")
    small, large = sizes
    growth = times[large] / times[small]
    rows.append(Row(
        name=f"export_dossier, {large:,} incidents over {small:,} ({large // small}x the work)",
        value=times[large], unit="s", baseline=times[small],
        baseline_unit=f"s ({small:,} incidents)", ratio=growth,
        target=f"≤ {MAX_GROWTH:g}x", ok=growth <= MAX_GROWTH))
    return rows


BENCHES = {"export": bench_export}
