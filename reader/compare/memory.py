"""Building a comparison without stalling the window on garbage collection.

A comparison of 2,000 articles is some 30,000 objects that live until the
next comparison replaces them, and hardly any garbage cycles. While it is
built, CPython's full collections walk the whole growing heap, holding the
interpreter lock for 0.1–0.4 s each (measured: the window's event loop
stalled that long while a worker thread compared, and not at all with
collection paused). So the worker pauses automatic collection while it
builds, and then freezes what exists (``gc.freeze``): later full passes skip
the comparison, which is freed by reference counting when it is replaced
(it holds no cycles). As ``reader.startup_gc`` does, a caller's own
``gc.disable()`` is left alone.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0
_paused = False


@contextmanager
def building() -> Iterator[None]:
    """Pause automatic collection while a long-lived structure is built (nestable, any thread)."""
    global _depth, _paused
    with _lock:
        _depth += 1
        if _depth == 1 and gc.isenabled():
            gc.disable()
            _paused = True
    finished = False
    try:
        yield
        finished = True
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _paused:
                _paused = False
                if finished:
                    gc.freeze()  # what was built stays out of later full collections
                gc.enable()
