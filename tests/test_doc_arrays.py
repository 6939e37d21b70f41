"""The per-document lists the candidate walk reads hold what spaCy's Token attributes say (real spaCy)."""
from __future__ import annotations

import pytest

from reader.analysis.cues import SPEECH_VERBS, speech_verb_tokens
from reader.analysis.doc_arrays import DocArrays, token_pos, token_starts
from reader.analysis.nlp import load_nlp
from reader.analysis.pipeline import parse

TEXT = ("Maria Lopez, the mayor, said on Tuesday that the council would vote on the  road plan.\n\n"
        "“It is a disaster,” the Senator told reporters. According to officials, the deal was delayed; "
        "critics SAID it would fail, and   the company denied it.\u00a0Talks continue: “We’ll see.”")


@pytest.fixture(scope="module")
def doc():
    load_nlp()
    return parse(TEXT)


def test_every_list_is_the_token_attribute(doc):
    d = DocArrays(doc, TEXT, [])
    for t in doc:
        i = t.i
        assert (d.idx[i], d.length[i], d.pos[i], d.tag[i], d.dep[i]) == (t.idx, len(t), t.pos_, t.tag_, t.dep_)
        assert (d.is_punct[i], d.is_space[i]) == (t.is_punct, t.is_space)
        assert d.marks[i] == (t.text if t.is_punct or t.is_space else "")
        assert d.word_class[i] == (t.lower_ if t.is_stop or t.is_punct else t.pos_)
        assert d.sent_end[i] == t.sent.end and d.head[i] == t.head.i
        assert d.rights(i) == [c.i for c in t.rights] and d.children(i) == [c.i for c in t.children]
        assert d.left_edge(i) == t.left_edge.i
        assert [x.i for x in d.subtree(i)] == [x.i for x in t.subtree]
    assert token_starts(doc) == [t.idx for t in doc] and token_pos(doc) == [t.pos_ for t in doc]


def test_segments_are_the_character_runs_of_the_tokens(doc):
    d = DocArrays(doc, TEXT, [])
    sent = next(iter(doc.sents))
    ids = [t.i for t in sent if not t.is_space]
    segs = d.segments(ids)
    assert segs and segs[0][0] == sent[0].idx and all("\n" not in TEXT[a:b] for a, b in segs)
    assert "the  road plan" in TEXT[segs[0][0]:segs[-1][1]]  # a double space is no seam
    assert d.segments(ids[:3] + ids[5:]) != segs  # a gap of words is one


def test_reporting_verbs_are_found_by_their_lower_case_key(doc):
    found = speech_verb_tokens(doc)
    assert [t.i for t in found] == [t.i for t in doc if t.lower_ in SPEECH_VERBS]
    assert {"said", "told"} <= {t.lower_ for t in found} and "SAID" in {t.text for t in found}  # by its lower case
    assert "denied" not in {t.lower_ for t in found}
    assert speech_verb_tokens(load_nlp()("")) == []
