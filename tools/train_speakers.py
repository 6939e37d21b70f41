#!/usr/bin/env python3
"""Train the speaker ranker (``resources/speakers.json``) on PolNeAR train.

Run from the project root (needs the ``train`` extra: ``pip install -e '.[train]'``)::

    nice python tools/train_speakers.py [--parses .cache/polnear-train.spacy] [--out resources/speakers.json]
    nice python tools/train_speakers.py --evaluate   # the shipped ranker on PolNeAR dev (never used to fit)

Each article of train is analysed with the rules alone (``analyze_doc(...,
rank_speakers=False)``). A statement whose content meets a gold content (at least
30% of it covered, the scorer's lenient match) and whose gold attribution has a
source gets its candidates (``reader.analysis.speaker_model.candidates``); a
candidate is positive when it is written inside the gold source span, or (the
previous speaker, who is not written) when its name matches the gold source's. A
logistic regression over the candidates' string features is fitted (fixed seed,
deterministic solver) and written as plain weights. The margin by which a
candidate must beat the rules' choice is picked by 3-fold cross-validation over
train's articles. PolNeAR dev is read only by ``--evaluate``.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import ROOT, Article, parsed, shared_dir  # noqa: E402
from train_statements import trimmed  # noqa: E402

from reader.analysis.entities import NameResolver, collect_mentions  # noqa: E402
from reader.analysis.pipeline import analyze_doc  # noqa: E402
from reader.analysis.speaker_model import FORMAT, SpeakerModel, _Doc, candidates  # noqa: E402

SEED = 17
MIN_COUNT = 3
MARGINS = (0.0, 0.05, 0.1, 0.2, 0.3)
C_VALUES = (0.1, 0.3, 1.0, 3.0, 10.0)  # inverse regularisation, picked with the margin by cross-validation
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "hers", "their"}  # as the scorer


def _norm(name: str) -> list[str]:
    name = re.sub(r"[’']s\b", "", name.replace("’", "'").lower())
    return re.sub(r"[^\w' -]", " ", name).split()


def same_name(a: str, b: str) -> bool:
    """The scorer's idea of one speaker: equal, or the same last word, or one word of the other."""
    x, y = _norm(a), _norm(b)
    return bool(x and y) and (x == y or x[-1] == y[-1] or (len(x) == 1 and x[0] in y) or (len(y) == 1 and y[0] in x))


def statements(art: Article, doc) -> list[tuple[list, list[int], str]]:
    """Per matched statement: (candidates, labels, gold source text) on one article."""
    rec = analyze_doc(art.text, doc, art.name, rank_speakers=False)
    resolver = NameResolver(collect_mentions(doc, art.text, rec.boilerplate))
    d = _Doc(doc, art.text)
    out = []
    previous = None
    for q in sorted(rec.quotes, key=lambda q: q.start):
        if q.kind == "scare":
            continue
        qa, qb = trimmed(art.text, q.start, q.end)
        gold, best = None, 0.0
        for rel in art.relations:  # the gold content it overlaps most (of the longer span), as the scorer pairs them
            for a, b in rel.content:
                ga, gb = trimmed(art.text, a, b)
                ov = min(qb, gb) - max(qa, ga)
                if ov > 0 and ov >= 0.3 * max(1, gb - ga) and ov / max(gb - ga, qb - qa, 1) > best:
                    gold, best = rel, ov / max(gb - ga, qb - qa, 1)
        if gold is not None and gold.source:
            src_text = " ".join(art.text[a:b] for a, b in gold.source)
            cands = candidates(d, art.text, q, previous, resolver)
            labels = []
            for c in cands:
                if c.span is not None:
                    hit = any(min(c.span[1], b) - max(c.span[0], a) > 0 for a, b in gold.source)
                else:
                    hit = same_name(c.speaker, src_text)
                labels.append(int(hit))
            if cands:
                out.append((cands, labels, src_text))
        if q.speaker:
            previous = q
    return out


def _fit(groups: list[tuple[list, list[int], str]], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [c.features for cands, _, _ in groups for c in cands]
    ys = [y for _, labels, _ in groups for y in labels]
    counts = Counter(f for feats in rows for f in set(feats))
    kept = {f for f, n in counts.items() if n >= MIN_COUNT}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats if f in kept} for feats in rows]).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=SEED)
    model.fit(x, ys)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-3}
    return round(float(model.intercept_[0]), 4), dict(sorted(weights.items()))


