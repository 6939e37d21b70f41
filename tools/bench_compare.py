"""Time Compare on 200 and 2,000 real articles (``tools/bench_compare.py [--keep DIR]``).

The corpus is the Article-Bias-Prediction sample first (many outlets on the
same topics), then BBC News, from ``../shared/data`` (``PARALLAX_SHARED``);
records come from ``reader.bench.quick_records`` (no spaCy: hours saved, the
shape of real records kept). For each size it prints how long reading the
selection and each step of the comparison take, and with ``--window`` how
long the Compare tab of the real window takes to show it and the longest
stall of the window's event loop meanwhile. ``total_cpu_s`` is the CPU time
the comparison took: on a machine busy with other work the wall time is
longer, on an idle one about the same.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.bench.corpus import real_articles  # noqa: E402


def build(dest: Path, size: int) -> Path:
    from reader.bench.quick_records import quick_analyzer
    from reader.search.indexer import update_index

    corpus, index = dest / "corpus", dest / "index"
    if not index.exists():
        corpus.mkdir(parents=True, exist_ok=True)
        items = sorted(real_articles(), key=lambda item: not item[0].startswith("abp-"))[:size]
        for name, text in items:
            (corpus / name).write_text(text, encoding="utf-8")
        update_index(index, [corpus], analyzer=quick_analyzer)
    return index


def time_core(index: Path, size: int) -> dict:
    from reader.compare.report import compare_selection
    from reader.search.store import open_index
    from reader.search.view import IndexView

    view = IndexView(open_index(index))
    paths = [view.path(n) for n in view.all_docnums()][:size]
    started, cpu = time.perf_counter(), time.process_time()
    result = compare_selection(view, paths)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"articles": len(result.articles), "statements": len(result.statements),
            "speakers": len(result.voices.rows), "groups": len(result.groups),
            "total_s": round(total, 3), "total_cpu_s": round(cpu, 3),
            **{f"{k}_s": round(v, 3) for k, v in result.timings.items()}}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--keep", metavar="DIR", help="build (or reuse) the corpus and index here")
    p.add_argument("--sizes", default="200,2000")
    p.add_argument("--window", action="store_true", help="also time the Compare tab of the real window")
    args = p.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    os.environ.setdefault("PARALLAX_HOME", tempfile.mkdtemp(prefix="parallax-bench-home-"))
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="parallax-bench-compare-"))
    out = {}
    for size in sizes:
        index = build(root / str(size), size)
        out[size] = time_core(index, size)
        if args.window:
            from reader.ui.compare.bench import time_window

            out[size].update(time_window(index))
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
