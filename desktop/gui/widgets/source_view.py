"""The source view: where a documenter reads a source and sees the passages marked as evidence.

A read-only QPlainTextEdit (architecture.md: QTextEdit with a QSyntaxHighlighter is 15–75×
slower on big sources). Evidence spans are drawn as QTextCharFormats applied to the document's
elementary segments (the pieces between span boundaries), so overlapping spans get their own,
darker shade. A Python segment index answers "which spans are here" for clicks, tooltips and
selections. ExtraSelections are used only for transient marks: the selected span, search hits.

Offsets in this API are Python string offsets into the source text, as stored in the case. Qt
counts UTF-16 code units, so a character outside the BMP (an emoji in a transcript) counts twice
there; `_Offsets` converts.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import scales
from desktop.domain.pages import page_at
from desktop.domain.printable import printable
from desktop.gui.i18n import (
    format_date,
    scale_description,
    scale_label,
    scale_text,
    short_status,
    supports_label,
)
from desktop.services import evidence as evidence_service
from desktop.services import protection
from desktop.services import sources as source_service
from desktop.services.anchoring import snap_to_words
from desktop.services.changes import Change, Kind
from desktop.services.evidence import EvidenceRow, SpanMark
from desktop.services.sources import SourceDetails

if TYPE_CHECKING:
    from desktop.gui.widgets.page_image import PageImagePane

EMPTY_TEXT = QT_TRANSLATE_NOOP("SourceView", "Open a source from the list on the left")

_UNDERLINES = {
    "dot": QTextCharFormat.UnderlineStyle.DotLine,
    "dash": QTextCharFormat.UnderlineStyle.DashUnderline,
    "single": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "wave": QTextCharFormat.UnderlineStyle.WaveUnderline,
    "double": QTextCharFormat.UnderlineStyle.SingleUnderline,  # plus an overline: see _look
    "none": QTextCharFormat.UnderlineStyle.NoUnderline,
}
_CUE_NAMES = {"dot": QT_TRANSLATE_NOOP("_Legend", "dotted"),
              "dash": QT_TRANSLATE_NOOP("_Legend", "dashed"),
              "single": QT_TRANSLATE_NOOP("_Legend", "solid"),
              "wave": QT_TRANSLATE_NOOP("_Legend", "wavy"),
              "double": QT_TRANSLATE_NOOP("_Legend", "double"), "none": ""}

#: Which status colours a segment covered by several spans: a problem (contested) first, then
#: the strongest finding; a rejected span never hides a live one.
_OVERLAP_ORDER = ("contested", "verified", "corroborated", "unverified", "rejected")
_RANK = {code: i for i, code in enumerate(_OVERLAP_ORDER)}

#: Each extra span over a segment darkens its colour by this much (at most _MAX_EXTRA times).
_LAYER_DARKEN = 0.85
_MAX_EXTRA = 3

_STRUCK_TEXT = "#555555"  # grey, yet 4.5:1 on the rejected grey
_HIT_COLOUR = "#e4d8f6"  # search hits: lilac, a colour no status uses
_CURRENT_HIT_COLOUR = "#c6aef0"
_OUTLINE_COLOUR = "#1f3a5f"
_MUTED = "#5b6470"


def _muted(label: QLabel) -> None:
    """Grey text, by the label's palette: a style sheet per label would give each its own
    style-sheet style, polished and drawn apart (about half a millisecond a label)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(_MUTED))
    label.setPalette(palette)


_PROTECTED_COLOUR = "#8b1a1a"  # protected names: dark red text, dash-dot underline


def _marked_words_format(colour: str, underline: QTextCharFormat.UnderlineStyle
                         ) -> QTextCharFormat:
    """Words marked for what they are rather than for a status: coloured text with an
    underline no status look uses."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(underline)
    fmt.setUnderlineColor(QColor(colour))
    fmt.setForeground(QColor(colour))
    return fmt


def _protected_name_format() -> QTextCharFormat:
    """How a protected person's name is marked: unlike every status look."""
    return _marked_words_format(_PROTECTED_COLOUR, QTextCharFormat.UnderlineStyle.DashDotLine)


_UNCERTAIN_COLOUR = "#5b3f8c"  # words OCR was unsure of: violet text, dash-dot-dot underline

#: Most words OCR was unsure of marked in one source (ExtraSelections, painted per block).
_UNCERTAIN_MARKS = 5_000


def _uncertain_word_format() -> QTextCharFormat:
    """How a word OCR read with low confidence is marked: unlike statuses and names."""
    return _marked_words_format(_UNCERTAIN_COLOUR, QTextCharFormat.UnderlineStyle.DashDotDotLine)


#: Hits either side of the current one that get an ExtraSelection: painting loops over every
#: ExtraSelection for every visible block, so "e" in 2 MB (100,000 hits) must not make 100,000.
_HIT_WINDOW = 200

_TOOLTIP_SPANS = 6  # spans described in one tooltip; more are counted

#: A text this long or shorter is formatted at once. A longer one is formatted on screen first
#: (with a screenful either side) and the rest in idle slices, so a 2 MB source opens about as
#: fast as its bare text; scrolling into a part not formatted yet formats it before it is drawn.
_FORMAT_AT_ONCE = 150_000
_SLICE_CHARS = 20_000  # text formatted per step of an idle slice
_SLICE_SECONDS = 0.006  # one idle slice's budget: scrolling and keys stay smooth meanwhile

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def has_pages(details: SourceDetails) -> bool:
    """Whether a source has page images to show: a PDF, or an image read by OCR."""
    return (details.media_type == "application/pdf"
            or (details.extraction or {}).get("method") == "OCR")


def _uncertain_words(extraction: dict, length: int) -> list[tuple[int, int, int]]:
    """The low-confidence words an OCR extraction lists, as (start, end, confidence) that fit
    the text (a record from elsewhere is not trusted to)."""
    found = []
    for item in (extraction or {}).get("low_confidence") or ():
        try:
            start, end, confidence = (int(v) for v in item)
        except (TypeError, ValueError):
            continue
        if 0 <= start < end <= length:
            found.append((start, end, confidence))
    return found


class _Offsets:
    """Python string offsets ↔ Qt document positions (UTF-16: astral characters count twice)."""

    def __init__(self, text: str) -> None:
        astral = len(text.encode("utf-16-le")) != 2 * len(text)
        self._starts = [m.start() for m in _ASTRAL.finditer(text)] if astral else []
        self._ends = [p + i + 2 for i, p in enumerate(self._starts)]

    def to_qt(self, offset: int) -> int:
        """The Qt position of a Python offset."""
        return offset + bisect_left(self._starts, offset) if self._starts else offset

    def to_py(self, position: int) -> int:
        """The Python offset of a Qt position (inside a surrogate pair: after the character)."""
        return position - bisect_right(self._ends, position) if self._ends else position


