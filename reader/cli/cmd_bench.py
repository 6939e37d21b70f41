"""``parallax bench``: speed and memory at the corpus sizes people use."""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default="2000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeats", type=int, default=3, help="cold-start runs per size (median)")
    parser.add_argument("--no-window", action="store_true", help="skip the window measurements")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2,
                        help="analysis processes (default: every core)")
    parser.add_argument("--peers", action="store_true",
                        help="run the same queries on Tantivy over the same texts and report the ratios "
                             "(pip install 'parallax-reader[bench]')")
    parser.add_argument("--search-only", action="store_true",
                        help="index without spaCy (a regex stand-in) and measure search only: "
                             "60k articles in minutes")
    parser.add_argument("--stand-in", action="store_true",
                        help="analyse every corpus with the spaCy-free stand-in and keep it for the next "
                             "run (always so above 20,000 articles; spaCy's rate is sampled)")
    parser.add_argument("--workdir", type=Path, metavar="DIR",
                        help="keep corpora and indexes here between runs "
                             "(default: /tmp/parallax-scale-bench for stand-in corpora, else temporary)")


ROWS = [("articles", "size"), ("pipeline articles/s", "pipeline_articles_per_s"),
        ("spaCy nlp.pipe articles/s", "spacy_pipe_articles_per_s"),
        ("pipeline ratio (target ≥ 0.8)", "pipeline_ratio"),
        ("analysis alone ratio, sample (target ≥ 0.8)", "analysis_ratio"),
        ("search top 10 + snippets p50 ms", "search_p50_ms"),
        ("search top 10 + snippets p95 ms (target ≤ 50)", "search_p95_ms"),
        ("search on a fresh view, worst query ms", "search_cold_worst_ms"),
        ("window list (worker) p50 ms", "window_list_p50_ms"),
        ("window list (worker) p95 ms", "window_list_p95_ms"),
        ("entity filter p95 ms (target ≤ 20)", "entity_filter_p95_ms"),
        ("Tantivy p50 ms", "peer_p50_ms"), ("Tantivy p95 ms", "peer_p95_ms"),
        ("Parallax/Tantivy p50 (target ≤ 5)", "peer_ratio_p50"),
        ("Parallax/Tantivy p95", "peer_ratio_p95"),
        ("counts equal an unlimited search", "counts_right"),
        ("hostile queries", "hostile_queries"),
        ("hostile worst s (target ≤ 1.5)", "hostile_worst_s"),
        ("hostile p99 ms (target ≤ 200)", "hostile_p99_ms"),
        ("pasted passage p50 ms", "passage_p50_ms"),
        ("re-index one article s (target ≤ 1)", "incremental_s"),
        ("stories", "stories"), ("group into stories s (target ≤ 60)", "group_s"),
        ("place one new article in a story s (target ≤ 1)", "story_attach_s"),
        ("export all quotes as CSV s", "export_quotes_csv_s"),
        ("export all quotes as REFI-QDA s (target ≤ 10)", "export_quotes_qdpx_s"),
        ("cold start s", "cold_start_s"), ("bare PySide6 window s", "bare_window_s"),
        ("cold start ratio (target ≤ 2; 100k: ≤ 3)", "cold_start_ratio"),
        ("cold start without listing snapshot s", "cold_start_unlisted_s"),
        ("first article shown s (after the list)", "first_article_s"),
        ("panels filled s (after the list)", "panels_filled_s"),
        ("peak RSS MB (target ≤ 400; 100k: ≤ 500)", "peak_rss_mb"),
        ("worst scroll frame ms", "scroll_worst_frame_ms"),
        ("keystroke → list p50 ms", "keys_list_p50_ms"),
        ("keystroke → list p95 ms (10k ≤ 100, 100k ≤ 200)", "keys_list_p95_ms"),
        ("keystroke → panels p50 ms", "keys_panels_p50_ms"),
        ("keystroke → panels p95 ms (10k ≤ 250, 100k ≤ 1000)", "keys_panels_p95_ms"),
        ("entity click → settled p50 ms", "entity_click_settled_p50_ms"),
        ("index on disk MB", "index_mb"),
        ("add one new article s (100k ≤ 2)", "add_one_s"),
        ("import, stand-in analysis, articles/s", "import_stand_in_articles_per_s"),
        ("import with spaCy, articles/s (estimate)", "import_articles_per_s_estimate")]


def _table(results: list[dict]) -> str:
    rows = [(label, key) for label, key in ROWS if any(key in r for r in results)]
    width = max(len(label) for label, _ in rows)
    lines = []
    for label, key in rows:
        values = "".join(f"{str(r.get(key, '—')):>12}" for r in results)
        lines.append(f"{label:<{width}}{values}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from reader.bench.run import run as run_bench
    from reader.cli.common import error

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        return error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        return error("--sizes needs at least one size of 1 or more")
    if args.peers:
        from reader.bench.peers import tantivy_available

        if not tantivy_available():
            return error("--peers needs Tantivy: pip install 'parallax-reader[bench]'")
    results = run_bench(sizes, n_process=max(1, args.processes), repeats=max(1, args.repeats),
                        window=not args.no_window, workdir=args.workdir, peers=args.peers,
                        search_only=args.search_only, stand_in=args.stand_in)
    if args.json:
        print(json.dumps({"schema": "parallax-bench/2", "results": results, "cores": os.cpu_count(),
                          "load_average": [round(x, 2) for x in os.getloadavg()]}, indent=1))
    else:
        print(_table(results))
    return 0
