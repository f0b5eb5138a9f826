"""The dossier's and services' wording in Ukrainian: the catalogue is complete and current, its
placeholders match the English, and the language comes from where it should."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services import words
from tests.conftest import ROOT

PO = ROOT / "resources" / "translations" / "casefile-core_uk.po"


def _update_script():
    path = ROOT / "resources" / "translations" / "update_core.py"
    spec = importlib.util.spec_from_file_location("update_core", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def ukrainian():
    with words.in_language("uk"):
        yield


def catalogue():
    from babel.messages.pofile import read_po

    with PO.open("rb") as handle:
        return read_po(handle)


def test_every_entry_is_translated_with_the_same_placeholders():
    assert _update_script().problems(PO) == []


def test_no_translation_says_itself_twice():
    """A translation pasted twice over (a long entry's lines joined to themselves) reads as
    one sentence repeated in every message and audit summary that uses it."""
    doubled = []
    for message in catalogue():
        for text in ([message.string] if isinstance(message.string, str) else message.string):
            half = len(text) // 2
            if len(text) > 8 and text[:half] == text[half:]:
                doubled.append(message.id)
    assert doubled == []


def test_the_catalogue_holds_every_marked_text_of_the_code_and_no_other():
    marked = {m if isinstance(m, str) else m[0] for m, _where in _update_script().extracted()}
    in_catalogue = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue() if m.id}
    assert marked - in_catalogue == set(), "run resources/translations/update_core.py"
    assert in_catalogue - marked == set(), "run resources/translations/update_core.py"


def test_no_text_is_marked_where_the_extractor_cannot_see_it():
    assert _update_script().hidden_in_fstrings() == []


def test_ukrainian_words_come_from_the_catalogue(ukrainian):
    assert words._("Completely reliable") == "Повністю надійне"
    assert words._("a text no catalogue has") == "a text no catalogue has"


def test_english_is_the_text_as_written():
    with words.in_language("en"):
        assert words._("Completely reliable") == "Completely reliable"
        assert words.ngettext("source", "sources", 1) == "source"
        assert words.ngettext("source", "sources", 2) == "sources"


def test_in_language_switches_back_afterwards():
    words.set_language("en")
    with words.in_language("uk"):
        assert words.language() == "uk"
    assert words.language() == "en"
    words.set_language("fr")
    assert words.language() == "en"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "uk_UA.UTF-8"}, "uk"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANGUAGE": "uk:en", "LANG": "en_US.UTF-8"}, "uk"),
    ({"LC_ALL": "C", "LANG": "uk_UA.UTF-8"}, "en"),
    ({"LC_ALL": "uk_UA.utf8"}, "uk"),
    ({"LC_MESSAGES": "uk_UA", "LANG": "C"}, "uk"),
    ({}, "en"),
])
def test_the_environment_names_the_language_as_gettext_reads_it(environ, expected):
    assert words.environment_language(environ) == expected


def test_a_compiled_catalogue_is_read_with_the_standard_library(tmp_path):
    """What `make translations` builds is what Casefile loads (no Babel at run time)."""
    mo = tmp_path / "casefile-core_uk.mo"
    pybabel = Path(sys.executable).parent / "pybabel"  # Babel's tool, beside this Python
    subprocess.run([str(pybabel), "-q", "compile", "-i", str(PO), "-o", str(mo)], check=True)
    code = ("import sys; from desktop.services import words; "
            "words.catalogue_paths = lambda c: (__import__('pathlib').Path(sys.argv[1]), "
            "__import__('pathlib').Path('/nonexistent.po')); words.set_language('uk'); "
            "print(words._('Completely reliable')); print('babel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(mo)], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split("\n")
    assert out[:2] == ["Повністю надійне", "False"]
