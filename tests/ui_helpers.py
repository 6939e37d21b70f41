"""Helpers for the UI tests: the gold fixture, a stand-in analyzer and an index.

The UI tests use the session ``seed_index`` (real analysis) when the analysis
pipeline is importable; until then they fall back to an index whose records are
built from the hand-checked gold annotation, so the UI can be tested on its own.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Iterable, Iterator

import pytest

from reader.analysis.record import ArticleRecord, Entity, Quote

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DW_FILE = "000_3337df370002df35.txt"


def gold_path() -> Path:
    """The gold annotation: the project's copy, else the shared original."""
    local = ROOT / "tests" / "fixtures" / "seeds_gold.json"
    return local if local.is_file() else ROOT.parent / "shared" / "gold" / "seeds.json"


def load_gold() -> dict[str, dict]:
    """Gold articles by file name."""
    data = json.loads(gold_path().read_text(encoding="utf-8"))
    return {a["file"]: a for a in data["articles"]}


def gold_direct_quotes(file_name: str) -> list[dict]:
    """Quotes with an attribution (speech), excluding hidden boilerplate."""
    article = load_gold()[file_name]
    return [q for q in article["quotes"]
            if q.get("attribution") != "none" and not q.get("in_boilerplate")]


def _line_spans(text: str, lines: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for line in lines:
        for m in re.finditer(re.escape(line), text):
            spans.append((m.start(), m.end()))
    return spans


def gold_record(file_key: str, text: str, gold: dict) -> ArticleRecord:
    """An ArticleRecord built from the gold annotation (the stand-in analysis)."""
    rec = ArticleRecord(file=file_key, title=gold.get("title", ""), outlet=gold.get("outlet"),
                        author=gold.get("author"), published=gold.get("published"),
                        kind=gold.get("kind", "news"))
    rec.boilerplate = _line_spans(text, gold.get("boilerplate", []))
    for q in gold["quotes"]:
        direct = q.get("attribution") != "none"
        rec.quotes.append(Quote(start=q["start"], end=q["end"], text=q["text"],
                                kind="direct" if direct else "scare",
                                speaker=q.get("speaker") if direct else None,
                                speaker_type=q.get("speaker_kind") if direct else None,
                                cue=q.get("cue"), confidence=0.9 if direct else 0.6))
    for etype in ("person", "organisation", "place"):
        for ent in gold.get("entities", {}).get(etype, []):
            forms = ent.get("surface_forms") or [ent["name"]]
            mentions = []
            for form in forms:
                mentions += [(m.start(), m.end()) for m in re.finditer(re.escape(form), text)]
            rec.entities.append(Entity(name=ent["name"], type=etype, aliases=list(forms),
                                       mentions=sorted(mentions)))
    return rec


def gold_analyzer(items: Iterable[tuple[str, str, dict | None]]) -> Iterator[ArticleRecord]:
    """Analyzer for ``update_index``: records from gold, plain ones for other files."""
    gold = load_gold()
    for key, text, hints in items:
        name = Path(key).name
        if name in gold:
            yield gold_record(key, text, gold[name])
        else:
            hints = hints or {}
            first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
            yield ArticleRecord(file=key, title=hints.get("title") or first,
                                outlet=hints.get("outlet"), kind=hints.get("kind", "news"))


_BIAS = {"DW": "center", "RFE/RL": "center", "Bol News": "right"}


def simple_resolver(record, source) -> tuple[str | None, str, list[str]]:
    """Outlet resolver that does not need the outlet registry: (name, bias, aliases)."""
    outlet = record.outlet or source.hints.get("outlet")
    return outlet, _BIAS.get(outlet or "", "unknown"), []


def pipeline_available() -> bool:
    return importlib.util.find_spec("reader.analysis.pipeline") is not None


def build_gold_index(location: Path, sources: list[Path] | None = None) -> Path:
    """Index the seeds (or ``sources``) with the gold stand-in analysis."""
    from reader.search.indexer import update_index

    update_index(location, sources or [SEEDS], analyzer=gold_analyzer, resolver=simple_resolver)
    return location


_GOLD_INDEXES: set[Path] = set()


def index_options(location: Path) -> dict:
    """update_index options matching how ``location`` was built (for rebuilds)."""
    if location in _GOLD_INDEXES:
        return {"analyzer": gold_analyzer, "resolver": simple_resolver}
    return {}


@pytest.fixture(scope="session")
def ui_index(request, tmp_path_factory) -> Path:
    """The seed index: real analysis when available, else the gold stand-in."""
    if pipeline_available():
        try:
            return request.getfixturevalue("seed_index")
        except Exception:  # noqa: BLE001 - the pipeline is still being written
            pass
    location = build_gold_index(tmp_path_factory.mktemp("gold-index"))
    _GOLD_INDEXES.add(location)
    return location


def wait_open(qtbot, window, timeout: int = 30000) -> None:
    """Wait until the window's library is open and its list and panels are shown."""
    qtbot.waitUntil(lambda: window.controller.ready and not window.controller.search_pending(),
                    timeout=timeout)


@pytest.fixture()
def main_window(qtbot, ui_index):
    """The real main window opened on the seed index, with settings isolated."""
    from reader.ui.app import create_window

    window = create_window(index_dir=ui_index, index_options=index_options(ui_index))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    wait_open(qtbot, window)
    return window


@pytest.fixture(autouse=True)
def no_dangling_workers(request):
    """Fail a test that leaves background work running (napari's dangling-thread check)."""
    yield
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from PySide6.QtCore import QThreadPool

    from reader.ui.tasks import _running

    finished = QThreadPool.globalInstance().waitForDone(30000)
    assert finished, "a background task was still running 30 s after the test"
    assert not [t for t in _running if not t.done], "a task never reported back"


class StallMeter:
    """The longest the event loop went without running a 10 ms timer, between ``start``
    and ``stop`` (the technique of test_ui_responsive).

    ``gaps`` holds every interval in milliseconds of wall time; ``busy`` the GUI
    thread's own CPU time in each (its work between two turns of the event loop,
    which a machine busy with other programs does not inflate).
    """

    def __init__(self) -> None:
        import time

        from PySide6.QtCore import QTimer

        self._clock, self._cpu = time.perf_counter, time.thread_time
        self.gaps: list[float] = []
        self.busy: list[float] = []
        self._last, self._last_cpu = self._clock(), self._cpu()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = self._clock(), self._cpu()
        self.gaps.append((now - self._last) * 1000)
        self.busy.append((cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def start(self) -> None:
        self._last, self._last_cpu = self._clock(), self._cpu()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def max(self) -> float:
        assert self.gaps, "the timer never fired"
        return max(self.gaps)


def window_on_a_copy(qtbot, ui_index: Path, tmp_path: Path, index_options: dict | None = None):
    """A window on a private copy of the seed index (which the test may change)."""
    import shutil

    from reader.ui.app import create_window

    location = tmp_path / "index"
    shutil.copytree(ui_index, location)
    win = create_window(index_dir=location, index_options=index_options)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    wait_open(qtbot, win)
    return win


def library_paths(win) -> list[str]:
    """The listed articles' paths, in the order shown."""
    from reader.ui.library.model import LibraryModel

    proxy = win.library_proxy
    return [proxy.index(r, 0).data(LibraryModel.PathRole) for r in range(proxy.rowCount())]
