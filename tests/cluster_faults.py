"""Tasks for the cluster tests, sent to the workers by value (they cannot import tests/)."""
from __future__ import annotations

MARK = "PARALLAX-TEST-FAULT"


def failing_batch(log: str, items: list) -> list[dict]:
    """Real analysis, except that a batch holding an article with MARK raises; every
    attempt is logged (one path a line) so the test can count retries."""
    with open(log, "a", encoding="utf-8") as fh:
        fh.writelines(f"{path}\n" for path, _, _ in items)
    if any(MARK in text for _, text, _ in items):
        raise RuntimeError("test fault: this article cannot be analysed")
    from reader.cluster.work import analyze_batch

    return analyze_batch(items)


def bare_records(items: list) -> list[dict]:
    """An empty record per article, at once (for tests of the dispatch itself)."""
    return [{"file": path, "title": text[:20]} for path, text, _ in items]
