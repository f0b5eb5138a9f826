"""Text cut short for one line: how the audit trail and reports cite a quote or a title."""

from __future__ import annotations

#: How long a quote may be where the audit trail cites it.
QUOTE_LIMIT = 60


def one_line(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` with its white space folded, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
