#!/usr/bin/env python3
"""Train the background word statistics story grouping weighs words by (``resources/story_idf.json``).

Grouping weighs a word by how rare it is. Measured on the library alone, a
library about one event makes that event's own words (in every article) worth
nothing, and its articles fall apart. So the weight also counts a background
of general news: in how many of these articles each word stem occurs, with the
same features grouping reads (the title and the first words of the text,
``reader.stories.features.term_counts``).

The background is the Article-Bias-Prediction sample (US outlets, 2012-2020),
PolNeAR's train and dev texts (2016 election) and the MBIC articles, from
``../shared/data``. The BBC articles and the AllSides stories are left out on
purpose: they are the distractors and the gold stories the grouping is
measured on. Only stems in at least ``MIN_DF`` articles are kept (a rarer stem
weighs as much as an unseen one). Deterministic: the same data gives the same
file, byte for byte.

    python tools/train_story_idf.py            # writes resources/story_idf.json
    python tools/train_story_idf.py --check    # fails if the file is out of date
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MIN_DF = 3
OUTPUT = ROOT / "resources" / "story_idf.json"


def background(data: Path) -> Iterator[tuple[str, str, str]]:
    """(source, title, text) of every background article."""
    with open(data / "article-bias-prediction-sample" / "abp_sample.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if (rec.get("content_original") or "").strip():
                yield "article-bias-prediction-sample", rec.get("title", ""), rec["content_original"]
    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            title, _, text = path.read_text(encoding="utf-8").partition("\n")
            yield "polnear", title.strip(), text
    with open(data / "babe-mbic" / "mbic_articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = (rec.get("text") or "").strip()
            if text:
                title, _, rest = text.partition("\n")
                yield "mbic", title.strip(), rest


def train(data: Path) -> dict:
    from reader.stories.features import term_counts

    df: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    sources: Counter[str] = Counter()
    for source, title, text in background(data):
        key = (title, text[:500])
        if key in seen:  # the same article in two datasets counts once
            continue
        seen.add(key)
        sources[source] += 1
        df.update(term_counts(title, text).keys())
    kept = {stem: n for stem, n in sorted(df.items()) if n >= MIN_DF}
    return {"format": 1, "documents": sum(sources.values()), "min_df": MIN_DF,
            "sources": dict(sorted(sources.items())), "df": kept}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead")
    args = parser.parse_args(argv)
    from reader.bench.corpus import shared_data_dir

    data = shared_data_dir()
    if data is None:
        raise SystemExit("../shared/data is not here (or set PARALLAX_SHARED)")
    text = json.dumps(train(data), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    if args.check:
        same = OUTPUT.is_file() and OUTPUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUTPUT} differs from what the data gives")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    model = json.loads(text)
    print(f"wrote {OUTPUT}: {len(model['df'])} stems from {model['documents']} articles {model['sources']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
