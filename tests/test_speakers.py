"""Who said it: cue patterns, pronouns, split quotes, context and documents, on real spaCy."""
from __future__ import annotations

import pytest

from reader.analysis.pipeline import analyze_text
from reader.analysis.record import Quote


@pytest.fixture(scope="module", autouse=True)
def _nlp_once():
    from reader.analysis.nlp import load_nlp

    load_nlp()  # cached: one load for the module (and the session)


def quote(text: str, fragment: str) -> Quote:
    rec = analyze_text(text)
    found = [q for q in rec.quotes if fragment in q.text]
    for q in rec.quotes:
        assert text[q.start:q.end] == q.text
    if found:
        return min(found, key=lambda q: len(q.text))  # the innermost quote holding it
    raise AssertionError(f"no quote containing {fragment!r}: {[q.text for q in rec.quotes]}")


@pytest.mark.parametrize("text,speaker", [
    ("“We will build the road,” Maria Lopez said on Tuesday.", "Maria Lopez"),
    ("“We will build the road,” said Maria Lopez, the mayor of the town.", "Maria Lopez"),
    ("Maria Lopez told reporters: “We will build the road.”", "Maria Lopez"),
    ("“We will build the road,” Maria Lopez told the Daily Post.", "Maria Lopez"),
    ("“We will build the road,” according to Maria Lopez.", "Maria Lopez"),
    ("“We will build the road,” Maria Lopez added.", "Maria Lopez"),
    ("Maria Lopez says: “We will build the road before winter comes.”", "Maria Lopez"),
    ("“We will build the road,” Maria Lopez, the mayor of the town, said after the meeting.", "Maria Lopez"),
    ("“We will build the road,” Mayor Maria Lopez remarked.", "Maria Lopez"),
    ("“We will build the road,” Prime Minister Maria Lopez said.", "Maria Lopez"),
])
def test_named_speaker_patterns(text: str, speaker: str):
    q = quote(text, "build the road")
    assert q.kind == "direct"
    assert q.speaker == speaker
    assert q.speaker_type == "person"
    assert q.cue and q.confidence > 0.5


def test_cue_text_keeps_the_addressee():
    assert quote("“We will win,” John Carter told DW.", "win").cue == "told DW"
    assert quote("“We will win,” according to John Carter.", "win").cue == "according to"


def test_pronoun_resolves_to_latest_person_and_canonical_full_name():
    text = ("Prime Minister Imran Khan arrived in Moscow on Wednesday.\n\n"
            "Ayesha Siddiqa, an analyst in London, disagreed with the plan.\n\n"
            "“It remains an ill-timed visit,” she said.\n\n"
            "“The trip was planned long ago,” Khan said. “Nothing else matters,” he added.")
    assert quote(text, "ill-timed").speaker == "Ayesha Siddiqa"
    assert quote(text, "planned long ago").speaker == "Imran Khan"
    q = quote(text, "Nothing else")
    assert q.speaker == "Imran Khan" and q.cue == "added"


def test_pronoun_skips_people_of_the_other_known_gender():
    text = ("Mrs. Helen Park met Mr. David Stone in Paris on Monday.\n\n"
            "“The talks went well,” she said.")
    assert quote(text, "talks went well").speaker == "Helen Park"


def test_split_quote_second_part_has_the_same_speaker():
    text = ("Visit Overshadowed By Crisis\n\n"
            "“The first half of it,” Ayesha Siddiqa told RFE/RL. “But the second half matters more.”")
    first, second = quote(text, "first half"), quote(text, "second half")
    assert first.speaker == second.speaker == "Ayesha Siddiqa"
    assert second.kind == "direct" and second.confidence < first.confidence


def test_speaker_from_the_neighbouring_sentence():
    text = ("Shamshad Ahmad said that Pakistan had balanced its ties in the past. "
            "“China always encouraged Pakistan to keep good relations with Washington.”")
    assert quote(text, "China always").speaker == "Shamshad Ahmad"


