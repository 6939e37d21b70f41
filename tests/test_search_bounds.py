"""Every query is bounded: the limits apply, say so in one line, and never echo the input back whole.

Structural, not timed: a budget of zero seconds stands for a search that ran
out of time, and expansion caps are read from the plan.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT
from reader.bench.quick_records import quick_analyzer
from reader.search import bounds
from reader.search.bounds import Budget, prepare
from reader.search.indexer import update_index
from reader.search.query import find, search
from reader.search.store import open_index
from reader.search.view import IndexView


@pytest.fixture(scope="module")
def view(seed_index):
    return IndexView(open_index(seed_index))


@pytest.fixture(scope="module")
def wide_view(tmp_path_factory):
    """A small index whose vocabulary holds 300 words starting with "zq"."""
    folder = tmp_path_factory.mktemp("wide")
    words = " ".join(f"zq{n:03d}" for n in range(300))
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Title {i}\n\nThe zebra quartet {words} played {i}.\n", encoding="utf-8")
    location = folder / "index"
    update_index(location, [folder], analyzer=quick_analyzer, resolver=lambda r, s: (None, "unknown", []))
    return IndexView(open_index(location))


def one_line(message: str) -> bool:
    return "\n" not in message and len(message) < 600


def test_a_100k_character_query_is_cut_said_and_not_echoed(view):
    text = "a" * 100_000
    for outcome in (search(view, text), find(view, text)):
        assert "first 4,000 of 100,000 characters" in outcome.message
        assert one_line(outcome.message) and "a" * 100 not in outcome.message
        assert "a" * 100 not in outcome.query


def test_the_cli_never_prints_a_long_query_back(seed_index):
    text = "pipeline " + "x" * 100_000
    for extra in ([], ["--json"]):
        out = subprocess.run([sys.executable, "-m", "reader", "search", "--index", str(seed_index), *extra, text],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        assert "x" * 100 not in out.stdout + out.stderr
        assert len(out.stdout) < 20_000 and out.stderr.count("\n") == 1
    data = json.loads(out.stdout)
    assert data["schema"] == "parallax-search/3" and data["query_chars"] == len(text)


def test_long_words_and_many_words_are_cut_with_a_notice():
    cut = prepare("pipeline " + "y" * 500)
    assert max(len(w) for w in cut.text.split()) == bounds.TOKEN_CHAR_LIMIT and cut.notices
    many = prepare(" OR ".join(f"w{i}" for i in range(40)))
    assert f"first {bounds.TERM_LIMIT} of 40 words" in " ".join(many.notices)
    assert len([w for w in many.text.split() if w != "OR"]) == bounds.TERM_LIMIT


def test_deep_parentheses_are_ignored_and_the_words_still_searched(view):
    outcome = search(view, "(" * 50 + "pipeline" + ")" * 50, limit=None)
    assert "Parentheses nested deeper" in outcome.message and one_line(outcome.message)
    assert outcome.total == search(view, "pipeline", limit=None).total > 0


def test_a_wildcard_expands_to_at_most_the_cap_and_says_so(wide_view):
    from reader.search.plan import Planner

    budget = Budget()
    plan = Planner(wide_view, budget).plan(wide_view.parser().parse("zq*"))
    leaves = [n for n in _leaves(plan.root) if n.terms]
    assert sum(len(leaf.terms) for leaf in leaves) == bounds.EXPANSION_LIMIT  # body: 200 of the 300
    assert any(f"more than {bounds.EXPANSION_LIMIT} words" in note for note in plan.notices)
    outcome = search(wide_view, "*q*")  # a leading wildcard scans the vocabulary, capped the same way
    assert f"more than {bounds.EXPANSION_LIMIT} words" in outcome.message and outcome.total == 3


def test_only_a_few_wildcard_terms_are_expanded(wide_view):
    text = " OR ".join(f"zq{n}*" for n in range(10))
    outcome = search(wide_view, text)
    assert f"first {bounds.EXPANDING_TERM_LIMIT} wildcard" in outcome.message


def _leaves(node):
    if node.op == "leaf":
        yield node
    for child in node.children:
        yield from _leaves(child)


@pytest.mark.parametrize("text", ["*", "**", "title:*", "* AND *", "*:*"])
def test_star_is_the_whole_library_without_expanding_terms(view, text):
    from reader.search.plan import Planner, simplify

    outcome = search(view, text, limit=None)
    assert outcome.total == view.doc_count() and not outcome.message
    plan = Planner(view, Budget()).plan(view.parser().parse(text))
    assert simplify(plan.root).everything


def test_star_with_words_searches_the_words(view):
    assert search(view, "* AND pipeline", limit=None).total == search(view, "pipeline", limit=None).total


def test_a_search_out_of_time_returns_with_a_one_line_notice(view):
    for run in (lambda b: search(view, "pipeline", budget=b), lambda b: find(view, "pipeline", budget=b)):
        outcome = run(Budget(seconds=0))
        assert outcome.stopped and "Stopped after" in outcome.message and "refine the search" in outcome.message and one_line(outcome.message)


def test_a_cancelled_budget_stops_the_search(view):
    budget = Budget()
    budget.cancel()
    assert search(view, '"gas pipeline"', budget=budget).stopped


@pytest.mark.parametrize("text", ['bias:"lean left"', 'kind:"news analysis"', 'published:"2022-02-24"',
                                  'entity_key:"person:imran khan"', "path:\"/no such\"", 'bias:"left"'])
def test_a_phrase_on_a_keyword_field_is_a_term_never_an_error(view, text):
    outcome = search(view, text)
    assert outcome.total >= 0 and "could not be read" not in outcome.message


def test_keyword_phrases_have_no_traceback_in_the_cli(seed_index):
    for text in ('bias:"lean left"', 'kind:"news analysis"'):
        out = subprocess.run([sys.executable, "-m", "reader", "search", "--index", str(seed_index), text],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr[-2000:]
        assert "match" in out.stdout


def test_every_hostile_query_of_the_bench_set_answers_in_one_line(view):
    from reader.bench.hostile import hostile_queries

    for label, text in hostile_queries(view):
        for outcome in (search(view, text, limit=5), find(view, text)):
            assert one_line(outcome.message), label
            assert text[:200] not in outcome.message or len(text) < 80, label


LONG = st.sampled_from(['"', "(", ")", "*", "?", "~", "^", "[", "]", " TO ", " AND ", " OR ", " NOT ", ":",
                        "title:", "published:", "published:2022", "published:[2022 TO 2023-02]", "bias:",
                        "kind:", '"lean left"', "pipeline", "Khan", "a" * 70, "*a*", "?" * 5, " ", "\n",
                        "“", "”", "..", "2022-02", "published:>", "\\", "\x00"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(LONG | st.text(max_size=12), max_size=60))
def test_hostile_query_strings_never_raise(view, parts):
    text = "".join(parts)
    outcome = search(view, text, limit=3)
    matches = find(view, text)
    assert outcome.total == matches.total >= len(outcome.hits)
    assert one_line(outcome.message) and one_line(matches.message)


def test_the_bounds_are_documented_in_the_help_and_readme():
    from reader.ui.dialogs import search_help_html

    help_text = search_help_html()
    readme = Path(ROOT / "README.md").read_text(encoding="utf-8")
    for figure in (f"{bounds.QUERY_CHAR_LIMIT:,}", str(bounds.TERM_LIMIT), str(bounds.EXPANSION_LIMIT)):
        assert figure in help_text and figure in readme, figure
