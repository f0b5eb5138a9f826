"""Anchoring evidence spans in a source's text, after the W3C Web Annotation model.

A span is stored twice over: as character offsets ``[start, end)`` into the extracted text (a
TextPositionSelector) and as the quoted words with a little context either side (a
TextQuoteSelector). Offsets are exact but brittle; the quote survives edits and copies of the
text made elsewhere. :func:`anchor_quote` re-finds a span and says how it was found, so the user
can be shown which exhibits need a second look. Pure functions over strings, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Characters of context kept either side of a span in its :class:`QuoteSelector`.
CONTEXT_CHARS = 32

#: Quotes this short are only anchored exactly: an approximate match of two or three letters
#: would land almost anywhere.
_MAX_EXACT_ONLY = 3

#: How far either side of the old position the first, local fuzzy search looks.
_NEAR_CHARS = 2000

#: A local fuzzy match this good is taken without searching the rest of the text.
_NEAR_GOOD_ENOUGH = 0.9

#: Quotes up to this length are looked for by scanning the whole text; longer ones through the
#: places where their words occur (see :func:`_seeded_estimates`).
_MAX_SCANNED_QUOTE = 100

#: Words of a long quote looked up, the most places they may occur for a place to count, and the
#: most places then searched properly.
_SEED_WORD = re.compile(r"\w{4,}")
_MAX_SEED_WORDS = 64
_MAX_SEED_HITS = 100
_MAX_SEED_REGIONS = 3

#: Largest number of characters a fuzzy span's edges move while being fitted to the quote.
_MAX_EDGE_SHIFT = 64

#: Typographic variants folded before fuzzy comparison. One character to one character, so
#: offsets into folded text are offsets into the original.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\t\n\r\v\f\u00a0\u2007\u202f\u2009\u200a\u2028\u2029", " "),
    }
)

#: Characters that belong to a word when they sit between two letters or digits
#: (``Kurs’k``, ``cease-fire``, ``O'Brien``).
_WORD_JOINERS = frozenset("'\u2019\u02bc-\u2010\u2011")


@dataclass(frozen=True)
class QuoteSelector:
    """The quoted text of a span with the text just before and after it."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Anchor:
    """Where a quote was found in a text, and how.

    ``method`` is ``"exact"`` (at the stored position), ``"moved"`` (the exact quote found
    elsewhere), ``"fuzzy"`` (an approximate match) or ``"not_found"`` (``start == end == -1``).
    ``score`` is 1.0 for exact and moved, 0..1 for fuzzy and 0.0 for not found.
    """

    start: int
    end: int
    method: str
    score: float

    @property
    def found(self) -> bool:
        """Whether the quote was found at all, exactly or not."""
        return self.method != "not_found"


#: The answer when a quote cannot be anchored.
NOT_FOUND = Anchor(-1, -1, "not_found", 0.0)