def test_standalone_quote_paragraph_continues_the_previous_speaker():
    text = ("“We expected this result,” said Laura Chen, a pollster.\n\n"
            "“Turnout in the suburbs was the deciding factor this year.”")
    assert quote(text, "Turnout").speaker == "Laura Chen"


def test_documents_and_organisations_as_speakers():
    text = ("A statement by the foreign ministry said the talks were useful. "
            "“The minister stressed that conflict was in nobody’s interest,” it said.")
    q = quote(text, "conflict was")
    assert q.speaker == "foreign ministry" and q.speaker_type == "document"
    q = quote("“Trade will double by 2030,” the handout said.", "Trade will")
    assert q.speaker == "handout" and q.speaker_type == "document"
    q = quote("“We reject the claims,” the Kremlin said on Friday.", "reject")
    assert q.speaker == "Kremlin" and q.speaker_type == "organisation"


def test_unnamed_sources_are_kept_as_written():
    q = quote("“The prime minister watched the situation closely,” said one foreign ministry official.",
              "watched the situation")
    assert q.speaker == "one foreign ministry official"


def test_dash_signature():
    q = quote("“I am ashamed of this campaign and of what it says about us.” ― Jacklyn Ashley", "ashamed")
    assert q.speaker == "Jacklyn Ashley"


def test_colon_introduction_without_speech_verb():
    q = quote("The election board was conclusive in its findings: “Further discussion is unnecessary.”",
              "Further discussion")
    assert q.speaker and "board" in q.speaker.lower()


def test_scare_quotes_and_terms_have_no_speaker():
    text = ("There is more anger than “excitement” about the visit in the West. "
            "Some gave him the nickname of “U-turn Khan.” Critics spoke of “neutrality” often.")
    for fragment in ("excitement", "U-turn Khan", "neutrality"):
        q = quote(text, fragment)
        assert q.kind == "scare" and q.speaker is None and q.speaker_type is None


def test_quoted_words_inside_reported_speech_make_one_mixed_statement():
    text = ("Visit Strains Ties\n\nKhalid Farooqi told DW that the visit will “isolate Pakistan more "
            "among the international community.”")
    rec = analyze_text(text)
    spoken = [q for q in rec.quotes if q.kind != "scare"]
    assert len(spoken) == 1
    q = spoken[0]
    assert q.kind == "mixed" and q.speaker == "Khalid Farooqi"
    assert q.text.startswith("that the visit will “isolate") and q.text.endswith("community.”")
    assert text[q.cue_start:q.cue_end] == "told" and text[q.source_start:q.source_end] == "Khalid Farooqi"


def test_nested_quote_speaker_is_the_subject_inside_the_statement():
    text = ("“Prime Minister Imran Khan ‘regretted’ the escalation and said Pakistan had hoped ‘diplomacy "
            "could avert a conflict,” said the statement issued by the Prime Minister Office.")
    outer = quote(text, "escalation and said")
    assert outer.speaker == "Prime Minister Office" and outer.speaker_type == "document"
    assert quote(text, "diplomacy could").speaker == "Imran Khan"


def test_headline_quote_takes_the_speaker_of_the_body_quote_it_repeats():
    text = ("Minister’s ‘Ill-Timed’ Visit Overshadowed By Crisis\n\n"
            "“It remains an ill-timed visit, which will cost us,” Ayesha Siddiqa told RFE/RL.")
    assert quote(text, "Ill-Timed").speaker == "Ayesha Siddiqa"


def test_quote_repeating_a_pronoun_inside_is_not_the_speaker():
    text = ("Khalid Farooqi is a journalist in Brussels.\n\n"
            "“He could have rescheduled his trip, but Khan went anyway,” he said.")
    assert quote(text, "rescheduled").speaker == "Khalid Farooqi"


