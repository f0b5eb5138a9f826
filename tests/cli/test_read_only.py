"""Reading a case never changes it: not a byte, also on a read-only folder or medium."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import cli
from desktop.domain import db
from desktop.services import handover
from tests.conftest import FIXTURES, ROOT, SEEDS

READING = [("info",), ("sources",), ("search", "Phenol"), ("verify",), ("facts",), ("people",)]
NOBODY = 65534


def _fingerprint(path: Path) -> tuple[str, list[str]]:
    """The file's SHA-256 and the files beside it named after it (-wal, -shm, -journal)."""
    beside = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))
    return hashlib.sha256(path.read_bytes()).hexdigest(), beside


def _worked(path: Path) -> Path:
    from tests.worked_case import build_worked_case

    db.new_case(path, "Executions of surrendered POWs", actor="Olena", reference="UA-7")
    build_worked_case(sorted(SEEDS.glob("*.txt")), "Olena")
    db.close_case()
    return path


def _handover_copy(folder: Path) -> Path:
    """A hand-over copy (in WAL mode, one file) of the worked case, without its manifest
    beside it."""
    _worked(folder / "original.casefile")
    db.open_case(folder / "original.casefile")
    copy = folder / "copy.casefile"
    handover.save_copy(copy, actor="Olena")
    db.close_case()
    return copy


def _sealed(folder: Path) -> tuple[Path, Path]:
    """An encrypted case with one source, closed, and a file with its passphrase."""
    from desktop.services import sources

    pytest.importorskip("sqlcipher3")
    case, secret = folder / "sealed.casefile", folder / "pass.txt"
    db.new_case(case, "Sealed", passphrase="seven silent witnesses at dawn")
    sources.import_files(sorted(SEEDS.glob("*.txt"))[:1], actor="Olena")
    db.close_case()
    secret.write_text("seven silent witnesses at dawn\n")
    return case, secret


def _run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_reading_a_handover_copy_leaves_it_byte_for_byte(tmp_path, capsys, command):
    copy = _handover_copy(tmp_path)
    before = _fingerprint(copy)
    code, _, err = _run(command[0], str(copy), *command[1:], capsys=capsys)
    assert code == 0, err
    assert _fingerprint(copy) == before
    assert copy.read_bytes()[18:20] == b"\x02\x02"  # in WAL mode, as written, one file


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_reading_a_closed_case_leaves_it_byte_for_byte(tmp_path, capsys, command):
    case = _worked(tmp_path / "pow.casefile")
    before = _fingerprint(case)
    assert _run(command[0], str(case), *command[1:], capsys=capsys)[0] == 0
    assert _fingerprint(case) == before


def test_a_copy_verified_against_its_manifest_still_matches_it_after(tmp_path, capsys):
    copy = _handover_copy(tmp_path)
    manifest = str(copy) + handover.MANIFEST_SUFFIX
    for _ in range(2):
        code, out, _ = _run("verify", str(copy), "--manifest", manifest, capsys=capsys)
        assert code == 0 and out.startswith("Integrity verified"), out
        assert out.endswith("It matches its hand-over manifest copy.casefile.manifest.json.\n")


def test_an_encrypted_case_is_read_without_a_byte_changing(tmp_path, capsys):
    case, secret = _sealed(tmp_path)
    before = _fingerprint(case)
    for command in READING:
        code, _, err = _run("--passphrase-file", str(secret), command[0], str(case),
                            *command[1:], capsys=capsys)
        assert code == 0, (command, err)
    assert _fingerprint(case) == before


def test_an_encrypted_read_only_case_is_not_exported_from(tmp_path, monkeypatch, capsys):
    case, secret = _sealed(tmp_path)
    before = _fingerprint(case)
    monkeypatch.setattr(db, "is_writable", lambda path: False)  # as on a write-blocked copy
    code, _, err = _run("--passphrase-file", str(secret), "annotations", str(case),
                        str(tmp_path / "spans.jsonld"), "--unrecorded", capsys=capsys)
    assert code == 0, err  # annotations need no audit entry: read straight from the file
    code, _, err = _run("--passphrase-file", str(secret), "export", str(case),
                        str(tmp_path / "dossier.docx"), "--drafts", "--unrecorded", capsys=capsys)
    assert code == 1
    assert err.startswith("casefile: sealed.casefile: is encrypted and read-only, so an export")
    assert not (tmp_path / "dossier.docx").exists()
    assert _fingerprint(case) == before


