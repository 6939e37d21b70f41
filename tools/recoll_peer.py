"""Time Recoll (Xapian) on a bench corpus, for a manual side-by-side with ``parallax bench``.

Recoll is not on PyPI; on Debian or Ubuntu install ``recollcmd`` and
``python3-recoll`` and run this with the system Python, which has the module:

    /usr/bin/python3 tools/recoll_peer.py WORKDIR/corpus-6000 [--repeats 15]

It writes a Recoll configuration beside the corpus (``<corpus>.recoll``),
indexes the corpus once (reused on later runs), then runs the bench's query
mix warm in one long-lived process (the total and the top 10 with their
abstracts, as the bench asks of Parallax and Tantivy) and prints p50/p95 as
JSON. The entity filter has no Recoll equivalent and is left out.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

QUERIES = [("single term", "government"), ("two terms", "oil prices"), ("phrase", '"prime minister"'),
           ("field query", "title:election OR opinion")]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def index(corpus: Path) -> Path:
    confdir = corpus.with_name(corpus.name + ".recoll")
    confdir.mkdir(exist_ok=True)
    (confdir / "recoll.conf").write_text(f"topdirs = {corpus}\nindexstemminglanguages = english\n"
                                         "indexedmimetypes = text/plain text/markdown\n", encoding="utf-8")
    if not (confdir / "xapiandb").is_dir():
        started = time.perf_counter()
        subprocess.run(["recollindex", "-c", str(confdir)], check=True, capture_output=True)
        print(f"indexed in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return confdir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    from recoll import recoll

    db = recoll.connect(confdir=str(index(args.corpus.resolve())))
    times: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for label, text in QUERIES * (args.repeats + 1):
        started = time.perf_counter()
        query = db.query()
        total = query.execute(text, stemming=1)
        for _ in range(min(total, 10)):
            db.makeDocAbstract(query.fetchone(), query)
        elapsed = (time.perf_counter() - started) * 1000
        if label in totals:  # the first round is the warm-up
            times.setdefault(label, []).append(elapsed)
        totals[label] = total
    every = [t for ts in times.values() for t in ts]
    print(json.dumps({"peer": "recoll", "p50_ms": round(percentile(every, 50), 2),
                      "p95_ms": round(percentile(every, 95), 2), "totals": totals,
                      "by_query_p95_ms": {k: round(percentile(v, 95), 2) for k, v in times.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
