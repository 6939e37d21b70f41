"""Where a reported content ends: whitespace seams and the trailing pieces the ranker weighs (real spaCy)."""
from __future__ import annotations

import pytest

from reader.analysis.content_ends import end_features
from reader.analysis.nlp import load_nlp
from reader.analysis.pipeline import analyze_text
from reader.analysis.reported import _cuts, _subtree

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
    from reader.analysis.reported import _segments

    segs = _segments([t for t in doc if not t.is_space], doc.text)
    assert all("\n" not in doc.text[a:b] for a, b in segs)


def _content(doc, cue_word: str):
    cue = next(t for t in doc if t.lower_ == cue_word)
    head = next(c for c in cue.children if c.dep_ == "ccomp")
    return cue, head, _subtree(head)


def test_a_cut_names_the_piece_it_left_out(nlp):
    doc = nlp("The senator said the plan would fail, telling reporters that the vote was rigged.")
    cue, head, toks = _content(doc, "said")
    cuts = _cuts(head, toks)
    assert cuts, "the parse offers no cut before the participle"
    label, kept = cuts[0]
    feats = end_features(cue, head, toks, kept)
    drop = next(f for f in feats if f.startswith("drop="))
    # the left-out piece: a participle with no subject of its own, after a comma, a reporting verb
    dep, tag, subj, _, comma, _, speech = drop[len("drop="):].split("|")
    assert (tag, subj, comma, speech) == ("VBG", "s0", "c1", "v1")
    whole = end_features(cue, head, toks, toks)
    assert not any(f.startswith("drop=") for f in whole)
    assert next(f for f in whole if f.startswith("tail=")) == "tail=" + drop[len("drop="):]


def test_a_conjunct_verb_in_the_cue_tense_is_marked_as_agreeing(nlp):
    # the parse hangs "added" on the content's verb; it is the cue's own second verb
    doc = nlp("Officials said the plant had closed and added that no workers were hurt.")
    cue, head, toks = _content(doc, "said")
    assert any(t.lower_ == "added" for t in toks)
    tail = next(f for f in end_features(cue, head, toks, toks) if f.startswith("tail="))
    assert tail.startswith("tail=conj|VBD|s0|and|") and tail.endswith("|a1|v1")