def test_an_older_case_is_read_upgraded_in_memory_and_left_as_it_was(tmp_path, capsys):
    old = tmp_path / "old.casefile"
    con = sqlite3.connect(old)
    con.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    con.close()
    before = _fingerprint(old)
    code, out, _ = _run("info", str(old), capsys=capsys)
    assert code == 0 and "Incidents       1" in out
    assert (f"File format     1 (read as {db.SCHEMA_VERSION}; the file is upgraded when opened "
            "for editing)") in out
    assert _fingerprint(old) == before
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1


# ---------------------------------------------------------------- on a read-only medium
def _can(argv: list[str]) -> bool:
    try:
        return subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _read_only_runner(folder: Path) -> list[str] | None:
    """How to run a command that finds `folder` read-only, even as root (who writes to any
    file whatever its mode): in a mount namespace where `folder` is bound read-only, or as
    the user nobody. None when neither can be done here."""
    if os.geteuid() != 0:
        return []  # the folder's and file's modes are enough
    bind = ["unshare", "--mount", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"',
            str(folder)]
    if shutil.which("unshare") and _can([*bind, "sh", "-c", f"! touch {folder}/probe"]):
        return bind
    as_nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if shutil.which("setpriv") and _can([*as_nobody, sys.executable, "-c",
                                         "import desktop.cli, peewee"]):
        return as_nobody
    return None


@pytest.fixture
def medium() -> Iterator[Path]:
    """A folder outside root's private temporary folders (so nobody can reach it), removed
    after the test."""
    folder = Path(tempfile.mkdtemp(prefix="casefile-medium-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_every_reading_command_works_on_a_read_only_medium(medium, capsys):
    case_folder, out = medium / "evidence-copy", medium / "out"
    case_folder.mkdir()
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    case = _handover_copy(case_folder)
    runner = _read_only_runner(case_folder)
    if runner is None:
        pytest.skip("no way here to make a folder read-only for root (no unshare, no setpriv)")
    for path in case_folder.iterdir():
        path.chmod(0o444)
    case_folder.chmod(0o555)
    before = _fingerprint(case)
    env = {**os.environ, "CASEFILE_USER": "Olena", "HOME": str(out)}

    def casefile(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([*runner, sys.executable, "-m", "desktop.cli", *args], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=300)
        assert _fingerprint(case) == before, args  # after each command, not a byte changed
        return done

    for command in READING:
        done = casefile(command[0], str(case), *command[1:])
        assert done.returncode == 0 and not done.stderr, (command, done.stderr)
    done = casefile("verify", str(case), "--manifest", f"{case}{handover.MANIFEST_SUFFIX}")
    assert done.returncode == 0 and done.stdout.startswith("Integrity verified"), done.stdout

    refused = casefile("export", str(case), str(out / "dossier.docx"), "--drafts")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"casefile: {case.name}: is read-only, so this export could not be recorded in its audit "
        "trail; give --unrecorded to write it anyway, and keep what it prints as the record")
    assert not (out / "dossier.docx").exists()
    written = casefile("export", str(case), str(out / "dossier.docx"), "--drafts",
                       "--unrecorded")
    assert written.returncode == 0, written.stderr
    assert "SHA-256 " in written.stdout and "Not recorded in the audit trail" in written.stdout
    assert (out / "dossier.docx").stat().st_size > 0
    annotations = casefile("annotations", str(case), str(out / "spans.jsonld"), "--unrecorded")
    assert annotations.returncode == 0 and "Not recorded" in annotations.stdout
    registers = casefile("registers", str(case), str(out), "--unrecorded")
    assert registers.returncode == 0 and "Not recorded" in registers.stdout
    assert (out / "copy-evidence.csv").exists()
    assert _fingerprint(case) == before
