"""Shared words: statements carrying the same words across articles, and how each outlet cut them."""
from __future__ import annotations

import pytest
from compare_helpers import articles, stored

from reader.compare.align import align, shares_words
from reader.compare.diff import as_text
from reader.compare.inputs import all_statements, load_selection
from reader.compare.report import compare_articles
from reader.compare.shared import shared_words
from reader.compare.text import tokens
from reader.search.store import open_index
from reader.search.view import IndexView


@pytest.fixture(scope="module")
def seed_groups(seed_index):
    view = IndexView(open_index(seed_index))
    arts = load_selection(view, [view.path(n) for n in view.all_docnums()])
    return shared_words(all_statements(arts))


def _group_with(groups, words: str):
    folded = words.casefold()
    return next(g for g in groups if any(folded in m.statement.text.casefold() for m in g.members))


def test_seed_excitement_is_trimmed(seed_groups):
    group = _group_with(seed_groups, "so much excitement")
    by_outlet = {m.statement.outlet: m for m in group.members}
    dw, rfe = by_outlet["Deutsche Welle"], by_outlet["Radio Free Europe/Radio Liberty"]
    assert dw.relation == "longest" and dw.statement.text.startswith("What a time I have come")
    assert rfe.relation == "trimmed"
    assert [p.op for p in rfe.pieces] == ["cut", "same"]
    assert rfe.pieces[0].text.startswith("What a time") and rfe.pieces[1].text.casefold() == "so much excitement"
    assert group.speakers == ["Imran Khan"]


def test_seed_prime_ministers_office_statement_is_grouped_with_two_namings(seed_groups):
    group = _group_with(seed_groups, "conflict was not in anyone")
    by_outlet = {m.statement.outlet: m for m in group.members}
    bol, rfe = by_outlet["Bol News"], by_outlet["Radio Free Europe/Radio Liberty"]
    assert bol.relation == "longest" and len(bol.statement.text) > len(rfe.statement.text)
    assert rfe.relation == "trimmed"
    assert rfe.statement.text.startswith("The prime minister stressed that conflict was not in anyone")
    assert [p.op for p in rfe.pieces] == ["same", "cut"]  # Bol News goes on after "interest"
    assert bol.statement.named_as != rfe.statement.named_as  # the two outlets name the source differently
    assert rfe.speaker_differs


def test_seed_groups_span_two_outlets_each(seed_groups):
    assert len(seed_groups) >= 2
    for group in seed_groups:
        assert len(group.articles) >= 2
        assert group.members[0].relation == "longest"
        assert all(m.relation in ("verbatim", "trimmed", "altered", "paraphrased") for m in group.members[1:])


def test_one_word_changed_is_altered_with_the_word_marked():
    a = stored("a.txt", "Outlet A", "Talks went on. “We will never accept a deal that hurts our farmers,” "
               "the minister said.", [("We will never accept a deal that hurts our farmers,", "Jane Doe", "direct")])
    b = stored("b.txt", "Outlet B", "Late on Monday. “We will not accept a deal that hurts our farmers,” "
               "Doe told reporters.", [("We will not accept a deal that hurts our farmers,", "Jane Doe", "direct")])
    groups = shared_words(all_statements(articles(a, b)))
    assert len(groups) == 1
    altered = next(m for m in groups[0].members if m.relation != "longest")
    assert altered.relation == "altered"
    assert ("removed", "never") in [(p.op, p.text) for p in altered.pieces]
    assert ("added", "not") in [(p.op, p.text) for p in altered.pieces]
    assert as_text(altered.pieces) == "We will [-never-] {+not+} accept a deal that hurts our farmers"


def test_an_inserted_word_inside_the_quote_is_altered_not_trimmed():
    long = "The agreement is a good one for both countries and for the region,"
    changed = "The agreement is a very good one for both countries and for the region,"
    a = stored("a.txt", "A", f"“{long}” she said.", [(long, "Ann Lee", "direct")])
    b = stored("b.txt", "B", f"“{changed}” she said.", [(changed, "Ann Lee", "direct")])
    groups = shared_words(all_statements(articles(a, b)))
    member = next(m for m in groups[0].members if m.relation != "longest")
    assert member.relation == "altered"
    assert [p for p in member.pieces if p.op == "removed"] == [] or groups[0].reference.text == changed
    assert any(p.op in ("added", "removed") and p.text == "very" for p in member.pieces)


def test_verbatim_despite_marks_case_and_punctuation():
    a = stored("a.txt", "A", "He said: “It’s time to talk, not to fight.”", [("It’s time to talk, not to fight.", "Bo Ek", "direct")])
    b = stored("b.txt", "B", "\"it's time to talk -- not to fight\" he said", [("it's time to talk -- not to fight", "Bo Ek", "direct")])
    groups = shared_words(all_statements(articles(a, b)))
    assert [m.relation for m in groups[0].members] == ["longest", "verbatim"]


