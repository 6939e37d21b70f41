#!/usr/bin/env python3
"""How far do PolNeAR's own annotators agree? The human ceiling for the statement scores.

Run from the project root::

    python tools/polnear_agreement.py [train dev]

Some PolNeAR articles were annotated twice (two ``.ann`` files for one text). The shared
scorer (``../shared/eval/score_quotes.py``) reads the first file of each article; this script
scores the second against the first with the scorer's own matching (trimmed spans, strict =
80% of the longer span, lenient = 30% of the gold span, one-to-one), so the engine's F1 can be
read against what two trained people reach on the same texts. PolNeAR test is not used.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import relations, shared_dir  # noqa: E402


def scorer(shared: Path):
    """The shared scorer, imported from its file (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("score_quotes", shared / "eval" / "score_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def contents(sc, ann: Path, text: str) -> list[dict]:
    """Every attribution's content segments in one annotator's file, as the scorer reads them."""
    out = []
    for rel in relations(ann):
        for a, b in rel.content:
            seg = text[a:b].strip()
            out.append({"start": a, "end": b, "direct": seg[:1] in sc.MARKS or text[max(0, a - 1):a] in sc.MARKS})
    return out


def agreement(sc, folder: Path) -> dict[str, float | int]:
    """The second annotator scored against the first, over every doubly annotated article."""
    files: dict[str, list[str]] = defaultdict(list)
    for ann in sorted(os.listdir(folder / "attributions")):
        files[ann.rsplit("_", 1)[0]].append(ann)
    tot = dict.fromkeys(("articles", "first", "second", "strict", "lenient", "ind_first", "ind_second", "ind_strict"), 0)
    for stem, anns in files.items():
        if len(anns) < 2 or not (folder / "text" / f"{stem}.txt").exists():
            continue
        text = sc.read_text(str(folder / "text" / f"{stem}.txt"))
        first, second = (contents(sc, folder / "attributions" / a, text) for a in anns[:2])
        tot["articles"] += 1
        tot["first"] += len(first)
        tot["second"] += len(second)
        tot["strict"] += len(sc.match(first, second, text, 0.8, lenient=False))
        tot["lenient"] += len(sc.match(first, second, text, 0.3, lenient=True))
        ind_first, ind_second = [g for g in first if not g["direct"]], [g for g in second if not g["direct"]]
        tot["ind_first"] += len(ind_first)
        tot["ind_second"] += len(ind_second)
        tot["ind_strict"] += len(sc.match(ind_first, ind_second, text, 0.8, lenient=False))

    def f1(tp: int, a: int, b: int) -> float:
        return round(2 * tp / (a + b), 4) if a + b else 0.0

    return {**tot, "strict_f1": f1(tot["strict"], tot["first"], tot["second"]),
            "lenient_f1": f1(tot["lenient"], tot["first"], tot["second"]),
            "indirect_strict_f1": f1(tot["ind_strict"], tot["ind_first"], tot["ind_second"])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("splits", nargs="*", default=["train", "dev"])
    args = ap.parse_args()
    shared = shared_dir()
    sc = scorer(shared)
    for split in args.splits:
        got = agreement(sc, shared / "data" / "polnear" / split)
        print(f"{split}: {got['articles']} articles annotated twice, {got['first']} / {got['second']} content "
              f"segments; strict F1 {got['strict_f1']:.3f}, lenient F1 {got['lenient_f1']:.3f}, "
              f"outside quotation marks strict F1 {got['indirect_strict_f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
