"""Issue 21 items 3, 5, 9: snippets from what matched, occurrence counts, "Did you mean".

The seed index is built with real analysis; the real-corpus tests read the shared BBC
set (skipped cleanly when it is absent).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS
from reader.bench.corpus import shared_data_dir
from reader.bench.quick_records import quick_analyzer
from reader.search import fields as F
from reader.search.hits import MARK_END, MARK_START
from reader.search.indexer import update_index
from reader.search.occurrences import count_occurrences, hit_pattern, hit_terms
from reader.search.query import find, search
from reader.search.quotes import read_quotes
from reader.search.store import open_index
from reader.search import suggest as suggest_module
from reader.search.suggest import corrected, suggest
from reader.search.view import IndexView

MARKED = re.compile(re.escape(MARK_START) + "(.*?)" + re.escape(MARK_END))


@pytest.fixture(scope="module")
def view(seed_index):
    return IndexView(open_index(seed_index))


def _plain(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_a_quote_query_shows_the_quote_holding_the_word_marked(view):
    matches = find(view, "quote:sanctions", page=10)
    assert matches.docnums and matches.has_snippets
    for docnum in matches.docnums:
        snippet = matches.snippet_maker(docnum)
        assert [m.lower() for m in MARKED.findall(snippet)] and all(
            m.lower().startswith("sanction") for m in MARKED.findall(snippet))
        quotes = [_squash(r.text) for r in read_quotes(view, docnum)]
        inside = _plain(snippet).split(": ", 1)[-1].strip("“”")
        assert any(inside in q for q in quotes), snippet  # a statement of the article, not its lede
        body = view.stored(docnum)[F.BODY]
        assert not _squash(body).startswith(_plain(snippet)[:40])


def test_a_speaker_query_shows_one_of_their_statements(view):
    matches = find(view, "speaker:kugelman", page=10)
    assert matches.docnums
    for docnum in matches.docnums:
        snippet = matches.snippet_maker(docnum)
        speaker = MARKED.findall(snippet)[0]
        assert "kugelman" in speaker.lower()
        theirs = [_squash(r.text) for r in read_quotes(view, docnum) if "kugelman" in r.speaker.lower()]
        said = _plain(snippet).split(": ", 1)[1].strip("“”").rstrip("…")
        assert any(q.startswith(said) for q in theirs), snippet


def test_an_entity_query_shows_the_sentence_naming_it(view):
    matches = find(view, "entity:putin", page=10)
    assert len(matches.docnums) >= 3
    for docnum in matches.docnums:
        snippet = matches.snippet_maker(docnum)
        assert any("putin" in m.lower() for m in MARKED.findall(snippet)), snippet
        assert _plain(snippet).strip(" …") in _squash(view.stored(docnum)[F.BODY])


def test_a_query_of_metadata_alone_has_no_snippets(view):
    matches = find(view, "outlet:dw", page=10)
    assert matches.docnums and not matches.has_snippets and not matches.snippets
    assert all(h.snippet == "" for h in search(view, "outlet:dw").hits)


def test_words_and_a_field_mark_the_body_passage_of_the_words(view):
    matches = find(view, "entity:putin pipeline", page=10)
    for docnum in matches.docnums:
        assert any(m.lower().startswith("pipeline") for m in MARKED.findall(matches.snippet_maker(docnum)))


def test_the_cli_and_the_window_make_the_same_snippets(view):
    for query in ("quote:sanctions", "speaker:kugelman", "entity:putin", "pipeline"):
        matches = find(view, query, page=10)
        outcome = search(view, query, limit=10)
        assert [h.snippet for h in outcome.hits] == [matches.snippet_maker(d) for d in matches.docnums]


def test_a_phrase_is_one_occurrence():
    body = (SEEDS / "001_5c3c0d10727961d8.txt").read_text(encoding="utf-8")
    truth = len(re.findall(r"\bgas\s+pipeline", body, re.IGNORECASE))
    assert truth >= 2
    assert hit_terms('"gas pipeline"') == ["gas pipeline"]
    assert count_occurrences('"gas pipeline"', body) == truth
    words = len(re.findall(r"\bgas\b", body, re.I)) + len(re.findall(r"\bpipeline", body, re.I))
    assert count_occurrences("gas pipeline", body) == words  # two words: each counted
    assert re.search(hit_pattern(["gas pipelines"]), "the Gas  Pipelines were", re.I)


def test_a_misspelt_word_gets_the_indexed_word_as_written(view):
    assert find(view, "pipelne", page=10).suggestion == "pipeline"
    assert search(view, "Pipelne").suggestion == "Pipeline"
    assert find(view, "speaker:kugelmn", page=10).suggestion == "speaker:kugelman"
    assert find(view, "quote:sanctons", page=10).suggestion == "quote:sanctions"
    assert find(view, "gas pipelne", page=10).suggestion == "gas pipeline"
    found = find(view, find(view, "pipelne", page=10).suggestion, page=10)
    assert found.total >= 1  # the suggestion finds something


def test_no_suggestion_for_known_words_or_nothing_close(view):
    assert find(view, "pipeline", page=10).suggestion == ""
    assert find(view, "xyzzyq", page=10).suggestion == ""
    assert find(view, "outlet:dw", page=10).suggestion == ""
    assert find(view, "", page=10).suggestion == ""


def test_the_suggestion_scans_a_bounded_part_of_the_vocabulary(view, monkeypatch):
    monkeypatch.setattr(suggest_module, "SCAN_LIMIT", 0)
    assert suggest(view, "pipelne", 0) == ""


def test_the_correction_applies_to_the_typed_words_only():
    assert corrected("pipelne", "pipelne story:s12", "pipeline story:s12") == "pipeline"
    assert corrected("Gas pipelne", "Gas pipelne", "Gas pipeline") == "Gas pipeline"


def test_search_json_reports_the_suggestion(seed_index, tmp_path):
    env = {"PARALLAX_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "reader", "search", "--index", str(seed_index), "--json",
                          "pipelne"], cwd=ROOT, capture_output=True, text=True, env=env, check=True)
    data = json.loads(out.stdout)
    assert data["schema"] == "parallax-search/3"
    assert data["total"] == 0 and data["suggestion"] == "pipeline"
    out = subprocess.run([sys.executable, "-m", "reader", "search", "--index", str(seed_index), "--json",
                          "quote:sanctions"], cwd=ROOT, capture_output=True, text=True, env=env, check=True)
    data = json.loads(out.stdout)
    assert data["suggestion"] == "" and "[sanctions]" in data["hits"][0]["snippet"].lower()
    assert "google ads" not in data["hits"][0]["snippet"].lower()


# -- a real corpus ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def bbc_view(tmp_path_factory):
    data = shared_data_dir()
    folder = data / "bbc-news-fulltext" if data is not None else None
    if folder is None or not folder.is_dir():
        pytest.skip("the BBC corpus (../shared/data/bbc-news-fulltext) is not here")
    corpus = tmp_path_factory.mktemp("bbc-snippets")
    for path in sorted(folder.glob("*/*.txt"))[::5][:300]:
        (corpus / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    location = tmp_path_factory.mktemp("bbc-snippets-index")
    update_index(location, [corpus], analyzer=quick_analyzer, resolver=lambda r, s: (None, "unknown", []))
    return IndexView(open_index(location))


def test_real_corpus_suggestions_and_phrase_counts(bbc_view):
    assert find(bbc_view, "governmnet", page=10).suggestion == "government"
    assert find(bbc_view, "elecion", page=10).suggestion.startswith("elect")
    matches = find(bbc_view, '"prime minister"', page=20)
    assert matches.total >= 5
    for docnum in matches.docnums[:5]:
        body = bbc_view.stored(docnum)[F.BODY]
        assert count_occurrences('"prime minister"', body) == len(re.findall(r"\bprime\W+minister", body, re.I))
        snippet = matches.snippet_maker(docnum)
        assert {m.lower() for m in MARKED.findall(snippet)} <= {"prime", "minister", "ministers"}


def test_real_corpus_quote_snippets_come_from_quotes(bbc_view):
    matches = find(bbc_view, "quote:government", page=20)
    assert matches.total >= 3
    for docnum in matches.docnums[:10]:
        snippet = matches.snippet_maker(docnum)
        quotes = [_squash(r.text) for r in read_quotes(bbc_view, docnum)]
        inside = _plain(snippet).split(": ", 1)[-1].strip("“”")
        assert any(inside in q for q in quotes), snippet


def test_a_speaker_the_name_table_resolves_still_shows_their_statement(view):
    matches = find(view, 'speaker:"imran khan"', page=10)
    assert matches.total >= 2 and matches.snippet_maker is not None
    for docnum in matches.docnums:
        snippet = matches.snippet_maker(docnum)
        assert "khan" in MARKED.findall(snippet)[0].lower(), snippet


def test_the_banded_edit_distance_is_whooshs_within_its_limit():
    import random

    from whoosh.support.levenshtein import damerau_levenshtein as whoosh_distance

    from reader.search.suggest import damerau_levenshtein

    rng = random.Random(7)
    for _ in range(3000):
        a = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 9)))
        full = whoosh_distance(a, b)
        for limit in (0, 1, 2, 3):
            assert damerau_levenshtein(a, b, limit) == min(full, limit + 1), (a, b, limit)
