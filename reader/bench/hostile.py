"""A fixed set of hostile queries: what a user meets when they paste or mistype.

Long tokens, wildcard storms, deep parentheses, 10k-term ORs, URL lists,
fuzzy storms, pasted paragraphs and deterministic fuzz. The set depends only
on the index it is built from (paragraphs and words are taken from its
documents by position), so two runs on the same corpus time the same queries.
"""
from __future__ import annotations

import random
import re

from reader.search import fields as F

FUZZ_ALPHABET = ['"', "(", ")", "*", "?", ":", "^", "~", "[", "]", "{", "}", "\\", "/", " AND ", " OR ",
                 " NOT ", " TO ", "title:", "speaker:", "bias:", "published:", "<", ">", "'", "-", "+",
                 "!", "\x00", "\u202e", "pipeline", "Khan", "ü", " ", "government", "a", "e*"]
FUZZ_COUNT = 200


def _paragraphs(view, count: int, min_words: int = 40, max_words: int = 160) -> list[str]:
    """``count`` real paragraphs of ``min_words``-``max_words`` words, from evenly spread documents."""
    docnums = view.all_docnums()
    found: list[str] = []
    step = max(1, len(docnums) // (count * 3 or 1))
    for docnum in docnums[::step]:
        body = view.stored(docnum).get(F.BODY, "")
        for para in body.split("\n"):
            if min_words <= len(para.split()) <= max_words:
                found.append(para.strip())
                break
        if len(found) >= count:
            break
    return found


def _words(view, count: int) -> list[str]:
    """``count`` distinct plain words of the body field, spread over the lexicon."""
    reader = view.searcher().reader()
    words = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(F.BODY)]
    words = [w for w in words if re.fullmatch(r"[a-z]{3,}", w)]
    step = max(1, len(words) // count)
    return words[::step][:count]


def hostile_queries(view) -> list[tuple[str, str]]:
    """(label, query text) pairs; labels name the family a query belongs to."""
    words = _words(view, 10_000)
    paras = _paragraphs(view, 6)
    queries = [
        ("long token 100k", "a" * 100_000),
        ("long token 10k", "x" * 10_000),
        ("repeated word 40k", " ".join(["a"] * 20_000)),
        ("wildcard storm", " ".join("?" * n for n in range(1, 40))),
        ("star", "*"), ("two stars", "**"), ("star a star", "*a*"), ("star e star", "*e*"),
        ("short prefix", "a*"), ("prefix s", "s*"), ("suffix", "*ing"), ("mixed wildcards", "?*?*?*"),
        ("fields star", "title:* OR author:* OR outlet:* OR speaker:*"),
        ("deep parentheses", "(" * 500 + "pipeline" + ")" * 500),
        ("nested groups", "(" * 60 + " ".join(f"w{i} OR (" for i in range(60)) + "x" + ")" * 121),
        ("10k-term OR", " OR ".join(words)),
        ("10k words", " ".join(words)),
        ("1k-term AND", " AND ".join(words[:1000])),
        ("fuzzy storm", " ".join(f"{w}~2" for w in words[:200:5])),
        ("title range", "title:[a TO z]"),
        ("body range", "[a TO zzz]"),
        ("URL list", "\n".join(f"https://www.example{i}.com/news/2022/02/{w}-story.html"
                               for i, w in enumerate(words[:60]))),
        ("unbalanced", '"' * 301 + "(" * 200),
        ("boost storm", " ".join(f"{w}^99" for w in words[:300])),
        ("control characters", "\x00\x01\x02 pipeline \u202e\ufeff" * 200),
    ]
    for i, para in enumerate(paras):
        queries.append((f"pasted paragraph {i + 1}", para))
    if paras:
        queries.append(("pasted article", "\n\n".join(paras)))
        queries.append(("pasted quote", f"“{' '.join(paras[0].split()[:25])}”"))
    rng = random.Random(23)
    for i in range(FUZZ_COUNT):
        parts = [rng.choice(FUZZ_ALPHABET) for _ in range(rng.randint(1, 14))]
        queries.append(("fuzz", "".join(parts)))
    return queries
