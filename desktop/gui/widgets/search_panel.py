"""The case search panel: full-text search over every source, hits with their snippets.

The query runs off the UI thread (the main window passes the request on to `ops`); results
that arrive after a newer query was typed are dropped.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTextBrowser, QVBoxLayout, QWidget

from desktop.domain.printable import printable
from desktop.gui.i18n import plural
from desktop.services.search import SearchHit


def render_hits(hits: list[SearchHit]) -> str:
    """The hits as HTML: a linked title per source and its snippet with the hits in bold."""
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
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Search every source: words, \"a phrase\", "
                                              "execut*"))
        self.query.setClearButtonEnabled(True)
        self.status = QLabel("")
        self.status.setStyleSheet("color: #555;")
        self.status.setWordWrap(True)
        self.results = QTextBrowser()
        self.results.setOpenLinks(False)
        self.results.anchorClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.query.returnPressed.connect(self.run)
        self._request = 0
        self._hits: dict[int, SearchHit] = {}

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def run(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        self._request += 1
        self.status.setText(self.tr("Searching…"))
        self.searchRequested.emit(self._request, text)

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
        if request == self._request:
            self.status.setText(f"<span style='color:#a40000'>{html.escape(message)}</span>")
            self.results.clear()

    def clear(self) -> None:
        self.query.clear()
        self.status.clear()
        self.results.clear()
        self._hits = {}

    def _open(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "source" and value.isdigit():
            hit = self._hits.get(int(value))
            words = ""
            if hit and hit.highlights:
                start, end = hit.highlights[0]
                words = hit.snippet[start:end]
            self.hitActivated.emit(int(value), words)
