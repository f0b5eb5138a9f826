"""Review in the window: review mode walks the spans waiting for review; a reviewer approves or
returns each, and submits, approves or returns incidents."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from desktop.domain import refs
from desktop.gui.flows.base import Flow
from desktop.gui.widgets.actions import REVIEW_ONLY
from desktop.gui.widgets.review_queue import ReviewQueue
from desktop.services import evidence, incidents, review
from desktop.services.changes import Change, Kind

_STEPS = {"submit": ("Submit", review.submit_incident),
          "approve": ("Approve", review.approve_incident)}


class Review(Flow):
    """Review mode, the queue of pending spans, and the decisions on spans and incidents."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.queue = ReviewQueue()

    @property
    def on(self) -> bool:
        return self.window.actions.review_mode.isChecked()

    def enable_actions(self, on: bool) -> None:
        for name in REVIEW_ONLY:
            self.window.actions[name].setEnabled(on and self.app.session.case_file is not None)

    def set_review_mode(self, on: bool) -> None:
        """Show the review panel and walk the evidence waiting for review."""
        w = self.window
        self.enable_actions(on)
        w.review_dock.setVisible(on)
        if on:
            w.review_dock.raise_()
            self.queue.restart()
            self.refresh(show=True)

    def case_changed(self, change: Change) -> None:
        """Keep the queue and the card true to the case while review mode is on."""
        if self.on and self.app.session.case_file is not None and change.touches(
                Kind.EVIDENCE, Kind.INCIDENT):
            self.refresh()

    def refresh(self, show: bool = False) -> None:
        """Rebuild the queue of pending spans; keep the reviewer's place in it."""
        current = self.window.review_panel.current()
        self.queue.rebuild(evidence.evidence_rows(), self.window.incident_form.incident_id(),
                           keep=None if show else current)
        self.show_item(scroll=show or current not in self.queue.ids)
        self.show_incident()

    def show_item(self, scroll: bool = True) -> None:
        panel = self.window.review_panel
        span_id = self.queue.current()
        if span_id is None:
            panel.show_span(None, 0, 0)
            return
        row = evidence.evidence_rows(ids=[span_id])[0]
        panel.show_span(row, self.queue.index, len(self.queue))
        if scroll:
            self.app.reading.show_evidence(span_id)

    def show_incident(self) -> None:
        incident_id = self.window.incident_form.incident_id()
        values = incidents.incident_values(incident_id) if incident_id is not None else None
        self.window.review_panel.show_incident(
            values["code"] if values else None, values["state"] if values else "",
            len(review.unreviewed(incident_id)) if values else 0)

    def move(self, step: int) -> None:
        if len(self.queue):
            self.queue.move(step)
            self.show_item()

    # ------------------------------------------------------------ decisions
    def approve_current(self) -> None:
        span_id = self.window.review_panel.current()
        if span_id is not None:
            self.push("Approve 1 span(s)", lambda: review.review_evidence(
                [span_id], "approved", actor=self.user()))
            self.show_item()

    def return_current(self, comment: str) -> None:
        span_id = self.window.review_panel.current()
        if span_id is None:
            return
        if not comment.strip():
            comment, ok = QInputDialog.getMultiLineText(
                self.window, self.tr("Return evidence"),
                self.tr("Why is {code} returned? The documenter sees this comment.")
                .format(code=refs.evidence_ref(span_id)))
            if not ok or not comment.strip():
                return
        self.push("Return 1 span(s)", lambda: review.review_evidence(
            [span_id], "returned", actor=self.user(), comment=comment))
        self.show_item()

    def resubmit_evidence(self) -> None:
        ids = self.app.editing.selected_evidence()
        if ids:
            self.push(f"Resubmit {len(ids)} span(s)",
                      lambda: review.resubmit_evidence(ids, actor=self.user()))

    def move_incident(self, step: str, comment: str = "") -> None:
        """Submit, approve or return the current incident (a return asks for a comment)."""
        incident_id = self.window.incident_form.incident_id()
        if incident_id is None:
            self.status(self.tr("Select an incident first."))
            return
        if step == "return" and not comment.strip():
            comment, ok = QInputDialog.getMultiLineText(
                self.window, self.tr("Return incident"),
                self.tr("Why is the incident returned?"))
            if not ok or not comment.strip():
                return
        code = incidents.incident_code(incident_id)
        if step == "return":
            self.push(f"Return {code}", lambda: review.return_incident(
                incident_id, comment, actor=self.user()))
        else:
            verb, move = _STEPS[step]
            self.push(f"{verb} {code}", lambda: move(incident_id, actor=self.user()))
        self.show_incident()
