"""Records/s of ``parallax analyze --out`` on this machine and on a Dask LocalCluster.

Analyses the same BBC News sample (``../shared/data``, or ``PARALLAX_SHARED``)
three ways and prints one JSON object: one process, the local pool
(``-j WORKERS``) and ``--dask local:WORKERS`` (cluster start and spaCy load on
each worker timed apart from the analysis). The load average is printed with
the figures: on a shared machine it is what they mostly measure.

    .venv/bin/python tools/bench_cluster.py --count 200 --workers 2
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path


def sample(count: int) -> list[Path]:
    from reader.bench.corpus import shared_data_dir

    data = shared_data_dir()
    if data is None or not (data / "bbc-news-fulltext").is_dir():
        raise SystemExit("../shared/data/bbc-news-fulltext is not here (or set PARALLAX_SHARED)")
    files = sorted((data / "bbc-news-fulltext").glob("*/*.txt"))
    return files[::len(files) // count][:count]


def timed(files: list[Path], analyzer, failed=None) -> dict:
    from reader.cluster.run import write_records

    out = io.StringIO()
    started = time.perf_counter()
    report = write_records(files, out, analyzer, failed, say=lambda _: None)
    seconds = time.perf_counter() - started
    return {"records": report.written, "seconds": round(seconds, 2),
            "records_per_s": round(report.written / seconds, 2), "failed": len(report.failed),
            "_lines": out.getvalue().splitlines()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from reader.analysis.nlp import load_nlp
    from reader.analysis.pipeline import analyze_many
    from reader.cluster.connect import dask_client
    from reader.cluster.dispatch import ClusterAnalyzer

    files = sample(args.count)
    result = {"articles": len(files), "cpus": os.cpu_count(), "load_before": os.getloadavg()}
    load_nlp()  # the single-process figure without the model load, like the cluster's
    result["single_process"] = timed(files, lambda items: analyze_many(items, n_process=1))
    result[f"pool_j{args.workers}"] = timed(files, lambda items: analyze_many(items, n_process=args.workers))
    started = time.perf_counter()
    with dask_client(f"local:{args.workers}") as client:
        client.run(load_nlp)
        result["cluster_start_s"] = round(time.perf_counter() - started, 2)
        analyzer = ClusterAnalyzer(client)
        result[f"dask_local_{args.workers}"] = timed(files, analyzer, analyzer.failed)
    result["load_after"] = os.getloadavg()
    lines = [result[k].pop("_lines") for k in list(result) if isinstance(result[k], dict)]
    result["records_equal"] = all(other == lines[0] for other in lines)
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
