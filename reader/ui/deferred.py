"""Running work after the window has painted what the user is waiting for.

At start-up the list should appear first and the slower parts follow (opening
the index, the first article, the side panels). Queueing them with
``QTimer.singleShot(0, …)`` is not enough: Qt posts repaint requests at low
priority, so such a call runs *before* a pending repaint, and a window that
the platform has not exposed yet is not painted at all until it is. So
``after_paint`` holds the calls until the next paint of the context's window
(a whole window is painted in one go, and the calls are then posted behind
it). With that window not on screen, or no paint within ``GATE_TIMEOUT_MS``,
they run anyway.
"""
from __future__ import annotations

from typing import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

GATE_TIMEOUT_MS = 500  # a hidden or minimised window may never paint

_CALL = QEvent.Type(QEvent.registerEventType())


class _Call(QObject):
    """One deferred call; a child of its context, so it is dropped with it."""

    def __init__(self, fn: Callable[[], None], context: QObject) -> None:
        super().__init__(context)
        self._fn = fn

    def post(self) -> None:
        QCoreApplication.postEvent(self, QEvent(_CALL), Qt.EventPriority.LowEventPriority.value)

    def event(self, event: QEvent) -> bool:
        if event.type() == _CALL:
            self.deleteLater()
            self._fn()
            return True
        return super().event(event)


class _PaintGate(QObject):
    """Holds calls until the next paint of a window they wait for.

    It watches the top-level widgets, not the application: a window's first
    paint starts with its own paint event, and every later repaint with an
    update request to it, which paints synchronously. An application-wide
    filter would also see the hundreds of other events of a starting window,
    each converted for Python, which cost the start-up it is there to speed up.
    """

    def __init__(self) -> None:
        super().__init__()
        self._held: list[_Call] = []
        self._windows: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.release)

    def hold(self, call: _Call, window: QWidget) -> None:
        if not self._held:
            self._timer.start(GATE_TIMEOUT_MS)
        if window not in self._windows:
            window.installEventFilter(self)  # only while calls wait
            self._windows.append(window)
        self._held.append(call)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Paint, QEvent.Type.UpdateRequest):
            self.release()  # the calls are posted now and run when this paint is done
        return False

    def release(self) -> None:
        for window in self._windows:
            if shiboken6.isValid(window):
                window.removeEventFilter(self)
        self._timer.stop()
        held, self._held, self._windows = self._held, [], []
        for call in held:
            if shiboken6.isValid(call):  # its context may be gone (and the call with it)
                call.post()


_gate: _PaintGate | None = None


def _window_of(context: QObject) -> QWidget | None:
    """The top-level widget ``context`` lives in (through its parents), if any."""
    obj = context
    while obj is not None and not isinstance(obj, QWidget):
        obj = obj.parent()
    return obj.window() if obj is not None else None


def after_paint(context: QObject, fn: Callable[[], None]) -> None:
    """Call ``fn`` on the GUI thread once the window of ``context`` has been painted
    (dropped with ``context``)."""
    global _gate
    call = _Call(fn, context)
    window = _window_of(context)
    if window is None or not window.isVisible():
        call.post()  # nothing to wait for: behind the repaints already requested
        return
    if _gate is None:
        _gate = _PaintGate()
    _gate.hold(call, window)
