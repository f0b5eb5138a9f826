"""Kill the app (SIGKILL) at random moments of a long editing session, fifty times.

After every kill the case must open, pass verify, and hold every edit whose commit had
returned (the child prints a line only after the edit's command returned).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.domain import db
from desktop.domain.models import Evidence, Incident
from desktop.services import integrity
from tests.conftest import ACTOR, ROOT, SEEDS

KILLS = 50

EDITING_SESSION = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from desktop.gui.app import CasefileApp
    from desktop.domain.models import Source
    from desktop.gui.settings import Settings

    case, settings_file, round_no = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    qt = QApplication([])
    settings = Settings(QSettings(settings_file, QSettings.Format.IniFormat))
    settings.user_name = "Scripted documenter"
    app = CasefileApp(settings)
    assert app.cases.open_case(case)
    sources = [s for (s,) in Source.select(Source.id).tuples()]
    incident = app.editing.add_incident() or app.window.incident_form.incident_id()
    print("incident", incident, "created", flush=True)
    step = 0
    while True:
        step += 1
        source = sources[step % len(sources)]
        start = (step * 37) % 900
        span = app.editing.add_evidence(source, start, start + 12,
                                {"incident": incident, "supports": "victims",
                                 "asserted_value": f"{round_no}-{step}"})
        print("span", span, f"{round_no}-{step}", flush=True)
        app.editing.edit_evidence([span], {"status": "corroborated", "note": f"n{round_no}-{step}"})
        print("status", span, f"n{round_no}-{step}", flush=True)
        app.editing.edit_incident(incident, {"narrative": f"narrative {round_no}-{step}"})
        print("narrative", incident, f"narrative {round_no}-{step}", flush=True)
""")


def run_and_kill(case: Path, settings: Path, round_no: int, rng: random.Random) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", EDITING_SESSION, str(case), str(settings),
                              str(round_no)], stdout=subprocess.PIPE, text=True, env=env,
                             cwd=ROOT)
    lines = [child.stdout.readline().strip()]  # the session is under way
    assert lines[0].startswith("incident"), lines
    time.sleep(rng.uniform(0.0, 0.4))
    child.send_signal(signal.SIGKILL)
    child.wait()
    rest = child.stdout.read().split("\n")
    # A line cut by the kill is dropped: only whole lines report a returned commit.
    lines += [line.strip() for line in rest[:-1] if line.strip()]
    return lines


def assert_committed(lines: list[str]) -> None:
    for line in lines:
        kind, object_id, value = line.split(" ", 2)
        if kind == "incident":
            assert Incident.get_or_none(Incident.id == int(object_id)) is not None
        elif kind == "span":
            assert Evidence.get_by_id(int(object_id)).asserted_value == value
        elif kind == "status":
            span = Evidence.get_by_id(int(object_id))
            assert (span.status, span.note) == ("corroborated", value)
        elif kind == "narrative":
            # The last reported narrative, or a later one whose commit returned just before
            # the kill and had no time to be reported.
            stored = _step(Incident.get_by_id(int(object_id)).narrative)
            assert stored >= _step(value)


def _step(narrative: str) -> tuple[int, int]:
    """(round, step) of a narrative written by the session: "narrative 3-17" → (3, 17)."""
    round_no, step = narrative.removeprefix("narrative ").split("-")
    return int(round_no), int(step)


@pytest.mark.slow
def test_every_returned_edit_survives_fifty_kills(tmp_path):
    from desktop.services import sources

    case = tmp_path / "session.casefile"
    db.new_case(case, "Kill test", actor=ACTOR)
    sources.import_files(sorted(SEEDS.glob("*.txt")), actor=ACTOR)
    db.close_case()
    rng = random.Random(6092024)
    settings = tmp_path / "settings.ini"
    for round_no in range(KILLS):
        lines = run_and_kill(case, settings, round_no, rng)
        db.open_case(case)
        try:
            report = integrity.verify_case()
            assert report.ok, (round_no, report.problems)
            assert_committed(lines)
        finally:
            db.close_case()
