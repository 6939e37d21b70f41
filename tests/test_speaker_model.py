"""The learned speaker ranker: its shipped weights, its candidates and what it changes (real spaCy)."""
from __future__ import annotations

import json

import pytest

from reader.analysis.entities import NameResolver, collect_mentions
from reader.analysis.pipeline import analyze_doc, parse
from reader.analysis.speaker_model import FORMAT, _Doc, candidates, load_speaker_model
from reader.paths import resource_path


@pytest.fixture(scope="module")
def nlp():
    from reader.analysis.nlp import load_nlp

    return load_nlp()


def test_the_shipped_ranker_is_plain_weights_from_polnear_train():
    data = json.loads(resource_path("speakers.json").read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["trained_on"] == "PolNeAR train"
    model = load_speaker_model()
    assert model is not None and model.margin >= 0 and len(model.weights) > 50
    # the rules' choice is the ranker's strongest prior: a cue's subject is usually the source
    assert model.weights.get("child_of_cue=nsubj", 0) > 0


def test_a_missing_or_damaged_model_leaves_the_rules_alone(tmp_path):
    bad = tmp_path / "speakers.json"
    bad.write_text("{not json", encoding="utf-8")
    assert load_speaker_model(bad) is None
    assert load_speaker_model(tmp_path / "absent.json") is None


def test_a_person_beats_an_inanimate_subject_of_the_cue(nlp):
    text = ("Senator Maria Lopez spoke in Ohio on Monday.\n\n"
            "The debate gives Lopez an opportunity to remind voters that she opposed the war.\n\n"
            "“We will end it,” Lopez said.")
    doc = parse(text, nlp)
    by_rules = analyze_doc(text, doc, rank_speakers=False)
    ranked = analyze_doc(text, doc)
    rules = {q.text: q.speaker for q in by_rules.quotes}
    final = {q.text: q for q in ranked.quotes}
    content = "that she opposed the war"
    assert rules[content] == "opportunity"  # the parse's subject of "to remind"
    q = final[content]
    assert q.speaker == "Maria Lopez"
    # the source is where the chosen speaker is written, or none (the previous speaker, by context)
    assert q.source_start is None or text[q.source_start:q.source_end] == "Lopez"
    # "spoke in Ohio" reports nothing (the cue scorer drops it), so no earlier statement of hers helps:
    # the ranker finds her where she is written, the recogniser's untagged "Lopez"
    assert "in Ohio on Monday" not in rules
    # and where the rules are right, the ranker leaves them
    assert final["We will end it,"].speaker == rules["We will end it,"] == "Maria Lopez"


def test_candidates_are_heads_outside_the_statement(nlp):
    text = "“We came at an exciting time,” Pakistani Prime Minister Imran Khan said, praising Russia's welcome."
    doc = parse(text, nlp)
    rec = analyze_doc(text, doc, rank_speakers=False)
    q = next(q for q in rec.quotes if q.kind == "direct")
    resolver = NameResolver(collect_mentions(doc, text))
    cands = candidates(_Doc(doc, text), text, q, None, resolver)
    assert cands[0].origin == "rule" and cands[0].speaker == "Imran Khan"
    names = [c.speaker for c in cands]
    assert "Pakistani" not in names  # a modifier of the speaker's phrase is no speaker
    for c in cands:
        if c.span:
            assert not (q.start <= c.span[0] < q.end)
    assert analyze_doc(text, doc).quotes[0].speaker == "Imran Khan"


def test_an_unrecognised_surname_is_a_candidate_and_the_cue_is_its_verb(nlp):
    text = ("Senator Maria Lopez spoke in Ohio on Monday.\n\n"
            "The debate gives Lopez an opportunity to remind voters that she opposed the war.")
    doc = parse(text, nlp)
    rec = analyze_doc(text, doc, rank_speakers=False)
    q = next(q for q in rec.quotes if q.text == "that she opposed the war")
    assert text[q.cue_start:q.cue_end] == "to remind"
    resolver = NameResolver(collect_mentions(doc, text))
    assert resolver.knows("Lopez") and not resolver.knows("Ohio")
    cands = candidates(_Doc(doc, text), text, q, None, resolver)
    second = text.index("Lopez", text.index("debate"))
    lopez = next(c for c in cands if c.span == (second, second + len("Lopez")))
    assert lopez.speaker == "Maria Lopez" and "unrecognised_name" in lopez.features
    # the cue's features name its verb, not the infinitive's "to"
    assert all(f.startswith("cue=remind|") for c in cands for f in c.features if f.startswith("cue="))
    assert any(f.startswith("cue=remind|") for f in lopez.features)


def test_a_cue_without_a_subject_borrows_the_subject_of_the_verb_it_hangs_under(nlp):
    text = "Senator Maria Lopez stopped short of calling the agreement a failure."
    doc = parse(text, nlp)
    bare = analyze_doc(text, doc, rank_speakers=False)
    q = next(q for q in bare.quotes if text[q.cue_start:q.cue_end] == "calling")
    assert q.speaker is None  # the premise: "calling" has no subject, so the rules find no one
    cands = candidates(_Doc(doc, text), text, q, None, NameResolver(collect_mentions(doc, text)))
    lopez = next(c for c in cands if c.speaker == "Maria Lopez")
    assert "subject_of_governing_verb" in lopez.features
    ranked = analyze_doc(text, doc)
    assert next(r for r in ranked.quotes if r.start == q.start).speaker == "Maria Lopez"


def test_a_cue_with_its_own_subject_borrows_nothing(nlp):
    text = "Senator Maria Lopez insisted on Monday that Governor Tom Harris said the deal had failed."
    doc = parse(text, nlp)
    rec = analyze_doc(text, doc, rank_speakers=False)
    q = next(q for q in rec.quotes if text[q.cue_start:q.cue_end] == "said")
    cands = candidates(_Doc(doc, text), text, q, None, NameResolver(collect_mentions(doc, text)))
    assert {c.speaker for c in cands} >= {"Maria Lopez", "Tom Harris"}
    assert not any("subject_of_governing_verb" in c.features for c in cands)
    assert analyze_doc(text, doc).quotes[-1].speaker == "Tom Harris"


def test_a_description_in_apposition_to_a_named_person_is_not_a_second_candidate(nlp):
    text = "Ann Ruiz, the city's housing director, says the plan will fail before the winter."
    doc = parse(text, nlp)
    rec = analyze_doc(text, doc, rank_speakers=False)
    q = next(q for q in rec.quotes if q.text.startswith("the plan"))
    cands = candidates(_Doc(doc, text), text, q, None, NameResolver(collect_mentions(doc, text)))
    assert [c.speaker for c in cands] == ["Ann Ruiz"]
    assert analyze_doc(text, doc).quotes[0].speaker == "Ann Ruiz"
