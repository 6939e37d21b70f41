#!/usr/bin/env python3
"""Train the reported-speech scorer (``resources/statements.json``) on PolNeAR train.

Run from the project root (needs the ``train`` extra: ``pip install -e '.[train]'``)::

    python tools/train_statements.py [--parses .cache/polnear-train.spacy] [--out resources/statements.json]

Every cue word of the parse gets its candidate contents (``reader.analysis.candidates``:
reporting verbs, "according to", noun cues, line-label colons), each as the parse gives it,
cut shorter, or run on to its sentence's end. A candidate's label is its best overlap with
a gold content segment of an attribution whose cue holds the cue word. Two scorers are fitted
(fixed seed, deterministic solver) and written as plain weights, so the app scores candidates
without scikit-learn:

- a pairwise ranker that puts the candidate nearest the gold content first;
- the cue scorer, on each cue word with the content the ranker picks: positive when the
  word is a gold cue and that content matches its gold at ``ACCEPT_OVERLAP``.

The cue scorer's threshold and its regularisation (``CUE_CS``) are chosen together by
cross-validation on train (``choose_c``). The verb lexicon is
the set of cue words seen at least twice in train plus the general reporting verbs of
``cues.py``; the noun lexicon, the nouns heading at least three verbless gold cues of train.
With ``--open-cues`` (the default) verbs, nouns and adjectives outside both lexicons that govern
a report's complement are candidates too (``reader.analysis.open_cues``), marked with their evidence.
PolNeAR dev is never read here; score it with ``tools/eval_statements.py``.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import ROOT, Article, parsed, shared_dir  # noqa: E402

from reader.analysis.cues import SPEECH_VERBS  # noqa: E402
from reader.analysis.candidates import NEVER_CUES, find_candidates  # noqa: E402
from reader.analysis.reported import Candidate, is_cue_shape  # noqa: E402
from reader.analysis.statement_model import FORMAT, accept_features  # noqa: E402
from reader.analysis.statements import quoted_regions  # noqa: E402

TRIM = "\"'“”‘’«»„‟‹›` \t\r\n\u00a0.,;:!?…—–-"
MIN_CUE_COUNT = 2
MIN_NOUN_COUNT = 3  # a noun must head this many gold cues of train to be a candidate cue
COLONS = True  # a line's short label and colon is a candidate cue
SEED = 13
ACCEPT_OVERLAP = 0.8  # a cue word's chosen content must overlap its gold content this much to count
ANY_VERB = False  # True: every verb is a candidate cue, the lexicon a feature (no better on dev, slower)
OPEN_CUES = True  # True: other words that govern a report's complement ("fretted that") are candidates
ACCEPT_LABEL = "strict"  # or "lenient": what the cue scorer learns to accept (accepted())
OBJECTIVE = "strict"  # the cross-validated F1 that chooses the threshold
ACCEPT_COVER = 0.3  # the lenient label: the chosen content covers this much of its gold content
# the cue scorer's regularisation, chosen by cross-validation with its threshold: it reads the cue
# word itself, so a weaker prior learns train's words by heart (dev rejects twice train's gold cues)
CUE_CS = (0.05, 0.1, 0.25)


def trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b


def overlap_ratio(text: str, s: tuple[int, int], g: tuple[int, int]) -> float:
    s, g = trimmed(text, *s), trimmed(text, *g)
    ov = min(s[1], g[1]) - max(s[0], g[0])
    return ov / max(s[1] - s[0], g[1] - g[0], 1) if ov > 0 else 0.0


def gold_cue_tokens(art: Article, doc):
    """The tokens of each gold cue's first piece."""
    from bisect import bisect_left

    starts = [t.idx for t in doc]
    for rel in art.relations:
        for a, b in rel.cue[:1]:
            yield [t for t in doc[bisect_left(starts, a):bisect_left(starts, b)] if not t.is_space]


def cue_words(art: Article, doc) -> list[str]:
    """The head word of each gold cue, lower case (the verb when the cue has one)."""
    out = []
    for toks in gold_cue_tokens(art, doc):
        verbs = [t for t in toks if is_cue_shape(t)]
        if verbs:
            out.append(verbs[-1].lower_ if len(verbs) > 1 and verbs[0].lower_ in ("has", "have", "had", "is", "was", "will", "would") else verbs[0].lower_)
    return out


