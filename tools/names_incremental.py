#!/usr/bin/env python3
"""How long one article added to a large library takes, and how much of it is the name table.

Run from the project root::

    python tools/names_incremental.py [--articles 10000] [--keep DIR] [--spacy]

Builds a library of ``--articles`` real articles (``reader.bench.corpus``: BBC,
Article-Bias-Prediction, PolNeAR, then mixes of them) with the spaCy-free records
of ``reader.bench.quick_records`` — the name table reads the per-article
contributions those records give, so its cost is the same shape as on a spaCy
library — then adds one new article and reports the whole ``update_index`` and
the name table's refresh inside it. ``--spacy`` analyses the added article with
the real pipeline (the library stays spaCy-free). ``--keep DIR`` reuses a library
built there before.
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


def build(size: int, folder: Path) -> Path:
    from reader.bench.corpus import build_corpus
    from reader.bench.quick_records import quick_analyzer
    from reader.search.indexer import update_index

    location = folder / "index"
    if (location / "whoosh").is_dir():
        return location
    files = build_corpus(size, folder / "files")
    started = time.perf_counter()
    report = update_index(location, files, analyzer=quick_analyzer)
    print(f"indexed {report.summary()} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return location


def add_one(location: Path, folder: Path, spacy: bool) -> dict:
    import reader.search.indexer as indexer
    from reader.bench.quick_records import quick_analyzer
    from reader.search.store import open_index

    refresh_times: list[float] = []
    original = indexer.refresh_names

    def timed(ix) -> None:
        started = time.perf_counter()
        original(ix)
        refresh_times.append(time.perf_counter() - started)

    new = folder / f"added-{time.time_ns()}.txt"
    new.write_text("Harbour talks resume\n\nThe talks resumed on Monday. “We are close to a deal,” said "
                   "Maria Okafor, the port authority's chair. Okafor said that both unions had agreed "
                   "to meet again. Prime Minister Keir Starmer welcomed the news in London.\n",
                   encoding="utf-8")
    indexer.refresh_names = timed
    try:
        started = time.perf_counter()
        report = indexer.update_index(location, [new], analyzer=None if spacy else quick_analyzer)
        total = time.perf_counter() - started
    finally:
        indexer.refresh_names = original
    assert len(report.added) == 1, report.summary()
    docs = open_index(location).doc_count()
    return {"articles": docs, "add_s": round(total, 3), "names_refresh_s": round(sum(refresh_times), 3),
            "analyzer": "spacy" if spacy else "quick"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the library in this folder")
    parser.add_argument("--spacy", action="store_true", help="analyse the added article with spaCy")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="names-incremental-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        location = build(args.articles, folder)
        print(json.dumps(add_one(location, folder, args.spacy)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
