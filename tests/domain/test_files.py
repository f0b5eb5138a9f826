"""Replacing a file whole or not at all: never a half-written file, never a stray temporary."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop.domain import files


def test_a_new_file_appears_whole(tmp_path: Path):
    target = tmp_path / "registers.csv"
    files.write_replacing(target, b"code,title\r\nINC-001,Six POWs\r\n")
    assert target.read_bytes() == b"code,title\r\nINC-001,Six POWs\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["registers.csv"]


def test_the_target_is_replaced_only_when_the_new_content_is_complete(tmp_path: Path):
    target = tmp_path / "dossier.docx"
    target.write_bytes(b"the dossier of last week")
    with files.replacing(target) as partial:
        partial.write_bytes(b"half of the new")
        assert target.read_bytes() == b"the dossier of last week"
        assert partial.parent == tmp_path and partial.name.startswith(".dossier.docx.partial-")
        partial.write_bytes(b"the new dossier, complete")
    assert target.read_bytes() == b"the new dossier, complete"
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.docx"]


def test_an_error_leaves_the_old_file_and_no_temporary_file(tmp_path: Path):
    target = tmp_path / "annotations.jsonld"
    target.write_bytes(b'{"total": 3}')
    with pytest.raises(RuntimeError, match="disk on fire"), files.replacing(target) as partial:
        partial.write_bytes(b'{"tot')
        raise RuntimeError("disk on fire")
    assert target.read_bytes() == b'{"total": 3}'
    assert [p.name for p in tmp_path.iterdir()] == ["annotations.jsonld"]


def test_an_error_before_any_file_existed_leaves_nothing(tmp_path: Path):
    with pytest.raises(KeyboardInterrupt), files.replacing(tmp_path / "new.csv"):
        raise KeyboardInterrupt  # a cancel, too, leaves nothing behind
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rename_leaves_no_temporary_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "copy.casefile"

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        files.write_replacing(target, b"SQLite format 3\x00")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_does_not_exist_is_an_os_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        files.write_replacing(tmp_path / "nowhere" / "registers.csv", b"x")
    assert list(tmp_path.iterdir()) == []


def test_the_new_file_gets_the_usual_permissions(tmp_path: Path):
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    umask = os.umask(0o022)
    os.umask(umask)
    files.write_replacing(tmp_path / "dossier.docx", b"PK")
    assert (tmp_path / "dossier.docx").stat().st_mode & 0o777 == 0o666 & ~umask


def test_the_bytes_are_flushed_before_the_rename_and_the_folder_after(tmp_path: Path,
                                                                      monkeypatch):
    if os.name == "nt":
        pytest.skip("a folder cannot be flushed on Windows")
    steps = []
    fsync, replace = os.fsync, os.replace

    def flush(fd: int) -> None:
        steps.append("flush folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "flush file")
        fsync(fd)

    def rename(src, dst) -> None:
        steps.append("rename")
        replace(src, dst)

    monkeypatch.setattr(os, "fsync", flush)
    monkeypatch.setattr(os, "replace", rename)
    files.write_replacing(tmp_path / "manifest.json", b"{}")
    assert steps == ["flush file", "rename", "flush folder"]


def test_a_temporary_file_names_its_target_and_its_process(tmp_path: Path):
    with files.replacing(tmp_path / "dossier.docx") as partial:
        assert partial.name.startswith(f".dossier.docx.partial-{os.getpid()}-")


def test_the_sweep_removes_what_ended_processes_left_and_nothing_else(tmp_path: Path):
    gone = 999_999_999  # no process has this id
    left = [f".case.casefile.partial-{gone}-0123abcd",
            f".case.casefile.partial-{gone}-0123abcd-wal",
            ".case.casefile.partial-89abcdef"]  # the last one an older Casefile's
    kept = [f".case.casefile.partial-{os.getpid()}-0123abcd",  # this process is writing it
            f".case.casefile.partial-{os.getppid()}-0123abcd",  # a running process is
            "case.casefile", ".case.casefile.partial-notes", "notes.partial-1-0123abcd"]
    for name in left + kept:
        (tmp_path / name).write_bytes(b"x")
    removed = files.sweep_partials(tmp_path)
    assert sorted(p.name for p in removed) == sorted(left)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)


def test_the_sweep_of_one_target_leaves_the_others(tmp_path: Path):
    mine, other = ".a.casefile.partial-999999999-0123abcd", ".b.docx.partial-999999999-0123abcd"
    for name in (mine, other):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in files.sweep_partials(tmp_path, "a.casefile")] == [mine]
    assert [p.name for p in tmp_path.iterdir()] == [other]


def test_a_full_disk_is_recognised_behind_the_error_it_caused():
    import sqlite3

    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
    except sqlite3.OperationalError as exc:
        assert files.is_disk_full(exc)
    assert files.is_disk_full(OSError(28, "No space left on device"))
    assert not files.is_disk_full(OSError(13, "Permission denied"))
    assert files.failure_reason(OSError(28, "No space")) == \
        "the disk is full; free space and try again"
