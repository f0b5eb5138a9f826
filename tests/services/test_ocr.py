"""Scans and photos of documents imported with OCR: Ukrainian text found by search, pages kept,
the engine and its confidence in the extraction record, every refusal one clear line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.errors import NeedsOcr, SourceImportError
from desktop.domain.models import AuditEntry, Source
from desktop.services import importing, search, sources
from desktop.services.importing import ocr
from desktop.services.importing.ocr import OcrOptions
from tests import scans
from tests.conftest import ROOT


def _tesseract_missing() -> str:
    """Why OCR cannot run here ("" when it can): CI installs Tesseract (.ci/system-deps)."""
    try:
        ocr.check_ready(ocr.DEFAULT_LANGUAGES)
    except ocr.OcrUnavailable as exc:
        return str(exc)
    return ""


needs_tesseract = pytest.mark.skipif(bool(_tesseract_missing()),
                                     reason=f"Tesseract is not ready: {_tesseract_missing()}")


@needs_tesseract
def test_a_scanned_ukrainian_page_is_found_by_search_in_another_form(case, actor, tmp_path):
    scan = scans.write_image(tmp_path / "statement.png")
    report = sources.import_files([scan], actor=actor, ocr=OcrOptions())
    assert not report.failed
    (source_id,) = report.source_ids
    # "військовополонений" is not on the page: "військовополонених" is, and shares its lemma.
    hits = search.search("військовополонений")
    assert [hit.source_id for hit in hits] == [source_id]
    assert "Сухого Яру" in sources.source_text(source_id)
    assert sources.original_bytes(source_id) == scan.read_bytes()  # the evidentiary copy


@needs_tesseract
def test_an_image_only_pdf_is_read_page_by_page(case, actor, tmp_path):
    scan = scans.write_pdf(tmp_path / "annex.pdf", pages=2)
    report = sources.import_files([scan], actor=actor, ocr=OcrOptions())
    source = Source.get_by_id(report.source_ids[0])
    assert source.media_type == "application/pdf"
    assert len(source.pages) == 2 and source.pages[0] == 0
    second = source.text[source.pages[1]:]
    assert second.startswith("Заява") and "провадження" in second
    extraction = source.extraction
    assert (extraction["tool"], extraction["method"]) == ("Tesseract", "OCR")
    assert extraction["version"][0].isdigit()
    assert extraction["languages"] == "ukr+rus+eng"
    assert extraction["rendered_dpi"] == ocr.PDF_DPI
    assert 80 <= extraction["mean_confidence"] <= 100
    boxes = source.extra["ocr_boxes"]
    assert len(boxes) == 2 and boxes[1]["words"][0][0] == source.pages[1]
    entry = AuditEntry.get(AuditEntry.action == "source.import")
    assert entry.after["extraction"]["mean_confidence"] == extraction["mean_confidence"]


@needs_tesseract
def test_a_multi_page_tiff_and_a_jpeg_photo_import(case, actor, tmp_path):
    tiff = scans.write_image(tmp_path / "pages.tif", pages=3)
    photo = scans.write_image(tmp_path / "photo.jpg")
    report = sources.import_files([tiff, photo], actor=actor, ocr=OcrOptions())
    assert not report.failed
    tiff_source, photo_source = (Source.get_by_id(i) for i in report.source_ids)
    assert (tiff_source.media_type, len(tiff_source.pages)) == ("image/tiff", 3)
    assert (photo_source.media_type, photo_source.pages) == ("image/jpeg", [0])
    assert "шістнадцять" in photo_source.text


@needs_tesseract
def test_languages_are_chosen_per_import(case, actor, tmp_path):
    scan = scans.write_image(tmp_path / "statement.png")
    report = sources.import_files([scan], actor=actor, ocr=OcrOptions(("ukr",)))
    assert Source.get_by_id(report.source_ids[0]).extraction["languages"] == "ukr"


@needs_tesseract
def test_each_page_is_reported_as_it_is_read(tmp_path):
    scan = scans.write_pdf(tmp_path / "annex.pdf", pages=3)
    seen: list[tuple[int, int]] = []
    with importing.Reader() as reader:
        reader.extract(scan, scan.read_bytes(), ocr=OcrOptions(),
                       page_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_without_ocr_a_scan_and_an_image_are_refused_saying_how(case, actor, tmp_path):
    pdf = scans.write_pdf(tmp_path / "annex.pdf")
    png = scans.write_image(tmp_path / "photo.png")
    report = sources.import_files([pdf, png], actor=actor)
    assert report.failed == [
        (pdf, "annex.pdf: is a scan without text — OCR it with `--ocr`"),
        (png, "photo.png: is an image — OCR it with `--ocr`"),
    ]
    assert report.needs_ocr == [pdf, png]
    assert Source.select().count() == 0


def test_a_damaged_image_is_refused_before_any_ocr(tmp_path):
    data = scans.write_image(tmp_path / "photo.png").read_bytes()[:400]
    with pytest.raises(SourceImportError) as refused:
        importing.extract_bytes(Path("photo.png"), data, ocr=OcrOptions())
    assert not isinstance(refused.value, NeedsOcr)
    assert str(refused.value) == "photo.png: is not a readable image: the file looks damaged"


def test_an_image_of_too_many_pixels_is_refused_without_decoding_it(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PAGE_PIXELS", 10_000)
    data = scans.write_image(tmp_path / "photo.png").read_bytes()
    with pytest.raises(SourceImportError, match="larger than Casefile reads"):
        importing.extract_bytes(Path("photo.png"), data)


def test_language_codes_are_tesseracts():
    assert ocr.parse_languages("ukr+rus, eng") == ("ukr", "rus", "eng")
    assert ocr.parse_languages("chi_sim") == ("chi_sim",)
    assert ocr.debian_package("chi_sim") == "tesseract-ocr-chi-sim"
    for bad in ("", "uk", "ukr;rm -rf"):
        with pytest.raises(ValueError):
            ocr.parse_languages(bad)


def test_a_page_of_words_becomes_lines_and_paragraphs_with_their_places():
    words = {  # Tesseract's image_to_data: level 5 rows are words
        "level": [5, 5, 5, 5, 4],
        "block_num": [1, 1, 1, 2, 2], "par_num": [1, 1, 1, 1, 1], "line_num": [1, 1, 2, 1, 1],
        "left": [10, 80, 10, 10, 0], "top": [5, 5, 40, 90, 0],
        "width": [60, 50, 70, 40, 0], "height": [20, 20, 20, 20, 0],
        "conf": [96.0, 41.5, 90.0, 88.0, -1], "text": ["Слідчі", "зафіксували", "свідчення",
                                                      "очевидців", ""],
    }
    text, placed = ocr._page_text(words)
    assert text == "Слідчі зафіксували\nсвідчення\n\nочевидців"
    start, end, conf, box = placed[1]
    assert (text[start:end], conf, box) == ("зафіксували", 41.5, [80, 5, 50, 20])


@needs_tesseract
def test_uncertain_words_are_listed_as_ranges_of_the_text(tmp_path):
    image = scans.smudged_page()
    path = tmp_path / "faint.png"
    image.save(path)
    extracted = importing.extract_bytes(path, path.read_bytes(), ocr=OcrOptions())
    low = extracted.extraction["low_confidence"]
    assert low, "the faint line gives uncertain words"
    for start, end, confidence in low:
        assert 0 <= start < end <= len(extracted.text)
        assert " " not in extracted.text[start:end] and confidence < ocr.LOW_CONFIDENCE


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", "--user", "Olena", *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


@pytest.mark.slow
def test_without_tesseract_the_cli_says_what_to_install(tmp_path):
    case_file = tmp_path / "c.casefile"
    assert _cli("new", str(case_file)).returncode == 0
    scan = scans.write_image(tmp_path / "photo.png")
    folder = tmp_path / "bin"  # a PATH with Python but no tesseract
    folder.mkdir()
    (folder / "python").symlink_to(sys.executable)
    env = {**os.environ, "PATH": str(folder)}
    assert shutil.which("tesseract", path=env["PATH"]) is None
    done = _cli("import", str(case_file), str(scan), "--ocr", env=env)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "casefile: OCR needs Tesseract, which is not installed: install it with sudo apt-get "
        "install tesseract-ocr tesseract-ocr-ukr tesseract-ocr-rus tesseract-ocr-eng"]


@pytest.mark.slow
@needs_tesseract
def test_the_cli_names_a_missing_language_pack_and_a_damaged_image(tmp_path):
    case_file = tmp_path / "c.casefile"
    assert _cli("new", str(case_file)).returncode == 0
    scan = scans.write_image(tmp_path / "photo.png")
    missing = _cli("import", str(case_file), str(scan), "--ocr", "--ocr-languages", "ukr+zzz")
    assert missing.stderr.splitlines() == [
        "casefile: OCR in ukr+zzz needs Tesseract's language models: install them with "
        "sudo apt-get install tesseract-ocr-zzz"]
    damaged = tmp_path / "damaged.png"
    damaged.write_bytes(scan.read_bytes()[:300])
    refused = _cli("import", str(case_file), str(damaged), "--ocr")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.splitlines() == [
        "failed     damaged.png: is not a readable image: the file looks damaged"]
    imported = _cli("import", str(case_file), str(scan), "--ocr")
    assert imported.returncode == 0 and "imported   S-001" in imported.stdout
    found = _cli("search", str(case_file), "Сухий Яр")
    assert "S-001" in found.stdout


@needs_tesseract
def test_the_dossier_cites_a_scans_page_and_names_the_ocr_engine(case, actor, tmp_path):
    import docx

    from desktop.services import evidence, incidents
    from desktop.services.export import DossierOptions, export_dossier

    scan = scans.write_pdf(tmp_path / "statement.pdf", pages=2)
    source_id = sources.import_files([scan], actor=actor, ocr=OcrOptions()).source_ids[0]
    text = sources.source_text(source_id)
    incident = incidents.create_incident(actor=actor, title="Sukhyi Yar").id
    for at in sources.source_pages(source_id):  # the same sentence on pages 1 and 2
        start = text.index("Окупанти", at)
        evidence.add_evidence(source_id, start, text.index("Яру.", start) + 4, actor=actor,
                              incident=incident, supports="narrative")
    out = tmp_path / "dossier.docx"
    export_dossier(out, DossierOptions(incidents="drafts"), actor=actor)
    document = docx.Document(str(out))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    cited = [line for p in document.paragraphs for line in p.text.splitlines()
             if line.startswith("Source: S-001")]
    assert [line.split(" · ")[2] for line in cited] == ["p. 1", "p. 2"]
    record = next(cell for cell in cells if cell.startswith("OCR: Tesseract"))
    extraction = Source.get_by_id(source_id).extraction
    assert record == (f"OCR: Tesseract {extraction['version']}, languages ukr+rus+eng; "
                      f"mean word confidence {extraction['mean_confidence']:g}%")


def _words(*lines: str) -> dict:
    """Tesseract's image_to_data for these lines of one paragraph (boxes made up)."""
    rows: dict = {k: [] for k in ("level", "block_num", "par_num", "line_num", "left", "top",
                                  "width", "height", "conf", "text")}
    for number, line in enumerate(lines, start=1):
        for column, word in enumerate(line.split()):
            for key, value in (("level", 5), ("block_num", 1), ("par_num", 1),
                               ("line_num", number), ("left", 100 * column),
                               ("top", 40 * number), ("width", 90), ("height", 30),
                               ("conf", 95.0), ("text", word)):
                rows[key].append(value)
    return rows


