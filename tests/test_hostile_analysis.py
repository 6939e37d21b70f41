"""Property-based: analysis never raises on random text, and every quote's
offsets lie inside the text with text[start:end] equal to the quote."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from reader.analysis.pipeline import analyze_text
from reader.analysis.record import QUOTE_KINDS

PIECES = st.sampled_from([
    "“", "”", "‘", "’", '"', "'", "«", "»", "`", " ", "\n", "\n\n", "\r\n", ".", ",", ":", "—",
    "he said", "she told reporters", "according to", "Ned Price", "Mr. Smith", "the ministry",
    "Imran Khan", "Putin", "said", "It was", "a disaster", "Khan’s", "don’t", "\u00a0", "\x00",
    "\u202e", "😀", "[", "]", "(", ")", "#", "*", "<script>", "&amp;",
])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(PIECES | st.text(max_size=8), max_size=40))
def test_analysis_never_raises_and_offsets_hold(parts):
    text = "".join(parts)
    record = analyze_text(text, "random.txt")
    for q in record.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.kind in QUOTE_KINDS
    for start, end in record.boilerplate:
        assert 0 <= start <= end <= len(text)
    for ent in record.entities:
        for start, end in ent.mentions:
            assert 0 <= start <= end <= len(text)
