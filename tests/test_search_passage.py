"""Pasted text is a search: "which articles contain this passage?".

The passages are taken from the seed files by rule (each article's longest
paragraph, the longest run of words two articles share), not written here.
"""
from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest

from conftest import SEEDS
from reader.search.passage import looks_like_passage
from reader.search.query import find, search
from reader.search.store import open_index
from reader.search.view import IndexView


@pytest.fixture(scope="module")
def view(seed_index):
    return IndexView(open_index(seed_index))


def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def longest_paragraph(text: str) -> str:
    return max((p.strip() for p in text.split("\n") if len(p.split()) >= 20), key=len)


def names(outcome) -> list[str]:
    return [Path(h.path).name for h in outcome.hits]


@pytest.mark.parametrize("name", sorted(seed_texts()))
def test_a_pasted_paragraph_finds_the_article_it_came_from(view, name):
    paragraph = longest_paragraph(seed_texts()[name])
    assert looks_like_passage(paragraph)
    outcome = search(view, paragraph)
    assert names(outcome)[0] == name
    assert "word for word" in outcome.message and "\n" not in outcome.message
    assert find(view, paragraph).docnums[0] == view.docnum(str(SEEDS.resolve() / name))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’]\w+)?", text)


def shared_run() -> tuple[str, set[str]]:
    """The longest run of words that two seed articles share, and the two files."""
    texts = seed_texts()
    best: tuple[str, set[str]] = ("", set())
    for a, b in itertools.combinations(texts, 2):
        wa, wb = _words(texts[a]), _words(texts[b])
        low_b = [w.lower() for w in wb]
        for n in range(len(best[0].split()) + 1, 40):
            grams = {tuple(low_b[i:i + n]) for i in range(len(low_b) - n + 1)}
            hit = next((wa[i:i + n] for i in range(len(wa) - n + 1)
                        if tuple(w.lower() for w in wa[i:i + n]) in grams), None)
            if hit is None:
                break
            best = (" ".join(hit), {a, b})
    return best


def test_a_quote_two_articles_share_finds_both(view):
    quote, files = shared_run()
    assert len(quote.split()) >= 8, quote  # the seeds share a quoted statement
    for text in (f"“{quote}”", quote, f'"{quote}"'):
        found = set(names(search(view, text, limit=None)))
        assert files <= found, (text, found)


def test_a_paraphrased_paragraph_falls_back_to_its_distinctive_words(view):
    name = sorted(seed_texts())[3]
    words = longest_paragraph(seed_texts()[name]).split()
    rng = random.Random(7)
    kept = [w for i, w in enumerate(words) if i % 3]  # every third word gone: no longer word for word
    rng.shuffle(kept)
    outcome = search(view, " ".join(kept))
    assert "No article contains" in outcome.message and "distinctive words" in outcome.message
    assert names(outcome)[0] == name


def test_short_queries_and_query_syntax_are_not_passages():
    assert not looks_like_passage("gas pipeline")
    assert not looks_like_passage("khan AND putin NOT kind:opinion OR pipeline sanctions moscow visit trip")
    assert looks_like_passage("Pakistani Prime Minister Imran Khan met with Russian President Vladimir Putin "
                              "at the Kremlin on February 24.")
    assert looks_like_passage("see https://example.com/a: " + "word " * 60)  # a long paste with a link