def test_a_word_hyphenated_at_a_line_end_is_joined_when_it_is_one_word():
    words = _words("розстріляли шістнадцять військово-", "полонених поблизу Сухого Яру",
                   "у Донецькій області, північно-", "західніше міста")
    text, placed = ocr._page_text(words, ocr._evidence([words]))
    assert "військовополонених поблизу" in text
    assert text.count("\n") == 2  # the joined word's line break is gone, the others stay
    first, second = (text[s:e] for s, e, _c, _b in placed[2:4])
    assert (first, second) == ("військово", "полонених")  # each half keeps its own box
    assert "північно-\nзахідніше" in text or "північнозахідніше" not in text


@needs_tesseract
def test_a_scan_hyphenating_a_word_is_found_by_the_whole_word(case, actor, tmp_path):
    lines = ("Окупанти розстріляли шістнадцять військово-", "полонених поблизу Сухого Яру.")
    path = tmp_path / "hyphenated.png"
    scans.page_image(lines).save(path)
    source_id = sources.import_files([path], actor=actor, ocr=OcrOptions()).source_ids[0]
    assert "військовополонених" in sources.source_text(source_id)
    assert [hit.source_id for hit in search.search("військовополонених")] == [source_id]


def test_a_decompression_bomb_is_refused_from_its_header(tmp_path):
    from PIL import Image

    bomb = tmp_path / "bomb.png"
    Image.new("1", (12_000, 12_000), 1).save(bomb)  # 144 million pixels in a few kilobytes
    assert bomb.stat().st_size < 100_000
    with importing.Reader() as reader, pytest.raises(SourceImportError) as refused:
        reader.extract(bomb, bomb.read_bytes(), ocr=OcrOptions())
    assert str(refused.value) == (
        "bomb.png: is an image larger than Casefile reads (120 million pixels)")


def test_a_file_of_more_pages_than_the_limit_is_refused_before_any_ocr(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PAGES", 2)
    tiff = scans.write_image(tmp_path / "pages.tif", pages=3)
    with pytest.raises(SourceImportError, match=r"^pages.tif: has more than 2 pages$"):
        importing.extract_bytes(tiff, tiff.read_bytes())
    pdf = scans.write_pdf(tmp_path / "annex.pdf", pages=3)
    with pytest.raises(SourceImportError, match=r"^annex.pdf: has more than 2 pages$"):
        ocr._pdf_count(pdf, pdf.read_bytes())  # read_scan counts a PDF's pages first
