"""Content cuts the clause walk missed (reader.analysis.content_variants), on real spaCy:
a passive cue's subject, a light verb's inner object, a conjunct run back to its first sibling."""
from __future__ import annotations

import pytest

from reader.analysis.candidates import find_candidates
from reader.analysis.pipeline import analyze_text
from reader.analysis.statement_model import load_model
from reader.analysis.statements import quoted_regions

HEADLINE = "Council Weighs The Road Plan\n\n"


@pytest.fixture(scope="module")
def nlp():
    from reader.analysis.nlp import load_nlp

    return load_nlp()


def candidates(nlp, body: str):
    text = HEADLINE + body
    doc = nlp(text)
    model = load_model()
    cands = find_candidates(doc, text, quoted_regions(text), model.lexicon, model.any_verb, model.nouns, model.colons)
    return text, doc, cands


def statement(body: str, cue: str):
    text = HEADLINE + body
    found = [q for q in analyze_text(text).quotes if q.kind != "scare" and q.cue_start is not None
             and cue in text[q.cue_start:q.cue_end]]
    assert found, f"no statement with the cue {cue!r}"
    return found[0]


def test_a_passive_cue_reports_its_subject_and_the_agent_is_the_source(nlp):
    text, doc, cands = candidates(nlp, "The new road plan was criticized by several council members on Tuesday.")
    subj = [c for c in cands if c.relation == "subject:nsubjpass"]
    assert [text[c.start:c.end] for c in subj] == ["The new road plan"]
    assert doc[subj[0].source].text == "members"  # the agent, never the subject itself
    q = statement("The new road plan was criticized by several council members on Tuesday.", "criticized")
    assert q.text == "The new road plan"
    assert "council members" in (q.speaker or "")


def test_a_passive_cue_without_an_agent_has_no_source_in_its_subject(nlp):
    text, doc, cands = candidates(nlp, "The stadium deal was widely criticized last year.")
    subj = [c for c in cands if c.relation == "subject:nsubjpass"]
    assert [text[c.start:c.end] for c in subj] == ["The stadium deal"]
    assert subj[0].source is None


def test_a_light_verbs_object_belongs_to_the_cue(nlp):
    body = "The senator provided no evidence of why the contract was cancelled."
    text, _, cands = candidates(nlp, body)
    inner = [c for c in cands if c.relation == "inner:of"]
    assert "why the contract was cancelled" in {text[c.start:c.end] for c in inner}
    # PolNeAR's cut: the cue runs through the preposition (which cut wins is the ranker's call)
    assert {text[c.cue_span[0]:c.cue_span[1]] for c in inner} == {"provided no evidence of"}
    q = statement(body, "provided")
    assert q.text.endswith("why the contract was cancelled") and q.speaker == "senator"


def test_a_conjunct_on_the_cue_runs_back_to_its_first_sibling(nlp):
    text, _, cands = candidates(nlp, "The governor pledged to cut property taxes, fix the state's roads and "
                                     "hire more teachers.")
    runs = {text[c.start:c.end] for c in cands if c.relation.startswith("run:")}
    assert "to cut property taxes, fix the state's roads and hire more teachers" in runs


def _parse_feats(cand) -> dict[str, str]:
    return dict(f.split("=", 1) for f in cand.features if f.startswith(("kids=", "kid_last=", "natt=")))


def test_a_content_knows_what_its_next_word_hangs_on_and_which_cue_dependents_it_holds(nlp):
    """The ranker's view of a content's edges: a run to the sentence's end that swallows the cue's
    own "in a statement" holds three of the cue's dependents; the bare object is followed by a
    word hanging on the cue. (A head to the left of its word once wrapped round in to_array.)"""
    text, doc, cands = candidates(nlp, "Maria Lopez attacked the plan in a statement on Tuesday.")
    by_text = {text[c.start:c.end]: _parse_feats(c) for c in cands if doc[c.cue].text == "attacked"}
    assert by_text["the plan"] == {"kids": "1", "natt": "cue|prep"}
    assert by_text["the plan in a statement on Tuesday"] == {"kids": "3", "kid_last": "prep", "natt": "$"}
    text, doc, cands = candidates(nlp, "The mayor said the council would vote on the plan, but critics doubted it.")
    by_text = {text[c.start:c.end]: _parse_feats(c) for c in cands if doc[c.cue].text == "said"}
    assert by_text["the council would vote on the plan"]["natt"] == "cue|cc"  # the parse hangs "but" on "said"
    assert by_text["the council would vote on the plan, but critics doubted it"]["kid_last"] == "conj"
