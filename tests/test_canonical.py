"""A bare surname joins the article's one full name ending with it."""
from __future__ import annotations

from reader.analysis.canonical import merge_surnames
from reader.analysis.record import ArticleRecord, Entity, Quote


def quote(speaker: str) -> Quote:
    return Quote(0, 1, "x", "direct", speaker, "person", "said", 0.9)


def test_surname_speaker_and_entity_are_merged():
    rec = ArticleRecord(file="a", quotes=[quote("Maria Lopez"), quote("Lopez")],
                        entities=[Entity("Maria Lopez", "person", ["Maria Lopez"], [(0, 11)]),
                                  Entity("Lopez", "person", ["Lopez"], [(40, 45)])])
    merge_surnames(rec)
    assert [q.speaker for q in rec.quotes] == ["Maria Lopez", "Maria Lopez"]
    assert [(e.name, e.aliases, e.mentions) for e in rec.entities] == [
        ("Maria Lopez", ["Lopez", "Maria Lopez"], [(0, 11), (40, 45)])]


def test_full_name_known_only_as_a_speaker_still_counts():
    rec = ArticleRecord(file="a", quotes=[quote("Khalid Hameed Farooqi"), quote("Farooqi")],
                        entities=[Entity("Farooqi", "person", ["Farooqi"], [(5, 12)])])
    merge_surnames(rec)
    assert {q.speaker for q in rec.quotes} == {"Khalid Hameed Farooqi"}


def test_ambiguous_surname_is_left_alone():
    rec = ArticleRecord(file="a", quotes=[quote("Ramzan Kadyrov"), quote("Akhmad Kadyrov"), quote("Kadyrov")])
    merge_surnames(rec)
    assert [q.speaker for q in rec.quotes][-1] == "Kadyrov"


def test_a_given_name_alone_joins_the_one_full_name_it_starts():
    rec = ArticleRecord(file="a", quotes=[quote("Ramzan")],
                        entities=[Entity("Ramzan Kadyrov", "person", ["Ramzan Kadyrov"], [(0, 14)]),
                                  Entity("Akhmad Kadyrov", "person", ["Akhmad Kadyrov"], [(20, 34)]),
                                  Entity("Ramzan", "person", ["Ramzan"], [(40, 46)])])
    merge_surnames(rec)
    assert [q.speaker for q in rec.quotes] == ["Ramzan Kadyrov"]
    assert {e.name for e in rec.entities} == {"Ramzan Kadyrov", "Akhmad Kadyrov"}


def test_a_word_that_is_a_surname_is_not_taken_for_a_given_name():
    rec = ArticleRecord(file="a", quotes=[quote("Lee")],
                        entities=[Entity("Lee Hsien Loong", "person", [], [(0, 5)]),
                                  Entity("Robert Lee", "person", [], [(9, 19)]),
                                  Entity("Harper Lee", "person", [], [(20, 30)])])
    merge_surnames(rec)
    assert [q.speaker for q in rec.quotes] == ["Lee"]  # two surnames: ambiguous, and not a given name
