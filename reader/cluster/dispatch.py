"""Spreading analysis over a Dask cluster, in bounded memory, in input order.

``ClusterAnalyzer`` has the analyzer shape ``update_index`` takes: (path,
text, hints) items in, records out in the same order. Articles go to the
workers in small batches (a batch is one spaCy pipe); at most ``window``
batches are in flight or waiting to be written, so a 100k-article run never
holds more than a few hundred texts. A batch that fails is retried once, each
of its articles alone (one bad file cannot sink its batch-mates); an article
that fails again is given up: its record is empty and ``failed`` says why.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator

from reader.analysis.record import ArticleRecord
from reader.cluster.work import Item, analyze_batch

BATCH = 8  # articles per task: a spaCy batch, and little lost when a worker dies
WINDOW_PER_WORKER = 4  # batches per worker thread in flight or waiting to be written


class _Slot:
    """One submitted batch, in input order, filled as its tasks finish."""

    def __init__(self, items: list[Item]):
        self.items = items
        self.records: list[ArticleRecord | None] = [None] * len(items)
        self.missing = len(items)

    def fill(self, index: list[int], records: list[ArticleRecord]) -> None:
        for i, rec in zip(index, records, strict=True):
            self.records[i] = rec
        self.missing -= len(index)


def _reason(exc: BaseException | None) -> str:
    name = type(exc).__name__ if exc is not None else "unknown error"
    if name == "KilledWorker":
        return "the worker analysing it died (out of memory, or killed)"
    text = str(exc).strip().splitlines()[0][:200] if exc is not None and str(exc).strip() else ""
    return f"{name}: {text}" if text else name


class ClusterAnalyzer:
    """Analysis on the workers of ``client``; ``failed`` maps the paths given up to the reason."""

    def __init__(self, client: Any, batch: int = BATCH, window: int | None = None,
                 task: Callable[[list[Item]], list[dict]] | None = None):
        self.client = client
        self.batch = max(1, batch)
        threads = max(1, sum(client.nthreads().values()))  # one task at a time per worker thread
        self.window = window or WINDOW_PER_WORKER * threads
        self.task = task or analyze_batch
        self.failed: dict[str, str] = {}
        self.retried = 0  # tasks submitted again after a failure

    def __call__(self, items: Iterable[Item]) -> Iterator[ArticleRecord]:
        from distributed import as_completed

        source = iter(items)
        slots: deque[_Slot] = deque()
        running: dict[str, tuple[Any, _Slot, list[int], int]] = {}  # key -> (future, slot, indices, attempt)
        done = as_completed(loop=self.client.loop)

        def submit(slot: _Slot, index: list[int], attempt: int) -> None:
            future = self.client.submit(self.task, [slot.items[i] for i in index], pure=False, retries=0)
            running[future.key] = (future, slot, index, attempt)
            done.add(future)

        def fill() -> None:
            while len(slots) < self.window:
                batch = [item for _, item in zip(range(self.batch), source)]
                if not batch:
                    return
                slots.append(_Slot(batch))
                submit(slots[-1], list(range(len(batch))), 0)

        try:
            fill()
            while slots:
                while slots and not slots[0].missing:
                    yield from slots.popleft().records  # type: ignore[misc]
                    fill()
                if not slots:
                    break
                future = next(done)
                _, slot, index, attempt = running.pop(future.key)
                records, error = _outcome(future, len(index))
                future.release()
                if records is not None:
                    slot.fill(index, records)
                elif attempt == 0:
                    self.retried += len(index)
                    for i in index:
                        submit(slot, [i], 1)
                else:
                    path = slot.items[index[0]][0]
                    self.failed[path] = f"analysis failed twice ({_reason(error)})"
                    slot.fill(index, [ArticleRecord(file=path, warnings=[self.failed[path]])])
        finally:
            if running:  # an interrupted run leaves nothing computing
                self.client.cancel([future for future, *_ in running.values()])


def _outcome(future: Any, expected: int) -> tuple[list[ArticleRecord] | None, BaseException | None]:
    """The task's records, or why it gave none (an error, a lost worker, a wrong answer)."""
    try:
        if future.status == "finished":
            records = [ArticleRecord.from_json(d) for d in future.result()]
            if len(records) != expected:
                raise ValueError(f"{len(records)} records for {expected} articles")
            return records, None
        return None, future.exception()
    except Exception as exc:  # noqa: BLE001 - a cancelled task, a record that does not decode
        return None, exc