def cue_nouns(art: Article, doc) -> list[str]:
    """The noun heading each gold cue that has no verb ("claims", "questions about"), lower case."""
    out = []
    for toks in gold_cue_tokens(art, doc):
        if not any(is_cue_shape(t) for t in toks):
            out += [t.lower_ for t in toks if t.pos_ == "NOUN"][:1]
    return out


def label(art: Article, doc, cand: Candidate) -> float:
    """The best overlap of a candidate's segment with a gold content segment whose cue holds the cue word.

    Segments, not whole spans: a content the cue interrupts is scored piece by piece."""
    tok = doc[cand.cue]
    best = 0.0
    for rel in art.relations:
        if not any(a <= tok.idx < b for a, b in rel.cue):
            continue
        for seg in cand.segments:
            for gold in rel.content:
                best = max(best, overlap_ratio(art.text, seg, gold))
    return best


def cover(art: Article, doc, cand: Candidate) -> float:
    """How much of a gold content segment (of an attribution whose cue holds the cue word) the
    candidate covers at best: the shared scorer's lenient measure, read per gold segment."""
    tok = doc[cand.cue]
    best = 0.0
    segs = [trimmed(art.text, *seg) for seg in cand.segments]
    for rel in art.relations:
        if not any(a <= tok.idx < b for a, b in rel.cue):
            continue
        for gold in rel.content:
            ga, gb = trimmed(art.text, *gold)
            covered = sum(max(0, min(b, gb) - max(a, ga)) for a, b in segs)
            best = max(best, covered / max(gb - ga, 1))
    return best


def build_lexicon(pairs) -> frozenset[str]:
    counts = Counter(w for art, doc in pairs for w in cue_words(art, doc))
    return frozenset({w for w, n in counts.items() if n >= MIN_CUE_COUNT and w.isalpha() and w not in NEVER_CUES}
                     | SPEECH_VERBS)


def build_nouns(pairs) -> frozenset[str]:
    counts = Counter(w for art, doc in pairs for w in cue_nouns(art, doc))
    return frozenset(w for w, n in counts.items() if n >= MIN_NOUN_COUNT and w.isalpha())


def examples(pairs, lexicon, nouns=frozenset()):
    """Per article: (article, doc, {cue token: [(candidate, best overlap)]}, {cue token: is a gold cue},
    {id(candidate): its best gold coverage})."""
    for art, doc in pairs:
        groups: dict[int, list] = {}
        covers: dict[int, float] = {}
        for cand in find_candidates(doc, art.text, quoted_regions(art.text), lexicon, ANY_VERB, nouns, COLONS,
                                    OPEN_CUES):
            groups.setdefault(cand.cue, []).append((cand, label(art, doc, cand)))
            covers[id(cand)] = cover(art, doc, cand)
        cues = {i: any(a <= doc[i].idx < b for rel in art.relations for a, b in rel.cue) for i in groups}
        yield art, doc, groups, cues, covers


def _fit(rows: list[list[str]], ys: list[int], c: float, min_count: int):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in rows for f in set(feats))
    kept = {f for f, n in counts.items() if n >= min_count}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats if f in kept} for feats in rows]).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear wants 32-bit
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=SEED)
    model.fit(x, ys)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-3}
    return {"intercept": round(float(model.intercept_[0]), 4), "weights": dict(sorted(weights.items()))}


def _prob(part: dict, feats: list[str]) -> float:
    import math

    z = part["intercept"] + sum(part["weights"].get(f, 0.0) for f in feats)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def _fit_ranker(groups: list[list[tuple[list[str], float]]], c: float, min_count: int) -> dict:
    """Pairwise ranking: the candidate nearest the gold content against each clearly worse one."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for g in groups for feats, _ in g for f in set(feats))
    kept = {f for f, n in counts.items() if n >= min_count}
    rows, ys = [], []
    for g in groups:
        target = max(g, key=lambda fb: fb[1])
        tset = {f for f in target[0] if f in kept}
        for feats, best in g:
            if best >= target[1] - 0.1:
                continue
            oset = {f for f in feats if f in kept}
            diff = {f: 1 for f in tset - oset} | {f: -1 for f in oset - tset}
            if not diff:
                continue
            sign = 1 if len(rows) % 2 == 0 else -1  # balanced classes, deterministic
            rows.append({f: v * sign for f, v in diff.items()})
            ys.append(int(sign > 0))
    vec = DictVectorizer()
    x = vec.fit_transform(rows).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=SEED, fit_intercept=False)
    model.fit(x, ys)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-3}
    return {"intercept": 0.0, "weights": dict(sorted(weights.items()))}


def fit_ranker(data, c: float, min_count: int) -> tuple[dict, int]:
    """The content ranker, on each gold cue word's candidates (one of them within 0.8 of its gold)."""
    con_groups = []
    for _, _, groups, cues, _ in data:
        for i, group in groups.items():
            if cues[i] and len(group) > 1 and max(best for _, best in group) >= 0.8:
                con_groups.append([(cand.features, best) for cand, best in group])
    return _fit_ranker(con_groups, c, min_count), sum(len(g) for g in con_groups)


