"""The review panel (View → Review): walk through pending evidence one by one and decide.

The reviewer sees each span's quote and what it is said to prove, then approves it or returns
it with a comment; N and P move to the next or previous pending span. The card shows the span
selected in the evidence list (the review flow keeps them the same), and says so when several
are selected: a decision is for the span on the card only. The incident's sign-off (submit,
approve, return) sits below. The panel only asks; the app records the decisions.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scales
from desktop.gui.i18n import format_date, plural, scale_label, supports_label
from desktop.services.evidence import EvidenceRow


def describe(row: EvidenceRow) -> str:
    """The span as the reviewer reads it: the quote, then what it is said to prove."""
    import html

    status = scale_label(scales.VERIFICATION_STATUSES, row.status)
    credibility = scale_label(scales.INFORMATION_CREDIBILITY, row.credibility)
    value = f" = <b>{html.escape(row.asserted_value)}</b>" if row.asserted_value else ""
    returned_earlier = QCoreApplication.translate("ReviewPanel", "Returned earlier: {comment}")
    returned = (f"<p style='color:#8a4b00'>"
                f"{returned_earlier.format(comment=html.escape(row.review_comment))}</p>"
                if row.review_state == "returned" and row.review_comment else "")
    unlinked = QCoreApplication.translate("ReviewPanel", "Not linked to an incident")
    no_fact = QCoreApplication.translate("ReviewPanel", "no fact")
    grade = QCoreApplication.translate("ReviewPanel", "grade {grade}").format(
        grade=f"{row.source_reliability}{row.credibility}")
    marked = QCoreApplication.translate("ReviewPanel", "marked by {name} on {date}").format(
        name=html.escape(row.created_by), date=format_date(row.created_at))
    # Tight paragraphs: in a short dock (a small screen) the grade and status still show
    # with the quote, and the card scrolls for the rest.
    return (
        f"<p style='font-size:10pt; margin:0 0 4px 0'><b>{row.ref}</b> "
        f"&nbsp;“{html.escape(row.quote)}”</p>"
        f"<p style='margin:0 0 4px 0'>{html.escape(row.incident_code or unlinked)} · "
        f"{html.escape(supports_label(row.supports) if row.supports else no_fact)}"
        f"{value}</p>"
        f"<p style='color:#444; margin:0'>{grade} · {html.escape(status)} · "
        f"{html.escape(credibility)}<br>{html.escape(row.source_title)}"
        f"{' · ' + html.escape(row.source_publisher) if row.source_publisher else ''}<br>"
        f"{marked}</p>{returned}")


class ReviewPanel(QWidget):
    """One pending span at a time, with Approve / Return, and the incident's sign-off."""

    approveRequested = Signal(int)
    returnRequested = Signal(int, str)  # evidence id, the reviewer's comment
    moveRequested = Signal(int)  # +1 next, -1 previous
    submitIncidentRequested = Signal()
    approveIncidentRequested = Signal()
    returnIncidentRequested = Signal(str)

    #: The panel's parts, built the first time the panel is shown or one of them is asked for:
    #: the Review dock is hidden when the window first paints (outside review mode).
    _PARTS = frozenset({"position", "selection_note", "card", "comment", "previous", "next",
                        "approve", "return_", "incident_label", "submit_incident",
                        "approve_incident", "return_incident"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current: int | None = None
        self._built = False
        self._card_shows: tuple = (self.show_nothing, ())  # what the parts show once built
        self._incident_shows: tuple = (None, "", 0)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def __getattr__(self, name: str):
        """A part asked for before the panel was first shown: build them all now."""
        if name in ReviewPanel._PARTS and not self.__dict__.get("_built", True):
            self._build()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._built:
            self._build()  # before its first paint
        super().showEvent(event)

    def _build(self) -> None:
        self._built = True
        body = QWidget()  # the parts, shown at once when the panel already is
        self.position = QLabel("")
        self.position.setStyleSheet("color:#555")
        self.position.setWordWrap(True)
        #: Shown while several spans are selected: which one a decision is for.
        self.selection_note = QLabel("")
        self.selection_note.setWordWrap(True)
        self.selection_note.setStyleSheet("color:#8a4b00")
        self.selection_note.hide()
        self.card = QLabel("")
        self.card.setWordWrap(True)
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setStyleSheet("QLabel { background:#fbfaf7; padding:8px; }")
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("Comment for the documenter (needed to return)"))
        self.comment.setFixedHeight(self.comment.fontMetrics().lineSpacing() * 2 + 14)
        self.comment.setTabChangesFocus(True)
        # Arrows only, named in their tooltips: the decisions fit one row of a narrow dock.
        self.previous = QPushButton("◂")
        self.previous.setToolTip(self.tr("Previous pending span (P)"))
        self.previous.setAccessibleName(self.tr("Previous pending span"))
        self.next = QPushButton("▸")
        self.next.setToolTip(self.tr("Next pending span (N)"))
        self.next.setAccessibleName(self.tr("Next pending span"))
        for arrow in (self.previous, self.next):
            arrow.setFixedWidth(arrow.fontMetrics().horizontalAdvance("◂") + 24)
        self.approve = QPushButton(self.tr("Approve"))
        self.return_ = QPushButton(self.tr("Return with comment"))
        self.approve.setStyleSheet("QPushButton { background:#b5e3cf; }")
        self.return_.setStyleSheet("QPushButton { background:#f6c9a8; }")
        buttons = QHBoxLayout()
        for button in (self.previous, self.next):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.return_, self.approve):
            buttons.addWidget(button)
        self.incident_label = QLabel("")
        self.incident_label.setWordWrap(True)
        self.submit_incident = QPushButton(self.tr("Submit incident for review"))
        self.approve_incident = QPushButton(self.tr("Approve incident"))
        self.return_incident = QPushButton(self.tr("Return incident with comment"))
        incident_row = QGridLayout()
        incident_row.addWidget(self.submit_incident, 0, 0)
        incident_row.addWidget(self.approve_incident, 0, 1)
        incident_row.addWidget(self.return_incident, 1, 0, 1, 2)
        layout = QVBoxLayout(body)
        layout.addWidget(self.position)
        layout.addWidget(self.selection_note)
        # The card scrolls when the dock is short: its last lines (grade, status) stay there.
        card_area = QScrollArea()
        card_area.setWidget(self.card)
        card_area.setWidgetResizable(True)
        card_area.setFrameShape(QFrame.Shape.NoFrame)
        card_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(card_area, 1)
        layout.addWidget(self.comment)
        layout.addLayout(buttons)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        layout.addWidget(self.incident_label)
        layout.addLayout(incident_row)
        self.previous.clicked.connect(lambda: self.moveRequested.emit(-1))
        self.next.clicked.connect(lambda: self.moveRequested.emit(1))
        self.approve.clicked.connect(self._approve)
        self.return_.clicked.connect(self._return)
        self.submit_incident.clicked.connect(self.submitIncidentRequested)
        self.approve_incident.clicked.connect(self.approveIncidentRequested)
        self.return_incident.clicked.connect(
            lambda: self.returnIncidentRequested.emit(self.comment.toPlainText()))
        self.layout().addWidget(body)
        if self.isVisible():
            body.show()
        show, args = self._card_shows
        show(*args)
        self.show_incident(*self._incident_shows)

    def current(self) -> int | None:
        return self._current

    def show_span(self, row: EvidenceRow | None, index: int | None, total: int,
                  selected: int = 1) -> None:
        """Show the span a decision is for: number `index` of the `total` waiting, or (index
        None) a span selected outside the queue; `selected` spans are selected in the
        evidence list, this one among them. No row: say there is nothing to review."""
        if row is None:
            self.show_nothing()
            return
        if not self._built:
            self._current = row.id
            self._card_shows = (self.show_span, (row, index, total, selected))
            return
        if row.id != self._current:
            self.comment.clear()  # a comment is for one span
        self._current = row.id
        self.approve.setEnabled(row.review_state != "approved")
        self.return_.setEnabled(True)
        for button in (self.previous, self.next):
            button.setEnabled(total > 0)
        if index is not None:
            self.position.setText(self.tr("Pending {number} of {total}").format(
                number=index + 1, total=total))
        else:
            state = (scale_label(scales.VERIFICATION_STATUSES, row.status)
                     if row.review_state == "pending" and not row.usable
                     else scale_label(scales.REVIEW_STATES, row.review_state))
            self.position.setText(self.tr("Selected, not waiting for review: it is {state}.")
                                  .format(state=state.lower()))
        self.selection_note.setVisible(selected > 1)
        self.selection_note.setText(self.tr(
            "1 of {count} selected: Approve and Return act on {code} only, the span shown "
            "here.").format(count=selected, code=row.ref) if selected > 1 else "")
        self.card.setText(describe(row))

    def show_nothing(self, hidden: int = 0) -> None:
        """No span to decide on: every span is reviewed, or the `hidden` ones still waiting
        are all outside what the evidence list shows."""
        self._current = None
        if not self._built:
            self._card_shows = (self.show_nothing, (hidden,))
            return
        self.comment.clear()
        for button in (self.approve, self.return_, self.previous, self.next):
            button.setEnabled(False)
        self.selection_note.hide()
        if hidden:
            self.position.setText(self.tr("No span in the evidence list is waiting for review."))
            self.card.setText("<p style='color:#555'>" + plural(self.tr(
                "%n span(s) waiting for review are hidden by the evidence list's filters or its "
                "“Current incident only” box. Clear them to review those spans.", "", hidden),
                hidden) + "</p>")
            return
        self.position.setText(self.tr("No evidence is waiting for review."))
        self.card.setText("<p style='color:#555'>" + self.tr(
            "Every span has been reviewed. Returned spans come back here when their "
            "documenter resubmits them.") + "</p>")

    def show_incident(self, code: str | None, state: str, unreviewed: int) -> None:
        """The current incident's state and what its sign-off is waiting for."""
        if not self._built:
            self._incident_shows = (code, state, unreviewed)
            return
        import html

        if code is None:
            self.incident_label.setText(self.tr("Select an incident to submit or sign it off."))
        else:
            state_label = scale_label(scales.INCIDENT_STATES, state).lower()
            sentence = (plural(self.tr("{code} is {state}; %n span(s) not yet approved.", "",
                                       unreviewed), unreviewed) if unreviewed
                        else self.tr("{code} is {state}; all its evidence is approved."))
            self.incident_label.setText(sentence.format(
                code=f"<b>{html.escape(code)}</b>", state=html.escape(state_label)))
        self.submit_incident.setEnabled(state in ("draft", "returned"))
        self.approve_incident.setEnabled(state == "in_review" and not unreviewed)
        self.return_incident.setEnabled(state in ("in_review", "approved"))

    def _approve(self) -> None:
        if self._current is not None:
            self.approveRequested.emit(self._current)

    def _return(self) -> None:
        if self._current is not None:
            self.returnRequested.emit(self._current, self.comment.toPlainText())
