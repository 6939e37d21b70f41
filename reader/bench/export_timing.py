"""How long an export takes at library size (target: 2,000 articles' quotes in under 10 s).

    python -m reader.bench.export_timing [--size 2000] [--keep DIR]

builds an index of ``size`` real articles (``corpus.build_corpus``) analysed without
spaCy (``quick_records``: what is measured is the export, not the analysis, and
parsing 2,000 articles takes many minutes), then exports
every article's quotes as CSV, JSON Lines and a REFI-QDA project, and its articles
and entities as CSV. ``parallax bench`` runs ``measure_export`` on its own index
(real analysis) too.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_S = 10.0


def measure_export(location: Path, workdir: Path) -> dict[str, Any]:
    """Seconds to export every article of the index at ``location`` in each format."""
    from reader.export.job import ExportRequest, run_export
    from reader.export.outlet_facts import OutletLookup
    from reader.export.selection import search_selection
    from reader.export.spec import Format, What
    from reader.search.store import open_index
    from reader.search.view import IndexView

    view = IndexView(open_index(location))
    out: dict[str, Any] = {}
    try:
        selection, _ = search_selection(view, "")
        for what, fmt in ((What.QUOTES, Format.CSV), (What.QUOTES, Format.JSONL), (What.QUOTES, Format.QDPX),
                          (What.ARTICLES, Format.CSV), (What.ENTITIES, Format.CSV)):
            target = workdir / f"{what.value}{fmt.suffix}"
            started = time.perf_counter()  # the outlet registry is read inside, as in a first export
            report = run_export(view, selection, ExportRequest(what, fmt, target), outlets=OutletLookup())
            key = f"export_{what.value}_{fmt.value}"
            out[f"{key}_s"] = round(time.perf_counter() - started, 3)
            out[f"{key}_rows"] = report.rows
            out[f"{key}_mb"] = round(target.stat().st_size / 2**20, 2)
        out["export_articles"] = len(selection)
    finally:
        view.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="time exports of a library of real articles")
    parser.add_argument("--size", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--keep", type=Path, help="build and export in DIR, and keep it")
    args = parser.parse_args(argv)
    from reader.bench.corpus import build_corpus
    from reader.bench.quick_records import quick_analyzer
    from reader.search.indexer import update_index

    with tempfile.TemporaryDirectory(prefix="parallax-export-bench-") as tmp:
        base = args.keep or Path(tmp)
        files = build_corpus(args.size, base / "corpus")
        started = time.perf_counter()
        report = update_index(base / "index", [base / "corpus"], analyzer=quick_analyzer)
        result: dict[str, Any] = {"size": args.size, "indexed": len(report.added) + len(report.unchanged),
                                  "index_s": round(time.perf_counter() - started, 1), "files": len(files)}
        (base / "out").mkdir(exist_ok=True)
        result.update(measure_export(base / "index", base / "out"))
    slowest = max(v for k, v in result.items() if k.startswith("export_quotes_") and k.endswith("_s"))
    result["target_met"] = slowest < TARGET_S
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
