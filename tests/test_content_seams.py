"""Where a reported content ends: a double or non-breaking space is no seam, a paragraph break is (real spaCy)."""
from __future__ import annotations

import pytest

from reader.analysis.nlp import load_nlp
from reader.analysis.pipeline import analyze_text
from reader.analysis.doc_arrays import DocArrays

HEADLINE = "Council Weighs The Road Plan\n\n"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _statements(body: str):
    text = HEADLINE + body
    return text, [q for q in analyze_text(text).quotes if q.kind != "scare" and q.start >= len(HEADLINE)]


@pytest.mark.parametrize("body,content", [
    ("Maria Lopez said the council would vote on the  road plan next week.",
     "the council would vote on the  road plan next week"),
    ("The mayor told reporters that the new bridge\u00a0 would open to traffic in the spring.",
     "that the new bridge\u00a0 would open to traffic in the spring"),
])
def test_a_double_space_inside_a_clause_does_not_split_its_content(nlp, body, content):
    text, found = _statements(body)
    assert any(q.text == content for q in found), [(q.kind, q.text) for q in found]
    assert not any(q.text != content and q.text in content for q in found)


def test_a_paragraph_break_still_ends_a_content_run(nlp):
    doc = nlp("Maria Lopez said the council would vote\n\non the plan next week.")
    segs = DocArrays(doc, doc.text, []).segments([t.i for t in doc if not t.is_space])
    assert all("\n" not in doc.text[a:b] for a, b in segs)
