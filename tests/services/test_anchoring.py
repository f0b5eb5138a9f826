"""Re-finding evidence spans in a source's text after the text, or the annotation, moved on."""

import pytest

from desktop.services.anchoring import (
    CONTEXT_CHARS,
    Anchor,
    QuoteSelector,
    anchor_quote,
    quote_at,
    snap_to_words,
)

REPORT = (
    "Initial findings indicate that the Ukrainian service member sustained injuries during a "
    "combat mission in the Bakhmut district. After Russian forces captured the building where "
    "he was positioned, they took him prisoner and shot him while he lay unarmed on the ground. "
    "The incident occurred around 10:00 on September 6, 2024, near the Phenol Plant in New York "
    "village.\n"
    "On October 10, 2024, Russians executed nine Ukrainian prisoners of war near the village of "
    "Zelenyy Shlyakh, in Kurs’k Oblast.\n"
    "According to the DeepState military analyst group, Ukrainian troops advanced to what they "
    "believed was a relatively safe area before encountering Russian forces."
)

REPORT_UK = (
    "Російські військові розстріляли дев’ятьох українських військовополонених поблизу села "
    "Зелений Шлях у Курській області. Офіс Генерального прокурора розпочав досудове "
    "розслідування."
)


def span_of(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return start, start + len(passage)


def test_quote_found_at_its_stored_position_is_exact():
    start, end = span_of(REPORT, "took him prisoner and shot him")
    quote = quote_at(REPORT, start, end)

    anchor = anchor_quote(REPORT, quote, start, end)

    assert anchor == Anchor(start, end, "exact", 1.0)
    assert anchor.found


def test_quote_moved_by_text_inserted_before_it():
    start, end = span_of(REPORT, "executed nine Ukrainian prisoners of war")
    quote = quote_at(REPORT, start, end)
    revised = "UPDATE 12 October: the Prosecutor General confirmed the report.\n" + REPORT

    anchor = anchor_quote(revised, quote, start, end)

    assert anchor.method == "moved"
    assert anchor.score == 1.0
    assert anchor.start > start
    assert revised[anchor.start : anchor.end] == quote.exact


def test_repeated_quote_resolved_by_its_prefix_and_suffix():
    start, end = span_of(REPORT, "executed nine Ukrainian prisoners of war")
    quote = quote_at(REPORT, start, end)
    # An earlier sentence now repeats the quoted words in a different context.
    revised = "Officials said Russians executed nine Ukrainian prisoners of war in 2023 too. " + (
        REPORT
    )

    anchor = anchor_quote(revised, quote)  # by quote only: no stored position to move from

    assert anchor.method == "exact"
    assert revised[anchor.start : anchor.end] == quote.exact
    assert revised[anchor.end :].startswith(" near the village of Zelenyy Shlyakh")


def test_repeated_quote_without_context_takes_the_one_nearest_the_old_position():
    text = "shot him. " * 3
    anchor = anchor_quote(text, QuoteSelector("shot him"), 19, 27)

    assert (anchor.start, anchor.end, anchor.method) == (20, 28, "moved")


def test_word_changed_inside_the_quote_is_found_fuzzily():
    start, end = span_of(REPORT, "executed nine Ukrainian prisoners of war")
    quote = quote_at(REPORT, start, end)
    corrected = REPORT.replace("executed nine Ukrainian", "executed seven Ukrainian")

    anchor = anchor_quote(corrected, quote, start, end)

    assert anchor.method == "fuzzy"
    assert 0.75 <= anchor.score < 1.0
    assert corrected[anchor.start : anchor.end] == "executed seven Ukrainian prisoners of war"


def test_fuzzy_match_is_found_without_a_stored_position():
    quote = QuoteSelector("they took him prisoner, then shot him as he lay unarmed")

    anchor = anchor_quote(REPORT, quote)

    assert anchor.method == "fuzzy"
    assert anchor.score >= 0.75
    assert REPORT[anchor.start : anchor.end] == (
        "they took him prisoner and shot him while he lay unarmed"
    )


def test_straight_quotes_and_doubled_spaces_still_match_closely():
    quote = QuoteSelector("Zelenyy Shlyakh, in Kurs'k  Oblast")

    anchor = anchor_quote(REPORT, quote)

    assert anchor.method == "fuzzy"
    assert anchor.score > 0.95
    assert REPORT[anchor.start : anchor.end] == "Zelenyy Shlyakh, in Kurs’k Oblast"


def test_quote_edited_out_of_the_text_is_not_found():
    start, end = span_of(REPORT, "the Phenol Plant in New York village")
    quote = quote_at(REPORT, start, end)
    edited = REPORT.replace(
        "The incident occurred around 10:00 on September 6, 2024, near the Phenol Plant in New "
        "York village.\n",
        "",
    )

    anchor = anchor_quote(edited, quote, start, end)

    assert anchor == Anchor(-1, -1, "not_found", 0.0)
    assert not anchor.found


def test_min_score_decides_how_different_a_match_may_be():
    quote = QuoteSelector("Russians executed eleven Ukrainian soldiers")

    assert anchor_quote(REPORT, quote, min_score=0.6).method == "fuzzy"
    assert anchor_quote(REPORT, quote, min_score=0.95).method == "not_found"


def test_very_short_quotes_are_only_matched_exactly():
    assert anchor_quote(REPORT, QuoteSelector("war")).method == "exact"
    assert anchor_quote(REPORT, QuoteSelector("wxr")).method == "not_found"


def test_nothing_to_search_or_nothing_to_find():
    quote = QuoteSelector("executed nine Ukrainian prisoners of war")

    assert not anchor_quote("", quote).found
    assert not anchor_quote("nine", quote).found
    assert not anchor_quote(REPORT, QuoteSelector("")).found


def test_quote_longer_than_a_shortened_text():
    text = "they took him prisoner and shot him"

    anchor = anchor_quote(text, QuoteSelector("they took him prisoner and shot him while he"))

    assert anchor.method == "fuzzy"
    assert (anchor.start, anchor.end) == (0, len(text))


def test_cyrillic_quote_moved_and_changed():
    start, end = span_of(REPORT_UK, "розстріляли дев’ятьох українських військовополонених")
    quote = quote_at(REPORT_UK, start, end)

    moved = "Оновлено 12 жовтня. " + REPORT_UK
    anchor = anchor_quote(moved, quote, start, end)
    assert anchor.method == "moved"
    assert moved[anchor.start : anchor.end] == quote.exact

    changed = REPORT_UK.replace("дев’ятьох", "десятьох")
    anchor = anchor_quote(changed, quote, start, end)
    assert anchor.method == "fuzzy"
    assert changed[anchor.start : anchor.end] == (
        "розстріляли десятьох українських військовополонених"
    )


def test_overlapping_and_nested_spans_anchor_independently():
    passages = [
        "executed nine Ukrainian prisoners of war",
        "nine Ukrainian",  # nested in the first
        "prisoners of war near the village of Zelenyy Shlyakh",  # overlaps the first
    ]
    spans = [span_of(REPORT, passage) for passage in passages]
    quotes = [quote_at(REPORT, start, end) for start, end in spans]
    revised = "Correction appended.\n" + REPORT
    shift = len("Correction appended.\n")

    anchors = [
        anchor_quote(revised, quote, start, end)
        for quote, (start, end) in zip(quotes, spans, strict=True)
    ]

    assert [a.method for a in anchors] == ["moved"] * 3
    assert [(a.start, a.end) for a in anchors] == [(s + shift, e + shift) for s, e in spans]


def test_quote_at_keeps_context_either_side():
    start, end = span_of(REPORT, "Phenol Plant")
    quote = quote_at(REPORT, start, end)

    assert quote.exact == "Phenol Plant"
    assert quote.prefix == REPORT[start - CONTEXT_CHARS : start]
    assert quote.prefix.endswith("September 6, 2024, near the ")
    assert quote.suffix == " in New York village.\nOn October"


def test_quote_at_clips_context_at_the_text_edges():
    text = "Russians executed nine Ukrainian prisoners of war."

    assert quote_at(text, 0, 8, context=14) == QuoteSelector("Russians", "", " executed nine")
    assert quote_at(text, 43, 50, context=10) == QuoteSelector("of war.", "prisoners ", "")
    assert quote_at(text, 0, len(text)) == QuoteSelector(text, "", "")


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 5), (10, 4), (0, len(REPORT) + 1)])
def test_quote_at_rejects_bad_offsets(start, end):
    with pytest.raises(ValueError):
        quote_at(REPORT, start, end)


