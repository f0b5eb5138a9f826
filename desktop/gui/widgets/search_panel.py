"""The case search panel: full-text search over every source, hits with their snippets.

The query runs off the UI thread (the main window passes the request on to `ops`); results
that arrive after a newer query was typed are dropped. The last query runs again when the
case's sources change (an import), and a click anywhere on a hit opens its source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QMouseEvent, QShowEvent, QTextBlock
from PySide6.QtWidgets import QLabel, QLineEdit, QTextBrowser, QVBoxLayout, QWidget

from desktop.domain.printable import printable
from desktop.gui.i18n import plural
from desktop.services.changes import Change, Kind

if TYPE_CHECKING:
    from desktop.services.search import SearchHit


def render_hits(hits: list[SearchHit]) -> str:
    """The hits as HTML: a linked title per source and its snippet with the hits in bold."""
    import html

    parts = []
    untitled = QCoreApplication.translate("SearchPanel", "Untitled source")
    for hit in hits:
        snippet, last = [], 0
        for start, end in hit.highlights:
            snippet.append(html.escape(hit.snippet[last:start]))
            snippet.append(f"<b style='background:#fde9a9'>{html.escape(hit.snippet[start:end])}"
                           "</b>")
            last = end
        snippet.append(html.escape(hit.snippet[last:]))
        publisher = f" · {html.escape(printable(hit.publisher))}" if hit.publisher else ""
        parts.append(
            f"<p style='margin:0 0 10px 0'><a href='source:{hit.source_id}'>"
            f"{html.escape(printable(hit.title) or untitled)}</a>"
            f"<span style='color:#666'>{publisher}</span><br>"
            f"<span style='color:#222'>{' '.join(''.join(snippet).split())}</span></p>")
    return "".join(parts)


class SearchPanel(QWidget):
    """A query box and the ranked hits; clicking a hit asks to open its source there."""

    searchRequested = Signal(int, str)  # request number, query
    hitActivated = Signal(int, str)  # source id, the hit's first highlighted words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The query box, status line and results are built when the tab is first shown (or one
        # of them asked for): start-up paints the window without them, behind the case's tab.
        self._parts: tuple[QLineEdit, QLabel, QTextBrowser] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self._request = 0
        self._hits: dict[int, SearchHit] = {}
        self._shown = ""  # the query whose hits are shown, run again when sources change

    @property
    def query(self) -> QLineEdit:
        return self._built()[0]

    @property
    def status(self) -> QLabel:
        return self._built()[1]

    @property
    def results(self) -> QTextBrowser:
        return self._built()[2]

    def _built(self) -> tuple[QLineEdit, QLabel, QTextBrowser]:
        if self._parts is None:
            self._parts = self._build()
            if self.isVisible():  # shown now, not a turn of the event loop later
                for part in self._parts:
                    part.show()
        return self._parts

    def _build(self) -> tuple[QLineEdit, QLabel, QTextBrowser]:
        query = QLineEdit()
        query.setPlaceholderText(self.tr("Search every source: words in any form, "
                                         "\"an exact phrase\", execut*"))
        query.setToolTip(self.tr(
            "A Ukrainian or Russian word also finds its other forms: its cases, its plural, "
            "and for a town the region named after it. A phrase in quotes is found exactly as "
            "typed; execut* finds every word that begins so; AND, OR, NOT combine words; "
            "NEAR(a b) finds them at most 10 words apart (NEAR(a b, 3): at most 3); ^word "
            "finds it where a text begins."))
        query.setClearButtonEnabled(True)
        status = QLabel("")
        status.setStyleSheet("color: #555;")
        status.setWordWrap(True)
        results = QTextBrowser()
        results.setOpenLinks(False)
        results.anchorClicked.connect(self._open)
        results.viewport().installEventFilter(self)
        results.viewport().setMouseTracking(True)
        layout = self.layout()
        layout.addWidget(query)
        layout.addWidget(status)
        layout.addWidget(results, 1)
        query.returnPressed.connect(self.run)
        return query, status, results

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self._built()  # before its first paint
        super().showEvent(event)

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def run(self) -> None:
        self._search(self.query.text().strip())

    def _search(self, text: str) -> None:
        if not text:
            return
        self._request += 1
        self._shown = text
        self.status.setText(self.tr("Searching…"))
        self.searchRequested.emit(self._request, text)

    def case_changed(self, change: Change) -> None:
        """Sources added or changed (an import): the hits shown are searched for again."""
        if self._shown and change.touches(Kind.SOURCE):
            self._search(self._shown)

    def show_hits(self, request: int, hits: list[SearchHit]) -> None:
        """Show the result of a request, unless a newer one was made meanwhile."""
        if request != self._request:
            return
        self._hits = {hit.source_id: hit for hit in hits}
        count = len(hits)
        self.status.setText(self.tr("No source contains that.") if not count else
                            plural(self.tr("%n source(s), best match first", "", count), count))
        self.results.setHtml(render_hits(hits))

    def show_error(self, request: int, message: str) -> None:
        import html

        if request == self._request:
            self.status.setText(f"<span style='color:#a40000'>{html.escape(message)}</span>")
            self.results.clear()

    def clear(self) -> None:
        if self._parts is None:  # never shown: nothing to clear
            self._hits, self._shown = {}, ""
            return
        self.query.clear()
        self.status.clear()
        self.results.clear()
        self._hits = {}
        self._shown = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """A hit's whole paragraph opens its source, not only its title."""
        if (self._parts is not None and watched is self.results.viewport()
                and isinstance(event, QMouseEvent)):
            href = self._hit_link(event.position().toPoint())
            if event.type() == QEvent.Type.MouseMove:
                watched.setCursor(Qt.CursorShape.PointingHandCursor if href
                                  else Qt.CursorShape.IBeamCursor)
            elif (event.type() == QEvent.Type.MouseButtonRelease and href
                  and event.button() == Qt.MouseButton.LeftButton
                  and not self.results.textCursor().hasSelection()
                  and not self.results.anchorAt(event.position().toPoint())):
                self._open(QUrl(href))
                return True
        return super().eventFilter(watched, event)

    def _hit_link(self, point: QPoint) -> str:
        """The link of the hit under a point of the results ("" between hits)."""
        if not self._hits:
            return ""
        block = self.results.cursorForPosition(point).block()
        area = self.results.document().documentLayout().blockBoundingRect(block)
        scrolled = QPointF(point.x() + self.results.horizontalScrollBar().value(),
                           point.y() + self.results.verticalScrollBar().value())
        return _link_of(block) if area.contains(scrolled) else ""

    def _open(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "source" and value.isdigit():
            hit = self._hits.get(int(value))
            words = ""
            if hit and hit.highlights:
                start, end = hit.highlights[0]
                words = hit.snippet[start:end]
            self.hitActivated.emit(int(value), words)


def _link_of(block: QTextBlock) -> str:
    """The source link in a block of the results (a hit is one paragraph)."""
    fragments = block.begin()
    while not fragments.atEnd():
        href = fragments.fragment().charFormat().anchorHref()
        if href.startswith("source:"):
            return href
        fragments += 1
    return ""
