"""Quotations their cue interrupts (“A,” she said, “B.”) are direct quotes, on real spaCy.

The record contract (``reader/analysis/record.py``) makes such a quote two direct records
with one speaker and cue. The parse may read the pair as one sentence of the writer's
(fragments) or as one clause of the cue (a mixed statement); neither holds here.
"""
from __future__ import annotations

import pytest

from reader.analysis.pipeline import analyze_text
from reader.analysis.record import Quote

HEADLINE = "Senate Weighs Climate Bill\n\n"


def quotes(body: str) -> tuple[str, list[Quote]]:
    """The text (a headline, then ``body``) and its records after the headline, offsets checked."""
    text = HEADLINE + body
    found = analyze_text(text).quotes
    assert all(text[q.start:q.end] == q.text for q in found)
    return text, [q for q in found if q.start >= len(HEADLINE)]


def holding(found: list[Quote], words: str) -> list[Quote]:
    return [q for q in found if words in q.text]


@pytest.mark.parametrize("body, first, second, speaker", [
    # one sentence across the cue: the parser reads the parts as the writer's own words
    ("Former President Barack Obama spoke to reporters on Monday.\n\n"
     "\"My hope,\" he said, \"is that maybe as ex-president I can have a little more influence on some of "
     "my Republican friends, who I think up until now have been resistant to the science.\"\n",
     "My hope", "is that maybe as ex-president", "Barack Obama"),
    # the cue with its subject after the verb and a possessive source
    ("The Clinton campaign released a new television advertisement on Monday.\n\n"
     "“If he thinks that makes him smart,” the ad’s narrator says, “what does he think of you?”\n",
     "If he thinks that makes him smart", "what does he think of you", None),
    # the reported-speech parse takes both parts and the words after the cue as one clause
    ("Senator Maria Lopez addressed the chamber on Tuesday.\n\n"
     "“If you have even a portion of those billion people displaced,” Lopez said, “you now have the sorts "
     "of refugee crises and potential conflicts that we haven't seen in our lifetimes.”\n",
     "even a portion of those billion people", "refugee crises", "Maria Lopez"),
])
def test_a_quote_split_by_its_cue_is_two_direct_quotes(body, first, second, speaker):
    text, found = quotes(body)
    a, b = holding(found, first), holding(found, second)
    assert [q.kind for q in a] == ["direct"] and [q.kind for q in b] == ["direct"], [(q.kind, q.text) for q in found]
    assert not any(q.kind == "mixed" for q in found), [(q.kind, q.text) for q in found]
    a, b = a[0], b[0]
    assert text[a.start - 1] in "\"“" and text[b.start - 1] in "\"“"  # the words inside the marks
    assert a.cue == b.cue and a.cue_start == b.cue_start and a.cue_start is not None
    assert text[a.cue_start:a.cue_end] in ("said", "says")
    assert a.speaker == b.speaker
    if speaker is not None:
        assert a.speaker == speaker


def test_a_clause_after_the_cue_does_not_join_the_quote():
    text, found = quotes(
        "The Security Council met in emergency session on Friday.\n\n"
        "\"In line with this commitment and the gravity of this violation, the members of the Security Council "
        "will begin to work immediately on appropriate measures,\" they said, under Article 21 in the U.N. "
        "Charter that allows for sanctions.\n")
    q = holding(found, "In line with this commitment")
    assert [x.kind for x in q] == ["direct"], [(x.kind, x.text) for x in found]
    assert not holding(found, "under Article 21")  # the parse's reach past the cue is nobody's statement


def test_quoted_words_inside_a_reported_clause_stay_mixed():
    text, found = quotes("Senator Maria Lopez spoke on Tuesday.\n\n"
                         "Lopez said the plan was “a disaster for working families” and would not pass.\n")
    mixed = [q for q in found if q.kind == "mixed"]
    assert mixed and "a disaster for working families" in mixed[0].text and "the plan was" in mixed[0].text
    assert not any(q.kind == "direct" for q in found)


