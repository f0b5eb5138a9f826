"""The workspace on a big case: open 2,000 sources / 20,000 spans, mark spans, change 1,000
statuses and undo that.

Opening and the status change stand beside a bare QPlainTextEdit.setPlainText of the text the
window shows; marking a span stands beside the bare service call that writes it (the span and
its audit entry in one transaction), so its ratio is what the window's updating adds.
Everything is measured in the same run.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop.domain import db, scales
from desktop.domain.models import Evidence, Incident, Source, database
from desktop.gui.settings import Settings
from desktop.services import evidence as evidence_service
from desktop.services import sources
from tests.bench import corpus
from tests.bench.context import Context
from tests.bench.table import Row

SOURCES, SPANS, INCIDENTS = 2_000, 20_000, 200
RUNS = 5
MARKS, MARK_LENGTH = 30, 40
MARK_VALUES = {"incident": 1, "supports": "narrative", "status": "unverified",
               "credibility": "6"}
OPEN_MS, MARK_MS, CHANGE_MS = 500, 30, 300


# --- every call into the app -----------------------------------------------------------------


def make_app(settings: Settings):
    from desktop.gui.app import CasefileApp

    app = CasefileApp(settings)
    # A refused edit shows a modal message, which would hang an unattended run: keep it instead
    # (each flow has its own warn/inform).
    app.bench_messages = []

    def keep(title: str, message: str) -> None:
        app.bench_messages.append(f"{title}: {message}")
    for flow in (app.session, app.cases, app.reading, app.editing, app.review, app.exchange):
        flow.warn = flow.inform = keep
    return app


def _checked(app, result):
    if app.bench_messages:
        raise RuntimeError(f"the app refused a benchmark step: {app.bench_messages[-1]}")
    return result


def open_case(app, path: Path) -> bool:
    return _checked(app, app.cases.open_case(path))


def close_case(app) -> bool:
    return _checked(app, app.cases.close_case())


def add_evidence(app, source_id: int, start: int, end: int, values: dict) -> int | None:
    return _checked(app, app.editing.add_evidence(source_id, start, end, values))


def edit_evidence(app, ids: list[int], changes: dict) -> None:
    _checked(app, app.editing.edit_evidence(ids, changes))


def undo(app) -> None:
    _checked(app, app.editing.undo())


def shown_source(app) -> int | None:
    return app.window.source_view.source_id()


def shown_text(app) -> str:
    return app.window.source_view.text_edit().toPlainText()


def painted(app) -> None:
    """Paint the whole window now, then let every queued update run (after opening a case,
    when everything on screen is new)."""
    app.window.repaint()
    QApplication.processEvents()


def updated(app) -> None:
    """Let every queued update run: each panel that a change redrew is painted again, as Qt
    paints it, and nothing else (after an edit; a whole-window repaint would add the ~7 ms of
    painting what did not change)."""
    QApplication.processEvents()


# --- the case ---------------------------------------------------------------------------------


def build_case(ctx: Context) -> Path:
    """A case of 2,000 imported sources and 20,000 evidence spans over 200 incidents."""
    path = ctx.workdir / "workspace.casefile"
    files = corpus.write_files(ctx.workdir / "workspace-files", SOURCES, seed=77)
    db.new_case(path, "Workspace benchmark", actor="bench")
    sources.import_files(files, actor="bench")
    ids = [s for (s,) in Source.select(Source.id).tuples()]
    texts = dict(Source.select(Source.id, Source.text).tuples())
    statuses = scales.STATUS_CODES
    with database.atomic():
        Incident.insert_many([{"code": f"INC-{i:03d}", "title": f"Incident {i}"}
                              for i in range(1, INCIDENTS + 1)]).execute()
        rows = []
        for n in range(SPANS):
            source_id = ids[n % len(ids)]
            start = (n // len(ids)) * 300 + 10
            text = texts[source_id]
            rows.append({"source": source_id, "start": start, "end": start + 60,
                         "quote": text[start:start + 60], "incident": n % INCIDENTS + 1,
                         "supports": "narrative", "status": statuses[n % len(statuses)],
                         "created_by": "bench"})
        for i in range(0, len(rows), 1000):
            Evidence.insert_many(rows[i:i + 1000]).execute()
    db.close_case()
    ctx.log(f"workspace case: {SOURCES} sources, {SPANS} spans")
    return path


def shared_case(ctx: Context) -> Path:
    """The 2,000-source case, built once per run (bench_start searches it too)."""
    return ctx.shared("workspace_case", lambda: build_case(ctx))


def _window(ctx: Context):
    settings = Settings(QSettings(str(ctx.workdir / "bench-settings.ini"),
                                  QSettings.Format.IniFormat))
    settings.user_name = "bench"
    settings.tour_seen = True
    app = make_app(settings)
    app.window.resize(1440, 900)
    app.window.show()
    QApplication.processEvents()
    return app


def _bare_set_text(text: str) -> float:
    edit = QPlainTextEdit()
    edit.resize(700, 600)
    edit.show()
    started = time.perf_counter()
    edit.setPlainText(text)
    edit.viewport().repaint()
    QApplication.processEvents()
    elapsed = time.perf_counter() - started
    edit.close()
    return elapsed


def _p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]


def _positions(length: int) -> list[int]:
    """MARKS span starts spread over a text of `length` characters."""
    last = length - MARK_LENGTH - 1
    return [round(i * last / (MARKS - 1)) for i in range(MARKS)]


def _timed(step) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def _marks(app) -> tuple[list[float], list[float], list[float]]:
    """Mark MARKS spans one by one in the open source through the window, then the same spans
    in another source through the bare service call; seconds of each, and the processor
    seconds of each mark through the window (what other work on the machine does not add)."""
    source_id = shown_source(app)
    other = Source.select(Source.id).where(Source.id != source_id).order_by(Source.id) \
        .limit(1).scalar()
    marked, processor = [], []
    for start in _positions(len(sources.source_text(source_id))):
        def mark(start=start):
            if add_evidence(app, source_id, start, start + MARK_LENGTH, dict(MARK_VALUES)) is None:
                raise RuntimeError(f"the span {start}–{start + MARK_LENGTH} was not marked")
            updated(app)
        used = time.process_time()
        marked.append(_timed(mark))
        processor.append(time.process_time() - used)
    bare = [_timed(lambda start=start: evidence_service.add_evidence(
                other, start, start + MARK_LENGTH, actor="bench", **MARK_VALUES))
            for start in _positions(len(sources.source_text(other)))]
    return marked, processor, bare


def bench_workspace(ctx: Context) -> list[Row]:
    QApplication.instance() or QApplication([])
    path = shared_case(ctx)
    app = _window(ctx)
    open_case(app, path)  # warm-up, not counted: Qt's first paint of filled panels (fonts,
    painted(app)  # glyph caches) happens once per process; the cold start bench measures it
    close_case(app)
    opens, bares = [], []
    for _ in range(RUNS):
        def open_painted():
            open_case(app, path)
            painted(app)
        opens.append(_timed(open_painted))
        bares.append(_bare_set_text(shown_text(app)))
        close_case(app)
    open_case(app, path)
    source_id = shown_source(app)
    marks, processor, bare_marks = _marks(app)
    others = [e for (e,) in Evidence.select(Evidence.id).where(Evidence.source != source_id)
              .limit(995).tuples()]
    own = [e for (e,) in Evidence.select(Evidence.id).where(Evidence.source == source_id)
           .tuples()]
    selected = (own + others)[:1000]
    changes, undos = [], []
    for status in ("verified", "contested", "corroborated"):
        def change(status=status):
            edit_evidence(app, selected, {"status": status})
            updated(app)

        def undo_change():
            undo(app)
            updated(app)
        changes.append(_timed(change))
        undos.append(_timed(undo_change))
    text = shown_text(app)
    bare = statistics.median(_bare_set_text(text) for _ in range(3)) * 1000
    close_case(app)
    app.window.close()
    # Written now, while the scratch folder exists: else QSettings writes it at exit, after the
    # run removed the folder, and leaves a casefile-bench-* folder behind.
    app.settings.sync()
    open_p95, bare_p95 = _p95(opens) * 1000, _p95(bares) * 1000
    mark_p95, bare_mark_p95 = _p95(marks) * 1000, _p95(bare_marks) * 1000
    change, undone = statistics.median(changes) * 1000, statistics.median(undos) * 1000
    ctx.put("workspace_details", [
        f"Marking a span through the window: median {statistics.median(marks) * 1000:.0f} ms, "
        f"fastest {min(marks) * 1000:.0f} ms, slowest {max(marks) * 1000:.0f} ms of {MARKS}; "
        f"processor time per mark: median {statistics.median(processor) * 1000:.1f} ms, "
        f"p95 {_p95(processor) * 1000:.1f} ms; "
        f"the bare service call: median {statistics.median(bare_marks) * 1000:.1f} ms."])
    return [
        Row(f"open a case of {SOURCES:,} sources, {SPANS:,} spans until painted (p95)",
            open_p95, "ms", bare_p95, "ms (setPlainText)", open_p95 / bare_p95,
            f"≤ {OPEN_MS:,} ms", open_p95 <= OPEN_MS),
        Row(f"mark one span, every panel updated ({SOURCES:,} sources, {SPANS:,} spans; "
            f"p95 of {MARKS})", mark_p95, "ms", bare_mark_p95, "ms (evidence.add_evidence)",
            mark_p95 / bare_mark_p95, f"≤ {MARK_MS} ms", mark_p95 <= MARK_MS),
        Row("change the status of 1,000 selected spans, one undo step, every panel updated "
            "(median)", change, "ms", bare, "ms (setPlainText)", change / bare,
            f"≤ {CHANGE_MS} ms", change <= CHANGE_MS),
        Row("undo that status change of 1,000 spans, every panel updated (median)", undone,
            "ms", bare, "ms (setPlainText)", undone / bare, f"≤ {CHANGE_MS} ms",
            undone <= CHANGE_MS),
    ]


def details(ctx: Context) -> list[str]:
    return ctx.get("workspace_details", [])


BENCHES = {"workspace": bench_workspace}
