"""Whose words a source phrase names: the head of the phrase, not a possessor or a modifier;
quantities of people as written; a headline's verb is never part of a name (real spaCy)."""
from __future__ import annotations

import pytest

from reader.analysis.pipeline import analyze_text


@pytest.fixture(scope="module", autouse=True)
def _nlp_once():
    from reader.analysis.nlp import load_nlp

    load_nlp()


def speaker_of(text: str, fragment: str) -> str | None:
    rec = analyze_text(text)
    found = [q for q in rec.quotes if fragment in q.text and q.kind != "scare"]
    assert found, f"no statement holding {fragment!r}: {[(q.text, q.kind) for q in rec.quotes]}"
    return min(found, key=lambda q: len(q.text)).speaker


@pytest.mark.parametrize("text,fragment,wrong", [
    ("Barack Obama spoke in Ohio on Monday. “The race is far from over,” Obama's former campaign strategist "
     "said on Tuesday.", "far from over", "Obama"),
    ("Donald Trump's campaign said on Monday that the rally would go ahead in Ohio.", "rally would go ahead",
     "Donald Trump"),
    ("Hillary Clinton's team says the polls will tighten before the first debate.", "polls will tighten",
     "Hillary Clinton"),
])
def test_a_possessor_is_not_the_speaker(text: str, fragment: str, wrong: str):
    speaker = speaker_of(text, fragment)
    assert speaker and speaker != wrong and wrong in speaker  # the phrase as written: "... campaign", "... team"


def test_a_described_person_is_kept_as_written():
    text = "Donald Trump flew to Ohio. “We are going to win this state,” the New York businessman says."
    assert speaker_of(text, "win this state") == "New York businessman"


@pytest.mark.parametrize("text,fragment,speaker", [
    ("Many of his supporters believe the election will be rigged against him.", "election will be rigged",
     "Many of his supporters"),
    ("Those close to him say the senator will not run again next year.", "will not run again", "Those close to him"),
])
def test_a_quantity_of_people_is_the_source_as_written(text: str, fragment: str, speaker: str):
    assert speaker_of(text, fragment) == speaker


def test_a_quantity_of_things_is_no_source():
    rec = analyze_text("All of this suggests that the council will vote against the plan next week.")
    assert not any(q.speaker and q.speaker.lower().startswith("all") for q in rec.quotes)


def test_a_headline_verb_is_not_part_of_the_name():
    text = ("Obama Says Museum Will Tell of Suffering and Delight\n\n"
            "WASHINGTON — President Obama said on Saturday that the museum would tell an American story.\n\n"
            "“This is the fullest expression of that,” Mr. Obama said.")
    rec = analyze_text(text)
    assert {q.speaker for q in rec.quotes if q.speaker} == {"Obama"}
    assert not any(e.name.endswith("Says") for e in rec.entities)


def test_a_role_with_another_party_is_not_the_last_person_named_with_that_role():
    """'the Democratic candidate' is not the candidate the article last called 'Republican candidate'."""
    from reader.analysis.pipeline import analyze_text

    text = ("Budget vote delayed\n\nRepublican Senate candidate Tom Berg spoke in Ohio on Monday. Democratic Senate candidate "
            "Ana Ruiz spoke in Iowa on Tuesday. Republican Senate candidate Tom Berg left early. Later, the Democratic "
            "Senate candidate said the plan would fail.")
    q = next(q for q in analyze_text(text).quotes if q.text == "the plan would fail")
    assert q.speaker == "Ana Ruiz"


def test_a_hyphenated_description_is_written_whole():
    """'His ex-wife' split into three words by the tokenizer is still one source phrase."""
    from reader.analysis.pipeline import analyze_text

    text = "The lawyers filed papers. His ex-wife agreed, but also contended that she should keep her privacy."
    q = next(q for q in analyze_text(text).quotes if "keep her privacy" in q.text)
    assert text[q.source_start:q.source_end] == "His ex-wife" and q.speaker == "His ex-wife"


def test_a_possessive_owner_of_a_noun_cue_is_resolved_like_a_pronoun():
    """'Her support of the plan': the owner is the woman named before, not an unnamed source."""
    from reader.analysis.pipeline import analyze_text

    text = "Budget fight\n\nSenator Ana Ruiz spoke on Monday. Her support of the bridge plan surprised the council."
    q = next(q for q in analyze_text(text).quotes if q.text == "the bridge plan")
    assert q.speaker == "Ana Ruiz" and text[q.source_start:q.source_end] == "Her"
