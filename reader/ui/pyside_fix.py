"""A guard against a reference-counting bug in the installed PySide6 (6.12.0).

With CPython 3.11, every PySide6 6.12.0 call that returns ``void`` (and
``Signal.emit``, which returns ``True``) gives back its result without taking a
reference, so each call drops one reference to ``None`` or ``True``. After
enough calls the interpreter aborts ("none_dealloc: deallocating None").
From Python 3.12 these singletons are immortal and the bug is harmless; here we
give them the same effectively-unbounded reference count. The fix is applied
only when the bug is measured, so it does nothing on a healthy PySide6.
"""
from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal

_BALLAST = 1 << 40  # references granted to each singleton; never reached in practice
_applied = False


class _Probe(QObject):
    ping = Signal()


def _drops_references(obj: object, call) -> bool:
    before = sys.getrefcount(obj)
    for _ in range(16):
        call()
    return sys.getrefcount(obj) - before <= -16


def protect_singletons() -> bool:
    """Detect the bug and, if present, make None/True/False immortal; True if applied."""
    global _applied
    if _applied or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return _applied
    probe = _Probe()
    leaks_none = _drops_references(None, lambda: probe.setObjectName("probe"))
    leaks_true = _drops_references(True, probe.ping.emit)
    if leaks_none or leaks_true:
        for obj in (None, True, False):
            ctypes.c_ssize_t.from_address(id(obj)).value += _BALLAST
        _applied = True
    return _applied
