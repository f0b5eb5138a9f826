"""Casefile as processes: the GUI's cold start to a painted window, and `casefile search`.

Both are measured as a user meets them, a new process each run, beside a bare process doing
the same visible work in the same run: the GUI beside a PySide6 script that shows a window
with a QPlainTextEdit holding a demo source's text; the search beside `python -c` that imports
peewee and runs the same FTS5 query. Runs alternate, so noise hits both alike.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from desktop.services import search
from tests.bench import bench_workspace
from tests.bench.context import Context
from tests.bench.table import Row

ROOT = Path(__file__).resolve().parents[2]
START_RUNS, START_RUNS_QUICK = 7, 3
SEARCH_RUNS, SEARCH_RUNS_QUICK = 7, 3
START_MS, START_RATIO = 1_000, 2.0
SEARCH_RATIO = 2.0
SEARCH_WORD, SEARCH_LIMIT = "prisoners", 50
TIMEOUT = 120  # seconds: a process that hangs (a modal dialog, say) fails the run, not blocks it

# Started with the case (or a text file) to show. It notes the clock first, and after the
# first paint pass over a main window prints the clock again and exits on the spot: what
# comes after the window is painted is not start-up. With `--phases` it also notes when the
# GUI's modules are imported.
DRIVER = '''\
import time

STARTED = time.time()

import json, os, sys  # noqa: E401, E402

if sys.argv[1] == "casefile":
    # As `casefile-gui` starts: its script imports the entry point, and so the package and
    # peewee, before the window imports Qt (what is imported after Qt, PySide6 looks through).
    import desktop.__main__  # noqa: E402, F401

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QWidget  # noqa: E402

marks = {"started": STARTED}


class FirstPaint(QObject):
    window = None

    def eventFilter(self, watched, event):  # noqa: N802
        if (self.window is None and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget) and isinstance(watched.window(), QMainWindow)):
            self.window = watched.window()
            QTimer.singleShot(0, self.report)  # runs once the whole paint pass is done
        return False

    def report(self):
        marks["painted"] = time.time()
        marks["chars"] = max((len(e.toPlainText())
                              for e in self.window.findChildren(QPlainTextEdit)), default=0)
        marks["title"] = self.window.windowTitle()
        print(json.dumps(marks), flush=True)
        os._exit(0)


mode, shown = sys.argv[1], sys.argv[2]
watcher = FirstPaint()
if mode == "casefile":
    # The GUI's own entry point (`casefile-gui CASE`). Its main() takes the QApplication made
    # here, so the watcher sees the first paint.
    sys.argv = ["casefile-gui", shown]
    app = QApplication(sys.argv)
    app.installEventFilter(watcher)
    if "--phases" in os.environ.get("CASEFILE_BENCH", ""):
        import desktop.gui.app  # noqa: F401  (main imports it next; here it is timed)
        marks["imported"] = time.time()
    from desktop.__main__ import main
    main()
else:
    app = QApplication(["bare"])
    app.installEventFilter(watcher)
    window = QMainWindow()
    edit = QPlainTextEdit()
    with open(shown, encoding="utf-8") as file:
        edit.setPlainText(file.read())
    window.setCentralWidget(edit)
    window.resize(1440, 900)
    window.show()
    app.exec()
print("the window was never painted", file=sys.stderr)
sys.exit(1)
'''

# The baseline of `casefile search`: peewee imported, the case opened, the query casefile
# runs, and the hits printed.
BARE_SEARCH = '''\
import sys
import peewee
db = peewee.SqliteDatabase(sys.argv[1])
rows = db.execute_sql(sys.argv[2], (sys.argv[3], int(sys.argv[4]), 0)).fetchall()
for source_id, title, _publisher, _rank, snippet in rows:
    print(f"S-{source_id:03d}  {title}\\n        {' '.join(snippet.split())}")
print(f"{len(rows)} sources found")
db.close()
'''

# What casefile's search runs (desktop/services/search.py), should its private name change.
QUERY = """
SELECT s.id, s.title, s.publisher, source_index.rank,
       snippet(source_index, 0, '\ue000', '\ue001', '…', 24)
