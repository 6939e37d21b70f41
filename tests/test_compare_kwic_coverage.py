"""Mentions by outlet (KWIC), coverage of the selection, side-by-side columns and marks."""
from __future__ import annotations

import pytest
from compare_helpers import articles, stored

from reader.compare.coverage import coverage
from reader.compare.inputs import load_selection
from reader.compare.kwic import entity_matches, kwic, sort_lines
from reader.compare.locate import occurrence
from reader.compare.report import compare_articles
from reader.compare.side import Target, column, default_picks, marks
from reader.search.store import open_index
from reader.search.view import IndexView


@pytest.fixture(scope="module")
def seed_articles(seed_index):
    view = IndexView(open_index(seed_index))
    return load_selection(view, [view.path(n) for n in view.all_docnums()])


def test_kwic_for_putin_is_grouped_by_outlet_and_aligned_on_the_mention(seed_articles):
    lines = kwic(seed_articles, "Putin")
    outlets = [ln.outlet for ln in lines]
    assert len(set(outlets)) == 5  # every seed mentions him
    assert outlets == sorted(outlets, key=str.casefold)  # grouped
    for ln in lines:
        art = next(a for a in seed_articles if a.path == ln.path)
        assert art.body[ln.start:ln.end] == ln.mention and "Putin" in ln.mention
        assert ln.left.strip() and " ".join(art.body[:ln.start].split()).endswith(ln.left.strip())
        assert " ".join(art.body[ln.end:].split()).startswith(ln.right.strip())
    assert any(ln.quote_index is not None for ln in lines)  # "…to what Putin appears to have in mind…"


def test_kwic_sorts_by_left_context_nearest_word_first(seed_articles):
    lines = sort_lines(kwic(seed_articles, "Putin"), "left")
    for outlet in {ln.outlet for ln in lines}:
        keys = [ln.left_key() for ln in lines if ln.outlet == outlet]
        assert keys == sorted(keys)
    dw = [ln for ln in lines if ln.outlet == "Deutsche Welle"]
    assert dw[0].left_key()[0] <= dw[-1].left_key()[0]
    right = sort_lines(lines, "right")
    assert [ln.right_key() for ln in right if ln.outlet == "Bol News"] == sorted(
        ln.right_key() for ln in right if ln.outlet == "Bol News")


def test_entity_matching_by_key_name_alias_or_word():
    ent = stored("a.txt", "A", "Vladimir Putin met. Putin left.", entities=[("Vladimir Putin", "person")]).record.entities[0]
    ent.aliases.append("Putin")
    for wanted in ("person:vladimir putin", "Vladimir Putin", "putin", "PUTIN"):
        assert entity_matches(ent, wanted), wanted
    for wanted in ("place:vladimir putin", "Vladimir", "Putinism", ""):
        assert entity_matches(ent, wanted) is (wanted == "Vladimir"), wanted


def test_seed_coverage(seed_articles):
    cov = coverage(seed_articles)
    assert cov.articles == 5 and len(cov.outlets) == 5
    assert cov.kinds == {"news": 1, "analysis": 2, "opinion": 2}  # from the seed catalogue
    assert sum(cov.segments.values()) == 5
    assert cov.undated == 5 and cov.first_date == ""  # no seed states its date
    wapo = next(o for o in cov.outlets if o.outlet == "The Washington Post")
    assert wapo.chip.lower().startswith(("lean left", "left")) and wapo.tooltip
    assert cov.outlets[0] is wapo  # left to right: the one rated outlet first
    assert all(o.ownership for o in cov.outlets)  # the registry knows every seed outlet's owner


def test_coverage_dates_and_unknown_outlets():
    a = stored("a.txt", "Nowhere Gazette", "x", published="2024-03-02", kind="opinion")
    b = stored("b.txt", "Nowhere Gazette", "y", published="2024-02-27")
    c = stored("c.txt", "Other Times", "z")
    cov = coverage(articles(a, b, c), describe=lambda _n: None)
    assert (cov.first_date, cov.last_date, cov.undated) == ("2024-02-27", "2024-03-02", 1)
    gazette = next(o for o in cov.outlets if o.outlet == "Nowhere Gazette")
    assert gazette.kinds == {"opinion": 1, "news": 1} and gazette.chip == "Unknown"
    assert cov.segments["unknown"] == 3


