"""`casefile import` on the corpus's Word documents, texts and web captures, as a documenter
runs it in a terminal: every good file imports, each refused one is one line on stderr, and no
traceback is ever printed."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys

from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
KINDS = ("docx", "text", "web")


def casefile(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", "--user", "Olena", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)


def test_the_corpus_imports_and_each_refusal_is_one_line(tmp_path, data_folder):
    import os

    env = {**os.environ, "XDG_DATA_HOME": str(data_folder.parent.parent)}
    case = str(tmp_path / "c.casefile")
    assert casefile("new", case, env=env).returncode == 0
    junk = tmp_path / "truncated.warc.gz"
    junk.write_bytes(gzip.compress((CORPUS / "web" / "news_div_soup.warc").read_bytes())[:900])
    files = [path for kind in KINDS for path in sorted((CORPUS / kind).iterdir())
             if not path.name.endswith((".expected.txt", ".refused.txt"))]
    done = casefile("import", case, *map(str, files), str(junk), env=env)
    assert "Traceback" not in done.stdout + done.stderr
    refused = [path for path in files if path.with_name(path.name + ".refused.txt").exists()]
    # Besides the progress lines ("[3/19] name"), one line per refused file and nothing else.
    lines = [line for line in done.stderr.splitlines() if not re.match(r"\[\d+/\d+\] ", line)]
    assert len(lines) == len(refused) + 1, done.stderr
    for path in refused:
        reason = path.with_name(path.name + ".refused.txt").read_text(encoding="utf-8").strip()
        assert f"failed     {reason}" in lines
    assert any(line.startswith("failed     truncated.warc.gz: ") for line in lines)
    assert f"{len(files) - len(refused)} imported" in done.stdout
