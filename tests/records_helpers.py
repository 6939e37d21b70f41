"""Records files for the cluster and records-import tests: the seeds and a BBC sample,
analysed on one process (the reference the cluster must equal)."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pytest

from reader.bench.corpus import shared_data_dir

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BBC_SAMPLE = 200


def single_process(paths: list[Path]) -> tuple[list[str], object]:
    """The records lines of ``paths`` analysed in this process (no pool), and the run report."""
    from reader.analysis.pipeline import analyze_many
    from reader.cluster.run import write_records

    out = io.StringIO()
    report = write_records(paths, out, lambda items: analyze_many(items, n_process=1), say=lambda _: None)
    return out.getvalue().splitlines(), report


@lru_cache(maxsize=1)
def seed_lines() -> tuple[str, ...]:
    return tuple(single_process([SEEDS])[0])


def bbc_sample(count: int = BBC_SAMPLE) -> list[Path]:
    """``count`` BBC News articles spread evenly over its five sections, or a skip."""
    data = shared_data_dir()
    bbc = data / "bbc-news-fulltext" if data else None
    if bbc is None or not bbc.is_dir():
        pytest.skip("../shared/data/bbc-news-fulltext is not here (set PARALLAX_SHARED)")
    files = sorted(bbc.glob("*/*.txt"))
    files = files[::len(files) // count][:count]
    assert len(files) == count
    return files


@lru_cache(maxsize=2)
def bbc_lines(count: int) -> tuple[str, ...]:
    lines, report = single_process(bbc_sample(count))
    assert not report.skipped and not report.failed
    return tuple(lines)
