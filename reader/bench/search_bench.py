"""Search at library scale: warm latency, the window's path, filters, counts, hostile queries, peers.

Every figure is taken on one open ``IndexView``, as the app searches: warm.
``light_index`` builds a corpus's index with the regex stand-in for
analysis (``reader.bench.quick_records``), so a 60k-article index takes
minutes, not hours, and caches it under the work folder between runs.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from reader.bench.corpus import build_corpus
from reader.bench.stats import percentile

QUERY_MIX = [
    ("single term", "government"),
    ("two terms", "oil prices"),
    ("phrase", '"prime minister"'),
    ("field query", "title:election OR kind:opinion"),
    ("entity filter", None),  # the corpus' most mentioned person, no words
]
SEARCH_TARGETS = {"search_p95_ms": 50.0, "hostile_worst_s": 1.5, "hostile_p99_ms": 200.0,
                  "peer_ratio_p50": 5.0, "entity_filter_p95_ms": 20.0}
HOSTILE_TIMEOUT_S = 60  # a query still running after this is stopped and counted at this time


def light_index(size: int, workdir: Path) -> Path:
    """The index of a ``size``-article corpus built without spaCy (reused when present)."""
    from reader.search.indexer import update_index
    from reader.search.store import open_index
    from reader.bench.quick_records import quick_analyzer

    location = workdir / f"light-index-{size}"
    try:
        with open_index(location).searcher() as s:
            if s.doc_count() == size:
                return location
    except Exception:  # noqa: BLE001 - missing, old or damaged: build it
        pass
    corpus = workdir / f"corpus-{size}"
    build_corpus(size, corpus)
    update_index(location, [corpus], full=True, analyzer=quick_analyzer)
    return location


def _ms(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _summary(times: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(times, 50), 2), "p95": round(percentile(times, 95), 2)}


def top_person(view) -> str | None:
    from reader.search.articles import entity_counts

    people = [e for e in entity_counts(view) if e.type == "person"]
    return people[0].key if people else None


def measure_warm(view, repeats: int, peer=None) -> dict[str, Any]:
    """Top 10 with snippets (the CLI's search) and the window's list (``compute_matches``).

    With a peer, each query runs in both engines in turn (interleaved), so
    both see the same machine load.
    """
    from reader.search.query import search
    from reader.search.results import compute_matches
    from reader.search.view import IndexView

    person = top_person(view)
    ours: dict[str, list[float]] = {}
    window: dict[str, list[float]] = {}
    theirs: dict[str, list[float]] = {}
    cold: dict[str, float] = {}
    for label, text in QUERY_MIX:
        keys = (person,) if text is None and person else ()
        text = text or ""
        fresh = IndexView(view.ix)  # the first run on a view that has read nothing yet: cold
        cold[label] = round(_ms(lambda: search(fresh, text, entity_keys=keys, limit=10)), 2)
        fresh.close()
        search(view, text, entity_keys=keys, limit=10)  # warm-up, not counted
        compute_matches(view, text, keys)
        if peer is not None:
            peer.search(text, keys)
        for _ in range(repeats):
            ours.setdefault(label, []).append(_ms(lambda: search(view, text, entity_keys=keys, limit=10)))
            window.setdefault(label, []).append(_ms(lambda: compute_matches(view, text, keys)))
            if peer is not None:
                theirs.setdefault(label, []).append(_ms(lambda: peer.search(text, keys)))
    every = [t for ts in ours.values() for t in ts]
    every_window = [t for ts in window.values() for t in ts]
    out: dict[str, Any] = {
        "search_p50_ms": round(percentile(every, 50), 2), "search_p95_ms": round(percentile(every, 95), 2),
        "search_by_query_p95_ms": {k: round(percentile(v, 95), 2) for k, v in ours.items()},
        "search_cold_by_query_ms": cold, "search_cold_worst_ms": max(cold.values(), default=0.0),
        "window_list_p50_ms": round(percentile(every_window, 50), 2),
        "window_list_p95_ms": round(percentile(every_window, 95), 2),
        "window_list_by_query_p95_ms": {k: round(percentile(v, 95), 2) for k, v in window.items()},
        "entity_filter_p95_ms": round(max(percentile(ours.get("entity filter", [0]), 95),
                                          percentile(window.get("entity filter", [0]), 95)), 2),
    }
    if peer is not None:
        every_peer = [t for ts in theirs.values() for t in ts]
        out.update({"peer": "tantivy", "peer_p50_ms": round(percentile(every_peer, 50), 2),
                    "peer_p95_ms": round(percentile(every_peer, 95), 2),
                    "peer_by_query_p95_ms": {k: round(percentile(v, 95), 2) for k, v in theirs.items()}})
        out["peer_ratio_p50"] = round(out["search_p50_ms"] / max(out["peer_p50_ms"], 1e-3), 2)
        out["peer_ratio_p95"] = round(out["search_p95_ms"] / max(out["peer_p95_ms"], 1e-3), 2)
    return out


def unlimited_count(view, text: str, entity_keys: tuple[str, ...] = ()) -> int:
    """The number of matches by Whoosh's own parser and unscored matching (the reference)."""
    from whoosh import qparser
    from whoosh import query as wq

    from reader.search.query import entity_filter

    from reader.search import fields as F

    parser = qparser.MultifieldParser(list(F.DEFAULT_FIELDS), view.searcher().schema)
    parts = [parser.parse(text)] if text.strip() else []
    entities = entity_filter(view, entity_keys)  # an entity is every key the name table unites
    parts += [entities] if entities is not None else []
    q = wq.And(parts) if len(parts) > 1 else parts[0] if parts else wq.Every()
    return len(set(view.searcher().docs_for_query(q)))


def measure_counts(view, peer=None) -> dict[str, Any]:
    """Each mix query's total from the CLI's search, the window's list, the reference and the peer."""
    from reader.search.query import search
    from reader.search.results import compute_matches

    person = top_person(view)
    counts: dict[str, dict[str, int]] = {}
    for label, text in QUERY_MIX:
        keys = (person,) if text is None and person else ()
        text = text or ""
        row = {"search": search(view, text, entity_keys=keys, limit=10).total,
               "window": compute_matches(view, text, keys).total,
               "unlimited": unlimited_count(view, text, keys)}
        if peer is not None:
            row["peer"] = peer.search(text, keys)
        counts[label] = row
    right = all(r["search"] == r["window"] == r["unlimited"] for r in counts.values())
    return {"counts": counts, "counts_right": right}


class _Overtime(Exception):
    pass


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread only; elsewhere it just runs)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def fire(_signum, _frame):
        raise _Overtime()

    previous = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def measure_hostile(view, timeout_s: int = HOSTILE_TIMEOUT_S) -> dict[str, Any]:
    """Worst and p99 time over the hostile set, through the CLI's and the window's search."""
    from reader.bench.hostile import hostile_queries
    from reader.search.query import search
    from reader.search.results import compute_matches

    times: list[float] = []
    worst: dict[str, float] = {}
    passage: list[float] = []
    overtime = raised = 0
    for label, text in hostile_queries(view):
        for run in (lambda: search(view, text, limit=10), lambda: compute_matches(view, text, ())):
            started = time.perf_counter()
            try:
                with _deadline(timeout_s):
                    run()
            except _Overtime:
                overtime += 1
            except Exception:  # noqa: BLE001 - a query that raises is a finding, not a crash
                raised += 1
            elapsed = (time.perf_counter() - started) * 1000
            times.append(elapsed)
            worst[label] = max(worst.get(label, 0.0), elapsed)
            if label.startswith("pasted"):
                passage.append(elapsed)
    ranked = sorted(worst.items(), key=lambda kv: -kv[1])
    return {"hostile_queries": len(times) // 2, "hostile_worst_s": round(max(times) / 1000, 3),
            "hostile_p99_ms": round(percentile(times, 99), 1),
            "hostile_p50_ms": round(percentile(times, 50), 2),
            "hostile_over_timeout": overtime, "hostile_raised": raised,
            "hostile_slowest_ms": {k: round(v, 1) for k, v in ranked[:8]},
            "passage_p50_ms": round(percentile(passage, 50), 1) if passage else None,
            "passage_worst_ms": round(max(passage), 1) if passage else None}


def run_search_size(size: int, workdir: Path, repeats: int = 15, peers: bool = False,
                    hostile: bool = True, location: Path | None = None) -> dict[str, Any]:
    """Every search figure for one corpus size (the index is built once and cached)."""
    from reader.search.store import open_index
    from reader.search.view import IndexView

    location = location or light_index(size, workdir)
    view = IndexView(open_index(location))
    result: dict[str, Any] = {"size": size, "articles": view.doc_count()}
    peer = None
    if peers:
        from reader.bench.peers import TantivyPeer, tantivy_available

        if tantivy_available():
            peer = TantivyPeer(view, location.parent / f"tantivy-{location.name}")
        else:
            result["peer"] = "not installed (pip install 'parallax-reader[bench]')"
    result.update(measure_warm(view, repeats, peer))
    result.update(measure_counts(view, peer))
    if hostile:
        result.update(measure_hostile(view))
    result["search_targets_met"] = {k: result[k] <= v for k, v in SEARCH_TARGETS.items() if k in result}
    view.close()
    return result