FROM source_index JOIN source AS s ON s.id = source_index.rowid
WHERE source_index MATCH ?
ORDER BY source_index.rank
LIMIT ? OFFSET ?
"""


#: Where measured processes keep their bytecode (set per run, in the scratch folder).
PYCACHE: Path | None = None


def _env(**extra: str) -> dict[str, str]:
    """The environment of a measured process: this checkout's code first, offscreen Qt, and
    compiled bytecode kept between runs as an installed Casefile has it (a pip install or the
    bundle ships .pyc files), even where the shell says not to write bytecode."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CASEFILE_USER="bench")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if PYCACHE is not None:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env.update(extra)
    return env


def _keep_bytecode(ctx: Context) -> None:
    global PYCACHE
    PYCACHE = ctx.workdir / "pycache"


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=TIMEOUT)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}… exited with {result.returncode}: "
                           f"{result.stderr.strip()[-500:]}")
    return result


# --- 1. GUI cold start ------------------------------------------------------------------------


class Home:
    """A home folder of its own, so the user's settings, log and first-run tour are untouched:
    QSettings and QStandardPaths follow $HOME and the XDG variables."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.config = folder / "config"
        self.env = _env(HOME=str(folder), XDG_CONFIG_HOME=str(self.config),
                        XDG_DATA_HOME=str(folder / "data"), XDG_CACHE_HOME=str(folder / "cache"),
                        XDG_STATE_HOME=str(folder / "state"))

    def reset(self) -> None:
        """Settings as after a first run: name given and tour seen (no modal dialog), English
        interface, nothing recent, no saved layout (each run starts alike)."""
        settings = self.config / "Casefile" / "Casefile.conf"  # QSettings("Casefile", "Casefile")
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text("[ui]\nlanguage=en\ntourSeen=true\n\n[user]\nname=bench\n",
                            encoding="utf-8")


def _first_source_text(case: Path) -> str:
    """The text the window shows when the case opens: its first source's."""
    con = sqlite3.connect(f"file:{case}?mode=ro", uri=True)
    try:
        return con.execute("SELECT text FROM source ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        con.close()


def _start(driver: Path, mode: str, shown: Path, home: Home, phases: bool = False) -> dict:
    """One process from spawn to its painted window: times in ms since the spawn."""
    home.reset()
    Path(f"{shown}.lock").unlink(missing_ok=True)  # left by the previous run's hard exit
    env = dict(home.env, CASEFILE_BENCH="--phases" if phases else "")
    spawned = time.time()
    result = _run([sys.executable, str(driver), mode, str(shown)], env)
    marks = json.loads(result.stdout.strip().splitlines()[-1])
    if not marks["chars"]:
        raise RuntimeError(f"{mode}: the first paint showed no text ({marks['title']!r})")
    return {key: (value - spawned) * 1000 if isinstance(value, float) else value
            for key, value in marks.items()}


def bench_cold_start(ctx: Context) -> list[Row]:
    _keep_bytecode(ctx)
    runs = START_RUNS_QUICK if ctx.quick else START_RUNS
    folder = ctx.workdir / "start"
    folder.mkdir(exist_ok=True)
    case = folder / "demo.casefile"
    _run([sys.executable, "-m", "desktop.cli", "demo", str(case)], _env())
    text = folder / "demo-source.txt"
    text.write_text(_first_source_text(case), encoding="utf-8")
    driver = folder / "first_paint.py"
    driver.write_text(DRIVER, encoding="utf-8")
    home = Home(folder / "home")
    ctx.log(f"start: GUI cold start, {runs} runs each (and one warm-up)")
    _start(driver, "casefile", case, home)  # warm-up: files in the OS cache, .pyc written
    _start(driver, "bare", text, home)
    gui, bare = [], []
    for _ in range(runs):
        gui.append(_start(driver, "casefile", case, home))
        bare.append(_start(driver, "bare", text, home))
    phases = _start(driver, "casefile", case, home, phases=True)
    value = statistics.median(r["painted"] for r in gui)
    baseline = statistics.median(r["painted"] for r in bare)
    ratio = value / baseline
    launch = statistics.median(r["started"] for r in gui)
    ctx.put("start_details", [
        f"GUI cold start, one run by phase (ms since spawn): interpreter up "
        f"{phases['started']:.0f}, GUI modules imported {phases['imported']:.0f}, window "
        f"painted with the case open {phases['painted']:.0f}. Median interpreter start "
        f"{launch:.0f} ms; bare script painted at {baseline:.0f} ms.",
        *_import_costs("GUI", [sys.executable, "-X", "importtime", str(driver), "casefile",
                               str(case)], home)])
    return [Row(f"GUI cold start, process start to painted window on the demo case "
                f"(median of {runs})", value, "ms", baseline, "ms (bare PySide6 window)",
                ratio, f"≤ {START_MS:,} ms, ≤ {START_RATIO:g}x",
                value <= START_MS and ratio <= START_RATIO)]


# --- 2. `casefile search` as a process ---------------------------------------------------------


def _timed_process(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = _run(command, env)
    return (time.perf_counter() - started) * 1000, result.stdout


def _found(output: str) -> int:
    match = re.search(r"^(\d+) sources? found$", output.strip().splitlines()[-1])
    if match is None:
        raise RuntimeError(f"unexpected search output: {output.strip()[-200:]!r}")
    return int(match.group(1))


def bench_search_process(ctx: Context) -> list[Row]:
    runs = SEARCH_RUNS_QUICK if ctx.quick else SEARCH_RUNS
    case = bench_workspace.shared_case(ctx)
    _keep_bytecode(ctx)
    env = _env()
    casefile = [sys.executable, "-m", "desktop.cli", "search", str(case), SEARCH_WORD,
                "--limit", str(SEARCH_LIMIT)]
    query = getattr(search, "_QUERY", QUERY)
    bare = [sys.executable, "-c", BARE_SEARCH, str(case), query, search.fts_query(SEARCH_WORD),
            str(SEARCH_LIMIT)]
    ctx.log(f"start: `casefile search` as a process, {runs} runs each (and one warm-up)")
    hits = _found(_timed_process(casefile, env)[1])
    if _found(_timed_process(bare, env)[1]) != hits:
        raise RuntimeError("the bare search finds other hits than `casefile search`")
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(_timed_process(casefile, env)[0])
        theirs.append(_timed_process(bare, env)[0])
    value, baseline = statistics.median(ours), statistics.median(theirs)
    ratio = value / baseline
    details = ctx.get("start_details", [])
    details += _import_costs("`casefile search`",
                             [sys.executable, "-X", "importtime", *casefile[1:]], None)
    ctx.put("start_details", details)
    return [Row(f"`casefile search {SEARCH_WORD}` process, {bench_workspace.SOURCES:,} sources, "
                f"top {hits} hits (median of {runs})", value, "ms", baseline,
                "ms (python -c peewee)", ratio, f"≤ {SEARCH_RATIO:g}x", ratio <= SEARCH_RATIO)]


def _import_costs(what: str, command: list[str], home: Home | None) -> list[str]:
    """One line: the packages whose first import costs the process most (`-X importtime`)."""
    if home is not None:
        home.reset()
        Path(f"{command[-1]}.lock").unlink(missing_ok=True)
    result = subprocess.run(command, env=home.env if home else _env(), cwd=ROOT,
                            capture_output=True, text=True, timeout=TIMEOUT)
    # Children print before their parent, deeper: read backwards, each entry comes after its
    # parent, and a package's cost is that of its entries not nested in one of its own.
    costs: dict[str, int] = {}
    total = 0
    outer: list[tuple[int, str]] = []  # (depth, package) of the entries around this one
    for line in reversed(result.stderr.splitlines()):
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( +)(\S+)$", line)
        if not match:
            continue
        micros, depth, root = int(match.group(1)), len(match.group(2)), match.group(3)
        root = root.split(".")[0]
        while outer and outer[-1][0] >= depth:
            outer.pop()
        if depth == 1:
            total += micros
        if all(package != root for _, package in outer):
            costs[root] = costs.get(root, 0) + micros
        outer.append((depth, root))
    own = costs.pop("desktop", 0)
    top = sorted(costs.items(), key=lambda item: -item[1])[:6]
    return [f"{what}: imports take {total / 1000:.0f} ms under -X importtime, Casefile's "
            f"modules {own / 1000:.0f} ms with what they pull in; the costliest packages: "
            + ", ".join(f"{name} {micros / 1000:.0f} ms" for name, micros in top)]


def details(ctx: Context) -> list[str]:
    return ctx.get("start_details", [])


BENCHES = {"start": lambda ctx: bench_cold_start(ctx) + bench_search_process(ctx)}
