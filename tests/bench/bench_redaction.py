"""The redacted edition on a big case: 200 protected people over 2,000 sources.

The case has 2,000 sources and 500 incidents × 10 quotes citing every source; 200 protected
people, each with a Cyrillic and a Latin spelling, are named in a tenth of the quotes. The
redacted edition (expanding every name into its forms, redacting every text the dossier
prints, and the near-miss check over them) stands beside the full edition of the same case,
measured in the same run. The names' forms are expanded afresh for each redacted run: only the
dictionaries stay loaded, as in a window that has redacted before.
"""

from __future__ import annotations

import time
from pathlib import Path

from desktop.domain import db, scales
from desktop.domain.models import (
    Evidence,
    Incident,
    ProtectedPerson,
    Source,
    SourceOriginal,
    database,
)
from desktop.services import name_forms, name_matching, protection
from desktop.services.export import DossierOptions, export_dossier
from desktop.services.name_forms import to_latin
from tests.bench import corpus
from tests.bench.context import Context
from tests.bench.table import Row

ACTOR = "Bench Runner"
SOURCES, SOURCES_QUICK = 2_000, 200
PEOPLE, PEOPLE_QUICK = 200, 20
SPANS_PER_INCIDENT = 10
MAX_RATIO = 2.0
ROUNDS = 2

# Fictional people: 200 distinct surnames (invented stems with common endings), each with a
# given name, in both scripts.
_GIVEN = ("Олександр", "Андрій", "Богдан", "Василь", "Дмитро", "Євген", "Іван", "Микола",
          "Остап", "Петро", "Роман", "Сергій", "Тарас", "Юрій", "Григорій", "Степан", "Ігор",
          "Максим", "Віктор", "Павло")
_STEMS = ("Гнатюш", "Вербиц", "Костюч", "Лукаш", "Дорош", "Сидор", "Мазур", "Яковч", "Тимош",
          "Савч", "Мирош", "Панас", "Корн", "Федор", "Гордієн", "Климч", "Остапч", "Мельнич",
          "Зінч", "Бойч")
_ENDINGS = ("енко", "ук", "ишин", "ак", "евич", "ович", "ко", "ин", "юк", "ун")


def _people(count: int) -> list[tuple[str, str]]:
    """(Cyrillic, Latin) spellings of `count` fictional people, no two with one surname."""
    out = []
    for n in range(count):
        surname = _STEMS[n % len(_STEMS)].lower() + _ENDINGS[n // len(_STEMS) % len(_ENDINGS)]
        surname = surname.capitalize()
        given = _GIVEN[n % len(_GIVEN)]
        out.append((f"{given} {surname}",
                    f"{to_latin(given).capitalize()} {to_latin(surname).capitalize()}"))
    return out


def _build(ctx: Context, sources: int, people: int) -> Path:
    path = ctx.workdir / f"redaction-{sources}.casefile"
    db.new_case(path, f"Redaction benchmark, {sources} sources", actor=ACTOR,
                reference="BENCH-002")
    names = _people(people)
    try:
        rows, originals = [], []
        for i, body in enumerate(corpus.texts(sources, seed=57)):
            if i % 10 == 0:  # a tenth of the sources name someone, at their start
                cyrillic, latin = names[(i // 10) % len(names)]
                body = f"Свідок {cyrillic} ({latin}) розповів про події. {body}"
            data = body.encode("utf-8")
            rows.append({"title": f"Statement {i}", "publisher": f"Publisher {i % 12}",
                         "sha256": f"{i:064x}", "text": body, "size": len(data),
                         "reliability": scales.RELIABILITY_CODES[i % 4],
                         "original_name": f"statement_{i:04d}.txt"})
            originals.append(data)
        with database.atomic():
            for start in range(0, len(rows), 500):
                Source.insert_many(rows[start:start + 500]).execute()
            ids = [s for (s,) in Source.select(Source.id).order_by(Source.id).tuples()]
            SourceOriginal.insert_many([{"source": s, "data": d}
                                        for s, d in zip(ids, originals, strict=True)]).execute()
            texts = dict(Source.select(Source.id, Source.text).tuples())
            incidents = sources // 4  # 10 quotes each: every source cited 2–3 times
            Incident.insert_many([{"code": f"INC-{n:04d}", "title": f"Detention {n}",
                                   "date_start": "2024-05-01", "place": f"Village {n}",
                                   "state": "approved"} for n in range(1, incidents + 1)]
                                 ).execute()
            incident_ids = [i for (i,) in Incident.select(Incident.id).tuples()]
            spans = []
            for k, incident_id in enumerate(incident_ids):
                for j in range(SPANS_PER_INCIDENT):
                    source = ids[(k * SPANS_PER_INCIDENT + j) * 3 % len(ids)]
                    begin = 0 if j == 0 else (j * 97) % 1500
                    quote = texts[source][begin:begin + 160]
                    spans.append({"source": source, "start": begin, "end": begin + len(quote),
                                  "quote": quote, "incident": incident_id, "supports": "place",
                                  "status": "verified", "created_by": ACTOR})
            for start in range(0, len(spans), 1000):
                Evidence.insert_many(spans[start:start + 1000]).execute()
            ProtectedPerson.insert_many([
                {"pseudonym": f"W-{n:03d}", "role": "witness", "names": f"{c}\n{lat}"}
                for n, (c, lat) in enumerate(names, start=1)]).execute()
    finally:
        db.close_case()
    return path


def _export(path: Path, out: Path, edition: str) -> float:
    db.open_case(path)
    try:
        if edition == "redacted":  # the names are expanded afresh, as for a new case
            name_forms.forms_of.cache_clear()
            name_forms.word_forms.cache_clear()
            name_matching._forms_pattern.cache_clear()
            name_matching._form_variants.cache_clear()
            protection._last_redactor.clear()
        start = time.perf_counter()
        export_dossier(out, DossierOptions(incidents="drafts", edition=edition,
                                           accept_near_misses=True), actor=ACTOR)
        return time.perf_counter() - start
    finally:
        db.close_case()


def bench_redaction(ctx: Context) -> list[Row]:
    sources, people = (SOURCES_QUICK, PEOPLE_QUICK) if ctx.quick else (SOURCES, PEOPLE)
    ctx.log(f"redaction: building a case of {sources:,} sources, {people} protected people")
    path = _build(ctx, sources, people)
    name_forms.analyser("uk"), name_forms.analyser("ru")  # loaded once per process
    full, redacted = [], []
    for _ in range(ROUNDS):  # interleaved, so drift in the machine's speed hits both alike
        full.append(_export(path, ctx.workdir / "full.docx", "full"))
        redacted.append(_export(path, ctx.workdir / "redacted.docx", "redacted"))
    base, value = min(full), min(redacted)
    ratio = value / base
    return [Row(
        name=f"redacted dossier, {people} protected people over {sources:,} sources "
             f"(best of {ROUNDS})",
        value=value, unit="s", baseline=base, baseline_unit="s (full edition)", ratio=ratio,
        target=f"≤ {MAX_RATIO:g}x" if not ctx.quick else "",
        ok=ratio <= MAX_RATIO if not ctx.quick else None)]


BENCHES = {"redaction": bench_redaction}
