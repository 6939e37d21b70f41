"""Analysis on a real Dask LocalCluster (2 worker processes, one thread each):
the records equal the single-process ones, failures are retried once and reported,
and the dispatch keeps a bounded window of work in flight."""
from __future__ import annotations

import io
import json
import os
from functools import partial

import cloudpickle
import pytest

import cluster_faults
from records_helpers import SEEDS, bbc_lines, bbc_sample, seed_lines
from reader.cli import main
from reader.cluster import dispatch
from reader.cluster.connect import dask_client
from reader.cluster.dispatch import ClusterAnalyzer
from reader.cluster.run import write_records


@pytest.fixture(scope="module")
def client():
    """``--dask local:2`` as the CLI starts it: worker processes, each loading spaCy once."""
    cloudpickle.register_pickle_by_value(cluster_faults)
    with dask_client("local:2") as c:
        assert len(c.scheduler_info()["workers"]) == 2
        yield c


def test_seed_records_from_the_cluster_equal_single_process(client, tmp_path, capsys):
    out = tmp_path / "records.jsonl"
    code = main(["analyze", "--dask", client.scheduler.address, "--out", str(out), str(SEEDS)])
    assert code == 0, capsys.readouterr().err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    assert lines == list(seed_lines())
    assert not (tmp_path / "records.jsonl.part").exists()
    first = json.loads(lines[0])
    assert first["schema"] == "parallax.record/1" and first["record"]["quotes"]
    assert "wrote 5 records" in capsys.readouterr().err


# 200 articles take about two minutes on a loaded 2-core machine (single process + cluster)
SLOW = [pytest.mark.slow, pytest.mark.skipif(os.environ.get("PARALLAX_SLOW") != "1",
                                             reason="200 BBC articles twice (minutes); set PARALLAX_SLOW=1")]


@pytest.mark.parametrize("count", [40, pytest.param(200, marks=SLOW)])
def test_bbc_records_from_the_cluster_equal_single_process(client, count):
    files = bbc_sample(count)
    analyzer = ClusterAnalyzer(client)
    out = io.StringIO()
    report = write_records(files, out, analyzer, analyzer.failed, say=lambda _: None)
    assert report.written == count and not report.failed and analyzer.retried == 0
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["path"] for line in lines] == [str(f.resolve()) for f in files]
    assert lines == list(bbc_lines(count))


def test_a_failing_file_is_retried_once_then_reported(client, tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text(f"Officials said the talks would go on. {cluster_faults.MARK}\n", encoding="utf-8")
    log = tmp_path / "attempts.log"
    monkeypatch.setattr(dispatch, "analyze_batch", partial(cluster_faults.failing_batch, str(log)))
    out = tmp_path / "records.jsonl"
    code = main(["analyze", "--dask", client.scheduler.address, "--out", str(out), str(SEEDS), str(bad)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"failed {bad}: analysis failed twice (RuntimeError: test fault" in err
    assert "wrote 5 records" in err and "failed 1" in err
    # the five seeds shared the bad file's batch: each was tried in it, then alone, and written
    assert out.read_text(encoding="utf-8").splitlines() == list(seed_lines())
    attempts = log.read_text(encoding="utf-8").splitlines()
    assert attempts.count(str(bad)) == 2
    assert sorted(set(attempts)) == sorted([str(bad), *(str(p.resolve()) for p in SEEDS.glob("*.txt"))])
    assert all(attempts.count(path) == 2 for path in set(attempts))


def test_the_window_bounds_the_articles_in_flight(client):
    pulled = 0

    def items():
        nonlocal pulled
        for i in range(200):
            pulled += 1
            yield f"/articles/{i:03d}.txt", f"article {i:03d} text", None

    analyzer = ClusterAnalyzer(client, batch=3, window=4, task=cluster_faults.bare_records)
    seen, most = [], 0
    for record in analyzer(items()):
        seen.append(record.file)
        most = max(most, pulled - len(seen) + 1)
        assert pulled - len(seen) + 1 <= 3 * 4  # never more than window x batch read ahead
    assert seen == [f"/articles/{i:03d}.txt" for i in range(200)]  # in input order
    assert most == 3 * 4  # and the window was used, not one batch at a time
    assert pulled == 200 and not analyzer.failed


def test_a_scheduler_without_workers_is_said_not_waited_for(tmp_path, monkeypatch, capsys):
    import logging

    from distributed import LocalCluster

    from reader.cluster import connect

    monkeypatch.setattr(connect, "CONNECT_TIMEOUT_S", 1)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None, silence_logs=logging.ERROR,
                      scheduler_kwargs=connect.LOCAL_SCHEDULER) as empty:
        code = main(["analyze", "--dask", empty.scheduler_address, "--out", str(tmp_path / "r.jsonl"), str(SEEDS)])
    assert code == 2
    assert f"the Dask scheduler at {empty.scheduler_address} has no workers" in capsys.readouterr().err
    assert not (tmp_path / "r.jsonl").exists()
