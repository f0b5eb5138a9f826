"""The corpus through `casefile import` and `casefile search`, as a user runs them: every
file of every kind (tests/corpus/<kind>/) imports or is refused in one line, never with a
traceback, and words a PDF hyphenated at a line end or wrote with a ligature are found; scans
and photos import with `--ocr`, their words found, and without it each is one line saying so."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.corpus import recall
from tests.services.test_ocr import needs_tesseract

_PROGRESS = re.compile(r"^\[\d+/\d+\] ")
#: The fixtures imported without OCR, and the scans, imported with it.
TEXTS = [f for f in recall.fixtures() if not f.ocr]
SCANS = [f for f in recall.fixtures() if f.ocr]


def casefile(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", "--user", "Olena", *args],
                          capture_output=True, text=True, timeout=600, cwd=cwd,
                          check=False)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """A case with the whole corpus imported in one command, and what the command said."""
    folder = tmp_path_factory.mktemp("corpus")
    case = str(folder / "corpus.casefile")
    assert casefile("new", case, cwd=folder).returncode == 0
    done = casefile("import", case, *(str(f.path) for f in TEXTS), cwd=folder)
    return folder, case, done


def test_every_refused_file_is_one_line_and_nothing_is_a_traceback(imported):
    _folder, _case, done = imported
    fixtures = TEXTS
    refused = [f for f in fixtures if f.refused is not None]
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if not _PROGRESS.match(line)]
    assert len(lines) == len(refused), lines
    for fixture in refused:
        (line,) = [line for line in lines if f" {fixture.path.name}: " in line]
        assert line.startswith("failed ") and fixture.refused in line
    wanted = len(fixtures) - len(refused)
    assert f"{wanted} imported, 0 duplicate, {len(refused)} failed" in done.stdout


@pytest.mark.parametrize("fixture", [f for f in TEXTS if f.refused],
                         ids=lambda f: f"{f.kind}/{f.path.name}")
def test_a_refused_file_on_its_own_is_one_line_on_stderr(fixture, tmp_path):
    case = str(tmp_path / "one.casefile")
    assert casefile("new", case, cwd=tmp_path).returncode == 0
    done = casefile("import", case, str(fixture.path), cwd=tmp_path)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line == f"failed     {fixture.path.name}: {line.split(': ', 1)[1]}"
    assert fixture.refused in line and "Traceback" not in done.stdout


@pytest.mark.parametrize(("word", "name"), [
    ("difficult", "Shelling of a residential district"),  # en_report_ligatures: ﬃ
    ("officially", "en_narrow_hyphenated"),  # ﬃ, hyphenated "of-ficially" in a narrow column
    ("documented", "en_narrow_hyphenated"),  # "docu- mented"
    ("witnesses", "en_narrow_hyphenated"),  # "wit-" at a page's end, "nesses" on the next
    ("супутниковими", "uk_narrow_hyphenated"),  # "супутнико- вими"
    ("березня", "uk_narrow_hyphenated"),  # "бе- резня"
    ("постанова", "uk_decision_letter_spaced"),  # "П О С Т А Н О В А", letter-spaced
    ("confidential", "uk_decision_letter_spaced"),
])
def test_words_hyphenated_or_written_with_ligatures_are_found(imported, word, name):
    folder, case, _done = imported
    found = casefile("search", case, word, cwd=folder)
    assert found.returncode == 0, found.stderr
    assert re.search(rf"^S-\d+\s+{name}$", found.stdout, re.MULTILINE), found.stdout


def test_a_compound_broken_at_a_line_end_keeps_its_hyphen(imported):
    # "twenty-" ends a line of the narrow column: the word is "twenty-three", not joined
    folder, case, _done = imported
    assert "0 sources found" in casefile("search", case, "twentythree", cwd=folder).stdout
    found = casefile("search", case, '"twenty-three"', cwd=folder).stdout
    assert re.search(r"^S-\d+\s+en_narrow_hyphenated$", found, re.MULTILINE), found


def _lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not _PROGRESS.match(line)]


def test_scans_without_ocr_are_refused_in_a_line_each_that_says_how(tmp_path):
    case = str(tmp_path / "scans.casefile")
    assert casefile("new", case, cwd=tmp_path).returncode == 0
    done = casefile("import", case, *(str(f.path) for f in SCANS), cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    how = {".pdf": "is a scan without text — OCR it with `--ocr`",
           # a typed page, then its signed page scanned into the same PDF
           "statement_signed_page_scanned_uk.pdf":
               "page 2 of 2 is a scan without text — OCR it with `--ocr`"}
    assert _lines(done.stderr) == [
        f"failed     {f.path.name}: "
        + how.get(f.path.name, how.get(f.path.suffix, "is an image — OCR it with `--ocr`"))
        for f in SCANS]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """A case with the corpus's scans imported with OCR in one command."""
    folder = tmp_path_factory.mktemp("scans")
    case = str(folder / "scans.casefile")
    assert casefile("new", case, cwd=folder).returncode == 0
    done = casefile("import", case, "--ocr", *(str(f.path) for f in SCANS), cwd=folder)
    return folder, case, done


@needs_tesseract
def test_scans_import_with_ocr_and_say_nothing_else(scanned):
    _folder, _case, done = scanned
    assert done.returncode == 0 and _lines(done.stderr) == []
    assert f"{len(SCANS)} imported, 0 duplicate, 0 failed" in done.stdout


@needs_tesseract
@pytest.mark.parametrize(("word", "name"), [
    ("військовополонених", "statement_uk"),  # "військово-" at a line end, "полонених" below
    ("Шевченка", "statement_uk"),
    ("Вовчанськ", "statement_photo_uk"),  # a photo, turned and grainy
    ("Работино", "suspicion_fax_ru"),  # the second page of a fax
    ("балістичну", "annex_scanned_uk"),  # the second page of an image-only PDF
    ("Мельник", "statement_signed_page_scanned_uk"),  # its scanned page
    ("Куп'янську", "statement_signed_page_scanned_uk"),  # and its typed one
])
def test_a_word_on_a_scan_is_found(scanned, word, name):
    folder, case, _done = scanned
    found = casefile("search", case, word, cwd=folder)
    assert found.returncode == 0, found.stderr
    assert re.search(rf"^S-\d+\s+{name}$", found.stdout, re.MULTILINE), found.stdout