def test_snap_to_words_widens_a_sloppy_selection():
    text = "On October 10, 2024, Russians executed nine Ukrainian prisoners of war"
    start, end = span_of(text, "xecuted nine Ukr")

    assert text[slice(*snap_to_words(text, start, end))] == "executed nine Ukrainian"


def test_snap_to_words_trims_spaces_and_keeps_apostrophes_inside_words():
    text = REPORT
    start, end = span_of(text, " nine Ukrainian ")
    assert text[slice(*snap_to_words(text, start, end))] == "nine Ukrainian"

    start, end = span_of(text, "rs’k Obl")
    assert text[slice(*snap_to_words(text, start, end))] == "Kurs’k Oblast"

    start, end = span_of(text, "Oblast.\n")
    assert text[slice(*snap_to_words(text, start, end))] == "Oblast."


def test_snap_to_words_in_cyrillic():
    start, end = span_of(REPORT_UK, "ятьох українськ")

    assert REPORT_UK[slice(*snap_to_words(REPORT_UK, start, end))] == "дев’ятьох українських"


def test_snap_to_words_turns_a_caret_into_its_word():
    caret = REPORT.index("Bakhmut") + 3

    assert REPORT[slice(*snap_to_words(REPORT, caret, caret))] == "Bakhmut"
