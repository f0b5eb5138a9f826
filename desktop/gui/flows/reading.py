"""Reading in the window: which source view is in use, opening sources, showing a span where
it stands, finding in a source and searching the case."""

from __future__ import annotations

import re

from desktop.gui.flows.base import Flow
from desktop.services import evidence, sources


class Reading(Flow):
    """The source views and the case search."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self._last_view = self.window.source_view

    def active_view(self):
        """The source view the user last worked in (the second one only while comparing)."""
        w = self.window
        return w.compare_view if w.comparing() and self._last_view is w.compare_view \
            else w.source_view

    def view_used(self, view) -> None:
        self._last_view = view

    def reading_source(self) -> int | None:
        return self.active_view().source_id()

    def open_source(self, source_id: int, view=None) -> None:
        """Show a source; while comparing, an empty second view is filled first."""
        w = self.window
        if view is None:
            comparing = w.comparing()
            view = (w.compare_view if comparing and w.compare_view.source_id() is None
                    else self.active_view())
        if view.source_id() != source_id:  # a click on the source shown keeps its place
            view.set_source(source_id)
        self._last_view = view
        w.navigator.select_source(source_id)

    def show_evidence(self, evidence_id: int, source_id: int | None = None) -> None:
        """Open the span's source (if needed), scroll to the span and select it everywhere;
        `source_id` is its source, when the caller knows it (the one just marked in)."""
        source_id = evidence.source_of(evidence_id) if source_id is None else source_id
        if source_id is None:
            return
        view = self.view_showing(source_id)
        if view is None:
            view = self.window.source_view
            self.open_source(source_id, view)
        view.select_span(evidence_id)
        self.window.evidence_panel.select_evidence(evidence_id)

    def follow_list(self, _ids: list | None = None) -> None:
        """The evidence list's current span is the one outlined in the source that shows it
        (and none is outlined in a source that does not), so a status key acts on what the
        user sees outlined."""
        panel = self.window.evidence_panel
        current, source_id = panel.current_id(), panel.current_source_id()
        for view in self.window.source_views():
            if source_id is not None and view.source_id() == source_id:
                view.select_span(current)
            else:
                view.unselect_span()

    def view_showing(self, source_id: int):
        w = self.window
        for view in w.source_views():
            if view.isVisible() and view.source_id() == source_id:
                return view
        return None

    def span_clicked(self, evidence_id: int) -> None:
        """Select the span's incident, then the span in the evidence list: in that order, a
        ticked "Current incident only" follows the span's incident instead of being lifted."""
        rows = evidence.evidence_rows(ids=[evidence_id])
        if rows and rows[0].incident_id is not None:
            self.app.editing.select_incident(rows[0].incident_id)
        self.window.evidence_panel.select_evidence(evidence_id)

    def find_in_source(self) -> None:
        self.active_view().show_find_bar()

    def focus_search(self) -> None:
        self.window.show_search()

    def run_search(self, request: int, text: str) -> None:
        from desktop.services import search  # loaded by the first search, here on the UI thread

        panel = self.window.search_panel
        self.app.background.run(lambda progress, cancelled: search.search(text, limit=50),
                                on_done=lambda hits: panel.show_hits(request, hits),
                                on_failed=lambda exc: panel.show_error(request, str(exc)))

    def open_search_hit(self, source_id: int, words: str) -> None:
        view = self.view_showing(source_id) or self.window.source_view
        if view.source_id() != source_id:
            self.open_source(source_id, view)
        # The hit as a whole word, ignoring case (casefold() could shift offsets: ß → ss).
        found = re.search(rf"\b{re.escape(words)}", sources.source_text(source_id),
                          re.IGNORECASE) if words else None
        if found:
            view.show_range(found.start(), found.end())
