"""Measuring Parallax at the corpus sizes people use.

For each size: build a corpus, then measure pipeline throughput (analysis +
indexing on both cores) next to spaCy's own ``nlp.pipe`` with the same
components on the same texts, the analysis alone on a sample of them (the
same comparison without the index), search latency with highlighting, the time to
re-index one changed article, and cold start / peak memory / scrolling of
the real window in a child process next to a bare PySide6 window.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from reader.bench.corpus import build_corpus
from reader.bench.grouping import measure_grouping
from reader.bench.export_timing import measure_export
from reader.bench.scale import DEFAULT_WORKDIR, _dir_mb, measure_waits, run_scale_size
from reader.search.listing import listing_path

SPACY_LIMIT = 20_000  # larger corpora: spaCy would take hours; its rate is sampled instead
TARGETS = {"cold_start_ratio": 2.0, "search_p95_ms": 50.0, "pipeline_ratio": 0.8, "analysis_ratio": 0.8,
           "incremental_s": 1.0, "peak_rss_mb": 400.0, "group_s": 60.0, "story_attach_s": 1.0,
           "export_quotes_qdpx_s": 10.0}


def spacy_pipe_seconds(texts: list[str], n_process: int) -> float:
    """spaCy's own ``nlp.pipe`` over ``texts``: the yardstick the pipeline is held to."""
    from reader.analysis.nlp import load_nlp

    nlp = load_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=32):
        pass
    return time.perf_counter() - started


def measure_pipeline(files: list[Path], location: Path, n_process: int) -> dict[str, Any]:
    from reader.search.indexer import update_index
    from reader.sources import load_source

    spacy_s = spacy_pipe_seconds([load_source(p).text for p in files], n_process)
    started = time.perf_counter()
    report = update_index(location, [files[0].parent], full=True)
    ours_s = time.perf_counter() - started
    ours = len(report.added) / ours_s
    spacy = len(files) / spacy_s
    return {"articles": len(report.added), "n_process": n_process,
            "pipeline_s": round(ours_s, 2), "pipeline_articles_per_s": round(ours, 1),
            "spacy_pipe_s": round(spacy_s, 2), "spacy_pipe_articles_per_s": round(spacy, 1),
            "pipeline_ratio": round(ours / spacy, 3), "skipped": len(report.skipped)}


ANALYSIS_SAMPLE = 400  # articles: a steady rate, and cheap beside a 10,000-article import
RATIOS = frozenset({"pipeline_ratio", "analysis_ratio"})  # targets that are floors, not ceilings


