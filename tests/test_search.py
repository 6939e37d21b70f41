"""Searching the seed index with Whoosh's query language, from code and the CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from reader.search.query import MARK_END, MARK_START, search, syntax_problem
from reader.search.store import open_index


@pytest.fixture(scope="module")
def ix(seed_index):
    return open_index(seed_index)


def names(outcome) -> list[str]:
    return [Path(h.path).name[:3] for h in outcome.hits]


def test_pipeline_finds_rferl_and_bol_with_marked_snippets(ix):
    outcome = search(ix, "pipeline")
    assert sorted(names(outcome)) == ["001", "002"]
    for hit in outcome.hits:
        assert MARK_START in hit.snippet and MARK_END in hit.snippet
        marked = hit.snippet.split(MARK_START, 1)[1].split(MARK_END, 1)[0]
        assert marked.lower().startswith("pipeline")


def test_empty_query_lists_everything(ix):
    assert search(ix, "", limit=None).total == 5


@pytest.mark.parametrize("query, expected", [
    ('"gas pipeline"', ["001", "002"]),
    ("pipe*", ["001", "002"]),
    ("outlet:dw", ["000"]),
    ('outlet:"rfe/rl"', ["001"]),
    ("outlet:washington", ["003"]),
    ("author:mahmood", ["004"]),
    ("kind:opinion", ["003", "004"]),
    ("Kugelman AND Farooqi", ["000"]),
    ("Weinbaum OR Farooqi", ["000", "001"]),
    ("pipeline NOT Bol", ["001"]),
    ('speaker:"Ned Price"', ["000"]),
    ("title:path-breaking", ["002"]),
])
def test_query_language(ix, query, expected):
    assert sorted(names(search(ix, query, limit=None))) == expected


def test_entity_filter_combines_with_and(ix):
    only_price = search(ix, "", entity_keys=["person:ned price"], limit=None)
    assert names(only_price) == ["000"]
    both = search(ix, "", entity_keys=["person:ned price", "person:imran khan"], limit=None)
    assert names(both) == ["000"]
    assert search(ix, "pipeline", entity_keys=["person:ned price"]).total == 0


@pytest.mark.parametrize("query", ['"unclosed phrase', "(pipeline OR", "pipeline AND", ")",
                                   "title:", "AND OR NOT", "\\", "^2", "[a TO"])
def test_malformed_queries_never_raise(ix, query):
    outcome = search(ix, query)
    assert outcome.message  # the user is told
    assert isinstance(outcome.total, int)


def test_malformed_query_falls_back_to_plain_words(ix):
    outcome = search(ix, '"gas pipeline')
    assert "quotation mark" in outcome.message
    assert sorted(names(outcome)) == ["001", "002"]


def test_syntax_problem_accepts_good_queries():
    for good in ["pipeline", '"a b" OR c', "(a OR b) AND c", "title:x*", "kind:news NOT bias:left"]:
        assert syntax_problem(good) == "", good


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_search_prints_ranked_marked_hits(seed_index):
    out = run_cli("search", "--index", str(seed_index), "pipeline")
    assert out.returncode == 0, out.stderr
    assert "Radio Free Europe/Radio Liberty" in out.stdout and "Bol News" in out.stdout
    assert "[pipeline]" in out.stdout.lower()


def test_cli_search_json(seed_index):
    out = run_cli("search", "--index", str(seed_index), "--json", "--limit", "1", "pipeline")
    data = json.loads(out.stdout)
    assert data["total"] == 2 and len(data["hits"]) == 1
    assert "[" in data["hits"][0]["snippet"]


def test_cli_malformed_query_has_no_traceback(seed_index):
    out = run_cli("search", "--index", str(seed_index), "AND")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1


def test_cli_builds_the_index_on_first_use(tmp_path):
    location = tmp_path / "fresh"
    out = run_cli("search", "--index", str(location), "pipeline")
    assert out.returncode == 0, out.stderr
    assert "built the index" in out.stderr
    assert "Radio Free Europe" in out.stdout


def test_cli_reports_a_corrupt_index_in_one_line(tmp_path):
    location = tmp_path / "bad"
    (location / "whoosh").mkdir(parents=True)
    (location / "whoosh" / "junk").write_text("x")
    out = run_cli("search", "--index", str(location), "pipeline")
    assert out.returncode == 2
    assert "not a Parallax index" in out.stderr and "--rebuild" in out.stderr
    assert "Traceback" not in out.stderr


def test_candidate_passages_keep_every_paragraph_that_may_match():
    from reader.search.query import candidate_passages

    body = "Opening line.\nThe minister spoke.\nNothing here.\nThey cry foul.\nPrime time."
    assert candidate_passages(body, ["minist"]) == "The minister spoke."
    assert candidate_passages(body, ["cri"]) == "They cry foul."  # Porter: cry -> cri
    assert candidate_passages(body, ["prime", "minist"]) == "The minister spoke.\nPrime time."
    assert candidate_passages(body, []) == ""


def test_a_match_deep_in_a_long_article_is_still_highlighted(tmp_path):
    from reader.search.indexer import update_index
    from ui_helpers import gold_analyzer, simple_resolver

    filler = "\n".join(f"Paragraph {i} says nothing in particular." for i in range(300))
    (tmp_path / "long.txt").write_text(f"A long one\n{filler}\nThe zeppelins landed.\n", encoding="utf-8")
    location = tmp_path / "index"
    update_index(location, [tmp_path / "long.txt"], analyzer=gold_analyzer, resolver=simple_resolver)
    (hit,) = search(open_index(location), "zeppelin").hits
    assert "\x02zeppelins\x03 landed" in hit.snippet
