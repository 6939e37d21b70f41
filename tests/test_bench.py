"""A tiny smoke run of the benchmark command: it works and prints valid JSON.
(The speed targets themselves are measured by ``parallax bench``, not here.)"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT


def test_bench_smoke_run_prints_valid_json():
    out = subprocess.run([sys.executable, "-m", "reader.bench", "--sizes", "14", "--json",
                          "--repeats", "1"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    data = json.loads(out.stdout)
    (result,) = data["results"]
    assert result["size"] == 14 and result["articles"] == 14
    for key in ("pipeline_articles_per_s", "spacy_pipe_articles_per_s", "pipeline_ratio", "analysis_ratio",
                "search_p50_ms", "search_p95_ms", "incremental_s", "cold_start_s",
                "bare_window_s", "cold_start_ratio", "cold_start_unlisted_s", "first_article_s",
                "panels_filled_s", "peak_rss_mb", "group_s", "story_attach_s", "stories",
                "export_quotes_csv_s", "export_quotes_qdpx_s"):
        assert isinstance(result[key], (int, float)) and result[key] > 0, key
    assert result["analysis_articles"] == 14  # a corpus smaller than the sample is analysed whole
    assert result["export_articles"] == 14 and result["export_articles_csv_rows"] == 14
    assert result["first_article_s"] >= result["cold_start_s"]  # the list comes first
    assert result["panels_filled_s"] >= result["cold_start_s"]
    assert set(result["search_by_query_p95_ms"]) == {"single term", "two terms", "phrase",
                                                      "field query", "entity filter"}
    assert data["schema"] == "parallax-bench/2" and len(data["load_average"]) == 3
    assert result["index_mb"] > 0
    # the waits in the real window: every query of the mix, then the cleared field, and a click
    waits = result["waits"]
    assert set(waits["keys_by_query_p95_ms"]) == {"single term", "two terms", "phrase", "field query",
                                                  "cleared"}
    assert waits["keys_list_ms"]["n"] == 4 * 3 and waits["entity_click_ms"]["settled"]["n"] == 3
    assert result["keys_panels_p50_ms"] >= result["keys_list_p50_ms"] > 0  # the panels follow the list
    assert waits["entity_click_ms"]["settled"]["p50"] >= waits["entity_click_ms"]["list"]["p50"] > 0
    assert waits["entity_clicked"] and waits["search_delay_ms"] >= 0


def test_bench_rejects_bad_sizes():
    out = subprocess.run([sys.executable, "-m", "reader", "bench", "--sizes", "ten"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "whole numbers" in out.stderr


def test_a_benchmark_child_reports_its_own_memory_not_its_parents():
    # a forked child inherits the parent's ru_maxrss on Linux; the figure must not
    ballast = bytearray(300 * 2**20)
    ballast[::4096] = b"\x01" * len(ballast[::4096])  # touch every page
    code = "from reader.ui.bench_child import peak_rss_mib; print(peak_rss_mib())"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert 5 < float(out.stdout) < 250  # PySide6 imported: tens of MiB, not the 300 MiB above
    del ballast


def test_bench_search_only_reports_counts_hostile_figures_and_peers(tmp_path):
    import importlib.util

    peers = importlib.util.find_spec("tantivy") is not None
    args = [sys.executable, "-m", "reader.bench", "--sizes", "30", "--json", "--search-only", "--no-window",
            "--workdir", str(tmp_path), *(["--peers"] if peers else [])]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    data = json.loads(out.stdout)
    (result,) = data["results"]
    assert data["schema"] == "parallax-bench/2" and result["articles"] == 30
    assert result["counts_right"] is True and result["hostile_raised"] == 0
    for key in ("search_p50_ms", "search_p95_ms", "window_list_p95_ms", "entity_filter_p95_ms",
                "hostile_worst_s", "hostile_p99_ms", "passage_p50_ms"):
        assert isinstance(result[key], (int, float)), key
    if peers:
        assert result["peer"] == "tantivy" and result["peer_ratio_p50"] > 0
        assert all(row["peer"] >= 0 for row in result["counts"].values())
    again = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0  # the cached corpus index is reused


def test_bench_peers_without_tantivy_says_how_to_get_it():
    import importlib.util

    if importlib.util.find_spec("tantivy") is not None:
        pytest.skip("Tantivy is installed: the search-only run covers --peers")
    out = subprocess.run([sys.executable, "-m", "reader", "bench", "--peers", "--sizes", "10"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "parallax-reader[bench]" in out.stderr


def test_bench_stand_in_library_is_built_once_and_reused(tmp_path):
    # the 100k path at a tiny size: real texts analysed without spaCy, kept for the next run
    args = [sys.executable, "-m", "reader.bench", "--sizes", "12", "--json", "--stand-in", "--no-window",
            "--processes", "1", "--repeats", "1", "--workdir", str(tmp_path)]
    runs = []
    for _ in range(2):
        out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr[-3000:]
        (result,) = json.loads(out.stdout)["results"]
        runs.append(result)
    first, second = runs
    assert first["articles"] == second["articles"] == 12
    assert first["index_reused"] is False and second["index_reused"] is True
    assert second["import_stand_in_articles_per_s"] == first["import_stand_in_articles_per_s"]
    for key in ("index_mb", "add_one_s", "search_p95_ms", "spacy_pipe_articles_per_s",
                "import_articles_per_s_estimate"):
        assert isinstance(second[key], (int, float)) and second[key] > 0, key
    # the added article was taken out again: the cached library is as built
    from reader.search.store import open_index

    with open_index(tmp_path / "index-12").searcher() as s:
        assert s.doc_count() == 12