def fit_cue(data, content: dict, c: float, min_count: int) -> tuple[dict, int, int]:
    """The cue scorer on each cue word with the content the ranker picks, positive when the word
    is a gold cue and that content overlaps its gold content at ``ACCEPT_OVERLAP`` or more."""
    cue_rows, cue_ys = [], []
    for _, _, groups, cues, covers in data:
        for i, group in groups.items():
            cand, best = max(group, key=lambda cb: _prob(content, cb[0].features))
            cue_rows.append(accept_features(cand.cue_features, cand.features))
            cue_ys.append(accepted(cues[i], best, covers[id(cand)]))
    return _fit(cue_rows, cue_ys, c, min_count), len(cue_ys), sum(cue_ys)


def fit_parts(data, c: float, min_count: int, ranker_c: float | None = None,
              cue_cs: tuple[float, ...] | None = None) -> dict[float, dict]:
    """The content ranker first; then, for each of ``cue_cs`` (default: ``c``), the cue scorer
    on the ranker's picks. One ranker serves every cue scorer, so a grid of C costs one fit each."""
    content, contents = fit_ranker(data, c if ranker_c is None else ranker_c, min_count)
    out = {}
    for cue_c in cue_cs or (c,):
        cue, n_cues, n_gold = fit_cue(data, content, cue_c, min_count)
        out[cue_c] = {"cue": cue, "content": content, "cues": n_cues, "gold_cues": n_gold, "contents": contents}
    return out


def accepted(is_cue: bool, best: float, covered: float) -> int:
    """The cue scorer's label: a gold cue whose chosen content matches its gold (strictly, or
    leniently as the shared scorer's lenient F1 counts it)."""
    if ACCEPT_LABEL == "lenient":
        return int(is_cue and covered >= ACCEPT_COVER)
    return int(is_cue and best >= ACCEPT_OVERLAP)


def choose(parts: dict, groups: dict, threshold: float) -> list:
    out = []
    for group in groups.values():
        cand = max(group, key=lambda cb: _prob(parts["content"], cb[0].features))[0]
        if _prob(parts["cue"], accept_features(cand.cue_features, cand.features)) >= threshold:
            out.append(cand)
    return out


