"""The workspace on a big case: open 2,000 sources / 20,000 spans, change 1,000 statuses.

Each figure stands beside a bare QPlainTextEdit.setPlainText of the text the window shows,
measured in the same run.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop.domain import db, scales
from desktop.domain.models import Evidence, Incident, Source, database
from desktop.gui.app import CasefileApp
from desktop.gui.settings import Settings
from desktop.services import sources
from tests.bench import corpus
from tests.bench.context import Context
from tests.bench.table import Row

SOURCES, SPANS, INCIDENTS = 2_000, 20_000, 200
RUNS = 5


def _build(ctx: Context) -> Path:
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


def _window(ctx: Context) -> CasefileApp:
    settings = Settings(QSettings(str(ctx.workdir / "bench-settings.ini"),
                                  QSettings.Format.IniFormat))
    settings.user_name = "bench"
    app = CasefileApp(settings)
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


def bench_workspace(ctx: Context) -> list[Row]:
    QApplication.instance() or QApplication([])
    path = ctx.shared("workspace_case", lambda: _build(ctx))
    app = _window(ctx)
    opens, bares = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        app.open_case(path)
        app.window.repaint()
        QApplication.processEvents()
        opens.append(time.perf_counter() - started)
        bares.append(_bare_set_text(app.window.source_view.text_edit().toPlainText()))
        app.close_case()
    app.open_case(path)
    source_id = app.window.source_view.source_id()
    others = [e for (e,) in Evidence.select(Evidence.id).where(Evidence.source != source_id)
              .limit(995).tuples()]
    own = [e for (e,) in Evidence.select(Evidence.id).where(Evidence.source == source_id)
           .tuples()]
    selected = (own + others)[:1000]
    changes = []
    for status in ("verified", "contested", "corroborated"):
        started = time.perf_counter()
        app.edit_evidence(selected, {"status": status})
        app.window.repaint()
        QApplication.processEvents()
        changes.append(time.perf_counter() - started)
    text = app.window.source_view.text_edit().toPlainText()
    bare = statistics.median(_bare_set_text(text) for _ in range(3))
    app.close_case()
    app.window.close()
    open_p95, bare_p95 = _p95(opens) * 1000, _p95(bares) * 1000
    change = statistics.median(changes) * 1000
    return [
        Row(f"open a case of {SOURCES:,} sources, {SPANS:,} spans until painted (p95)",
            open_p95, "ms", bare_p95, "ms (setPlainText)", open_p95 / bare_p95,
            "≤ 1,000 ms", open_p95 <= 1000),
        Row("change the status of 1,000 selected spans, one undo step (median)", change, "ms",
            bare * 1000, "ms (setPlainText)", change / (bare * 1000), "≤ 1,000 ms",
            change <= 1000),
    ]


BENCHES = {"workspace": bench_workspace}
