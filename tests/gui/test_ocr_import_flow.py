"""Importing a scan in the window: the import offers OCR, reads it off the UI thread with its
pages as progress, and a cancel leaves the case as it was."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from desktop.domain.models import Source
from desktop.gui.widgets.dialogs import ocr as dialog_module
from desktop.services import search, sources
from desktop.services.importing.ocr import OcrOptions
from tests import scans
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)
from tests.services.test_ocr import needs_tesseract


class Offers:
    """The OCR dialogs shown, each answered by the next function in `answers`."""

    def __init__(self) -> None:
        self.shown: list = []
        self.answers: list = []

    def exec_(self, dialog) -> int:
        self.shown.append(dialog)
        return self.answers.pop(0)(dialog)


@pytest.fixture
def offered(monkeypatch) -> Offers:
    offers = Offers()
    monkeypatch.setattr(dialog_module.OcrDialog, "exec", lambda dialog: offers.exec_(dialog))
    return offers


def _open_case(casefile, tmp_path):  # noqa: F811
    assert casefile.cases.new_case(tmp_path / "c.casefile", "Scans")


def _wait(qtbot, casefile):  # noqa: F811
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=120_000)
    qtbot.wait(50)  # the result's handler may start the next step
    qtbot.waitUntil(lambda: not casefile.background.busy(), timeout=120_000)


@needs_tesseract
def test_a_scan_is_offered_ocr_and_read_in_the_languages_chosen(
        qtbot, casefile, messages, offered, tmp_path):  # noqa: F811
    _open_case(casefile, tmp_path)
    scan = scans.write_pdf(tmp_path / "statement.pdf", pages=2)

    def choose_ukrainian_only(dialog):
        dialog.boxes["rus"].setChecked(False)
        dialog.boxes["eng"].setChecked(False)
        return QDialog.DialogCode.Accepted

    offered.answers.append(choose_ukrainian_only)
    casefile.exchange.import_paths([scan])
    _wait(qtbot, casefile)
    assert len(offered.shown) == 1 and "statement.pdf" in offered.shown[0].findChildren(
        dialog_module.QLabel)[0].text()
    (source,) = Source.select()
    assert source.extraction["languages"] == "ukr" and len(source.pages) == 2
    assert [hit.source_id for hit in search.search("військовополонених")] == [source.id]
    assert casefile.settings.ocr_languages() == ("ukr",)
    assert not [m for m in messages.shown if m[0] == "warning"]


def test_declining_ocr_imports_nothing(qtbot, casefile, messages, offered, tmp_path):  # noqa: F811
    _open_case(casefile, tmp_path)
    offered.answers.append(lambda dialog: QDialog.DialogCode.Rejected)
    casefile.exchange.import_paths([scans.write_image(tmp_path / "photo.png")])
    _wait(qtbot, casefile)
    assert len(offered.shown) == 1 and Source.select().count() == 0
    assert "1 scan not imported." in casefile.window.statusBar().currentMessage()


def test_without_tesseract_the_window_says_what_to_install(
        qtbot, casefile, messages, offered, tmp_path, monkeypatch):  # noqa: F811
    import pytesseract

    _open_case(casefile, tmp_path)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    offered.answers.append(lambda dialog: QDialog.DialogCode.Accepted)
    casefile.exchange.import_paths([scans.write_image(tmp_path / "photo.png")])
    _wait(qtbot, casefile)
    assert messages.shown == [(
        "warning", "OCR is not available",
        "OCR needs Tesseract, which is not installed: install it with sudo apt-get install "
        "tesseract-ocr tesseract-ocr-ukr tesseract-ocr-rus tesseract-ocr-eng")]
    assert Source.select().count() == 0


def test_languages_are_tesseract_codes_or_the_dialog_stays(qtbot, tmp_path):
    dialog = dialog_module.OcrDialog([tmp_path / "photo.png"])
    qtbot.addWidget(dialog)
    dialog.other.setText("deu fra")
    assert dialog.languages() == ("ukr", "rus", "eng", "deu", "fra")
    dialog.other.setText("German")
    dialog._accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and not dialog.problem.isHidden()


@needs_tesseract
def test_pages_are_progress_and_a_cancel_leaves_the_case_as_it_was(qtbot, casefile, tmp_path):  # noqa: F811
    _open_case(casefile, tmp_path)
    scan = scans.write_pdf(tmp_path / "annex.pdf", pages=6)
    seen: list[str] = []
    outcome: dict = {}
    task_box: dict = {}

    def progress_then_cancel(done: int, total: int, name: str) -> None:
        seen.append(name)
        if "page 2 of 6" in name:
            task_box["task"].cancel()

    def work(progress, cancelled):
        return sources.import_files(
            [scan], actor="Olena",
            progress=lambda *args: (progress(*args), progress_then_cancel(*args)),
            cancelled=cancelled, ocr=OcrOptions())

    task_box["task"] = casefile.background.run(
        work, on_done=lambda report: outcome.setdefault("report", report),
        on_failed=lambda exc: outcome.setdefault("failed", exc))
    qtbot.waitUntil(lambda: bool(outcome), timeout=120_000)
    assert outcome["report"].cancelled and not outcome["report"].imported
    assert "annex.pdf: OCR, page 1 of 6" in seen and "annex.pdf: OCR, page 6 of 6" not in seen
    assert Source.select().count() == 0
