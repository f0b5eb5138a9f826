"""Offered when an import finds scans or images without text: read them with OCR, in which
languages (Ukrainian, Russian and English ticked; other Tesseract codes may be added)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.printable import printable
from desktop.gui import i18n
from desktop.gui.widgets.dialogs import answer_buttons
from desktop.services.importing import ocr


class OcrDialog(QDialog):
    """Asks whether to read `paths` with OCR; `languages()` gives Tesseract's codes chosen."""

    def __init__(self, paths: Sequence[Path], parent: QWidget | None = None,
                 languages: Sequence[str] = ocr.DEFAULT_LANGUAGES) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Read scans with OCR"))
        shown = ", ".join(printable(p.name) for p in paths[:5]) + ("…" if len(paths) > 5 else "")
        intro = QLabel(i18n.plural(self.tr(
            "%n file(s) without text, scans or images: {files}. Casefile can read the text "
            "on their pages with OCR (Tesseract); the files stay as they are, as the "
            "evidentiary copy.", "", len(paths)), len(paths)).format(files=shown))
        intro.setWordWrap(True)
        names = {"ukr": self.tr("Ukrainian"), "rus": self.tr("Russian"),
                 "eng": self.tr("English")}
        self.boxes = {code: QCheckBox(names[code]) for code in ocr.DEFAULT_LANGUAGES}
        row = QHBoxLayout()
        for code, box in self.boxes.items():
            box.setChecked(code in languages)
            row.addWidget(box)
        self.other = QLineEdit(" ".join(c for c in languages if c not in self.boxes))
        self.other.setPlaceholderText(self.tr("other Tesseract codes, e.g. deu fra"))
        row.addWidget(self.other, 1)
        group = QGroupBox(self.tr("Languages on the pages"))
        group.setLayout(row)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(group)
        layout.addWidget(self.problem)
        layout.addWidget(answer_buttons(self, self.tr("Read with OCR"), on_accept=self._accept))
        self.setMinimumWidth(560)

    def languages(self) -> tuple[str, ...]:
        """Tesseract's codes ticked and typed, in order (ValueError: a code is malformed)."""
        ticked = [code for code, box in self.boxes.items() if box.isChecked()]
        typed = self.other.text().strip()
        return ocr.parse_languages("+".join([*ticked, typed] if typed else ticked))

    def _accept(self) -> None:
        try:
            self.languages()
        except ValueError:
            self.problem.setText(self.tr("Tick a language, or type Tesseract's codes of "
                                         "three letters (deu, fra, pol)."))
            self.problem.show()
            return
        self.accept()
