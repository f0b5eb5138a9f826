"""A PDF source's page as it was, beside its text, with the selected span's region marked.

A PDF's page is drawn by services/pages (PDFium) in a drawing process of its own
(`pages.PageDrawer`: a PDF that crashes PDFium ends that process, not the window), waited for
on a pool thread through BackgroundRunner: the source's bytes are read here first (a quick
read), so the drawing touches no database. A newer request (another page, another span)
cancels the one still drawing; the pane says what it is drawing meanwhile, with the page's
text being read again as progress for a long PDF.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CasefileError
from desktop.gui.background import BackgroundRunner, Task
from desktop.services import pages, scan_pages

# How the span is marked on the page: a translucent yellow with an orange edge.
_FILL = QColor(255, 214, 0, 90)
_EDGE = QColor(230, 120, 0)
_PAD = 3  # pixels around each box, so the mark does not cut into the letters


class PageImagePane(QWidget):
    """The page pane: previous and next page, "Page 2 of 9", and the page drawn."""

    pageShown = Signal(int)  # the page number now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = BackgroundRunner(self)
        self._runner.pool.setMaxThreadCount(1)  # one drawing at a time: one drawing process
        self._drawer = pages.PageDrawer()  # a PDF's pages, drawn in a process of their own
        self._task: Task | None = None
        self._source: pages.PdfSource | scan_pages.ScanSource | None = None
        self._span: tuple[int, int] | None = None
        self._page = 1
        self._count = 0
        self._image: pages.PageImage | None = None
        self._picture: QImage | None = None  # the page with its marks, at its drawn size
        self._build()

    def _build(self) -> None:
        self.previous = QToolButton(text="‹")
        self.previous.setToolTip(self.tr("Previous page"))
        self.previous.clicked.connect(lambda: self.show_page(self._page - 1))
        self.next = QToolButton(text="›")
        self.next.setToolTip(self.tr("Next page"))
        self.next.clicked.connect(lambda: self.show_page(self._page + 1))
        self.actual = QToolButton(text="100%", checkable=True)
        self.actual.setToolTip(self.tr("Show the page at its printed size (else as wide as "
                                       "the pane)"))
        self.actual.toggled.connect(lambda _on: self._fit(scroll=True))
        self.where = QLabel()
        self.where.setStyleSheet("color: #5b6573;")
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.previous)
        bar.addWidget(self.where, 1, Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.next)
        bar.addWidget(self.actual)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.picture.setWordWrap(True)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.picture)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll.setStyleSheet("QScrollArea { background: #eef1f4; border: none; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self._update_bar()

    # ------------------------------------------------------------------ public API
    def set_source(self, source_id: int | None) -> None:
        """The PDF or scan whose pages are shown (None, or a source without pages: nothing).
        A scan read by OCR (an image, or a scanned PDF) marks a span where OCR found its
        words (services/scan_pages)."""
        self._cancel()
        self._image, self._span, self._count = None, None, 0
        self._source = None
        if source_id is not None:
            try:
                self._source = scan_pages.scan_source(source_id) or pages.pdf_source(source_id)
            except CasefileError as exc:
                self._say(str(exc))
                return
            self._count = max(len(self._source.pages), 1)
        self._page = 1
        self._update_bar()

    def show_span(self, start: int, end: int) -> None:
        """Show the first page the span lies on, with the span marked."""
        if self._source is None:
            return
        self._span = (start, end)
        self._request(None)

    def show_page(self, page: int) -> None:
        """Show page `page` (from 1), marking the span on it if it lies there."""
        if self._source is None or not 1 <= page <= self._count:
            return
        self._request(page)

    def page(self) -> int:
        return self._page

    def image(self) -> pages.PageImage | None:
        """The page on screen (for tests)."""
        return self._image

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for a drawing to end (closing a case, and tests)."""
        return self._runner.wait(msecs)

    def shut_down(self) -> None:
        """Stop drawing and end the drawing process (the window closing, and tests)."""
        self._cancel()
        self._runner.wait()
        self._drawer.close()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._cancel()
        super().hideEvent(event)

    # ------------------------------------------------------------------ drawing
    def _request(self, page: int | None) -> None:
        self._cancel()
        source, span = self._source, self._span
        self._say(self.tr("Drawing page {page}…").format(page=page) if page else
                  self.tr("Drawing the page…"))

        draw = (scan_pages.draw if isinstance(source, scan_pages.ScanSource)
                else self._drawer.draw)

        def work(progress, cancelled):
            return draw(source, page, span=span, progress=progress, cancelled=cancelled)

        self._task = task = self._runner.run(
            work, on_done=lambda image: self._done(task, image),
            on_failed=lambda exc: self._failed(task, exc))
        task.signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)

    def _progress(self, done: int, total: int, _what: str) -> None:
        self._say(self.tr("Reading the text of page {page} of {pages}…").format(
            page=done + 1, pages=total))

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _done(self, task: Task, image: pages.PageImage) -> None:
        if task is not self._task:  # an older request, overtaken
            return
        self._task = None
        self._image, self._page, self._count = image, image.page, image.pages
        self._picture = self._marked(image)
        self.picture.setText("")
        self._fit(scroll=True)
        self._update_bar()
        self.pageShown.emit(image.page)

    def _failed(self, task: Task, exc: Exception) -> None:
        if task is not self._task:
            return
        self._task = None
        if isinstance(exc, pages.PageCancelled):
            return
        self._say(str(exc) if isinstance(exc, CasefileError)
                  else self.tr("This page could not be drawn."))

    def _marked(self, image: pages.PageImage) -> QImage:
        picture = QImage.fromData(image.png, "PNG")
        if image.boxes:
            painter = QPainter(picture)
            painter.setPen(QPen(_EDGE, 2))
            painter.setBrush(_FILL)
            for x, y, w, h in image.boxes:
                painter.drawRect(QRectF(x - _PAD, y - _PAD, w + 2 * _PAD, h + 2 * _PAD))
            painter.end()
        return picture

    def _fit(self, *, scroll: bool = False) -> None:
        """The page as wide as the pane (never wider than it was drawn), or at its printed
        size (a point of the PDF a point of the screen); then, when asked, the span in view."""
        if self._picture is None:
            return
        if self.actual.isChecked():
            ratio = pages.DEFAULT_SCALE * 72 / max(self.logicalDpiX(), 1)
        else:
            room = max(200, self.scroll.viewport().width() - 12)
            ratio = max(1.0, self._picture.width() / room)
        pixmap = QPixmap.fromImage(self._picture)
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)
        if scroll and self._image is not None and self._image.boxes:
            x, y, w, h = self._image.boxes[0]
            self.picture.adjustSize()
            self.scroll.ensureVisible(int((x + w / 2) / ratio), int((y + h / 2) / ratio),
                                      self.scroll.viewport().width() // 2,
                                      self.scroll.viewport().height() // 3)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._fit()

    def _say(self, text: str) -> None:
        self._picture = None
        self.picture.setPixmap(QPixmap())
        self.picture.setText(text)

    def _update_bar(self) -> None:
        shown = self._source is not None and self._count > 0
        self.where.setText(self.tr("Page {page} of {pages}").format(
            page=self._page, pages=self._count) if shown else "")
        self.previous.setEnabled(shown and self._page > 1)
        self.next.setEnabled(shown and self._page < self._count)