def choose(model: SpeakerModel, cands: list) -> int:
    """Index of the candidate ``rerank`` keeps (the rules' choice unless beaten by the margin, and always
    when the rules named a document), or -1."""
    rule = next((i for i, c in enumerate(cands) if c.origin == "rule"), -1)
    if rule >= 0 and cands[rule].stype == "document":
        return rule
    scored = [(model.probability(c.features), i, c) for i, c in enumerate(cands)]
    best = max(scored, key=lambda s: (s[0], -s[1]))
    rule = next((s for s in scored if s[2].origin == "rule"), None)
    base = rule[0] if rule is not None else 0.5
    if best[2].origin != "rule" and best[0] > base + model.margin:
        return best[1]
    return rule[1] if rule is not None else -1


def accuracy(model: SpeakerModel, groups) -> tuple[float, float, float]:
    """(chosen candidate right, rules' choice right, ranker's top candidate right) over the statements
    whose gold source is named (has a capital letter, as the scorer counts it)."""
    n = ok = rule_ok = top_ok = 0
    for cands, labels, src in groups:
        if not any(ch.isupper() for ch in src) or src.strip().lower() in PRONOUNS:
            continue
        n += 1
        pick = choose(model, cands)
        ok += pick >= 0 and same_name(cands[pick].speaker, src)
        r = next((i for i, c in enumerate(cands) if c.origin == "rule"), -1)
        rule_ok += r >= 0 and same_name(cands[r].speaker, src)
        top = max(range(len(cands)), key=lambda i: model.probability(cands[i].features))
        top_ok += same_name(cands[top].speaker, src)
    return ok / max(1, n), rule_ok / max(1, n), top_ok / max(1, n)


def collect(folder: Path, cache: Path) -> list[list]:
    return [statements(art, doc) for art, doc in parsed(folder, cache)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parses", type=Path, default=ROOT / ".cache" / "polnear-train.spacy")
    ap.add_argument("--dev-parses", type=Path, default=ROOT / ".cache" / "polnear-dev.spacy")
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "speakers.json")
    ap.add_argument("--evaluate", action="store_true", help="score the model at --out on PolNeAR dev and stop")
    args = ap.parse_args()
    shared = shared_dir()
    if args.evaluate:
        data = json.loads(args.out.read_text(encoding="utf-8"))
        model = SpeakerModel(data["weights"], data["intercept"], data["margin"])
        groups = [g for art in collect(shared / "data" / "polnear" / "dev", args.dev_parses) for g in art]
        ok, rule_ok, top_ok = accuracy(model, groups)
        print(json.dumps({"dev_statements": len(groups), "ranker_chosen": round(ok, 4), "rules": round(rule_ok, 4),
                          "ranker_top": round(top_ok, 4)}))
        return 0
    per_article = collect(shared / "data" / "polnear" / "train", args.parses)
    print(f"train: {sum(map(len, per_article))} statements with a gold source", file=sys.stderr)
    folds = [[g for k, art in enumerate(per_article) if k % 3 == f for g in art] for f in range(3)]
    best_c, best_margin, best = C_VALUES[0], MARGINS[0], -1.0
    for c in C_VALUES:
        fitted = [_fit([g for k in range(3) if k != f for g in folds[k]], c) for f in range(3)]
        for margin in MARGINS:
            mean = sum(accuracy(SpeakerModel(w, b, margin), folds[f])[0] for f, (b, w) in enumerate(fitted)) / 3
            print(f"C {c}, margin {margin:.2f}: cross-validated accuracy {mean:.4f}", file=sys.stderr)
            if mean > best + 1e-9:
                best_c, best_margin, best = c, margin, mean
    every = [g for art in per_article for g in art]
    intercept, weights = _fit(every, best_c)
    model = SpeakerModel(weights, intercept, best_margin)
    ok, rule_ok, top_ok = accuracy(model, every)
    args.out.write_text(json.dumps({"format": FORMAT, "trained_on": "PolNeAR train", "seed": SEED,
                                    "C": best_c, "margin": best_margin, "cv_accuracy": round(best, 4),
                                    "intercept": intercept, "weights": weights}, indent=0, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(json.dumps({"C": best_c, "margin": best_margin, "cv_accuracy": round(best, 4), "train_chosen": round(ok, 4),
                      "train_rules": round(rule_ok, 4), "features": len(weights)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
