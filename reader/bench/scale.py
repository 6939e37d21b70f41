"""The bench at library scale: 10,000 and 100,000 articles, the waits a user feels.

``parallax bench --scale --sizes 10000,100000`` builds each library once from
real texts (``corpus.build_corpus``: every real article of ``../shared/data``,
then distinct retellings that keep one article's outlet, date and title and mix
its paragraphs with another's) and analyses it with the spaCy-free stand-in
(``quick_records``: the real quote scanner and metadata detector, patterns for
speakers and entities), so offsets are those of the text indexed. The library
is cached in the work folder (default ``/tmp/parallax-scale-bench``): a second
run measures the same index without rebuilding it. spaCy's own throughput is
measured on a sample, so the full import's time is an estimate from both rates.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "parallax-scale-bench"
SPACY_SAMPLE = 100
# issue 22's targets; None: reported, no target
SCALE_TARGETS: dict[int, dict[str, float]] = {
    10_000: {"keys_list_p95_ms": 100.0, "keys_panels_p95_ms": 250.0},
    100_000: {"cold_start_ratio": 3.0, "keys_list_p95_ms": 200.0, "keys_panels_p95_ms": 1000.0,
              "search_p95_ms": 100.0, "peak_rss_mb": 500.0, "add_one_s": 2.0},
}


def _say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def _dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def scale_index(size: int, workdir: Path) -> tuple[Path, dict[str, Any]]:
    """The ``size``-article library in ``workdir`` (built once) and its build figures."""
    from reader.bench.corpus import build_corpus
    from reader.bench.quick_records import quick_analyzer
    from reader.search.indexer import update_index
    from reader.search.store import open_index

    location, meta_path = workdir / f"index-{size}", workdir / f"index-{size}.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with open_index(location).searcher() as s:
            if s.doc_count() == meta["articles"]:
                return location, {**meta, "index_reused": True}
    except Exception:  # noqa: BLE001 - missing, old or damaged: build it
        pass
    corpus = workdir / f"corpus-{size}"
    shutil.rmtree(corpus, ignore_errors=True)
    _say(f"writing {size} articles into {corpus}")
    build_corpus(size, corpus)

    def progress(done: int, total: int, _path: str) -> None:
        if done and done % 10_000 == 0:
            _say(f"indexed {done} of {total}")

    started, cpu = time.perf_counter(), time.process_time()
    report = update_index(location, [corpus], full=True, analyzer=quick_analyzer, progress=progress)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    meta = {"articles": len(report.added), "corpus_skipped": len(report.skipped),
            "import_stand_in_s": round(elapsed, 1), "import_stand_in_cpu_s": round(cpu, 1),
            "import_stand_in_load": [round(x, 1) for x in os.getloadavg()],
            "import_stand_in_articles_per_s": round(len(report.added) / elapsed, 1)}
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return location, {**meta, "index_reused": False}


def measure_spacy_sample(corpus: Path, n_process: int, count: int = SPACY_SAMPLE) -> dict[str, Any]:
    """spaCy's ``nlp.pipe`` on ``count`` texts spread over the corpus (the import's real analysis)."""
    from reader.bench.run import spacy_pipe_seconds
    from reader.sources import load_source

    files = sorted(corpus.iterdir())
    sample = files[::max(1, len(files) // count)][:count]
    texts = [load_source(p).text for p in sample]
    elapsed = spacy_pipe_seconds(texts, n_process)
    return {"spacy_sample_articles": len(texts), "spacy_pipe_articles_per_s": round(len(texts) / elapsed, 1)}


def measure_add_one(location: Path, workdir: Path) -> dict[str, Any]:
    """Add one new article with the real analysis (spaCy loaded beforehand, as the
    import worker keeps it), then take it out again so the cached library stays as built."""
    from reader.analysis.nlp import load_nlp
    from reader.search.indexer import remove_articles, update_index
    from reader.paths import seeds_dir

    load_nlp()
    extra = workdir / "added" / "late-article.txt"
    extra.parent.mkdir(parents=True, exist_ok=True)
    seed = sorted(seeds_dir().glob("*.txt"))[0].read_text(encoding="utf-8")
    extra.write_text(seed + f"\n\nA late correction, filed at {time.time():.0f}.\n", encoding="utf-8")
    started = time.perf_counter()
    report = update_index(location, [extra], remember=False)
    elapsed = time.perf_counter() - started
    assert len(report.added) == 1, report.summary()
    remove_articles(location, [str(extra.resolve())])
    return {"add_one_s": round(elapsed, 3)}


def measure_waits(location: Path, articles: int, rounds: int) -> dict[str, Any]:
    """Keystroke → list / panels and entity click → settled, in the real window (child)."""
    from reader.bench.run import _child

    with tempfile.TemporaryDirectory(prefix="parallax-bench-home-") as tmp:
        out = _child(["app", str(location), str(articles), str(rounds)], Path(tmp))
    waits = out.get("waits", {})
    result: dict[str, Any] = {"waits_rss_mb": out.get("rss_after_waits_mb")}
    if waits:
        result.update({"keys_list_p50_ms": waits["keys_list_ms"]["p50"],
                       "keys_list_p95_ms": waits["keys_list_ms"]["p95"],
                       "keys_panels_p50_ms": waits["keys_panels_ms"]["p50"],
                       "keys_panels_p95_ms": waits["keys_panels_ms"]["p95"],
                       "entity_click_settled_p50_ms": waits["entity_click_ms"]["settled"]["p50"],
                       "entity_click_settled_worst_ms": waits["entity_click_ms"]["settled"]["worst"],
                       "waits": waits})
    return result


_SPACY_RATE: dict[int, dict[str, Any]] = {}  # measured once per run and core count


def run_scale_size(size: int, workdir: Path, n_process: int = 2, repeats: int = 3,
                   window: bool = True) -> dict[str, Any]:
    """Every figure of issue 22 for one library size (stand-in analysis, cached library)."""
    from reader.bench.run import measure_search, measure_window

    workdir.mkdir(parents=True, exist_ok=True)
    location, built = scale_index(size, workdir)
    result: dict[str, Any] = {"size": size, "analysis": "stand-in (reader.bench.quick_records)", **built}
    result["index_mb"] = _dir_mb(location)
    _say(f"{size}: search")
    result.update(measure_search(location, repeats=max(5, repeats * 5)))
    _say(f"{size}: adding one article")
    result.update(measure_add_one(location, workdir))
    if n_process not in _SPACY_RATE:
        _say(f"spaCy on {SPACY_SAMPLE} articles")
        _SPACY_RATE[n_process] = measure_spacy_sample(workdir / f"corpus-{size}", n_process)
    result.update(_SPACY_RATE[n_process])
    per_article = 1 / result["spacy_pipe_articles_per_s"] + 1 / result["import_stand_in_articles_per_s"]
    result["import_articles_per_s_estimate"] = round(1 / per_article, 1)
    result["import_estimate_h"] = round(size * per_article / 3600, 2)
    if window:
        _say(f"{size}: window")
        result.update(measure_window(location, result["articles"], repeats))
        result.update(measure_waits(location, result["articles"], max(3, repeats)))
        result["peak_rss_mb"] = max(result["peak_rss_mb"], result.get("waits_rss_mb") or 0)
    targets = SCALE_TARGETS.get(size, {})
    result["scale_targets"] = targets
    result["scale_targets_met"] = {k: result[k] <= v for k, v in targets.items() if k in result}
    return result