def measure_analysis(files: list[Path], n_process: int) -> dict[str, Any]:
    """Parallax's analysis alone (spaCy's parse plus statements, speakers and entities, in the
    import's worker pool) next to spaCy's own ``nlp.pipe`` on the same sample: what the analysis
    costs, apart from the index writing that the pipeline figure also holds."""
    from reader.analysis.pipeline import analyze_many
    from reader.sources import load_source

    sample = files[:: max(1, len(files) // ANALYSIS_SAMPLE)][:ANALYSIS_SAMPLE]
    items = [(str(p), load_source(p).text, None) for p in sample]
    spacy_s = spacy_pipe_seconds([text for _, text, _ in items], n_process)
    started = time.perf_counter()
    count = sum(1 for _ in analyze_many(iter(items), n_process=n_process))
    ours_s = time.perf_counter() - started
    return {"analysis_articles": count, "analysis_s": round(ours_s, 2), "analysis_spacy_s": round(spacy_s, 2),
            "analysis_ratio": round(spacy_s / ours_s, 3)}


def measure_incremental(files: list[Path], location: Path) -> dict[str, Any]:
    from reader.search.indexer import update_index

    target = files[len(files) // 2]
    target.write_text(target.read_text(encoding="utf-8") + "\nA late correction was appended.\n",
                      encoding="utf-8")
    started = time.perf_counter()
    report = update_index(location, [target])
    elapsed = time.perf_counter() - started
    assert len(report.updated) == 1, report.summary()
    return {"incremental_s": round(elapsed, 3)}


BENCH_CHILD = Path(__file__).resolve().parents[1] / "ui" / "bench_child.py"


def _child(args: list[str], home: Path | None = None) -> dict[str, Any]:
    """Run a window child; bytecode caching stays on, as in an installed app (pip and
    PyInstaller ship .pyc files), even where the environment turns it off. ``home``
    holds the app's settings, log and caches (PARALLAX_HOME), never the real home."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if home is not None:
        env.update(PARALLAX_HOME=str(home), PARALLAX_NO_DIALOGS="1")
    # the bare window runs the child as a file (-P: without its folder on the path), so it
    # imports PySide6 alone, not the reader.ui package; the app starts as ``parallax`` does
    where = ["-P", str(BENCH_CHILD)] if args[:1] == ["bare"] else ["-m", "reader.bench.app_child"]
    proc = subprocess.run([sys.executable, *where, *args[1:]],
                          capture_output=True, text=True, timeout=900,
                          env={**env, "QT_QPA_PLATFORM": "offscreen"})
    out: dict[str, Any] = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if parts and parts[0] == "READY":
            out["ready_s"], out["rss_mb"] = float(parts[1]), float(parts[2])
        elif parts and parts[0] == "ARTICLE":
            out["article_s"] = float(parts[1])
        elif parts and parts[0] == "PANELS":
            out["panels_s"], out["rss_after_panels_mb"] = float(parts[1]), float(parts[2])
        elif parts and parts[0] == "SCROLL":
            out["scroll_worst_frame_ms"], out["rss_after_scroll_mb"] = float(parts[1]), float(parts[2])
        elif parts and parts[0] == "WAITS":
            out["waits"] = json.loads(line.split(None, 1)[1])
        elif parts and parts[0] == "RSS":
            out["rss_after_waits_mb"] = float(parts[1])
    if "ready_s" not in out:
        raise RuntimeError(f"benchmark child failed: {proc.stderr[-2000:]}")
    return out


def measure_window(location: Path, articles: int, repeats: int) -> dict[str, Any]:
    """Cold start of the app (through ``run_app``) against a bare window, memory and scrolling.

    The first app run is a warm-up, as the first start on a machine is: it
    writes .pyc files, the outlet registry's cache and the library's listing
    snapshot. One more run without the snapshot gives the start after
    another program changed the library.
    """
    with tempfile.TemporaryDirectory(prefix="parallax-bench-home-") as tmp:
        home = Path(tmp)
        app_args = ["app", str(location), str(articles)]
        _child(["bare"])  # warm-up runs, not counted
        _child(app_args, home)
        bare, app = [], []
        for _ in range(repeats):  # alternated, so both see the same machine load
            bare.append(_child(["bare"]))
            app.append(_child(app_args, home))
        listing_path(location).unlink(missing_ok=True)
        unlisted = _child(app_args, home)  # ...which writes the snapshot again
    bare_s = statistics.median(b["ready_s"] for b in bare)
    app_s = statistics.median(a["ready_s"] for a in app)
    return {"cold_start_s": round(app_s, 3), "bare_window_s": round(bare_s, 3),
            "cold_start_ratio": round(app_s / bare_s, 2),
            "cold_start_unlisted_s": round(unlisted["ready_s"], 3),
            "first_article_s": round(statistics.median(a.get("article_s", 0) for a in app), 3),
            "panels_filled_s": round(statistics.median(a.get("panels_s", 0) for a in app), 3),
            "peak_rss_mb": round(max(max(a["rss_mb"], a.get("rss_after_panels_mb", 0),
                                         a.get("rss_after_scroll_mb", 0)) for a in app), 1),
            "scroll_worst_frame_ms": round(max(a.get("scroll_worst_frame_ms", 0) for a in app), 1)}


def measure_search(location: Path, repeats: int, peers: bool = False) -> dict[str, Any]:
    from reader.bench.search_bench import run_search_size

    figures = run_search_size(0, location.parent, repeats=repeats, peers=peers, location=location)
    figures.pop("size")  # the caller's size stands (a library's search figures said "size": 0)
    return figures


def run_size(size: int, workdir: Path, n_process: int = 2, repeats: int = 3,
             window: bool = True, peers: bool = False, search_only: bool = False) -> dict[str, Any]:
    """Every figure for one corpus size; ``search_only`` indexes without spaCy (the
    regex stand-in) and measures search and the window's keystroke-to-list only."""
    if search_only:
        from reader.bench.search_bench import light_index

        location = light_index(size, workdir)
        result = measure_search(location, repeats=max(5, repeats * 5), peers=peers)
        result["size"] = size
        if window:
            result.update(measure_waits(location, result["articles"], max(3, repeats)))
        return result
    corpus = workdir / f"corpus-{size}"
    location = workdir / f"index-{size}"
    files = build_corpus(size, corpus)
    result: dict[str, Any] = {"size": size}
    result.update(measure_pipeline(files, location, n_process))
    result.update(measure_analysis(files, n_process))
    result.update(measure_search(location, repeats=max(5, repeats * 5), peers=peers))
    result["size"] = size
    result.update(measure_incremental(files, location))
    result.update(measure_grouping(files, location))
    (workdir / f"export-{size}").mkdir(exist_ok=True)
    result.update(measure_export(location, workdir / f"export-{size}"))
    result["index_mb"] = _dir_mb(location)
    if window:
        result.update(measure_window(location, result["articles"], repeats))
        result.update(measure_waits(location, result["articles"], max(3, repeats)))
        result["peak_rss_mb"] = max(result["peak_rss_mb"], result.get("waits_rss_mb") or 0)
    result["targets_met"] = {k: (result[k] >= v if k in RATIOS else result[k] <= v)
                             for k, v in TARGETS.items() if k in result}
    return result


def run(sizes: list[int], n_process: int = 2, repeats: int = 3, window: bool = True,
        workdir: Path | None = None, peers: bool = False, search_only: bool = False,
        stand_in: bool = False) -> list[dict[str, Any]]:
    """``workdir`` keeps corpora and indexes between runs (search-only indexes are reused);
    sizes above ``SPACY_LIMIT`` (or all, with ``stand_in``) are analysed without spaCy and
    kept in ``workdir`` (default ``scale.DEFAULT_WORKDIR``) for the next run."""
    results = []
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as tmp:
        base = workdir or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            if not search_only and (stand_in or size > SPACY_LIMIT):
                results.append(run_scale_size(size, workdir or DEFAULT_WORKDIR, n_process, repeats, window))
            else:
                results.append(run_size(size, base, n_process, repeats, window, peers, search_only))
    return results
