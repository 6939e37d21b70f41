"""Reading PolNeAR (brat standoff) for training and evaluation scripts; never used by the app.

``articles(folder)`` yields each article's text and its attributions (first
annotator's file only, as the shared scorer does); ``parsed(folder, cache)``
adds the product's own spaCy parse, cached as a DocBin so that retraining does
not parse 840 articles again.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

Segs = list[tuple[int, int]]


@dataclass
class Relation:
    content: Segs
    cue: Segs
    source: Segs


@dataclass
class Article:
    name: str  # file stem
    text: str
    relations: list[Relation]


def shared_dir() -> Path:
    env = os.environ.get("PARALLAX_SHARED")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared", Path("/work/shared")]:
        if (cand / "data" / "polnear").is_dir():
            return cand
    raise SystemExit("PolNeAR not found: set PARALLAX_SHARED to the folder holding data/polnear")


def articles(folder: Path) -> Iterator[Article]:
    ann_dir, text_dir = folder / "attributions", folder / "text"
    seen: set[str] = set()
    for ann in sorted(os.listdir(ann_dir)):
        stem = ann.rsplit("_", 1)[0]
        if stem in seen or not (text_dir / f"{stem}.txt").exists():
            continue
        seen.add(stem)
        text = (text_dir / f"{stem}.txt").read_bytes().decode("utf-8")
        yield Article(stem, text, relations(ann_dir / ann))


def relations(ann: Path) -> list[Relation]:
    """The attributions of one annotator's brat file (those with a content). The spans are read
    first: a few files name a span in an attribution line above the span's own line."""
    spans: dict[str, Segs] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            _, _, offs = parts[1].partition(" ")
            spans[parts[0]] = [tuple(map(int, o.split())) for o in offs.split(";")]
        elif parts[0].startswith("E") and len(parts) >= 2:
            events.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
    return [Relation(spans[rel["Content"]], spans.get(rel.get("Cue", ""), []), spans.get(rel.get("Source", ""), []))
            for rel in events if rel.get("Content") in spans]


def parsed(folder: Path, cache: Path | None = None) -> Iterator[tuple[Article, Any]]:
    """(article, Doc) pairs; the Docs come from ``cache`` (a DocBin file) when it is there."""
    from spacy.tokens import DocBin

    from reader.analysis.nlp import load_nlp
    from reader.analysis.pipeline import parse
    from reader.analysis.tokens import ODD_SPACES

    nlp = load_nlp()
    arts = list(articles(folder))
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(arts) and all(d.text == ODD_SPACES.sub(" ", a.text) for d, a in zip(docs, arts)):
            yield from zip(arts, docs)
            return
    docs = []
    for art in arts:
        docs.append(parse(art.text, nlp))
    if cache is not None:
        bin_ = DocBin()
        for doc in docs:
            bin_.add(doc)
        cache.parent.mkdir(parents=True, exist_ok=True)
        bin_.to_disk(cache)
    yield from zip(arts, docs)
