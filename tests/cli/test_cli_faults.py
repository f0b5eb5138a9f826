"""`casefile …` when things go wrong underneath: an encrypted case to recover, a full disk."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop import cli
from desktop.domain import copies, db
from tests.conftest import ROOT, SEEDS


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_recover_reads_an_encrypted_case_with_its_passphrase(tmp_path, capsys):
    plain, locked = tmp_path / "plain.casefile", tmp_path / "locked.casefile"
    run("new", str(plain), capsys=capsys)
    run("import", str(plain), str(SEEDS), capsys=capsys)
    copies.encrypt_copy(plain, locked, "correct horse battery")
    secret = tmp_path / "passphrase.txt"
    secret.write_text("correct horse battery\n", encoding="utf-8")
    dest = tmp_path / "saved.casefile"
    code, out, err = run("--passphrase-file", str(secret), "recover", str(locked), str(dest),
                         capsys=capsys)
    assert code == 0, err
    assert "5 sources" in out and "Nothing was lost." in out
    assert db.inspect_case(dest, "correct horse battery") == db.SCHEMA_VERSION


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a file system of its own, 8 MB (a tmpfs: needs root, as CI runs)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a small file system is mounted as root only (CI runs as root)")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"no small file system could be mounted: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        db.close_case()
        subprocess.run(["umount", "-l", str(mount)], check=True)


def report_text(path: Path) -> None:
    rng = random.Random(1)  # words that do not compress into few pages of the index
    words = ["prisoners", "executed", "near", "Pokrovsk", "witness", "said", "surrendered"]
    path.write_text(" ".join(f"{rng.choice(words)}{rng.randrange(10_000)}"
                             for _ in range(40_000)), encoding="utf-8")


def growth_of_an_import(folder: Path, report: Path) -> tuple[int, int]:
    """(the -wal file's size after importing `report`, how much the case file grows when the
    -wal is folded in), measured on an ordinary disk."""
    from desktop.services import sources

    case = folder / "measure.casefile"
    db.new_case(case, "Measure", actor="Olena")
    db.close_case()
    before = case.stat().st_size
    db.open_case(case)
    sources.import_files([report], actor="Olena")
    wal = Path(f"{case}-wal").stat().st_size
    db.close_case()
    return wal, case.stat().st_size - before


def fill(disk: Path, leave: int) -> Path:
    """A file that takes all of `disk`'s free space but `leave` bytes."""
    stat = os.statvfs(disk)
    filler = disk / "filler"
    filler.write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - leave))
    return filler


def test_a_full_disk_after_an_import_is_said_once_and_the_case_lives_on(small_disk, tmp_path,
                                                                        capsys):
    report = tmp_path / "report.txt"
    report_text(report)
    wal, growth = growth_of_an_import(tmp_path, report)
    case = small_disk / "c.casefile"
    run("new", str(case), capsys=capsys)
    # Room for the import's -wal (and the -shm index), not for folding it into the case.
    filler = fill(small_disk, wal + 32_768 + growth // 2)
    code, out, err = run("import", str(case), str(report), capsys=capsys)
    assert code == 0 and "1 imported, 0 duplicate, 0 failed" in out
    assert err == ("casefile: c.casefile: imported; the case could not be compacted: the disk "
                   "is full; free space and open it again — keep the c.casefile-wal file "
                   "beside it\n")
    assert Path(f"{case}-wal").stat().st_size > 0
    for command in (["info", str(case)], ["sources", str(case)], ["verify", str(case)],
                    ["import", str(case), str(SEEDS)],
                    ["export", str(case), str(small_disk / "d.docx"), "--drafts"],
                    ["recover", str(case), str(small_disk / "r.casefile")],
                    ["new", str(small_disk / "n.casefile")]):
        code, out, err = run(*command, capsys=capsys)
        assert "Traceback" not in out + err, command
        said = [line for line in err.splitlines() if not line.startswith("[")]  # progress
        assert all(line.startswith("casefile: ") for line in said), (command, err)
        assert len(said) <= 2, (command, err)
    assert not [p for p in small_disk.iterdir() if p.name.startswith((".", "r.", "n.", "d."))]
    filler.unlink()  # space freed: the case opens whole and is one file again
    code, out, err = run("info", str(case), capsys=capsys)
    assert code == 0 and "Sources         1" in out and err == ""
    db.open_case(case)  # as the window opens it
    db.close_case()
    assert not Path(f"{case}-wal").exists()


def test_encryption_and_recovery_on_a_full_disk_leave_nothing_and_say_so(small_disk, capsys):
    from desktop.domain.errors import CaseOpenError
    from desktop.services import recovery

    case = small_disk / "c.casefile"
    run("new", str(case), capsys=capsys)
    run("import", str(case), str(SEEDS), capsys=capsys)
    before = case.read_bytes()
    filler = fill(small_disk, 64_000)
    with pytest.raises(CaseOpenError, match="^c.casefile: cannot be encrypted: the disk is "
                                            "full; free space and try again$"):
        db.convert_to_encrypted(case, "correct horse battery")
    with pytest.raises(CaseOpenError, match="^r.casefile: cannot be written: the disk is full; "
                                            "free space and try again$"):
        recovery.recover_case(case, small_disk / "r.casefile", actor="Olena")
    assert case.read_bytes() == before
    assert not [p for p in small_disk.iterdir() if ".partial-" in p.name or "r." in p.name]
    filler.unlink()
    db.convert_to_encrypted(case, "correct horse battery")  # space freed: done at once
    assert db.is_encrypted_file(case)


# Every command of the command line, run one after the other in one process on a case whose
# disk is full: what each prints on stderr is collected per command.
BATTERY = textwrap.dedent("""
    import contextlib, io, json, sys
    from desktop import cli
    case, folder = sys.argv[1], sys.argv[2]
    commands = [
        ["info", case], ["sources", case], ["search", case, "prisoners"], ["verify", case],
        ["facts", case], ["people", case], ["members", case],
        ["members", case, "--add", "Bob", "--role", "reviewer"],
        ["protect", case, "Ivan Petrenko", "--role", "witness"],
        ["review", case, "approve", "E-001"], ["submit", case, "INC-002"],
        ["annotations", case, folder + "/a.jsonld"], ["registers", case, folder],
        ["reindex", case], ["export", case, folder + "/d.docx", "--drafts"],
        ["import", case, sys.argv[3]], ["recover", case, folder + "/r.casefile"],
        ["demo", folder + "/demo.casefile"], ["new", folder + "/n.casefile"],
    ]
    said = []
    for command in commands:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            cli.main(["--user", "Olena", *command])
        said.append([command[0], err.getvalue()])
    print(json.dumps(said))
""")


@pytest.mark.slow
@pytest.mark.parametrize("room", [0, 60_000, 200_000])
def test_no_command_prints_a_traceback_on_a_full_disk(worked_case, case_path, small_disk,
                                                      room):
    db.close_case()
    case = small_disk / "c.casefile"
    shutil.copyfile(case_path, case)
    fill(small_disk, room)
    child = subprocess.run([sys.executable, "-c", BATTERY, str(case), str(small_disk),
                            str(SEEDS)], capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.returncode == 0 and not child.stderr, child.stderr  # nothing outside them
    errors = json.loads(child.stdout)
    assert any("the disk is full" in err for _, err in errors)  # the disk was full
    for command, err in errors:
        said = [line for line in err.splitlines() if not line.startswith("[")]  # progress
        assert all(line.startswith("casefile: ") for line in said), (command, err)
        assert len(said) <= 2, (command, err)
    assert not [p.name for p in small_disk.iterdir() if ".partial-" in p.name]
