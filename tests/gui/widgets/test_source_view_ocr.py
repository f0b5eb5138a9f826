"""The source view of a scan read by OCR: the words OCR was unsure of are marked, and their
tooltip gives the confidence they were read with."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat

from desktop.domain.models import Source
from desktop.gui.widgets.source_view import SourceView
from desktop.services import sources
from desktop.services.importing.ocr import LOW_CONFIDENCE, OcrOptions
from tests import scans
from tests.services.test_ocr import needs_tesseract


@needs_tesseract
def test_words_ocr_was_unsure_of_are_marked_with_their_confidence(qtbot, case, actor,
                                                                   tmp_path):
    path = tmp_path / "smudged.png"
    scans.smudged_page().save(path)
    source_id = sources.import_files([path], actor=actor, ocr=OcrOptions()).source_ids[0]
    listed = [tuple(item) for item in Source.get_by_id(source_id).extraction["low_confidence"]]
    assert listed
    view = SourceView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.set_source(source_id)
    assert view.uncertain_words() == listed
    marked = [(s.cursor.selectionStart(), s.cursor.selectionEnd())
              for s in view.text_edit().extraSelections()
              if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DashDotDotLine]
    assert marked == [(start, end) for start, end, _ in listed]  # Cyrillic: one unit a letter
    start, _end, confidence = listed[0]
    assert confidence < LOW_CONFIDENCE
    assert (f"OCR was unsure of this word</b>: read with {confidence}% confidence"
            in view.tooltip_at(start))
    clear = sources.source_text(source_id).index("Сухого")
    assert "OCR" not in view.tooltip_at(clear)


@needs_tesseract
def test_a_scans_page_image_shows_the_selected_span_where_ocr_found_it(qtbot, case, actor,
                                                                        tmp_path):
    from desktop.services import evidence

    for scan in (scans.write_image(tmp_path / "pages.tif", pages=2),
                 scans.write_pdf(tmp_path / "annex.pdf", pages=2)):
        source_id = sources.import_files([scan], actor=actor, ocr=OcrOptions()).source_ids[0]
        text = sources.source_text(source_id)
        start = text.index("Сухого Яру", sources.source_pages(source_id)[1])
        span = evidence.add_evidence(source_id, start, start + len("Сухого Яру"),
                                     actor=actor).id
        view = SourceView()
        qtbot.addWidget(view)
        view.resize(1200, 800)
        view.show()
        qtbot.waitExposed(view)
        view.set_source(source_id)
        assert view._header.page_button.isVisible()
        view.select_span(span)
        view._header.page_button.click()
        pane = view.page_pane()
        qtbot.waitUntil(lambda: pane.image() is not None, timeout=20_000)  # noqa: B023
        image = pane.image()
        assert (image.page, image.pages, len(image.boxes)) == (2, 2, 1)
        assert pane.where.text() == "Page 2 of 2"
        pane.previous.click()
        qtbot.waitUntil(lambda: pane.image().page == 1, timeout=20_000)  # noqa: B023
        assert pane.image().boxes == []
        pane.wait()


@needs_tesseract
def test_the_source_details_give_the_ocr_record(qtbot, case, actor, tmp_path):
    from PySide6.QtWidgets import QLabel

    from desktop.gui.widgets.dialogs.source_details import SourceDetailsDialog

    path = tmp_path / "smudged.png"
    scans.smudged_page().save(path)
    source_id = sources.import_files([path], actor=actor, ocr=OcrOptions()).source_ids[0]
    extraction = Source.get_by_id(source_id).extraction
    dialog = SourceDetailsDialog(source_id)
    qtbot.addWidget(dialog)
    facts = next(label.text() for label in dialog.findChildren(QLabel)
                 if "SHA-256" in label.text())
    uncertain = len(extraction["low_confidence"])
    assert (f"<b>Text read by OCR</b> Tesseract {extraction['version']} · ukr+rus+eng · "
            f"mean word confidence {extraction['mean_confidence']:g}% · {uncertain} "
            f"word{'s' if uncertain != 1 else ''} read with low confidence") in facts
