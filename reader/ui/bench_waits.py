"""The waits a user feels in the real window, timed inside the benchmark's app child.

For each query of the bench's mix (then the cleared field), typed into the
search field and sent as Enter sends it (the typing pause, ``search_delay_ms``,
is reported beside the figures, not inside them):

- **list shown**: from the request to the end of the window's first paint with its answer;
- **panels settled**: to the entities, quotes and coverage panels filled and
  painted, with no search or panel step of the window still pending.

Then a click on the most mentioned person of the entities panel (the
``chosen`` signal a click sends) and the time until list and panels have
settled. Everything runs on the GUI thread between ticks of the event loop,
as the user's own events would; the figures are printed as one ``WAITS {json}``
line.
"""
from __future__ import annotations

import json
import time
from typing import Iterator

from PySide6.QtWidgets import QApplication

from reader.bench.stats import percentile
from reader.ui.bench_child import FirstPaint

_PAINT_WAIT_S = 2.0  # an answer the window did not paint by then is repainted


class _Clock:
    """Wall time and this process's CPU time (every thread) since it started: on a
    shared machine the wall time includes waiting for a core, the CPU time does not."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def ms(self) -> tuple[float, float]:
        return (time.perf_counter() - self.wall) * 1000, (time.process_time() - self.cpu) * 1000


def _summary(times: list[tuple[float, float]]) -> dict[str, float]:
    """Wall-time percentiles, and the same for the CPU time the app used meanwhile."""
    wall, cpu = [w for w, _ in times], [c for _, c in times]
    return {"p50": round(percentile(wall, 50), 1), "p95": round(percentile(wall, 95), 1),
            "worst": round(max(wall, default=0.0), 1), "n": len(wall),
            "cpu_p50": round(percentile(cpu, 50), 1), "cpu_p95": round(percentile(cpu, 95), 1)}


def _paint_panels(window) -> None:
    window.entities_panel.view.viewport().repaint()
    window.quotes_view.viewport().repaint()
    window.coverage_bar.repaint()


def _settle(window, started: _Clock, listed) -> Iterator[tuple | None]:
    """Wait for the answer ``listed()`` recognises to be painted, then for the panels; yields
    None while waiting and finally ((list wall, cpu ms), (panels wall, cpu ms)).

    The list counts as shown at the end of the window's own first paint with that answer
    (``FirstPaint``, as the cold start is timed), not at a repaint forced after it: that
    would paint the rows a second time and add a paint the user never waits for. Should the
    window not paint within ``_PAINT_WAIT_S`` of the answer, the list is repainted then.
    """
    c = window.controller
    shown: list[tuple[float, float]] = []
    probe = FirstPaint(window, listed, lambda: shown.append(started.ms()))
    answered = None
    while not shown:
        if answered is None and listed():
            answered = time.perf_counter()
        elif answered is not None and time.perf_counter() - answered > _PAINT_WAIT_S:
            window.removeEventFilter(probe)
            window.library_view.viewport().repaint()
            shown.append(started.ms())
            break
        yield None
    list_ms = shown[0]
    while c.search_pending():
        yield None
    _paint_panels(window)
    yield list_ms, started.ms()


def measure_waits(app: QApplication, window, mix: list[tuple[str, str]], rounds: int) -> Iterator[bool]:
    """The steps (``yield False``: wait for the next tick); prints ``WAITS {json}`` at the end."""
    c = window.controller
    edit = window.search_edit
    by_query: dict[str, tuple[list[tuple], list[tuple]]] = {}
    steps = [*mix, ("cleared", "")]
    for _ in range(rounds):
        for label, text in steps:
            yield False  # the window idle first: what the last answer left to paint is painted
            started = _Clock()
            edit.setText(text)
            window.run_search_now()  # as Enter does, or the end of the typing pause

            def listed(text=text) -> bool:
                return c.result is not None and c.result.query == text and not c.result.entity_keys

            for got in _settle(window, started, listed):
                if got is None:
                    yield False
                    continue
                lists, panels = by_query.setdefault(label, ([], []))
                lists.append(got[0])
                panels.append(got[1])
    clicks: tuple[list[tuple], list[tuple]] = ([], [])
    person = next((e for e in c.panels().entities if e.type == "person"), None)
    for _ in range(rounds if person is not None else 0):
        yield False
        started = _Clock()
        window.entities_panel.chosen.emit(person.key, person.name)  # what a click sends

        def filtered() -> bool:
            return c.result is not None and person.key in c.result.entity_keys

        for got in _settle(window, started, filtered):
            if got is None:
                yield False
                continue
            clicks[0].append(got[0])
            clicks[1].append(got[1])
        c.clear_filters()
        while c.search_pending() or (c.result is not None and c.result.entity_keys):
            yield False
    typed = [label for label, _ in mix]
    every_list = [t for label in typed for t in by_query[label][0]]
    every_panels = [t for label in typed for t in by_query[label][1]]
    out = {"keys_list_ms": _summary(every_list), "keys_panels_ms": _summary(every_panels),
           "keys_by_query_p95_ms": {label: [round(percentile([w for w, _ in lists], 95), 1),
                                            round(percentile([w for w, _ in panels], 95), 1)]
                                    for label, (lists, panels) in by_query.items()},
           "entity_click_ms": {"list": _summary(clicks[0]), "settled": _summary(clicks[1])},
           "entity_clicked": person.name if person is not None else None,
           "search_delay_ms": window.settings.search_delay_ms}
    print("WAITS " + json.dumps(out), flush=True)
