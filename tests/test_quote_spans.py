"""Finding quoted spans by string scanning: every case from issue 3, on generated text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.quote_spans import find_quote_spans


def texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quote_spans(text)]


@pytest.mark.parametrize("opening,closing", [("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("''", "''"), ("«", "»")])
def test_every_mark_style(opening: str, closing: str):
    text = f"The minister said {opening}we will not resign{closing} on Monday."
    assert texts(text) == ["we will not resign"]


@pytest.mark.parametrize("word", ["Khan’s", "don’t", "Russia's", "countries’", "rock ’n’ roll", "the ’90s", "O’Donnell"])
def test_apostrophes_are_not_quotes(word: str):
    assert texts(f"It was {word} idea, and nobody minded it at all.") == []


def test_single_quotes_around_apostrophes():
    assert texts("Analysts told DW that ‘EU circles have not taken Khan’s trip well’") == \
        ["EU circles have not taken Khan’s trip well"]
    assert texts("He called it a ‘wrong signal’ to the West.") == ["wrong signal"]


def test_mismatched_pair_with_wrong_glyph_and_spaces():
    text = "His supporters chanted “death to Russia. “ Later that day he called me."
    assert texts(text) == ["death to Russia."]
    assert texts("They gave him the nickname of “U-turn Khan. ”\nNext line.") == ["U-turn Khan."]
    assert texts("”Wrong glyph first,” she wrote.") == ["Wrong glyph first,"]


def test_quote_continued_in_next_paragraph():
    text = ("“The first paragraph of a long statement ends here.\n\n"
            "“And the second paragraph finishes it,” she said.")
    spans = find_quote_spans(text)
    assert [text[q.start:q.end] for q in spans] == [
        "The first paragraph of a long statement ends here.", "And the second paragraph finishes it,"]
    assert spans[0].continues and spans[1].continuation_of == spans[0].start


def test_quote_left_open_at_paragraph_end_runs_to_it():
    text = "He said “this never closes\n\nA new paragraph without marks."
    spans = find_quote_spans(text)
    assert [text[q.start:q.end] for q in spans] == ["this never closes"]
    assert spans[0].unclosed


def test_nested_quotes_and_unclosed_nested_quote():
    text = ("“Khan ‘regretted’ the escalation and said Pakistan had hoped ‘diplomacy could avert "
            "a conflict,” said the statement.")
    spans = find_quote_spans(text)
    got = {text[q.start:q.end]: q for q in spans}
    outer = got["Khan ‘regretted’ the escalation and said Pakistan had hoped ‘diplomacy could avert a conflict,"]
    assert got["regretted"].nested_in == outer.start
    unclosed = got["diplomacy could avert a conflict,"]
    assert unclosed.nested_in == outer.start and unclosed.unclosed


def test_split_quote_gives_two_spans():
    text = "“The first half,” he said. “The second half.”"
    assert texts(text) == ["The first half,", "The second half."]


def test_quotes_in_titles_and_captions():
    text = "Prime Minister’s ‘Ill-Timed’ Visit Overshadowed\n\nA caption says ‘we were right’\n\nBody text."
    assert texts(text) == ["Ill-Timed", "we were right"]


def test_closing_mark_without_opening_mark_is_reported():
    text = "The document had envisaged a stronger economy” in parallel with “a bigger role”."
    spans = find_quote_spans(text)
    assert spans[0].opening_missing and text[spans[0].start:spans[0].end].endswith("stronger economy")
    assert text[spans[1].start:spans[1].end] == "a bigger role"


@pytest.mark.parametrize("text", ["", "“”", "\"\"\"\"", "‘’‘’“”“", "'" * 50, "“ ” ‘ ’ \" '", "\n\n\n"])
def test_only_marks_give_no_empty_quotes(text: str):
    for q in find_quote_spans(text):
        assert q.start < q.end and text[q.start:q.end].strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n’'‘“”\"«»`")), max_size=200))
def test_offsets_always_valid(text: str):
    for q in find_quote_spans(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end].strip() == text[q.start:q.end]


def test_long_single_paragraph_is_linear():
    import time

    text = ("He said “yes, and Khan’s plan works,” then left. " * 100_000)[:5_000_000]
    t0 = time.perf_counter()
    spans = find_quote_spans(text)
    assert len(spans) >= 99_000
    assert time.perf_counter() - t0 < 15
