"""The command line in Ukrainian: its messages follow the environment (LANG=uk_UA.UTF-8), its
documents `--language`; what it records in the trail is in the language it was run in."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


def casefile(*args: str, lang: str = "C.UTF-8", home: Path) -> subprocess.CompletedProcess:
    """`casefile …` as a terminal runs it, in the locale `lang`."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG=lang, XDG_DATA_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "desktop.cli", "--user", "Олена", *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-uk")
    path = folder / "demo.casefile"
    assert casefile("demo", str(path), home=folder).returncode == 0
    return path


def _trail_newest(case: Path) -> str:
    code = ("import sys; from pathlib import Path; from desktop.domain import db; "
            "from desktop.services import audit; db.open_read_only(Path(sys.argv[1])); "
            "print(audit.history(limit=1)[0].summary)")
    return subprocess.run([sys.executable, "-c", code, str(case)], capture_output=True,
                          text=True, cwd=ROOT, check=True).stdout.strip()


def test_an_error_is_said_in_ukrainian_under_a_ukrainian_locale(demo_file, tmp_path):
    missing = tmp_path / "немає" / "досьє.docx"
    done = casefile("export", str(demo_file), str(missing), "--drafts", lang="uk_UA.UTF-8",
                    home=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == (f"casefile: досьє.docx: не вдається записати: теки "
                                   f"{missing.parent} не існує")
    assert "Traceback" not in done.stderr
    english = casefile("export", str(demo_file), str(missing), "--drafts", home=tmp_path)
    assert "cannot be written: the folder" in english.stderr


def test_language_chooses_the_dossiers_words_and_the_locale_the_trails(demo_file, tmp_path):
    out = tmp_path / "dossier-uk.docx"
    done = casefile("export", str(demo_file), str(out), "--drafts", "--language", "uk",
                    home=tmp_path)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "Досьє доказів" in body and "Dossier of evidence" not in body
    assert _trail_newest(demo_file).startswith("Exported the full dossier dossier-uk.docx")

    out = tmp_path / "dossier-en.docx"
    done = casefile("export", str(demo_file), str(out), "--drafts", "--language", "en",
                    lang="uk_UA.UTF-8", home=tmp_path)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as package:
        assert "Dossier of evidence" in package.read("word/document.xml").decode("utf-8")
    assert _trail_newest(demo_file).startswith("Експортовано повну редакцію досьє "
                                               "dossier-en.docx")


def test_the_dossier_language_defaults_to_the_environments(demo_file, tmp_path):
    out = tmp_path / "default.docx"
    done = casefile("export", str(demo_file), str(out), "--drafts", lang="uk_UA.UTF-8",
                    home=tmp_path)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as package:
        assert "Досьє доказів" in package.read("word/document.xml").decode("utf-8")


def test_an_unknown_language_is_refused_before_anything_is_written(demo_file, tmp_path):
    done = casefile("export", str(demo_file), str(tmp_path / "d.docx"), "--language", "fr",
                    home=tmp_path)
    assert done.returncode == 2 and "invalid choice: 'fr'" in done.stderr
    assert not (tmp_path / "d.docx").exists()


def test_a_file_that_is_not_a_case_is_refused_in_ukrainian(tmp_path):
    missing = casefile("info", str(tmp_path / "немає.casefile"), lang="uk_UA.UTF-8",
                       home=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "casefile: немає.casefile: не існує"
    text = tmp_path / "нотатки.casefile"
    text.write_text("це не справа\n", encoding="utf-8")
    refused = casefile("info", str(text), lang="uk_UA.UTF-8", home=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.strip() == ("casefile: нотатки.casefile: не є справою Casefile "
                                      "(його вміст не схожий на файл справи)")
