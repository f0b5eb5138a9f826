"""Review in the window: review mode walks the spans waiting for review; a reviewer approves or
returns each, and submits, approves or returns incidents.

What a decision acts on, so that it cannot misfire:

- The review card shows the span selected in the evidence list; a click on a span in a source
  selects it there too. Approve and Return (A, R) act on the span on the card and nothing else.
  With several spans selected the card shows the list's current row (the one last clicked) and
  says "1 of 3 selected": a decision is read and made span by span, so a stray Shift-click
  never approves a dozen spans at once.
- The queue (N, P) is the pending, usable spans the evidence list shows: its filters and its
  "Current incident only" box narrow the queue too, and the queue never lifts them. A span the
  list hides is therefore never put on the card by the queue. (A span clicked in a source is
  selected in the list, which lifts a filter hiding it, as outside review mode.)
- After a decision the card moves on to the queue's next span and selects it in the list and
  its source. With nothing selected (a filter hid the selected span, its row went away) the
  card goes back to the queue's place and selects it; N or P from a span outside the queue go
  back to the queue's place too.
- A refused decision (the service raises a ValidationError) is shown as a message; nothing is
  published, so the card stays on the same span.
- Review mode is kept with the window's layout: when the review panel was open as the window
  closed, review mode comes back on once the next case is open, and its queue is built then.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from desktop.domain import refs, scales
from desktop.gui import i18n
from desktop.gui.flows.base import Flow
from desktop.gui.i18n import scale_label, supports_label
from desktop.gui.widgets.actions import REVIEW_ONLY
from desktop.gui.widgets.review_queue import ReviewQueue
from desktop.services import evidence, incidents  # review: imported where used, after start
from desktop.services.changes import Change, Kind


class Review(Flow):
    """Review mode, the queue of pending spans, and the decisions on spans and incidents."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.queue = ReviewQueue()
        self._syncing = False  # selecting the queue's span must not start another sync
        self._deciding = False  # the Change arriving is the decision on the card's span
        self._resume = False  # review mode was on when the window last closed

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
            self.sync(start=True)
            self.show_incident()

    # ------------------------------------------------------------ kept across restarts
    def restore_mode(self) -> None:
        """After the saved layout is restored: an open review panel means review mode was on.
        It comes back on when a case is open (the queue needs the case); until then the panel
        stays hidden, never showing an empty queue."""
        dock = self.window.review_dock
        self._resume = not dock.isHidden()
        dock.hide()

    def case_opened(self, is_open: bool) -> None:
        """The window is set up for a case (or for none): resume review mode if it was on."""
        if is_open and self._resume and self.app.session.case_file is not None:
            self._resume = False
            self.window.actions.review_mode.setChecked(True)

    def dock_visibility(self, visible: bool) -> None:
        """The review panel closed by its own button ends review mode: A and R must not act on
        a card nobody sees."""
        if not visible and self.window.review_dock.isHidden() and self.on:
            self.window.actions.review_mode.setChecked(False)

    # ------------------------------------------------------------ the queue and the card
    def case_changed(self, change: Change) -> None:
        """Keep the queue and the card true to the case while review mode is on."""
        if self.on and self.app.session.case_file is not None and change.touches(
                Kind.EVIDENCE, Kind.INCIDENT):
            self.sync(place=self._deciding)
            self.show_incident()

    def selection_changed(self, _ids: list | None = None) -> None:
        """The evidence list's selection changed: the card follows it."""
        if self.on:
            self.sync()

    def list_filtered(self) -> None:
        """The evidence list's filters or scope changed: so does the queue."""
        if self.on:
            self.sync()

    def span_clicked(self, _evidence_id: int) -> None:
        """A span clicked in a source (Reading selected it in the evidence list first)."""
        if self.on:
            self.sync()

    def sync(self, *, start: bool = False, place: bool = False) -> None:
        """Rebuild the queue from the spans the evidence list shows, and put on the card the
        span selected there; the queue's place instead when review mode starts (`start`),
        after a decision or a move (`place`), or when nothing is selected. The queue's span is
        then selected in the list (it is shown there, so no filter is lifted) and its source;
        when the queue is empty, nothing stays selected."""
        if self._syncing or self.app.session.case_file is None:
            return
        self._syncing = True
        try:
            listed = self.window.evidence_panel
            keep = self.queue.current()
            self.queue.rebuild(listed.shown_rows(), self.window.incident_form.incident_id(),
                               keep=keep)
            # The place left the queue: after a decision the span now there is the next one;
            # otherwise (a filter or the scope changed) the queue starts again from its first.
            lost = keep is not None and keep not in self.queue.ids
            if start or (lost and not place and not self._deciding):
                self.queue.restart()
            span_id = None if start or place else listed.current_id()
            selected = len(listed.selected_ids())
            if span_id is None:
                span_id = self.queue.current()
                if span_id is not None:
                    self.app.reading.show_evidence(span_id)
                else:  # nothing left to walk: no span stays selected as if it were next
                    listed.view.clearSelection()
                selected = 1
            else:
                self.queue.go_to(span_id)
            self._show_card(span_id, selected)
        finally:
            self._syncing = False

    def _show_card(self, span_id: int | None, selected: int) -> None:
        panel = self.window.review_panel
        rows = evidence.evidence_rows(ids=[span_id]) if span_id is not None else []
        if not rows:
            waiting = sum(1 for row in evidence.evidence_rows()
                          if row.review_state == "pending" and row.usable)
            panel.show_nothing(hidden=waiting - len(self.queue))
            return
        row = rows[0]
        index = self.queue.ids.index(row.id) if row.id in self.queue.ids else None
        panel.show_span(row, index, len(self.queue), selected)

    def show_incident(self) -> None:
        from desktop.services import review

        incident_id = self.window.incident_form.incident_id()
        values = incidents.incident_values(incident_id) if incident_id is not None else None
        self.window.review_panel.show_incident(
            values["code"] if values else None, values["state"] if values else "",
            len(review.unreviewed(incident_id)) if values else 0)

    def move(self, step: int) -> None:
        """Next (1) or previous (-1) pending span; from a span outside the queue, back to the
        queue's place."""
        if not self.on or not len(self.queue):
            return
        if self.queue.go_to(self.window.review_panel.current()):
            self.queue.move(step)
        self.sync(place=True)

    # ------------------------------------------------------------ decisions
    def card_span(self) -> int | None:
        """The span a decision is for: the one on the card, which is the one selected in the
        evidence list. Should they ever differ, the card is brought to the selection and
        nothing is decided: the user presses again on what they now see."""
        card = self.window.review_panel.current()
        selected = self.window.evidence_panel.current_id()
        if card is not None and selected is not None and selected != card:
            self.sync()
            self.status(self.tr("The review card now shows the span you selected; press again "
                                "to decide on it."))
            return None
        return card

    def approve_current(self) -> None:
        from desktop.services import review

        span_id = self.card_span()
        if span_id is not None:
            code = refs.evidence_ref(span_id)
            self._decide(self.tr("Approve {code}").format(code=code),
                         lambda: review.review_evidence([span_id], "approved",
                                                        actor=self.user()))

    def return_current(self, comment: str) -> None:
        from desktop.services import review

        span_id = self.card_span()
        if span_id is None:
            return
        if not comment.strip():
            comment, ok = QInputDialog.getMultiLineText(
                self.window, self.tr("Return evidence"),
                self.tr("Why is {code} returned? The documenter sees this comment.")
                .format(code=refs.evidence_ref(span_id)))
            if not ok or not comment.strip():
                return
        code = refs.evidence_ref(span_id)
        self._decide(self.tr("Return {code}").format(code=code), lambda: review.review_evidence(
            [span_id], "returned", actor=self.user(), comment=comment))

    def _decide(self, text: str, call) -> None:
        """Record a decision; its Change moves the card on. A refusal is shown by `push` and
        publishes nothing, so the card stays on the same span."""
        self._deciding = True
        try:
            self.push(text, call)
        finally:
            self._deciding = False

    def resubmit_evidence(self) -> None:
        from desktop.services import review

        ids = self.app.editing.selected_evidence()
        if ids:
            self.push(i18n.plural(self.tr("Resubmit %n span(s)", "", len(ids)), len(ids)),
                      lambda: review.resubmit_evidence(ids, actor=self.user()))

    def move_incident(self, step: str, comment: str = "") -> None:
        """Submit, approve or return the current incident (a return asks for a comment)."""
        from desktop.services import review

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
        if step == "approve" and not comment.strip():
            comment, ok = self._sign_off_reason(incident_id)
            if not ok:
                return
        code = incidents.incident_code(incident_id)
        if step == "return":
            self.push(self.tr("Return {code}").format(code=code), lambda: review.return_incident(
                incident_id, comment, actor=self.user()))
        elif step == "approve":
            self.push(self.tr("Approve {code}").format(code=code), lambda: review.approve_incident(
                incident_id, actor=self.user(), comment=comment))
        else:
            self.push(self.tr("Submit {code}").format(code=code), lambda: review.submit_incident(
                incident_id, actor=self.user()))
        self.show_incident()

    def _sign_off_reason(self, incident_id: int) -> tuple[str, bool]:
        """A sign-off of facts or elements not supported needs a written reason (the dossier
        prints it): ask for it, naming them; ("", True) when all is supported."""
        from desktop.services import assessment  # noqa: PLC0415 — asked at a sign-off only

        short = assessment.not_supported(incident_id)
        if not short:
            return "", True
        listed = "\n".join(f"• {supports_label(a.fact)} — "
                           f"{scale_label(scales.COVERAGE_LEVELS, a.coverage).lower()}"
                           for a in short[:12])
        comment, ok = QInputDialog.getMultiLineText(
            self.window, self.tr("Sign off the incident"),
            self.tr("These are not supported by approved, verified evidence:\n{listed}\n\n"
                    "Why is the incident signed off as it is? The dossier prints your "
                    "reason.").format(listed=listed))
        return comment.strip(), ok and bool(comment.strip())