def test_side_by_side_columns_and_marks(seed_articles):
    comparison = compare_articles(seed_articles)
    picks = default_picks(comparison.articles, 3)
    assert len(picks) == 3 and len({comparison.article(p).outlet for p in picks}) == 3
    dw = next(a for a in comparison.articles if a.outlet == "Deutsche Welle")
    col = column(dw, comparison.coverage)
    assert col.quoted + col.indirect == len(dw.statements) and col.article.words > 500
    assert col.entities[0][2] >= col.entities[-1][2] and col.speakers[0][1] >= 1
    khan = marks(dw, Target("speaker", "imran khan"))
    assert [m.quote_index for m in khan] == [s.quote_index for s in dw.statements if s.key == "imran khan"]
    putin = marks(dw, Target("entity", "Putin"))
    assert len(putin) >= 5 and all(m.where is not None and "Putin" in m.where.text for m in putin)
    bare = [m.where.nth for m in putin if m.where.text == "Putin"]  # "Vladimir Putin" holds one too
    assert bare == sorted(set(bare)) and bare[-1] < dw.body.count("Putin")
    group = next(g for g in comparison.groups if "Deutsche Welle" in g.outlets)
    assert [m.quote_index for m in marks(dw, Target("group", str(group.id)), comparison.groups)] == [
        m.statement.quote_index for m in group.members if m.statement.path == dw.path]


def test_occurrences_skip_hidden_lines_and_the_title():
    body = "Putin at the summit\n\nMenu Putin Login\n\nPutin spoke. Then Putin left."
    art = articles(stored("a.txt", "A", body, entities=[("Putin", "person")], title="Putin at the summit"))[0]
    art.hidden = [(body.index("Menu"), body.index("Login") + 5)]
    last = body.rindex("Putin")
    assert occurrence(art, last, last + 5).nth == 1  # the title and the hidden line do not count


def test_reading_stored_fields_gives_what_reading_the_stored_article_gives(seed_index):
    from reader.compare.inputs import from_fields, from_stored
    from reader.search.articles import load_article

    view = IndexView(open_index(seed_index))
    for n in view.all_docnums():
        lean, full = from_fields(view.stored(n)), from_stored(load_article(view, view.path(n)))
        assert lean == full and len(lean.statements) > 0 and len(lean.entities) > 0


def test_a_damaged_stored_record_loses_its_statements_not_the_comparison():
    from reader.compare.inputs import from_fields
    from reader.compare.report import compare_articles
    from reader.search import fields as F

    good = {"quotes": [{"start": 1, "end": 9, "text": "We agree", "kind": "direct", "speaker": "Al Bo"},
                       {"text": "no offsets", "kind": "direct"}, "not a quote", {"start": "x", "end": 2,
                                                                                 "text": "bad", "kind": "indirect"}],
            "entities": [{"name": "Al Bo", "type": "person", "mentions": [[0, 5], ["?"]]},
                         {"type": "place"}, {"name": "Rome", "type": "place", "mentions": [[20, 24]]}]}
    import json

    articles = [from_fields({F.PATH: "a.txt", F.BODY: "“We agree,” said Al Bo in Rome.", F.RECORD: json.dumps(good)}),
                from_fields({F.PATH: "b.txt", F.BODY: "text", F.RECORD: "{not json"}),
                from_fields({F.PATH: "c.txt", F.BODY: "text", F.RECORD: "[1, 2]"}),
                from_fields({F.PATH: "d.txt"})]
    assert [len(a.statements) for a in articles] == [1, 0, 0, 0]
    assert [e.name for e in articles[0].entities] == ["Rome"]  # the unreadable entities are left out
    c = compare_articles(articles, describe=lambda _n: None)
    assert c.coverage.articles == 4 and c.voices.rows[0].name == "Al Bo"
    empty = compare_articles([], describe=lambda _n: None)
    assert (empty.coverage.articles, empty.voices.rows, empty.groups) == (0, [], [])
