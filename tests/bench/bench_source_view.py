"""Source view: open a 2 MB source with 5,000 spans, scroll it, add one span.

Each figure sits beside a bare QPlainTextEdit (or the bare service call) measured in the same
run. The case is built in a temporary folder; building it is setup, not what is timed.
Run alone: `python -m tests.bench.bench_source_view [--quick]`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from desktop.domain import db  # noqa: E402
from desktop.domain.models import Evidence, database  # noqa: E402
from desktop.services import evidence, sources  # noqa: E402
from tests.bench import corpus  # noqa: E402
from tests.bench.table import Row  # noqa: E402

ACTOR = "Bench"
SIZE = (900, 700)
STATUSES = ("unverified", "unverified", "corroborated", "verified", "contested", "rejected")


def _app() -> QApplication:
    return QApplication.instance() or QApplication(sys.argv[:1])


def _percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds of samples in seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _timed(action: Callable[[], None], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        action()
        samples.append(time.perf_counter() - t0)
    return samples


def _timed_pair(action: Callable[[], None], settle: Callable[[], None],
                baseline: Callable[[], None], runs: int) -> tuple[list[float], list[float]]:
    """Samples of an action and of its baseline, taken in turn (a burst of load on a shared
    machine falls on both, not on one side of the ratio); `settle`, untimed, finishes what the
    action left for idle time, so that the baseline's event processing does not do it."""
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        samples[0].append(_timed(action, 1)[0])
        settle()
        samples[1].append(_timed(baseline, 1)[0])
    return samples


def _big_text(target_bytes: int) -> str:
    """News-like text (English and Ukrainian) of about `target_bytes` UTF-8 bytes."""
    parts, size, i = [], 0, 0
    while size < target_bytes:
        part = corpus.text(i)
        parts.append(part)
        size += len(part.encode())
        i += 1
    return "\n".join(parts)