@pytest.mark.parametrize("text,words,speaker", [
    ("Senator Ana Ruiz has been steadily pounding the governor as a “con artist” all week.", "con artist", "Ana Ruiz"),
    ("Mayor Tom Berg blasted the council for its “reckless spending” on Monday.", "reckless spending", "Tom Berg"),
])
def test_judging_verb_gives_short_quoted_words_their_subject(text: str, words: str, speaker: str):
    """A short quotation under a judging verb is the named subject's verdict, not a scare quote."""
    q = quote(text, words)
    assert q.kind == "mixed" and q.speaker == speaker


def test_term_under_a_plain_verb_stays_a_scare_quote():
    q = quote("Two presidents introduced the “War On Drugs” in the 1970s and 1980s.", "War On Drugs")
    assert q.kind == "scare" and q.speaker is None


def test_scare_quote_inside_an_attributed_clause_is_part_of_it():
    """The quoted words inside "X accused Y of “...”" are X's words: no separate unattributed record."""
    from reader.analysis.statements import quoted_words

    text = "The Korean government accused the North's leader, Kim Jong Un, of “fanatic recklessness.” Talks ended."
    rec = analyze_text(text)
    inside = [q for q in rec.quotes if "fanatic" in q.text]
    assert [q.kind for q in inside] == ["mixed"], [(q.kind, q.text) for q in inside]
    assert inside[0].speaker and "government" in inside[0].speaker
    words = [q for q in quoted_words(rec.quotes, text) if q.text.startswith("fanatic")]
    assert len(words) == 1 and words[0].speaker == inside[0].speaker


@pytest.mark.parametrize("text", [
    "“The bridge will close in the spring. We have no choice,” Sen. Ana Ruiz (D-Mo.) said on Tuesday.",
    "\"The bridge will close,\" Rep. Ana B. Ruiz (R-Fla.) told reporters.",
])
def test_party_and_state_in_parentheses_do_not_end_the_sentence(text: str):
    """"(D-Mo.) said": the abbreviation's full stop closes the parenthesis, not the attribution."""
    q = quote(text, "bridge will close")
    assert q.kind == "direct" and q.speaker in ("Ana Ruiz", "Ana B. Ruiz"), (q.kind, q.speaker)


def test_next_sentence_that_opens_another_quote_is_not_this_quotes_cue():
    """'…an “outlaw state.” Norway insisted that Oslo “will not yield.”': the cue belongs to the second quote."""
    text = "Denmark branded the regime an “outlaw state in the north.” Norway insisted that its government “will not yield.”"
    first = quote(text, "outlaw state")
    assert first.speaker == "Denmark", (first.kind, first.speaker, first.cue)


def test_name_between_commas_before_a_naming_verb_is_its_subject():
    """'…, which the bank's chief executive, Ana Ruiz, called “utter nonsense” …': not a scare quote;
    'a dog called “Rex”' still is one (no comma: the verb describes the noun)."""
    text = ("The plan drew fire, which the bank's chief executive, Ana Ruiz, called “utter nonsense” on Monday. "
            "She owns a dog called “Rex” and a cat.")
    assert quote(text, "utter nonsense").speaker == "Ana Ruiz"
    assert quote(text, "Rex").kind == "scare"


def test_cue_after_a_preposition_takes_the_subject_of_the_verb_it_hangs_under():
    """'X sings to the mayor before asking him, “…”': X asks, not the mayor named nearer the cue."""
    text = "The singer performs\n\n“Keep your hands in sight,” Ana Ruiz sings to the mayor before asking him, “Where do we go from here?”"
    assert quote(text, "Where do we go").speaker == "Ana Ruiz"


def test_a_later_clauses_cue_does_not_take_a_naming_verbs_quoted_words():
    """'X called the plan “utter nonsense” …, and officials said …': the words are X's, not a term."""
    text = ("Budget fight\n\nThe city's chief engineer, Maria Lopez, called the plan “utter nonsense” in a letter "
            "to the council, and officials said the vote would be delayed until March.")
    q = quote(text, "utter nonsense")
    assert q.kind == "mixed" and q.speaker == "Maria Lopez"
