"""Analysis cost stays linear in the text's length, and every article is bounded.

Nothing here is timed: the work is counted. cProfile counts every Python and
spaCy (Cython) call, so a helper that rebuilds ``Doc.text`` or rescans every
earlier mention for each quote shows up as calls that grow with the square of
the text, whatever the machine's speed.
"""
from __future__ import annotations

import cProfile
import pstats

from reader.analysis import pipeline
from reader.analysis.pipeline import analyze_doc, analyze_text, parse

FIRST = ["Maria", "John", "Ayesha", "Peter", "Laura", "Omar", "Helen", "David", "Sara", "Ivan", "Nadia"]
LAST = ["Lopez", "Carter", "Siddiqa", "Novak", "Chen", "Haddad", "Park", "Stone", "Berg", "Petrov"]


def _article(paragraphs: int) -> str:
    """News-like paragraphs: named speakers, pronouns, split and unattributed quotes, reported speech."""
    out = []
    for i in range(paragraphs):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // 3) % len(LAST)]}"
        surname = name.split()[1]
        out.append(f"{name}, the director of agency {i}, said on Monday that the plan number {i} would fail. "
                   f"“We will build road {i} before the winter,” {surname} told reporters. “It is late,” she added. "
                   f"According to officials, the council met {i} times. The “reform” was delayed, he said.")
    return "\n\n".join(out)


def _calls(fn, *args) -> int:
    prof = cProfile.Profile()
    prof.runcall(fn, *args)
    return pstats.Stats(prof).total_calls


def test_analysis_work_grows_linearly_with_the_text():
    small, large = _article(40), _article(160)
    small_doc, large_doc = parse(small), parse(large)
    ratio = _calls(analyze_doc, large, large_doc) / _calls(analyze_doc, small, small_doc)
    # four times the text: about four times the calls (a quadratic step gives 8 or more)
    assert ratio < 5.0, ratio


def test_long_texts_are_parsed_in_bounded_batches_of_bounded_pieces(monkeypatch):
    from reader.analysis.nlp import load_nlp

    real = load_nlp()
    seen: list[tuple[int, int]] = []

    class Recording:
        """The real pipeline, noting the size of every piece and batch it is given."""

        vocab = real.vocab

        def make_doc(self, text):
            return real.make_doc(text)

        def __call__(self, text):
            seen.append((len(text), 1))
            return real(text)

        def pipe(self, texts, batch_size=1000):
            for text in texts:
                seen.append((len(text), batch_size))
                yield real(text)

    monkeypatch.setattr(pipeline, "WHOLE_CHARS", 3_000)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 1_500)
    text = _article(30)
    doc = parse(text, Recording())
    assert doc.text == text
    assert len(seen) >= len(text) // 1_500
    assert all(size <= 1_500 and batch <= pipeline.CHUNK_BATCH for size, batch in seen)


def test_quotes_per_article_are_capped_with_a_warning(monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_QUOTES", 50)
    text = " ".join(f"“Point {i} stands,” said Maria Lopez." for i in range(120))
    rec = analyze_text(text, "dense.txt")
    assert len(rec.quotes) <= 50
    assert any("only the first 50" in w for w in rec.warnings)
    for q in rec.quotes:
        assert text[q.start:q.end] == q.text


def test_name_resolution_answers_like_a_full_scan():
    """The indexed resolver gives the same names as comparing with every mention."""
    from reader.analysis.entities import Mention, NameResolver

    mentions = [Mention(0, 11, "Maria Lopez", "person"), Mention(50, 61, "Ana Lopez", "person"),
                Mention(90, 106, "Anna Maria Lopez", "person"), Mention(120, 131, "John Carter", "person")]
    res = NameResolver(mentions)
    assert res.canonical("Lopez", 5) == "Maria Lopez"
    assert res.canonical("Lopez", 70) == "Ana Lopez"
    assert res.canonical("Maria Lopez", 100) == "Anna Maria Lopez"
    assert res.canonical("Lopez") == "Anna Maria Lopez"
    assert res.canonical("Carter", 0) == "John Carter"
    assert res.canonical("Mr. Nobody") == "Nobody"
