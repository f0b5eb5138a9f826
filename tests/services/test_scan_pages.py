"""A scan's pages: each page image of an image source, and where a span stands on its page."""

from __future__ import annotations

import io

from PIL import Image

from desktop.services import scan_pages, sources
from desktop.services.importing.ocr import OcrOptions
from tests import scans
from tests.services.test_ocr import needs_tesseract


def _import(path, actor) -> int:
    return sources.import_files([path], actor=actor, ocr=OcrOptions()).source_ids[0]


@needs_tesseract
def test_a_span_is_placed_on_its_page_line_by_line(case, actor, tmp_path):
    source_id = _import(scans.write_image(tmp_path / "pages.tif", pages=2), actor)
    text = sources.source_text(source_id)
    second_page = sources.source_pages(source_id)[1]
    start = text.index("Сухого Яру", second_page)
    (region,) = scan_pages.span_regions(source_id, start, start + len("Сухого Яру"))
    # The third line of the page (tests/scans.py: lines every 72 px from 72, on 504 px).
    height = scans.page_image().size[1]
    assert region.page == 1
    assert 216 / height - 0.03 < region.top < region.bottom < (216 + 72) / height
    assert 0.4 < region.left < region.right < 1
    across = text.index("шістнадцять", second_page)
    two = scan_pages.span_regions(source_id, across, text.index("поблизу", second_page))
    assert [r.page for r in two] == [1, 1] and two[0].bottom <= two[1].top + 0.01


@needs_tesseract
def test_an_image_source_is_its_own_page_image(case, actor, tmp_path):
    png = scans.write_image(tmp_path / "photo.png")
    tiff = scans.write_image(tmp_path / "pages.tif", pages=3)
    png_id, tiff_id = _import(png, actor), _import(tiff, actor)
    assert scan_pages.image_page(png_id, 0) == png.read_bytes()
    frame = Image.open(io.BytesIO(scan_pages.image_page(tiff_id, 2)))
    assert frame.format == "PNG" and frame.size == scans.page_image().size
    assert scan_pages.image_page(tiff_id, 3) is None
    assert scan_pages.has_word_places(png_id)


def test_a_source_not_read_by_ocr_has_no_page_images_or_places(case, actor, seed_files):
    source_id = sources.import_files(seed_files[:1], actor=actor).source_ids[0]
    assert scan_pages.image_page(source_id, 0) is None
    assert not scan_pages.has_word_places(source_id)
    assert scan_pages.span_regions(source_id, 0, 20) == []


@needs_tesseract
def test_a_scans_page_image_marks_the_span_where_its_words_are(case, actor, tmp_path):
    pdf_id = _import(scans.write_pdf(tmp_path / "annex.pdf", pages=2), actor)
    tiff_id = _import(scans.write_image(tmp_path / "pages.tif", pages=2), actor)
    for source_id in (pdf_id, tiff_id):
        text = sources.source_text(source_id)
        start = text.index("Сухого Яру", sources.source_pages(source_id)[1])
        drawn = scan_pages.scan_page(source_id, span=(start, start + len("Сухого Яру")))
        assert (drawn.page, drawn.pages, drawn.span_pages) == (2, 2, (2, 2))
        image = Image.open(io.BytesIO(drawn.png))
        assert image.format == "PNG" and image.size == (drawn.width, drawn.height)
        ((x, y, width, height),) = drawn.boxes
        # The box holds the words' ink; past the line's end (its full stop) the page is white.
        grey = image.convert("L")
        assert grey.crop((x, y, x + width, y + height)).getextrema()[0] < 80
        after = grey.crop((x + width + 25, y, min(grey.width, x + width + 120), y + height))
        assert after.getextrema()[0] > 200


@needs_tesseract
def test_a_photo_stored_on_its_side_is_read_and_shown_upright(case, actor, tmp_path):
    upright = scans.page_image()
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90° clockwise to view", as a phone held sideways writes it
    photo = tmp_path / "photo.jpg"
    upright.rotate(90, expand=True).save(photo, exif=exif, quality=92)
    source_id = _import(photo, actor)
    assert "Сухого Яру" in sources.source_text(source_id)
    shown = Image.open(io.BytesIO(scan_pages.image_page(source_id, 0)))
    assert shown.size == upright.size