def _segments(rows: Iterable[SpanMark]) -> tuple[list[int], list[int], list[tuple[int, ...]]]:
    """The elementary segments covered by spans: starts, ends and the ids over each.

    One sweep over the sorted span boundaries; gaps between spans are left out.
    """
    events = []
    for row in rows:
        if row.end > row.start:
            events.append((row.start, 1, row.id))
            events.append((row.end, 0, row.id))
    events.sort()  # at one position, spans close (0) before others open (1)
    active: dict[int, None] = {}  # insertion-ordered set
    starts: list[int] = []
    ends: list[int] = []
    covers: list[tuple[int, ...]] = []
    previous = 0
    for position, opens, evidence_id in events:
        if active and position > previous:
            starts.append(previous)
            ends.append(position)
            covers.append(tuple(active))
        if opens:
            active[evidence_id] = None
        else:
            del active[evidence_id]
        previous = position
    return starts, ends, covers


def _shade(colour: str, layers: int) -> QColor:
    """A status colour darkened for each span beyond the first over the same text."""
    base = QColor(colour)
    extra = min(max(layers - 1, 0), _MAX_EXTRA)
    if not extra:
        return base
    h, s, v, a = base.getHsvF()
    return QColor.fromHsvF(h, min(1.0, s * (1 + 0.25 * extra)), v * _LAYER_DARKEN ** extra, a)


def _look(status: str, layers: int, struck: bool) -> QTextCharFormat:
    """The character format of text covered by `layers` spans, `status` being the strongest."""
    look = scales.STATUS_LOOKS[status]
    fmt = QTextCharFormat()
    fmt.setBackground(_shade(look.colour, layers))
    fmt.setUnderlineStyle(_UNDERLINES.get(look.underline, _UNDERLINES["single"]))
    fmt.setUnderlineColor(QColor(look.colour).darker(260))
    if look.underline == "double":
        fmt.setFontOverline(True)
    if struck:
        fmt.setFontStrikeOut(True)
        fmt.setForeground(QColor(_STRUCK_TEXT))
    return fmt


def _reading_font() -> QFont:
    """A serif for long reading, with the fallbacks a Windows, Mac or Linux machine has."""
    installed = set(QFontDatabase.families())
    preferred = ("Source Serif 4", "Noto Serif", "Georgia", "Cambria", "DejaVu Serif")
    font = QFont()
    font.setStyleHint(QFont.StyleHint.Serif)
    # setFamilies() alone is lost when the widget's font is resolved against its parent's.
    font.setFamily(next((f for f in preferred if f in installed), "Serif"))
    font.setPointSizeF(11.0)
    return font


def _date(iso: str) -> str:
    """The date of a stored ISO timestamp, in the user's format."""
    return format_date(iso)


class _ElidedLabel(QLabel):
    """A one-line label that elides its text to the space it gets; the tooltip has all of it."""

    def __init__(self, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(24)

    def set_full_text(self, text: str, tooltip: str | None = None) -> None:
        """Show `text`, elided as needed; `tooltip` defaults to the full text."""
        self._full = text
        self.setToolTip(text if tooltip is None else tooltip)
        self._elide()

    def full_text(self) -> str:
        """The text before elision."""
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As wide as the full text, so a layout gives it that when it can."""
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Elide again for the new width."""
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, self._mode, self.width()))


class _Header(QWidget):
    """Two lines: the title; then publisher · date · URL · grade badge · kind · SHA-256."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: SourceDetails | None = None  # the metadata on screen
        self._grade_texts = ("", "")  # the grade in words, and its letter alone
        self.title = _ElidedLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.meta = _ElidedLabel()
        self.url = _ElidedLabel(Qt.TextElideMode.ElideMiddle)
        self.grade = QLabel()
        self.grade.setStyleSheet(
            "QLabel { background: #e8edf3; color: #1f2d3d; border: 1px solid #c3ccd8;"
            " border-radius: 3px; padding: 0px 6px; }")
        # The kind and the fingerprint give way to a narrow view (side by side, a small
        # screen): elided, whole in their tooltips, rather than widening the window.
        self.kind = _ElidedLabel()
        self.hash = _ElidedLabel()
        for label in (self.meta, self.kind, self.hash):  # each whole while there is room
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.hash.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._full_hash = ""
        copy_hash = QAction(self.tr("Copy full SHA-256"), self.hash)
        copy_hash.triggered.connect(self._copy_hash)
        self.hash.addAction(copy_hash)
        self.hash.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for label in (self.meta, self.url, self.kind, self.hash):
            _muted(label)
        # A PDF's pages as they were, beside the text (the page pane of the source view).
        self.page_button = QToolButton(text=self.tr("Page image"), checkable=True)
        self.page_button.setToolTip(self.tr(
            "Show the PDF's page beside the text, with the selected span marked on it"))
        self.page_button.hide()

        line = self._line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(8)
        line.addWidget(self.meta, 1)
        line.addWidget(self.url, 2)
        line.addWidget(self.grade)
        line.addWidget(self.kind)
        line.addWidget(self.hash, 1)
        line.addWidget(self.page_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 8)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addLayout(line)

    def show_source(self, details: SourceDetails) -> None:
        """Fill both lines from a source's metadata (nothing to do when it is unchanged)."""
        if details == self._shown:
            return
        self._shown = details
        self.title.set_full_text(printable(details.title or details.original_name)
                                 or self.tr("Untitled source"))
        published = format_date(details.published) if details.published else ""
        parts = [p for p in (details.publisher, published) if p]
        self.meta.set_full_text(printable(" · ".join(parts)) or self.tr("Publisher unknown"))
        self.url.set_full_text(printable(details.url))
        self.url.setVisible(bool(details.url))
        code = details.reliability
        self._grade_texts = (
            f"{code} — {scale_label(scales.SOURCE_RELIABILITY, code).capitalize()}", code)
        self.grade.setText(self._grade_texts[0])
        description = scale_description(scales.SOURCE_RELIABILITY, code)
        note = details.reliability_note
        self.grade.setToolTip(self.tr("Source reliability (Admiralty code): ")
                              + f"{self._grade_texts[0]}: {description}"
                              + (f"\n{note}" if note else ""))
        self.kind.set_full_text(scale_label(scales.SOURCE_KINDS, details.kind))
        self.page_button.setVisible(has_pages(details))
        self._full_hash = details.sha256
        self.hash.set_full_text(f"SHA-256 {self._full_hash[:12]}…", self.tr(
            "SHA-256 of the original file, computed at collection:") + f"\n{self._full_hash}")
        self._fit_line()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_line()

    def _fit_line(self) -> None:
        """The kind and the fingerprint only where the line has room for them beside the
        publisher and the grade in words, and the grade by its letter alone when even its words
        have none (a narrow view showed "В…", "Ін…", "S…"); the publisher's tooltip then says
        the kind and the fingerprint, the grade's its words."""
        if self._shown is None:
            return
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        spacing = self._line.spacing()
        kept = [w for w in (self.url, self.page_button) if not w.isHidden()]
        # the publisher may elide to some twenty letters before the others give way
        needed = min(self.meta.sizeHint().width(), self.fontMetrics().averageCharWidth() * 24)
        needed += sum(w.sizeHint().width() + spacing for w in kept)
        # the grade in words while they fit, else its letter (the words in its tooltip)
        metrics, whole, letter = self.grade.fontMetrics(), *self._grade_texts
        frame = self.grade.sizeHint().width() - metrics.horizontalAdvance(self.grade.text())
        grade = whole if needed + frame + metrics.horizontalAdvance(whole) <= room else letter
        if self.grade.text() != grade:
            self.grade.setText(grade)
        needed += frame + metrics.horizontalAdvance(grade) + spacing
        shown = []
        for optional in (self.kind, self.hash):  # the kind before the fingerprint
            needed += optional.sizeHint().width() + spacing
            if needed > room or grade == letter:  # both give way before the grade's words
                break
            shown.append(optional)
        for optional in (self.kind, self.hash):
            optional.setVisible(optional in shown)
        left_out = [w.toolTip() if w is self.hash else w.full_text()
                    for w in (self.kind, self.hash) if w not in shown]
        self.meta.setToolTip("\n".join([self.meta.full_text(), *left_out]))

    def _copy_hash(self) -> None:
        QGuiApplication.clipboard().setText(self._full_hash)