def test_an_adverbial_before_the_cue_does_not_make_the_quote_mixed():
    text, found = quotes("Donald Trump gave interviews all week.\n\n"
                         "On ABC’s “Good Morning America” Tuesday, he said, “I never said I was going to pay "
                         "for fees.” Asked if it had appeared he was encouraging it, he said no.\n")
    quote = [q for q in found if q.text.startswith("I never said")]
    assert [q.kind for q in quote] == ["direct"], [(q.kind, q.text) for q in found]
    assert not [q for q in found if q.kind == "mixed" and "I never said" in q.text]
    assert not [q for q in found if q.kind == "mixed" and q.text.startswith("On ABC")]  # the parse's reach
    assert quote[0].speaker == "Donald Trump" and quote[0].cue == "said"


def test_a_partial_quote_in_the_writers_sentence_then_a_quote_is_not_a_split_quote():
    text, found = quotes("Donald Trump gave an interview on Tuesday.\n\n"
                         "Trump told Newsmax that Mitt Romney “had a crazy policy of self-deportation which was "
                         "maniacal,” adding, “He lost all of the Latino vote.”\n")
    assert not [q for q in found if q.kind == "direct" and q.text.startswith("had a crazy policy")]
    assert [q.kind for q in found if q.text.startswith("He lost all")] == ["direct"]


def test_a_fragment_then_the_writers_words_is_not_a_split_quote():
    # the gap between the quoted parts is the writer's sentence, not a cue: the parts are terms
    text, found = quotes("Senator Maria Lopez spoke on Tuesday.\n\n"
                         "Lopez called the bill “reckless,” a word her staff repeated on Wednesday when the "
                         "committee voted, and “unworkable.”\n")
    assert not any(q.kind == "direct" and q.text.startswith(("reckless", "unworkable")) for q in found)


@pytest.mark.parametrize("body, words, speaker", [
    ("Hundreds of people gathered downtown on Friday night.\n\n"
     "Protesters marching through the streets chanted \"What curfew?\" and kept going until nearly 2 a.m.\n",
     "What curfew?", "Protesters"),
    ("A device exploded in Chelsea on Saturday night.\n\n"
     "Investigators are examining the explosion, which Mayor Bill de Blasio described as “an intentional act.”\n",
     "an intentional act.", "Bill de Blasio"),
    ("Donald Trump has questioned the alliance before.\n\n"
     "In a Bloomberg interview Trump declared “I think NATO may be obsolete. Things are different now.”\n",
     "I think NATO may be obsolete", "Donald Trump"),
])
def test_a_quotation_that_is_its_cues_whole_complement_is_direct(body, words, speaker):
    text, found = quotes(body)
    hits = [q for q in found if q.text.startswith(words)]
    assert [q.kind for q in hits] == ["direct"], [(q.kind, q.text) for q in found]
    assert hits[0].speaker == speaker
    assert text[hits[0].start - 1] in "\"“"


@pytest.mark.parametrize("body, words", [
    # the sentence goes on after the quotation: the quoted words are part of the writer's clause
    ("Senator Maria Lopez spoke on Tuesday.\n\nLopez called the plan “a disaster” for the city.\n", "a disaster"),
    # a copula describes, it does not report
    ("The letter was ridiculed.\n\nIts hyperbolic prediction was that Trump would be “the healthiest "
     "individual ever elected to the presidency.”\n", "the healthiest individual"),
])
def test_quoted_words_in_the_writers_clause_are_not_direct(body, words):
    text, found = quotes(body)
    assert not [q for q in found if q.kind == "direct" and q.text.startswith(words)], [(q.kind, q.text) for q in found]


def test_a_subheading_in_quotation_marks_is_nobodys_quote():
    text, found = quotes("\"If the current projections hold, it will be enormously disruptive worldwide,\" "
                         "said Barack Obama.\n\n'All Bets Are Off.'\n\n"
                         "\"We will keep working,\" he said.\n\n'We will not stop.'\n")
    title = [q for q in found if q.text.startswith("All Bets")]
    assert [(q.kind, q.speaker) for q in title] == [("scare", None)]
    # a quote paragraph of its own that is not in title case still goes on with the turn
    turn = [q for q in found if q.text.startswith("We will not stop")]
    assert [(q.kind, q.speaker) for q in turn] == [("direct", "Barack Obama")]
