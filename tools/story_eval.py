#!/usr/bin/env python3
"""Measure story grouping against the AllSides dev stories (issue 19's Measure table).

Three steps, each a subcommand:

``write DEST [--bbc N]``
    Writes every excerpt of ``allsides-stories/dev.jsonl`` as its own Markdown
    article (title, outlet and the story's date as front matter) under
    ``DEST/allsides/``, optionally ``N`` distinct BBC articles (a seeded sample)
    under ``DEST/bbc/`` as distractors, and ``DEST/gold.json``: path -> story id
    (BBC articles get ids of their own, ``bbc:<file>``). Import them through
    the real path: ``parallax index --index IX DEST``.

``score GOLD [--index IX] [--stories FILE] [--part all|tune|held]``
    Groups the index (``parallax stories --json --regroup`` output may be given
    instead) and prints B-cubed precision, recall and F1 by article for the
    AllSides articles, and how many BBC articles joined an AllSides story.
    ``--part`` scores only the stories whose id is even (tune) or odd (held),
    so thresholds chosen on one half can be checked on the other.

``baseline GOLD --index IX``
    The naive baseline: scikit-learn TF-IDF over title + text, average-link
    agglomerative clustering on cosine distance, over a range of thresholds
    (needs ``pip install scikit-learn``; not a dependency of the app).

Research data: the corpus is written to a temporary folder, never into the project.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Mapping

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BBC_PREFIX = "bbc:"


def shared_data() -> Path | None:
    from reader.bench.corpus import shared_data_dir

    return shared_data_dir()


# --- writing the corpus ------------------------------------------------------------------

def _front_matter(meta: Mapping[str, str]) -> str:
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def load_stories(path: Path, limit: int | None = None) -> list[dict]:
    """The dev stories, one dict a line, in file order (``limit``: the first N)."""
    stories = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                stories.append(json.loads(line))
            if limit is not None and len(stories) >= limit:
                break
    return stories


def write_allsides(stories: Iterable[dict], dest: Path, dates: bool = True) -> dict[str, str]:
    """One ``.md`` article per excerpt; returns path -> story id (``dates``: with the story's date)."""
    dest.mkdir(parents=True, exist_ok=True)
    gold: dict[str, str] = {}
    for story in stories:
        for n, article in enumerate(story["articles"]):
            meta = {"title": article.get("title", ""), "outlet": article.get("outlet", ""),
                    "date": str(story.get("date", ""))[:10] if dates else "", "url": article.get("url", "")}
            path = dest / f"story-{story['story']}-{n}.md"
            path.write_text(_front_matter(meta) + article["text"].strip() + "\n", encoding="utf-8")
            gold[str(path.resolve())] = str(story["story"])
    return gold


def write_bbc(source: Path, dest: Path, count: int, seed: int = 42) -> dict[str, str]:
    """``count`` distinct BBC articles chosen with ``random.Random(seed)``, copied byte for byte."""
    dest.mkdir(parents=True, exist_ok=True)
    distinct: dict[str, Path] = {}
    for path in sorted(source.glob("*/*.txt")):
        distinct.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    chosen = sorted(random.Random(seed).sample(sorted(distinct.values()), min(count, len(distinct))))
    gold = {}
    for path in chosen:
        target = dest / f"{path.parent.name}-{path.name}"
        target.write_bytes(path.read_bytes())
        gold[str(target.resolve())] = BBC_PREFIX + target.name
    return gold


# --- scoring ------------------------------------------------------------------------------

def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str],
           items: Iterable[str] | None = None) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) by item.

    Clusters are those of all of ``gold``'s items; the per-item scores are
    averaged over ``items`` (default: all of them), so a part of the data is
    scored with every confusion that touches it. An item missing from
    ``predicted`` counts as a cluster of its own.
    """
    pred = {i: predicted.get(i, f"\0missing:{i}") for i in gold}
    chosen = list(gold) if items is None else [i for i in items if i in gold]
    if not chosen:
        return 0.0, 0.0, 0.0
    by_pred: dict[str, list[str]] = defaultdict(list)
    by_gold: dict[str, list[str]] = defaultdict(list)
    for i in gold:
        by_pred[pred[i]].append(i)
        by_gold[gold[i]].append(i)
    precision = recall = 0.0
    for i in chosen:
        same_pred, same_gold = by_pred[pred[i]], by_gold[gold[i]]
        both = sum(1 for j in same_pred if gold[j] == gold[i])
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    precision, recall = precision / len(chosen), recall / len(chosen)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def in_part(story_id: str, part: str) -> bool:
    """The tune half is the stories with an even id, the held half those with an odd one."""
    return part == "all" or int(story_id) % 2 == (0 if part == "tune" else 1)


def score(predicted: Mapping[str, str], gold: Mapping[str, str], part: str = "all") -> dict:
    """B³ on the AllSides articles (all, or the tune/held half) and the BBC intrusions.

    B³ is computed within the AllSides articles, so a BBC article joining a
    story shows up in ``bbc_in_allsides_stories``, not hidden in B³.
    """
    allsides = {p: s for p, s in gold.items() if not s.startswith(BBC_PREFIX)}
    chosen = [p for p, s in allsides.items() if in_part(s, part)]
    p, r, f = bcubed(predicted, allsides, chosen)
    allsides_clusters = {predicted[p] for p in allsides if p in predicted}
    intruders = sorted(p for p, s in gold.items()
                       if s.startswith(BBC_PREFIX) and predicted.get(p) in allsides_clusters)
    return {"part": part, "articles": len(chosen), "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(f, 4), "bbc_in_allsides_stories": len(intruders),
            "intruders": intruders[:20]}


def predicted_from_stories_json(data: dict) -> dict[str, str]:
    """path -> story id from ``parallax stories --json`` output."""
    return {path: str(story["id"]) for story in data["stories"] for path in story["paths"]}


# --- the naive baseline -------------------------------------------------------------------

def baseline(location: Path, gold: Mapping[str, str], thresholds: Iterable[float]) -> list[dict]:
    """TF-IDF (title + text) and average-link agglomerative clustering, per distance threshold."""
    try:
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.metrics.pairwise import cosine_distances
    except ImportError:
        raise SystemExit("the baseline needs scikit-learn: pip install scikit-learn") from None
    from reader.search import fields as F
    from reader.search.store import open_index

    with open_index(location).searcher() as s:
        docs = sorted(((d[F.PATH], d.get(F.TITLE, "") + "\n" + d.get(F.BODY, ""))
                       for d in s.all_stored_fields()))
    paths = [p for p, _ in docs]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(t for _, t in docs)
    distances = cosine_distances(matrix)
    rows = []
    for t in thresholds:
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=t).fit_predict(distances)
        predicted = {p: str(label) for p, label in zip(paths, labels)}
        rows.append({"threshold": t, **score(predicted, gold)})
    return rows


# --- command line ---------------------------------------------------------------------------

def _group(location: Path) -> dict[str, str]:
    from reader.stories.library import regroup

    table = regroup(location)
    return dict(zip(table.paths, table.stories))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write the dev excerpts (and BBC distractors) as articles")
    w.add_argument("dest", type=Path)
    w.add_argument("--bbc", type=int, default=0, metavar="N", help="also write N BBC articles")
    w.add_argument("--stories", type=int, default=None, metavar="N", help="only the first N stories")
    w.add_argument("--no-dates", action="store_true", help="leave the dates out (a robustness check)")
    s = sub.add_parser("score", help="group an index and score it against gold.json")
    s.add_argument("gold", type=Path)
    s.add_argument("--index", type=Path)
    s.add_argument("--stories", type=Path, help="`parallax stories --json` output instead of grouping")
    s.add_argument("--part", choices=("all", "tune", "held"), default="all")
    b = sub.add_parser("baseline", help="score the naive TF-IDF + average-link baseline")
    b.add_argument("gold", type=Path)
    b.add_argument("--index", type=Path, required=True)
    args = parser.parse_args(argv)

    if args.command == "write":
        data = shared_data()
        if data is None:
            raise SystemExit("../shared/data is not here")
        gold = write_allsides(load_stories(data / "allsides-stories" / "dev.jsonl", args.stories),
                              args.dest / "allsides", dates=not args.no_dates)
        if args.bbc:
            gold.update(write_bbc(data / "bbc-news-fulltext", args.dest / "bbc", args.bbc))
        (args.dest / "gold.json").write_text(json.dumps(gold, indent=0), encoding="utf-8")
        print(f"wrote {len(gold)} articles under {args.dest}")
        return 0
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    if args.command == "baseline":
        rows = baseline(args.index, gold, [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95])
        for row in rows:
            print(json.dumps({k: v for k, v in row.items() if k != "intruders"}))
        return 0
    if args.stories:
        predicted = predicted_from_stories_json(json.loads(args.stories.read_text(encoding="utf-8")))
    elif args.index:
        predicted = _group(args.index)
    else:
        raise SystemExit("give --index IX or --stories FILE")
    parts = ("all", "tune", "held") if args.part == "all" else (args.part,)
    for part in parts:
        print(json.dumps(score(predicted, gold, part)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
