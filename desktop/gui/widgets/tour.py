"""A short first-run tour: one step per panel, drawn over the window, dismissible at any step.

The tour dims the window, outlines the panel it talks about and explains it in two lines; it
ends with where the dossier comes from. It is shown once (remembered in settings) and again
from Help → Take the tour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.gui.widgets.actions import guard_typed_keys


@dataclass(frozen=True)
class Step:
    target: QWidget | None  # None: the whole window
    title: str
    text: str


class Tour(QWidget):
    """An overlay on the main window that walks through `steps`; emits `finished` at the end."""

    finished = Signal()

    def __init__(self, window: QWidget, steps: list[Step]) -> None:
        super().__init__(window)
        self._window, self._steps, self._index = window, steps, 0
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.card = QFrame(self)
        self.card.setObjectName("tourCard")
        self.card.setStyleSheet("#tourCard { background: #fffdf7; border: 1px solid #8a7a4a; "
                                "border-radius: 6px; }")
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt; color: #1f2a44;")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.counter = QLabel()
        self.counter.setStyleSheet("color: #666;")
        self.skip = QPushButton(self.tr("Skip the tour"))
        self.next = QPushButton(self.tr("Next"))
        guard_typed_keys(self.skip)
        guard_typed_keys(self.next)
        self.next.setDefault(True)
        self.skip.clicked.connect(self.close_tour)
        self.next.clicked.connect(self.advance)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter)
        buttons.addStretch(1)
        buttons.addWidget(self.skip)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self.card)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addLayout(buttons)
        self.card.setFixedWidth(380)
        window.installEventFilter(self)

    def start(self) -> None:
        self._index = 0
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()
        self._show_step()

    def step_index(self) -> int:
        return self._index

    def advance(self) -> None:
        if self._index + 1 >= len(self._steps):
            self.close_tour()
            return
        self._index += 1
        self._show_step()

    def close_tour(self) -> None:
        self.hide()
        self._window.removeEventFilter(self)
        self.finished.emit()
        self.deleteLater()

    def _target_rect(self) -> QRect:
        target = self._steps[self._index].target
        if target is None or not target.isVisible():
            return QRect()
        top_left = target.mapTo(self._window, QPoint(0, 0))
        return QRect(top_left, target.size()).adjusted(-4, -4, 4, 4)

    def _show_step(self) -> None:
        step = self._steps[self._index]
        self.heading.setText(step.title)
        self.body.setText(step.text)
        self.counter.setText(self.tr("%1 of %2").replace("%1", str(self._index + 1))
                             .replace("%2", str(len(self._steps))))
        last = self._index + 1 == len(self._steps)
        self.next.setText(self.tr("Start working") if last else self.tr("Next"))
        self.card.adjustSize()
        self._place_card()
        self.update()
        self.next.setFocus()

    def _place_card(self) -> None:
        """Put the card beside the outlined panel, inside the window."""
        rect, card = self._target_rect(), self.card.size()
        area = self.rect().adjusted(16, 16, -16, -16)
        if rect.isNull():
            point = area.center() - QPoint(card.width() // 2, card.height() // 2)
        elif rect.right() + card.width() + 24 < area.right():
            point = QPoint(rect.right() + 16, rect.top() + 24)
        elif rect.left() - card.width() - 24 > area.left():
            point = QPoint(rect.left() - card.width() - 16, rect.top() + 24)
        else:
            point = QPoint(rect.center().x() - card.width() // 2, rect.top() - card.height() - 16)
        point.setX(max(area.left(), min(point.x(), area.right() - card.width())))
        point.setY(max(area.top(), min(point.y(), area.bottom() - card.height())))
        self.card.move(point)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Dim everything but the outlined panel."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shade = QPainterPath()
        shade.addRect(self.rect())
        hole = self._target_rect()
        if not hole.isNull():
            cut = QPainterPath()
            cut.addRoundedRect(hole, 6, 6)
            shade = shade.subtracted(cut)
        painter.fillPath(shade, QColor(20, 24, 36, 120))
        if not hole.isNull():
            painter.setPen(QPen(QColor("#e0b84a"), 3))
            painter.drawRoundedRect(hole, 6, 6)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._window.rect())
            self._place_card()
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_tour()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right):
            self.advance()
        else:
            super().keyPressEvent(event)


def workspace_steps(window) -> list[Step]:
    """The tour of the main window: sources, the text, the incident, evidence, export."""
    return [
        Step(window.navigator_dock,
             QCoreApplication.translate("Tour", "Sources and incidents"),
             QCoreApplication.translate(
                 "Tour", "The sources of the case, with their reliability grade, and the "
                 "incidents. Open a source to read it; add an incident for each event you "
                 "document.")),
        Step(window.source_splitter,
             QCoreApplication.translate("Tour", "Read and mark"),
             QCoreApplication.translate(
                 "Tour", "Select the passage that proves a fact and press E to mark it as "
                 "evidence. Highlights show each span's status by colour and by underline "
                 "style.")),
        Step(window.incident_dock,
             QCoreApplication.translate("Tour", "The incident"),
             QCoreApplication.translate(
                 "Tour", "Every fact of the incident, saved as you type. The badges count the "
                 "evidence behind each fact; where sources disagree, the field lists who says "
                 "what.") if not window.incident_form.is_empty() else
             QCoreApplication.translate(
                 "Tour", "The facts of the incident selected in the list: none is selected "
                 "yet. Select one, or press Add under the incidents list; each fact then shows "
                 "a badge that counts the evidence behind it.")),
        Step(window.evidence_dock,
             QCoreApplication.translate("Tour", "Evidence"),
             QCoreApplication.translate(
                 "Tour", "Every span with its status, grade and review. Press 1–5 to set the "
                 "status of the selected evidence; every change can be undone with Ctrl+Z.")),
        Step(None,
             QCoreApplication.translate("Tour", "The dossier"),
             QCoreApplication.translate(
                 "Tour", "File → Export dossier… writes a Word dossier in which every fact "
                 "points to a quote and every quote to a fingerprinted source. Help → Keyboard "
                 "shortcuts lists every key.")),
    ]
