"""The source view: header, highlights by status, overlaps, selection, clicks, tooltips, find."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QToolTip

from desktop.domain import scales
from desktop.gui.widgets.source_view import EMPTY_TEXT, SourceView
from desktop.services import evidence, sources

PGO = "003_b8c3f3517aeeccd0.txt"
UNDERLINE = QTextCharFormat.UnderlineStyle


@pytest.fixture
def view(qtbot, worked_case):
    """A shown source view on the prosecutor's report (spans in three statuses)."""
    widget = SourceView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_source(worked_case["sources"][PGO])
    return widget


def text_of(view: SourceView) -> str:
    return sources.source_text(view.source_id())


def char_format(view: SourceView, position: int) -> QTextCharFormat:
    """The format of the character at `position` (a cursor reports the one before it)."""
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def span(worked_case, name: str) -> evidence.EvidenceRow:
    return evidence.evidence_rows(ids=[worked_case["evidence"][name]])[0]


def header_text(view: SourceView) -> str:
    return " | ".join(f"{label.text()} {label.toolTip()}" for label in view.findChildren(QLabel))


def test_header_shows_title_publisher_grade_and_hash(view, worked_case, actor):
    source_id = worked_case["sources"][PGO]
    sources.update_source(source_id, actor=actor, publisher="Office of the Prosecutor General",
                          reliability="B")
    view.refresh_header()
    source = next(s for s in sources.list_sources() if s[0] == source_id)
    shown = header_text(view)
    assert "Russians executing surrendered soldiers: new evidence" in shown
    assert "Office of the Prosecutor General" in shown
    assert "B — Usually reliable" in shown
    assert f"SHA-256 {source[5][:12]}…" in shown
    assert source[5] in shown  # the full hash, in the tooltip


def test_span_has_its_status_colour_and_underline(view, worked_case):
    for name, status, style in (("time", "unverified", UNDERLINE.DotLine),
                                ("place", "corroborated", UNDERLINE.DashUnderline),
                                ("killing", "verified", UNDERLINE.SingleUnderline)):
        fmt = char_format(view, span(worked_case, name).start + 2)
        assert fmt.background().color() == QColor(scales.STATUS_LOOKS[status].colour), name
        assert fmt.underlineStyle() == style, name
        assert not fmt.fontStrikeOut()


def test_plain_text_has_no_highlight(view, worked_case):
    fmt = char_format(view, 5)
    assert fmt.background().style() == Qt.BrushStyle.NoBrush


def test_highlights_are_not_edits(view):
    document = view.text_edit().document()
    assert not document.isUndoRedoEnabled()
    assert not document.isModified()
    assert view.text_edit().isReadOnly()


@pytest.mark.parametrize("ids", [None, "one"])
def test_rejected_span_is_struck_out(view, worked_case, actor, ids):
    row = span(worked_case, "killing")
    evidence.update_evidence(row.id, actor=actor, status="rejected")
    view.refresh_spans(None if ids is None else [row.id])
    fmt = char_format(view, row.start + 3)
    assert fmt.fontStrikeOut()
    assert fmt.background().color() == QColor(scales.STATUS_LOOKS["rejected"].colour)


def test_overlap_is_darker_than_either_span(view, worked_case, actor):
    text = text_of(view)
    quote = "September 6, 2024, near the Phenol"
    start = text.index(quote)
    added = evidence.add_evidence(view.source_id(), start, start + len(quote), actor=actor)
    view.refresh_spans([added.id])
    place = span(worked_case, "place")
    alone = char_format(view, place.end - 2).background().color()  # only "place"
    overlap = char_format(view, place.start + 2).background().color()  # "place" and the new one
    assert overlap != alone
    assert overlap.valueF() < alone.valueF()
    assert view.span_ids_at(place.start + 2) == [added.id, place.id]  # shortest first


def test_removed_span_loses_its_highlight(view, worked_case, actor):
    row = span(worked_case, "time")
    evidence.remove_evidence(row.id, actor=actor)
    view.refresh_spans([row.id])
    assert char_format(view, row.start + 2).background().style() == Qt.BrushStyle.NoBrush
    assert view.span_ids_at(row.start + 2) == []


def test_selection_snaps_to_whole_words(view):
    text = text_of(view)
    start = text.index("xecuted nine Ukr")
    view.select_range(start, start + len("xecuted nine Ukr"))
    snapped = view.selection_range()
    assert snapped is not None
    assert text[snapped[0]:snapped[1]] == "executed nine Ukrainian"


def test_no_selection_is_none(view):
    view.select_range(10, 10)
    assert view.selection_range() is None


def test_selection_over_two_spans_selects_both(view, worked_case):
    time_span, place = span(worked_case, "time"), span(worked_case, "place")
    view.select_range(time_span.end - 4, place.start + 4)
    assert view.selected_span_ids() == [time_span.id, place.id]


def test_click_on_span_emits_its_id(view, qtbot, worked_case):
    row = span(worked_case, "killing")
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(row.start + 3)
    point = edit.cursorRect(cursor).center()
    with qtbot.waitSignal(view.spanClicked, timeout=1000) as signal:
        qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [row.id]
    assert view.selected_span_ids() == [row.id]


def test_click_outside_spans_emits_nothing(view, qtbot):
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(5)
    with qtbot.assertNotEmitted(view.spanClicked):
        qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton,
                         pos=edit.cursorRect(cursor).center())


def test_select_span_marks_it_and_emits_nothing(view, qtbot, worked_case):
    row = span(worked_case, "place")
    with qtbot.assertNotEmitted(view.spanClicked):
        view.select_span(row.id)
    assert view.selected_span_ids() == [row.id]
    marked = [(s.cursor.selectionStart(), s.cursor.selectionEnd())
              for s in view.text_edit().extraSelections()]
    assert (row.start, row.end) in marked


