"""File → Import with a collection record…, and the record in a source's details: what the
collector says is kept with the source, a hash that does not match is refused, and an edit of
the record is one undo step."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel

from desktop.gui.widgets.dialogs.collection_record import CollectionRecordDialog
from desktop.gui.widgets.dialogs.source_details import SourceDetailsDialog
from desktop.services import sources
from tests.gui.widgets.test_main_window import casefile, messages, settings  # noqa: F401
from tests.services.test_ocr import needs_tesseract

CORPUS = Path(__file__).parents[2] / "corpus"
STATEMENT = CORPUS / "docx" / "statement_from_odt.docx"


def choose(monkeypatch, *paths: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *args, **kwargs: ([str(p) for p in paths], ""))


def test_files_import_with_the_record_given(qtbot, casefile, tmp_path, monkeypatch):  # noqa: F811
    assert casefile.cases.new_case(tmp_path / "c.casefile", "Captures")
    action = casefile.window.actions.import_with_record
    assert action.isEnabled() and action in casefile.window.actions.in_menu("File")
    choose(monkeypatch, CORPUS / "web" / "news_related_blocks.mhtml")

    def answer(dialog: CollectionRecordDialog) -> int:
        dialog.box.edits["identity"].setText("research account @doc_team")
        dialog.box.edits["time_source"].setText("the capture's Date header, checked by NTP")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CollectionRecordDialog, "exec", answer)
    action.trigger()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    record = sources.source_details(1).collection
    assert record["identity"] == "research account @doc_team"
    assert (record["tool"], record["captured_at"]) == ("Blink", "2025-01-23T13:05:07Z")
    assert record["time_source"] == "the capture's Date header, checked by NTP"


def test_a_hash_that_does_not_match_refuses_the_file(qtbot, casefile, tmp_path, monkeypatch,  # noqa: F811
                                                    messages):  # noqa: F811
    assert casefile.cases.new_case(tmp_path / "c.casefile", "Captures")
    choose(monkeypatch, STATEMENT)

    def answer(dialog: CollectionRecordDialog) -> int:
        dialog.box.edits["hash_at_collection"].setText("0" * 64)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CollectionRecordDialog, "exec", answer)
    casefile.window.actions.import_with_record.trigger()
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    assert sources.list_sources() == []
    assert "does not match the hash taken at collection" in messages.texts()


def test_the_dialog_refuses_a_record_that_makes_no_sense(qtbot, messages):  # noqa: F811
    dialog = CollectionRecordDialog([STATEMENT, STATEMENT.with_name("form_fields.docx")])
    qtbot.addWidget(dialog)
    dialog.box.edits["captured_at"].setText("yesterday")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "is not an ISO 8601 date or time" in messages.texts()
    dialog.box.edits["captured_at"].setText("")
    dialog.box.edits["hash_at_collection"].setText("0" * 64)
    dialog.accept()
    assert "names one file" in messages.texts()


def test_the_record_is_edited_in_the_source_details_and_undone(qtbot, casefile, tmp_path,  # noqa: F811
                                                               monkeypatch):
    assert casefile.cases.new_case(tmp_path / "c.casefile", "Captures")
    casefile.exchange.import_paths([STATEMENT])
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    digest = hashlib.sha256(STATEMENT.read_bytes()).hexdigest()

    def answer(dialog: SourceDetailsDialog) -> int:
        dialog.collection.edits["tool"].setText("Hunchly 2.4")
        dialog.collection.edits["hash_at_collection"].setText(digest)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SourceDetailsDialog, "exec", answer)
    casefile.editing.edit_source(1)
    record = sources.source_details(1).collection
    assert record["tool"] == "Hunchly 2.4" and record["hash_checked"]
    casefile.undo_stack.undo()
    assert sources.source_details(1).collection == {}


@needs_tesseract
def test_a_scan_read_with_ocr_keeps_the_record_it_was_imported_with(qtbot, casefile, tmp_path,  # noqa: F811
                                                                     monkeypatch, messages):  # noqa: F811
    from desktop.gui.widgets.dialogs import ocr as dialog_module
    from tests import scans

    assert casefile.cases.new_case(tmp_path / "c.casefile", "Scans")
    scan = scans.write_pdf(tmp_path / "statement.pdf", pages=1)
    choose(monkeypatch, scan)
    monkeypatch.setattr(CollectionRecordDialog, "exec", lambda dialog: (
        dialog.box.edits["method"].setText("scanned at the office, 300 dpi"),
        QDialog.DialogCode.Accepted)[1])
    monkeypatch.setattr(dialog_module.OcrDialog, "exec",
                        lambda dialog: QDialog.DialogCode.Accepted)
    casefile.window.actions.import_with_record.trigger()
    for _ in range(2):  # the import, then the OCR it offers
        qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=120_000)
        qtbot.wait(50)
    qtbot.waitUntil(lambda: sources.list_sources() != [], timeout=120_000)
    assert sources.source_details(1).collection == {"method": "scanned at the office, 300 dpi"}


def test_the_source_details_say_a_word_document_had_tracked_deletions(qtbot, casefile,  # noqa: F811
                                                                       tmp_path):
    assert casefile.cases.new_case(tmp_path / "c.casefile", "Word")
    casefile.exchange.import_paths([CORPUS / "docx" / "tracked_changes.docx"])
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=20_000)
    dialog = SourceDetailsDialog(1, casefile.window)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "<b>Tracked changes</b> 1 deletion left out of the text" in shown
