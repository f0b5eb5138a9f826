"""`casefile package` and `casefile verify-package`, and registers into a new folder."""

from __future__ import annotations

import zipfile

import pytest

from desktop import cli
from desktop.domain import db
from tests.fictional_case import DOCUMENTER, build_fictional_case


@pytest.fixture
def training(tmp_path) -> str:
    """The training case, closed, as the command line finds it."""
    build_fictional_case(tmp_path / "training.casefile", tmp_path)
    db.close_case()
    return str(tmp_path / "training.casefile")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--user", DOCUMENTER, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_package_is_written_and_verifies(training, tmp_path, capsys):
    out = str(tmp_path / "package.zip")
    code, said, err = run(capsys, "package", training, out, "--no-pdf")
    assert code == 0 and "casefile:" not in err  # stderr has the progress only
    lines = said.splitlines()
    assert lines[0] == (f"Wrote {out} (full edition, 13 files, 2 originals)")
    assert lines[1] == "No PDF in the package: no PDF rendition was asked for"
    assert lines[2].startswith("SHA-256 ")
    code, said, err = run(capsys, "verify-package", out, "--case", training)
    assert (code, err) == (0, "")
    assert said.splitlines()[-2] == (f"package.zip: all 13 files match their manifest "
                                     f"({lines[2]})")
    assert said.splitlines()[-1] == ("The trail of training.casefile records this package and "
                                     "its dossier's fingerprint.")


def test_the_redacted_package_says_which_originals_it_leaves_out(training, tmp_path, capsys):
    out = str(tmp_path / "redacted.zip")
    code, said, _ = run(capsys, "package", training, out, "--redacted", "--no-pdf")
    assert code == 0
    assert said.splitlines()[0] == (f"Wrote {out} (redacted edition, 11 files, 0 originals; "
                                    "2 originals left out as they could name a protected "
                                    "person: S-001, S-002)")


def test_a_changed_file_is_named_in_one_line(training, tmp_path, capsys):
    out = tmp_path / "package.zip"
    run(capsys, "package", training, str(out), "--no-pdf")
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(out) as old, zipfile.ZipFile(changed, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, data.replace(b"INC-001", b"INC-002")
                         if info.filename == "registers/incidents.csv" else data)
    code, said, err = run(capsys, "verify-package", str(changed))
    assert (code, err) == (1, "")
    assert said.splitlines() == [
        "registers/incidents.csv: changed (its SHA-256 is not the one its manifest records)",
        "changed.zip: verification FAILED: 1 problem"]


def test_what_is_not_a_package_is_one_line(tmp_path, capsys):
    junk = tmp_path / "junk.zip"
    junk.write_text("not a zip")
    code, said, err = run(capsys, "verify-package", str(junk))
    assert (code, said) == (1, "")
    assert err.splitlines() == ["casefile: junk.zip: cannot be read as a package: File is not "
                                "a zip file"]


def test_a_case_a_window_holds_is_not_packaged(training, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli.window_lock, "window_holding", lambda case: "process 4242")
    code, said, err = run(capsys, "package", training, str(tmp_path / "p.zip"), "--no-pdf")
    assert (code, said) == (1, "")
    assert err.startswith("casefile: training.casefile: is open in a Casefile window "
                          "(process 4242)")
    assert not (tmp_path / "p.zip").exists()


def test_registers_go_into_a_folder_made_for_them(training, tmp_path, capsys):
    folder = tmp_path / "out" / "registers"
    code, said, _ = run(capsys, "registers", training, str(folder))
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "training-evidence.csv", "training-incidents.csv", "training-sources.csv"]
    assert said.count("Wrote ") == 3


def test_a_redacted_package_with_near_misses_needs_the_users_word(tmp_path, capsys):
    from tests.cli.test_cli_near_misses import misspelt_case

    case, out = str(misspelt_case(tmp_path)), tmp_path / "redacted.zip"
    code, _, err = run(capsys, "package", case, str(out), "--drafts", "--redacted", "--no-pdf")
    assert code == 1 and not out.exists()
    assert err.splitlines()[-1].startswith("casefile: the redacted package was not written: "
                                           "2 near misses")
    code, _, err = run(capsys, "package", case, str(out), "--drafts", "--redacted", "--no-pdf",
                       "--accept-near-misses")
    assert code == 0 and out.exists()
    assert [e for e in err.splitlines() if "warning: 2 near miss(es)" in e]
