"""What a Dask worker runs: analysis of a batch of articles, as plain JSON.

Workers receive the articles' text (the client reads the files), so they need
Parallax installed but no access to the files. spaCy is loaded once per
worker process (``reader.analysis.nlp`` keeps it), by the first batch.
"""
from __future__ import annotations

Item = tuple[str, str, "dict | None"]  # (path, text, metadata hints), as analyze_many takes them


def analyze_batch(items: list[Item]) -> list[dict]:
    """The records of a batch, in its order (one spaCy pipe over the batch, as on one machine)."""
    from reader.analysis.pipeline import analyze_many

    return [rec.to_json() for rec in analyze_many(items, n_process=1)]


def worker_version() -> str:
    """The Parallax version a worker runs (the client warns when it is not its own)."""
    from reader import __version__

    return __version__