def test_tooltip_names_status_and_incident(view, worked_case):
    row = span(worked_case, "place")
    tip = view.tooltip_at(row.start + 2)
    assert "Corroborated" in tip
    assert "INC-001" in tip
    assert "Place" in tip and "New York" in tip
    assert "Olena Documenter" in tip
    assert view.tooltip_at(3) == ""


def test_find_counts_and_cycles(view, qtbot):
    text = text_of(view)
    expected = [m.start() for m in re.finditer("prisoners", text, re.IGNORECASE)]
    assert len(expected) > 2
    assert view.find("Prisoners") == len(expected)
    cursor = view.text_edit().textCursor
    assert cursor().selectionStart() == expected[0]
    view.find_next()
    assert cursor().selectionStart() == expected[1]
    for _ in range(len(expected) - 1):
        view.find_next()
    assert cursor().selectionStart() == expected[0]  # round from the last to the first
    view.find_previous()
    assert cursor().selectionStart() == expected[-1]
    assert view.find_status() == (len(expected), len(expected))
    assert f"{len(expected)} of {len(expected)}" in header_text(view)


def test_escape_hides_the_find_bar(view, qtbot):
    view.show_find_bar()
    view.find("Russian")
    field = view.findChild(QLineEdit)
    assert field.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not field.isVisible()
    assert view.find_status() == (0, 0)


def test_empty_state(qtbot, worked_case):
    widget = SourceView()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_source(worked_case["sources"][PGO])
    widget.set_source(None)
    assert widget.source_id() is None
    shown = [label for label in widget.findChildren(QLabel)
             if label.isVisible() and label.text() == EMPTY_TEXT]
    assert shown
    assert widget.text_edit().toPlainText() == ""


def test_refresh_keeps_scroll_position(view, worked_case):
    view.set_source(worked_case["sources"]["000_834f49a7d7f9d56b.txt"])
    bar = view.text_edit().verticalScrollBar()
    if bar.maximum() == 0:
        pytest.skip("the text fits without scrolling")
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    view.refresh_spans()
    assert bar.value() == before


def test_offsets_past_astral_characters(qtbot, case, tmp_path, actor):
    """A character outside the BMP counts twice in Qt; spans after it must still line up."""
    path = tmp_path / "post.txt"
    path.write_text("Posted 🎥🎥 then: the soldiers surrendered and were shot.\n",
                    encoding="utf-8")
    source_id = sources.import_files([path], actor=actor).source_ids[0]
    text = sources.source_text(source_id)
    start = text.index("surrendered")
    evidence.add_evidence(source_id, start, start + len("surrendered"), actor=actor)
    widget = SourceView()
    qtbot.addWidget(widget)
    widget.set_source(source_id)
    qt_start = start + 2  # two astral characters before it
    look = QColor(scales.STATUS_LOOKS["unverified"].colour)
    assert char_format(widget, qt_start).background().color() == look
    assert char_format(widget, qt_start - 2).background().style() == Qt.BrushStyle.NoBrush
    widget.select_range(start + 1, start + 3)
    assert widget.selection_range() == (start, start + len("surrendered"))


def test_hovering_a_span_shows_its_tooltip(view, worked_case):
    row = span(worked_case, "killing")
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(row.start + 3)
    point = edit.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, edit.viewport().mapToGlobal(point))
    QApplication.sendEvent(edit.viewport(), event)
    assert QToolTip.isVisible()
    assert "Verified" in QToolTip.text()
    QToolTip.hideText()


def test_context_menu_offers_the_actions_and_copy(view, qtbot, worked_case):
    mark = QAction("Mark as evidence", view)
    view.set_context_actions([mark])
    row = span(worked_case, "place")
    edit = view.text_edit()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(row.start + 3)
    point = edit.cursorRect(cursor).center()
    seen: list[str] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
        menu.close()

    QTimer.singleShot(50, read_and_close)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                              edit.viewport().mapToGlobal(point))
    with qtbot.waitSignal(view.spanClicked, timeout=1000) as signal:
        QApplication.sendEvent(edit.viewport(), event)
    assert seen == ["Mark as evidence", "Copy"]
    assert signal.args == [row.id]  # a right-click on a span selects it for the actions


def test_typing_in_the_find_bar_finds(view, qtbot):
    view.show_find_bar()
    field = view.findChild(QLineEdit)
    qtbot.keyClicks(field, "geneva")
    qtbot.waitUntil(lambda: view.find_status()[1] > 0, timeout=2000)
    expected = len(re.findall("geneva", text_of(view), re.IGNORECASE))
    assert view.find_status() == (1, expected)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert view.find_status() == (2 if expected > 1 else 1, expected)


def test_a_new_source_does_not_take_the_format_of_the_span_the_caret_was_on(view, worked_case,
                                                                           actor):
    # The caret goes to the start of a span shown; a span that opens a paragraph gives the
    # caret its format, which the next source's whole text must not inherit.
    text = text_of(view)
    start = text.index("\n") + 1
    opening = evidence.add_evidence(view.source_id(), start, start + 20, actor=actor).id
    view.refresh_spans()
    view.select_span(opening)
    view.set_source(worked_case["sources"]["000_834f49a7d7f9d56b.txt"])
    unmarked = char_format(view, 2)
    assert unmarked.background().style() == Qt.BrushStyle.NoBrush
    assert unmarked.underlineStyle() == UNDERLINE.NoUnderline
