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
