"""A long source in the real window: what is on screen is formatted at once, the rest while the
window is idle, and the user never sees the difference: spans, protected names, find hits and
new marks are right wherever they scroll; a mark never moves the text they are reading."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor

from desktop.domain import scales
from desktop.domain.models import Evidence, database
from desktop.gui.widgets.source_view import SourceView
from desktop.services import evidence, protection, sources
from tests.gui.widgets.test_main_window import (  # noqa: F401  (fixtures)
    casefile,
    messages,
    settings,
)

NAME = "Тарас Вербицький"
STATUSES = ("unverified", "corroborated", "verified", "contested", "rejected")


def long_text() -> str:
    """About 300,000 characters in 400 paragraphs; a protected witness named now and then."""
    paragraphs = []
    for i in range(400):
        witness = f" {NAME} saw it." if i % 40 == 7 else ""
        body = " ".join(f"word{i}x{j}" for j in range(70))
        paragraphs.append(f"Paragraph {i}: the column passed the checkpoint.{witness} {body}.")
    return "\n".join(paragraphs)


@pytest.fixture
def big(qtbot, casefile, tmp_path, actor):  # noqa: F811
    """The window with a long source and a span in every paragraph (none overlapping); each
    test opens it, so that no idle time passes before the test looks."""
    casefile.cases.new_case(tmp_path / "long.casefile", "Long source")
    path = tmp_path / "long.txt"
    path.write_text(long_text(), encoding="utf-8")
    source_id = sources.import_files([path], actor=actor).source_ids[0]
    text = sources.source_text(source_id)
    assert len(text) > 250_000
    rows, start = [], 0
    for i in range(400):
        start = text.index(f"Paragraph {i}:", start)
        end = start + len(f"Paragraph {i}: the column")
        rows.append({"source": source_id, "start": start, "end": end, "quote": text[start:end],
                     "status": STATUSES[i % len(STATUSES)], "credibility": "3",
                     "created_by": actor})
    with database.atomic():
        Evidence.insert_many(rows).execute()
    casefile.long_source = source_id
    return casefile


def view_of(app):
    """The source view, having just opened the long source."""
    app.reading.open_source(app.long_source)
    return app.window.source_view


def background_at(view, position: int) -> QColor | None:
    """The span colour drawn at text[position] (None: not marked)."""
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(position + 1)
    brush = cursor.charFormat().background()
    return None if brush.style() == Qt.BrushStyle.NoBrush else brush.color()


def drawn_right(view, row) -> bool:
    return background_at(view, row.start + 1) == QColor(scales.STATUS_LOOKS[row.status].colour)


def spans(view) -> list[evidence.EvidenceRow]:
    return evidence.evidence_rows(source_id=view.source_id())


def first_shown(view) -> int:
    """Where the text on screen begins."""
    return view.text_edit().cursorForPosition(QPoint(0, 0)).position()


def test_every_span_is_drawn_in_its_status_once_idle_formatting_is_done(qtbot, big):
    view = view_of(big)
    assert not view.formatting_done()  # the rest of a long text waits for idle time
    assert drawn_right(view, spans(view)[0])  # what is on screen is drawn at once
    qtbot.waitUntil(view.formatting_done, timeout=10_000)
    rows = spans(view)
    assert all(drawn_right(view, row) for row in rows)
    assert all(background_at(view, row.end + 5) is None for row in rows)  # gaps stay plain


def test_a_span_far_down_is_drawn_when_scrolled_to(qtbot, big):
    view = view_of(big)
    last = spans(view)[-1]
    assert not drawn_right(view, last)  # not formatted yet
    bar = view.text_edit().verticalScrollBar()
    bar.setValue(bar.maximum())  # as the user's drag to the end: no idle time in between
    assert drawn_right(view, last)


def test_going_to_a_span_or_a_find_hit_far_down_draws_it_first(qtbot, big):
    view = view_of(big)
    rows = spans(view)
    big.reading.show_evidence(rows[300].id)  # as a click on its row in the evidence list
    assert drawn_right(view, rows[300])
    assert view._selected == rows[300].id
    assert view.find("Paragraph 350:") == 1
    assert drawn_right(view, rows[350])
    assert view.find_status() == (1, 1)


def test_a_mark_made_while_formatting_is_drawn_and_kept(qtbot, big, monkeypatch):
    view = view_of(big)
    text = view.text_edit().toPlainText()
    rows = spans(view)
    assert not view.formatting_done()
    start = text.index("word390x10")  # far down: not formatted yet
    added = big.editing.add_evidence(view.source_id(), start, start + len("word390x10"), {})
    near = rows[1]
    big.editing.edit_evidence([near.id], {"status": "contested"})
    far = rows[395]
    big.editing.edit_evidence([far.id], {"status": "verified"})
    qtbot.waitUntil(view.formatting_done, timeout=10_000)
    for row in evidence.evidence_rows(ids=[added, near.id, far.id]):
        assert drawn_right(view, row), row.id
    assert evidence.evidence_rows(ids=[far.id])[0].status == "verified"


def test_protected_names_are_marked_everywhere_while_formatting(qtbot, big, actor):
    view = view_of(big)
    change = protection.add_protected(NAME, "witness", actor=actor)
    big.events.publish(change)
    assert not view.formatting_done()
    text = view.text_edit().toPlainText()
    expected = [i for i in range(len(text)) if text.startswith(NAME, i)]
    assert len(expected) == 10
    red = QColor("#8b1a1a")

    def marked() -> list[int]:
        return [s.cursor.selectionStart() for s in view.text_edit().extraSelections()
                if s.format.foreground().color() == red
                and s.format.underlineColor() == red]

    assert marked() == expected
    qtbot.waitUntil(view.formatting_done, timeout=10_000)
    assert marked() == expected
    assert [text[a:b] for a, b, _ in view.protected_names()] == [NAME] * 10
    # Found, the surname keeps its dark red and shows the find hits' lilac too; the first name
    # is not a hit and has no background.
    assert view.find("Вербицький") == 10
    looks = {(text[s.cursor.selectionStart():s.cursor.selectionEnd()],
              s.format.background().color().name())
             for s in view.text_edit().extraSelections()
             if s.format.foreground().color() == red and s.format.underlineColor() == red}
    assert looks == {("Тарас ", "#000000"), ("Вербицький", "#c6aef0"),  # the current hit
                     ("Вербицький", "#e4d8f6")}  # the others


@pytest.mark.parametrize("where", ["low", "top"])
def test_marking_what_is_on_screen_does_not_scroll_the_text(qtbot, big, where):
    view = view_of(big)
    edit = view.text_edit()
    bar = edit.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.waitUntil(view.formatting_done, timeout=10_000)
    top = first_shown(view)
    text = edit.toPlainText()
    # A passage across a paragraph break, low on screen or in a paragraph that begins above
    # it: what a documenter marks as they read.
    y = edit.viewport().height() - 40 if where == "low" else 8
    near = edit.cursorForPosition(QPoint(20, y)).position()
    start = text.index(" word", near) + 1
    end = text.index("\n", start) + 12
    if where == "top":
        assert text.rindex("\n", 0, start) < top  # its paragraph begins off screen
    view.select_range(start, end)  # as the user's drag does, this shows the end of it
    before = first_shown(view)
    added = big.editing.add_evidence(view.source_id(), start, end, {})
    qtbot.wait(50)
    assert first_shown(view) == before
    assert view._selected == added
    big.editing.edit_evidence([added], {"status": "verified"})
    qtbot.wait(50)
    assert first_shown(view) == before
    row = evidence.evidence_rows(ids=[added])[0]
    assert drawn_right(view, row)


def test_marks_overlapping_others_leave_the_view_as_a_fresh_one_would_draw_it(qtbot, big):
    view = view_of(big)
    qtbot.waitUntil(view.formatting_done, timeout=10_000)
    text = view.text_edit().toPlainText()
    at = text.index("Paragraph 200:")
    # Over a span, inside one, across two paragraphs, then one graded and one undone.
    made = [big.editing.add_evidence(view.source_id(), a, b, {})
            for a, b in ((at - 30, at + 12), (at + 3, at + 8), (at + 5, at + 900))]
    big.editing.edit_evidence([made[1]], {"status": "contested"})
    big.undo_stack.undo()  # the status back
    big.undo_stack.undo()  # the last mark gone
    fresh = SourceView()
    qtbot.addWidget(fresh)
    fresh.set_source(view.source_id())
    qtbot.waitUntil(fresh.formatting_done, timeout=10_000)
    for position in range(at - 100, at + 1000):
        assert view.span_ids_at(position) == fresh.span_ids_at(position), position
        assert background_at(view, position) == background_at(fresh, position), position
