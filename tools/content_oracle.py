#!/usr/bin/env python3
"""How far can the content ranker go? The candidate-content ceiling on PolNeAR.

Run from the project root::

    python tools/content_oracle.py [train|dev]

For every gold content segment whose cue word has candidates (``reader.analysis.candidates``,
the shipped model's lexicon), it counts whether some candidate matches it strictly (the shared
scorer's 0.8 overlap of the longer span, after trimming), exactly, and whether the ranker's pick
does. When the ceiling is low, better candidates (boundaries) help more than re-ranking.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import ROOT, parsed, shared_dir  # noqa: E402
from train_statements import overlap_ratio, trimmed  # noqa: E402

from reader.analysis.candidates import find_candidates  # noqa: E402
from reader.analysis.statement_model import load_model  # noqa: E402
from reader.analysis.statements import quoted_regions  # noqa: E402


def main() -> int:
    split = sys.argv[1] if len(sys.argv) > 1 else "train"
    model = load_model()
    counts = dict.fromkeys(("gold segments", "cue has candidates", "some candidate strict",
                            "some candidate exact", "ranker pick strict"), 0)
    for art, doc in parsed(shared_dir() / "data" / "polnear" / split, ROOT / ".cache" / f"polnear-{split}.spacy"):
        text = art.text
        groups: dict[int, list] = {}
        for cand in find_candidates(doc, text, quoted_regions(text), model.lexicon, model.any_verb, model.nouns,
                                    model.colons, model.open_cues):
            groups.setdefault(cand.cue, []).append(cand)
        for rel in art.relations:
            if not rel.cue:
                continue
            mine = [g for i, g in groups.items() if any(a <= doc[i].idx < b for a, b in rel.cue)]
            segs = [s for g in mine for c in g for s in c.segments]
            picks = [s for g in mine for s in max(g, key=lambda c: model.content.probability(c.features)).segments]
            for gold in rel.content:
                counts["gold segments"] += 1
                if not segs:
                    continue
                counts["cue has candidates"] += 1
                counts["some candidate strict"] += max(overlap_ratio(text, s, gold) for s in segs) >= 0.8
                counts["some candidate exact"] += any(trimmed(text, *s) == trimmed(text, *gold) for s in segs)
                counts["ranker pick strict"] += max(overlap_ratio(text, s, gold) for s in picks) >= 0.8
    base = max(counts["cue has candidates"], 1)
    for name, n in counts.items():
        print(f"{name:<22} {n:>6}  {n / base:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