def quote_at(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> QuoteSelector:
    """The quote selector for ``text[start:end]``, with context clipped at the text's edges.

    Raises ValueError for offsets outside the text, an empty or reversed span, or a negative
    context length.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"[{start}, {end}) is not a non-empty span of a {len(text)}-char text")
    if context < 0:
        raise ValueError(f"context must not be negative, got {context}")
    return QuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def anchor_quote(
    text: str,
    quote: QuoteSelector,
    start: int | None = None,
    end: int | None = None,
    min_score: float = 0.75,
) -> Anchor:
    """Find ``quote`` in ``text``, preferring the stored position ``start``/``end`` when given.

    Tries, in order: the stored position; every exact occurrence of the quote (the one whose
    prefix and suffix fit best wins, then the one nearest the old position); an approximate
    match scoring at least ``min_score``, looked for near the old position first. Quotes of
    three characters or fewer are only matched exactly.
    """
    exact = quote.exact
    if not exact or not text or len(text) < min_score * len(exact):
        return NOT_FOUND  # nothing in so short a text can be even min_score like the quote
    if start is not None and end is None:
        end = start + len(exact)
    if start is not None and start >= 0 and text[start:end] == exact:
        return Anchor(start, start + len(exact), "exact", 1.0)

    found = _best_exact_occurrence(text, quote, start)
    if found is not None:
        # With no stored position, finding the quote itself is an exact anchor, not a move.
        method = "exact" if start is None or found == start else "moved"
        return Anchor(found, found + len(exact), method, 1.0)

    if len(exact) <= _MAX_EXACT_ONLY:
        return NOT_FOUND
    return _fuzzy_anchor(text, quote, start, end, min_score)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a user's selection to whole words and trim whitespace from its ends.

    A word is letters, digits and combining marks (any script), with apostrophes and hyphens
    inside it (``Kurs’k``, ``cease-fire``). An empty selection inside a word becomes that word.
    Offsets may come in either order; they must lie within the text (ValueError otherwise).
    """
    if start > end:
        start, end = end, start
    if start < 0 or end > len(text):
        raise ValueError(f"selection [{start}, {end}) is outside a {len(text)}-char text")
    if start == end:
        while start > 0 and _in_word(text, start - 1):
            start -= 1
        while end < len(text) and _in_word(text, end):
            end += 1
        return start, end

    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _in_word(text, start) and _in_word(text, start - 1):
        start -= 1
    while end < len(text) and _in_word(text, end - 1) and _in_word(text, end):
        end += 1
    return start, end


def _in_word(text: str, i: int) -> bool:
    """Whether ``text[i]`` is part of a word: see :func:`snap_to_words`."""
    ch = text[i]
    if _is_word_char(ch):
        return True
    return (
        ch in _WORD_JOINERS
        and 0 < i < len(text) - 1
        and _is_word_char(text[i - 1])
        and _is_word_char(text[i + 1])
    )


def _is_word_char(ch: str) -> bool:
    # str.isalnum misses combining marks (a decomposed й, an accent), which belong to words.
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _best_exact_occurrence(text: str, quote: QuoteSelector, start: int | None) -> int | None:
    """Offset of the exact occurrence of the quote that best fits its context, or None."""
    exact = quote.exact
    best: tuple[float, int] | None = None
    best_pos: int | None = None
    pos = text.find(exact)
    while pos != -1:
        distance = abs(pos - start) if start is not None else pos
        key = (_context_score(text, pos, pos + len(exact), quote), -distance)
        if best is None or key > best:
            best, best_pos = key, pos
        pos = text.find(exact, pos + 1)
    return best_pos


def _context_score(text: str, start: int, end: int, quote: QuoteSelector) -> float:
    """How well the text around ``[start, end)`` matches the quote's prefix and suffix, 0..1."""
    from rapidfuzz.distance import Levenshtein  # rapidfuzz loads on the first fuzzy anchoring

    scores = []
    if quote.prefix:
        before = text[max(0, start - len(quote.prefix)) : start]
        scores.append(Levenshtein.normalized_similarity(quote.prefix, before))
    if quote.suffix:
        after = text[end : end + len(quote.suffix)]
        scores.append(Levenshtein.normalized_similarity(quote.suffix, after))
    return sum(scores) / len(scores) if scores else 0.0


def _fuzzy_anchor(
    text: str, quote: QuoteSelector, start: int | None, end: int | None, min_score: float
) -> Anchor:
    """The best approximate match of the quote, near the old position first, else anywhere."""
    exact = quote.exact
    if len(exact) > _MAX_SCANNED_QUOTE:
        estimates = _seeded_estimates(text, exact)
        if not estimates and start is not None and end is not None:
            # No word of the quote survived as such: scan near the old position only.
            reach = max(_NEAR_CHARS, len(exact))
            lo, hi = max(0, start - reach), min(len(text), end + reach)
            estimates = _scanned_estimates(text, quote, lo, hi)
        best = _best_fit(text, quote, estimates, start)
    else:
        best = None
        if start is not None and end is not None:
            reach = max(_NEAR_CHARS, 4 * len(exact))
            lo, hi = max(0, start - reach), min(len(text), end + reach)
            best = _best_fit(text, quote, _scanned_estimates(text, quote, lo, hi), start)
        if best is None or best.score < max(min_score, _NEAR_GOOD_ENOUGH):
            estimates = _scanned_estimates(text, quote, 0, len(text))
            found = _best_fit(text, quote, estimates, start)
            if found is not None and (best is None or found.score > best.score + 0.005):
                best = found
    if best is None or best.score < min_score:
        return NOT_FOUND
    return best


def _scanned_estimates(text: str, quote: QuoteSelector, lo: int, hi: int) -> list[tuple[int, int]]:
    """Rough spans in ``text[lo:hi]`` where the quote best fits, found by scanning it all.

    One for the quote alone and one for the quote with its context, which finds the right place
    when the quote itself changed a lot or occurs more than once in altered form.
    """
    region = text if (lo, hi) == (0, len(text)) else text[lo:hi]
    estimates = []
    located = _locate(quote.exact, region)
    if located is not None:
        estimates.append((lo + located[0], lo + located[1]))
    if quote.prefix or quote.suffix:
        located = _locate(quote.prefix + quote.exact + quote.suffix, region)
        if located is not None:
            s = lo + located[0] + len(quote.prefix)
            estimates.append((s, s + len(quote.exact)))
    return estimates


def _locate(needle: str, region: str) -> tuple[int, int] | None:
    """Roughly where ``needle`` best fits in ``region``: a window of the needle's length."""
    from rapidfuzz import fuzz  # rapidfuzz loads on the first fuzzy anchoring

    if not region:
        return None
    if len(needle) >= len(region):
        return 0, len(region)
    alignment = fuzz.partial_ratio_alignment(needle, region)
    if alignment is None:
        return None
    s = alignment.dest_start - alignment.src_start
    return s, s + len(needle)


def _seeded_estimates(text: str, exact: str) -> list[tuple[int, int]]:
    """Rough spans where a long quote may be, found from the quote's rarer words.

    Scanning a large text for a long quote costs time proportional to both lengths; looking up
    words costs next to nothing, and single words are immune to changed spacing and
    punctuation. Each occurrence of a word, or of a pair of adjacent words, votes for where the
    quote would start; the places with most different seeds voting win.
    """
    words = [(m.start(), m.end()) for m in _SEED_WORD.finditer(exact)]
    step = max(1, len(words) // _MAX_SEED_WORDS)
    seeds = [(a, exact[a:b]) for a, b in words[::step]]
    pairs = range(0, len(words) - 1, step)
    seeds += [(words[i][0], exact[words[i][0] : words[i + 1][1]]) for i in pairs]
    votes: list[tuple[int, str]] = []
    for offset, seed in seeds:
        hits = []
        pos = text.find(seed)
        while pos != -1 and len(hits) <= _MAX_SEED_HITS:
            hits.append(pos - offset)
            pos = text.find(seed, pos + 1)
        if len(hits) <= _MAX_SEED_HITS:  # a seed found everywhere says nothing about where
            votes += [(hit, seed) for hit in hits]

    slack = max(_MAX_EDGE_SHIFT, len(exact) // 8)
    clusters: list[tuple[int, int]] = []  # (distinct seeds, median start)
    votes.sort()
    i = 0
    while i < len(votes):
        j = i
        while j + 1 < len(votes) and votes[j + 1][0] - votes[i][0] <= slack:
            j += 1
        distinct = len({seed for _, seed in votes[i : j + 1]})
        clusters.append((distinct, votes[(i + j) // 2][0]))
        i = j + 1
    clusters.sort(key=lambda c: -c[0])
    return [(s, s + len(exact)) for _, s in clusters[:_MAX_SEED_REGIONS]]


def _best_fit(
    text: str, quote: QuoteSelector, estimates: list[tuple[int, int]], old_start: int | None
) -> Anchor | None:
    """Fit each rough span's edges to the quote and keep the best, or None if there is none.

    Best means most like the quote, then best in context, then nearest the old position.
    """
    best_key: tuple[float, float, int] | None = None
    best: Anchor | None = None
    for estimate in estimates:
        s, e, score = _fit(text, *estimate, quote.exact)
        if e <= s:
            continue
        distance = abs(s - old_start) if old_start is not None else s
        key = (round(score, 2), _context_score(text, s, e, quote), -distance)
        if best_key is None or key > best_key:
            best_key, best = key, Anchor(s, e, "fuzzy", score)
    return best


def _fit(text: str, start: int, end: int, exact: str) -> tuple[int, int, float]:
    """Move the edges of a rough span so it is as much like ``exact`` as possible.

    Returns the fitted span and its score: Levenshtein similarity averaged over the raw strings
    and the typographically folded ones, so a curly quote or a non-breaking space costs half a
    plain edit and only an identical span scores 1.0.
    """
    from rapidfuzz.distance import Levenshtein  # rapidfuzz loads on the first fuzzy anchoring

    shift = min(_MAX_EDGE_SHIFT, max(4, len(exact) // 4))
    lo = max(0, min(start, len(text)) - shift)
    hi = min(len(text), max(end, 0) + shift)
    folded = text[lo:hi].translate(_FOLD)
    target = exact.translate(_FOLD)
    s = min(max(start - lo, 0), len(folded))
    e = min(max(end - lo, s), len(folded))

    def similarity(a: int, b: int) -> float:
        return Levenshtein.normalized_similarity(target, folded[a:b])

    best = similarity(s, e)
    for _ in range(2):  # fit the start, then the end, then both once more
        old = (s, e)
        for ds in _edge_moves(shift):
            if 0 <= old[0] + ds < e and (sc := similarity(old[0] + ds, e)) > best:
                best, s = sc, old[0] + ds
        for de in _edge_moves(shift):
            if s < old[1] + de <= len(folded) and (sc := similarity(s, old[1] + de)) > best:
                best, e = sc, old[1] + de
        if (s, e) == old:
            break

    if not target[:1].isspace():
        while s < e and folded[s].isspace():
            s += 1
    if not target[-1:].isspace():
        while e > s and folded[e - 1].isspace():
            e -= 1
    raw = Levenshtein.normalized_similarity(exact, text[lo + s : lo + e])
    score = (raw + similarity(s, e)) / 2
    return lo + s, lo + e, score


def _edge_moves(shift: int) -> list[int]:
    """Moves of -shift..shift, nearest to zero first, so that ties keep the smaller move."""
    moves = [0]
    for d in range(1, shift + 1):
        moves += [-d, d]
    return moves
