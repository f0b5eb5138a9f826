"""Kill Casefile (SIGKILL) while it writes a file beside the case: a recovery, a hand-over
copy, a dossier, an encryption.

The child stops at the chosen step (it prints where it is and waits), and is killed there. After
each kill the case must open and verify, the trail must agree with the files on disk once the
case is opened again, nothing half-written may stand under a real name, and doing it again must
work.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.domain import db
from desktop.domain.models import AuditEntry
from desktop.services import handover, integrity, outgoing, recovery
from tests.conftest import ACTOR, ROOT

pytestmark = pytest.mark.slow

# The child: does one write, and halts (printing "halted") at the step named on its command
# line, waiting to be killed there.
CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from desktop.domain import copies, db, files
    from desktop.services import export, handover, outgoing, recovery

    job, case, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])

    def halt(*_args, **_kwargs):
        print("halted", flush=True)
        sys.stdin.read()  # killed here

    def after(real):
        def halting(*args, **kwargs):
            result = real(*args, **kwargs)
            halt()
            return result
        return halting

    if job == "recover":  # in the middle of copying the rows
        recovery._insert = halt
        recovery.recover_case(case, target, actor="Killed")
    elif job == "encrypt":  # the encrypted copy written, before it replaces the plain case
        copies._export_checked = after(copies._export_checked)
        db.convert_to_encrypted(case, "correct horse battery")
    else:
        step, what = job.split(":")  # "intent:handover" halts after the intent is recorded,
        if step == "intent":         # before the rename; "rename:…" after the rename
            outgoing.intend = after(outgoing.intend)
        else:
            outgoing.done = halt
        db.open_case(case)
        if what == "handover":
            handover.save_copy(target, actor="Killed")
        else:
            export.export_dossier(target, export.DossierOptions(incidents="drafts"),
                                  actor="Killed")
""")


def kill_at(job: str, case: Path, target: Path) -> None:
    """Run the child until it halts at its step, then SIGKILL it there."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, job, str(case), str(target)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    line = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert line == "halted", child.stderr.read()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def partials(folder: Path) -> list[str]:
    return [name for name in names(folder) if ".partial-" in name]


def reopened(case: Path) -> list[str]:
    """Open the case as the window and the command line do: reconcile, then verify."""
    db.open_case(case)
    settled = outgoing.reconcile(actor=ACTOR)
    report = integrity.verify_case()
    assert report.ok, report.problems
    return settled


def last_actions(n: int) -> list[str]:
    entries = AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(n)
    return [e.action for e in entries][::-1]


@pytest.fixture
def closed_case(worked_case, case_path) -> Path:
    db.close_case()
    return case_path


def test_a_killed_recovery_leaves_no_case_and_the_retry_succeeds(closed_case, tmp_path):
    dest = tmp_path / "recovered.casefile"
    kill_at("recover", closed_case, dest)
    assert not dest.exists() and partials(tmp_path)
    report = recovery.recover_case(closed_case, dest, actor=ACTOR)
    assert report.complete and not partials(tmp_path)


@pytest.mark.parametrize("what", ["handover", "dossier"])
def test_a_kill_after_the_intent_leaves_no_file_and_the_trail_says_so(closed_case, tmp_path,
                                                                        what):
    target = tmp_path / ("copy.casefile" if what == "handover" else "dossier.docx")
    kill_at(f"intent:{what}", closed_case, target)
    assert not target.exists()
    settled = reopened(closed_case)  # also removes the killed write's temporary files
    assert settled == [f"{target.name} is not in place as it was written: cut short before "
                       "its rename, or moved or changed since"]
    action = "case.handover" if what == "handover" else "dossier.export"
    assert last_actions(2) == [f"{action}.intent", f"{action}.abandoned"]
    assert not partials(tmp_path)
    assert reopened(closed_case) == []  # settled once
    db.close_case()


def test_a_kill_after_a_hand_over_copy_is_in_place_is_recorded_on_open(closed_case, tmp_path):
    copy = tmp_path / "copy.casefile"
    kill_at("rename:handover", closed_case, copy)
    manifest = tmp_path / ("copy.casefile" + handover.MANIFEST_SUFFIX)
    assert copy.exists() and manifest.exists()  # never a copy without its manifest
    settled = reopened(closed_case)
    assert len(settled) == 1 and "recorded when the case was next opened" in settled[0]
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "case.handover" and entry.after["recorded_on_open"]
    assert entry.after["sha256"] == handover.file_sha256(copy)
    again = handover.save_copy(tmp_path / "copy 2.casefile", actor=ACTOR)  # saving goes on
    assert again["file"] == "copy 2.casefile"
    db.close_case()


def test_a_kill_before_a_hand_over_copy_is_in_place_does_not_refuse_the_retry(closed_case,
                                                                             tmp_path):
    copy = tmp_path / "copy.casefile"
    kill_at("intent:handover", closed_case, copy)
    db.open_case(closed_case)
    manifest = handover.save_copy(copy, actor=ACTOR)  # the same name: not refused
    assert manifest["sha256"] == handover.file_sha256(copy)
    assert not partials(tmp_path)
    db.close_case()


def test_a_kill_after_a_dossier_is_in_place_is_recorded_on_open(closed_case, tmp_path):
    dossier = tmp_path / "dossier.docx"
    kill_at("rename:dossier", closed_case, dossier)
    assert dossier.exists()
    reopened(closed_case)
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "dossier.export" and entry.after["recorded_on_open"]
    assert entry.after["sha256"] == handover.file_sha256(dossier)
    assert entry.after["edition"] == "full"  # the entry the export would have written
    db.close_case()


def test_a_killed_encryption_leaves_the_plain_case_and_its_partial_is_removed(closed_case,
                                                                            tmp_path):
    before = closed_case.read_bytes()
    kill_at("encrypt", closed_case, tmp_path / "unused")
    left = partials(tmp_path)
    assert left and closed_case.read_bytes() == before
    reopened(closed_case)  # the next start: the hidden copy is removed
    db.close_case()
    assert not partials(tmp_path)
    db.convert_to_encrypted(closed_case, "correct horse battery")  # and it can be done again
    assert db.inspect_case(closed_case, "correct horse battery") == db.SCHEMA_VERSION
