"""Entity cleaning and merging: NER fragments become clean, typed, canonical entities."""
from __future__ import annotations

import pytest

from reader.analysis.entities import Mention, NameResolver, build_entities, clean_span, strip_titles
from reader.analysis.pipeline import analyze_text


@pytest.mark.parametrize("raw,clean", [
    ("Khan’s", "Khan"),
    ("Russia's", "Russia"),
    ("“Putin", "Putin"),
    ("Kremlin.", "Kremlin"),
    ("Breaking News\n\nPakistani Prime Minister Imran Khan", "Pakistani Prime Minister Imran Khan"),
])
def test_clean_span_trims_marks_possessives_and_glued_lines(raw: str, clean: str):
    text = f"xx {raw} yy"
    a, b = clean_span(text, 3, 3 + len(raw))
    assert text[a:b] == clean


@pytest.mark.parametrize("raw", ["’s ‘", "’s", "“", "the", "Leave a Reply", "12", "Share"])
def test_clean_span_rejects_fragments_and_chrome(raw: str):
    text = f"xx {raw} yy"
    assert clean_span(text, 3, 3 + len(raw)) is None


def test_possessor_kept_for_places_only_when_asked():
    text = "at Moscow’s Center for Study"
    a, b = clean_span(text, 3, 20, possessor=True)
    assert text[a:b] == "Moscow"


@pytest.mark.parametrize("name,bare", [
    ("Prime Minister Imran Khan", "Imran Khan"),
    ("President Vladimir Putin", "Vladimir Putin"),
    ("Mr. Trump", "Trump"),
    ("Putin", "Putin"),
    ("President", "President"),
])
def test_strip_titles(name: str, bare: str):
    assert strip_titles(name) == bare


def test_resolver_maps_short_names_to_the_fullest_name():
    mentions = [Mention(0, 10, "Imran Khan", "person"), Mention(50, 64, "Akhmad Kadyrov", "person"),
                Mention(100, 114, "Ramzan Kadyrov", "person")]
    r = NameResolver(mentions)
    assert r.canonical("Khan", 30) == "Imran Khan"
    assert r.canonical("Prime Minister Imran Khan", 30) == "Imran Khan"
    assert r.canonical("Kadyrov", 70) == "Akhmad Kadyrov"  # the latest one before
    assert r.canonical("Kadyrov", 120) == "Ramzan Kadyrov"
    assert r.canonical("Biden", 5) == "Biden"


def test_one_type_per_name_by_majority_and_merged_aliases():
    mentions = [Mention(0, 6, "Kremlin", "place"), Mention(20, 27, "Kremlin", "organisation"),
                Mention(40, 47, "Kremlin", "organisation"), Mention(60, 70, "Imran Khan", "person"),
                Mention(80, 84, "Khan", "person")]
    ents = build_entities(mentions, NameResolver(mentions))
    kremlin = [e for e in ents if e.name == "Kremlin"]
    assert len(kremlin) == 1 and kremlin[0].type == "organisation" and len(kremlin[0].mentions) == 3
    khan = next(e for e in ents if e.name == "Imran Khan")
    assert khan.type == "person" and set(khan.aliases) == {"Imran Khan", "Khan"}
    assert khan.mentions == [(60, 70), (80, 84)]


@pytest.fixture(scope="module")
def article():
    text = ("Khan’s Moscow trip angers Washington\n\n"
            "Prime Minister Imran Khan met President Vladimir Putin in Moscow on Thursday. "
            "Khan’s visit was criticised by the State Department in Washington.\n\n"
            "“The timing was terrible,” said Ned Price, the State Department spokesman. "
            "Putin did not comment. The International Monetary Fund said nothing.\n\n"
            "Leave a Reply")
    return text, analyze_text(text)


def test_article_entities_are_canonical_typed_and_offset(article):
    text, rec = article
    by_name = {e.name: e for e in rec.entities}
    assert by_name["Imran Khan"].type == "person"
    assert "Khan" not in by_name and "Khan’s" not in by_name
    assert by_name["Vladimir Putin"].type == "person" and "Putin" in by_name["Vladimir Putin"].aliases
    assert by_name["Moscow"].type == "place" and by_name["Washington"].type == "place"
    assert by_name["Ned Price"].type == "person"
    assert not any("Reply" in e.name or "’s" in e.name for e in rec.entities)
    for e in rec.entities:
        for a, b in e.mentions:
            assert text[a:b].replace("’s", "") in e.aliases or text[a:b] in e.aliases


def test_every_named_speaker_is_an_entity(article):
    _, rec = article
    names = {e.name for e in rec.entities}
    for speaker in rec.speakers():
        assert speaker in names


def test_same_person_across_articles_of_a_batch():
    from reader.analysis.pipeline import analyze_many, link_people_across

    first = "Leaders Meet In Moscow\n\nVladimir Putin met Imran Khan in Moscow on Thursday.\n"
    second = "Kremlin Says Little\n\n“We have nothing to add,” Putin said on Friday.\n"
    recs = list(link_people_across(analyze_many([("a", first, None), ("b", second, None)], n_process=1)))
    said = next(q for q in recs[1].quotes if q.kind == "direct")
    assert said.text.startswith("We have nothing") and said.speaker == "Vladimir Putin"
    putin = next(e for e in recs[1].entities if e.name == "Vladimir Putin")
    assert "Putin" in putin.aliases


def test_abbreviations_keep_their_full_stops():
    text = "in the U.S. and E.U. today"
    a, b = clean_span(text, 7, 10)
    assert text[a:b] == "U.S."
    a, b = clean_span(text, 16, 19)
    assert text[a:b] == "E.U."


def test_surname_with_a_wrong_ner_type_joins_the_person():
    mentions = [Mention(0, 15, "Marvin Weinbaum", "person"), Mention(40, 48, "Weinbaum", "place"),
                Mention(60, 82, "Prime Minister’s Office", "organisation"),
                Mention(90, 110, "Prime Minister Office", "organisation")]
    ents = build_entities(mentions, NameResolver(mentions))
    weinbaum = next(e for e in ents if e.name == "Marvin Weinbaum")
    assert weinbaum.type == "person" and (40, 48) in weinbaum.mentions
    assert not any(e.type == "place" for e in ents)
    assert len([e for e in ents if e.type == "organisation"]) == 1