def _build_case(folder: Path, target_bytes: int, span_count: int) -> tuple[int, str]:
    """A case with one big source and `span_count` spans (some overlapping); (id, text)."""
    db.new_case(folder / "bench.casefile", "Source view bench", actor=ACTOR)
    path = folder / "big.txt"
    path.write_text(_big_text(target_bytes), encoding="utf-8")
    source_id = sources.import_files([path], actor=ACTOR).source_ids[0]
    text = sources.source_text(source_id)
    rng = random.Random(7)
    step = len(text) // span_count
    rows = []
    for i in range(span_count):
        start = i * step + rng.randrange(0, step // 2)
        # One span in eight reaches into the next one: overlaps are part of real work.
        length = rng.randint(step, 2 * step) if i % 8 == 0 else rng.randint(20, step // 2)
        end = min(start + length, len(text))
        rows.append({"source": source_id, "start": start, "end": end, "quote": text[start:end],
                     "status": rng.choice(STATUSES), "credibility": str(rng.randint(1, 6)),
                     "created_by": ACTOR})
    with database.atomic():
        for i in range(0, len(rows), 500):
            Evidence.insert_many(rows[i:i + 500]).execute()
    return source_id, text


def _painted(edit: QPlainTextEdit) -> None:
    QApplication.processEvents()
    edit.viewport().repaint()


def _bare(font) -> QPlainTextEdit:
    bare = QPlainTextEdit()
    bare.setReadOnly(True)
    bare.setUndoRedoEnabled(False)
    bare.setFont(font)
    bare.resize(*SIZE)
    bare.show()
    return bare


def _open(view, bare, source_id: int, text: str, runs: int) -> list[Row]:
    """(a) set_source until painted, against a bare setPlainText of the same text."""
    def open_view() -> None:
        view.set_source(source_id)
        _painted(view.text_edit())

    def open_bare() -> None:
        bare.setPlainText(text)
        _painted(bare)

    def settle() -> None:
        while not view.formatting_done():  # the idle slices format the rest of the text
            QApplication.processEvents()
        _painted(view.text_edit())  # and what they changed on screen is drawn

    def open_view_fully() -> None:
        view.set_source(source_id)
        settle()
        _painted(view.text_edit())

    open_view(), settle(), open_bare()  # warm up fonts and caches
    samples, bare_samples = _timed_pair(open_view, settle, open_bare, runs)
    p50, p95 = _percentiles(samples)
    b50, b95 = _percentiles(bare_samples)
    f50, f95 = _percentiles(_timed(open_view_fully, runs))
    return [
        Row("source view: open 2 MB + 5,000 spans, p50", p50, "ms", b50, "ms bare",
            p50 / b50, "", None),
        Row("source view: open 2 MB + 5,000 spans, p95", p95, "ms", b95, "ms bare",
            p95 / b95, "<= 3x bare", p95 <= 3 * b95),
        Row("source view: open + every span formatted in idle time, p95", f95, "ms", b95,
            "ms bare", f95 / b95, "", None),
    ]


def _scroll_samples(edit: QPlainTextEdit, pages: int) -> list[float]:
    bar = edit.verticalScrollBar()
    bar.setValue(0)
    _painted(edit)
    samples = []
    for _ in range(pages):
        value = bar.value() + bar.pageStep()
        t0 = time.perf_counter()
        bar.setValue(0 if value > bar.maximum() else value)
        edit.viewport().repaint()
        samples.append(time.perf_counter() - t0)
    return samples


def _scroll(view, bare, pages: int) -> list[Row]:
    """(b) scroll a page and repaint, against the same on the bare text."""
    p50, p95 = _percentiles(_scroll_samples(view.text_edit(), pages))
    b50, b95 = _percentiles(_scroll_samples(bare, pages))
    return [
        Row("source view: scroll a page + repaint, p50", p50, "ms", b50, "ms bare",
            p50 / b50, "", None),
        Row("source view: scroll a page + repaint, p95", p95, "ms", b95, "ms bare",
            p95 / b95, "<= 16 ms", p95 <= 16),
    ]


def _add_one(view, source_id: int, text: str, runs: int) -> list[Row]:
    """(c) add one span (commit + audit) and redraw: incremental, and the full re-read."""
    rng = random.Random(11)
    edit = view.text_edit()

    def add() -> int:
        start = rng.randrange(0, len(text) - 200)
        return evidence.add_evidence(source_id, start, start + rng.randint(20, 150),
                                     actor=ACTOR).id

    def incremental() -> None:
        view.refresh_spans([add()])
        edit.viewport().repaint()

    def full() -> None:
        add()
        view.refresh_spans()
        edit.viewport().repaint()

    view.set_source(source_id)
    incremental(), full(), add()  # warm up
    p50, p95 = _percentiles(_timed(incremental, runs))
    f50, f95 = _percentiles(_timed(full, runs))
    a50, a95 = _percentiles(_timed(add, runs))
    return [
        Row("source view: add 1 span + refresh_spans([id]) + repaint, p50", p50, "ms", a50,
            "ms add only", p50 / a50, "", None),
        Row("source view: add 1 span + refresh_spans([id]) + repaint, p95", p95, "ms", a95,
            "ms add only", p95 / a95, "<= 50 ms", p95 <= 50),
        Row("source view: add 1 span + refresh_spans() (all) + repaint, p95", f95, "ms", a95,
            "ms add only", f95 / a95, "", None),
    ]


def run(quick: bool = False) -> list[Row]:
    """Every source-view figure; `quick` runs fewer repetitions (targets still checked)."""
    from desktop.gui.widgets.source_view import SourceView

    _app()
    runs, pages = (3, 30) if quick else (10, 200)
    with tempfile.TemporaryDirectory() as folder:
        try:
            source_id, text = _build_case(Path(folder), 2_000_000, 5_000)
            view = SourceView()
            view.resize(*SIZE)
            view.show()
            bare = _bare(view.text_edit().font())
            rows = _open(view, bare, source_id, text, runs)
            rows += _scroll(view, bare, pages)
            rows += _add_one(view, source_id, text, 2 * runs)
            view.close(), bare.close()
            return rows
        finally:
            db.close_case()


if __name__ == "__main__":
    from tests.bench.table import print_table

    print_table(run(quick="--quick" in sys.argv))


BENCHES = {"source_view": lambda ctx: run(ctx.quick)}
