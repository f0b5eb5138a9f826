"""The pages of a paged source a span of its text lies on, from where each page starts.

A source keeps where each of its pages starts in its text (`Source.pages`, character
offsets, the first 0; empty for a source without pages). A span's pages are derived from them
and the span's own offsets every time they are needed, never stored beside the span.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


def page_at(starts: Sequence[int], offset: int) -> int | None:
    """The number (1 for the first) of the page the character at `offset` is on; None for a
    source without pages. A page with no text starts where the next one does: the character
    is on the later page."""
    if not starts:
        return None
    return max(1, bisect_right(starts, offset))


def span_pages(starts: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    """The first and last page (numbered from 1) the characters start..end (end excluded) lie
    on; None for a source without pages. An empty span is on the page of its start."""
    first = page_at(starts, start)
    if first is None:
        return None
    last = page_at(starts, max(start, end - 1))
    return first, max(first, last)
