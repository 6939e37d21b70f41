"""Reported speech: indirect and mixed statements, their cue and source offsets, on real spaCy."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis.pipeline import analyze_text
from reader.analysis.record import Quote
from reader.analysis.statement_model import FORMAT, MODEL_FILE, ModelFileError, load_model
from reader.analysis.statements import quoted_words
from reader.paths import resource_path

HEADLINE = "Council Weighs The Road Plan\n\n"


@pytest.fixture(scope="module", autouse=True)
def _nlp_once():
    from reader.analysis.nlp import load_nlp

    load_nlp()


def statements(body: str) -> tuple[str, list[Quote]]:
    text = HEADLINE + body
    rec = analyze_text(text)
    for q in rec.quotes:
        assert text[q.start:q.end] == q.text
        if q.cue_start is not None:
            assert 0 <= q.cue_start < q.cue_end <= len(text)
        if q.source_start is not None:
            assert 0 <= q.source_start < q.source_end <= len(text)
    return text, [q for q in rec.quotes if q.kind != "scare" and q.start >= len(HEADLINE)]


def one(body: str, fragment: str) -> tuple[str, Quote]:
    text, found = statements(body)
    hits = [q for q in found if fragment in q.text]
    assert hits, f"no statement holding {fragment!r}: {[(q.kind, q.text) for q in found]}"
    return text, min(hits, key=lambda q: len(q.text))


@pytest.mark.parametrize("body,content,speaker,cue", [
    ("Maria Lopez said that the council would vote on the plan next week.",
     "that the council would vote on the plan next week", "Maria Lopez", "said"),
    ("Maria Lopez told reporters the council would vote on the plan next week.",
     "the council would vote on the plan next week", "Maria Lopez", "told"),
    ("According to Maria Lopez, the council will vote on the plan next week.",
     "the council will vote on the plan next week", "Maria Lopez", "According to"),
    ("The council will vote on the plan next week, Maria Lopez said on Monday.",
     "The council will vote on the plan next week", "Maria Lopez", "said"),
    ("Maria Lopez warned that the road would cost far more than the city had planned.",
     "that the road would cost far more than the city had planned", "Maria Lopez", "warned"),
    ("The ministry denied that the pipeline deal had been delayed by the sanctions.",
     "that the pipeline deal had been delayed by the sanctions", "ministry", "denied"),
])
def test_indirect_statement_patterns(body, content, speaker, cue):
    text, found = statements(body)
    q = next((q for q in found if q.cue_start is not None and text[q.cue_start:q.cue_end] == cue), None)
    assert q is not None, [(s.kind, s.text) for s in found]
    assert q.kind == "indirect"
    assert q.text == content
    assert q.speaker and q.speaker.endswith(speaker)
    assert text[q.cue_start:q.cue_end] == cue
    assert speaker in text[q.source_start:q.source_end]


def test_interrupted_clause_is_two_pieces_with_one_speaker():
    text, found = statements("The plan, Maria Lopez said, would fail without new money from the state.")
    pieces = [q for q in found if q.kind == "indirect"]
    assert [q.text for q in pieces] == ["The plan", "would fail without new money from the state"]
    assert {q.speaker for q in pieces} == {"Maria Lopez"}
    assert len({(q.cue_start, q.source_start) for q in pieces}) == 1


def test_clause_with_quoted_words_is_mixed_and_holds_the_marks():
    text, q = one("Maria Lopez said the plan was “a disaster for the town” and would be withdrawn.", "disaster")
    assert q.kind == "mixed" and q.speaker == "Maria Lopez"
    assert "“a disaster for the town”" in q.text and q.text.startswith("the plan was")
    view = quoted_words(analyze_text(text).quotes, text)
    words = [w for w in view if w.text == "a disaster for the town"]
    assert words and words[0].speaker == "Maria Lopez" and words[0].kind == "mixed"


def test_a_quote_that_is_the_whole_clause_stays_direct_with_its_cue_and_source():
    text, q = one("Maria Lopez said: “We will build the road before the winter comes.”", "build the road")
    assert q.kind == "direct" and q.text == "We will build the road before the winter comes."
    assert text[q.cue_start:q.cue_end] == "said" and text[q.source_start:q.source_end] == "Maria Lopez"
    text, q = one("“We will build the road,” she said. Maria Lopez is the mayor.", "build the road")
    assert q.kind == "direct" and text[q.source_start:q.source_end] == "she"


def test_words_inside_a_quotation_are_not_a_statement_of_their_own():
    _, found = statements("“He told me that the road would be finished by June,” Maria Lopez said.")
    assert [q.kind for q in found] == ["direct"]
    assert found[0].speaker == "Maria Lopez"


def test_statements_in_json_have_the_new_offsets():
    rec = analyze_text(HEADLINE + "Maria Lopez said the council would vote on Monday.")
    data = json.loads(json.dumps(rec.to_json()))
    q = next(q for q in data["quotes"] if q["kind"] == "indirect")
    assert set(q) >= {"start", "end", "kind", "speaker", "cue_start", "cue_end", "source_start", "source_end"}
    assert type(rec).from_json(data).quotes == rec.quotes


def test_shipped_model_is_small_readable_and_complete():
    path = resource_path(MODEL_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and "PolNeAR train" in data["trained_on"]
    assert path.stat().st_size < 3_000_000
    assert {"said", "told", "warned", "believes"} <= set(data["lexicon"])
    model = load_model()
    assert 0 < model.threshold < 1 and model.cue.weights and model.content.weights


def test_a_damaged_model_file_is_a_clear_error_and_analysis_goes_on(tmp_path: Path, monkeypatch):
    bad = tmp_path / "statements.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ModelFileError, match="not a"):
        load_model(bad)
    import reader.analysis.pipeline as pipeline

    def broken(path=None):
        raise ModelFileError("cannot read the statements model: gone")

    monkeypatch.setattr(pipeline, "load_model", broken)
    rec = analyze_text(HEADLINE + "“We will build the road,” Maria Lopez said. She said it would cost more.")
    assert any("reported speech was not analysed" in w for w in rec.warnings)
    assert [q.kind for q in rec.quotes] == ["direct"] and rec.quotes[0].speaker == "Maria Lopez"


def test_transcript_turns_take_the_speaker_from_the_label_and_continue_it():
    body = ("Partial transcript of the interview with Governor Maria Lopez and host Tom Reyes:\n\n"
            "\"REYES: Will the bridge be finished this year, Governor?\n\n"
            "\"LOPEZ: We will open it in the spring. The money is there.\n\n"
            "\"And the contractors have promised me that they will keep to the plan.\n\n"
            "\"REYES: That is a bold promise.\"\n")
    text, found = statements(body)
    direct = [q for q in found if q.kind == "direct"]
    by_start = {text[q.start:q.start + 12]: q for q in direct}
    first = by_start["Will the bri"]
    assert first.speaker == "Tom Reyes" and first.cue == ":"
    assert text[first.source_start:first.source_end] == "REYES" and text[first.cue_start:first.cue_end] == ":"
    assert by_start["We will open"].speaker == "Maria Lopez"
    assert by_start["And the cont"].speaker == "Maria Lopez"  # the turn goes on without a label
    assert not any(q.text.startswith(("REYES", "LOPEZ")) for q in direct)  # the label is not what they said


def test_a_single_capitalised_label_is_not_a_transcript():
    text, found = statements("UPDATE: The council met again on Monday.\n\n"
                             "“We will vote today,” said Jane Roe, the council leader.\n")
    assert all(q.speaker != "Update" for q in found)


def test_a_content_runs_on_past_but_to_the_end_of_its_sentence():
    _, q = one("Maria Lopez said the road was supposed to open in May, but the state withheld the money.", "road")
    assert q.kind == "indirect" and q.speaker == "Maria Lopez"
    assert q.text == "the road was supposed to open in May, but the state withheld the money"


def test_a_noun_cue_reports_what_its_preposition_is_about():
    text, q = one("Residents raised questions about the cost of the new road.", "cost")
    assert q.kind == "indirect" and q.text == "the cost of the new road"
    # the noun cue, or the light verb holding it ("raised questions about": PolNeAR's cue)
    assert text[q.cue_start:q.cue_end] in ("questions about", "raised questions about") and q.speaker == "Residents"


def test_a_noun_cue_with_a_that_clause_takes_the_possessor_as_source():
    from reader.analysis.candidates import find_candidates
    from reader.analysis.pipeline import parse

    text = "Maria Lopez's claim that the council had hidden the costs was repeated on Monday."
    doc = parse(text)
    cands = [c for c in find_candidates(doc, text, [], frozenset(), nouns=load_model().nouns)
             if text[c.cue_span[0]:c.cue_span[1]] == "claim"]
    assert any(text[c.start:c.end].startswith("that the council had hidden the costs") for c in cands)
    assert {doc[c.source].text for c in cands} == {"Lopez"}


def test_a_headline_label_and_colon_is_a_statement_of_the_label():
    text = "Poll: Voters Turn Against the Road Plan\n\nMaria Lopez said the council would vote next week.\n"
    q = next(q for q in analyze_text(text).quotes if q.cue == ":")
    assert q.kind == "indirect" and q.text == "Voters Turn Against the Road Plan"
    assert text[q.source_start:q.source_end] == "Poll"


def test_only_a_short_label_at_a_line_start_makes_a_colon_cue():
    from reader.analysis.candidates import find_candidates
    from reader.analysis.pipeline import parse

    text = "Poll: Voters turn against the plan\n\nThe council discussed three things on Monday: roads, schools and taxes.\n"
    colons = [c for c in find_candidates(parse(text), text, [], frozenset(), colons=True) if c.relation == "colon"]
    assert colons and {text[c.cue_span[0]:c.cue_span[1]] for c in colons} == {":"}
    assert all(c.start < text.index("\n") for c in colons)  # the headline's, not the body's
    assert not [c for c in find_candidates(parse(text), text, [], frozenset()) if c.relation == "colon"]


class _CountingText(str):
    """A text that counts the characters its line searches may scan."""

    scanned = 0

    def find(self, sub, start=None, end=None):
        _CountingText.scanned += (len(self) if end is None else end) - (start or 0)
        return super().find(sub, start, end)

    def rfind(self, sub, start=None, end=None):
        _CountingText.scanned += (len(self) if end is None else end) - (start or 0)
        return super().rfind(sub, start, end)


def _colon_line_cost(items: int) -> tuple[int, int]:
    """(characters scanned, colons) for candidates of one huge line of "name: value" items."""
    from reader.analysis.candidates import find_candidates
    from reader.analysis.nlp import load_nlp

    text = "Poll: " + " ".join(f"item{i}: value{i}," for i in range(items)) + "\n"
    from spacy.tokens import Doc

    toks = load_nlp().make_doc(text)  # tokens alone, one sentence: the colon search needs no parse
    doc = Doc(toks.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks],
              sent_starts=[t.i == 0 for t in toks])
    counting = _CountingText(text)
    _CountingText.scanned = 0
    find_candidates(doc, counting, [], frozenset(), colons=True)
    return _CountingText.scanned, text.count(":")


def test_a_huge_line_with_many_colons_costs_linear_work():
    small, small_colons = _colon_line_cost(2_000)
    large, large_colons = _colon_line_cost(8_000)
    # four times the line: about four times the scanning (searching back to the line's start for
    # every colon would be sixteen times); and a bounded amount per colon
    assert large / small < 5.0, (small, large)
    assert large < 400 * large_colons + 2 * 8_000 * len("item0000: value0000,")


def test_the_shipped_model_knows_noun_cues_and_colons():
    model = load_model()
    assert {"claim", "questions", "criticism"} <= model.nouns and model.colons


def test_name_right_before_a_parenthetical_cue_is_the_source():
    """'To understand the real Anne Frank, Professor Ana Ruiz said, …': the parse hangs the name on
    the name before the comma; the name next to the cue is who speaks."""
    from reader.analysis.pipeline import analyze_text

    text = "To understand the real Anne Frank, Professor Ana Ruiz said, one should visit this house."
    rec = analyze_text(text)
    q = next(q for q in rec.quotes if q.text == "one should visit this house")
    assert q.speaker == "Ana Ruiz" and "Ruiz" in text[q.source_start:q.source_end]


@pytest.mark.parametrize("text,source", [
    ("The senator forced Tom Berg, the bank's chief, to admit that no executives had been punished.", "Tom Berg"),
    ("The collapse of the union also left many nations feeling that they faced no threat.", "many nations"),
])
def test_object_of_a_control_verb_is_the_source_of_its_complement(text: str, source: str):
    """'forced X to admit that …', 'left X feeling that …': X admits and feels, not the subject."""
    from reader.analysis.pipeline import analyze_text

    body = "Hearing on the bank\n\n" + text
    q = next(q for q in analyze_text(body).quotes if q.kind == "indirect")
    assert body[q.source_start:q.source_end] == source and q.speaker == source


def test_a_topic_rubric_before_a_colon_is_no_speaker():
    """'Bridge crisis: Why the vote was delayed' names a topic; 'Ruiz: We will rebuild' names a speaker."""
    from reader.analysis.pipeline import analyze_text

    rec = analyze_text("Bridge crisis: Why the council vote was delayed again\n\nThe council met on Monday.\n\n"
                       "Ruiz: We will rebuild the bridge before the winter comes\n\nThe mayor left.")
    assert not any(q.speaker and "crisis" in q.speaker for q in rec.quotes), [(q.speaker, q.text) for q in rec.quotes]


def test_a_naming_participle_after_its_noun_is_no_cue():
    """'a horse named “Thunder”': the participle names the noun; nobody said "Thunder", so the
    quoted word stays a term (the model alone accepted the cue)."""
    text, found = statements("The mayor owns a horse named “Thunder” and two goats.")
    assert not [q for q in found if q.cue == "named"], [(q.kind, q.text, q.cue) for q in found]
