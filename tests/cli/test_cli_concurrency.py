"""Two writers at once: the command line and a window, or two commands in two terminals."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SEEDS

#: Runs `casefile ARGS…`, but stores only once both racers have parsed their files and found
#: no duplicate: the moment at which two imports of the same files collide.
RACER = """
import sys, time
from pathlib import Path
from desktop import cli
from desktop.services import sources

me, other = Path(sys.argv[1]), Path(sys.argv[2])
real_store = sources._store

def store_when_both_have_parsed(*args, **kwargs):
    me.touch()
    while not other.exists():
        time.sleep(0.01)
    return real_store(*args, **kwargs)

sources._store = store_when_both_have_parsed
sys.exit(cli.main(sys.argv[3:]))
"""

#: Holds the case's lock file as a Casefile window does, until its stdin closes.
WINDOW = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1] + ".lock")
lock.setStaleLockTime(0)
assert lock.tryLock(100)
print("open", flush=True)
sys.stdin.read()
"""


def casefile(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", "--user", "Olena", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_two_imports_of_the_same_files_at_once_give_one_import_and_duplicates(tmp_path):
    case = str(tmp_path / "c.casefile")
    assert casefile("new", case).returncode == 0
    a, b = tmp_path / "a.parsed", tmp_path / "b.parsed"
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(me), str(other), "--user",
                                "Olena", "import", case, str(SEEDS)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT)
              for me, other in ((a, b), (b, a))]
    results = [(p.wait(timeout=120), *p.communicate()) for p in racers]
    assert [code for code, _, _ in results] == [0, 0]
    assert all(line.startswith("[") for _, _, err in results for line in err.splitlines())
    summaries = sorted(out.splitlines()[-1] for _, out, _ in results)
    assert summaries == ["0 imported, 5 duplicate, 0 failed",
                         "5 imported, 0 duplicate, 0 failed"]
    assert casefile("sources", case).stdout.count("S-00") == 5


def test_a_case_open_in_a_window_is_not_written_from_the_command_line(tmp_path):
    case = str(tmp_path / "c.casefile")
    casefile("new", case)
    window = subprocess.Popen([sys.executable, "-c", WINDOW, case], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert window.stdout.readline() == "open\n"
        refused = casefile("import", case, str(SEEDS))
        assert refused.returncode == 1 and refused.stdout == ""
        assert refused.stderr == (f"casefile: c.casefile: is open in a Casefile window "
                                  f"(process {window.pid}); make the change there, or close "
                                  "the case in the window and run this command again\n")
        assert casefile("members", case, "--add", "Taras", "--role", "reviewer").returncode == 1
        reading = casefile("info", case)  # reading is no harm to the window
        assert reading.returncode == 0 and "Sources         0" in reading.stdout
    finally:
        window.communicate("", timeout=60)
    assert casefile("import", case, str(SEEDS)).returncode == 0


def test_a_lock_file_left_by_a_window_that_has_gone_is_no_lock(tmp_path):
    case = str(tmp_path / "c.casefile")
    casefile("new", case)
    window = subprocess.Popen([sys.executable, "-c", WINDOW, case], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert window.stdout.readline() == "open\n"
    window.kill()  # the window crashed: its lock file stays behind
    window.wait(timeout=60)
    assert (tmp_path / "c.casefile.lock").exists()
    done = casefile("import", case, str(SEEDS))
    assert done.returncode == 0 and "5 imported" in done.stdout


def test_a_case_another_writer_holds_too_long_is_one_line_asking_to_try_again(
        tmp_path, capsys, monkeypatch):
    import sqlite3

    from desktop import cli
    from desktop.domain import db

    case = tmp_path / "c.casefile"
    assert cli.main(["new", str(case)]) == 0
    monkeypatch.setitem(db.PRAGMAS, "busy_timeout", 50)  # ms: give up waiting at once
    other = sqlite3.connect(case, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer, in the middle of its transaction
    try:
        capsys.readouterr()
        code = cli.main(["--user", "Olena", "import", str(case), str(SEEDS)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines()[-1] == ("casefile: c.casefile: another Casefile command or window "
                                    "is writing to it; try again when it has finished")


def test_every_command_that_opens_a_case_for_writing_is_refused_beside_a_window():
    """A command that opens its case with `_open(args)` (not read-only) writes to it."""
    import inspect

    from desktop import cli

    for command, func in cli.build_parser()._subparsers._group_actions[0].choices.items():
        handler = func.get_default("func")
        source = inspect.getsource(handler)
        writes = "_open(args)" in source or "_open_to_export(args)" in source
        if writes and command != "members":  # members writes only with --add or --one-person
            assert command in cli.WRITING_COMMANDS, command
