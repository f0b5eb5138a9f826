"""Hand-over manifests from outside, as `casefile verify --manifest` meets them: nested too
deeply, of the wrong shape, or not a file at all — each one line, never a traceback."""

from __future__ import annotations

import json

import pytest

from desktop import cli


@pytest.fixture
def handed_over(tmp_path):
    """A hand-over copy and its manifest, as `save_copy` writes them."""
    from desktop.domain import db
    from desktop.services import handover
    from tests.cli.test_cli import worked_case_file

    case = worked_case_file(tmp_path)
    db.open_case(case)
    handover.save_copy(tmp_path / "copy.casefile", actor="Olena")
    db.close_case()
    return tmp_path / "copy.casefile", tmp_path / "copy.casefile.manifest.json"


def verify(copy, manifest, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", "verify", str(copy), "--manifest", str(manifest)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("depth", [40, 100_000])
def test_a_deeply_nested_manifest_is_one_line(handed_over, tmp_path, capsys, depth):
    copy, _ = handed_over
    deep = tmp_path / "deep.json"
    deep.write_text('{"sha256": "0", "audit": ' + "[" * depth + "]" * depth + "}")
    code, out, err = verify(copy, deep, capsys)
    assert code == 1 and out == ""
    assert err == ("casefile: deep.json: is not a hand-over manifest (it is nested more than "
                   "32 levels deep)\n")


def test_a_manifest_whose_audit_is_a_list_is_a_finding_not_a_crash(handed_over, capsys):
    copy, manifest = handed_over
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["audit"] = [data["audit"]]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = verify(copy, manifest, capsys)
    assert code == 1 and "Error" not in out + err
    assert "The manifest does not record the audit chain's head." in out


def test_a_device_given_as_manifest_is_refused_before_it_is_read(handed_over, capsys):
    copy, _ = handed_over
    code, out, err = verify(copy, "/dev/urandom", capsys)
    assert code == 1
    assert err == ("casefile: urandom: is not a hand-over manifest (it is not a file but a "
                   "device, a pipe or a folder)\n")
