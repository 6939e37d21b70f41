"""Garbage collection paused while the desktop app starts.

Starting the window creates tens of thousands of objects that live as long as
the app (modules, classes, Qt's enum types, the library listing) and hardly
any garbage cycles. CPython still walks its young objects every 700
allocations: about 70 passes, 10–15 ms of a 0.3 s start, finding nothing.
``reader.cli.gui_main`` pauses collection before it imports the UI, and
``run_app`` resumes it once the window has painted, or when it returns.
"""
from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop automatic collection (a caller's own ``gc.disable()`` is left as it is)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Undo ``pause``; safe to call more than once, or without a pause."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
