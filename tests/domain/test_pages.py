"""A span's pages, derived from where each page of its source starts."""

from __future__ import annotations

from desktop.domain.pages import page_at, span_pages

# three pages: 0–99, 100–249, 250–
STARTS = [0, 100, 250]


def test_a_span_on_one_page_and_one_across_a_page_break():
    assert span_pages(STARTS, 10, 40) == (1, 1)
    assert span_pages(STARTS, 90, 120) == (1, 2)
    assert span_pages(STARTS, 50, 300) == (1, 3)
    assert span_pages(STARTS, 260, 270) == (3, 3)


def test_a_span_ending_where_a_page_starts_is_on_the_page_before():
    # the end is excluded: characters 80..99 are all on page 1
    assert span_pages(STARTS, 80, 100) == (1, 1)
    assert span_pages(STARTS, 100, 101) == (2, 2)


def test_an_empty_page_and_a_source_without_pages():
    # page 2 has no text and starts where page 3 does: its characters are page 3's
    assert page_at([0, 40, 40], 40) == 3
    assert span_pages([0, 40, 40], 10, 45) == (1, 3)
    assert span_pages([], 0, 10) is None
    assert span_pages(STARTS, 5, 5) == (1, 1)
