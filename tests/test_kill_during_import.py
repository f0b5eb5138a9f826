"""A `casefile import` killed at any moment leaves a case that verifies, holding every file of
that import or none of them: the import is one transaction, its search index, dictionary
forms and audit entries with it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain import db, lemmas
from desktop.domain.models import Source
from desktop.services import integrity
from tests.bench import corpus
from tests.conftest import ACTOR, ROOT

ROUNDS, FILES = 10, 400


def import_and_kill(case: Path, folder: Path, delay: float | None) -> int | None:
    """Run `casefile import` on the folder and kill it after `delay` seconds (never, for
    None); its exit code when it finished first, None when it was killed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "desktop.cli", "--user", ACTOR, "import",
                              str(case), str(folder)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    if delay is None:
        return child.wait()
    time.sleep(delay)
    if child.poll() is not None:
        return child.returncode
    child.send_signal(signal.SIGKILL)
    child.wait()
    return None


@pytest.mark.slow
def test_an_import_killed_at_any_moment_leaves_all_its_files_or_none(tmp_path):
    case = tmp_path / "imports.casefile"
    db.new_case(case, "Kill during import", actor=ACTOR)
    db.close_case()
    rng = random.Random(1122026)
    held = 0
    for round_no in range(ROUNDS + 1):  # the last import is left to finish
        folder = tmp_path / f"round-{round_no}"
        folder.mkdir()
        for i, text in enumerate(corpus.texts(FILES, round_no * FILES)):
            (folder / f"source_{round_no}_{i:04d}.txt").write_text(text, encoding="utf-8")
        delay = rng.uniform(0.1, 1.2) if round_no < ROUNDS else None
        finished = import_and_kill(case, folder, delay)
        db.open_case(case)
        try:
            report = integrity.verify_case()
            assert report.ok, (round_no, report.problems)
            count = Source.select().count()
            assert count in (held, held + FILES), (round_no, held, count)
            assert finished in (None, 0)
            assert finished is None or count == held + FILES
            assert lemmas.matches_text()
        finally:
            db.close_case()
        held = count
    assert finished == 0 and held >= FILES
