"""The review queue: the spans waiting for review, in the order a reviewer walks them, and the
reviewer's place in it (kept across rebuilds while the span is still waiting).

The queue is built from the rows it is given: the review flow gives it the spans the evidence
list shows, so the list's filters and its "Current incident only" box narrow the queue too.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.services.evidence import EvidenceRow


class ReviewQueue:
    """Pending, usable spans: the focused incident's first, then the rest in source order."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.index = 0

    def rebuild(self, rows: Iterable[EvidenceRow], focus: int | None,
                keep: int | None = None) -> None:
        """Queue the rows waiting for review; stay on `keep` if it is still waiting."""
        pending = [row for row in rows
                   if row.review_state == "pending" and row.usable]
        pending.sort(key=lambda row: row.incident_id != focus)
        self.ids = [row.id for row in pending]
        if keep in self.ids:
            self.index = self.ids.index(keep)
        self.index = min(self.index, max(0, len(self.ids) - 1))

    def go_to(self, span_id: int | None) -> bool:
        """Stand on `span_id` if it is waiting; False (the place unchanged) when it is not."""
        if span_id not in self.ids:
            return False
        self.index = self.ids.index(span_id)
        return True

    def restart(self) -> None:
        """Back to the first span (when review mode is switched on)."""
        self.index = 0

    def current(self) -> int | None:
        """The span the reviewer is on, or None when nothing waits."""
        return self.ids[self.index] if self.ids else None

    def move(self, step: int) -> None:
        """Go `step` spans forward (or back), wrapping around."""
        if self.ids:
            self.index = (self.index + step) % len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)
