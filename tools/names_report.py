#!/usr/bin/env python3
"""What the library-wide name table does to a real library: counts before and after, the largest merges.

Run from the project root::

    python tools/names_report.py [--articles 500] [--index DIR] [--top 20] [--json]

Without ``--index`` it writes ``--articles`` articles of the Article-Bias-Prediction
sample (every eighth line, so hundreds of outlets are in it) to a temporary folder
and indexes them with the real pipeline (several minutes for 500 on two cores);
with ``--index`` it reports on an existing library. "Before" counts the entities as
each article names them (its own canonical names, the per-article keys); "after"
counts the library's canonical entities.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(articles: int, stride: int, folder: Path) -> Path:
    from reader.bench.corpus import real_articles
    from reader.search.indexer import update_index

    abp = [(n, t) for n, t in real_articles() if n.startswith("abp-")]
    if not abp:
        raise SystemExit("the Article-Bias-Prediction sample is not here (../shared/data)")
    files = folder / "files"
    files.mkdir(parents=True, exist_ok=True)
    for name, text in abp[::stride][:articles]:
        (files / name).write_text(text, encoding="utf-8")
    location = folder / "index"
    started = time.perf_counter()
    report = update_index(location, [files])
    print(f"indexed {report.summary()} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return location


def report(location: Path, top: int) -> dict:
    from reader.search import fields as F
    from reader.search.articles import entity_counts
    from reader.search.store import open_index
    from reader.search.view import IndexView

    view = IndexView(open_index(location))
    table = view.names().table
    with view.ix.searcher() as s:
        keys = {t.decode() if isinstance(t, bytes) else t for t in s.reader().lexicon(F.ENTITY_KEY)}
    counts = {e.key: e for e in entity_counts(view)}
    out: dict = {"articles": view.doc_count(), "before": {}, "after": {}}
    for etype in ("person", "organisation", "place"):
        mine = {k for k in keys if k.startswith(f"{etype}:")}
        out["before"][etype] = len(mine)
        out["after"][etype] = len({c for c in counts if counts[c].type == etype})
    out["before"]["all"], out["after"]["all"] = len(keys), len(counts)
    merges = []
    for ent in table.entities.values():
        if len(ent.keys) < 2 or ent.id not in counts:
            continue
        biggest = max(_key_articles(view, k) for k in ent.keys)
        merges.append({"name": ent.name, "type": ent.type, "articles": counts[ent.id].count,
                       "gained": counts[ent.id].count - biggest,
                       "spellings": sorted({ent.label_of(k) for k in ent.keys}), "rules": ent.merged_by})
    out["bias_bar_vs_filter"] = bar_vs_filter(view)
    merges.sort(key=lambda m: (-m["gained"], -m["articles"], m["name"]))
    out["largest_merges"] = merges[:top]
    out["merged_entities"] = len(merges)
    return out


def bar_vs_filter(view) -> dict[str, list[int]]:
    """Per bias and ownership class: [the coverage bar's count, what clicking it (the query) finds]."""
    from reader.search.query import find
    from reader.search.results import compute_matches, fill_panels

    coverage = fill_panels(compute_matches(view, "", [])).panels.coverage
    return {f"{field}:{token}": [n, find(view, f"{field}:{token}").total]
            for field, counts in coverage.items() for token, n in sorted(counts.items())}


def _key_articles(view, key: str) -> int:
    from reader.search import fields as F

    with view.ix.searcher() as s:
        return s.doc_frequency(F.ENTITY_KEY, key)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--stride", type=int, default=8, help="take every N-th article of the sample")
    parser.add_argument("--index", type=Path, help="report on this library instead of building one")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="names-report-") as tmp:
        location = args.index or build(args.articles, args.stride, Path(tmp))
        data = report(location, args.top)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(f"{data['articles']} articles")
    print("entities      before  after")
    for etype in ("person", "organisation", "place", "all"):
        print(f"{etype:<12} {data['before'][etype]:>7} {data['after'][etype]:>6}")
    print("\nclass                  bar  filter")
    for name, (bar, found) in data["bias_bar_vs_filter"].items():
        print(f"{name:<22} {bar:>4} {found:>7}")
    print(f"\n{data['merged_entities']} entities unite two keys or more; the {len(data['largest_merges'])} "
          "that gained the most articles:")
    print("| entity | type | articles | + | spellings joined | rules |\n|---|---|---|---|---|---|")
    for m in data["largest_merges"]:
        print(f"| {m['name']} | {m['type']} | {m['articles']} | {m['gained']} | "
              f"{', '.join(m['spellings'])} | {', '.join(m['rules'])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
