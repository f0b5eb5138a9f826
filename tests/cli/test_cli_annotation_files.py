"""Annotation files from outside, as `casefile import-annotations` meets them: too deep, too
large, many, and scores that are not scores."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop import cli
from desktop.domain.errors import ValidationError
from desktop.domain.json_input import MAX_DEPTH
from desktop.services.interchange import MAX_FILE_BYTES, w3c
from tests.conftest import ROOT

#: Runs `casefile ARGS…` and prints, last, the most memory the process held (in KB): VmHWM,
#: which starts again with the program (Linux keeps ru_maxrss across exec, so it would count
#: the test runner the process was forked from).
MEASURED = """
import sys
from pathlib import Path
from desktop import cli
code = cli.main(sys.argv[1:])
print(next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
           if line.startswith("VmHWM:")))
sys.exit(code)
"""


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def case(tmp_path, capsys) -> str:
    path = str(tmp_path / "c.casefile")
    run("new", path, capsys=capsys)
    return path


@pytest.mark.parametrize("hypothesis", [False, True])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_a_deeply_nested_file_is_refused_in_one_line(case, tmp_path, capsys, depth, hypothesis):
    nested = tmp_path / "nested.json"
    nested.write_text('{"rows": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    code, out, err = run("import-annotations", case, str(nested),
                         *(["--hypothesis"] if hypothesis else []), capsys=capsys)
    assert code == 1 and out == ""
    assert err == (f"casefile: nested.json: is nested more than {MAX_DEPTH} levels deep, so "
                   "not an annotation file\n")


def test_an_ordinary_export_is_within_the_depth_limit(tmp_path, capsys):
    from tests.cli.test_cli import worked_case_file

    case = str(worked_case_file(tmp_path))
    out_file = tmp_path / "a.jsonld"
    assert run("annotations", case, str(out_file), capsys=capsys)[0] == 0
    code, out, _ = run("import-annotations", case, str(out_file), capsys=capsys)
    assert code == 0 and "already in the case" in out


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(case, tmp_path):
    huge = tmp_path / "huge.jsonld"
    with huge.open("wb") as f:  # sparse: 140 MB that take no disk
        f.truncate(140 * 2**20)
    done = subprocess.run([sys.executable, "-c", MEASURED, "import-annotations", case,
                           str(huge)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert done.stderr == (f"casefile: huge.jsonld: is 140 MB; files over "
                           f"{MAX_FILE_BYTES // 2**20} MB are not read\n")
    assert int(done.stdout.split()[-1]) < 200_000  # KB: the file was never loaded


def test_a_long_import_says_its_progress(case, tmp_path, capsys):
    items = [{"type": "Annotation", "id": f"urn:uuid:{n}", "motivation": "describing",
              "body": {"type": "TextualBody", "value": "seen"},
              "target": {"source": "urn:sha256:" + "0" * 64,
                         "selector": {"type": "TextQuoteSelector", "exact": "a column"}}}
             for n in range(250)]
    many = tmp_path / "many.jsonld"
    many.write_text(json.dumps(items), encoding="utf-8")
    code, out, err = run("import-annotations", case, str(many), capsys=capsys)
    assert code == 0 and out.count("\nnot placed   urn:uuid:") == 249
    assert err.splitlines()[0].startswith("[0/250] ")
    assert err.splitlines()[-1] == "[250/250] Saving to the case"


@pytest.mark.parametrize("score", ["-1", "0", "nan", "1.5", "inf", "high"])
def test_a_min_score_that_is_not_a_score_is_wrong_usage(case, tmp_path, capsys, score):
    annotations = tmp_path / "a.jsonld"
    annotations.write_text("[]", encoding="utf-8")
    with pytest.raises(SystemExit) as usage:
        cli.main(["import-annotations", case, str(annotations), "--min-score", score])
    assert usage.value.code == 2
    assert (f"argument --min-score: {score} is not a score above 0 and at most 1 (like 0.8)"
            in capsys.readouterr().err)


@pytest.mark.parametrize("score", [-1.0, 0.0, float("nan"), 1.01])
def test_the_service_refuses_a_score_that_is_not_a_score(score):
    with pytest.raises(ValidationError, match="above 0 and at most 1"):
        w3c.check_min_score(score)


def test_a_device_is_refused_before_it_is_read(case, capsys):
    code, out, err = run("import-annotations", case, "/dev/urandom", capsys=capsys)
    assert code == 1
    assert err == "casefile: urandom: is not a file but a device, a pipe or a folder\n"
