"""What of a window's text a user cannot read: a label, button or tab whose text is wider than
the room it is given, a toolbar action pushed behind », a wrapped label cut at its bottom."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QRadioButton,
    QStyle,
    QTabBar,
    QToolBar,
    QWidget,
)


def clipped_texts(window: QWidget) -> list[str]:
    """Every visible text in `window` (and its docks) that does not fit where it is drawn."""
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window or _in_item_view(widget):
            continue
        if isinstance(widget, QToolBar):
            problems += _hidden_actions(widget)
        elif isinstance(widget, QTabBar):
            problems += _cut_tabs(widget)
        elif isinstance(widget, QLabel | QAbstractButton) and (
                problem := _cut_text(widget)) is not None:
            problems.append(problem)
    return problems


def _name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def _in_item_view(widget: QWidget) -> bool:
    """Cells and their editors elide by design; only the widgets around them are checked."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _room(widget: QWidget) -> QRect:
    """The part of `widget` its ancestors let it draw, in its own coordinates. A scroll area
    that scrolls in a direction does not cut in that direction: the user can scroll there."""
    top = widget.window()
    origin = widget.mapTo(top, QPoint(0, 0))
    rect = QRect(origin, widget.size())
    parent = widget.parentWidget()
    cut_x = cut_y = True
    while parent is not None and (cut_x or cut_y):
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            cut_x = cut_x and area.horizontalScrollBarPolicy() == off
            cut_y = cut_y and area.verticalScrollBarPolicy() == off
        bounds = QRect(parent.mapTo(top, QPoint(0, 0)) if parent is not top else QPoint(0, 0),
                       parent.size())
        if cut_x:
            rect.setLeft(max(rect.left(), bounds.left()))
            rect.setRight(min(rect.right(), bounds.right()))
        if cut_y:
            rect.setTop(max(rect.top(), bounds.top()))
            rect.setBottom(min(rect.bottom(), bounds.bottom()))
        parent = parent.parentWidget()
    return rect.translated(-origin)


def _cut_text(widget: QLabel | QAbstractButton) -> str | None:
    text = widget.text()
    if not text.strip():
        return None
    room = _room(widget)
    if room.width() <= 0 or room.height() <= 0:
        return None  # scrolled or laid out of sight, not cut
    if isinstance(widget, QLabel):
        margin = widget.contentsRect().width() - widget.width()
        width, height = room.width() + margin, room.height() + margin
        if widget.textFormat() == Qt.TextFormat.RichText or (
                widget.textFormat() == Qt.TextFormat.AutoText and "<" in text):
            document = QTextDocument()
            document.setDefaultFont(widget.font())
            document.setDocumentMargin(0)
            document.setHtml(text)
            if widget.wordWrap():
                document.setTextWidth(width)
                needed_w, needed_h = document.idealWidth(), document.size().height()
            else:
                needed_w, needed_h = document.idealWidth(), 0
        elif widget.wordWrap():
            needed_w, needed_h = 0, widget.heightForWidth(room.width()) + margin
        else:
            needed_w = max(widget.fontMetrics().horizontalAdvance(line)
                           for line in text.splitlines())
            needed_h = 0
        if needed_w > width + 1 or needed_h > height + 1:
            return (f"{_name(widget)} {text[:60]!r}: needs {needed_w:.0f}×{needed_h:.0f}, "
                    f"has {width}×{height}")
        return None
    words = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    needed = widget.fontMetrics().horizontalAdvance(words)
    if isinstance(widget, QCheckBox | QRadioButton):
        needed += widget.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    if needed > room.width():
        return f"{_name(widget)} {words!r}: needs {needed}, has {room.width()}"
    return None


def _cut_tabs(bar: QTabBar) -> list[str]:
    room = _room(bar)
    problems = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        tab = bar.tabRect(index).intersected(room)
        needed = bar.fontMetrics().horizontalAdvance(bar.tabText(index).replace("&", ""))
        if needed > tab.width():
            problems.append(f"tab {bar.tabText(index)!r}: needs {needed}, has {tab.width()}")
    return problems


def _hidden_actions(bar: QToolBar) -> list[str]:
    """Actions that moved into the toolbar's » menu."""
    return [f"toolbar {action.iconText()!r}: behind »" for action in bar.actions()
            if action.isVisible() and not action.isSeparator()
            and (button := bar.widgetForAction(action)) is not None and not button.isVisible()]