class _Swatch(QWidget):
    """A small sample of how a status is drawn: its colour and its line, for the legend."""

    def __init__(self, colour: QColor, underline: str, struck: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour, self._underline, self._struck = colour, underline, struck
        self.setFixedSize(26, 14)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Fill with the colour; draw the underline (or strike) in the status's style."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The colour as the brush of a rectangle: fillRect's overloads take a gradient preset
        # too, and choosing among them builds QGradient's enums (~3 ms of the first paint).
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        painter.drawRect(self.rect())
        painter.setBrush(Qt.BrushStyle.NoBrush)  # the lines below are drawn, not filled
        pen = QPen(self._colour.darker(260), 1.4)
        w, h = self.width(), self.height()
        if self._struck:
            painter.setPen(QPen(QColor(_STRUCK_TEXT), 1.4))
            painter.drawLine(QPointF(3, h / 2), QPointF(w - 3, h / 2))
            return
        styles = {"dot": Qt.PenStyle.DotLine, "dash": Qt.PenStyle.DashLine}
        pen.setStyle(styles.get(self._underline, Qt.PenStyle.SolidLine))
        painter.setPen(pen)
        y = h - 2.5
        if self._underline == "wave":
            path = QPainterPath(QPointF(2, y))
            for i, x in enumerate(range(4, w - 1, 2)):
                path.lineTo(QPointF(x, y - 1.5 if i % 2 == 0 else y + 0.5))
            painter.drawPath(path)
        elif self._underline != "none":
            painter.drawLine(QPointF(2, y), QPointF(w - 2, y))
            if self._underline == "double":
                painter.drawLine(QPointF(2, 1.5), QPointF(w - 2, 1.5))


class _Legend(QWidget):
    """Each status's colour and its non-colour cue ("dotted", "struck"), and what dark means.
    Its entries wrap onto more rows when the view is narrow, never cut short."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[QWidget] = []
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(16, 4, 16, 6)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(2)
        for grade in scales.VERIFICATION_STATUSES:
            look = scales.STATUS_LOOKS[grade.code]
            cue = (self.tr("struck") if look.strike
                   else self.tr(_CUE_NAMES.get(look.underline, look.underline)))
            label = scale_text(grade.label)
            # The swatch shows the line; the label stays short so the legend fits a narrow view.
            self._add(_Swatch(QColor(look.colour), look.underline, look.strike),
                      short_status(grade.code), self.tr("{status}: {cue} line. {description}")
                      .format(status=label, cue=cue, description=scale_text(grade.description)))
        overlap = _shade(scales.STATUS_LOOKS["unverified"].colour, 2)
        self._add(_Swatch(overlap, "none", False), self.tr("Overlap"),
                  self.tr("Text marked by more than one span is drawn darker; hover to see them "
                          "all."))
        # As wide as the view lets it be: more rows rather than a wider window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._place(len(self._entries))

    def _add(self, swatch: _Swatch, text: str, tip: str) -> None:
        entry = QWidget()
        row = QHBoxLayout(entry)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        label = QLabel(text)
        _muted(label)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        label.setFont(font)
        for widget in (swatch, label):
            widget.setToolTip(tip)
        row.addWidget(swatch)
        row.addWidget(label)
        row.addStretch(1)
        self._entries.append(entry)

    def _place(self, columns: int) -> None:
        """Lay the entries out `columns` to a row."""
        if columns == self._columns:
            return
        self._columns = columns
        for entry in self._entries:
            self._grid.removeWidget(entry)
        for index, entry in enumerate(self._entries):
            self._grid.addWidget(entry, index // columns, index % columns)
        for column in range(len(self._entries) + 1):
            self._grid.setColumnStretch(column, 1 if column == columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        margins = self._grid.contentsMargins()
        room = event.size().width() - margins.left() - margins.right()
        step = max(e.sizeHint().width() for e in self._entries) + self._grid.horizontalSpacing()
        self._place(max(1, min(len(self._entries),
                               (room + self._grid.horizontalSpacing()) // step)))
        super().resizeEvent(event)


class _FindBar(QFrame):
    """Find in this source: a query field, "3 of 12", previous / next, close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setStyleSheet("#findBar { border-top: 1px solid #d5dae0; }")
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find in this source"))
        self.field.setClearButtonEnabled(True)
        self.field.setMaximumWidth(320)
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {_MUTED};")
        self.count.setMinimumWidth(90)
        self.previous = self._button("↑", self.tr("Previous match (Shift+Enter)"))
        self.next = self._button("↓", self.tr("Next match (Enter)"))
        self.close_button = self._button("✕", self.tr("Close (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.setSpacing(4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addStretch(1)
        layout.addWidget(self.close_button)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button


class _TextArea(QPlainTextEdit):
    """The text itself: draws an outline around the selected span and asks for its menu."""

    menuRequested = Signal(QPoint, QPoint)  # viewport position, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outline: tuple[int, int] | None = None  # Qt positions of the selected span

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        """Leave the menu to the source view, which knows the main window's actions."""
        self.menuRequested.emit(event.pos(), event.globalPos())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Paint the text, then a thin frame around each visible line of the selected span."""
        super().paintEvent(event)
        if self.outline is None:
            return
        start, end = self.outline
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(_OUTLINE_COLOUR), 1.5))
        for rect in self._span_rects(start, end):
            painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 2.5, 2.5)

    def _span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the visible lines of [start, end)."""
        rects = []
        offset = self.contentOffset()
        height = self.viewport().height()
        block = self.firstVisibleBlock()
        while block.isValid() and block.position() < end:
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > height:
                break
            first = block.position()
            layout = block.layout()
            if block.isVisible() and first + block.length() > start and layout is not None:
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    a = max(start, first + line.textStart())
                    b = min(end, first + line.textStart() + line.textLength())
                    if a < b:
                        x1, x2 = line.cursorToX(a - first)[0], line.cursorToX(b - first)[0]
                        rects.append(QRectF(x1 + offset.x(), top + line.y(), x2 - x1,
                                            line.height()))
            block = block.next()
        return rects


class SourceView(QWidget):
    """A source's header, its text with evidence highlighted, a legend and a find bar."""

    spanClicked = Signal(int)  # evidence id the user clicked in the text
    selectionChanged = Signal()  # text selection changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source_id: int | None = None
        self._text = ""
        self._names: list[tuple[int, int, str]] = []
        self._uncertain: list[tuple[int, int, int]] = []  # OCR's low-confidence words
        self._offsets = _Offsets("")
        self._rows: dict[int, SpanMark] = {}
        self._indexed = True  # whether the segment index below is that of self._rows
        self._pending: list[tuple[int, int]] = []  # text not formatted yet, in text order
        self._pending_reset = False  # whether that text still has formats to clear
        self._next = 0  # where the idle slices go on formatting
        self._seg_starts: list[int] = []
        self._seg_ends: list[int] = []
        self._seg_ids: list[tuple[int, ...]] = []
        self._formats: dict[tuple[str, int, bool], QTextCharFormat] = {}
        self._selected: int | None = None
        self._mark: tuple[int, int] | None = None
        self._hits: list[tuple[int, int]] = []
        self._hit = -1
        self._context_actions: list[QAction] = []
        self._build()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        """Lay out the empty state and the reading page in a stack."""
        self._empty = QLabel(self.tr(EMPTY_TEXT))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setStyleSheet(f"color: {_MUTED}; font-size: 12pt;")
        self._empty.setWordWrap(True)

        self._header = _Header()
        self._edit = _TextArea()
        self._setup_text()
        self._legend = _Legend()
        self._find_bar = _FindBar()
        self._find_bar.hide()
        self._find_timer = QTimer(self, singleShot=True, interval=150)
        self._wire_find_bar()
        self._format_timer = QTimer(self, singleShot=True, interval=0)
        self._format_timer.timeout.connect(self._format_slice)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header)
        layout.addWidget(self._rule())
        # The page pane beside the text is built the first time a page is shown: most sources
        # have no pages, and a start-up without it paints sooner.
        self._pages: PageImagePane | None = None
        self._pages_of: int | None = None  # the source the page pane was given
        self._split = QSplitter(Qt.Orientation.Horizontal)
        self._split.setChildrenCollapsible(False)
        self._split.addWidget(self._edit)
        self._split.setStretchFactor(0, 3)
        layout.addWidget(self._split, 1)
        self._header.page_button.toggled.connect(self.show_page_image)
        layout.addWidget(self._find_bar)
        layout.addWidget(self._rule())
        layout.addWidget(self._legend)

        self._stack = QStackedWidget()
        self._stack.addWidget(self._empty)
        self._stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

    def _rule(self) -> QFrame:
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet("color: #d5dae0;")
        rule.setFixedHeight(1)
        return rule

    def _setup_text(self) -> None:
        """Read-only, selectable by mouse and keyboard, not undoable, a reading font."""
        edit = self._edit
        edit.setReadOnly(True)
        edit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        edit.setUndoRedoEnabled(False)  # highlights are not edits: nothing to undo, not modified
        edit.setFont(_reading_font())
        edit.setFrameShape(QFrame.Shape.NoFrame)
        edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        edit.document().setDocumentMargin(14)
        edit.setViewportMargins(6, 0, 6, 0)
        edit.menuRequested.connect(self._show_menu)
        edit.selectionChanged.connect(self.selectionChanged)
        edit.viewport().installEventFilter(self)
        edit.installEventFilter(self)
        edit.verticalScrollBar().valueChanged.connect(self._format_on_screen)

    def _wire_find_bar(self) -> None:
        bar = self._find_bar
        bar.field.textEdited.connect(lambda _text: self._find_timer.start())
        self._find_timer.timeout.connect(lambda: self.find(bar.field.text()))
        bar.field.returnPressed.connect(self.find_next)
        bar.next.clicked.connect(self.find_next)
        bar.previous.clicked.connect(self.find_previous)
        bar.close_button.clicked.connect(self.hide_find_bar)
        bar.field.installEventFilter(self)

    # ------------------------------------------------------------------ public API
    def source_id(self) -> int | None:
        """The source shown, or None."""
        return self._source_id

    def text_edit(self) -> QPlainTextEdit:
        """The text widget: for keyboard focus and tests."""
        return self._edit

    def set_source(self, source_id: int | None) -> None:
        """Show a source (header, text, spans), or the empty state for None or a missing one."""
        details = source_service.source_details(source_id) if source_id is not None else None
        self._source_id = source_id if details is not None else None
        self._selected, self._mark, self._hits, self._hit = None, None, [], -1
        self._edit.outline = None
        self._pending = []  # a new document: nothing of the old one to format
        self._format_timer.stop()
        if details is None:
            self._text = ""
            self._names = []
            self._uncertain = []
            self._offsets = _Offsets("")
            self._load_rows([])
            self._index()
            self._edit.setPlainText("")
            self._find_bar.hide()
            if self._pages is not None:
                self._pages.set_source(None)
            self._pages_of = None
            self._stack.setCurrentIndex(0)
            return
        self._header.show_source(details)
        if not has_pages(details):
            self._header.page_button.setChecked(False)
        self._text = source_service.source_text(source_id) or ""
        self._offsets = _Offsets(self._text)
        # setPlainText writes the new text in the caret's format: when the caret sat on a
        # span, the whole new text would look marked in that span's status.
        self._edit.setCurrentCharFormat(QTextCharFormat())
        self._edit.setPlainText(self._text)  # a new document: old formats and marks are gone
        self._names = protection.find_names(self._text)
        self._uncertain = _uncertain_words(details.extraction, len(self._text))
        self._load_rows(evidence_service.span_marks(source_id))
        self._stack.setCurrentIndex(1)
        self._format_text(reset=False)
        if self._find_bar.isVisible() and self._find_bar.field.text():
            self.find(self._find_bar.field.text())
        else:
            self._update_marks()
        if self._header.page_button.isChecked():
            self.show_page_image(True)

    def show_page_image(self, shown: bool) -> None:
        """Show or hide the page pane: the PDF's page beside the text, the selected span (or
        the page the top of the text is on) marked."""
        self._header.page_button.setChecked(shown)
        if not shown and self._pages is None:
            return  # never shown: nothing to hide
        pages = self.page_pane()
        opening = shown and self._source_id is not None and pages.isHidden()
        pages.setVisible(shown and self._source_id is not None)
        if not shown or self._source_id is None:
            return
        if opening:  # the page gets two fifths of the view, the text the rest
            width = max(self._split.width(), 400)
            self._split.setSizes([width * 3 // 5, width * 2 // 5])
        if self._pages_of != self._source_id:
            pages.set_source(self._source_id)
            self._pages_of = self._source_id
        row = self._rows.get(self._selected) if self._selected is not None else None
        if row is not None:
            pages.show_span(row.start, row.end)
        else:
            top = self._offsets.to_py(self._edit.cursorForPosition(QPoint(0, 0)).position())
            starts = source_service.source_pages(self._source_id)
            pages.show_page(page_at(starts, top) or 1)

    def page_pane(self) -> PageImagePane:
        """The page pane (for tests and the flows), built the first time it is asked for."""
        if self._pages is None:
            from desktop.gui.widgets.page_image import PageImagePane  # with its first page

            self._pages = PageImagePane()
            self._pages.hide()
            self._split.addWidget(self._pages)
            self._split.setStretchFactor(1, 2)
        return self._pages

    def set_empty_text(self, text: str) -> None:
        """What the view says while it shows no source (what the user can do next)."""
        self._empty.setText(text)

    def case_changed(self, change: Change) -> None:
        """Redraw what the change names of the source shown: its header, its spans, or the
        protected names marked in it."""
        if self._source_id is None:
            return
        source_ids, spans = change.ids(Kind.SOURCE), change.ids(Kind.EVIDENCE)
        if source_ids is None or self._source_id in source_ids:
            self.refresh_header()
        if spans is None:
            self.refresh_spans()
        elif spans and (source_ids is None or self._source_id in source_ids
                        or not spans.isdisjoint(self._rows)):
            self.refresh_spans(spans)
        if change.touches(Kind.PROTECTED):
            self.refresh_names()

    def refresh_header(self) -> None:
        """Re-read the source's metadata (after it was edited)."""
        if self._source_id is None:
            return
        details = source_service.source_details(self._source_id)
        if details is None:
            self.set_source(None)
        else:
            self._header.show_source(details)

    def refresh_spans(self, ids: Sequence[int] | None = None) -> None:
        """Re-read the spans and redraw them, keeping the scroll position and selected span.

        With `ids`, only those spans are re-read (added, changed or removed ones) and only the
        text they cover, before and after, is formatted again: the fast path after one edit.
        """
        if self._source_id is None:
            return
        bars = self._edit.verticalScrollBar(), self._edit.horizontalScrollBar()
        scroll = [bar.value() for bar in bars]
        if ids is None:
            self._load_rows(evidence_service.span_marks(self._source_id))
            self._format_text(reset=True)
        else:
            self._update_rows(list(ids))
        for bar, value in zip(bars, scroll, strict=True):
            bar.setValue(value)
        if self._selected not in self._rows:
            self._selected = None
        self._update_marks()

    def select_span(self, evidence_id: int) -> None:
        """Scroll to a span and show it selected. Emits no spanClicked."""
        row = self._rows.get(evidence_id)
        if row is None:
            return
        self._selected = evidence_id
        self._mark = None
        self._scroll_to(row.start)
        self._update_marks()
        if self._header.page_button.isChecked():
            self.page_pane().show_span(row.start, row.end)

    def unselect_span(self) -> None:
        """Show no span as the current one (the user is on a span of another source)."""
        if self._selected is not None:
            self._selected = None
            self._update_marks()

    def show_range(self, start: int, end: int) -> None:
        """Scroll to a range and mark it until the next click (a search hit)."""
        start, end = self._clamp(start, end)
        self._mark = (start, end)
        self._scroll_to(start)
        self._update_marks()

    def select_range(self, start: int, end: int) -> None:
        """Select text[start:end] (Python offsets), as a user's drag would."""
        start, end = self._clamp(start, end)
        cursor = QTextCursor(self._edit.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self._edit.setTextCursor(cursor)

    def selection_range(self) -> tuple[int, int] | None:
        """The selection widened to whole words, or None when nothing (or only space) is."""
        cursor = self._edit.textCursor()
        if not cursor.hasSelection() or self._source_id is None:
            return None
        start = self._offsets.to_py(cursor.selectionStart())
        end = self._offsets.to_py(cursor.selectionEnd())
        start, end = snap_to_words(self._text, start, end)
        return (start, end) if start < end else None

    def selection_area(self) -> QRect | None:
        """Where the selected passage is on screen (global coordinates, the part in view), or
        None when nothing is selected."""
        cursor = self._edit.textCursor()
        if not cursor.hasSelection():
            return None
        first, last = QTextCursor(cursor), QTextCursor(cursor)
        first.setPosition(cursor.selectionStart())
        last.setPosition(cursor.selectionEnd())
        viewport = self._edit.viewport()
        area = self._edit.cursorRect(first).united(self._edit.cursorRect(last)).intersected(
            viewport.rect())
        return QRect(viewport.mapToGlobal(area.topLeft()), area.size()) if area.isValid() \
            else None

    def selected_span_ids(self) -> list[int]:
        """Spans the user means: those under the selection, else the clicked one, else at caret."""
        selected = self.selection_range()
        if selected is not None:
            return self._ids_in(*selected)
        if self._selected is not None:
            return [self._selected]
        return self.span_ids_at(self._offsets.to_py(self._edit.textCursor().position()))

    def span_ids_at(self, position: int) -> list[int]:
        """Ids of the spans covering text[position], shortest (most specific) first."""
        self._ensure_index()
        i = bisect_right(self._seg_starts, position) - 1
        if i < 0 or position >= self._seg_ends[i]:
            return []
        return sorted(self._seg_ids[i], key=lambda e: self._rows[e].end - self._rows[e].start)

    def set_context_actions(self, actions: list[QAction]) -> None:
        """The main window's actions offered in the text's context menu, above Copy."""
        self._context_actions = list(actions)

    def refresh_names(self) -> None:
        """Re-find protected names in the text (after the list of protected people changed)."""
        self._names = protection.find_names(self._text) if self._source_id is not None else []
        self._update_marks()

    def protected_names(self) -> list[tuple[int, int, str]]:
        """(start, end, pseudonym) of each protected name in the text, as marked."""
        return list(self._names)

    def uncertain_words(self) -> list[tuple[int, int, int]]:
        """(start, end, confidence) of each word OCR read with low confidence, as marked."""
        return list(self._uncertain)

    def tooltip_at(self, position: int) -> str:
        """Rich text describing every span at text[position], or "" where there is none."""
        import html

        ids = self.span_ids_at(position)
        names = [p for start, end, p in self._names if start <= position < end]
        unsure = [c for start, end, c in self._uncertain if start <= position < end]
        if not ids and not names and not unsure:
            return ""
        parts = [self.tr("<b>Protected name</b>: shown as <b>{pseudonym}</b> in redacted "
                         "dossiers").format(pseudonym=html.escape(names[0]))] if names else []
        if unsure:
            parts.append(self.tr("<b>OCR was unsure of this word</b>: read with {confidence}% "
                                 "confidence; check it on the page").format(
                confidence=unsure[0]))
        described = evidence_service.evidence_rows(ids=ids[:_TOOLTIP_SPANS])
        rows = {row.id: row for row in described}
        parts += [self._describe(rows[e]) for e in ids[:_TOOLTIP_SPANS] if e in rows]
        if len(ids) > _TOOLTIP_SPANS:
            more = self.tr("and {count} more").format(count=len(ids) - _TOOLTIP_SPANS)
            parts.append(f"<i>{more}</i>")
        return "<qt>" + "<hr>".join(parts) + "</qt>"

    # ------------------------------------------------------------------ find in source
    def show_find_bar(self) -> None:
        """Show the find bar with its query selected, ready to type (the Ctrl+F action)."""
        bar = self._find_bar
        if self._source_id is None:
            return
        if not bar.isVisible():
            bar.show()
        selected = self._edit.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 100:
            bar.field.setText(selected)
        bar.field.setFocus()
        bar.field.selectAll()
        if bar.field.text():
            self.find(bar.field.text())

    def hide_find_bar(self) -> None:
        """Hide the find bar and its highlights; reading goes on where it was."""
        self._find_timer.stop()
        self._find_bar.hide()
        self._hits, self._hit = [], -1
        self._update_marks()
        self._edit.setFocus()

    def find(self, text: str) -> int:
        """Highlight every case-insensitive occurrence of `text`, go to the first; the count."""
        self._find_timer.stop()
        bar = self._find_bar
        if bar.field.text() != text:
            bar.field.setText(text)
        if self._source_id is not None and not bar.isVisible():
            bar.show()
        pattern = re.compile(re.escape(text), re.IGNORECASE) if text else None
        self._hits = [m.span() for m in pattern.finditer(self._text)] if pattern else []
        self._hit = 0 if self._hits else -1
        self._go_to_hit()
        return len(self._hits)

    def find_next(self) -> None:
        """Go to the next hit, from the last back to the first."""
        self._step_hit(1)

    def find_previous(self) -> None:
        """Go to the previous hit, from the first round to the last."""
        self._step_hit(-1)

    def find_status(self) -> tuple[int, int]:
        """(current hit, 1-based; 0 for none, hit count): what the bar shows as "3 of 12"."""
        return self._hit + 1, len(self._hits)

    # ------------------------------------------------------------------ events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Tooltips and clicks on the text; Esc and Shift+Enter in the find bar."""
        kind = event.type()
        if watched is self._edit.viewport():
            if kind == QEvent.Type.ToolTip:
                self._show_tooltip(event)
                return True
            if kind == QEvent.Type.Resize:  # more text may come on screen
                self._format_on_screen()
            if kind == QEvent.Type.MouseButtonPress and self._mark is not None:
                self._mark = None
                self._update_marks()
            elif (kind == QEvent.Type.MouseButtonRelease
                  and event.button() == Qt.MouseButton.LeftButton):
                self._clicked(event.position().toPoint())
        elif kind == QEvent.Type.KeyPress and watched in (self._find_bar.field, self._edit):
            return self._find_key(event)
        return super().eventFilter(watched, event)

    def _find_key(self, event: QKeyEvent) -> bool:
        """Esc closes the find bar; Shift+Enter in it goes back. True when the key was used."""
        if event.key() == Qt.Key.Key_Escape and self._find_bar.isVisible():
            self.hide_find_bar()
            return True
        shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and shifted and self._find_bar.field.hasFocus():
            self.find_previous()
            return True
        if event.matches(QKeySequence.StandardKey.FindNext) and self._hits:
            self.find_next()
            return True
        if event.matches(QKeySequence.StandardKey.FindPrevious) and self._hits:
            self.find_previous()
            return True
        return False

    def _show_tooltip(self, event) -> None:
        position = self._char_at(event.pos())
        tip = self.tooltip_at(position) if position is not None else ""
        if tip:
            QToolTip.showText(event.globalPos(), tip, self._edit.viewport())
        else:
            QToolTip.hideText()
            event.ignore()

    def _clicked(self, point: QPoint) -> None:
        """A click without a drag on a span selects it (again: the next span under it)."""
        if self._edit.textCursor().hasSelection():
            return
        position = self._char_at(point)
        ids = self.span_ids_at(position) if position is not None else []
        if not ids:
            if self._selected is not None:
                self._selected = None
                self._update_marks()
            return
        chosen = ids[(ids.index(self._selected) + 1) % len(ids)] if self._selected in ids \
            else ids[0]
        self._selected = chosen
        self._update_marks()
        self.spanClicked.emit(chosen)

    def _show_menu(self, point: QPoint, global_point: QPoint) -> None:
        """The main window's actions, then Copy. A right-click on a span selects it first."""
        if not self._edit.textCursor().hasSelection():
            self._clicked(point)
        menu = QMenu(self)
        for action in self._context_actions:
            if action is None or action.isSeparator():
                menu.addSeparator()
            else:
                menu.addAction(action)
        if self._context_actions:
            menu.addSeparator()
        copy = menu.addAction(self.tr("Copy"), self._edit.copy)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(self._edit.textCursor().hasSelection())
        menu.exec(global_point)

    # ------------------------------------------------------------------ spans
    def _load_rows(self, rows: Iterable[SpanMark]) -> None:
        """Keep the spans (clipped to the text) and index their segments."""
        size = len(self._text)
        self._rows = {r.id: r if r.start >= 0 and r.end <= size
                      else r._replace(start=max(0, r.start), end=min(r.end, size)) for r in rows}
        self._indexed = False  # indexed when first needed, or a long source's last idle slice
        # Until then, the spans by where they start: those over a part of the text are found
        # among the ones that start at most the longest span's length before it.
        # The case gives them in this order, so the sort costs little.
        self._by_start = sorted(self._rows.values(), key=lambda r: r.start)
        self._starts = [r.start for r in self._by_start]
        self._longest = max((r.end - r.start for r in self._by_start), default=0)

    def _index(self) -> None:
        self._seg_starts, self._seg_ends, self._seg_ids = _segments(self._rows.values())
        self._indexed = True

    def _ensure_index(self) -> None:
        if not self._indexed:
            self._index()

    def _spans_over(self, start: int, end: int) -> list[SpanMark]:
        """The spans over text[start:end] (before the index is built)."""
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        return [r for r in self._by_start[first:last] if r.end > start]

    def _update_rows(self, ids: list[int]) -> None:
        """Re-read some spans and re-format only the text they covered or now cover."""
        old = [self._rows.pop(e) for e in ids if e in self._rows]
        size = len(self._text)
        new = [r._replace(start=max(0, r.start), end=min(r.end, size))
               for r in evidence_service.span_marks(self._source_id, ids)]
        self._rows.update((r.id, r) for r in new)
        touched = old + new
        if not touched:
            return
        start, end = min(r.start for r in touched), max(r.end for r in touched)
        if self._indexed:
            self._reindex(start, end)
        else:  # a mark while a long source is still being formatted
            self._index()
        self._apply(start, end, reset=True)

    def _reindex(self, start: int, end: int) -> None:
        """Bring the segment index up to date over text[start:end] alone, where spans were
        added, changed or removed: one mark in a source with thousands costs little."""
        starts, ends = self._seg_starts, self._seg_ends
        first = bisect_right(ends, start)  # the first segment that ends after `start`
        if first < len(starts) and starts[first] < start:
            start = starts[first]  # widened to whole segments, so none is cut in two
        last = bisect_left(starts, end)  # the first segment that starts at `end` or later
        if last > 0 and ends[last - 1] > end:
            end = ends[last - 1]
        over = _segments(r for r in self._rows.values() if r.start < end and r.end > start)
        fresh = [(max(a, start), min(b, end), ids) for a, b, ids in zip(*over, strict=True)
                 if a < end and b > start]
        starts[first:last] = [a for a, _, _ in fresh]
        ends[first:last] = [b for _, b, _ in fresh]
        self._seg_ids[first:last] = [ids for _, _, ids in fresh]

    def _ids_in(self, start: int, end: int) -> list[int]:
        """Ids of spans overlapping [start, end), in text order."""
        self._ensure_index()
        found: dict[int, None] = {}
        i = bisect_right(self._seg_ends, start)
        while i < len(self._seg_starts) and self._seg_starts[i] < end:
            found.update(dict.fromkeys(self._seg_ids[i]))
            i += 1
        return sorted(found, key=lambda e: (self._rows[e].start, e))

    def _format(self, ids: tuple[int, ...]) -> QTextCharFormat:
        """The (cached) format of a segment covered by these spans."""
        statuses = [self._rows[e].status for e in ids]
        top = min(statuses, key=lambda s: _RANK.get(s, len(_RANK)))
        struck = all(scales.STATUS_LOOKS[s].strike for s in statuses)
        key = (top, min(len(ids), _MAX_EXTRA + 1), struck)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = _look(*key)
        return fmt

    def _apply(self, start: int, end: int, *, reset: bool) -> None:
        """Format text[start:end] from the segment index, in one edit block."""
        to_qt = self._offsets.to_qt
        cursor = QTextCursor(self._edit.document())
        cursor.beginEditBlock()
        if reset:
            cursor.setPosition(to_qt(start))
            cursor.setPosition(to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(QTextCharFormat())
        # Before the index is built (a long source just opened), the segments of the spans
        # over this part of the text alone.
        starts, ends, covers = (
            (self._seg_starts, self._seg_ends, self._seg_ids) if self._indexed
            else _segments(self._spans_over(start, end)))
        keep = QTextCursor.MoveMode.KeepAnchor
        i = bisect_right(ends, start)
        while i < len(starts) and starts[i] < end:
            cursor.setPosition(to_qt(max(starts[i], start)))
            cursor.setPosition(to_qt(min(ends[i], end)), keep)
            cursor.setCharFormat(self._format(covers[i]))
            i += 1
        cursor.endEditBlock()
        self._edit.document().setModified(False)

    def _format_text(self, *, reset: bool) -> None:
        """Format the whole text from the segment index: a short one at once, a long one on
        screen now and the rest in idle slices."""
        size = len(self._text)
        if size <= _FORMAT_AT_ONCE:
            self._pending = []
            self._ensure_index()
            self._apply(0, size, reset=reset)
            return
        self._pending, self._pending_reset = [(0, size)], reset
        self._next = 0
        self._format_on_screen()
        self._format_timer.start()

    def _format_on_screen(self) -> None:
        """Format what is on screen, and a screenful either side, where it is not yet."""
        if not self._pending:
            return
        edit = self._edit
        viewport = edit.viewport()
        first = edit.firstVisibleBlock().position()
        last = edit.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        first, last = self._offsets.to_py(first), self._offsets.to_py(last)
        margin = max(last - first, 2_000)
        self._format_pending(max(0, first - margin), last + margin)
        self._next = last + margin

    def _format_pending(self, start: int, end: int) -> None:
        """Format the parts of text[start:end] not formatted yet."""
        left = []
        for a, b in self._pending:
            if b <= start or a >= end:
                left.append((a, b))
                continue
            self._apply(max(a, start), min(b, end), reset=self._pending_reset)
            if a < start:
                left.append((a, start))
            if b > end:
                left.append((end, b))
        self._pending = left

    def _format_slice(self) -> None:
        """Format the next part of the text (onward from the screen, then from the top) for
        a few milliseconds, and come back when the window is idle again."""
        if not self._pending:
            self._ensure_index()  # the last step, for clicks and tooltips to come
            return
        deadline = time.perf_counter() + _SLICE_SECONDS
        while self._pending and time.perf_counter() < deadline:
            a, b = next(((a, b) for a, b in self._pending if b > self._next), self._pending[0])
            a = max(a, self._next) if a < self._next < b else a
            self._next = min(b, a + _SLICE_CHARS)
            self._format_pending(a, self._next)
        self._format_timer.start()

    def formatting_done(self) -> bool:
        """Whether every span of the source shown is formatted and indexed: a long text's
        idle work is over."""
        return not self._pending and not self._format_timer.isActive()

    # ------------------------------------------------------------------ transient marks
    def _update_marks(self) -> None:
        """Rebuild the ExtraSelections: selected span, search hits near the current one, mark."""
        marks = []
        to_qt = self._offsets.to_qt
        row = self._rows.get(self._selected) if self._selected is not None else None
        self._edit.outline = (to_qt(row.start), to_qt(row.end)) if row else None
        if row is not None:
            look = scales.STATUS_LOOKS[row.status]
            fmt = _look(row.status, 1, look.strike)
            fmt.setBackground(_shade(look.colour, 2))
            marks.append(self._selection(row.start, row.end, fmt))
        lo, hi = max(0, self._hit - _HIT_WINDOW), self._hit + _HIT_WINDOW + 1
        hits = self._hits[lo:hi]
        for i, (start, end) in enumerate(hits, lo):
            colour = _CURRENT_HIT_COLOUR if i == self._hit else _HIT_COLOUR
            marks.append(self._selection(start, end, self._background(colour)))
        if self._mark is not None:
            marks.append(self._selection(*self._mark, self._background(_CURRENT_HIT_COLOUR)))
        first_hit = 1 if row is not None else 0
        marks += [piece for start, end, _ in self._names
                  for piece in self._name_marks(start, end, marks, hits, first_hit)]
        uncertain = _uncertain_word_format()
        marks += [self._selection(start, end, uncertain)
                  for start, end, _ in self._uncertain[:_UNCERTAIN_MARKS]]
        self._edit.setExtraSelections(marks)
        self._edit.viewport().update()
        self._find_bar.count.setText(self._hit_text())

    def _name_marks(self, start: int, end: int, marks: list[QTextEdit.ExtraSelection],
                    hits: list[tuple[int, int]], first_hit: int) -> list[QTextEdit.ExtraSelection]:
        """A protected name's marks: dark red over the background each part of it has from the
        marks before it (the selected span, find hits, a search hit). Qt draws every mark over
        the text's own format, not over the other marks: a plain name mark would hide them."""
        under = []  # (start, end, background) of the marks over the name, in drawing order
        row = self._rows[self._selected] if first_hit else None
        if row is not None and row.start < end and row.end > start:
            under.append((row.start, row.end, marks[0].format.background()))
        i = bisect_right(hits, (start, len(self._text))) - 1
        i = max(i, 0) if i < 0 or hits[i][1] > start else i + 1
        while i < len(hits) and hits[i][0] < end:
            under.append((*hits[i], marks[first_hit + i].format.background()))
            i += 1
        if self._mark is not None and self._mark[0] < end and self._mark[1] > start:
            under.append((*self._mark, marks[-1].format.background()))
        cuts = sorted({start, end, *(p for a, b, _ in under for p in (a, b) if start < p < end)})
        pieces = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            fmt = _protected_name_format()
            brush = next((brush for c, d, brush in reversed(under) if c <= a < d), None)
            if brush is not None:
                fmt.setBackground(brush)
            pieces.append(self._selection(a, b, fmt))
        return pieces

    def _background(self, colour: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(colour))
        return fmt

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self._edit.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _hit_text(self) -> str:
        if not self._find_bar.field.text():
            return ""
        return (self.tr("{current} of {total}").format(current=self._hit + 1,
                                                       total=len(self._hits))
                if self._hits else self.tr("No matches"))

    def _step_hit(self, step: int) -> None:
        if not self._hits:
            return
        self._hit = (self._hit + step) % len(self._hits)
        self._go_to_hit()

    def _go_to_hit(self) -> None:
        """Select the current hit (so E marks it, Ctrl+C copies it) and show it mid-view."""
        if self._hit >= 0:
            self.select_range(*self._hits[self._hit])
            self._edit.centerCursor()
        self._update_marks()

    # ------------------------------------------------------------------ positions
    def _clamp(self, start: int, end: int) -> tuple[int, int]:
        size = len(self._text)
        start, end = sorted((start, end))
        return max(0, min(start, size)), max(0, min(end, size))

    def _scroll_to(self, position: int) -> None:
        """Put the caret at a position (no selection) and scroll it to mid-view, unless it is
        on screen already: the text the user just marked stays where they marked it."""
        cursor = QTextCursor(self._edit.document())
        cursor.setPosition(self._offsets.to_qt(min(position, len(self._text))))
        shown = self._edit.viewport().rect().contains(self._edit.cursorRect(cursor))
        self._edit.setTextCursor(cursor)
        if not shown:
            self._edit.centerCursor()

    def _char_at(self, point: QPoint) -> int | None:
        """The Python offset of the character under a viewport point, or None past the text."""
        cursor = self._edit.cursorForPosition(point)
        position = cursor.position()
        rect = self._edit.cursorRect(cursor)
        if point.x() < rect.left():  # on the right half of the character before the caret
            position -= 1
        if not rect.top() <= point.y() <= rect.bottom() or position < 0:
            return None
        return self._offsets.to_py(position)

    # ------------------------------------------------------------------ tooltip text
    def _describe(self, row: EvidenceRow) -> str:
        """One span in a tooltip: status and credibility, what it backs, who marked it."""
        import html

        e = html.escape
        look = scales.STATUS_LOOKS.get(row.status)
        status = scale_label(scales.VERIFICATION_STATUSES, row.status)
        credibility = scale_label(scales.INFORMATION_CREDIBILITY, row.credibility)
        swatch = (f"<span style='background:{look.colour}'>&nbsp;{e(look.mark)}&nbsp;</span> "
                  if look else "")
        graded = self.tr("credibility {code} — {label}").format(code=e(row.credibility),
                                                                label=e(credibility))
        lines = [f"{swatch}<b>{e(status)}</b> · {graded}"]
        backs = [e(row.incident_code or self.tr("No incident"))]
        if row.supports:
            backs.append(e(supports_label(row.supports)))
        if row.asserted_value:
            backs.append(f"“{e(row.asserted_value)}”")
        lines.append(" · ".join(backs))
        if row.note:
            lines.append(f"<i>{e(row.note)}</i>")
        review = scale_label(scales.REVIEW_STATES, row.review_state)
        if row.review_state == "returned" and row.review_comment:
            review += f": {row.review_comment}"
        marked = self.tr("Marked by {name} on {date}").format(
            name=e(row.created_by or self.tr("unknown")), date=e(_date(row.created_at)))
        lines.append(f"<span style='color:{_MUTED}'>{marked} · {e(review)}</span>")
        return "<br>".join(lines)