def segment_f1(data_parts: list[tuple[dict, list]], threshold: float, lenient: bool = False) -> float:
    """Strict F1 on the gold contents outside quotation marks (what the quote scanner does not find);
    with ``lenient``, a gold content counts as found when a statement covers 30% of it."""
    tp = n_sys = n_gold = 0
    for parts, data in data_parts:
        for art, doc, groups, *_ in data:
            quoted = quoted_regions(art.text)
            gold = [(a, b) for rel in art.relations for a, b in rel.content
                    if not any(overlap_ratio(art.text, q, (a, b)) >= 0.8 for q in quoted)]
            system = [s for cand in choose(parts, groups, threshold) for s in cand.segments
                      if not any(overlap_ratio(art.text, q, s) >= 0.8 for q in quoted)]
            used = set()
            for g in gold:
                hit = next((k for k, s in enumerate(system) if k not in used and
                            (_covers(art.text, s, g) >= ACCEPT_COVER if lenient else overlap_ratio(art.text, s, g) >= 0.8)), None)
                if hit is not None:
                    used.add(hit)
            tp, n_sys, n_gold = tp + len(used), n_sys + len(system), n_gold + len(gold)
    p, r = tp / max(n_sys, 1), tp / max(n_gold, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def choose_c(cv: dict, objective: str, grid: tuple[float, ...]) -> tuple[float, float]:
    """The C and threshold with the best cross-validated F1. (The most regularised C within one
    standard error, tried too, let open cues with a thing for subject through: "The rain ensured that".)"""
    return max(((c, t) for c in cv for t in grid), key=lambda ct: (cv[ct[0]][objective][ct[1]], -ct[0]))


def set_options(accept_label: str, any_verb: bool, open_cues: bool = OPEN_CUES) -> None:
    """The command line's choices for the module-level settings the example builders read."""
    global ACCEPT_LABEL, ANY_VERB, OPEN_CUES
    ACCEPT_LABEL, ANY_VERB, OPEN_CUES = accept_label, any_verb, open_cues


def _covers(text: str, s: tuple[int, int], g: tuple[int, int]) -> float:
    s, g = trimmed(text, *s), trimmed(text, *g)
    return max(0, min(s[1], g[1]) - max(s[0], g[0])) / max(g[1] - g[0], 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parses", type=Path, default=ROOT / ".cache" / "polnear-train.spacy")
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "statements.json")
    ap.add_argument("--c", type=float, default=0.25, help="the content ranker's inverse regularisation strength")
    ap.add_argument("--ranker-c", type=float, default=None, help="the content ranker's own C (default: --c)")
    ap.add_argument("--cue-c", type=float, nargs="+", default=list(CUE_CS),
                    help="the cue scorer's C values, one chosen with the threshold by cross-validation")
    ap.add_argument("--min-count", type=int, default=3, help="features seen fewer times are dropped")
    ap.add_argument("--folds", type=int, default=4, help="cross-validation folds that choose the threshold")
    ap.add_argument("--accept-label", choices=("strict", "lenient"), default=ACCEPT_LABEL,
                    help="what the cue scorer learns to accept (see accepted())")
    ap.add_argument("--objective", choices=("strict", "lenient"), default=OBJECTIVE,
                    help="the cross-validated F1 that chooses the threshold")
    ap.add_argument("--any-verb", action="store_true", default=ANY_VERB, help="every verb is a candidate cue")
    ap.add_argument("--open-cues", action=argparse.BooleanOptionalAction, default=OPEN_CUES,
                    help="words outside the lexicons that govern a report's complement are candidate cues")
    args = ap.parse_args()
    set_options(args.accept_label, args.any_verb, args.open_cues)

    pairs = list(parsed(shared_dir() / "data" / "polnear" / "train", args.parses))
    lexicon, nouns = build_lexicon(pairs), build_nouns(pairs)
    data = list(examples(pairs, lexicon, nouns))
    folds = [data[k::args.folds] for k in range(args.folds)]
    cue_cs = tuple(args.cue_c)
    fitted = [fit_parts([x for j, f in enumerate(folds) if j != k for x in f], args.c, args.min_count,
                        args.ranker_c, cue_cs) for k in range(args.folds)]
    grid = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
    cv: dict[float, dict[str, dict[float, float]]] = {}
    for cue_c in cue_cs:
        held = [(fitted[k][cue_c], folds[k]) for k in range(args.folds)]
        cv[cue_c] = {kind: {t: segment_f1(held, t, kind == "lenient") for t in grid} for kind in ("strict", "lenient")}
        for kind, by_t in cv[cue_c].items():
            print(f"cue C {cue_c}: cross-validated {kind} F1 by threshold:", {t: round(v, 4) for t, v in by_t.items()})
    cue_c, threshold = choose_c(cv, args.objective, grid)
    print(f"cue C {cue_c}, threshold {threshold}")
    parts = fit_parts(data, args.c, args.min_count, args.ranker_c, (cue_c,))[cue_c]
    out = {"format": FORMAT, "trained_on": "PolNeAR train (first annotator's file of each article)",
           "seed": SEED, "any_verb": args.any_verb, "open_cues": args.open_cues, "c": args.c, **({"ranker_c": args.ranker_c} if args.ranker_c else {}),
           "min_count": args.min_count, "threshold": threshold,
           "accept_label": args.accept_label, "objective": args.objective,
           "cue_c": cue_c, "cv_strict_f1": round(cv[cue_c]["strict"][threshold], 4),
           "cv_lenient_f1": round(cv[cue_c]["lenient"][threshold], 4), "cues": parts["cues"], "gold_cues": parts["gold_cues"],
           "contents": parts["contents"], "lexicon": sorted(lexicon), "nouns": sorted(nouns), "colons": COLONS, "cue": parts["cue"], "content": parts["content"]}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{parts['cues']} cue words ({parts['gold_cues']} gold), {parts['contents']} contents, "
          f"{len(parts['cue']['weights']) + len(parts['content']['weights'])} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