@pytest.mark.parametrize("first, second", [
    ("We are very concerned about the situation in the region,",
     "The situation in the country is improving, we are told,"),
    ("The prime minister said the talks with the opposition would continue next week,",
     "The prime minister of Pakistan visited the flood-hit districts on Friday,"),
    ("This is not what the people of this country want from us,",
     "It is what it is and we have to live with it,"),
])
def test_unrelated_quotes_sharing_common_words_are_not_grouped(first, second):
    a = stored("a.txt", "A", f"“{first}” he said.", [(first, "Al Bar", "direct")])
    b = stored("b.txt", "B", f"“{second}” she said.", [(second, "Cy Dee", "direct")])
    assert shared_words(all_statements(articles(a, b))) == []


def test_two_function_words_or_a_name_alone_do_not_qualify():
    one, two = tokens("of the Prime Minister of Pakistan today"), tokens("the Prime Minister of Pakistan left")
    assert not shares_words(one, two, align(one, two))


def test_statements_of_one_article_are_not_a_group():
    text = "It was a historic opportunity for Pakistan to develop relations"
    body = f"“{text},” he said. Later: “{text}.”"
    a = stored("a.txt", "A", body, [(text + ",", "Sam Ahmad", "direct")])
    a.record.quotes.append(a.record.quotes[0].__class__(start=body.rindex(text), end=body.rindex(text) + len(text),
                                                        text=text, kind="direct", speaker="Sam Ahmad"))
    assert shared_words(all_statements(articles(a))) == []


def test_an_indirect_statement_of_the_same_speaker_is_paraphrased():
    quote = "We will never accept foreign interference in our internal affairs,"
    reported = "Pakistan would not accept any foreign interference in its internal affairs"
    a = stored("a.txt", "A", f"“{quote}” Khan said.", [(quote, "Imran Khan", "direct")])
    b = stored("b.txt", "B", f"Khan said that {reported}.", [(reported, "Imran Khan", "indirect", "person", "Khan")])
    groups = shared_words(all_statements(articles(a, b)))
    assert len(groups) == 1
    assert groups[0].reference.kind == "direct"  # the quoted version leads, though not longer
    member = groups[0].members[1]
    assert member.relation == "paraphrased" and member.statement.named_as == "Khan"
    assert [p.text for p in member.pieces if p.op == "same"] == ["accept", "foreign interference", "internal affairs"]
    assert [p.text for p in member.pieces if p.op == "own"] == ["Pakistan would not", "any", "in its"]


def test_an_indirect_statement_of_another_speaker_is_not_a_paraphrase():
    quote = "We will never accept foreign interference in our internal affairs,"
    reported = "Pakistan would not accept any foreign interference in its internal affairs"
    a = stored("a.txt", "A", f"“{quote}” Khan said.", [(quote, "Imran Khan", "direct")])
    b = stored("b.txt", "B", f"Lee said that {reported}.", [(reported, "Ann Lee", "indirect")])
    assert shared_words(all_statements(articles(a, b))) == []


def test_a_mixed_clause_and_a_legacy_partial_quote_are_compared():
    full = "isolate Pakistan more among the international community and hurt its economy"
    clause = "he said the visit would “isolate Pakistan more among the international community”"
    a = stored("a.txt", "A", f"“{full},” he said.", [(full, "Khalid Farooqi", "direct")])
    b = stored("b.txt", "B", f"Farooqi told us {clause}.", [(clause, "Khalid Farooqi", "mixed")])
    c = stored("c.txt", "C", "it would “isolate Pakistan more among the international community.”",
               [("isolate Pakistan more among the international community.", "Khalid Farooqi", "partial")])
    comparison = compare_articles(articles(a, b, c), describe=lambda _n: None)
    group = comparison.groups[0]
    relations = {m.statement.outlet: m.relation for m in group.members}
    assert relations == {"A": "longest", "B": "trimmed", "C": "trimmed"}
    kinds = {m.statement.outlet: m.statement.kind for m in group.members}
    assert kinds["C"] == "mixed" and kinds["B"] == "mixed"  # partial is read as mixed
    words = {m.statement.outlet: m.statement.quoted_words for m in group.members}
    assert words == {"A": 11, "B": 7, "C": 7}  # a mixed clause counts the words inside its marks


def test_many_articles_are_grouped_without_comparing_every_pair():
    """A quote repeated across 300 articles among unrelated ones forms one group of 300."""
    items = []
    shared = "The ceasefire must hold if the talks in Geneva are to succeed at all,"
    for n in range(600):
        if n % 2:
            items.append(stored(f"{n}.txt", f"Outlet {n % 7}", f"“{shared}” the envoy said.",
                                [(shared, "Envoy Jones", "direct")]))
        else:
            text = f"Story number {n} is about item {n * 7} and nothing else of note today"
            items.append(stored(f"{n}.txt", f"Outlet {n % 7}", f"“{text},” said a clerk.",
                                [(text, "Clerk Smith", "direct")]))
    groups = shared_words(all_statements(articles(*items)))
    assert len(groups) == 1 and len(groups[0].members) == 300
    assert {m.relation for m in groups[0].members[1:]} == {"verbatim"}
