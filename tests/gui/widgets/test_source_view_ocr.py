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
